//! Typed handles of run-time mode (`Function::typed`): calls at the cost of a plain indirect
//! call, and every mismatch the declaration can detect refused when the handle is made.

use std::ffi::{c_char, c_int, c_long, c_void};

use cffi_core::runtime::{Ffi, Lib};

fn fixture() -> Lib {
    cffi_tests::runtime_fixture().1
}

#[test]
fn typed_handles_call_every_scalar_kind() {
    let lib = fixture();
    let add1 = lib.function("add1").unwrap();
    let add1 = add1
        .typed::<unsafe extern "C" fn(c_int) -> c_int>()
        .unwrap();
    let id_u64 = lib.function("id_u64").unwrap();
    let id_u64 = id_u64.typed::<unsafe extern "C" fn(u64) -> u64>().unwrap();
    let id_i8 = lib.function("id_i8").unwrap();
    let id_i8 = id_i8.typed::<unsafe extern "C" fn(i8) -> i8>().unwrap();
    let half = lib.function("half").unwrap();
    let half = half.typed::<unsafe extern "C" fn(f32) -> f32>().unwrap();
    let negate = lib.function("negate").unwrap();
    let negate = negate
        .typed::<unsafe extern "C" fn(bool) -> bool>()
        .unwrap();
    let mix = lib.function("mix").unwrap();
    let mix = mix
        .typed::<unsafe extern "C" fn(i8, f32, u16, f64, i64, f32) -> f64>()
        .unwrap();
    let bump = lib.function("bump").unwrap();
    let bump = bump.typed::<unsafe extern "C" fn()>().unwrap();
    let sum9 = lib.function("sum9").unwrap();
    let sum9 = sum9
        .typed::<unsafe extern "C" fn(
            c_long,
            c_long,
            c_long,
            c_long,
            c_long,
            c_long,
            c_long,
            c_long,
            c_long,
        ) -> c_long>()
        .unwrap();
    // SAFETY: the fixture's functions match its header, which the handles were checked
    // against; the pointers are to live locals.
    unsafe {
        assert_eq!(add1.call((41,)), 42);
        assert_eq!(id_u64.call((u64::MAX,)), u64::MAX);
        assert_eq!(id_i8.call((-128,)), -128);
        assert_eq!(half.call((3.0,)), 1.5);
        assert!(negate.call((false,)));
        let expected = -1000000.0 + 0.5 * 10000.0 + 700.0 + 1.25 + 0.03 + 0.25 * 0.0001;
        assert_eq!(mix.call((-1, 0.5, 7, 1.25, 3, 0.25)), expected);
        bump.call(());
        assert_eq!(sum9.call((1, 2, 3, 4, 5, 6, 7, 8, 9)), 285);
    }
}

#[test]
fn typed_handles_pass_pointers_and_function_pointers() {
    let lib = fixture();
    let fibo = lib.function("fibo").unwrap();
    let fibo = fibo
        .typed::<unsafe extern "C" fn(*mut c_int, *mut c_int)>()
        .unwrap();
    let strlen = lib.function("c_strlen").unwrap();
    let strlen = strlen
        .typed::<unsafe extern "C" fn(*const c_char) -> usize>()
        .unwrap();
    let dsum = lib.function("dsum").unwrap();
    let dsum = dsum
        .typed::<unsafe extern "C" fn(*const f64, c_int) -> f64>()
        .unwrap();
    let apply = lib.function("apply").unwrap();
    let apply = apply
        .typed::<unsafe extern "C" fn(Option<unsafe extern "C" fn(c_int) -> c_int>, c_int) -> c_int>()
        .unwrap();
    unsafe extern "C" fn triple(x: c_int) -> c_int {
        3 * x
    }
    let (mut a, mut b) = (5, 8);
    let xs = [1.0, 2.0, 3.5];
    // SAFETY: as above; `triple` has the callback's C type.
    unsafe {
        fibo.call((&mut a, &mut b));
        assert_eq!((a, b), (8, 13));
        assert_eq!(strlen.call((c"four".as_ptr(),)), 4);
        assert_eq!(dsum.call((xs.as_ptr(), 3)), 6.5);
        assert_eq!(apply.call((Some(triple), 14)), 42);
    }
    // `void *` takes any object pointer, and `c_void` stands for any pointee.
    let count = lib.function("count_or_minus_one").unwrap();
    assert!(
        count
            .typed::<unsafe extern "C" fn(*const c_void, c_int) -> c_int>()
            .is_ok()
    );
}

/// Makes a handle of `F` for `name` (`Lib::typed`), expecting the error to name both types
/// and `why`.
fn refused<F: cffi_core::runtime::CFn>(lib: &Lib, name: &str, c: &str, rust: &str, why: &str) {
    let e = lib.typed::<F>(name).unwrap_err().to_string();
    assert!(e.contains(c), "{e}");
    assert!(e.contains(rust), "{e}");
    assert!(e.contains(why), "{e}");
}

