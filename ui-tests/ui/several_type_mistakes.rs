use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        uint23_t a(void);
        long char b;
        unsigned float c;
        widgit_t *d;
    }
}

fn main() {}
