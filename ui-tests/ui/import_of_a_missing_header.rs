use cffi_core::cdef;

cdef! {
    // A header not installed: the message says what the preprocessor said about it, not
    // its version report, and how to fix it.
    #[cffi(abi, lib = "m", import = "<no_such_header_anywhere.h>")]
    pub unsafe mod missing {}
}

fn main() {}
