//! Run-time mode as short as Python cffi, with nothing unchecked: objects made with their
//! values (`ffi.new(type, init)`), fields of returned structs, text, numbers out of values,
//! variadic calls typed by their values, callbacks with state.

use cffi_core::runtime::{Error, Ffi, Lib, Value};

fn fixture() -> (Ffi, Lib) {
    cffi_tests::runtime_fixture()
}

#[test]
fn objects_are_made_with_their_values() {
    let (ffi, lib) = fixture();
    let p = ffi.new_with("struct point *", [3, 4]).unwrap();
    assert_eq!(
        (p.get("x").unwrap(), p.get("y").unwrap()),
        (Value::Int(3), Value::Int(4))
    );
    // Fewer values than members: the rest are zero. A struct value passes by value.
    let only_x = ffi.new_with("struct point *", [7]).unwrap();
    assert_eq!(only_x.get("y").unwrap(), Value::Int(0));
    // SAFETY: `point_sum` takes a `struct point` by value.
    let sum = unsafe { lib.call("point_sum", &[p.into()]) }.unwrap();
    assert_eq!(sum, Value::Int(7));
    // Arrays: `T[]` takes the length of what is given, `T[N]` holds N.
    let xs = ffi.new_with("double[]", [1.5, 2.5, 3.0]).unwrap();
    assert_eq!(xs.len(), Some(3));
    // SAFETY: `dsum` reads 3 doubles of `xs`, which lives through the call.
    let total = unsafe { lib.call("dsum", &[xs.ptr(), 3.into()]) }.unwrap();
    assert_eq!(total, Value::Float(7.0));
    let four = ffi.new_with("int[4]", [1, 2]).unwrap();
    assert_eq!(four.get_index(3).unwrap(), Value::Int(0));
    let one = ffi.new_with("int *", [42]).unwrap();
    assert_eq!(one.value().unwrap(), Value::Int(42));
    // Each value is checked as an argument is; too many is an error.
    let e = ffi.new_with("struct point *", [1, 2, 3]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "3 values given for a `struct point`, which holds 2"
    );
    let e = ffi.new_with("int[2]", [1, 2, 3]).unwrap_err();
    assert!(e.to_string().contains("which holds 2"), "{e}");
    let e = ffi.new_with("unsigned char[]", [300]).unwrap_err();
    assert!(e.to_string().contains("does not fit"), "{e}");
    let e = ffi.new_with("union value *", [1, 2]).unwrap_err();
    assert!(e.to_string().contains("which holds 1"), "{e}");
}

#[test]
fn returned_structs_are_read_by_field_and_pointed_at() {
    let (_, lib) = fixture();
    // SAFETY: `make_mixed` returns a struct by value.
    let m = unsafe { lib.call("make_mixed", &[7.into(), 2.5.into(), (-3).into()]) }.unwrap();
    assert_eq!(m.field("d").unwrap(), Value::Float(2.5));
    assert_eq!(i16::try_from(m.field("s").unwrap()).unwrap(), -3);
    assert!(m.field("nope").is_err());
    let e = Value::Int(1).field("x").unwrap_err();
    assert!(e.to_string().contains("has no fields"), "{e}");
    // SAFETY: as above.
    let p = unsafe { lib.call("make_point", &[2.into(), 5.into()]) }.unwrap();
    let p2 = p.clone();
    // SAFETY: `point_scale` writes through the pointer into `p2`'s own bytes, alive.
    unsafe { lib.call("point_scale", &[p2.ptr().unwrap(), 3.into()]) }.unwrap();
    assert_eq!(p2.field("y").unwrap(), Value::Int(15));
    assert_eq!(p.field("y").unwrap(), Value::Int(5));
    assert!(Value::Float(1.0).ptr().is_err());
}

#[test]
fn text_numbers_and_printing() {
    let (_, lib) = fixture();
    // SAFETY: `greeting` is a `const char *` global pointing to a literal.
    let greeting = unsafe { lib.global("greeting").unwrap().read(0) }.unwrap();
    // SAFETY: a string literal of the library.
    assert_eq!(unsafe { greeting.text() }.unwrap(), "hello");
    assert_eq!(unsafe { Value::from("bytes").text() }.unwrap(), "bytes");
    assert!(unsafe { Value::Int(1).string() }.is_err());
    assert_eq!(Value::Int(-5).to_string(), "-5");
    assert_eq!(Value::Float(2.5).to_string(), "2.5");
    assert_eq!(Value::Null.to_string(), "NULL");
    assert_eq!(Value::from(&b"a\"b"[..]).to_string(), "b\"a\\\"b\"");
    assert_eq!(i32::try_from(Value::Int(-7)).unwrap(), -7);
    assert!(u8::try_from(Value::Int(256)).is_err());
    assert!(u8::try_from(Value::Float(1.0)).is_err());
    assert_eq!(f64::try_from(Value::Int(3)).unwrap(), 3.0);
    assert!(bool::try_from(&Value::Int(2)).unwrap());
    let e = i64::try_from(&Value::Null).unwrap_err();
    assert_eq!(e.to_string(), "NULL is not a `i64`");
}

#[test]
fn variadic_calls_are_typed_by_their_values() {
    let (_, lib) = fixture();
    // SAFETY: `sum_ints` reads `n` ints, `sum_doubles` `n` doubles, as given.
    unsafe {
        let r = lib.call_variadic("sum_ints", &[3.into(), 1.into(), 2.into(), 3.into()]);
        assert_eq!(r.unwrap(), Value::Int(6));
        let r = lib.call_variadic("sum_doubles", &[2.into(), 1.5.into(), 2.25.into()]);
        assert_eq!(r.unwrap(), Value::Float(3.75));
        // An integer an `int` cannot hold has no type to be guessed.
        let e = lib
            .call_variadic("sum_ints", &[1.into(), Value::Int(1 << 40)])
            .unwrap_err();
        assert!(e.to_string().contains("argument 2 of `sum_ints`"), "{e}");
        assert!(e.to_string().contains("does not fit an `int`"), "{e}");
        let e = lib.call_variadic("sum_ints", &[]).unwrap_err();
        assert!(e.to_string().contains("at least 1"), "{e}");
        assert!(matches!(
            lib.call_variadic("add1", &[1.into()]).unwrap_err(),
            Error::Value(_)
        ));
    }
}

#[test]
fn callbacks_keep_state_the_program_reads_after() {
    let (ffi, lib) = fixture();
    let add = ffi
        .callback_with("int(int)", Vec::<i128>::new(), |seen, args| {
            let x = args[0].as_int().unwrap_or_default();
            seen.push(x);
            Value::Int(x + 100)
        })
        .unwrap();
    // SAFETY: `apply` calls the callback, which lives through the calls.
    for x in [1, 2] {
        let r = unsafe { lib.call("apply", &[add.ptr(), x.into()]) }.unwrap();
        assert_eq!(r, Value::Int(x + 100));
    }
    assert_eq!(*add.state(), [1, 2]);
    // While the program holds the state, a call from C finds it in use: zero, not a race.
    let held = add.state();
    // SAFETY: as above.
    let r = unsafe { lib.call("apply", &[add.ptr(), 3.into()]) }.unwrap();
    assert_eq!(r, Value::Int(0));
    drop(held);
    assert_eq!(add.state().len(), 2);
}
