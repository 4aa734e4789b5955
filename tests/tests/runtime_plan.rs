//! The untyped call's plan (`Function::call`): every check of the general path still happens
//! on the direct paths, for integer-only signatures and for signatures with floats, and every
//! refusal falls back to the general path's error without calling C.

use cffi_core::runtime::{Error, Ffi, Lib, Value};

fn fixture() -> (Ffi, Lib) {
    cffi_tests::runtime_fixture()
}

/// The call's error message, which must exist.
fn refused(lib: &Lib, name: &str, args: &[Value]) -> String {
    let f = lib.function(name).unwrap();
    // SAFETY: every call here is refused before C runs.
    match unsafe { f.call(args) } {
        Err(Error::Value(m)) => m,
        other => panic!("`{name}` with {args:?}: {other:?}"),
    }
}

#[test]
fn integer_only_calls_keep_every_check() {
    let (ffi, lib) = fixture();
    // Ranges at both ends of every width, and `_Bool`.
    for (name, lo, hi) in [
        ("id_i8", -128, 127),
        ("id_u8", 0, 255),
        ("id_i16", -32768, 32767),
        ("id_u16", 0, 65535),
        ("id_i32", i32::MIN.into(), i32::MAX.into()),
        ("id_u32", 0, u32::MAX.into()),
        ("id_i64", i64::MIN.into(), i64::MAX.into()),
        ("id_u64", 0, u64::MAX.into()),
        ("negate", 0, 1),
    ] {
        let f = lib.function(name).unwrap();
        for ok in [lo, hi] {
            // SAFETY: the fixture's functions match its header.
            let r = unsafe { f.call(&[Value::Int(ok)]) }.unwrap();
            let expected = if name == "negate" { 1 - ok } else { ok };
            assert_eq!(r, Value::Int(expected), "{name}({ok})");
        }
        for bad in [lo - 1, hi + 1] {
            let m = refused(&lib, name, &[Value::Int(bad)]);
            assert!(m.contains("does not fit"), "{name}({bad}): {m}");
        }
    }
    // The number of arguments, and kinds: a float or bytes where an integer goes.
    assert!(refused(&lib, "add1", &[]).contains("takes 1 argument but 0"));
    let two = [Value::Int(1), Value::Int(2)];
    assert!(refused(&lib, "add1", &two).contains("takes 1 argument but 2"));
    assert!(refused(&lib, "add1", &[Value::Float(1.0)]).contains("does not fit"));
    assert!(refused(&lib, "add1", &[Value::Bytes(b"x".to_vec())]).contains("does not fit"));
    // Pointers: another pointee is refused, NULL and `void *` pass, bytes go to `char *`.
    let p = ffi.new_object("struct point *").unwrap();
    let m = refused(&lib, "fibo", &[p.ptr(), p.ptr()]);
    assert!(m.contains("does not fit `int *`"), "{m}");
    let strlen = lib.function("c_strlen").unwrap();
    // SAFETY: `c_strlen` reads the NUL-terminated copy of the bytes.
    let n = unsafe { strlen.call(&[Value::Bytes(b"four".to_vec())]) }.unwrap();
    assert_eq!(n, Value::Int(4));
    let count = lib.function("count_or_minus_one").unwrap();
    // SAFETY: `count_or_minus_one` only tests the pointer.
    let r = unsafe { count.call(&[Value::Null, Value::Int(3)]) }.unwrap();
    assert_eq!(r, Value::Int(-1));
    let i = ffi.new_object("int *").unwrap();
    let m = refused(&lib, "point_scale", &[i.ptr(), Value::Int(2)]);
    assert!(
        m.contains("an `int *` does not fit `struct point *`"),
        "{m}"
    );
    let m = refused(&lib, "count_or_minus_one", &[p.ptr(), Value::Int(3)]);
    assert!(m.contains("does not fit `const int *`"), "{m}");
}

#[test]
fn calls_with_floats_keep_every_check() {
    let (_, lib) = fixture();
    let mix = lib.function("mix").unwrap();
    let args = |a: Value| {
        [
            a,
            Value::Float(0.5),
            Value::Int(7),
            Value::Float(1.25),
            Value::Int(3),
            Value::Float(0.25),
        ]
    };
    // SAFETY: `mix` matches the header.
    let r = unsafe { mix.call(&args(Value::Int(-1))) }.unwrap();
    let Value::Float(r) = r else { panic!("{r:?}") };
    assert!((r - (-1000000.0 + 5000.0 + 700.0 + 1.25 + 0.03 + 0.000025)).abs() < 1e-6);
    let m = refused(&lib, "mix", &args(Value::Int(128)));
    assert!(m.contains("does not fit `signed char`"), "{m}");
    let m = refused(&lib, "mix", &args(Value::Null));
    assert!(m.contains("does not fit"), "{m}");
    let mut short = args(Value::Int(1)).to_vec();
    short.pop();
    assert!(refused(&lib, "mix", &short).contains("takes 6 arguments but 5"));
    // A pointer where a float goes.
    let mut wrong = args(Value::Int(1));
    wrong[1] = Value::Null;
    assert!(refused(&lib, "mix", &wrong).contains("does not fit `float`"));
}

#[test]
fn results_are_checked_on_the_direct_path() {
    let mut ffi = Ffi::new();
    ffi.cdef("_Bool bad_bool(int x) __asm__(\"abs\");").unwrap();
    // SAFETY: `abs` takes and returns an `int`, read here as a `_Bool`: a value of 2 is
    // refused, not turned into a `_Bool` Rust would misread.
    let libc = unsafe { ffi.dlopen("c") }.unwrap();
    let f = libc.function("bad_bool").unwrap();
    // SAFETY: as above.
    assert_eq!(unsafe { f.call(&[Value::Int(-1)]) }.unwrap(), Value::Int(1));
    // SAFETY: as above.
    let e = unsafe { f.call(&[Value::Int(2)]) }.unwrap_err();
    assert!(e.to_string().contains("`_Bool` result holds 2"), "{e}");
}
