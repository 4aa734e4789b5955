use cffi_core::cdef;

cdef! {
    // The module's own declarations are checked as in any module: a typo is an error on
    // its token, not a note in the documentation.
    #[cffi(abi, lib = "z", import = "<zlib.h>", allow = "crc32")]
    pub unsafe mod zlib {
        uint23_t checksum(const char *s);
        long double precise(void);
    }
}

fn main() {}
