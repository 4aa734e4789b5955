//! Hand-picked tricky layouts, checked number by number against gcc.

mod support;

use cffi_frontend::{Options, RecordId, parse};
use support::Toolchain;

#[test]
fn tricky_layouts_match_gcc() {
    check(&Toolchain::host());
}

/// The same cases for other targets, with Debian's cross compilers, run under qemu. CI
/// installs them and sets `CFFI_REQUIRE_CROSS=1`, so there a missing toolchain fails.
#[test]
fn tricky_layouts_match_gcc_on_aarch64_and_i686() {
    let required = std::env::var_os("CFFI_REQUIRE_CROSS").is_some();
    for (triple, gnu, qemu) in [
        (
            "aarch64-unknown-linux-gnu",
            "aarch64-linux-gnu",
            "qemu-aarch64",
        ),
        ("i686-unknown-linux-gnu", "i686-linux-gnu", "qemu-i386"),
    ] {
        match Toolchain::cross(triple, gnu, qemu) {
            Some(tc) => check(&tc),
            None if required => panic!("{gnu}-gcc or {qemu} is missing"),
            None => eprintln!("skipped {triple}: install gcc-{gnu} and qemu-user to check it"),
        }
    }
}

/// The same cases for 64-bit Windows (LLP64, MS bit-fields, MinGW's `long double`), with
/// MinGW's gcc, run under wine.
#[test]
fn tricky_layouts_match_mingw_gcc_on_windows() {
    match Toolchain::mingw() {
        Some(tc) => check(&tc),
        None if std::env::var_os("CFFI_REQUIRE_CROSS").is_some() => {
            panic!("x86_64-w64-mingw32-gcc or wine is missing")
        }
        None => eprintln!("skipped: install gcc-mingw-w64-x86-64 and wine to check Windows"),
    }
}

fn check(tc: &Toolchain) {
    check_file(
        tc,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/layout_cases.h"),
        88,
    );
    if tc.target.pointer_size() == 8 {
        check_file(
            tc,
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/layout_cases_64.h"),
            2,
        );
    }
}

fn check_file(tc: &Toolchain, path: &str, cases: usize) {
    let src = std::fs::read_to_string(path).unwrap();
    let parsed = parse(
        &src,
        &Options {
            target: tc.target.clone(),
            lenient: false,
            ..Options::default()
        },
    );
    assert!(parsed.errors.is_empty(), "{:#?}", parsed.errors);
    let m = &parsed.module;
    let ids: Vec<RecordId> = (0..m.records.len() as u32)
        .map(RecordId)
        .filter(|&id| {
            m.record(id)
                .tag
                .as_deref()
                .is_some_and(|t| t.starts_with('c'))
        })
        .collect();
    assert_eq!(ids.len(), cases, "cases in {path}");
    // Every case is laid out, on Windows too (Microsoft's bit-field rules).
    let refused: Vec<RecordId> = ids
        .iter()
        .copied()
        .filter(|&id| cffi_frontend::layout::record_layout(m, id).is_err())
        .collect();
    assert!(
        refused.is_empty(),
        "{refused:?} refused on {}",
        tc.target.triple()
    );
    let stem = std::path::Path::new(path)
        .file_stem()
        .unwrap()
        .to_string_lossy();
    let name = format!("{stem}_{}", tc.target.triple());
    let compared = support::check_layouts_with(&name, m, &ids, &format!("#include \"{path}\""), tc);
    eprintln!(
        "{}: {} cases, {compared} numbers equal gcc's",
        tc.target.triple(),
        ids.len(),
    );
}
