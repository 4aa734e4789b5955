use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod m {
        // Rust stores this struct as bytes and passes them in registers; its `int` is not at
        // a multiple of 4, so the x86-64 psABI passes it in memory.
        struct __attribute__((packed)) P { char c; int i; int b : 4; };
        int take(struct P p);
        struct P give(void);
    }
}

fn main() {}
