use cffi_core::cdef;

cdef! {
    // A typo in one alternative: the others match, `hypt` does not.
    #[cffi(abi, lib = "m", import = "<math.h>", allow = "cos|hypt|sin")]
    pub unsafe mod libm {}
}

fn main() {}
