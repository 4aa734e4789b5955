use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        enum { RED };
        enum { B = REED };
    }
}

fn main() {}
