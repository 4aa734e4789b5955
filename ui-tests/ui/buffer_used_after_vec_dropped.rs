use cffi_core::{cdef, ffi};

cdef! {
    #[cffi(abi, lib = "m")]
    unsafe mod lib {
        double dsum(const double *xs, int n);
    }
}

fn main() {
    let lib = lib::Lib::load().unwrap();
    let v = vec![1.0, 2.0];
    let buf = ffi::from_buffer(&v);
    drop(v);
    unsafe { lib.dsum(buf, 2) };
}
