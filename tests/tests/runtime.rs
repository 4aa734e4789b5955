//! Run-time mode (`cffi_core::runtime`) against the C fixture library: declarations read
//! while the test runs, calls through libffi, every check an error value.

use cffi_core::runtime::{Error, Ffi, Lib, Value};

fn fixture() -> (Ffi, Lib) {
    cffi_tests::runtime_fixture()
}

fn int(v: i128) -> Value {
    Value::Int(v)
}

#[test]
fn calls_integer_functions_of_every_width() {
    let (_, lib) = fixture();
    // SAFETY: the fixture's functions match its header.
    unsafe {
        assert_eq!(lib.call("add1", &[int(41)]).unwrap(), int(42));
        assert_eq!(lib.call("id_i8", &[int(-128)]).unwrap(), int(-128));
        assert_eq!(lib.call("id_u8", &[int(255)]).unwrap(), int(255));
        assert_eq!(lib.call("id_i16", &[int(-32768)]).unwrap(), int(-32768));
        assert_eq!(lib.call("id_u16", &[int(65535)]).unwrap(), int(65535));
        assert_eq!(
            lib.call("id_i32", &[int(i32::MIN.into())]).unwrap(),
            int(i32::MIN.into())
        );
        assert_eq!(
            lib.call("id_u32", &[int(u32::MAX.into())]).unwrap(),
            int(u32::MAX.into())
        );
        assert_eq!(
            lib.call("id_i64", &[int(i64::MIN.into())]).unwrap(),
            int(i64::MIN.into())
        );
        assert_eq!(
            lib.call("id_u64", &[int(u64::MAX.into())]).unwrap(),
            int(u64::MAX.into())
        );
        assert_eq!(
            lib.call("id_size", &[int(usize::MAX as i128)]).unwrap(),
            int(usize::MAX as i128)
        );
        assert_eq!(lib.call("negate", &[int(1)]).unwrap(), int(0));
        assert_eq!(
            lib.call("half", &[Value::Float(3.0)]).unwrap(),
            Value::Float(1.5)
        );
        // An integer where a float is declared converts, as C does.
        assert_eq!(lib.call("half", &[int(5)]).unwrap(), Value::Float(2.5));
    }
}

#[test]
fn a_function_is_prepared_once_and_called_many_times() {
    let (_, lib) = fixture();
    let add1 = lib.function("add1").unwrap();
    let mut x = int(0);
    for _ in 0..1000 {
        // SAFETY: `add1` takes and returns an int.
        x = unsafe { add1.call(&[x]) }.unwrap();
    }
    assert_eq!(x, int(1000));
}

#[test]
fn integers_out_of_range_are_errors_not_truncations() {
    let (_, lib) = fixture();
    for (name, bad) in [
        ("id_u8", 256),
        ("id_u8", -1),
        ("id_i8", 128),
        ("id_i16", -32769),
        ("id_u32", 1 << 32),
        ("id_i64", i128::from(i64::MAX) + 1),
        ("negate", 2),
    ] {
        // SAFETY: C is never called: the argument is refused first.
        let e = unsafe { lib.call(name, &[int(bad)]) }.unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, Error::Value(_)), "{name}({bad}): {e:?}");
        assert!(text.contains(&format!("argument 1 of `{name}`")), "{text}");
        assert!(text.contains(&bad.to_string()), "{text}");
    }
}

#[test]
fn wrong_number_or_kind_of_arguments_is_an_error() {
    let (_, lib) = fixture();
    // SAFETY: C is never called in this test.
    unsafe {
        let e = lib.call("add1", &[]).unwrap_err();
        assert_eq!(e.to_string(), "`add1` takes 1 argument but 0 were given");
        let e = lib.call("fibo", &[Value::Null]).unwrap_err();
        assert_eq!(e.to_string(), "`fibo` takes 2 arguments but 1 was given");
        let e = lib.call("add1", &[int(1), int(2)]).unwrap_err();
        assert!(e.to_string().contains("takes 1 argument but 2"), "{e}");
        let e = lib.call("add1", &[Value::Float(1.0)]).unwrap_err();
        assert!(
            e.to_string().contains("the float 1 does not fit `int`"),
            "{e}"
        );
        let e = lib.call("add1", &[Value::Null]).unwrap_err();
        assert!(e.to_string().contains("NULL does not fit `int`"), "{e}");
        let e = lib.call("no_such_function", &[]).unwrap_err();
        assert!(
            matches!(e, Error::Undeclared(ref n) if n == "no_such_function"),
            "{e:?}"
        );
        let e = lib.call("sum_ints", &[int(0)]).unwrap_err();
        assert!(e.to_string().contains("is variadic"), "{e}");
    }
}

