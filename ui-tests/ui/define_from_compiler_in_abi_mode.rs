use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #define BUFSIZE ...
    }
}

fn main() {}
