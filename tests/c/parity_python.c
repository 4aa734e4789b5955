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
