//! Python cffi's own behaviour tests, written again for cffi-rs: each test is named after the
//! cffi test it mirrors (in cffi's `testing/` directory) and checks the same behaviour, with
//! the same declaration text where cffi-rs reads cffi's spelling. These call C; those that only
//! lay out and access records are in `cffi_parity_records.rs`, which Miri also runs.

use cffi_core::cdef;

cdef! {
    #[cffi(api, source = "c/parity.c")]
    pub unsafe mod parity {
        enum ee { EE1, EE2 = ..., EE3 };
        enum { PLAIN1 = ..., PLAIN2 };
        typedef ... *token_p;
        token_p token_next(token_p arg);
        struct foo_s { int a[]; int y; ...; };
        int foo_get(struct foo_s *f, int i);
        struct holder_s { struct bar_s f; ...; };
        struct bar_s { ...; };
        int holder_x(struct holder_s *h);
        int __cdecl plain(int x);
        int WINAPI apply(int (__stdcall *cb)(int), int x);
        typedef void void_t1;
        typedef void_t1 void_t;
        int answer(void_t);
        static const int AA, BB, CC, DD;
        static const int FOO = 0x123;
        static const int BAR = 7;
        static int somenumber;
        int somenumber_times_7(void);
        int call_with(int (*cb)(void *), void *data);
        const wchar_t *greeting(void);
    }
}

#[test]
fn test_nonfull_enum_syntax2() {
    // `EE2 = ...`: the compiler gives EE2 and the values counted on from it.
    assert_eq!(parity::EE1.0, 10);
    assert_eq!(parity::EE2.0, 11);
    assert_eq!(parity::EE3.0, -10);
    assert_eq!(format!("{:?}", parity::ee(11)), "EE2");
    assert_eq!((parity::PLAIN1, parity::PLAIN2), (-1239, -1238));
}

#[test]
fn test_unknown_type_3() {
    let lib = parity::Lib::load().unwrap();
    // SAFETY: `token_next` only compares its argument with null.
    let (a, b) = unsafe {
        let a = lib.token_next(std::ptr::null_mut());
        (a, lib.token_next(a))
    };
    assert_eq!((a as usize, b as usize), (0x12345, 0x12347));
}

#[test]
fn test_struct_array_no_length() {
    // The C struct is `{ int x; int a[17]; int y; }`: the compiler gives `a` its length.
    assert_eq!(std::mem::size_of::<parity::foo_s>(), 19 * 4);
    let mut s = parity::foo_s::default();
    let mut a = s.a();
    assert_eq!(a.len(), 17);
    a[14] = 4242;
    s.set_a(a);
    let lib = parity::Lib::load().unwrap();
    // SAFETY: `foo_get` reads `f->a[14]` of a valid struct.
    assert_eq!(unsafe { lib.foo_get(&mut s, 14) }, 4242);
}

#[test]
fn test_struct_containing_struct() {
    let mut h = parity::holder_s::default();
    assert_eq!(std::mem::size_of::<parity::bar_s>(), 4);
    let mut inner = h.f();
    // SAFETY: the first field of `struct bar_s` is `int x` in the C.
    unsafe { (&raw mut inner).cast::<i32>().write(7) };
    h.set_f(inner);
    let lib = parity::Lib::load().unwrap();
    // SAFETY: a valid struct.
    assert_eq!(unsafe { lib.holder_x(&mut h) }, 7);
}

#[test]
fn test_win32_calling_convention_0() {
    // `__stdcall` on 32-bit x86, where the callee pops its arguments; the C one elsewhere.
    #[cfg(target_arch = "x86")]
    extern "stdcall" fn twice(x: i32) -> i32 {
        2 * x
    }
    #[cfg(not(target_arch = "x86"))]
    extern "C" fn twice(x: i32) -> i32 {
        2 * x
    }
    let lib = parity::Lib::load().unwrap();
    assert_eq!(lib.plain(4), 5);
    // SAFETY: `apply` calls the callback once with `x`.
    assert_eq!(unsafe { lib.apply(Some(twice), 21) }, 42);
}

