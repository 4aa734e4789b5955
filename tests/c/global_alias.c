#include "global_alias.h"

int alias_storage = 7;
