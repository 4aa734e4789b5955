//! Run-time mode where a type's identity or layout is easy to get wrong: records of two
//! `Ffi`s, records libffi would lay out differently from C, records with no members. Each
//! refusal is an error value, never a wrong call or a panic.

use cffi_core::runtime::{Error, Ffi, Value};

#[test]
fn records_are_told_apart_across_ffis_by_their_declarations() {
    let mut a = Ffi::new();
    a.cdef("struct big { char b[4096]; }; struct point { int x, y; };")
        .unwrap();
    let mut b = Ffi::new();
    // The same indices, other records: `tiny` is b's first as `big` is a's.
    b.cdef("struct tiny { char c; }; struct point { int x, y; };")
        .unwrap();
    let big = a.new_object("struct big *").unwrap();
    let mut tiny = b.new_object("struct tiny *").unwrap();
    let e = tiny.set_value(Value::from(big.clone())).unwrap_err();
    assert!(e.to_string().contains("does not fit"), "{e}");

    // A pointer to a's `struct big` where b declares a `struct tiny *`.
    let mut slot = b.new_object("struct tiny **").unwrap();
    assert!(slot.set_value(big.ptr()).is_err());

    // The same declarations in two `Ffi`s are the same C type, as across C files.
    let mut p = a.new_object("struct point *").unwrap();
    p.set("x", 7).unwrap();
    let mut q = b.new_object("struct point *").unwrap();
    q.set_value(Value::from(p.clone())).unwrap();
    assert_eq!(q.get("x").unwrap(), Value::Int(7));
    let mut slot = b.new_object("struct point **").unwrap();
    slot.set_value(p.ptr()).unwrap();

    // Same tag and members, other layout: not the same type.
    let mut c = Ffi::new();
    c.cdef("struct point { int x, y; } __attribute__((aligned(16)));")
        .unwrap();
    let mut r = c.new_object("struct point *").unwrap();
    assert!(r.set_value(Value::from(p)).is_err());
}

/// A library whose `abs` is declared again with by-value records: the declarations are
/// refused before any call.
fn libc_with(declarations: &str) -> cffi_core::runtime::Lib {
    let mut ffi = Ffi::new();
    ffi.cdef(declarations).unwrap();
    // SAFETY: the C library's initialisers have run already.
    unsafe { ffi.dlopen("c") }.unwrap()
}

#[test]
fn records_libffi_would_lay_out_otherwise_are_refused() {
    // The typedef's alignment moves `x` to offset 8: libffi's `{u8, u32}` has it at 4.
    let lib = libc_with(
        "typedef int aint __attribute__((aligned(8)));
         struct al { char c; aint x; };
         int take_al(struct al) __asm__(\"abs\");",
    );
    let e = lib.function("take_al").unwrap_err();
    assert!(matches!(e, Error::Unsupported(_)), "{e:?}");
    assert!(e.to_string().contains("lay it out differently"), "{e}");

    let lib = libc_with(
        "struct __attribute__((packed)) P { char c; int i; int b : 4; };
         int take_p(struct P) __asm__(\"abs\");",
    );
    assert!(matches!(lib.function("take_p"), Err(Error::Unsupported(_))));

    // A vector member: libffi has no vector types.
    let lib = libc_with(
        "typedef int v4si __attribute__((vector_size(16)));
         struct hv { v4si v; };
         int take_hv(struct hv) __asm__(\"abs\");
         int take_v(v4si) __asm__(\"abs\");",
    );
    assert!(matches!(
        lib.function("take_hv"),
        Err(Error::Unsupported(_))
    ));
    assert!(matches!(lib.function("take_v"), Err(Error::Unsupported(_))));
}

#[test]
fn records_without_members_are_refused_not_a_panic() {
    let lib = libc_with(
        "struct e {};
         struct z { int : 0; };
         int take_e(struct e, int) __asm__(\"abs\");
         struct e give_e(void) __asm__(\"abs\");
         int take_z(struct z) __asm__(\"abs\");",
    );
    for name in ["take_e", "give_e", "take_z"] {
        let e = lib.function(name).unwrap_err();
        assert!(e.to_string().contains("no members"), "{name}: {e}");
    }
}

#[test]
fn records_holding_long_double_are_not_returned_through_libffi() {
    // gcc returns it on the x87 stack; libffi would read the result from memory.
    let lib = libc_with(
        "struct ld { long double x; };
         struct ld give_ld(void) __asm__(\"abs\");
         int take_ld(struct ld) __asm__(\"abs\");",
    );
    let e = lib.function("give_ld").unwrap_err();
    assert!(e.to_string().contains("long double"), "{e}");
    // As an argument it is passed as gcc passes it.
    assert!(lib.function("take_ld").is_ok());
}

/// System V's convention only: on Windows libffi's Win64 code passes such a record by
/// reference, correctly.
#[cfg(all(target_arch = "x86_64", unix))]
#[test]
fn calls_libffi_would_pass_wrongly_are_refused() {
    // libffi before 3.4.7 copies a record of more than 8 bytes that starts in the sixth
    // integer register over the first floating-point register (the differential test found
    // `double` arguments arriving with another argument's value).
    let lib = libc_with(
        "struct cd { char c; double d; };
         int sixth(double x, int a, int b, int c, int d, int e, struct cd s) __asm__(\"abs\");
         int first(struct cd s, double x, int a, int b, int c, int d, int e) __asm__(\"abs\");
         int after_stack(int a, int b, int c, int d, int e, int f, struct cd s) __asm__(\"abs\");",
    );
    let e = lib.function("sixth").unwrap_err();
    assert!(e.to_string().contains("sixth integer register"), "{e}");
    assert!(lib.function("first").is_ok());
    // All six integer registers taken: the record goes on the stack, which libffi gets right.
    assert!(lib.function("after_stack").is_ok());
}
