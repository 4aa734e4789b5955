//! More of Python cffi's `test_verify.py`, written again for cffi-rs: each test is named
//! after the cffi test it mirrors and checks the same behaviour against the same C
//! (`tests/c/verify2.c`, where function names carry a `v2_` prefix), in API mode; those that
//! do not need the compiler run in ABI mode too, against the same C built as a shared library.

use std::ffi::{c_char, c_int, c_void};

use cffi_core::{cdef, ffi};
use cffi_tests::in_both_modes;

cdef! {
    #[cffi(api, source = "c/verify2.c")]
    pub unsafe mod v {
        int v2_foo0(void);
        int v2_foo2(int, int);
        typedef struct nondecl_s nondecl_t;
        int v2_bar(nondecl_t *);
        struct full_s { char x; int y; long *z; };
        struct align_s { char x; ...; };
        struct guess_s { int a[...]; ...; };
        struct ptrarr_s { int (*a)[17]; ...; };
        typedef enum { E_AA, E_BB, E_CC } e_foo_e;
        typedef struct { e_foo_e f:2; } e_foo_s;
        enum full_ee { FE1, FE2, FE3 };
        enum { NA1, ... };
        enum { NA3, ... };
        typedef int mycallback_t(int);
        static mycallback_t *v2_cb;
        int v2_foo_cb(int);
        void v2_reset_cb(void);
        struct va_s { char a; int b; };
        int v2_va(int x, ...);
        struct auto_s { long a; double b; ...; };
        int v2_auto(struct auto_s);
        int *(*const v2_fooptr)(void);
        enum enum1_e { EV_AA, EV_BB };
        typedef enum { TE_AA, TE_BB } enum1_t;
        int v2_enum_arg(enum1_t e);
        enum1_t v2_enum_res(int i);
        typedef struct { int x; ...; } pfoo_t;
        pfoo_t v2_take(pfoo_t, pfoo_t);
        struct upart_s { int x; ...; };
        union upart_u { struct upart_s s; ...; };
        enum size_e { SZ_AA, SZ_BB, ... };
        enum neg_e { NG_AA, NG_BB, ... };
        int v2_seeme1(char *);
        int v2_seeme2(int *);
        extern const char *v2_names[...];
        typedef ... opq_t;
        int v2_f1(opq_t *);
        opq_t *v2_f2(int);
        size_t v2_strlen(char string[]);
        int v2_voidp(void *p);
        typedef int... token_t;
        token_t v2_token(token_t t);
    }
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_VERIFY2_LIB"))]
    pub unsafe mod va {
        int v2_foo0(void);
        int v2_foo2(int, int);
        typedef struct nondecl_s nondecl_t;
        int v2_bar(nondecl_t *);
        struct va_s { char a; int b; };
        int v2_va(int x, ...);
        int *(*const v2_fooptr)(void);
        typedef enum { TE_AA, TE_BB } enum1_t;
        int v2_enum_arg(enum1_t e);
        enum1_t v2_enum_res(int i);
        int v2_seeme1(char *);
        int v2_seeme2(int *);
        typedef ... opq_t;
        int v2_f1(opq_t *);
        opq_t *v2_f2(int);
        size_t v2_strlen(char string[]);
        int v2_voidp(void *p);
    }
}

fn lib() -> v::Lib {
    v::Lib::load().unwrap()
}

#[test]
fn test_ffi_full_struct() {
    use std::mem::{offset_of, size_of};
    // `char`, `int` and a pointer, each aligned.
    assert_eq!(size_of::<v::full_s>(), 8 + size_of::<usize>());
    assert_eq!((offset_of!(v::full_s, y), offset_of!(v::full_s, z)), (4, 8));
}

#[test]
fn test_ffi_nonfull_alignment() {
    assert_eq!(std::mem::size_of::<v::align_s>(), 3 * 4);
    assert_eq!(std::mem::align_of::<v::align_s>(), 4);
}

#[test]
fn test_struct_array_guess_length() {
    assert_eq!(std::mem::size_of::<v::guess_s>(), 19 * 4);
    let s = v::guess_s::default();
    assert_eq!(s.a().len(), 17);
}

#[test]
fn test_struct_ptr_to_array_field() {
    let s = v::ptrarr_s::default();
    let a: *mut [c_int; 17] = s.a();
    assert!(a.is_null());
    // `int`, a pointer, `int`, each aligned.
    let size = if cfg!(target_pointer_width = "64") {
        24
    } else {
        12
    };
    assert_eq!(std::mem::size_of::<v::ptrarr_s>(), size);
}

#[test]
fn test_struct_with_bitfield_enum() {
    let mut s = v::e_foo_s::default();
    s.set_f(v::E_CC);
    assert_eq!(s.f(), v::E_CC);
}

#[test]
fn test_full_enum() {
    // The C has a fourth enumerator: extra items cannot be seen and do no harm.
    assert_eq!(v::FE3.0, 2);
}

#[test]
fn test_nonfull_anonymous_enum() {
    assert_eq!((v::NA1, v::NA3), (1, 0));
}

#[test]
fn test_access_callback_function_typedef() {
    extern "C" fn times_222(n: c_int) -> c_int {
        n * 222
    }
    let lib = lib();
    lib.v2_reset_cb();
    assert_eq!(lib.v2_foo_cb(6), 41);
    // SAFETY: no other thread uses `v2_cb`; the function is valid.
    unsafe { lib.set_v2_cb(Some(times_222)) };
    assert_eq!(lib.v2_foo_cb(4), 887);
}

