use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "z", import = "<zlib.h>")]
    pub unsafe mod zlib {}

    // The header is read as the C compiler reads it: packing would apply to nothing it could.
    #[cffi(abi, lib = "z", uses = "zlib", packed)]
    pub unsafe mod packed_user {
        struct header { char tag; uLong length; };
    }
}

fn main() {}
