//! Python cffi's `test_recompiler.py`, written again for cffi-rs: each test is named after
//! the cffi test it mirrors and checks the same behaviour against the same C
//! (`tests/c/recompiler.c`), in API mode; those that do not need the compiler run in ABI
//! mode too, against the same C built as a shared library.

use std::ffi::{c_int, c_long};

use cffi_core::{cdef, ffi};
use cffi_tests::in_both_modes;

cdef! {
    #[cffi(api, include = "<math.h>", source = "c/recompiler.c", link = "m")]
    pub unsafe mod r {
        double sin(double x);
        int deref(int *p);
        int *give_ptr(void);
        extern int a[100];
        typedef int **foo_t;
        typedef ... opaque_t;
        typedef ... *opaque_p;
        extern int ga, gb, gc;
        #define FOOBAR ...
        static const int CHECKED = 42;
        static const double PI_ISH;
        static double *const NOTHING;
        static int somenumber;
        static int *const somenumberptr;
        struct foo_s { int b; short a; ...; };
        struct bar_s { struct foo_s *f; };
        struct lens_s { int a[...]; int b[...]; };
        extern int aa[...];
        extern int bb[...];
        struct open_s { int b; int a[]; };
        struct inc_foo { int x; ...; };
        struct inc_bar { int y; ...; };
        struct inc_foo f_inc(int x, struct inc_bar b);
        extern long bottom, bottoms[2];
        long FetchRectBottom(void);
        long FetchRectBottoms1(void);
        typedef double... flt_t;
        typedef float... dbl_t;
        flt_t sum2(flt_t x[]);
        dbl_t neg(dbl_t x);
        struct ll_s { unsigned long long x; };
        struct const_s { const int a; void *const b; };
        struct custom_s { int c; ...; };
        int get_c(struct custom_s s);
        struct bitf_s { int a:3, b:7, c:20; };
        int bitf_sum(struct bitf_s s);
        union num_u { int i; float f; };
        float as_float(union num_u u);
        union num_u make_num(int i);
        struct unnamed_s { int a:3; int :5; int b:4; };
        struct BinaryTree { int (*CompareKey)(struct BinaryTree tree); };
        typedef int... sit_foo_t;
        typedef unsigned long... sit_bar_t;
        typedef struct { sit_foo_t a, b; } sit_struct_t;
        sit_foo_t sit_foobar(sit_bar_t, sit_struct_t);
        static const sit_bar_t mu = -20;
        static const sit_foo_t nu = 20;
        static const sit_foo_t NU_FROM_C;
        struct arr_s { int a[...]; int b[...]; ...; };
    }
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_RECOMPILER_LIB"))]
    pub unsafe mod ra {
        int deref(int *p);
        int *give_ptr(void);
        extern int a[100];
        extern int ga, gb, gc;
        extern long bottom, bottoms[2];
        long FetchRectBottom(void);
        long FetchRectBottoms1(void);
        union num_u { int i; float f; };
        float as_float(union num_u u);
        union num_u make_num(int i);
    }
}

fn lib() -> r::Lib {
    r::Lib::load().unwrap()
}

#[test]
fn test_math_sin() {
    assert_eq!(lib().sin(1.23), 1.23f64.sin());
}

#[test]
fn test_verify_typedef() {
    assert_eq!(
        std::mem::size_of::<r::foo_t>(),
        std::mem::size_of::<*mut u8>()
    );
}

#[test]
fn test_verify_typedef_dotdotdot() {
    // `typedef ... opaque_t;`: usable through pointers only.
    let p: *mut r::opaque_t = std::ptr::null_mut();
    assert!(p.is_null());
}

#[test]
fn test_verify_typedef_star_dotdotdot() {
    let p: r::opaque_p = std::ptr::null_mut();
    assert!(p.is_null());
}

#[test]
fn test_macro() {
    assert_eq!(r::FOOBAR, -6912);
}

#[test]
fn test_check_value_of_static_const() {
    let checked: c_int = r::CHECKED;
    assert_eq!(checked, 42);
}

#[test]
fn test_constant_nonint() {
    assert_eq!(lib().PI_ISH(), 3.25);
}

#[test]
fn test_constant_ptr() {
    assert!(lib().NOTHING().is_null());
}

