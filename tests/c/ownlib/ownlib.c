#include <ownlib.h>

int ownlib_top(int x) { return x + 1; }

int ownlib_detail(int x) { return OWNLIB_ANSWER + x; }
