use cffi_core::cdef;

cdef! {
    pub unsafe mod m {
        int f(void);
    }
}

fn main() {}