#[test]
fn test_autofilled_struct_as_argument() {
    let mut s = v::auto_s::default();
    s.set_a(100);
    s.set_b(1.0);
    // SAFETY: a record of numbers, by value.
    assert_eq!(unsafe { lib().v2_auto(s) }, 99);
}

#[test]
fn test_enum_values() {
    assert_eq!((v::EV_AA.0, v::EV_BB.0), (0, 1));
    assert_eq!(format!("{:?}", v::enum1_e(1)), "EV_BB");
}

#[test]
fn test_typedef_complete_enum() {
    assert_eq!((v::TE_AA.0, v::TE_BB.0), (0, 1));
    assert_eq!(format!("{:?}", v::enum1_t(1)), "TE_BB");
}

#[test]
fn test_take_and_return_partial_structs() {
    let (mut a, mut b) = (v::pfoo_t::default(), v::pfoo_t::default());
    a.set_x(1000);
    b.set_x(-498);
    // SAFETY: records of integers, by value.
    let h = unsafe { lib().v2_take(a, b) };
    assert_eq!(h.x(), 1000 * 5 - 498 * 7);
}

#[test]
fn test_ffi_union_with_partial_struct() {
    assert_eq!(std::mem::size_of::<v::upart_s>(), 8);
    assert_eq!(std::mem::size_of::<v::upart_u>(), 32);
}

#[test]
fn test_enum_size() {
    // The compiler's type for each enum: unsigned 32 bits, signed 32 bits.
    assert_eq!(std::mem::size_of::<v::size_e>(), 4);
    assert_eq!(v::SZ_BB.0, 4294967295);
    assert_eq!(v::NG_BB.0, -123);
}

#[test]
fn test_bug_const_char_ptr_array_1() {
    // SAFETY: no other thread writes `v2_names`.
    let names = unsafe { lib().v2_names() };
    assert_eq!(names.len(), 5);
    // SAFETY: the first element is a string literal.
    assert_eq!(unsafe { ffi::string(names[1]) }.to_str().unwrap(), "bb");
}

#[test]
fn test_unknown_type() {
    // `typedef int... token_t;`: 64 bits unsigned in the C.
    assert_eq!(std::mem::size_of::<v::token_t>(), 8);
    assert_eq!(lib().v2_token(21), 42);
}

in_both_modes! {
    api = v, abi = va;

    fn test_no_argument(lib) {
        assert_eq!(lib.v2_foo0(), 42);
    }

    fn test_two_arguments(lib) {
        assert_eq!(lib.v2_foo2(40, -2), 42);
    }

    fn test_nondecl_struct(lib) {
        // SAFETY: `v2_bar` ignores its argument.
        assert_eq!(unsafe { lib.v2_bar(std::ptr::null_mut()) }, 42);
    }

    fn test_varargs_struct(lib) {
        let s = v::va_s {
            a: b'B' as c_char,
            b: 1,
        };
        // SAFETY: the function reads one `struct va_s` after `x`.
        assert_eq!(unsafe { (*lib.v2_va())(0, s) }, 65);
    }

    fn test_func_as_funcptr(lib) {
        // SAFETY: no other thread writes `v2_fooptr`.
        let f = unsafe { lib.v2_fooptr() }.unwrap();
        // SAFETY: the function returns a pointer to a string literal.
        let s = unsafe { ffi::string(f().cast::<c_char>()) };
        assert_eq!(s.to_str().unwrap(), "foobar");
    }

    fn test_typedef_enum_as_argument(lib) {
        assert_eq!(lib.v2_enum_arg(v::TE_BB), 11);
    }

    fn test_typedef_enum_as_function_result(lib) {
        assert_eq!(lib.v2_enum_res(1), v::TE_BB);
        // A value no enumerator names is still a value of the enum.
        assert_eq!(lib.v2_enum_res(7).0, 7);
    }

    #[allow(non_snake_case)]
    fn test_passing_string_or_NULL(lib) {
        let s = ffi::cstring("foo").unwrap();
        let mut xs = [42, 43];
        // SAFETY: the functions only compare their argument with NULL.
        unsafe {
            assert_eq!(lib.v2_seeme1(s.as_ptr().cast_mut()), 0);
            assert_eq!(lib.v2_seeme1(std::ptr::null_mut()), 1);
            assert_eq!(lib.v2_seeme2(xs.as_mut_ptr()), 0);
            assert_eq!(lib.v2_seeme2(std::ptr::null_mut()), 1);
        }
    }

    fn test_ptr_to_opaque(lib) {
        // SAFETY: `v2_f1` frees what `v2_f2` allocated, once.
        unsafe {
            let p = lib.v2_f2(42);
            assert!(!p.is_null());
            assert_eq!(lib.v2_f1(p), 42);
        }
    }

    fn test_array_as_argument(lib) {
        let mut s = *b"hello\0";
        // SAFETY: NUL-terminated.
        assert_eq!(unsafe { lib.v2_strlen(s.as_mut_ptr().cast()) }, 5);
    }

    fn test_call_with_voidstar_arg(lib) {
        let mut x: c_int = 41;
        // SAFETY: `v2_voidp` reads an `int` through its argument.
        assert_eq!(unsafe { lib.v2_voidp((&raw mut x).cast::<c_void>()) }, 42);
    }
}