#[test]
fn test_access_address_of_variable() {
    let lib = lib();
    // SAFETY: `somenumberptr` is `&somenumber`; no other thread touches it.
    unsafe {
        assert_eq!(lib.somenumber(), 2);
        *lib.somenumberptr() = 42;
        assert_eq!(lib.somenumber(), 42);
    }
}

#[test]
fn test_verify_struct() {
    // The fields are Rust fields at the C's offsets (`short a; int b;`), as in cffi.
    let mut p = r::foo_s::default();
    (p.a, p.b) = (-32768, -2147483648);
    assert_eq!((p.a, p.b), (-32768, -2147483648));
    assert_eq!((p.a(), p.b()), (-32768, -2147483648));
    p.set_a(7);
    assert_eq!(p.a, 7);
    let q = r::bar_s { f: &mut p };
    assert_eq!(q.f, &raw mut p);
    assert_eq!(cffi_core::offsetof!(r::foo_s, a), 0);
    assert_eq!(cffi_core::offsetof!(r::foo_s, b), 4);
    assert_eq!(r::foo_s::offset_of_b(), 4);
    // SAFETY: `b` is the `int` at offset 4 of the C struct.
    assert_eq!(
        unsafe { (&raw const p).cast::<u8>().add(4).cast::<c_int>().read() },
        -2147483648
    );
}

#[test]
fn test_some_integer_type() {
    // `sit_foo_t` is `unsigned long long` in the C, `sit_bar_t` `short`.
    assert_eq!(std::mem::size_of::<r::sit_foo_t>(), 8);
    assert_eq!(std::mem::size_of::<r::sit_bar_t>(), 2);
    assert_eq!(r::sit_foo_t::MAX, u64::MAX);
    assert_eq!(-1 as r::sit_bar_t, -1);
    let s = |a, b| r::sit_struct_t { a, b };
    assert_eq!(lib().sit_foobar(-1, s(0, 0)), u64::MAX);
    assert_eq!(lib().sit_foobar(10, s(20, 31)), 61);
    // cffi's integer constants of those types are constants of those types.
    let (mu, nu): (r::sit_bar_t, r::sit_foo_t) = (r::mu, r::nu);
    assert_eq!((mu, nu, r::NU_FROM_C), (-20, 20, 21));
}

#[test]
fn test_dotdotdot_length_of_array_field_of_a_partial_struct() {
    // `p.a` with the compiler's length, after the `char` the declaration does not name.
    let mut p = r::arr_s::default();
    assert_eq!((p.a.len(), p.b.len()), (17, 5));
    p.a[16] = 5;
    assert_eq!(p.a()[16], 5);
    assert_eq!(cffi_core::offsetof!(r::arr_s, a), 4);
    assert_eq!(cffi_core::offsetof!(r::arr_s, b), 4 + 17 * 4);
    assert_eq!(std::mem::size_of::<r::arr_s>(), 4 + 22 * 4);
}

#[test]
fn test_dotdotdot_length_of_array_field() {
    assert_eq!(std::mem::size_of::<r::lens_s>(), (42 + 11) * 4);
    // With the lengths known, Rust lays the struct out itself: plain array fields.
    let p = r::lens_s::default();
    assert_eq!((p.a.len(), p.b.len()), (42, 11));
}

#[test]
fn test_dotdotdot_global_array() {
    let lib = lib();
    // SAFETY: no other thread writes these arrays.
    let (a, b) = unsafe { (lib.aa(), lib.bb()) };
    assert_eq!((a.len(), b.len()), (41, 12));
}

#[test]
fn test_open_array_in_struct() {
    assert_eq!(std::mem::size_of::<r::open_s>(), 4);
    let p = r::open_s { b: 5, a: [] };
    assert_eq!(p.b, 5);
}

#[test]
fn test_incomplete_struct_as_both() {
    let mut b = r::inc_bar::default();
    b.set_y(7);
    // SAFETY: records of plain integers, by value.
    let s = unsafe { lib().f_inc(6, b) };
    assert_eq!((s.x, s.x()), (42, 42));
    assert_eq!(cffi_core::offsetof!(r::inc_foo, x), 4);
    assert_eq!(std::mem::size_of::<r::inc_foo>(), 12);
}

