use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        class Widget { int x; };
    }
}

fn main() {}
