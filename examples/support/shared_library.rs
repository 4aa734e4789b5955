//! For the examples' build scripts: the lesson's C built into a shared library, as its
//! Makefile does (`gcc -shared -fPIC -O3`).

use std::path::Path;

/// Compiles `source` into a shared library in `out`, named as the target names them
/// (`lib<name>.so`, `lib<name>.dylib`, `<name>.dll`), and sets `CFFI_EXAMPLE_<NAME>_LIB` to
/// its path for the examples.
pub fn shared_library(name: &str, source: &str, out: &Path) {
    println!("cargo:rerun-if-changed={source}");
    let file = out.join(match std::env::var("CARGO_CFG_TARGET_OS").as_deref() {
        Ok("windows") => format!("{name}.dll"),
        Ok("macos" | "ios") => format!("lib{name}.dylib"),
        _ => format!("lib{name}.so"),
    });
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
