use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        int f(int x)
        int g(void);
    }
}

fn main() {}
