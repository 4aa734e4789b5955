#include "partial.h"

int fib_table[7] = { 1, 1, 2, 3, 5, 8, 13 };
double record_value(const struct record *r) { return r->value * r->id; }
struct mixed mixed_make(long a, double b) { struct mixed m = { a, b, "ok" }; return m; }
double mixed_sum(struct mixed m) { return (double)m.a + m.b; }
struct flagged current_flags = { 7, 1, "" };
