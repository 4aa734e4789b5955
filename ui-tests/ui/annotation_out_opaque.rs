use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        typedef struct handle handle;
        #[cffi(out(h))]
        int open_handle(handle *h);
    }
}

fn main() {}
