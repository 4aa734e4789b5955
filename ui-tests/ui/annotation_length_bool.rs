use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(slice(xs, len))]
        double dsum(const double *xs, _Bool len);
    }
}

fn main() {}
