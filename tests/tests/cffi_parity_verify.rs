//! Python cffi's `test_verify.py`, written again for cffi-rs: each test is named after the
//! cffi test it mirrors and checks the same behaviour against the same C
//! (`tests/c/verify.c`), in API mode; those that do not need the compiler run in ABI mode
//! too, against the same C built as a shared library.

use std::ffi::c_int;

use cffi_core::{cdef, ffi};
use cffi_tests::in_both_modes;

cdef! {
    #[cffi(api, include = "<math.h>", source = "c/verify.c", link = "m")]
    pub unsafe mod v {
        double sin(double x);
        int foo_mul(int, int);
        int *same_ptr(int *a);
        struct nonfull_s { int x; ...; };
        struct nonfull_c { char x; ...; };
        struct bits_s { int a:2, b:3; };
        typedef enum { AA, BB, CC } foo_e;
        typedef struct { foo_e f:2; } foo_bits;
        enum ee { EE1, EE2 };
        typedef struct { enum ee x; } *sp;
        enum { ANON0 };
        enum { ANON1, ANON2 };
        int (*cb)(int);
        int call_cb(int x);
        void set_cb_to_g(void);
        int sum_n(int n, ...);
        typedef struct { int x; ...; } foo_t;
        foo_t make_foo(void);
        foo_t add_foo(foo_t a, foo_t b);
        union u1 { int a; char b; double c; };
        _Bool bool_not(_Bool x);
        struct with_bool { _Bool flag; int n; };
        int errno_plus_one(int x);
        #define DEF_FOO ...
        #define DEF_BAR ...
        #define DEF_BAZ ...
        int somenumbers[5];
        int number_at(int i);
        struct point_s { int x, y; };
        struct point_s stuff;
        int stuff_sum(void);
        typedef struct { int x; ...; } foo2_t;
        int foo2(foo2_t *f);
        struct pair { int a, b; };
        struct pair make_pair(int a, int b);
        int apply_op(int (*op)(int, int), int a, int b);
        enum color { RED, GREEN = 5, BLUE };
        int color_value(enum color c);
        enum color next_color(enum color c);
        size_t my_strlen(const char *s);
        float sum3(float *xs);
        struct arr_s { int a[17]; };
        int arr_get(struct arr_s *s, int i);
        int write_to(FILE *f, const char *s);
    }
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_VERIFY_LIB"))]
    pub unsafe mod va {
        int *same_ptr(int *a);
        int (*cb)(int);
        int call_cb(int x);
        void set_cb_to_g(void);
        int sum_n(int n, ...);
        union u1 { int a; char b; double c; };
        _Bool bool_not(_Bool x);
        struct with_bool { _Bool flag; int n; };
        int errno_plus_one(int x);
        int somenumbers[5];
        int number_at(int i);
        struct point_s { int x, y; };
        struct point_s stuff;
        int stuff_sum(void);
        struct pair { int a, b; };
        struct pair make_pair(int a, int b);
        int apply_op(int (*op)(int, int), int a, int b);
        enum color { RED, GREEN = 5, BLUE };
        int color_value(enum color c);
        enum color next_color(enum color c);
        size_t my_strlen(const char *s);
        float sum3(float *xs);
        struct arr_s { int a[17]; };
        int arr_get(struct arr_s *s, int i);
        int write_to(FILE *f, const char *s);
    }
}

fn lib() -> v::Lib {
    v::Lib::load().unwrap()
}

#[test]
fn test_simple_case() {
    assert_eq!(lib().sin(1.23), 1.23f64.sin());
}

#[test]
fn test_macro() {
    // A function-like macro declared as a function: called through its C wrapper.
    assert_eq!(lib().foo_mul(-6, -7), 42);
}

#[test]
fn test_ffi_nonfull_struct() {
    assert_eq!(std::mem::size_of::<v::nonfull_s>(), 6 * 4);
    let mut s = v::nonfull_s::default();
    s.set_x(9);
    assert_eq!(s.x(), 9);
    // SAFETY: `x` is the third `int` of the C struct.
    assert_eq!(unsafe { (&raw const s).cast::<c_int>().add(2).read() }, 9);
    assert_eq!(std::mem::size_of::<v::nonfull_c>(), 12);
    // `ffi.offsetof("struct foo_s", "x")`: the compiler's offset.
    assert_eq!(v::nonfull_s::offset_of_x(), 2 * 4);
    assert_eq!(v::nonfull_c::offset_of_x(), 8);
}

#[test]
fn test_struct_with_bitfield_exact() {
    let mut s = v::bits_s::default();
    s.set_b(3);
    assert_eq!(s.b(), 3);
    // C keeps the low bits: 4 in a signed 3-bit field reads back as -4.
    s.set_b(4);
    assert_eq!(s.b(), -4);
    let mut f = v::foo_bits::default();
    f.set_f(v::CC);
    assert_eq!(f.f(), v::CC);
}

#[test]
fn test_enum_usage() {
    assert_eq!(v::EE2.0, 1);
    let mut s = v::sp_pointee { x: v::EE2 };
    assert_eq!(s.x.0, 1);
    s.x = v::ee(17);
    assert_eq!(s.x.0, 17);
    assert_eq!((v::ANON0, v::ANON1, v::ANON2), (0, 0, 1));
}

#[test]
fn test_return_partial_struct() {
    let lib = lib();
    // SAFETY: records by value of plain integers.
    let h = unsafe { lib.make_foo() };
    assert_eq!(std::mem::size_of::<v::foo_t>(), 8);
    assert_eq!(h.x(), 81);
    // SAFETY: as above.
    let sum = unsafe { lib.add_foo(h, h) };
    assert_eq!(sum.x(), 162);
}

