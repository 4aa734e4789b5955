//! Run-time mode's memory work, without calling C (so that Miri can run it): objects made
//! with `new_object`, fields (nested, anonymous, bit-fields, unaligned in packed structs),
//! elements, copies, pointers into Rust-owned objects, casts.

use super::{Ffi, Value};

fn ffi() -> Ffi {
    let mut ffi = Ffi::new();
    ffi.cdef(
        "struct inner { short a; double d; };
         struct outer { char tag; struct inner in; union { int i; float f; }; int arr[3]; };
         struct bits { unsigned a : 3; int b : 5; unsigned long long c : 40; _Bool flag : 1; };
         struct __attribute__((packed)) tight { char c; int x; long long y; };",
    )
    .unwrap();
    ffi
}

fn int(v: i128) -> Value {
    Value::Int(v)
}

#[test]
fn nested_and_anonymous_fields() {
    let ffi = ffi();
    let mut o = ffi.new_object("struct outer *").unwrap();
    o.set("tag", -5).unwrap();
    o.set("in.a", 300).unwrap();
    o.set("in.d", 2.5).unwrap();
    o.set("i", 0x3f80_0000).unwrap();
    assert_eq!(o.get("tag").unwrap(), int(-5));
    assert_eq!(o.get("in.a").unwrap(), int(300));
    assert_eq!(o.get("in.d").unwrap(), Value::Float(2.5));
    // The union's members share their bytes: 0x3f800000 is 1.0f.
    assert_eq!(o.get("f").unwrap(), Value::Float(1.0));
    let Value::Data(inner) = o.get("in").unwrap() else {
        panic!()
    };
    assert_eq!(inner.get("a").unwrap(), int(300));
    assert_eq!(ffi.offsetof("struct outer", "in.d").unwrap(), 16);
    assert!(o.set("in.a", 40000).is_err());
    assert!(o.get("arr").is_err());
}

#[test]
fn bit_fields_round_trip_at_their_widths() {
    let ffi = ffi();
    let mut b = ffi.new_object("struct bits *").unwrap();
    for (a, bb, c, flag) in [
        (0, -16, 0, 0),
        (7, 15, (1i128 << 40) - 1, 1),
        (5, -1, 12345678901, 0),
    ] {
        b.set("a", a).unwrap();
        b.set("b", bb).unwrap();
        b.set("c", c).unwrap();
        b.set("flag", flag).unwrap();
        assert_eq!(b.get("a").unwrap(), int(a));
        assert_eq!(b.get("b").unwrap(), int(bb));
        assert_eq!(b.get("c").unwrap(), int(c));
        assert_eq!(b.get("flag").unwrap(), int(flag));
    }
    assert!(b.set("flag", 2).is_err());
    assert!(b.set("c", 1i128 << 40).is_err());
}

#[test]
fn packed_fields_are_unaligned() {
    let ffi = ffi();
    assert_eq!(ffi.sizeof("struct tight").unwrap(), 13);
    let mut t = ffi.new_object("struct tight *").unwrap();
    t.set("x", -123456).unwrap();
    t.set("y", i64::MIN).unwrap();
    assert_eq!(t.get("x").unwrap(), int(-123456));
    assert_eq!(t.get("y").unwrap(), int(i64::MIN.into()));
    assert_eq!(&t.as_bytes()[1..5], (-123456i32).to_ne_bytes());
}

#[test]
fn arrays_copies_and_pointers_into_objects() {
    let ffi = ffi();
    let mut xs = ffi.new_array("struct inner[]", 3).unwrap();
    xs.set_at(2, "d", 7.5).unwrap();
    assert_eq!(xs.get_at(2, "d").unwrap(), Value::Float(7.5));
    assert!(xs.get_at(3, "d").is_err());
    let copy = xs.clone();
    assert_eq!(copy, xs);
    xs.set_at(0, "a", 1).unwrap();
    assert_ne!(copy, xs);

    let p = xs.ptr();
    let p = p.as_pointer().unwrap();
    assert_eq!(p.ctype().name(), "struct inner *");
    // SAFETY: `p` points into `xs`, alive and not otherwise accessed during these calls.
    unsafe {
        let third = p.offset(2).unwrap();
        assert_eq!(third.get("d").unwrap(), Value::Float(7.5));
        third.set("a", -2).unwrap();
    }
    assert_eq!(xs.get_at(2, "a").unwrap(), int(-2));

    let mut text = ffi.new_array("char[]", 8).unwrap();
    for (i, c) in b"abc".iter().enumerate() {
        text.set_index(i, *c).unwrap();
    }
    assert_eq!(text.string().unwrap(), b"abc");
    let p = text.ptr();
    // SAFETY: `text` holds a NUL-terminated string.
    assert_eq!(unsafe { p.as_pointer().unwrap().string() }.unwrap(), b"abc");
}

