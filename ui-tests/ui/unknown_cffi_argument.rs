use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m", library_path = "/usr/lib")]
    pub unsafe mod m {
        int f(void);
    }
}

fn main() {}
