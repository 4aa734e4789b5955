//! Compiles the API-mode imports of the corpus test.

fn main() {
    cffi_build::compile();
}
