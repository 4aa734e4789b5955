use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        long double a(void);
        __int128 b(void);
        _Complex double c(void);
    }
}

fn main() {}