#[test]
fn test_some_float_type() {
    // `flt_t` is `float` in the C and `dbl_t` `double`, whatever the declarations guessed.
    assert_eq!(std::mem::size_of::<r::flt_t>(), 4);
    assert_eq!(std::mem::size_of::<r::dbl_t>(), 8);
    let mut xs: [r::flt_t; 2] = [40.0, 2.25];
    // SAFETY: two elements.
    assert_eq!(unsafe { lib().sum2(xs.as_mut_ptr()) }, 42.25);
    assert_eq!(lib().neg(12.3), -12.3);
}

#[test]
fn test_alignment_of_longlong() {
    assert_eq!(std::mem::align_of::<r::ll_s>(), std::mem::align_of::<u64>());
}

#[test]
fn test_const_fields() {
    let s = r::const_s {
        a: 1,
        b: std::ptr::null_mut(),
    };
    assert_eq!(s.a, 1);
    assert!(s.b.is_null());
}

#[test]
fn test_call_with_custom_field_pos() {
    let mut s = r::custom_s::default();
    s.set_c(42);
    // SAFETY: a record of integers, by value.
    assert_eq!(unsafe { lib().get_c(s) }, 42);
}

#[test]
fn test_call_with_bitfield() {
    let mut s = r::bitf_s::default();
    s.set_a(-3);
    s.set_b(60);
    s.set_c(100000);
    assert_eq!(lib().bitf_sum(s), -3 + 60 + 100000);
}

#[test]
fn test_unnamed_bitfield_1() {
    let mut s = r::unnamed_s::default();
    s.set_a(-1);
    s.set_b(5);
    assert_eq!((s.a(), s.b()), (-1, 5));
    assert_eq!(std::mem::size_of::<r::unnamed_s>(), 4);
}

#[test]
fn test_struct_with_func_with_struct_arg() {
    let t = r::BinaryTree { CompareKey: None };
    assert!(t.CompareKey.is_none());
}

in_both_modes! {
    api = r, abi = ra;

    fn test_funcarg_ptr(lib) {
        let mut x = ffi::new_with(-12345);
        // SAFETY: a valid `int *`.
        assert_eq!(unsafe { lib.deref(x.as_mut_ptr()) }, -12345);
    }

    fn test_funcres_ptr(lib) {
        // SAFETY: the result points to a static `int`.
        assert_eq!(unsafe { *lib.give_ptr() }, -12345);
    }

    fn test_global_var_array(lib) {
        // SAFETY: no other thread touches `a`.
        unsafe {
            let p = lib.a_ptr().cast::<c_int>();
            *p.add(42) = 123456;
            assert_eq!((*p.add(42), *p), (123456, 9999));
        }
    }

    fn test_global_var_int(lib) {
        // SAFETY: no other thread touches these globals.
        unsafe {
            assert_eq!(lib.ga(), 999);
            lib.set_ga(lib.ga() - 1001);
            assert_eq!(lib.ga(), -2);
            lib.set_ga(c_int::MIN);
            assert_eq!(lib.ga(), c_int::MIN);
            lib.set_gb(525);
            assert_eq!((lib.gb(), lib.gc()), (525, 0));
        }
    }

    fn test_address_of_global_var(lib) {
        // SAFETY: no other thread touches these globals.
        unsafe {
            lib.set_bottom(300);
            assert_eq!(lib.FetchRectBottom(), 300);
            lib.set_bottom(lib.bottom() + 1);
            assert_eq!(lib.FetchRectBottom(), 301);
            let bottoms = lib.bottoms_ptr().cast::<c_long>();
            *bottoms.add(1) = 500;
            assert_eq!(lib.FetchRectBottoms1(), 500);
        }
        let p: *mut c_long = lib.bottom_ptr();
        assert!(!p.is_null());
    }

    fn test_call_with_union(lib) {
        let u = r::num_u { f: 1.5 };
        assert_eq!(lib.as_float(u), 1.5);
    }

    fn test_function_returns_union(lib) {
        let u = lib.make_num(0x3fc00000);
        // SAFETY: every bit pattern is a valid `f32`.
        assert_eq!(unsafe { u.f }, 1.5);
    }
}
