use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct tm { int tm_sec; ...; };
    }
}

fn main() {}
