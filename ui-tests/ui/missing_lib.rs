use cffi_core::cdef;

cdef! {
    #[cffi(abi)]
    pub unsafe mod m {
        int f(void);
    }
}

fn main() {}
