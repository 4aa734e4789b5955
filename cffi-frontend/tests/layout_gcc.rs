//! Hand-picked tricky layouts, checked number by number against gcc.

mod support;

use cffi_frontend::{Options, RecordId, parse};

#[test]
fn tricky_layouts_match_gcc() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/layout_cases.h");
    let src = std::fs::read_to_string(path).unwrap();
    let parsed = parse(&src, &Options::default());
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
    assert!(ids.len() >= 50, "{} cases", ids.len());
    let compared = support::check_layouts("tricky", m, &ids, &format!("#include \"{path}\""));
    eprintln!("{} cases, {compared} numbers equal gcc's", ids.len());
}
