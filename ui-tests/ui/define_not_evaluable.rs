use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #define BAD (1 +)
    }
}

fn main() {}