#[test]
fn pointers_are_checked_against_the_parameter_type() {
    let (ffi, lib) = fixture();
    let p = ffi.new_object("struct point *").unwrap();
    let f = ffi.new_object("double *").unwrap();
    // SAFETY: C is never called: both arguments are refused.
    unsafe {
        let e = lib.call("point_scale", &[f.ptr(), int(2)]).unwrap_err();
        assert!(
            e.to_string()
                .contains("a `double *` does not fit `struct point *`"),
            "{e}"
        );
        let e = lib.call("dsum", &[p.ptr(), int(0)]).unwrap_err();
        assert!(
            e.to_string()
                .contains("a `struct point *` does not fit `const double *`"),
            "{e}"
        );
    }
}

#[test]
fn structs_through_pointers_and_by_value() {
    let (ffi, lib) = fixture();
    let mut p = ffi.new_object("struct point *").unwrap();
    p.set("x", 3).unwrap();
    p.set("y", -4).unwrap();
    // SAFETY: `p` is a live struct point.
    unsafe { lib.call("point_scale", &[p.ptr(), int(10)]) }.unwrap();
    assert_eq!(
        (p.get("x").unwrap(), p.get("y").unwrap()),
        (int(30), int(-40))
    );

    // SAFETY: plain values.
    let made = unsafe { lib.call("make_point", &[int(2), int(5)]) }.unwrap();
    let Value::Data(made) = made else {
        panic!("{made:?}")
    };
    assert_eq!(made.get("y").unwrap(), int(5));
    // SAFETY: a struct point by value.
    let sum = unsafe { lib.call("point_sum", &[Value::Data(made)]) }.unwrap();
    assert_eq!(sum, int(7));

    // Mixed members: padding and an SSE-class double in the middle.
    // SAFETY: plain values.
    let m = unsafe { lib.call("make_mixed", &[int(7), Value::Float(2.5), int(-3)]) }.unwrap();
    let Value::Data(m) = m else { panic!("{m:?}") };
    assert_eq!(m.get("c").unwrap(), int(7));
    assert_eq!(m.get("d").unwrap(), Value::Float(2.5));
    assert_eq!(m.get("s").unwrap(), int(-3));
}

#[test]
fn records_of_another_type_are_refused() {
    let (ffi, lib) = fixture();
    let m = ffi.new_object("struct mixed *").unwrap();
    // SAFETY: C is never called: the argument is refused.
    let e = unsafe { lib.call("point_sum", &[Value::from(m.clone())]) }.unwrap_err();
    assert!(
        e.to_string()
            .contains("a `struct mixed` does not fit `struct point`"),
        "{e}"
    );
}

#[test]
fn unions_and_bit_fields_by_value() {
    let (ffi, lib) = fixture();
    // A union holding a double has no libffi description: refused, not passed wrongly.
    let e = lib.function("value_as_double").unwrap_err();
    assert!(matches!(e, Error::Unsupported(_)), "{e:?}");
    assert!(
        e.to_string()
            .contains("`union value` passed or returned by value"),
        "{e}"
    );

    // Bit-fields by value, in and out.
    // SAFETY: plain values.
    let f = unsafe { lib.call("make_flags", &[int(5), int(17), int(-9)]) }.unwrap();
    let Value::Data(mut f) = f else {
        panic!("{f:?}")
    };
    assert_eq!(f.get("a").unwrap(), int(5));
    assert_eq!(f.get("b").unwrap(), int(17));
    assert_eq!(f.get("c").unwrap(), int(-9));
    f.set("c", 60).unwrap();
    // SAFETY: a struct flags by value.
    let sum = unsafe { lib.call("flags_sum", &[Value::Data(f.clone())]) }.unwrap();
    assert_eq!(sum, int(5 + 17 + 60));
    // Out of a field's range: 3 bits hold 0..=7, 7 signed bits -64..=63.
    assert!(f.set("a", 8).is_err());
    assert!(f.set("c", 64).is_err());
    assert!(f.set("c", -65).is_err());
    let _ = ffi;
}

