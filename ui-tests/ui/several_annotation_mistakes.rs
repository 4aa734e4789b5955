use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(slice(ys, n))]
        double a(const double *xs, int n);
        #[cffi(out(x))]
        void b(const int *x);
        #[cffi(frobnicate)]
        int c(int x);
    }
}

fn main() {}
