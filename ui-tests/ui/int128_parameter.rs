use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        __int128 big(__int128 x);
    }
}

fn main() {}
