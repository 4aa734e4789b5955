use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(slice(u, nx * v))]
        void step(double *u, int nx, double *v);
    }
}

fn main() {}
