/* A record holding `long double`, laid out as MinGW's gcc does (x87's 12 bytes aligned to 4
   on 32-bit Windows, 16 aligned to 16 on 64-bit), which MSVC's `double` does not. */
struct ld { char c; long double x; int y; };
#define LD_SIZE (sizeof(struct ld))
#define LD_ALIGN (_Alignof(struct ld))
