use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        enum { RED = 1, GREEN = 2 };
        #define RED RED
        #define GREEN 3
    }
}

fn main() {}
