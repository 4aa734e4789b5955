use cffi_core::cdef;

cdef! {
    // `safe` vouches for functions, which takes an `unsafe` the user writes.
    #[cffi(api, import = "<zlib.h>", link = "z", safe = "compressBound")]
    pub mod zlib {}
}

fn main() {}
