use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "z", import = "<zlib.h>", safe = "compressBound")]
    pub unsafe mod zlib {}
}

fn main() {
    let z = zlib::Lib::load().unwrap();
    let _ = z.compressBound(10);
    // Scalars only, but not named in `safe`: the header's declaration is no promise that
    // calling it is safe.
    let _ = z.zlibCompileFlags();
}
