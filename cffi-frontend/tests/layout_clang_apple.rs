//! The hand-picked tricky layouts for the Apple targets, checked against clang: nothing can
//! run there, so clang lays the records out for `arm64-apple-macos` and `x86_64-apple-macos`
//! and prints each one's size, alignment and every field's bit offset
//! (`-fdump-record-layouts-simple`), which must equal the layout engine's. The cases are
//! self-contained declarations, so no Apple SDK is needed.

mod support;

use std::collections::HashMap;
use std::process::Command;

use cffi_frontend::{Options, RecordId, Target, layout, parse};

/// Size, alignment (both in bits) and field offsets in bits, as clang printed them.
type Printed = (u64, u64, Vec<u64>);

/// clang's layouts of `records` (`struct tag` or `union tag`), which `header` declares. Each
/// is laid out where a `sizeof` asks for it, after its attributes (clang's
/// `-fdump-record-layouts-complete` would print a record before a trailing
/// `__attribute__((packed))` applies).
fn clang_layouts(clang_target: &str, header: &str, records: &[String]) -> HashMap<String, Printed> {
    let dir = support::out_dir("clang_apple");
    let stem = std::path::Path::new(header)
        .file_stem()
        .unwrap()
        .to_string_lossy();
    let file = dir.join(format!("{clang_target}_{stem}.c"));
    let mut c = format!("#include \"{header}\"\n");
    for (i, r) in records.iter().enumerate() {
        c.push_str(&format!("char cffi_size_{i}[sizeof({r})];\n"));
    }
    std::fs::write(&file, c).unwrap();
    let out = Command::new("clang")
        .args(["-target", clang_target, "-fsyntax-only"])
        .args(["-Xclang", "-fdump-record-layouts-simple"])
        .arg(&file)
        .output()
        .unwrap();
    let text = support::check(out, "clang");
    let mut found = HashMap::new();
    for block in text.split("*** Dumping AST Record Layout").skip(1) {
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("Type: "))
            .unwrap()
            .trim();
        let number = |key: &str| {
            block
                .lines()
                .find_map(|l| l.trim().strip_prefix(key))
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let offsets = block
            .lines()
            .find_map(|l| l.trim().strip_prefix("FieldOffsets: ["))
            .map(|l| {
                l.trim_end_matches(">")
                    .trim_end_matches(']')
                    .split(',')
                    .filter_map(|v| v.trim().parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        if let (Some(size), Some(align)) = (number("Size:"), number("Alignment:")) {
            found.insert(name.to_string(), (size, align, offsets));
        }
    }
    found
}

/// Compares every `cNN` record of `path` for `triple` with clang's layout for `clang_target`;
/// returns how many numbers were compared.
fn check(triple: &str, clang_target: &str, path: &str) -> usize {
    let src = std::fs::read_to_string(path).unwrap();
    let target = Target::from_triple(triple).unwrap();
    let parsed = parse(
        &src,
        &Options {
            target,
            lenient: false,
            ..Options::default()
        },
    );
    assert!(parsed.errors.is_empty(), "{:#?}", parsed.errors);
    let m = &parsed.module;
    let names: Vec<String> = (m.records.iter())
        .filter_map(|r| {
            let tag = r.tag.as_deref().filter(|t| t.starts_with('c'))?;
            Some(format!("{} {tag}", r.kind.keyword()))
        })
        .collect();
    let printed = clang_layouts(clang_target, path, &names);
    let mut compared = 0;
    let mut differ = Vec::new();
    for (i, r) in m.records.iter().enumerate() {
        let Some(tag) = r.tag.as_deref().filter(|t| t.starts_with('c')) else {
            continue;
        };
        let name = format!("{} {tag}", r.kind.keyword());
        let l = layout::record_layout(m, RecordId(i as u32))
            .unwrap_or_else(|e| panic!("{triple}: no layout for {name}: {e:?}"));
        let ours: Printed = (
            l.size * 8,
            l.align * 8,
            l.fields.iter().map(|f| f.offset_bits).collect(),
        );
        let theirs = printed
            .get(&name)
            .unwrap_or_else(|| panic!("clang printed no layout for {name}"));
        compared += 2 + ours.2.len();
        if &ours != theirs {
            differ.push(format!(
                "{name}: ours (size, align, offsets in bits) {ours:?}, clang's {theirs:?}"
            ));
        }
    }
    assert!(differ.is_empty(), "{triple}:\n{}", differ.join("\n"));
    compared
}

#[test]
fn tricky_layouts_match_clang_on_the_apple_targets() {
    if !support::found("clang") {
        assert!(
            std::env::var_os("CFFI_REQUIRE_CROSS").is_none(),
            "clang is missing"
        );
        eprintln!("skipped: install clang to check the Apple targets");
        return;
    }
    let cases = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/layout_cases.h");
    let cases_64 = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/layout_cases_64.h");
    for (triple, clang_target) in [
        ("aarch64-apple-darwin", "arm64-apple-macos"),
        ("x86_64-apple-darwin", "x86_64-apple-macos"),
    ] {
        let n = check(triple, clang_target, cases) + check(triple, clang_target, cases_64);
        eprintln!("{triple}: {n} numbers equal clang's");
    }
}
