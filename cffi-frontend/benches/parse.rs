//! Parsing real preprocessed headers, beside the time the C preprocessor takes to make them.
//!
//! `cargo bench -p cffi-frontend --bench parse`

use std::io::Write;
use std::process::{Command, Stdio};

use cffi_frontend::{Options, Target, parse};
use criterion::{Criterion, criterion_group, criterion_main};

fn compiler() -> Command {
    let triple = Target::host().triple().to_string();
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
        .args(["-E", "-x", "c", "-"])
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

fn bench(c: &mut Criterion) {
    for header in ["zlib.h", "sqlite3.h"] {
        let text = preprocess(header);
        let opts = Options::default();
        assert!(parse(&text, &opts).errors.is_empty());
        let mut group = c.benchmark_group(header);
        group.throughput(criterion::Throughput::Bytes(text.len() as u64));
        group.bench_function("parse", |b| b.iter(|| parse(&text, &opts)));
        group.sample_size(20);
        group.bench_function("cc -E", |b| b.iter(|| preprocess(header)));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