#[test]
fn test_define_int() {
    assert_eq!(v::DEF_FOO, 42);
    assert_eq!(v::DEF_BAR, -44);
    assert_eq!(v::DEF_BAZ, u64::MAX);
}

#[test]
fn test_call_with_struct_ptr() {
    let mut f = v::foo2_t::default();
    f.set_x(6);
    // SAFETY: a valid struct.
    assert_eq!(unsafe { lib().foo2(&mut f) }, 42);
}

unsafe extern "C" {
    #[link_name = "fopen"]
    fn libc_fopen(path: *const std::ffi::c_char, mode: *const std::ffi::c_char) -> *mut ffi::FILE;
    #[link_name = "fclose"]
    fn libc_fclose(f: *mut ffi::FILE) -> c_int;
}

in_both_modes! {
    api = v, abi = va;

    fn test_ptr(lib) {
        let (mut p, mut q) = (ffi::new_with(42), ffi::new_with(42));
        // SAFETY: `same_ptr` returns its argument.
        unsafe {
            assert!(lib.same_ptr(std::ptr::null_mut()).is_null());
            assert_eq!(lib.same_ptr(p.as_mut_ptr()), p.as_mut_ptr());
            assert_ne!(lib.same_ptr(q.as_mut_ptr()), p.as_mut_ptr());
        }
    }

    fn test_access_callback(lib) {
        // SAFETY: no other test uses `cb`; `set_cb_to_g` stores a valid function.
        unsafe {
            assert!(lib.cb().is_none());
            lib.set_cb_to_g();
            let g = lib.cb().unwrap();
            assert_eq!(g(6), 42);
            assert_eq!(lib.call_cb(6), 42);
        }
    }

    fn test_varargs(lib) {
        // SAFETY: `n` says how many `int`s follow.
        let total = unsafe { (*lib.sum_n())(3, 10 as c_int, 20 as c_int, 12 as c_int) };
        assert_eq!(total, 42);
    }

    fn test_ffi_union(_lib) {
        assert_eq!(std::mem::size_of::<v::u1>(), 8);
        let u = v::u1 { a: 0x01020304 };
        // SAFETY: every bit pattern is a valid `c_char`, and `b` shares `a`'s first byte.
        assert_eq!(unsafe { u.b }, 0x04);
    }

    fn test_bool(lib) {
        assert!(!lib.bool_not(true));
        assert!(lib.bool_not(false));
        let s = v::with_bool {
            flag: true,
            ..Default::default()
        };
        assert!(s.flag);
    }

    fn test_get_set_errno(lib) {
        ffi::set_errno(15);
        assert_eq!(lib.errno_plus_one(6), 42);
        assert_eq!(ffi::errno(), 16);
    }

    fn test_access_array_variable(lib) {
        // SAFETY: no other thread writes `somenumbers`.
        unsafe {
            assert_eq!(lib.somenumbers(), [2, 2, 3, 4, 5]);
            let mut a = lib.somenumbers();
            a[3] = 42;
            lib.set_somenumbers(a);
        }
        assert_eq!(lib.number_at(3), 42);
    }

    fn test_access_struct_variable(lib) {
        // SAFETY: no other thread touches `stuff`.
        unsafe {
            let s = lib.stuff();
            assert_eq!((s.x, s.y), (40, 2));
            lib.set_stuff(v::point_s { x: 40, y: 3 });
        }
        assert_eq!(lib.stuff_sum(), 43);
    }

    fn test_func_returns_struct(lib) {
        let p = lib.make_pair(40, 2);
        assert_eq!((p.a, p.b), (40, 2));
    }

    fn test_funcptr_as_argument(lib) {
        extern "C" fn sub(a: c_int, b: c_int) -> c_int {
            a - b
        }
        // SAFETY: `apply_op` calls `sub` once.
        assert_eq!(unsafe { lib.apply_op(Some(sub), 50, 8) }, 42);
    }

    fn test_enum_as_argument(lib) {
        assert_eq!(lib.color_value(v::BLUE), 6);
    }

    fn test_enum_as_function_result(lib) {
        assert_eq!(lib.next_color(v::RED), v::GREEN);
        // Any value of the underlying integer is valid, named or not.
        assert_eq!(lib.next_color(v::color(99)), v::BLUE);
    }

    fn test_strlen_exact(lib) {
        let s = ffi::cstring("hello").unwrap();
        // SAFETY: a NUL-terminated string.
        assert_eq!(unsafe { lib.my_strlen(s.as_ptr()) }, 5);
    }

    fn test_floatstar_argument(lib) {
        let mut xs = [1.5f32, 2.5, 3.0];
        // SAFETY: three floats.
        assert_eq!(unsafe { lib.sum3(xs.as_mut_ptr()) }, 7.0);
    }

    fn test_struct_array_field(lib) {
        let mut s = v::arr_s::default();
        s.a[14] = 4242;
        // SAFETY: a valid struct; index in range.
        assert_eq!(unsafe { lib.arr_get(&mut s, 14) }, 4242);
        assert_eq!(std::mem::size_of::<v::arr_s>(), 17 * 4);
    }

    #[allow(non_snake_case)]
    fn test_FILE_stored_in_stdout(lib) {
        let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("verify_file.txt");
        let name = ffi::cstring(path.to_str().unwrap()).unwrap();
        let mode = ffi::cstring("w").unwrap();
        // SAFETY: valid strings; the stream is closed once.
        unsafe {
            let f = libc_fopen(name.as_ptr(), mode.as_ptr());
            assert!(!f.is_null());
            assert_eq!(
                lib.write_to(f, ffi::cstring("written by C").unwrap().as_ptr()),
                1
            );
            libc_fclose(f);
        }
        assert_eq!(std::fs::read_to_string(path).unwrap(), "written by C");
    }
}
