/* A packed record holding an over-aligned one at offset 0: 72 bytes aligned to 4, where a
   Rust struct with the inner record as a field would be aligned to 32 and 96 bytes. */
struct inner { int x; _Alignas(32) char c; };
struct __attribute__((packed, aligned(4))) outer { struct inner i; long long n; };
static inline long long outer_n(const struct outer *o) { return o->n; }
