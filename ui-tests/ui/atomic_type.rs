use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        _Atomic int counter;
    }
}

fn main() {}
