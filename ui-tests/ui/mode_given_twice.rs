use cffi_core::cdef;

cdef! {
    #[cffi(abi, abi, lib = "m")]
    pub unsafe mod m {
        int f(void);
    }
}

fn main() {}
