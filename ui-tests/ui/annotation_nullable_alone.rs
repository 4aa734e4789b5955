use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(nullable(x))]
        int f(int *x);
    }
}

fn main() {}
