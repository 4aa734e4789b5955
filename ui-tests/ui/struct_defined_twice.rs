use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct s { int a; };
        struct s { int b; };
    }
}

fn main() {}
