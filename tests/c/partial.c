#include "partial.h"

int fib_table[7] = { 1, 1, 2, 3, 5, 8, 13 };
double record_value(const struct record *r) { return r->value * r->id; }
