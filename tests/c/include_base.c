#include "include_base.h"
int base_only(void) { return 1; }
