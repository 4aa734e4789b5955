use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        // Rust stores this struct as bytes; C passes the `double` in a vector register.
        struct mixed { double d; unsigned flag : 1; };
        double total(struct mixed m);
    }
}

fn main() {}
