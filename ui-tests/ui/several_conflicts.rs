use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        int f(int x);
        double f(int x);
        typedef int t;
        typedef long t;
        int v;
        double v;
    }
}

fn main() {}
