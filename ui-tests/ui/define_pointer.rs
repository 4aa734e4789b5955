use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        // `((void *)0)` is a pointer constant; arithmetic on one is not a constant.
        #define NOTHING ((void *)0)
        #define PAST_NOTHING ((char *)0 + 1)
    }
}

fn main() {}