#[test]
fn typed_handles_refuse_every_detectable_mismatch() {
    let lib = fixture();
    type I2I = unsafe extern "C" fn(c_int) -> c_int;
    // Width, signedness, float against integer, `_Bool` against an integer.
    refused::<unsafe extern "C" fn(i64) -> c_int>(
        &lib,
        "add1",
        "`int (int x)`",
        "fn(i64) -> i32",
        "parameter 1 is `int` in C but `i64`",
    );
    refused::<unsafe extern "C" fn(u32) -> c_int>(&lib, "add1", "int", "u32", "parameter 1");
    refused::<unsafe extern "C" fn(c_int) -> u32>(
        &lib,
        "add1",
        "int",
        "u32",
        "the result is `int` in C but `u32`",
    );
    refused::<unsafe extern "C" fn(f64) -> f32>(
        &lib,
        "half",
        "float",
        "f64",
        "parameter 1 is `float`",
    );
    refused::<unsafe extern "C" fn(u8) -> u8>(&lib, "negate", "_Bool", "u8", "parameter 1");
    refused::<unsafe extern "C" fn(c_int) -> c_int>(&lib, "negate", "_Bool", "i32", "parameter 1");
    // The number of parameters, and a result where C returns nothing (and the reverse).
    refused::<unsafe extern "C" fn(c_int, c_int) -> c_int>(
        &lib,
        "add1",
        "int",
        "i32",
        "C declares 1 parameter, the Rust type 2",
    );
    refused::<unsafe extern "C" fn() -> c_int>(
        &lib,
        "bump",
        "void",
        "i32",
        "the result is `void` in C but `i32`",
    );
    refused::<unsafe extern "C" fn()>(
        &lib,
        "add1",
        "int",
        "fn()",
        "C declares 1 parameter, the Rust type 0",
    );
    // Pointers: to another type, `*const` where C may write, a pointer for an integer.
    type Fibo<P> = unsafe extern "C" fn(P, *mut c_int);
    refused::<Fibo<*mut f64>>(&lib, "fibo", "int *", "*mut f64", "parameter 1 is `int *`");
    refused::<Fibo<*const c_int>>(&lib, "fibo", "int *", "*const i32", "parameter 1");
    refused::<Fibo<usize>>(&lib, "fibo", "int *", "usize", "parameter 1");
    refused::<unsafe extern "C" fn(*const f64, c_int) -> c_int>(
        &lib,
        "dsum",
        "double",
        "-> i32",
        "the result is `double`",
    );
    refused::<unsafe extern "C" fn(*mut c_int) -> c_int>(
        &lib,
        "add1",
        "int",
        "*mut i32",
        "parameter 1",
    );
    // Records by value and records behind pointers have no Rust type here but `c_void`.
    refused::<unsafe extern "C" fn(*mut c_int, c_int)>(
        &lib,
        "point_scale",
        "struct point *",
        "*mut i32",
        "parameter 1",
    );
    refused::<unsafe extern "C" fn(u64) -> c_int>(
        &lib,
        "point_sum",
        "struct point",
        "u64",
        "parameter 1",
    );
    // Function pointers: their own signatures are compared.
    refused::<unsafe extern "C" fn(Option<unsafe extern "C" fn(f64) -> c_int>, c_int) -> c_int>(
        &lib,
        "apply",
        "int (*)(int)",
        "Option<unsafe extern \"C\" fn(f64) -> i32>",
        "parameter 1",
    );
    refused::<unsafe extern "C" fn(Option<I2I>, c_int) -> c_int>(
        &lib,
        "add1",
        "int",
        "Option",
        "C declares 1 parameter",
    );
    // Variadic functions have no typed handle.
    refused::<unsafe extern "C" fn(c_int) -> c_int>(
        &lib,
        "sum_ints",
        "`int (int n, ...)`",
        "fn(i32) -> i32",
        "variadic",
    );
}

#[test]
fn a_typed_handle_keeps_its_library_open() {
    let add1 = {
        let lib = fixture();
        let f = lib.function("add1").unwrap();
        f.typed::<unsafe extern "C" fn(c_int) -> c_int>().unwrap()
    };
    // SAFETY: `add1` matches its declaration; the handle holds the library.
    assert_eq!(unsafe { add1.call((1,)) }, 2);
    let copy = add1.clone();
    drop(add1);
    // SAFETY: as above.
    assert_eq!(unsafe { copy.call((2,)) }, 3);
}