#[test]
fn bit_fields_are_laid_out_as_gcc_does() {
    let (ffi, _) = fixture();
    let mut f = ffi.new_object("struct flags *").unwrap();
    f.set("a", 5).unwrap();
    f.set("b", 29).unwrap();
    f.set("c", -1).unwrap();
    // a: bits 0-2, b: bits 3-7, c: bits 8-14.
    assert_eq!(f.as_bytes(), [5 | (29 << 3), 0x7f, 0, 0]);
}

#[test]
fn fields_and_elements_are_bounds_checked() {
    let (ffi, lib) = fixture();
    let mut b = ffi.new_object("struct buffer *").unwrap();
    b.set("len", 3).unwrap();
    let e = b.set("length", 3).unwrap_err();
    assert_eq!(e.to_string(), "`struct buffer` has no field `length`");
    let e = b.get("len.x").unwrap_err();
    assert!(e.to_string().contains("`int` has no fields"), "{e}");
    let mut arr = ffi.new_array("int[]", 4).unwrap();
    assert_eq!(arr.len(), Some(4));
    arr.set_index(3, 9).unwrap();
    let e = arr.set_index(4, 9).unwrap_err();
    assert_eq!(e.to_string(), "index 4 is out of bounds of `int [4]`");
    assert!(arr.get_index(4).is_err());
    // A nested array field: element access through a pointer to the field.
    // SAFETY: `b` is a live struct buffer; its fields are written through the pointer.
    unsafe {
        let p = b.ptr();
        let p = p.as_pointer().unwrap();
        p.set("tail", 0).unwrap_err();
        p.set("len", 2).unwrap();
    }
    // SAFETY: `b` is live.
    assert_eq!(
        unsafe { lib.call("buffer_sum", &[b.ptr()]) }.unwrap(),
        int(0)
    );
}

#[test]
fn arrays_are_passed_as_pointers_to_their_first_element() {
    let (ffi, lib) = fixture();
    // The lesson's ABI in-line `add`, on arrays made at run time.
    let n = 5;
    let mut a = ffi.new_array("double[]", n).unwrap();
    let mut b = ffi.new_array("double[]", n).unwrap();
    for i in 0..n {
        a.set_index(i, i as f64).unwrap();
        b.set_index(i, 10.0).unwrap();
    }
    // SAFETY: both arrays hold `n` doubles.
    unsafe { lib.call("vadd", &[a.ptr(), b.ptr(), int(n as i128)]) }.unwrap();
    let sums: Vec<_> = (0..n).map(|i| a.get_index(i).unwrap()).collect();
    assert_eq!(sums, [10.0, 11.0, 12.0, 13.0, 14.0].map(Value::Float));
    // SAFETY: as above.
    assert_eq!(
        unsafe { lib.call("dsum", &[a.ptr(), int(n as i128)]) }.unwrap(),
        Value::Float(60.0)
    );
    // NULL where a pointer goes.
    // SAFETY: `count_or_minus_one` checks for NULL.
    assert_eq!(
        unsafe { lib.call("count_or_minus_one", &[Value::Null, int(3)]) }.unwrap(),
        int(-1)
    );
}

#[test]
fn fibonacci_with_new() {
    // The lesson's Fibonacci exercise: two `int *` made with `new`.
    let (ffi, lib) = fixture();
    let fibo = lib.function("fibo").unwrap();
    let mut a = ffi.new_object("int *").unwrap();
    let mut b = ffi.new_object("int *").unwrap();
    a.set_value(0).unwrap();
    b.set_value(1).unwrap();
    let mut seen = Vec::new();
    for _ in 0..10 {
        // SAFETY: two live ints.
        unsafe { fibo.call(&[a.ptr(), b.ptr()]) }.unwrap();
        seen.push(b.value().unwrap().as_int().unwrap());
    }
    assert_eq!(seen, [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]);
}

