/* The C behind tests/tests/cffi_parity_recompiler.rs: what Python cffi's
 * test_recompiler.py compiles for the tests mirrored there (each test's names are its own). */
#include <math.h>
#include <stddef.h>

/* test_funcarg_ptr, test_funcres_ptr */
int deref(int *p) { return *p; }
int *give_ptr(void) { static int x = -12345; return &x; }
/* test_global_var_array */
int a[100] = { 9999 };
/* test_verify_typedef, _dotdotdot, _star_dotdotdot */
typedef int **foo_t;
typedef int **opaque_t;
typedef int **opaque_p;
/* test_global_var_int */
int ga = 999, gb, gc;
/* test_macro */
#define FOOBAR (-6912)
/* test_check_value_of_static_const */
static const int CHECKED = 42;
/* test_constant_nonint, test_constant_ptr */
#define PI_ISH 3.25
#define NOTHING NULL
/* test_access_address_of_variable (test_verify.py) */
static int somenumber = 2;
#define somenumberptr (&somenumber)
/* test_verify_struct */
struct foo_s { short a; int b; };
struct bar_s { struct foo_s *f; };
/* test_dotdotdot_length_of_array_field, test_dotdotdot_global_array */
struct lens_s { int a[42]; int b[11]; };
int aa[41];
int bb[12];
/* test_open_array_in_struct */
struct open_s { int b; int a[]; };
/* test_incomplete_struct_as_both */
struct inc_foo { int a, x, z; };
struct inc_bar { int b, c, y, d; };
struct inc_foo f_inc(int x, struct inc_bar b) { struct inc_foo r; r.x = x * b.y; return r; }
/* test_address_of_global_var */
long bottom, bottoms[2];
long FetchRectBottom(void) { return bottom; }
long FetchRectBottoms1(void) { return bottoms[1]; }
/* test_some_float_type */
typedef float flt_t;
flt_t sum2(flt_t x[]) { return x[0] + x[1]; }
typedef double dbl_t;
dbl_t neg(dbl_t x) { return -x; }
/* test_alignment_of_longlong */
struct ll_s { unsigned long long x; };
/* test_const_fields */
struct const_s { const int a; void *const b; };
/* test_call_with_custom_field_pos */
struct custom_s { int a; int b; int c; };
int get_c(struct custom_s s) { return s.c; }
/* test_call_with_bitfield */
struct bitf_s { int a:3, b:7, c:20; };
int bitf_sum(struct bitf_s s) { return s.a + s.b + s.c; }
/* test_call_with_union */
union num_u { int i; float f; };
float as_float(union num_u u) { return u.f; }
/* test_function_returns_union */
union num_u make_num(int i) { union num_u u; u.i = i; return u; }
/* test_unnamed_bitfield_1 */
struct unnamed_s { int a:3; int :5; int b:4; };
/* test_struct_with_func_with_struct_arg */
struct BinaryTree { int (*CompareKey)(struct BinaryTree tree); };

/* test_some_integer_type: the declarations say `int...` and `unsigned long...`. */
typedef unsigned long long sit_foo_t;
typedef short sit_bar_t;
typedef struct { sit_foo_t a, b; } sit_struct_t;
sit_foo_t sit_foobar(sit_bar_t x, sit_struct_t s) { return (sit_foo_t)x + s.a + s.b; }
static const sit_bar_t mu = -20;
static const sit_foo_t nu = 20;
#define NU_FROM_C 21

/* Array fields of a partial struct, of the compiler's lengths. */
struct arr_s { char c; int a[17]; int b[5]; };
