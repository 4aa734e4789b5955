use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[derive(Debug)]
        int f(void);
    }
}

fn main() {}
