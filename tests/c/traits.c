#include "traits.h"

int series_n(const struct series *s) { return s->n; }
double series_scale(const struct series *s) { return s->scale; }
/* The parentheses keep the macro `twice` out of the definition. */
int (twice)(int x) { return 2 * x; }
