use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    unsafe mod lib {
        #[cffi(slice(xs, n))]
        double dsum(const double *xs, int n);
    }
}

fn main() {
    let lib = lib::Lib::load().unwrap();
    let floats = [1.0f32, 2.0];
    lib.dsum(&floats);
}
