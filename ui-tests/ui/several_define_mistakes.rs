use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #define EMPTY
        #define F(x) x
        #define BAD (2 *)
        #define DIV (1 / 0)
    }
}

fn main() {}
