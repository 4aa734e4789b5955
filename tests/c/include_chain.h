/* A type of a module that uses another's (tests/tests/cffi_parity.rs, test_include_chain). */
#ifndef INCLUDE_CHAIN_H
#define INCLUDE_CHAIN_H
#include "include_base.h"
typedef struct { struct point corner; int side; } square;
#endif
