use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m", pack = 3)]
    pub unsafe mod m {
        struct s { char a; int b; };
    }
}

fn main() {}
