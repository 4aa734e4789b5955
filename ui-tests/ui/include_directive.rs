use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #include <stdio.h>
        int f(void);
    }
}

fn main() {}
