use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(optional)]
        struct s { int a; };
    }
}

fn main() {}
