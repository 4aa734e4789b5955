//! Story 4: the lesson's Fibonacci exercise. `fibo(int *a, int *b)` advances the sequence
//! by one step in two cells made with `ffi::new`, read back after each call.
//!
//! `cargo run --release --example fibonacci -- [TERMS]`

use std::ffi::c_int;

use cffi_core::{cdef, ffi};

cdef! {
    #[cffi(api, source = "c/fibonacci.c")]
    pub unsafe mod fib {
        void fibo(int *a, int *b);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let terms: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 10,
    };
    let lib = fib::Lib::load()?;
    let mut a = ffi::new::<c_int>();
    let mut b = ffi::new::<c_int>();
    *a = 0;
    *b = 1;
    for i in 1..=terms {
        // SAFETY: both cells are valid ints for the call.
        unsafe { lib.fibo(&mut a, &mut b) };
        println!("F({i}) = {}", *a);
    }
    Ok(())
}
