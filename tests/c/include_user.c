#include "include_base.h"
foo_t ff1(foo_t x) { return x * 2; }
int norm1(struct point *p) { return (p->x < 0 ? -p->x : p->x) + (p->y < 0 ? -p->y : p->y); }
enum color flip(enum color c) { return c == RED ? GREEN : RED; }
int partial_a(partial_t *p) { return p->a; }
