use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct s { int data[]; int n; };
    }
}

fn main() {}
