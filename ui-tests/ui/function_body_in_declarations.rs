use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        int twice(int x) { return 2 * x; }
    }
}

fn main() {}
