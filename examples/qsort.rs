//! Story 7: the C library's `qsort`, sorting with a Rust comparator.
//!
//! `cargo run --release --example qsort`

use std::ffi::{c_int, c_void};

use cffi_core::{cdef, ffi};

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod libc {
        void qsort(void *base, size_t nmemb, size_t size,
                   int (*compar)(const void *, const void *));
    }
}

/// Orders by absolute value, then by sign: a comparison C has no word for.
fn by_magnitude(a: *const c_void, b: *const c_void) -> c_int {
    // SAFETY: qsort passes pointers to elements of the array it sorts, which are i32s.
    let (a, b) = unsafe { (*a.cast::<i32>(), *b.cast::<i32>()) };
    (a.unsigned_abs(), a).cmp(&(b.unsigned_abs(), b)) as c_int
}

fn main() -> Result<(), cffi_core::LoadError> {
    let c = libc::Lib::load()?;
    let mut values = vec![42, -7, 3, -100, 0, 7, -3, 15, -42, 8];
    println!("before: {values:?}");
    let mut buf = ffi::from_buffer_mut(&mut values);
    let n = buf.len();
    // SAFETY: the buffer holds `n` i32s of 4 bytes, which the comparator reads as such.
    unsafe {
        c.qsort(
            ffi::cast::<*mut c_void, _>(buf.as_mut_ptr()),
            n,
            std::mem::size_of::<i32>(),
            Some(ffi::callback(by_magnitude)),
        )
    };
    println!("after:  {values:?}");
    Ok(())
}
