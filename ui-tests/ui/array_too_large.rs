use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct huge { char a[1ULL << 61]; };
    }
}

fn main() {}
