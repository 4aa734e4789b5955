//! Story 3: the lesson's API out-of-line exercise. `c/add.c` is compiled with the crate by
//! `cffi_build::compile()` in the build script, checked against the declaration, and linked;
//! the call is the same as in `abi_add`.
//!
//! `cargo run --release --example api_add`

use std::time::Instant;

use cffi_core::{cdef, ffi};

cdef! {
    #[cffi(api, source = "c/add.c")]
    pub unsafe mod add_lib {
        /// Adds `b` into `a`, element by element.
        void add(double *a, const double *b, int n);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lib = add_lib::Lib::load()?;
    let t0 = Instant::now();
    let mut a: Vec<f64> = (0..2_000_000).map(|i| i as f64 * 0.1).collect();
    let b = vec![1.0; a.len()];
    let n = i32::try_from(a.len())?;
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
        "time taken for API out of line: {:.3} ms",
        elapsed.as_secs_f64() * 1e3
    );
    Ok(())
}
