use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct s { int a; } __attribute__((aligned(3)));
    }
}

fn main() {}
