/* Struct and union layouts that are easy to get wrong; each is checked against gcc. */
enum small { S_A, S_B = 3 };
enum neg { N_A = -1, N_B = 1 };
enum big { B_A = 0x100000000 };
enum __attribute__((packed)) tiny { T_A, T_B = 200 };
typedef int aligned16 __attribute__((aligned(16)));

struct c01 { char a; int b; char c; };
struct c02 { char a; short b; char c; long long d; };
struct c03 { int a : 3; int b : 5; int c : 24; };
struct c04 { int a : 30; int b : 4; };
struct c05 { char a; int b : 4; };
struct c06 { char a : 4; char b : 4; char c : 4; };
struct c07 { int a : 4; int : 0; int b : 4; };
struct c08 { char a; int : 0; char b; };
struct c09 { char a; long long : 0; char b; };
struct c10 { int a : 4; unsigned : 3; int b : 4; };
struct c11 { char a; int : 5; char b; };
struct c12 { unsigned long long a : 40; unsigned long long b : 30; };
struct c13 { short a : 9; short b : 9; };
struct c14 { _Bool a : 1; _Bool b : 1; int c; };
struct c15 { _Bool a; _Bool b; _Bool c; };
struct c16 { char a; enum small e; char b; };
struct c17 { enum small e : 2; enum neg f : 2; int g; };
struct c18 { char a; enum big e; };
struct c19 { char a; enum tiny t; char b; };
struct c20 { char a; int b; } __attribute__((packed));
struct __attribute__((packed)) c21 { char a; long long b; short c; };
struct c22 { char a; int b : 20; int c : 20; } __attribute__((packed));
struct c23 { char a; int b __attribute__((packed)); char c; };
struct c24 { char a; int b __attribute__((aligned(16))); };
struct c25 { char a; } __attribute__((aligned(32)));
struct c26 { char a; aligned16 b; };
struct c27 { int n; double data[]; };
struct c28 { char c; int data[]; };
struct c29 { int n; char data[0]; };
struct c30 { int tag; union { int i; double d; char s[3]; }; char after; };
struct c31 { char a; struct { char b; int c; }; char d; };
struct c32 { union { struct { short x, y; }; int xy; }; char z; };
union c33 { char a; int b; double c; };
union c34 { char a[5]; int b; };
union c35 { int a : 3; char b; };
union c36 { long long a : 33; char b[3]; };
struct c37 { long double a; char b; };
struct c39 { char a; float _Complex z; double _Complex w; };
struct c40 { struct c01 inner; char tail; };
struct c41 { struct c20 p[3]; char tail; };
struct c42 { int a[3][5]; char b; };
struct c43 { char a; void *p; char b; int (*fn)(int); };
#pragma pack(push, 2)
struct c44 { char a; int b; double c; };
#pragma pack(pop)
#pragma pack(1)
struct c45 { char a; int b; short c; };
#pragma pack()
struct c46 { char a; int b; };
struct c47 { unsigned a : 1; unsigned long long b : 63; unsigned c : 1; };
struct c48 { char a : 3; short b : 13; int c : 17; };
struct c49 { struct c20 s; int : 0; char x; };
struct c50 { char a; struct { int b : 7; int c : 9; } bits; char d; };
/* Found by the differential test (tests/difftest). */
union c51 { unsigned long long : 32; };
struct c52 { void *p; union { unsigned long long : 32; }; short f : 9; };
#pragma pack(push, 8)
struct c53 { void *p; char a : 7; char b : 6; long long c; };
#pragma pack(pop)
#pragma pack(push, 2)
struct __attribute__((packed)) c54 { char a; long long b : 42; char c; };
union __attribute__((packed)) c55 { _Bool a : 1; int b; unsigned long long c : 63; };
struct c56 { _Bool a : 1; char b[4]; unsigned int : 0; char c; };
#pragma pack(pop)
#pragma pack(push, 4)
struct __attribute__((packed)) c57 { int a; };
union c58 { long long : 0; struct c20 s; };
#pragma pack(pop)
typedef int c_di __attribute__((mode(DI)));
typedef long long c_ll1[1];
typedef int c_v8i __attribute__((vector_size(8)));
typedef float c_v8f __attribute__((vector_size(8)));
typedef short c_v16s __attribute__((vector_size(16)));
struct c59 { char a; c_di b; c_ll1 c; };
struct c60 { char a; c_v8i b; char c; c_v8f d; char e; c_v16s f; };
/* Bit-field runs, where Microsoft's rules (Windows) and System V's differ. */
struct c61 { char a : 3; int b : 5; char c : 2; };
struct c62 { int a : 3; unsigned b : 30; };
struct c63 { char a; int : 0; char b; };
struct c64 { char a : 1; int : 0; char b; };
struct __attribute__((packed)) c65 { char a; int b : 5; int c : 30; char d; };
union c66 { char a : 3; long long b : 9; };
struct c67 { short a : 4; unsigned short b : 4; long long c : 3; char d; };
struct c68 { int a : 1; int : 3; char b : 2; };
#pragma pack(push, 2)
struct c69 { char a; int b : 4; int c : 29; char d; };
#pragma pack(pop)
struct c70 { char a : 2; int __attribute__((aligned(8))) b : 3; char c; };
struct c71 { long long a : 3; int b : 3; long long c : 3; };
struct c72 { char a; long long : 0; char b : 1; long long : 0; char c; };
struct c73 { _Bool a : 1; char b : 1; unsigned char c : 7; };
union c74 { int : 0; char a; short b : 3; };
/* A bit-field's own alignment (i386 gives `long long : 64` 8 bytes when it lands on 64). */
struct c75 { char c; int f : 16 __attribute__((aligned(1))); char d; };
struct c76 { char c; short f : 16 __attribute__((aligned(1))); char d; };
union c77 { char c; long long f : 64 __attribute__((aligned(2))); };
struct c78 { int a; long long f : 64 __attribute__((aligned(2))); int b; long long g : 64 __attribute__((aligned(2))); };
struct c79 { long long f : 32 __attribute__((aligned(2))); long long g : 64 __attribute__((aligned(2))); };
struct c80 { long long f : 64 __attribute__((aligned(2))) __attribute__((packed)); };
#pragma pack(push, 4)
struct c81 { long long f : 64 __attribute__((aligned(2))); char c; };
#pragma pack(pop)
/* A member declared by its tag alone: an anonymous member on Windows (Microsoft's
   extensions, MinGW's default), only a tag declaration elsewhere. */
struct c82 { struct c82_t { int a; int b; }; void *p; };
struct c83 { char c; struct c82_t; char d; };
struct c84 { struct c84_w { char q; } named; struct c84_w; char z; };
/* A bit-field's own alignment, where gcc and clang (Apple's targets) differ. */
struct c86 { unsigned short a; long long b : 38 __attribute__((aligned(4))); };
#pragma pack(push, 2)
struct c87 { char a; unsigned long long b : 34 __attribute__((aligned(16))); };
#pragma pack(pop)
#pragma pack(push, 16)
struct c88 { signed char a : 4 __attribute__((aligned(4))); unsigned int b : 31 __attribute__((aligned(2))); };
#pragma pack(pop)
