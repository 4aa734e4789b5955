use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m", import = "<math.h>", pkg_config = "no-such-package")]
    pub unsafe mod m {}
}

fn main() {}
