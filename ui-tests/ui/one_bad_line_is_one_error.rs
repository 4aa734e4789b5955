use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        struct point { int x; int y; };
        uint23_t broken(struct point p);
        double fine(struct point p);
    }
}

fn main() {
    // `fine` and `point` were still generated: using them adds no error.
    let _ = std::mem::size_of::<m::point>();
    let _ = m::Lib::fine;
}
