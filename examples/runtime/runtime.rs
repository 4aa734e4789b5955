//! The lesson's ABI in-line exercises in run-time mode: the declarations are text read while
//! the program runs (Python cffi's `ffi.cdef` + `ffi.dlopen`), with no macro: `sqrtf` from
//! libm, the `add` of two vectors lent to C (`ffi.from_buffer`) from `add.c` built into a
//! shared library, and Fibonacci in two cells made with `new`.
//!
//! `cargo run --release --example runtime`

use std::time::Instant;

use cffi_core::runtime::{Ffi, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Story 1: `lib = ffi.dlopen("libm.so.6"); ffi.cdef("float sqrtf(float x);")`.
    let mut ffi = Ffi::new();
    ffi.cdef("float sqrtf(float x);")?;
    // SAFETY: libm's initialisers are the C library's own.
    let libm = unsafe { ffi.dlopen("m") }?;
    // SAFETY: `sqrtf` is declared as libm defines it.
    let a = unsafe { libm.call("sqrtf", &[Value::Float(4.0)]) }?;
    println!("sqrtf(4) = {:?}", a.as_f64().unwrap_or_default());

    // Story 2: `void add(double *, double *, int)` on two arrays of 2,000,000 doubles.
    let mut ffi = Ffi::new();
    ffi.cdef("void add(double *, double *, int);")?;
    // SAFETY: `add.c`, built by the build script, has no initialisers.
    let lib = unsafe { ffi.dlopen(env!("CFFI_EXAMPLE_ADD_LIB")) }?;
    let n = 2_000_000;
    let mut a: Vec<f64> = (0..n).map(|i| i as f64 * 0.1).collect();
    let b = vec![1.0; n];
    let t0 = Instant::now();
    // `ffi.from_buffer`: the vectors lent to C as `double *`, checked to hold doubles.
    let pa = ffi.from_buffer_mut("double *", &mut a)?;
    let pb = ffi.from_buffer("double *", &b)?;
    // SAFETY: both buffers hold `n` doubles and outlive the call; `add` touches no more.
    unsafe { lib.call("add", &[pa, pb, Value::from(n)]) }?;
    let elapsed = t0.elapsed();
    println!(
        "a + b = [{:?}, {:?}, {:?}, ..., {:?}]",
        a[0],
        a[1],
        a[2],
        a[n - 1]
    );
    println!(
        "time taken for run-time mode: {:.3} ms",
        elapsed.as_secs_f64() * 1e3
    );

    // Story 4: Fibonacci, `fibo(int *a, int *b)` on two cells made with `ffi.new("int *")`.
    let mut ffi = Ffi::new();
    ffi.cdef("void fibo(int *a, int *b);")?;
    // SAFETY: `fibonacci.c` has no initialisers.
    let lib = unsafe { ffi.dlopen(env!("CFFI_EXAMPLE_FIBONACCI_LIB")) }?;
    let fibo = lib.function("fibo")?;
    let mut a = ffi.new_object("int *")?;
    let mut b = ffi.new_object("int *")?;
    a.set_value(0)?;
    b.set_value(1)?;
    let mut terms = Vec::new();
    for _ in 0..10 {
        // SAFETY: two live ints.
        unsafe { fibo.call(&[a.ptr(), b.ptr()]) }?;
        terms.push(a.value()?.as_int().unwrap_or_default().to_string());
    }
    println!("fibonacci: {}", terms.join(" "));
    Ok(())
}