#[test]
fn callbacks_read_every_integer_width_and_more_arguments_than_registers() {
    let mut ffi = Ffi::new();
    ffi.cdef("typedef long wide(signed char, unsigned short, int, unsigned int, long long, unsigned char, short, _Bool, double, int);")
        .unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    let cb = ffi
        .callback("wide", move |args| {
            record.lock().unwrap().extend(args.iter().cloned());
            cffi_core::runtime::Value::Int(-5)
        })
        .unwrap();
    let cffi_core::runtime::Value::Pointer(p) = cb.ptr() else {
        panic!("a callback is a pointer");
    };
    type Wide = unsafe extern "C" fn(i8, u16, c_int, u32, i64, u8, i16, bool, f64, c_int) -> c_long;
    // SAFETY: the callback's code has C type `wide`, which `Wide` spells; it lives while `cb`
    // does.
    let f = unsafe { std::mem::transmute::<*mut c_void, Wide>(p.addr()) };
    // SAFETY: as above.
    let r = unsafe {
        f(
            -128,
            65535,
            -7,
            u32::MAX,
            i64::MIN,
            255,
            -32768,
            true,
            2.5,
            9,
        )
    };
    assert_eq!(r, -5);
    use cffi_core::runtime::Value::{Float, Int};
    let expected = [
        Int(-128),
        Int(65535),
        Int(-7),
        Int(u32::MAX.into()),
        Int(i64::MIN.into()),
        Int(255),
        Int(-32768),
        Int(1),
        Float(2.5),
        Int(9),
    ];
    assert_eq!(*seen.lock().unwrap(), expected);
}

cffi_core::c_record! {
    #[derive(Debug, PartialEq)]
    struct Point {
        x: c_int,
        y: c_int,
    }
}

cffi_core::c_record! {
    #[derive(Debug, PartialEq)]
    struct Mixed {
        c: c_char,
        d: f64,
        s: i16,
    }
}

cffi_core::c_record! {
    struct Buffer {
        len: c_int,
        data: [u8; 16],
        tail: [c_int; 2],
    }
}

cffi_core::c_record! {
    struct Swapped {
        y: c_int,
        x: f32,
    }
}

cffi_core::c_record! {
    /// The size, alignment and member count of `struct flags`, whose members are bit-fields.
    #[repr(align(4))]
    struct Flags {
        a: u8,
        b: u8,
        c: u16,
    }
}

cffi_core::c_record! {
    struct Short {
        x: c_int,
    }
}

#[test]
fn typed_handles_pass_and_return_structs_by_value() {
    let lib = fixture();
    let make = lib.function("make_point").unwrap();
    let make = make
        .typed::<unsafe extern "C" fn(c_int, c_int) -> Point>()
        .unwrap();
    let sum = lib.function("point_sum").unwrap();
    let sum = sum.typed::<unsafe extern "C" fn(Point) -> c_int>().unwrap();
    let scale = lib.function("point_scale").unwrap();
    let scale = scale
        .typed::<unsafe extern "C" fn(*mut Point, c_int)>()
        .unwrap();
    let mixed = lib.function("make_mixed").unwrap();
    let mixed = mixed
        .typed::<unsafe extern "C" fn(c_char, f64, i16) -> Mixed>()
        .unwrap();
    let buffer_sum = lib.function("buffer_sum").unwrap();
    let buffer_sum = buffer_sum
        .typed::<unsafe extern "C" fn(*const Buffer) -> c_int>()
        .unwrap();
    let buffer = Buffer {
        len: 3,
        data: [1; 16],
        tail: [10, 20],
    };
    // SAFETY: the handles were checked against the fixture's header, which it implements.
    unsafe {
        let mut p = make.call((3, 4));
        assert_eq!(p, Point { x: 3, y: 4 });
        assert_eq!(sum.call((p,)), 7);
        scale.call((&mut p, 10));
        assert_eq!(p, Point { x: 30, y: 40 });
        assert_eq!(
            mixed.call((7, 2.5, -3)),
            Mixed {
                c: 7,
                d: 2.5,
                s: -3
            }
        );
        assert_eq!(buffer_sum.call((&buffer,)), 3 + 30);
    }
}

#[test]
fn typed_handles_refuse_structs_that_are_not_the_c_ones() {
    let lib = fixture();
    // Fields of other types, in another order, missing; a union; bit-fields.
    refused::<unsafe extern "C" fn(Swapped) -> c_int>(
        &lib,
        "point_sum",
        "struct point",
        "Swapped",
        "member `x` is `int` at byte 0, the Rust field `y` is `i32` at byte 0",
    );
    refused::<unsafe extern "C" fn(Short) -> c_int>(
        &lib,
        "point_sum",
        "struct point",
        "Short",
        "its size and alignment are 8 and 4, the Rust struct's 4 and 4",
    );
    refused::<unsafe extern "C" fn(c_int, c_int) -> Mixed>(
        &lib,
        "make_point",
        "struct point",
        "Mixed",
        "the result is `struct point`",
    );
    refused::<unsafe extern "C" fn(Point) -> f64>(
        &lib,
        "value_as_double",
        "union value",
        "Point",
        "a union has no Rust struct",
    );
    refused::<unsafe extern "C" fn(Flags) -> c_int>(
        &lib,
        "flags_sum",
        "struct flags",
        "Flags",
        "member `a` is `unsigned int` at byte 0, the Rust field `a` is `u8`",
    );
    refused::<unsafe extern "C" fn(*const Point) -> c_int>(
        &lib,
        "buffer_sum",
        "const struct buffer *",
        "*const Point",
        "parameter 1",
    );
}
