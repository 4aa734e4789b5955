use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct a;
        struct b { struct a inner; };
    }
}

fn main() {}
