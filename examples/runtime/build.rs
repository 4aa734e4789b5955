//! Builds the lesson's C (`add.c`, `fibonacci.c`, shared with `cffi-examples`) into shared
//! libraries for the run-time example, as the lesson's Makefile does (`gcc -shared -fPIC
//! -O3`), and tells the example where they are (`CFFI_EXAMPLE_<NAME>_LIB`).

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    for name in ["add", "fibonacci"] {
        let source = format!("../c/{name}.c");
        println!("cargo:rerun-if-changed={source}");
        let file = out.join(format!("lib{name}.so"));
        let status = cc::Build::new()
            .opt_level(3)
            .get_compiler()
            .to_command()
            .args(["-shared", "-fPIC", "-o"])
            .arg(&file)
            .arg(&source)
            .status()
            .expect("run the C compiler");
        assert!(status.success(), "compiling {source} failed");
        println!(
            "cargo:rustc-env=CFFI_EXAMPLE_{}_LIB={}",
            name.to_uppercase(),
            file.display()
        );
    }
}
