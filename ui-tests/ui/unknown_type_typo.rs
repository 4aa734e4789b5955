use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        uint23_t f(void);
    }
}

fn main() {}
