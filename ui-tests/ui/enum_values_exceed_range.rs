use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        enum e { A = 0xFFFFFFFFFFFFFFFF, B = -1 };
    }
}

fn main() {}
