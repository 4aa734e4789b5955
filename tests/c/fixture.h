/* Declarations of the test fixture library. */
#include <stdint.h>
#include <stddef.h>

int add1(int x);

int8_t id_i8(int8_t x);
uint8_t id_u8(uint8_t x);
int16_t id_i16(int16_t x);
uint16_t id_u16(uint16_t x);
int32_t id_i32(int32_t x);
uint32_t id_u32(uint32_t x);
int64_t id_i64(int64_t x);
uint64_t id_u64(uint64_t x);
long id_long(long x);
unsigned long long id_ull(unsigned long long x);
size_t id_size(size_t x);
_Bool negate(_Bool b);
float half(float x);

struct point { int x; int y; };
struct point make_point(int x, int y);
int point_sum(struct point p);
void point_scale(struct point *p, int k);

struct mixed { char c; double d; short s; };
struct mixed make_mixed(char c, double d, short s);

union value { int i; double d; unsigned char bytes[8]; };
double value_as_double(union value v);
union value value_from_int(int i);

enum color { RED, GREEN = 5, BLUE };
enum color next_color(enum color c);
enum color out_of_range_color(void);

extern int counter;
extern const char *greeting;
extern double table[4];
void bump(void);

int sum_ints(int n, ...);
double sum_doubles(int n, ...);
/* Declared parameters too narrow to be variadic ones (a float, a short): a call passes them
   unpromoted, and only what follows `n` as variadic. */
double scaled_sum(float scale, short bias, int n, ...);

struct buffer { int len; unsigned char data[16]; int tail[2]; };
int buffer_sum(const struct buffer *b);

struct flags { unsigned a : 3; unsigned b : 5; int c : 7; };
struct flags make_flags(unsigned a, unsigned b, int c);
int flags_sum(struct flags f);

int apply(int (*f)(int), int x);
size_t c_strlen(const char *s);

void fibo(int *a, int *b);
void vadd(double *a, const double *b, int n);
double dsum(const double *xs, int n);
int count_or_minus_one(const int *xs, int n);
const char *echo(const char *s);

long sum9(long a, long b, long c, long d, long e, long f, long g, long h, long i);
double dsum9(double a, double b, double c, double d, double e, double f, double g, double h, double i);
double mix(signed char a, float b, unsigned short c, double d, long long e, float f);
signed char narrow_neg(void);
unsigned short narrow_u16(void);
float third(void);
