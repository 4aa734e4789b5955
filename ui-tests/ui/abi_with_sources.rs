use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m", cflags = "-DX=1", sources = "c/extra.c")]
    pub unsafe mod m {
        int f(void);
    }
}

fn main() {}
