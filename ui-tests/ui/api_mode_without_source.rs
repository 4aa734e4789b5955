use cffi_core::cdef;

cdef! {
    #[cffi(api)]
    pub mod m {
        int f(void);
    }
}

fn main() {}
