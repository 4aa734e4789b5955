/* Declarations whose details the bindings leave to the C compiler (`...`). */
#ifndef PARTIAL_H
#define PARTIAL_H
enum mode { MODE_READ = 4, MODE_WRITE = 8, MODE_SECRET = 100 };
#define BUFFER_SIZE (16 * 32)
#define OFFSET (-12)
typedef unsigned short counter_t;
struct record { int id; char label[13]; double value; long long stamp; };
extern int fib_table[7];
double record_value(const struct record *r);
static inline int twice(int x) { return 2 * x; }
#define SQUARE(x) ((x) * (x))
/* Passed by value: C puts `b` in a floating-point register, which bytes would not reach. */
struct mixed { long a; double b; char note[3]; };
struct mixed mixed_make(long a, double b);
double mixed_sum(struct mixed m);
/* Holds a record only the compiler can measure. */
union holder { struct record r; char tag; };
struct flagged { int count; _Bool on; char rest[3]; };
extern struct flagged current_flags;
#endif