#[test]
fn casts_convert_as_c_does() {
    let ffi = ffi();
    for x in [
        -129i128,
        -1,
        0,
        255,
        256,
        70000,
        i128::from(i64::MAX),
        i128::from(u64::MAX),
    ] {
        assert_eq!(
            ffi.cast("unsigned char", &int(x)).unwrap(),
            int((x as u8).into()),
            "{x}"
        );
        assert_eq!(
            ffi.cast("short", &int(x)).unwrap(),
            int((x as i16).into()),
            "{x}"
        );
        assert_eq!(
            ffi.cast("long long", &int(x)).unwrap(),
            int((x as i64).into()),
            "{x}"
        );
        assert_eq!(
            ffi.cast("unsigned int", &int(x)).unwrap(),
            int((x as u32).into()),
            "{x}"
        );
    }
    assert_eq!(
        ffi.cast("float", &Value::Float(0.1)).unwrap(),
        Value::Float(f64::from(0.1f32))
    );
    assert!(ffi.cast("struct inner", &int(1)).is_err());
}

#[test]
fn quick_type_names_agree_with_the_front_end() {
    let mut ffi = ffi();
    ffi.cdef("typedef struct outer outer_t; typedef unsigned long size_t; enum color { RED };")
        .unwrap();
    let opts = cffi_frontend::Options::default();
    for spelling in [
        "int",
        "unsigned long *",
        "struct inner",
        "struct outer **",
        "outer_t *",
        "enum color",
        "size_t[]",
        "char[8]",
        "int *[3]",
        "const char * const *",
        "double",
        "_Bool",
        "struct bits[2]",
        "union inner",
        "int[3][4]",
        "int (*)(int)",
        "outer_t[0]",
    ] {
        let quick = super::type_names::quick(ffi.module(), &opts, spelling);
        let full = cffi_frontend::parse_type_name(ffi.text(), &opts, spelling).ok();
        match (quick, full) {
            (Some(q), Some((m, f))) => {
                let render = |t| cffi_frontend::render::c_type(&m, t);
                assert_eq!(render(&q), render(&f), "{spelling}");
            }
            (Some(q), None) => panic!("{spelling}: quick gave {q:?}, the front end nothing"),
            (None, _) => {}
        }
    }
    assert_eq!(ffi.sizeof("int[3][4]").unwrap(), 48);
    assert_eq!(ffi.typeof_("int[3][4]").unwrap().name(), "int [3][4]");
}

#[test]
fn records_of_another_ffi_are_told_apart_by_their_declarations() {
    let mut a = Ffi::new();
    a.cdef("struct big { char b[4096]; }; struct point { int x, y; };")
        .unwrap();
    let mut b = Ffi::new();
    b.cdef("struct tiny { char c; }; struct point { int x, y; };")
        .unwrap();
    // `big` and `tiny` are the first record of each: the same index, other types.
    let big = a.new_object("struct big *").unwrap();
    let mut tiny = b.new_object("struct tiny *").unwrap();
    assert!(tiny.set_value(Value::from(big.clone())).is_err());
    let mut slot = b.new_object("struct tiny **").unwrap();
    assert!(slot.set_value(big.ptr()).is_err());
    // The same declaration in both is the same type.
    let mut p = a.new_object("struct point *").unwrap();
    p.set("y", 9).unwrap();
    let mut q = b.new_object("struct point *").unwrap();
    q.set_value(Value::from(p)).unwrap();
    assert_eq!(q.get("y").unwrap(), int(9));
}