#[test]
fn test_global_constants() {
    // `static const int X;`: the compiler gives the value, whatever C spells it as.
    assert_eq!(
        (parity::AA, parity::BB, parity::CC, parity::DD),
        (42, -43, 44, 142)
    );
    // With a value: a constant of the declared type, which the C must agree with.
    let (foo, bar): (i32, i32) = (parity::FOO, parity::BAR);
    assert_eq!((foo, bar), (0x123, 7));
}

#[test]
fn test_access_variable() {
    let lib = parity::Lib::load().unwrap();
    // SAFETY: no other thread touches `somenumber` (only this test uses it).
    unsafe {
        assert_eq!(lib.somenumber(), 2);
        assert_eq!(lib.somenumber_times_7(), 14);
        lib.set_somenumber(-6);
        assert_eq!(lib.somenumber_times_7(), -42);
    }
}

#[test]
fn test_handle() {
    use cffi_core::ffi;
    extern "C" fn sum(data: *mut std::ffi::c_void) -> std::ffi::c_int {
        // SAFETY: C passes back the pointer of the live `Handle<Vec<i32>>` below.
        unsafe { ffi::from_handle::<Vec<i32>>(data) }.iter().sum()
    }
    let x = ffi::new_handle(vec![2, 4, 6]);
    let lib = parity::Lib::load().unwrap();
    // SAFETY: `call_with` calls `sum` once with the handle's pointer, while `x` lives.
    assert_eq!(unsafe { lib.call_with(Some(sum), x.as_ptr()) }, 12);
    assert_eq!(x.into_inner(), [2, 4, 6]);
}

#[test]
fn test_unicode_from_wchar_pointer() {
    let lib = parity::Lib::load().unwrap();
    // SAFETY: `greeting` returns a NUL-terminated wide string literal.
    let text = unsafe { cffi_core::ffi::wstring(lib.greeting()) };
    assert_eq!(text, "héllo €");
}

#[test]
fn test_void_renamed_as_only_arg() {
    let lib = parity::Lib::load().unwrap();
    assert_eq!(lib.answer(), 42);
}

cdef! {
    #[cffi(api, source = "c/parity_packed.c", packed)]
    pub unsafe mod packed_api {
        struct foo { char y; int x; };
        struct foo f(void);
    }
}

#[test]
fn test_call_with_packed_struct() {
    let lib = packed_api::Lib::load().unwrap();
    let s = lib.f();
    assert_eq!(({ s.y }, { s.x }), (40, 200));
    assert_eq!(std::mem::size_of::<packed_api::foo>(), 5);
}

cdef! {
    #[cffi(api, source = "c/parity_python.c")]
    pub unsafe mod python {
        extern "Python" {
            int bar(int, int);
            void baz(int, int);
        }
        extern "Python" int bok(int);
        extern "Python+C" int foo(int);
        extern "C + Python" int bar2(int);
        int call_bar(int a, int b);
        void call_baz(int a, int b);
        int call_bok(int x);
        int call_me(int x);
        int apply2(int (*cb)(int, int), int a, int b);
        struct foo_s { int a, b, c; };
        extern "Python" int bar3(int, struct foo_s, int);
        extern "Python" { struct foo_s baz3(int, int); }
        int call_bar3(int x, int y);
        int call_baz3(int x, int y);
    }
}

#[test]
fn test_extern_python_1() {
    use std::sync::atomic::{AtomicI32, Ordering};
    let lib = python::Lib::load().unwrap();
    // Nothing attached: zero, and a warning on stderr.
    assert_eq!(lib.call_bar(4, 5), 0);
    python::def_extern::bar(|a, b| a * 10 + b);
    assert_eq!(lib.call_bar(4, 5), 45);
    // The function is a C function pointer as well, and callable from Rust.
    assert_eq!(python::bar(6, 7), 67);
    // SAFETY: `apply2` calls the callback once with the two integers.
    assert_eq!(unsafe { lib.apply2(Some(python::bar), 1, 2) }, 12);
    static SEEN: AtomicI32 = AtomicI32::new(0);
    python::def_extern::baz(|a, b| SEEN.store(a - b, Ordering::SeqCst));
    lib.call_baz(50, 8);
    assert_eq!(SEEN.load(Ordering::SeqCst), 42);
}

