use cffi_core::cdef;

cdef! {
    #[cffi(api, source = "c/add.c")]
    pub mod m {
        void add(double *a, const double *b, int n);
    }
}

fn main() {}
