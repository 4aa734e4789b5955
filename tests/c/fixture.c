/* A small library with one function for each thing the bindings must get right. */
#include <stdarg.h>
#include <string.h>
#include "fixture.h"

int add1(int x) { return x + 1; }

int8_t id_i8(int8_t x) { return x; }
uint8_t id_u8(uint8_t x) { return x; }
int16_t id_i16(int16_t x) { return x; }
uint16_t id_u16(uint16_t x) { return x; }
int32_t id_i32(int32_t x) { return x; }
uint32_t id_u32(uint32_t x) { return x; }
int64_t id_i64(int64_t x) { return x; }
uint64_t id_u64(uint64_t x) { return x; }
long id_long(long x) { return x; }
unsigned long long id_ull(unsigned long long x) { return x; }
size_t id_size(size_t x) { return x; }
_Bool negate(_Bool b) { return !b; }
float half(float x) { return x / 2; }

struct point make_point(int x, int y) { struct point p = { x, y }; return p; }
int point_sum(struct point p) { return p.x + p.y; }
void point_scale(struct point *p, int k) { p->x *= k; p->y *= k; }

struct mixed make_mixed(char c, double d, short s) { struct mixed m = { c, d, s }; return m; }

double value_as_double(union value v) { return v.d; }
union value value_from_int(int i) { union value v; memset(&v, 0, sizeof v); v.i = i; return v; }

enum color next_color(enum color c) { return c == RED ? GREEN : c == GREEN ? BLUE : RED; }
enum color out_of_range_color(void) { return (enum color)42; }

int counter = 7;
const char *greeting = "hello";
double table[4] = { 1.5, 2.5, 3.5, 4.5 };
void bump(void) { counter++; }

int sum_ints(int n, ...) {
    va_list ap; int s = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

double sum_doubles(int n, ...) {
    va_list ap; double s = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++) s += va_arg(ap, double);
    va_end(ap);
    return s;
}

double scaled_sum(float scale, short bias, int n, ...) {
    va_list ap; double s = bias;
    va_start(ap, n);
    for (int i = 0; i < n; i++) s += va_arg(ap, double);
    va_end(ap);
    return scale * s;
}

int buffer_sum(const struct buffer *b) {
    int s = b->tail[0] + b->tail[1];
    for (int i = 0; i < b->len && i < 16; i++) s += b->data[i];
    return s;
}

struct flags make_flags(unsigned a, unsigned b, int c) { struct flags f; f.a = a; f.b = b; f.c = c; return f; }
int flags_sum(struct flags f) { return (int)f.a + (int)f.b + f.c; }

int apply(int (*f)(int), int x) { return f(x); }
size_t c_strlen(const char *s) { return strlen(s); }

void fibo(int *a, int *b) { int next = *a + *b; *a = *b; *b = next; }
void vadd(double *a, const double *b, int n) { for (int i = 0; i < n; i++) a[i] += b[i]; }
double dsum(const double *xs, int n) { double s = 0; for (int i = 0; i < n; i++) s += xs[i]; return s; }
int count_or_minus_one(const int *xs, int n) { (void)xs; return xs ? n : -1; }
const char *echo(const char *s) { return s; }

/* Signatures that exercise how run-time mode passes registers. */
long sum9(long a, long b, long c, long d, long e, long f, long g, long h, long i) {
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i;
}
double dsum9(double a, double b, double c, double d, double e, double f, double g, double h, double i) {
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i;
}
double mix(signed char a, float b, unsigned short c, double d, long long e, float f) {
    return a * 1000000.0 + b * 10000.0 + c * 100.0 + d + e * 0.01 + f * 0.0001;
}
signed char narrow_neg(void) { return -1; }
unsigned short narrow_u16(void) { return 0xffff; }
float third(void) { return 1.0f / 3.0f; }

/* The most parameters an ABI-mode call infers its function type from (24, with `count`), and
   more: each argument weighted by its position. */
double weigh23(int a0, double a1, short a2, float a3, long long a4, unsigned char a5, int a6, double a7, short a8, float a9, long long a10, unsigned char a11, int a12, double a13, short a14, float a15, long long a16, unsigned char a17, int a18, double a19, short a20, float a21, long long a22, int *count) { *count = 23; return 1 * (double)a0 + 2 * (double)a1 + 3 * (double)a2 + 4 * (double)a3 + 5 * (double)a4 + 6 * (double)a5 + 7 * (double)a6 + 8 * (double)a7 + 9 * (double)a8 + 10 * (double)a9 + 11 * (double)a10 + 12 * (double)a11 + 13 * (double)a12 + 14 * (double)a13 + 15 * (double)a14 + 16 * (double)a15 + 17 * (double)a16 + 18 * (double)a17 + 19 * (double)a18 + 20 * (double)a19 + 21 * (double)a20 + 22 * (double)a21 + 23 * (double)a22; }
double weigh26(int a0, double a1, short a2, float a3, long long a4, unsigned char a5, int a6, double a7, short a8, float a9, long long a10, unsigned char a11, int a12, double a13, short a14, float a15, long long a16, unsigned char a17, int a18, double a19, short a20, float a21, long long a22, unsigned char a23, int a24, double a25, int *count) { *count = 26; return 1 * (double)a0 + 2 * (double)a1 + 3 * (double)a2 + 4 * (double)a3 + 5 * (double)a4 + 6 * (double)a5 + 7 * (double)a6 + 8 * (double)a7 + 9 * (double)a8 + 10 * (double)a9 + 11 * (double)a10 + 12 * (double)a11 + 13 * (double)a12 + 14 * (double)a13 + 15 * (double)a14 + 16 * (double)a15 + 17 * (double)a16 + 18 * (double)a17 + 19 * (double)a18 + 20 * (double)a19 + 21 * (double)a20 + 22 * (double)a21 + 23 * (double)a22 + 24 * (double)a23 + 25 * (double)a24 + 26 * (double)a25; }

/* Results only through out-parameters. */
void split(double x, int *whole, double *frac) { *whole = (int)x; *frac = x - (int)x; }
void answer(int *out) { *out = 42; }
