//! The compile-time cost of bindings: parsing a real header, preprocessed, and generating
//! its Rust, beside the C preprocessor producing that text, and beside bindgen on the same
//! header where a `bindgen` command is installed.
//!
//! `cargo bench -p cffi-codegen --bench expand`

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};

fn compiler() -> Command {
    let triple = cffi_frontend::Target::host().triple().to_string();
    cc::Build::new()
        .target(&triple)
        .host(&triple)
        .opt_level(0)
        .cargo_metadata(false)
        .get_compiler()
        .to_command()
}

fn preprocess(header: &str) -> String {
    let mut child = compiler()
        .args(["-E", "-dD", "-x", "c", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run the C preprocessor");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("#include <{header}>\n").as_bytes())
        .expect("write to the preprocessor");
    let out = child.wait_with_output().expect("preprocessor output");
    assert!(out.status.success(), "cc -E failed for {header}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// bindgen on `header`, timed once, if the command exists.
fn bindgen_once(header: &str) -> Option<f64> {
    let path = format!("/usr/include/{header}");
    let start = Instant::now();
    let out = Command::new("bindgen").arg(&path).output().ok()?;
    out.status
        .success()
        .then(|| start.elapsed().as_secs_f64() * 1e3)
}

fn bench(c: &mut Criterion) {
    for (header, lib) in [("zlib.h", "z"), ("sqlite3.h", "sqlite3")] {
        let text = preprocess(header);
        let mut group = c.benchmark_group(format!("bindings for {header}"));
        group.sample_size(20);
        group.bench_function("cffi-rs: parse and generate", |b| {
            b.iter(|| {
                cffi_codegen::bindings_for_text(&text, "bindings", lib)
                    .to_string()
                    .len()
            })
        });
        group.bench_function("cc -E -dD", |b| b.iter(|| preprocess(header).len()));
        group.finish();
        match bindgen_once(header) {
            Some(ms) => {
                let start = Instant::now();
                let runs = 10;
                for _ in 0..runs {
                    cffi_codegen::bindings_for_text(&preprocess(header), "bindings", lib);
                }
                let ours = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
                println!(
                    "{header}: bindgen {ms:.1} ms, cffi-rs with cc -E {ours:.1} ms: {:.1}x faster",
                    ms / ours
                );
            }
            None => println!("bindgen {header}: not measured (no `bindgen` command)"),
        }
    }
}

/// A whole `import = "<header>"` module expanded, preprocessing included, beside the
/// preprocessing alone.
fn import(c: &mut Criterion) {
    for header in ["zlib.h", "sqlite3.h", "bzlib.h"] {
        let tokens: proc_macro2::TokenStream =
            format!("#[cffi(abi, lib = \"x\", import = \"<{header}>\")] pub unsafe mod m {{}}")
                .parse()
                .expect("tokens");
        let mut group = c.benchmark_group(format!("import {header}"));
        group.sample_size(20);
        group.bench_function("cffi-rs: cc -E, parse, select, generate", |b| {
            b.iter(|| cffi_codegen::cdef(tokens.clone()))
        });
        group.bench_function("cc -E -dD alone", |b| b.iter(|| preprocess(header).len()));
        group.finish();
    }
}

criterion_group!(benches, bench, import);
criterion_main!(benches);
