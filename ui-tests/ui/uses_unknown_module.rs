use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m", uses = "later")]
    pub unsafe mod first {
        point_t origin(void);
    }

    #[cffi(abi, lib = "m")]
    pub unsafe mod later {
        typedef struct { int x, y; } point_t;
    }
}

fn main() {}
