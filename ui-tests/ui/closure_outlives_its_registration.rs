use cffi_core::ffi::Closure;
use std::ffi::c_int;

fn main() {
    let closure = {
        let mut total = 0;
        let mut add = |x: c_int| -> c_int {
            total += x;
            total
        };
        Closure::data_first(&mut add)
    };
    let _ = closure.fn_ptr();
}
