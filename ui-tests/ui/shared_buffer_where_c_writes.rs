use cffi_core::{cdef, ffi};

cdef! {
    #[cffi(abi, lib = "m")]
    unsafe mod lib {
        void fill(double *xs, int n);
    }
}

fn main() {
    let lib = lib::Lib::load().unwrap();
    let v = vec![0.0; 4];
    unsafe { lib.fill(ffi::from_buffer(&v), 4) };
}
