//! Python cffi's own test suite as the conformance bar: every declaration string its tests pass
//! to `ffi.cdef`, judged by cffi and by this front end, and every struct both accept laid out
//! by both.
//!
//! `scripts/cffi_suite.py` downloads cffi's source distribution with pip (into the target dir,
//! once), extracts the strings with Python's `ast` and records cffi's verdict and layouts. The
//! test fails when a string cffi accepts is rejected here and is not on the reviewed list
//! (`cffi_suite_reviewed.txt`: strings gcc rejects too, with gcc's reason, and the spellings
//! not read yet), when a string on that list is accepted (the list must shrink with the
//! gaps), or when a layout differs.

mod support;

use std::collections::BTreeMap;
use std::process::Command;

use cffi_frontend::{Module, Options, RecordId, TypeKind, layout, parse};
use serde_json::Value;
use support::out_dir;

/// One `ffi.cdef` call from cffi's tests.
struct Case {
    place: String,
    /// The strings of the earlier calls on the same `ffi`, then this call's. Each call's
    /// `packed=True` or `pack=N` becomes a `#pragma pack` around its text, which is what
    /// cffi-rs's `packed` and `pack = N` module arguments set for a module.
    text: String,
    cffi_error: Option<String>,
    layouts: Vec<Value>,
}

fn cases() -> Vec<Case> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/cffi_suite.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(out_dir("cffi-suite"))
        .output()
        .expect("run python3 scripts/cffi_suite.py");
    assert!(
        out.status.success(),
        "scripts/cffi_suite.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Value = serde_json::from_slice(&out.stdout).expect("the script prints JSON");
    let all = all.as_array().expect("a list of cases");
    all.iter()
        .map(|c| Case {
            place: format!("{}:{}", c["file"].as_str().unwrap(), c["line"]),
            text: c["prefix"]
                .as_array()
                .unwrap()
                .iter()
                .chain([c])
                .map(|call| packed_text(call["src"].as_str().unwrap(), &call["options"]))
                .collect(),
            cffi_error: c["cffi_error"].as_str().map(str::to_string),
            layouts: c["layouts"].as_array().cloned().unwrap_or_default(),
        })
        .collect()
}

/// One `cdef` call's text, inside the `#pragma pack` its options ask for.
fn packed_text(src: &str, options: &Value) -> String {
    let pack = match (&options["packed"], &options["pack"]) {
        (Value::Bool(true), _) => Some(1),
        (_, Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    match pack {
        Some(n) => format!("#pragma pack({n})\n{src}\n#pragma pack()\n"),
        None => format!("{src}\n"),
    }
}

/// The record a cffi type name (`struct s`, `union u`, a typedef) names.
fn record_named(m: &Module, name: &str) -> Option<RecordId> {
    let tag = name
        .strip_prefix("struct ")
        .or_else(|| name.strip_prefix("union "));
    if let Some(tag) = tag {
        return m.record_tagged(tag);
    }
    let td = m.typedef_named(name)?;
    match m.resolve(&td.ty).kind {
        TypeKind::Record(id) => Some(id),
        _ => None,
    }
}

/// Differences between cffi's layout of one record and the layout engine's.
fn layout_differences(m: &Module, want: &Value) -> Vec<String> {
    let name = want["name"].as_str().unwrap();
    let Some(id) = record_named(m, name) else {
        return vec![format!("{name}: not found")];
    };
    let got = match layout::record_layout(m, id) {
        Ok(l) => l,
        Err(e) => return vec![format!("{name}: {e:?}")],
    };
    let mut out = Vec::new();
    for key in ["size", "align"] {
        let (w, g) = (
            want[key].as_u64().unwrap(),
            if key == "size" { got.size } else { got.align },
        );
        if w != g {
            out.push(format!("{name}: {key} {g}, cffi says {w}"));
        }
    }
    let fields: BTreeMap<String, u64> = layout::flat_fields(m, id)
        .unwrap_or_default()
        .into_iter()
        .map(|(n, bits, _)| (n, bits / 8))
        .collect();
    for f in want["fields"].as_array().unwrap() {
        let (field, offset) = (f[0].as_str().unwrap(), f[1].as_u64().unwrap());
        if fields.get(field) != Some(&offset) {
            out.push(format!(
                "{name}.{field}: offset {:?}, cffi says {offset}",
                fields.get(field)
            ));
        }
    }
    out
}

/// The reviewed places, from `cffi_suite_reviewed.txt`.
fn reviewed() -> std::collections::BTreeSet<&'static str> {
    include_str!("cffi_suite_reviewed.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap())
        .collect()
}

#[test]
fn cffi_s_own_declarations_are_read_as_cffi_reads_them() {
    let cases = cases();
    let reviewed = reviewed();
    let mut listed_but_accepted = Vec::new();
    let mut table = [[0usize; 2]; 2];
    let mut rejected = Vec::new();
    let mut layouts = (0, Vec::new());
    for case in &cases {
        let parsed = parse(&case.text, &Options::default());
        let ours = parsed.errors.is_empty();
        let theirs = case.cffi_error.is_none();
        table[usize::from(theirs)][usize::from(ours)] += 1;
        if reviewed.contains(case.place.as_str()) {
            if ours || !theirs {
                listed_but_accepted.push(case.place.clone());
            }
        } else if theirs && !ours {
            rejected.push(format!(
                "{}: {}\n    {}",
                case.place,
                parsed.errors[0],
                case.text.trim().replace('\n', "\n    ")
            ));
        }
        if theirs && ours {
            for want in &case.layouts {
                layouts.0 += 1;
                for d in layout_differences(&parsed.module, want) {
                    layouts.1.push(format!("{}: {d}", case.place));
                }
            }
        }
    }
    println!("cffi's cdef strings: {}", cases.len());
    println!("  both accept:                  {}", table[1][1]);
    println!("  both reject:                  {}", table[0][0]);
    println!("  cffi accepts, cffi-rs rejects: {}", table[1][0]);
    println!(
        "    of which reviewed (gcc rejects too, or not read yet): {}",
        reviewed.len()
    );
    println!("  cffi rejects, cffi-rs accepts: {}", table[0][1]);
    println!(
        "records laid out by both: {}, differing: {}",
        layouts.0,
        layouts.1.len()
    );
    for r in &rejected {
        println!("not reviewed: {r}");
    }
    for p in &listed_but_accepted {
        println!("reviewed, but no longer a cffi-accepts/cffi-rs-rejects case: {p}");
    }
    for d in &layouts.1 {
        println!("{d}");
    }
    assert!(rejected.is_empty() && layouts.1.is_empty() && listed_but_accepted.is_empty());
}
