use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(sliced(xs, n))]
        double dsum(const double *xs, int n);
    }
}

fn main() {}
