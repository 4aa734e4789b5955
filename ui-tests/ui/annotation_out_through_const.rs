use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(out(x))]
        void get(const int *x);
    }
}

fn main() {}
