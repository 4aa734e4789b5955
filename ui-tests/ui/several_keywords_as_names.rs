use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct s { int default; };
        void f(int for);
        enum e { while };
    }
}

fn main() {}
