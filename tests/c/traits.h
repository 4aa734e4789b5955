/* Traits of real headers that an import must handle: a record holding a type Rust has no
   counterpart for (glib's GTestLogMsg holds `long double *`), and a function the header
   also defines as a function-like macro that only works for some arguments (glib's
   g_atomic_pointer_get). */
#ifndef TRAITS_H
#define TRAITS_H
struct series {
    int n;
    long double *terms;
    double scale;
};
int series_n(const struct series *s);
double series_scale(const struct series *s);

int twice(int x);
#define twice(x) twice_is_only_a_function_here(x)
#endif
