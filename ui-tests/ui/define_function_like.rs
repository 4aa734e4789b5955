use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #define MAX(a, b) ((a) > (b) ? (a) : (b))
    }
}

fn main() {}
