/* A module using types of a module that uses another (tests/tests/cffi_parity.rs). */
#include "include_chain.h"
int square_area(const square *s) { return s->side * s->side; }
int point_sum(struct point p) { return p.x + p.y; }
