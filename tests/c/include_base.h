/* Types one module declares and another uses (tests/tests/cffi_parity.rs, test_include_*). */
#ifndef INCLUDE_BASE_H
#define INCLUDE_BASE_H
typedef double foo_t;
struct point { int x, y; };
enum color { RED, GREEN };
typedef struct { int z; int a; } partial_t;
int base_only(void);
#endif