#[test]
fn strings_in_and_out() {
    let (_, lib) = fixture();
    // SAFETY: a NUL-terminated copy is passed, which `c_strlen` only reads.
    unsafe {
        assert_eq!(
            lib.call("c_strlen", &[Value::from("héllo")]).unwrap(),
            int(6)
        );
    }
    let greeting = lib.global("greeting").unwrap();
    // SAFETY: `greeting` is a `const char *` global pointing to a literal.
    let text = unsafe { greeting.read(0).unwrap().as_pointer().unwrap().string() }.unwrap();
    assert_eq!(text, b"hello");
}

#[test]
fn globals_are_read_and_written_through_their_address() {
    let (_, lib) = fixture();
    let counter = lib.global("counter").unwrap();
    assert_eq!(counter.ctype().name(), "int *");
    // SAFETY: `counter` is a live int that only this test touches.
    unsafe {
        counter.write(0, 100).unwrap();
        lib.call("bump", &[]).unwrap();
        assert_eq!(counter.read(0).unwrap(), int(101));
    }
    let table = lib.global("table").unwrap();
    // SAFETY: `table` is `double[4]`.
    assert_eq!(
        unsafe { table.read(0) }.unwrap_err().to_string(),
        "a `double [4]` is not a single value: read its fields or elements"
    );
    assert!(matches!(lib.global("nothing"), Err(Error::Undeclared(_))));
}

/// A macro naming a global (Apple's `#define stdin __stdinp`) is that global under the
/// macro's name: the library is asked for the global's own symbol.
#[test]
fn a_macro_naming_a_global_is_the_global() {
    let ffi = Ffi::from_cdef("extern int counter;\n#define hits counter\n").unwrap();
    // SAFETY: the fixture library's initialisers are trivial.
    let lib = unsafe { ffi.dlopen(env!("CFFI_FIXTURE_LIB")) }.unwrap();
    let hits = lib.global("hits").unwrap();
    let counter = lib.global("counter").unwrap();
    assert_eq!(hits.addr(), counter.addr());
}

#[test]
fn variadic_calls_take_the_extra_types() {
    let (ffi, lib) = fixture();
    let sum_ints = lib.function("sum_ints").unwrap();
    let int_t = ffi.typeof_("int").unwrap();
    let args = [int(3), int(1), int(20), int(300)];
    // SAFETY: three ints follow the count, as `sum_ints` reads them.
    let r = unsafe { sum_ints.call_variadic(&args, &[int_t.clone(), int_t.clone(), int_t]) };
    assert_eq!(r.unwrap(), int(321));
    // `float` extra arguments are promoted to `double`, as C does.
    let sum_doubles = lib.function("sum_doubles").unwrap();
    let float_t = ffi.typeof_("float").unwrap();
    // SAFETY: two doubles after promotion.
    let r = unsafe {
        sum_doubles.call_variadic(
            &[int(2), Value::Float(0.5), Value::Float(0.25)],
            &[float_t.clone(), float_t],
        )
    };
    assert_eq!(r.unwrap(), Value::Float(0.75));
    // Too few types for the arguments.
    // SAFETY: refused before C is called.
    assert!(unsafe { sum_ints.call_variadic(&[int(1), int(1)], &[]) }.is_err());
}

/// The declared parameters are the fixed ones, passed as declared (a `float`, a `short`), and
/// only the extra ones are variadic, promoted: libffi is told where the variadic ones start,
/// which is where Apple's arm64 moves them from registers to the stack. libffi refuses a
/// `float` or `short` among the variadic ones, so a wrong split fails here on every platform.
#[test]
fn variadic_calls_pass_declared_parameters_as_fixed_ones() {
    let (ffi, lib) = fixture();
    let scaled_sum = lib.function("scaled_sum").unwrap();
    let (float_t, double_t) = (
        ffi.typeof_("float").unwrap(),
        ffi.typeof_("double").unwrap(),
    );
    let args = [
        Value::Float(0.5),
        int(-2),
        int(2),
        Value::Float(1.5),
        Value::Float(2.5),
    ];
    // SAFETY: two doubles (the float promoted) follow the count, as `scaled_sum` reads them.
    let r = unsafe { scaled_sum.call_variadic(&args, &[float_t, double_t]) };
    assert_eq!(r.unwrap(), Value::Float(1.0));
    // The same through the values' own kinds.
    // SAFETY: as above.
    let r = unsafe {
        lib.call_variadic(
            "scaled_sum",
            &[0.5.into(), (-2).into(), 2.into(), 1.5.into(), 2.5.into()],
        )
    };
    assert_eq!(r.unwrap(), Value::Float(1.0));
}

