//! Python cffi's behaviour tests about records, written again for cffi-rs (see
//! `cffi_parity.rs`): layouts and field access only, no call into C, so Miri runs them too
//! (`scripts/miri.sh`).

use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod nonpacked { struct s { char a; int b; }; }
}
cdef! {
    #[cffi(abi, lib = "c", packed)]
    pub unsafe mod packed1 { struct s { char a; int b; }; }
}
cdef! {
    #[cffi(abi, lib = "c", pack = 2)]
    pub unsafe mod packed2 { struct s { char a; int b; }; }
}
cdef! {
    #[cffi(abi, lib = "c", pack = 8)]
    pub unsafe mod packed8 { struct s { char a; int b; }; }
}

#[test]
fn test_struct_packed() {
    use std::mem::{align_of, size_of};
    assert_eq!(
        (size_of::<nonpacked::s>(), align_of::<nonpacked::s>()),
        (8, 4)
    );
    assert_eq!((size_of::<packed1::s>(), align_of::<packed1::s>()), (5, 1));
    assert_eq!((size_of::<packed2::s>(), align_of::<packed2::s>()), (6, 2));
    assert_eq!((size_of::<packed8::s>(), align_of::<packed8::s>()), (8, 4));
    let p = packed1::s { a: 1, b: -7 };
    assert_eq!({ p.b }, -7);
}

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod anon {
        struct foo_s { struct { int a, b; }; union { int c, d; }; };
        union foo_u { struct { int a, b; }; union { int c, d; }; };
        struct foo_s2 { int a; union { int b; union { int c, d; }; }; int e; };
        struct foo_s3 { struct { int a; char b; }; union { char c; }; };
        struct bits_s { int x : 3; union { short f; _Bool on; }; };
    }
}

#[test]
fn test_nested_anonymous_struct() {
    assert_eq!(std::mem::size_of::<anon::foo_s>(), 3 * 4);
    let mut p = anon::foo_s::default();
    p.set_a(1);
    p.set_b(2);
    p.set_c(3);
    assert_eq!((p.a(), p.b(), p.c(), p.d()), (1, 2, 3, 3));
    p.set_d(17);
    assert_eq!(p.c(), 17);
    p.set_b(19);
    assert_eq!((p.a(), p.b(), p.c(), p.d()), (1, 19, 17, 17));
}

#[test]
fn test_nested_anonymous_union() {
    assert_eq!(std::mem::size_of::<anon::foo_u>(), 2 * 4);
    let mut p = anon::foo_u::default();
    p.set_a(5);
    assert_eq!((p.a(), p.b(), p.c(), p.d()), (5, 0, 5, 5));
    p.set_d(17);
    assert_eq!((p.a(), p.c()), (17, 17));
    p.set_b(19);
    assert_eq!((p.a(), p.b(), p.c(), p.d()), (17, 19, 17, 17));
}

#[test]
fn test_nested_anonymous_struct_2() {
    assert_eq!(std::mem::size_of::<anon::foo_s2>(), 3 * 4);
    let mut p = anon::foo_s2 {
        a: 11,
        e: 33,
        ..Default::default()
    };
    p.set_b(22);
    assert_eq!((p.a, p.b(), p.c(), p.d(), p.e), (11, 22, 22, 22, 33));
}

#[test]
fn test_nested_field_offset_align() {
    assert_eq!(std::mem::size_of::<anon::foo_s3>(), 3 * 4);
    assert_eq!(anon::foo_s3::offset_of_c(), 2 * 4);
    let mut p = anon::foo_s3::default();
    p.set_c(b'x' as _);
    // `c` is 8 bytes in: after `int a; char b;` padded to the alignment of `int`.
    // SAFETY: byte 8 lies inside the record, and `set_c` wrote it.
    let byte = unsafe { (&raw const p).cast::<u8>().add(8).read() };
    assert_eq!(byte, b'x');
}

