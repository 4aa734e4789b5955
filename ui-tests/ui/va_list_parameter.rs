use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        int vprintf(const char *fmt, va_list ap);
    }
}

fn main() {}
