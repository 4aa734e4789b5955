use cffi_core::cdef;

cdef! {}

fn main() {}
