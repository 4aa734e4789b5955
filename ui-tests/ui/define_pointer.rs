use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #define NOTHING ((void *)0)
    }
}

fn main() {}
