use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod a {
        uint23_t f(void);
        int g(x);
    }

    #[cffi(abi, lib = "m")]
    pub unsafe mod b {
        long char c;
        struct s { int default; };
    }
}

fn main() {}
