use cffi_core::c_source;

c_source! {
    // The C compiler checks the declaration; only an `unsafe mod` vouches that calling
    // the function is safe.
    pub mod fd {
        r#"int close_it(int fd) { return fd; }"#
    }
}

fn main() {
    let lib = fd::Lib::load().unwrap();
    let _ = lib.close_it(3);
}
