//! Builds the C fixtures into shared libraries under OUT_DIR and passes their paths to the
//! tests as environment variables, and compiles the C of the API-mode tests.

use std::path::{Path, PathBuf};

/// Compiles `source` into a shared library named as the target names them (`lib<name>.so`,
/// `<name>.dll`, `lib<name>.dylib`) with the flags of cargo's profile (as `cc` compiles
/// API-mode C), so that benchmarks compare bindings, not compilations.
fn shared_library(name: &str, source: &Path, out: &Path) -> PathBuf {
    let compiler = cc::Build::new().get_compiler();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let file = out.join(match os.as_str() {
        "windows" => format!("{name}.dll"),
        "macos" | "ios" => format!("lib{name}.dylib"),
        _ => format!("lib{name}.so"),
    });
    let mut command = compiler.to_command();
    command.arg("-shared");
    if os != "windows" {
        command.arg("-fPIC");
    }
    let status = command
        .arg("-o")
        .arg(&file)
        .arg(source)
        .status()
        .expect("run the C compiler");
    assert!(status.success(), "compiling {} failed", source.display());
    file
}

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    for file in ["c/fixture.c", "c/fixture.h"] {
        println!("cargo:rerun-if-changed={file}");
    }
    let lib = shared_library("fixture", &dir.join("c/fixture.c"), &out);
    println!("cargo:rustc-env=CFFI_FIXTURE_LIB={}", lib.display());
    for file in ["c/handles.c", "c/handles.h"] {
        println!("cargo:rerun-if-changed={file}");
    }
    let lib = shared_library("handles", &dir.join("c/handles.c"), &out);
    println!("cargo:rustc-env=CFFI_HANDLES_LIB={}", lib.display());
    for file in ["c/traits.c", "c/traits.h"] {
        println!("cargo:rerun-if-changed={file}");
    }
    let lib = shared_library("traits", &dir.join("c/traits.c"), &out);
    println!("cargo:rustc-env=CFFI_TRAITS_LIB={}", lib.display());
    // The C of cffi's test_verify.py and test_recompiler.py, also opened at run time by the
    // ABI-mode half of their tests.
    for (name, var) in [
        ("verify", "CFFI_VERIFY_LIB"),
        ("verify2", "CFFI_VERIFY2_LIB"),
        ("recompiler", "CFFI_RECOMPILER_LIB"),
    ] {
        println!("cargo:rerun-if-changed=c/{name}.c");
        let lib = shared_library(name, &dir.join(format!("c/{name}.c")), &out);
        println!("cargo:rustc-env={var}={}", lib.display());
    }
    println!("cargo:rerun-if-changed=c/unmodelled.c");
    let lib = shared_library("unmodelled", &dir.join("c/unmodelled.c"), &out);
    println!("cargo:rustc-env=CFFI_UNMODELLED_LIB={}", lib.display());
    println!("cargo:rerun-if-changed=c/tags.c");
    let lib = shared_library("tags", &dir.join("c/tags.c"), &out);
    println!("cargo:rustc-env=CFFI_TAGS_LIB={}", lib.display());
    println!("cargo:rerun-if-changed=c/hygiene.c");
    let lib = shared_library("hygiene", &dir.join("c/hygiene.c"), &out);
    println!("cargo:rustc-env=CFFI_HYGIENE_LIB={}", lib.display());
    println!("cargo:rerun-if-changed=c/bench.c");
    let lib = shared_library("bench", &dir.join("c/bench.c"), &out);
    println!("cargo:rustc-env=CFFI_BENCH_LIB={}", lib.display());
    // The API-mode modules of the tests: their C is compiled and linked with the crate.
    cffi_build::compile();
}
