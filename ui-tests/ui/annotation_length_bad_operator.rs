use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #[cffi(slice(u, nx % ny))]
        void step(double *u, int nx, int ny);
    }
}

fn main() {}