#[test]
fn test_extern_python_struct() {
    let lib = python::Lib::load().unwrap();
    python::def_extern::bar3(|x, s, y| x + s.a * 100 + s.b * 10 + s.c + y * 1000);
    assert_eq!(lib.call_bar3(5, 7), 5 + 1000 + 200 + 30 + 7000);
    python::def_extern::baz3(|x, y| python::foo_s { a: x, b: y, c: 4 });
    assert_eq!(lib.call_baz3(1, 2), 124);
    // Callable from Rust as well.
    assert_eq!(python::baz3(7, 8).c, 4);
}

#[test]
fn test_extern_python_redefine() {
    let lib = python::Lib::load().unwrap();
    python::def_extern::bok(|n| n * 10);
    assert_eq!(lib.call_bok(42), 420);
    python::def_extern::bok(|n| -n);
    assert_eq!(lib.call_bok(42), -42);
}

#[test]
fn test_extern_python_plus_c() {
    let lib = python::Lib::load().unwrap();
    python::def_extern::foo(|x| x + 100);
    python::def_extern::bar2(|x| x * 2);
    assert_eq!(lib.call_me(5), 105 - 10);
}

cdef! {
    #[cffi(api, source = "c/include_base.c")]
    pub unsafe mod base {
        typedef double foo_t;
        struct point { int x, y; };
        enum color { RED, GREEN };
        typedef struct { int a; ...; } partial_t;
        int base_only(void);
    }

    /// `uses = "base"`: Python cffi's `ffi.include(base_ffi)`.
    #[cffi(api, source = "c/include_user.c", uses = "base")]
    pub unsafe mod user {
        foo_t ff1(foo_t);
        int norm1(struct point *p);
        enum color flip(enum color c);
        int partial_a(partial_t *p);
        // Declared again here, so bound here too.
        int base_only(void);
    }
}

cdef! {
    #[cffi(api, include = "c/include_base.h")]
    pub mod chain_base {
        struct point { int x, y; };
    }

    #[cffi(api, include = "c/include_chain.h", uses = "chain_base")]
    pub mod chain_mid {
        typedef struct { struct point corner; int side; } square;
    }

    /// A module using one that uses another: both earlier modules' types.
    #[cffi(api, source = "c/include_chain.c", uses = "chain_mid")]
    pub mod chain_top {
        int square_area(const square *s);
        int point_sum(struct point p);
    }
}

#[test]
fn test_include_chain() {
    use std::any::TypeId;
    assert_eq!(
        TypeId::of::<chain_top::point>(),
        TypeId::of::<chain_base::point>()
    );
    assert_eq!(
        TypeId::of::<chain_top::square>(),
        TypeId::of::<chain_mid::square>()
    );
    let lib = chain_top::Lib::load().unwrap();
    let s = chain_mid::square {
        corner: chain_base::point { x: 1, y: 2 },
        side: 7,
    };
    // SAFETY: a valid square.
    assert_eq!(unsafe { lib.square_area(&s) }, 49);
    // SAFETY: a struct of two ints by value.
    assert_eq!(unsafe { lib.point_sum(s.corner) }, 3);
}

#[test]
fn test_include_1() {
    let lib = user::Lib::load().unwrap();
    let x: base::foo_t = 1.25;
    assert_eq!(lib.ff1(x), 2.5);
}

#[test]
fn test_include_2() {
    use std::any::TypeId;
    // The used module's types are the module's own, not copies.
    assert_eq!(TypeId::of::<user::point>(), TypeId::of::<base::point>());
    assert_eq!(TypeId::of::<user::color>(), TypeId::of::<base::color>());
    let mut p = base::point { x: -3, y: 4 };
    let lib = user::Lib::load().unwrap();
    // SAFETY: a valid point.
    assert_eq!(unsafe { lib.norm1(&mut p) }, 7);
    assert_eq!(lib.flip(base::RED), base::GREEN);
}

