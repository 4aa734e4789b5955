use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(one(x), out(x))]
        void get(int *x);
    }
}

fn main() {}
