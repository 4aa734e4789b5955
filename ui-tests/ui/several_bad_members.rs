use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct s {
            int good1;
            long char bad1;
            int good2;
            uint23_t bad2;
            int default;
        };
    }
}

fn main() {}
