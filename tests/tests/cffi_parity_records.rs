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
