use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        extern "C" int f(void);
    }
}

fn main() {}
