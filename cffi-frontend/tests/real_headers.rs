//! Real system headers, preprocessed by the C compiler, parsed whole; the functions and
//! layouts found are checked against what gcc itself says.

mod support;

use std::collections::BTreeSet;

use cffi_frontend::{Options, Parsed, RecordId, parse};
use support::{check_layouts, compiles, fn_pointer_type, out_dir};

struct Header {
    include: &'static str,
    /// The library's own files (the header and its companions), by file name.
    own: &'static [&'static str],
}

const HEADERS: &[Header] = &[
    Header {
        include: "zlib.h",
        own: &["zlib.h", "zconf.h"],
    },
    Header {
        include: "sqlite3.h",
        own: &["sqlite3.h"],
    },
    Header {
        include: "bzlib.h",
        own: &["bzlib.h"],
    },
];

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn parse_header(h: &Header) -> (String, Parsed) {
    let text = support::preprocess(h.include);
    let parsed = parse(&text, &Options::default());
    (text, parsed)
}

fn is_own(h: &Header, parsed: &Parsed, offset: usize) -> bool {
    parsed
        .source_map
        .file(offset)
        .is_some_and(|f| h.own.contains(&file_name(f)))
}

/// The functions gcc says each of the header's own files declares (`-aux-info`).
fn gcc_functions(h: &Header) -> BTreeSet<String> {
    let dir = out_dir("aux_info");
    let stem = h.include.replace('.', "_");
    let src = dir.join(format!("{stem}.c"));
    let aux = dir.join(format!("{stem}.aux"));
    std::fs::write(&src, format!("#include <{}>\n", h.include)).unwrap();
    let out = support::cc()
        .arg("-fsyntax-only")
        .arg("-aux-info")
        .arg(&aux)
        .arg(&src)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&aux).unwrap();
    let mut names = BTreeSet::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("/* ") else {
            continue;
        };
        let Some((loc, decl)) = rest.split_once(" */ ") else {
            continue;
        };
        let file = loc.split(':').next().unwrap_or("");
        if !h.own.contains(&file_name(file)) {
            continue;
        }
        // The declared name is the identifier before the first `(` that opens parameters.
        let before = decl.split(" (").next().unwrap_or("");
        let name = before
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("");
        names.insert(name.to_string());
    }
    names
}

#[test]
fn headers_parse_without_errors() {
    for h in HEADERS {
        let (text, parsed) = parse_header(h);
        let errors: Vec<String> = parsed
            .errors
            .iter()
            .map(|e| {
                let loc = parsed.source_map.loc(&text, e.span.start);
                format!("{:?}:{}: {e}", loc.file, loc.line)
            })
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", h.include);
        assert!(parsed.module.functions.len() > 50, "{}", h.include);
    }
}

#[test]
fn every_function_is_found_with_its_exact_type() {
    for h in HEADERS {
        let (_, parsed) = parse_header(h);
        let m = &parsed.module;
        let ours: BTreeSet<String> = m
            .functions
            .iter()
            .filter(|f| is_own(h, &parsed, f.span.start))
            .map(|f| f.name.clone())
            .collect();
        let gcc = gcc_functions(h);
        assert!(gcc.len() > 20, "{}: gcc listed only {gcc:?}", h.include);
        assert_eq!(ours, gcc, "{}: functions differ (ours, gcc's)", h.include);
        eprintln!("{}: {} functions, as gcc lists them", h.include, ours.len());

        // gcc checks each type as we render it back to C.
        let mut c = format!("#include <{}>\n", h.include);
        for f in m.functions.iter().filter(|f| ours.contains(&f.name)) {
            c.push_str(&format!(
                "_Static_assert(__builtin_types_compatible_p(__typeof__(&{0}), {1}), \"{0}\");\n",
                f.name,
                fn_pointer_type(m, &f.ty)
            ));
        }
        let stem = h.include.replace('.', "_");
        compiles(&format!("types_{stem}"), &c)
            .unwrap_or_else(|e| panic!("{}: types differ from gcc's:\n{e}", h.include));

        // The check has teeth: one parameter made `const` is a different type to gcc.
        let f = m
            .functions
            .iter()
            .find(|f| {
                ours.contains(&f.name)
                    && f.ty
                        .params
                        .iter()
                        .any(|p| matches!(p.ty.kind, cffi_frontend::TypeKind::Pointer(_)))
            })
            .expect("a function with a pointer parameter");
        let mut wrong = f.ty.clone();
        for p in &mut wrong.params {
            if let cffi_frontend::TypeKind::Pointer(inner) = &mut p.ty.kind {
                inner.quals.is_volatile = true;
                break;
            }
        }
        let bad = format!(
            "#include <{}>\n_Static_assert(__builtin_types_compatible_p(__typeof__(&{}), {}), \"\");\n",
            h.include,
            f.name,
            fn_pointer_type(m, &wrong)
        );
        assert!(compiles(&format!("wrong_{stem}"), &bad).is_err());
    }
}

#[test]
fn struct_layouts_match_gcc() {
    let mut total = 0;
    for h in HEADERS {
        let (_, parsed) = parse_header(h);
        let m = &parsed.module;
        let ids: Vec<RecordId> = (0..m.records.len() as u32)
            .map(RecordId)
            .filter(|&id| {
                let r = m.record(id);
                r.fields.is_some() && is_own(h, &parsed, r.span.start)
            })
            .collect();
        assert!(!ids.is_empty(), "{}", h.include);
        let stem = h.include.replace('.', "_");
        total += check_layouts(
            &format!("layout_{stem}"),
            m,
            &ids,
            &format!("#include <{}>", h.include),
        );
    }
    eprintln!("{total} sizes, alignments and offsets equal gcc's");
    assert!(total > 50, "only {total} numbers compared");
}
