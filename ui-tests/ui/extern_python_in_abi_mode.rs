use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        extern "Python" int on_event(int code);
    }
}

fn main() {}
