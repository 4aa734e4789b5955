/* The C behind the `extern "Python"` tests of tests/tests/cffi_parity.rs: it calls functions
 * the Rust side defines, declared `static` as Python cffi asks. */
static int bar(int, int);
static void baz(int, int);
static int bok(int);
int foo(int);
int bar2(int);

int call_bar(int a, int b) { return bar(a, b); }
void call_baz(int a, int b) { baz(a, b); }
int call_bok(int x) { return bok(x); }
int call_me(int x) { return foo(x) - bar2(x); }
int apply2(int (*cb)(int, int), int a, int b) { return cb(a, b); }

/* test_extern_python_struct */
struct foo_s { int a, b, c; };
static int bar3(int, struct foo_s, int);
static struct foo_s baz3(int, int);
int call_bar3(int x, int y) { struct foo_s s = { 10, 20, 30 }; return bar3(x, s, y); }
int call_baz3(int x, int y) { struct foo_s s = baz3(x, y); return s.a * 100 + s.b * 10 + s.c; }
