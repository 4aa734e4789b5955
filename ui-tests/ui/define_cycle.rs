use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #define LOOP (LOOP + 1)
    }
}

fn main() {}