#[test]
fn anonymous_members_of_a_record_stored_as_bytes_are_reached_too() {
    // A bit-field makes the record bytes; the union member's fields are still its own.
    let mut p = anon::bits_s::default();
    p.set_f(0x0102);
    assert_eq!(p.f(), 0x0102);
    // `on` shares its byte with `f`: read as C reads `_Bool`, never an invalid `bool`.
    assert!(p.on());
    p.set_f(0x0100);
    assert!(!p.on());
    p.set_x(-2);
    assert_eq!((p.x(), p.f()), (-2, 0x0100));
}

#[test]
fn test_handle_unique() {
    // Two handles of equal values are two addresses (values with a size; Rust gives every
    // zero-sized value the same dangling address).
    let (a, b) = (
        cffi_core::ffi::new_handle(0u8),
        cffi_core::ffi::new_handle(0u8),
    );
    assert_ne!(a.as_ptr(), b.as_ptr());
}

#[test]
fn test_string_from_wchar_array() {
    use cffi_core::ffi;
    let mut p = ffi::new_array_from(
        &"hello.\0"
            .chars()
            .map(|c| c as ffi::wchar_t)
            .collect::<Vec<_>>(),
    );
    p[5] = '!' as ffi::wchar_t;
    // SAFETY: NUL-terminated.
    assert_eq!(unsafe { ffi::wstring(p.as_ptr()) }, "hello!");
    p[3] = 0;
    // SAFETY: as above.
    assert_eq!(unsafe { ffi::wstring(p.as_ptr()) }, "hel");
}

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod backend {
        struct simple { int a; short b, c; };
        struct foo_bits { int a:10, b:20, c:3; };
        enum foo { A = '!', B = '\'', C = 0x10, D = 010, E = - 0x10, F = -010 };
        enum e { AA, BB = 2, CC = 4, DD = BB, EE, FF = CC, GG = FF };
        struct nest_foo { int a, b, c; };
        struct nest_bar { struct nest_foo d, e; };
        struct arr_bar { int a, b; int c[99]; };
        struct list { int value; struct list *next; };
        union ushort { int a; short b, c; };
        typedef struct foo_s { int a; } foo_t, *foo_p;
        typedef struct { int a; } anon_t, *anon_p;
        struct own_bool_s { struct bar_s *p; };
        struct bar_s { struct own_bool_s foo; };
        typedef int (*fnp)(int);
        struct table { fnp ops[5]; };
        struct two_arrays { char a[3]; short b[2][3]; };
        struct with_enum { enum e kind; char tag; };
        struct mixed_int { int8_t a; uint16_t b; int32_t c; uint64_t d; intptr_t e; size_t f; };
    }
}

#[test]
fn test_struct_simple() {
    use std::mem::{align_of, offset_of, size_of};
    assert_eq!(
        (size_of::<backend::simple>(), align_of::<backend::simple>()),
        (8, 4)
    );
    assert_eq!(
        (
            offset_of!(backend::simple, b),
            offset_of!(backend::simple, c)
        ),
        (4, 6)
    );
    let s = backend::simple {
        a: -1,
        b: -2,
        c: -3,
    };
    assert_eq!((s.a, s.b, s.c), (-1, -2, -3));
}

#[test]
fn test_bitfield() {
    assert_eq!(std::mem::size_of::<backend::foo_bits>(), 8);
    let mut s = backend::foo_bits::default();
    s.set_a(511);
    assert_eq!(s.a(), 511);
    s.set_a(-512);
    assert_eq!(s.a(), -512);
    s.set_c(3);
    assert_eq!((s.a(), s.c()), (-512, 3));
    s.set_b(-1);
    assert_eq!((s.a(), s.b(), s.c()), (-512, -1, 3));
}

#[test]
fn test_enum_char_hex_oct() {
    use backend::foo;
    assert_eq!(
        [foo::A.0, foo::B.0, foo::C.0, foo::D.0, foo::E.0, foo::F.0],
        [b'!' as i32, b'\'' as i32, 16, 8, -16, -8]
    );
    assert_eq!(format!("{:?}", foo(8)), "D");
}

