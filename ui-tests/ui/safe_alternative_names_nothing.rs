use cffi_core::cdef;

cdef! {
    // A typo in one alternative of `safe`: without the error, `hypot` would silently stay
    // an `unsafe fn`.
    #[cffi(abi, lib = "m", import = "<math.h>", allow = "cos|hypot", safe = "cos|hypo")]
    pub unsafe mod libm {}
}

fn main() {}
