use cffi_core::cdef;

cdef! {
    #[cffi(abl, lib = "m")]
    pub unsafe mod m {
        int f(void);
    }
}

fn main() {}
