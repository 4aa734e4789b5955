use cffi_core::cdef;

cdef! {
    // A typo: sqlite3's names start with `sqlite3_`.
    #[cffi(abi, lib = "sqlite3", import = "<sqlite3.h>", allow = "sqlit3_.*")]
    pub unsafe mod sqlite {}
}

fn main() {}
