use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct fine { char a[16]; };
        extern char table[1ULL << 62];
        struct wraps { char a[1ULL << 60]; char b[1ULL << 60]; };
    }
}

fn main() {}
