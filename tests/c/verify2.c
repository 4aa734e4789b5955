/* The C behind tests/tests/cffi_parity_verify2.rs: more of Python cffi's test_verify.py
 * (function names carry a `v2_` prefix: every API-mode module of the tests links into one
 * library). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* test_no_argument, test_two_arguments */
int v2_foo0(void) { return 42; }
int v2_foo2(int a, int b) { return a - b; }
/* test_nondecl_struct */
typedef struct nondecl_s nondecl_t;
int v2_bar(nondecl_t *f) { (void)f; return 42; }
/* test_ffi_full_struct */
struct full_s { char x; int y; long *z; };
/* test_ffi_nonfull_alignment */
struct align_s { int a, b; char x; };
/* test_struct_array_guess_length */
struct guess_s { int x; int a[17]; int y; };
/* test_struct_ptr_to_array_field */
struct ptrarr_s { int x; int (*a)[17]; int y; };
/* test_struct_with_bitfield_enum */
typedef enum { E_AA, E_BB, E_CC } e_foo_e;
typedef struct { e_foo_e f:2; } e_foo_s;
/* test_full_enum */
enum full_ee { FE1, FE2, FE3, FE4 };
/* test_nonfull_anonymous_enum */
enum { NA2, NA1 };
enum { NA3 };
/* test_access_callback_function_typedef */
typedef int mycallback_t(int);
static int g7(int x) { return x * 7; }
static int (*v2_cb)(int);
int v2_foo_cb(int i) { return v2_cb(i) - 1; }
void v2_reset_cb(void) { v2_cb = g7; }
/* test_varargs_struct */
struct va_s { char a; int b; };
int v2_va(int x, ...) {
    va_list vargs;
    struct va_s s;
    va_start(vargs, x);
    s = va_arg(vargs, struct va_s);
    va_end(vargs);
    return s.a - s.b;
}
/* test_autofilled_struct_as_argument */
struct auto_s { double b; long a; };
int v2_auto(struct auto_s s) { return (int)s.a - (int)s.b; }
/* test_func_as_funcptr */
int *v2_foochars(void) { return (int *)"foobar"; }
int *(*v2_fooptr)(void) = v2_foochars;
/* test_enum_values, test_typedef_complete_enum */
enum enum1_e { EV_AA, EV_BB };
typedef enum { TE_AA, TE_BB } enum1_t;
/* test_typedef_enum_as_argument, test_typedef_enum_as_function_result */
int v2_enum_arg(enum1_t e) { return (int)e + 10; }
enum1_t v2_enum_res(int i) { return (enum1_t)i; }
/* test_take_and_return_partial_structs */
typedef struct { int y, x; } pfoo_t;
pfoo_t v2_take(pfoo_t a, pfoo_t b) { pfoo_t r = { 100, a.x * 5 + b.x * 7 }; return r; }
/* test_ffi_union_with_partial_struct */
struct upart_s { int a; int x; };
union upart_u { char b[32]; struct upart_s s; };
/* test_enum_size */
enum size_e { SZ_AA, SZ_BB = 4294967295U };
enum neg_e { NG_AA, NG_BB = -123 };
/* test_passing_string_or_NULL */
int v2_seeme1(char *x) { return x == NULL; }
int v2_seeme2(int *x) { return x == NULL; }
/* test_bug_const_char_ptr_array_1 */
const char *v2_names[5] = { "a", "bb" };
/* test_ptr_to_opaque */
typedef struct { int x; } opq_t;
int v2_f1(opq_t *p) { int x = p->x; free(p); return x; }
opq_t *v2_f2(int x) { opq_t *p = malloc(sizeof(opq_t)); p->x = x; return p; }
/* test_array_as_argument */
size_t v2_strlen(char string[]) { return strlen(string); }
/* test_call_with_voidstar_arg */
int v2_voidp(void *p) { return *(int *)p + 1; }
/* test_unknown_type */
typedef unsigned long long token_t;
token_t v2_token(token_t t) { return t * 2; }