#[test]
fn callbacks_from_closures() {
    let (ffi, lib) = fixture();
    let triple = ffi
        .callback("int(int)", |args| Value::Int(args[0].as_int().unwrap() * 3))
        .unwrap();
    // SAFETY: `apply` calls the callback once, while it lives.
    assert_eq!(
        unsafe { lib.call("apply", &[triple.ptr(), int(14)]) }.unwrap(),
        int(42)
    );
    // A pointer-to-function spelling works too; a mismatched signature is refused.
    let wrong = ffi
        .callback("double (*)(double)", |args| args[0].clone())
        .unwrap();
    // SAFETY: refused before C is called.
    let e = unsafe { lib.call("apply", &[wrong.ptr(), int(1)]) }.unwrap_err();
    assert!(e.to_string().contains("does not fit `int (*)(int)`"), "{e}");
    // A closure returning what `int` cannot hold: C gets 0 (the error goes to stderr).
    let bad = ffi.callback("int(int)", |_| Value::Int(1 << 40)).unwrap();
    // SAFETY: as above.
    assert_eq!(
        unsafe { lib.call("apply", &[bad.ptr(), int(1)]) }.unwrap(),
        int(0)
    );
    // A panicking closure does not unwind into C.
    let panics = ffi.callback("int(int)", |_| panic!("deliberate")).unwrap();
    // SAFETY: as above.
    assert_eq!(
        unsafe { lib.call("apply", &[panics.ptr(), int(1)]) }.unwrap(),
        int(0)
    );
}

#[test]
fn enums_and_constants() {
    let (ffi, lib) = fixture();
    assert_eq!(ffi.constant("GREEN").unwrap(), int(5));
    assert_eq!(ffi.constant("BLUE").unwrap(), int(6));
    // SAFETY: plain values.
    assert_eq!(
        unsafe { lib.call("next_color", &[int(5)]) }.unwrap(),
        int(6)
    );
    let mut ffi = Ffi::new();
    ffi.cdef("#define LIMIT (1 << 4)\n#define NAME \"cffi\"\n#define RATIO 0.5")
        .unwrap();
    assert_eq!(ffi.constant("LIMIT").unwrap(), int(16));
    assert_eq!(
        ffi.constant("NAME").unwrap(),
        Value::Bytes(b"cffi".to_vec())
    );
    assert_eq!(ffi.constant("RATIO").unwrap(), Value::Float(0.5));
    assert!(matches!(ffi.constant("OTHER"), Err(Error::Undeclared(_))));
}

#[test]
fn sizes_offsets_and_casts() {
    let (ffi, _) = fixture();
    assert_eq!(ffi.sizeof("struct mixed").unwrap(), 24);
    assert_eq!(ffi.alignof("struct mixed").unwrap(), 8);
    assert_eq!(ffi.offsetof("struct mixed", "d").unwrap(), 8);
    assert_eq!(ffi.offsetof("struct buffer", "tail").unwrap(), 20);
    assert_eq!(ffi.sizeof("union value").unwrap(), 8);
    assert_eq!(ffi.sizeof("struct point[3]").unwrap(), 24);
    assert!(ffi.offsetof("struct flags", "b").is_err());
    assert_eq!(ffi.cast("unsigned char", &int(300)).unwrap(), int(44));
    assert_eq!(ffi.cast("signed char", &int(200)).unwrap(), int(-56));
    assert_eq!(ffi.cast("int", &Value::Float(-2.75)).unwrap(), int(-2));
    assert_eq!(ffi.cast("_Bool", &int(7)).unwrap(), int(1));
    let p = ffi.cast("struct point *", &int(0x1000)).unwrap();
    assert_eq!(p.as_pointer().unwrap().ctype().name(), "struct point *");
    assert_eq!(ffi.cast("uintptr_t", &p).unwrap(), int(0x1000));
    assert_eq!(
        p.as_pointer().unwrap().offset(2).unwrap().addr() as usize,
        0x1010
    );
}

