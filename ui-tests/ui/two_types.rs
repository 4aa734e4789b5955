use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        typedef int myint;
        myint int x;
    }
}

fn main() {}
