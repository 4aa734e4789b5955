use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m", safe = "cos")]
    pub unsafe mod m {
        double cos(double x);
    }
}

fn main() {}
