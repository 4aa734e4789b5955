use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        enum { A = 1 / 0 };
    }
}

fn main() {}
