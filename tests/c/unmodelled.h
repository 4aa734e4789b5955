/* Declarations whose layout depends on what the front end models specially: a GNU vector
   type, an _Atomic member. */
#ifndef UNMODELLED_H
#define UNMODELLED_H

typedef int v4si __attribute__((vector_size(16)));

/* A header that merely includes the vector intrinsics imports (SDL2 does). */
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
struct with_m128 { __m128 lanes; int tag; };
#endif

/* Left out in both modes: no Rust type holds a long double. */
#define LD_PI 3.14159265358979323846L
/* A macro defined empty is nothing inside another, as the preprocessor makes it. */
#define CUSTOMIZED
#define VERSION "3.87.1" CUSTOMIZED

/* 264 bytes, `y` at 256: the _Atomic member is laid out by the compiler. */
struct counted { _Atomic long long refs[32]; int y; };

/* 144 bytes: eight 16-byte vectors, then `n`, padded to 16. */
struct vectors { v4si v[8]; int n; };

/* 4 bytes aligned to 8: no Rust type; a record holds it as bytes, a pointer to it is an
   `int *`, and by value it is refused. */
typedef int aint __attribute__((aligned(8)));
struct holds_aligned { char c; aint x; };

int vsum(v4si v);
int aint_get(const aint *p);
aint aint_make(int v);
int counted_y(const struct counted *c);
void vectors_fill(struct vectors *p, int n);
int vectors_n(const struct vectors *p);

#endif
