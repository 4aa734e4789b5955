//! For the examples' build scripts: the lesson's C built into a shared library, as its
//! Makefile does (`gcc -shared -fPIC -O3`).

use std::path::Path;

/// Compiles `source` into `lib<name>.so` in `out` and sets `CFFI_EXAMPLE_<NAME>_LIB` to its
/// path for the examples.
pub fn shared_library(name: &str, source: &str, out: &Path) {
    println!("cargo:rerun-if-changed={source}");
    let file = out.join(format!("lib{name}.so"));
    let status = cc::Build::new()
        .opt_level(3)
        .get_compiler()
        .to_command()
        .args(["-shared", "-fPIC", "-o"])
        .arg(&file)
        .arg(source)
        .status()
        .expect("run the C compiler");
    assert!(status.success(), "compiling {source} failed");
    println!(
        "cargo:rustc-env=CFFI_EXAMPLE_{}_LIB={}",
        name.to_uppercase(),
        file.display()
    );
}
