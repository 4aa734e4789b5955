/* The C behind tests/tests/cffi_parity_verify.rs: what Python cffi's test_verify.py compiles
 * with `ffi.verify` for the tests mirrored there, gathered in one file (each test's names are
 * its own). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* test_macro */
#define foo_mul(a, b) ((a) * (b))
/* test_ptr */
int *same_ptr(int *a) { return a; }
/* test_ffi_nonfull_struct */
struct nonfull_s { int a, b, x, c, d, e; };
struct nonfull_c { int a, b; char x; };
/* test_struct_with_bitfield_exact */
struct bits_s { int a:2, b:3; };
typedef enum { AA, BB, CC } foo_e;
typedef struct { foo_e f:2; } foo_bits;
/* test_enum_usage */
enum ee { EE1, EE2 };
typedef struct { enum ee x; } *sp;
enum { ANON0 };
enum { ANON1, ANON2 };
/* test_access_callback */
int (*cb)(int);
static int g(int x) { return x * 7; }
int call_cb(int x) { return cb(x); }
void set_cb_to_g(void) { cb = g; }
/* test_varargs */
int sum_n(int n, ...) {
    va_list ap;
    int total = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++) total += va_arg(ap, int);
    va_end(ap);
    return total;
}
/* test_return_partial_struct */
typedef struct { int y, x; } foo_t;
foo_t make_foo(void) { foo_t r = { 45, 81 }; return r; }
foo_t add_foo(foo_t a, foo_t b) { foo_t r = { a.y + b.y, a.x + b.x }; return r; }
/* test_ffi_union */
union u1 { int a; char b; double c; };
/* test_bool */
bool bool_not(bool x) { return !x; }
struct with_bool { bool flag; int n; };
/* test_get_set_errno */
int errno_plus_one(int x) { errno += 1; return x * 7; }
/* test_define_int */
#define DEF_FOO 42
#define DEF_BAR (-44)
#define DEF_BAZ 0xffffffffffffffffULL
/* test_access_array_variable */
int somenumbers[5] = { 2, 2, 3, 4, 5 };
int number_at(int i) { return somenumbers[i]; }
/* test_access_struct_variable */
struct point_s { int x, y; };
struct point_s stuff = { 40, 2 };
int stuff_sum(void) { return stuff.x + stuff.y; }
/* test_call_with_struct_ptr */
typedef struct { int y, x; } foo2_t;
int foo2(foo2_t *f) { return f->x * 7; }
/* test_func_returns_struct, test_funcptr_as_argument */
struct pair { int a, b; };
struct pair make_pair(int a, int b) { struct pair p = { a, b }; return p; }
int apply_op(int (*op)(int, int), int a, int b) { return op(a, b); }
/* test_enum_as_argument, test_enum_as_function_result */
enum color { RED, GREEN = 5, BLUE };
int color_value(enum color c) { return (int)c; }
enum color next_color(enum color c) { return c == RED ? GREEN : BLUE; }
/* test_strlen_exact, test_charstar_argument */
size_t my_strlen(const char *s) { return strlen(s); }
/* test_floatstar_argument */
float sum3(float *xs) { return xs[0] + xs[1] + xs[2]; }
/* test_struct_array_field */
struct arr_s { int a[17]; };
int arr_get(struct arr_s *s, int i) { return s->a[i]; }
/* test_FILE_stored_in_stdout */
int write_to(FILE *f, const char *s) { return fputs(s, f) >= 0; }
