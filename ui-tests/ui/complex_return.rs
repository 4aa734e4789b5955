use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        _Complex double cexp(_Complex double z);
    }
}

fn main() {}
