use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub mod m {
        float sqrtf(float x);
    }
}

fn main() {}
