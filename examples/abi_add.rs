//! Story 2: the lesson's ABI in-line exercise. `add.c` is built into a shared library by the
//! build script; `add` is called on two vectors of 2,000,000 doubles.
//!
//! `cargo run --release --example abi_add`

use std::time::Instant;

use cffi_core::{cdef, ffi};

cdef! {
    #[cffi(abi, lib = env!("CFFI_EXAMPLE_ADD_LIB"))]
    pub unsafe mod add_lib {
        /// Adds `b` into `a`, element by element. `add.c` declares `b` as `double *`; it only
        /// reads it, and saying `const` here lets a shared buffer be passed.
        void add(double *a, const double *b, int n);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lib = add_lib::Lib::load()?;
    let t0 = Instant::now();
    let mut a: Vec<f64> = (0..2_000_000).map(|i| i as f64 * 0.1).collect();
    let b = vec![1.0; a.len()];
    let n = i32::try_from(a.len())?;
    // The buffers borrow `a` and `b`: neither can be dropped or moved while C uses it.
    let mut a_buf = ffi::from_buffer_mut(&mut a);
    let b_buf = ffi::from_buffer(&b);
    // SAFETY: both buffers hold `n` doubles, and `add` touches no more.
    unsafe { lib.add(&mut a_buf, b_buf, n) };
    let elapsed = t0.elapsed();
    println!(
        "a + b = [{}, {}, {}, ..., {}]",
        a[0],
        a[1],
        a[2],
        a[a.len() - 1]
    );
    println!(
        "time taken for ABI in line: {:.3} ms",
        elapsed.as_secs_f64() * 1e3
    );
    Ok(())
}