#[test]
fn test_include_3() {
    // A partial struct measured for the module that declares it, used by the other.
    let mut s = base::partial_t::default();
    s.set_a(42);
    let lib = user::Lib::load().unwrap();
    // SAFETY: a valid struct.
    assert_eq!(unsafe { lib.partial_a(&mut s) }, 42);
    // The used module's functions stay its own.
    assert_eq!(base::Lib::load().unwrap().base_only(), 1);
}

#[test]
fn test_include_redeclared_function() {
    // A function of the used module that the module declares again is the module's too.
    assert_eq!(user::Lib::load().unwrap().base_only(), 1);
}

cdef! {
    #[cffi(api, source = "c/include_packed.c", packed)]
    pub unsafe mod packed_base {
        struct pk { char c; int i; };
    }

    /// An unpacked module using a packed one: `pk` keeps its packing, `pl` and `holder` are
    /// laid out as C lays them out without `#pragma pack`.
    #[cffi(api, source = "c/include_packed.c", uses = "packed_base")]
    pub unsafe mod packed_user {
        struct pl { char c; int i; };
        struct holder { struct pk p; char tail; };
        int holder_tail(const struct holder *h);
    }

    /// A module packed to 2 using the unpacked one: its own records only are packed.
    #[cffi(api, source = "c/include_packed.c", uses = "packed_user", pack = 2)]
    pub unsafe mod packed_top {
        struct capped { struct pl x; char t; };
        int capped_t(const struct capped *c);
    }
}

cdef! {
    /// The same modules in ABI mode, whose layouts are the layout engine's alone.
    #[cffi(abi, lib = "c", packed)]
    pub unsafe mod packed_base_abi {
        struct pk { char c; int i; };
    }

    #[cffi(abi, lib = "c", uses = "packed_base_abi")]
    pub unsafe mod packed_user_abi {
        struct pl { char c; int i; };
        struct holder { struct pk p; char tail; };
    }

    #[cffi(abi, lib = "c", uses = "packed_user_abi", pack = 2)]
    pub unsafe mod packed_top_abi {
        struct capped { struct pl x; char t; };
    }
}

/// `ffi.include` of a packed `cdef` keeps its packing, and the including `cdef`'s own applies
/// to its own declarations only: the C compiler checks every offset in API mode.
#[test]
fn test_include_keeps_each_modules_packing() {
    use std::mem::{align_of, offset_of, size_of};
    assert_eq!(
        (size_of::<packed_base::pk>(), align_of::<packed_base::pk>()),
        (5, 1)
    );
    assert_eq!(
        (size_of::<packed_user::pl>(), align_of::<packed_user::pl>()),
        (8, 4)
    );
    assert_eq!(size_of::<packed_user::holder>(), 6);
    assert_eq!(
        (
            size_of::<packed_top::capped>(),
            align_of::<packed_top::capped>()
        ),
        (10, 2)
    );
    assert_eq!(offset_of!(packed_top::capped, t), 8);
    assert_eq!(size_of::<packed_top_abi::capped>(), 10);
    assert_eq!(size_of::<packed_user_abi::holder>(), 6);
    assert_eq!(size_of::<packed_top_abi::pk>(), 5);

    let lib = packed_top::Lib::load().unwrap();
    let h = packed_user::holder {
        p: packed_base::pk { c: 1, i: 40 },
        tail: 2,
    };
    let c = packed_top::capped {
        x: packed_user::pl { c: 0, i: 30 },
        t: 3,
    };
    let user = packed_user::Lib::load().unwrap();
    // SAFETY: each points to a live record of the declared type.
    unsafe {
        assert_eq!(user.holder_tail(&h), 42);
        assert_eq!(lib.capped_t(&c), 33);
    }
}
