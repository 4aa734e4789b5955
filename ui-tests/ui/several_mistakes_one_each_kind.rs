use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        uint23_t a(void);
        int b(x, y);
        struct s { int default; };
        enum { E = 1 / 0 };
        #define F(x) x
    }
}

fn main() {}
