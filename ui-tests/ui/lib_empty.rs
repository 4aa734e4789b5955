use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "")]
    pub unsafe mod m {
        double cos(double x);
    }
}

fn main() {}
