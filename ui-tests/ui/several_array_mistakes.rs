use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        int a[n];
        int b[-1];
        int c[1.5];
    }
}

fn main() {}
