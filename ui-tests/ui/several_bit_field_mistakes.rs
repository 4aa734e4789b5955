use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct s {
            char a : 9;
            int b : 0;
            double c : 2;
            _Bool d : 2;
        };
    }
}

fn main() {}