#[test]
fn test_enum_refer_previous_enum_value() {
    use backend::e;
    assert_eq!(
        [e::BB.0, e::DD.0, e::EE.0, e::FF.0, e::GG.0],
        [2, 2, 3, 4, 4]
    );
    // Two names of one value: the first is shown.
    assert_eq!(format!("{:?}", e(2)), "BB");
}

#[test]
fn test_offsetof_nested() {
    use std::mem::offset_of;
    assert_eq!(offset_of!(backend::nest_bar, e), 12);
    assert_eq!(offset_of!(backend::nest_bar, e.a), 12);
    assert_eq!(offset_of!(backend::nest_bar, e.c), 20);
    assert_eq!(cffi_core::offsetof!(backend::arr_bar, c), 2 * 4);
}

#[test]
fn test_recursive_struct() {
    let mut t = backend::list {
        value: 456,
        next: std::ptr::null_mut(),
    };
    let s = backend::list {
        value: 123,
        next: &mut t,
    };
    // SAFETY: `next` points to `t`, alive here.
    assert_eq!((s.value, unsafe { (*s.next).value }), (123, 456));
}

#[test]
fn test_union_simple() {
    let mut u = backend::ushort::default();
    // SAFETY: every member is an integer: any bit pattern is valid.
    unsafe {
        assert_eq!((u.a, u.b, u.c), (0, 0, 0));
        u.b = -23;
        assert_eq!((u.b, u.c), (-23, -23));
        assert_ne!(u.a, 0);
    }
}

#[test]
fn test_struct_with_two_usages() {
    let mut f = backend::foo_t { a: 12345 };
    let p: backend::foo_p = &mut f;
    let ps = [p];
    // SAFETY: `ps[0]` points to `f`.
    assert_eq!(unsafe { (*ps[0]).a }, 12345);
    // The same with an untagged struct.
    let g = backend::anon_t { a: 7 };
    let q: backend::anon_p = (&raw const g).cast_mut();
    // SAFETY: `q` points to `g`.
    assert_eq!(unsafe { (*q).a }, 7);
}

#[test]
fn test_use_own_bool() {
    // A struct holding a pointer to one defined after it, which holds the first by value.
    let mut bar = backend::bar_s::default();
    let q = backend::own_bool_s { p: &mut bar };
    // SAFETY: `q.p` points to `bar`.
    assert!(unsafe { (*q.p).foo.p }.is_null());
}

#[test]
fn test_array_of_func_ptr() {
    extern "C" fn twice(x: i32) -> i32 {
        2 * x
    }
    let mut t = backend::table::default();
    assert!(t.ops.iter().all(Option::is_none));
    t.ops[0] = Some(twice);
    // SAFETY: `twice` is a valid function of this type.
    assert_eq!(unsafe { (t.ops[0].unwrap())(21) }, 42);
}

#[test]
fn test_new_array_of_array() {
    use std::mem::{offset_of, size_of};
    assert_eq!(size_of::<backend::two_arrays>(), 16);
    assert_eq!(offset_of!(backend::two_arrays, b), 4);
    let mut s = backend::two_arrays::default();
    s.b[1][2] = 7;
    assert_eq!(s.b, [[0, 0, 0], [0, 0, 7]]);
}

#[test]
fn test_enum_in_struct() {
    let s = backend::with_enum {
        kind: backend::e::CC,
        tag: 1,
    };
    assert_eq!(
        (s.kind.0, std::mem::size_of::<backend::with_enum>()),
        (4, 8)
    );
}

#[test]
fn test_fixedsize_int() {
    use std::mem::size_of;
    let s = backend::mixed_int {
        a: i8::MIN,
        b: u16::MAX,
        c: i32::MIN,
        d: u64::MAX,
        e: isize::MIN,
        f: usize::MAX,
    };
    assert_eq!(
        (s.a, s.b, s.c, s.d, s.e, s.f),
        (
            i8::MIN,
            u16::MAX,
            i32::MIN,
            u64::MAX,
            isize::MIN,
            usize::MAX
        )
    );
    // `isize` and `usize` are pointer-sized.
    let size = if cfg!(target_pointer_width = "64") {
        32
    } else {
        24
    };
    assert_eq!(size_of::<backend::mixed_int>(), size);
}
