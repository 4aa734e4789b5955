//! Story 1: the square root from the C maths library, in ABI mode.
//!
//! `cargo run --release --example sqrt`

use cffi_core::cdef;

cdef! {
    /// libm, found by its short name: `libm.so.6` on Linux, `libm.dylib` on macOS.
    #[cffi(abi, lib = "m")]
    pub unsafe mod libm {
        float sqrtf(float x);
    }
}

fn main() -> Result<(), cffi_core::LoadError> {
    let m = libm::Lib::load()?;
    println!("loaded {}", m.library().path());
    for x in [4.0f32, 2.0, 1e6] {
        println!("sqrtf({x}) = {}", m.sqrtf(x));
    }
    Ok(())
}
