use cffi_core::cdef;

cdef! {
    #[cffi(api, lib = "m", source = "c/m.c")]
    pub mod m {
        int f(void);
    }
}

fn main() {}