#[test]
fn declaration_errors_are_values_with_a_place() {
    let mut ffi = Ffi::new();
    ffi.cdef("int f(int);").unwrap();
    let e = ffi.cdef("int g(int);\nstruct s { int x };").unwrap_err();
    let Error::Declaration { line, message, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(*line, 2, "{e}");
    assert!(message.contains("expected"), "{e}");
    // Nothing of a rejected text is kept.
    assert!(ffi.typeof_("struct s").is_err());
    // A conflicting redeclaration names the type.
    let e = ffi.cdef("double f(int);").unwrap_err();
    assert!(e.to_string().contains("`f`"), "{e}");
    // What only a C compiler could complete is refused.
    let e = ffi.cdef("struct t { int a; ...; };").unwrap_err();
    assert!(e.to_string().contains("needs the C compiler"), "{e}");
    for text in [
        "#define N ...",
        "typedef int... off_t;",
        "struct u { int a[...]; };",
        "enum e { A, B = ..., C };",
        "static const int FOO;",
    ] {
        let e = ffi.cdef(text).unwrap_err();
        assert!(
            e.to_string().contains("needs the C compiler"),
            "{text}: {e}"
        );
    }
    let e = ffi
        .cdef("extern \"Python\" int on_event(int);")
        .unwrap_err();
    assert!(e.to_string().contains("needs API mode"), "{e}");
    assert!(e.to_string().contains("Ffi::callback"), "{e}");
    // Types must be declared before use.
    let e = ffi.typeof_("struct nowhere *").unwrap_err();
    assert!(
        e.to_string().contains("declare it with `cdef` first"),
        "{e}"
    );
    let e = ffi.typeof_("int x").unwrap_err();
    assert!(matches!(e, Error::Declaration { .. }), "{e:?}");
    assert!(ffi.new_object("int").is_err());
    assert!(ffi.new_object("int[]").is_err());
}

#[test]
fn missing_library_and_symbol_errors() {
    let mut ffi = Ffi::new();
    ffi.cdef("int no_such_symbol_anywhere(void);").unwrap();
    // SAFETY: nothing is opened.
    let e = unsafe { ffi.dlopen("/nonexistent/libnone.so") }.unwrap_err();
    assert!(
        e.to_string()
            .starts_with("cannot load library `/nonexistent/libnone.so`"),
        "{e}"
    );
    // SAFETY: the C library's initialisers have run already.
    let libc = unsafe { ffi.dlopen("c") }.unwrap();
    let e = libc.function("no_such_symbol_anywhere").unwrap_err();
    assert!(
        e.to_string()
            .contains("lacks 1 declared symbol: no_such_symbol_anywhere"),
        "{e}"
    );
}

#[test]
fn registers_of_every_class_in_and_out() {
    // Interleaved integer and float arguments of several widths (a direct call on x86-64
    // and AArch64), more arguments than registers (through libffi), narrow results.
    let (_, lib) = fixture();
    let nine = |v: fn(i128) -> Value| (1..=9).map(v).collect::<Vec<_>>();
    // SAFETY: the fixture's functions, declared as defined.
    unsafe {
        let expected = (1..=9).map(|i| i * i).sum::<i128>();
        assert_eq!(lib.call("sum9", &nine(Value::Int)).unwrap(), int(expected));
        let floats = nine(|i| Value::Float(i as f64));
        assert_eq!(
            lib.call("dsum9", &floats).unwrap(),
            Value::Float(expected as f64)
        );
        let args = [
            int(-7),
            Value::Float(0.5),
            int(65535),
            Value::Float(0.25),
            int(-100),
            Value::Float(2.0),
        ];
        let r = lib.call("mix", &args).unwrap().as_f64().unwrap();
        let want = -7.0 * 1e6 + 0.5 * 1e4 + 65535.0 * 100.0 + 0.25 - 1.0 + 2.0 * 1e-4;
        assert!((r - want).abs() < 1e-6, "{r} != {want}");
        assert_eq!(lib.call("narrow_neg", &[]).unwrap(), int(-1));
        assert_eq!(lib.call("narrow_u16", &[]).unwrap(), int(0xffff));
        assert_eq!(
            lib.call("third", &[]).unwrap(),
            Value::Float(f64::from(1.0f32 / 3.0))
        );
    }
}

#[test]
fn bytes_and_pointers_give_the_same_call() {
    // A `Bytes` argument goes through libffi, a pointer to the same text directly: one
    // result.
    let (ffi, lib) = fixture();
    let mut text = ffi.new_array("char[]", 6).unwrap();
    for (i, b) in b"hello".iter().enumerate() {
        text.set_index(i, *b).unwrap();
    }
    // SAFETY: both are NUL-terminated strings alive for the call.
    unsafe {
        let by_bytes = lib.call("c_strlen", &[Value::from("hello")]).unwrap();
        let by_pointer = lib.call("c_strlen", &[text.ptr()]).unwrap();
        assert_eq!((by_bytes, by_pointer), (int(5), int(5)));
    }
}

#[test]
fn an_object_too_large_to_allocate_is_an_error() {
    let mut ffi = Ffi::new();
    ffi.cdef("typedef char huge[1152921504606846976];").unwrap();
    let e = ffi.new_object("huge *").unwrap_err();
    // With 32-bit pointers the type is larger than any object of the target.
    let expected = if cfg!(target_pointer_width = "64") {
        "cannot allocate 1152921504606846976 bytes"
    } else {
        "type is too large"
    };
    assert!(e.to_string().starts_with(expected), "{e}");
    assert!(ffi.new_array("char[]", usize::MAX / 2).is_err());
}

#[test]
fn values_functions_and_callbacks_cross_threads() {
    fn shared<T: Send + Sync>(_: &T) {}
    let (ffi, lib) = fixture();
    let add1 = lib.function("add1").unwrap();
    let object = ffi.new_object("struct point *").unwrap();
    let callback = ffi.callback("int(int)", |a| a[0].clone()).unwrap();
    shared(&ffi);
    shared(&lib);
    shared(&add1);
    shared(&object);
    shared(&callback);
    shared(&object.ptr());
    let results: Vec<Value> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let add1 = &add1;
                // SAFETY: `add1` takes and returns an int.
                s.spawn(move || unsafe { add1.call(&[int(i)]) }.unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results, [1, 2, 3, 4].map(int));
}

#[test]
fn bytes_go_only_where_c_reads_bytes() {
    let (_, lib) = fixture();
    // SAFETY: refused before C is called: a `struct point *` would read past the copy.
    let e = unsafe { lib.call("point_scale", &[Value::from("xy"), int(2)]) }.unwrap_err();
    assert!(
        e.to_string()
            .contains("bytes does not fit `struct point *`"),
        "{e}"
    );
    // SAFETY: as above, for `const double *`.
    assert!(unsafe { lib.call("dsum", &[Value::from(&b"12345678"[..]), int(1)]) }.is_err());
}

#[test]
fn rust_buffers_lent_to_c() {
    // The lesson's `add` on two buffers Rust owns, as `ffi.from_buffer` lends NumPy's.
    let (ffi, lib) = fixture();
    let mut a: Vec<f64> = (0..1000).map(f64::from).collect();
    let b = vec![0.5; 1000];
    let n = int(a.len() as i128);
    let pb = ffi.from_buffer("const double *", &b).unwrap();
    let pa = ffi.from_buffer_mut("double[]", &mut a).unwrap();
    // SAFETY: both buffers hold 1000 doubles and live across the call; `b` is only read.
    unsafe { lib.call("vadd", &[pa, pb, n]) }.unwrap();
    assert_eq!((a[0], a[999]), (0.5, 999.5));
    // The element type must be the buffer's.
    let floats = [1.0f32; 4];
    let e = ffi.from_buffer("double *", &floats).unwrap_err();
    assert_eq!(
        e.to_string(),
        "a buffer of `f32` is not an array of `double`"
    );
    assert!(ffi.from_buffer("unsigned int *", &[1i32]).is_err());
    assert!(ffi.from_buffer("int *", &[1i32]).is_ok());
    assert!(ffi.from_buffer("struct point *", &[1i32]).is_err());
    assert!(ffi.from_buffer("int", &[1i32]).is_err());
}
