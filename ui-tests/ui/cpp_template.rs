use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        template <typename T> T id(T x);
    }
}

fn main() {}
