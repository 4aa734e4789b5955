/* The C behind tests/tests/cffi_parity.rs: what Python cffi's own tests compile with
 * `ffi.verify`, for the same declarations read by cffi-rs. */
#include <stdint.h>

/* test_nonfull_enum_syntax2: values the declarations leave to the compiler. */
enum ee { EE1 = 10, EE2, EE3 = -10, EE4 };
enum { PLAIN1 = -1234 - 5, PLAIN2 };

/* test_unknown_type_3: a pointer to a type the declarations never name. */
typedef struct _token_s *token_p;
token_p token_next(token_p arg) { return arg ? (token_p)0x12347 : (token_p)0x12345; }

/* test_struct_array_no_length: `int a[]` declared before other fields. */
struct foo_s { int x; int a[17]; int y; };
int foo_get(struct foo_s *f, int i) { return f->a[i]; }

/* test_struct_containing_struct: the inner struct declared after the outer one. */
struct bar_s { int x; };
struct holder_s { struct bar_s f; };
int holder_x(struct holder_s *h) { return h->f.x; }

/* test_win32_calling_convention_0: the conventions mean nothing off 32-bit x86; there,
   the C has them too (MinGW defines `__stdcall`). */
#if !defined(_WIN32)
#  if defined(__i386__)
#    define __stdcall __attribute__((stdcall))
#  else
#    define __stdcall
#  endif
#endif
int plain(int x) { return x + 1; }
int __stdcall apply(int (__stdcall *cb)(int), int x) { return cb(x); }

/* test_void_renamed_as_only_arg */
typedef void void_t1;
typedef void_t1 void_t;
int answer(void) { return 42; }

/* test_global_constants: `static const int` declarations of macros. */
#define AA 42
#define BB (-43)
#define CC (22*2)
#define DD ((unsigned int)142)
/* The same spelling with the value given, for an object and a macro. */
static const int FOO = 0x123;
#define BAR 7

/* test_access_variable */
static int somenumber = 2;
int somenumber_times_7(void) { return somenumber * 7; }

/* test_handle (through C), test_unicode_from_wchar_pointer */
#include <wchar.h>
int call_with(int (*cb)(void *), void *data) { return cb(data); }
const wchar_t *greeting(void) { return L"h\u00e9llo \u20ac"; }
