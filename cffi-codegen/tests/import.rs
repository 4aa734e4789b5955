//! Header import against the C compiler: every function the headers declare in their own
//! files is bound or listed as left out with a reason, and every integer constant has the
//! value gcc gives it.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("import");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One header of the corpus (`tests/corpus/headers.tsv`).
struct Entry {
    module: &'static str,
    headers: &'static str,
    allow: Option<&'static str>,
    /// The C flags the header needs (pkg-config's, for `pkg:NAME`).
    cflags: Vec<String>,
}

fn corpus() -> Vec<Entry> {
    include_str!("../../tests/corpus/headers.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let cflags = match cols.get(5) {
                Some(s) => match s.strip_prefix("pkg:") {
                    Some(package) => cffi_codegen::pkg_config(package).unwrap().cflags,
                    None => s.split_whitespace().map(str::to_string).collect(),
                },
                None => Vec::new(),
            };
            Entry {
                module: cols[0],
                headers: cols[1],
                allow: Some(cols[2]).filter(|a| *a != "-"),
                cflags,
            }
        })
        .collect()
}

/// A C file including every header of an import.
fn includes(headers: &str) -> String {
    headers
        .split_whitespace()
        .map(|h| format!("#include {h}\n"))
        .collect()
}

/// The functions gcc says the files in `own` declare (`-aux-info`), of those `allow` keeps.
fn gcc_functions(e: &Entry, own: &[String]) -> BTreeSet<String> {
    let src = dir().join(format!("{}.c", e.module));
    let aux = dir().join(format!("{}.aux", e.module));
    std::fs::write(&src, includes(e.headers)).unwrap();
    let out = Command::new("cc")
        .args(&e.cflags)
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
    let mut names = BTreeSet::new();
    for line in std::fs::read_to_string(&aux).unwrap().lines() {
        let Some((loc, decl)) = line.strip_prefix("/* ").and_then(|r| r.split_once(" */ ")) else {
            continue;
        };
        let file = loc.split(':').next().unwrap_or("");
        if !own.iter().any(|o| o == file) {
            continue;
        }
        let name = declared_name(decl);
        if e.allow.is_none_or(|p| cffi_codegen::name_matches(p, &name)) {
            names.insert(name);
        }
    }
    names
}

/// The name an `-aux-info` declaration declares: the identifier before the first ` (` that
/// opens a parameter list (`uuid_t (*uuid_get_template (const char *))` declares
/// `uuid_get_template`; the first ` (` there groups the declarator), or the last identifier of
/// a function declared through a typedef of a function type (`extern Tcl_AppInitProc
/// Tcl_AppInit;`).
fn declared_name(decl: &str) -> String {
    let mut at = 0;
    while let Some(i) = decl[at..].find(" (") {
        let open = at + i;
        if !decl[open + 2..].starts_with('*') {
            return decl[..open]
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")
                .to_string();
        }
        at = open + 2;
    }
    decl.trim_end_matches(';')
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn every_function_is_bound_or_listed_as_left_out() {
    let mut table = vec![
        "| header | functions gcc lists | bound | left out, with a reason |".to_string(),
        "| --- | --- | --- | --- |".to_string(),
    ];
    for e in corpus() {
        let headers = e.headers;
        let report = cffi_codegen::import_report(headers, e.allow, &dir(), &e.cflags).unwrap();
        let gcc = gcc_functions(&e, &report.files);
        let mut unaccounted = Vec::new();
        let mut listed = 0;
        for f in &gcc {
            if report.functions.contains(f) {
                continue;
            }
            if report
                .skipped
                .iter()
                .any(|s| cffi_codegen::names_as_left_out(s, f))
            {
                listed += 1;
            } else {
                unaccounted.push(f.clone());
            }
        }
        assert!(
            unaccounted.is_empty(),
            "{headers}: neither bound nor listed: {unaccounted:?}"
        );
        assert!(
            !gcc.is_empty(),
            "{headers}: gcc lists no function of {:?}",
            report.files
        );
        table.push(format!(
            "| `{headers}` | {} | {} | {listed} |",
            gcc.len(),
            gcc.len() - listed
        ));
    }
    eprintln!("{}", table.join("\n"));
}

#[test]
fn imported_constants_have_gcc_values() {
    let mut total = 0;
    for e in corpus() {
        let (module, headers) = (e.module, e.headers);
        let consts = cffi_codegen::import_report(headers, e.allow, &dir(), &e.cflags)
            .unwrap()
            .constants;
        // The headers first, as the macro reads them: one may set feature macros that
        // `<stdio.h>` would otherwise have settled.
        let mut c = format!(
            "{}#include <stdio.h>\nint main(void) {{\n",
            includes(headers)
        );
        for (name, _) in &consts {
            c.push_str(&format!(
                "  if (({name}) < 0) printf(\"{name} %lld\\n\", (long long)({name})); else printf(\"{name} %llu\\n\", (unsigned long long)({name}));\n"
            ));
        }
        c.push_str("  return 0;\n}\n");
        let src = dir().join(format!("consts_{module}.c"));
        let exe = dir().join(format!("consts_{module}"));
        std::fs::write(&src, c).unwrap();
        let out = Command::new("cc")
            .args(&e.cflags)
            .arg(&src)
            .arg("-o")
            .arg(&exe)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{headers}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let printed = String::from_utf8(Command::new(&exe).output().unwrap().stdout).unwrap();
        let expected: String = consts.iter().map(|(n, v)| format!("{n} {v}\n")).collect();
        assert_eq!(printed, expected, "{headers}");
        eprintln!("{headers}: {} integer constants equal gcc's", consts.len());
        total += consts.len();
    }
    eprintln!("{total} integer constants equal gcc's");
}

#[test]
fn allow_narrows_and_keeps_what_is_needed() {
    let report =
        cffi_codegen::import_report("<zlib.h>", Some("compress.*|Z_OK"), &dir(), &[]).unwrap();
    assert_eq!(report.functions, ["compress", "compress2", "compressBound"]);
    assert_eq!(report.constants, [("Z_OK".to_string(), 0)]);
}

/// The "left out" list of an imported module's documentation names only what a user could
/// have wanted: no include guards, no reserved names, nothing `allow` leaves out anyway.
#[test]
fn left_out_lists_only_what_a_user_could_want() {
    let doc = |allow: &str| {
        cffi_codegen::cdef(
            format!(
                "#[cffi(abi, lib = \"z\", import = \"<zlib.h>\"{allow})] pub unsafe mod z {{}}"
            )
            .parse()
            .unwrap(),
        )
        .to_string()
    };
    let all = doc("");
    assert!(all.contains("Left out"), "{all}");
    for noise in ["`ZLIB_H`", "`ZCONF_H`", "`FAR`", "`__"] {
        assert!(!all.contains(noise), "{noise} listed as left out");
    }
    // A function-like macro a user may want in API mode is still listed.
    assert!(all.contains("`deflateInit`"), "deflateInit not listed");
    let only_crc = doc(", allow = \"crc32.*\"");
    assert!(
        !only_crc.contains("`deflateInit`"),
        "allow did not filter the list"
    );
}

/// The files the walk stops at are listed as left out, by the name a user includes them by;
/// a library's own subdirectory is not among them (`<Python.h>`'s `cpython/`).
#[test]
fn the_files_the_walk_stops_at_are_listed() {
    let past = |header: &str, cflags: &[String]| {
        let report = cffi_codegen::import_report(header, None, &dir(), cflags).unwrap();
        let listed = report.skipped.into_iter();
        listed
            .filter(|s| s.contains("included by the header"))
            .collect::<Vec<_>>()
    };
    let mpfr = past("<mpfr.h>", &[]);
    assert!(
        mpfr.iter()
            .any(|s| s
                .starts_with("`<gmp.h>`: included by the header, but another library's header")),
        "{mpfr:?}"
    );
    let zlib = past("<zlib.h>", &[]);
    assert!(
        zlib.iter().any(|s| s
            .starts_with("`<stddef.h>`: included by the header, but a standard C or POSIX header")),
        "{zlib:?}"
    );
    let flags = Command::new("pkg-config")
        .args(["--cflags", "python3-embed"])
        .output()
        .unwrap();
    let flags: Vec<String> = String::from_utf8(flags.stdout)
        .unwrap()
        .split_whitespace()
        .map(String::from)
        .collect();
    let python = past("<Python.h>", &flags);
    assert!(!python.is_empty());
    assert!(
        python
            .iter()
            .all(|s| !s.contains("cpython/") && !s.contains("Python")),
        "{python:?}"
    );
    let report = cffi_codegen::import_report("<Python.h>", None, &dir(), &flags).unwrap();
    assert!(report.functions.iter().any(|f| f == "PyRun_SimpleString"));
}

/// In an import, only the types the preprocessed header declares exist: a constant built on
/// `ssize_t`, which this header never declares, is left out rather than evaluated (and then
/// rejected by the C compiler).
#[test]
fn an_import_knows_only_the_types_it_declares() {
    std::fs::write(
        dir().join("undeclared.h"),
        "#define WITHOUT_TYPE ((ssize_t)-1)\n#define WITH_TYPE ((size_type)-1)\ntypedef unsigned long size_type;\n#define PLAIN 5\nssize_t f(int);\n",
    )
    .unwrap();
    let report = cffi_codegen::import_report("undeclared.h", None, &dir(), &[]).unwrap();
    let names: Vec<&str> = report.constants.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"PLAIN"), "{names:?}");
    assert!(names.contains(&"WITH_TYPE"), "{names:?}");
    assert!(!names.contains(&"WITHOUT_TYPE"), "{names:?}");
    assert!(
        report.skipped.iter().any(|s| s.contains("WITHOUT_TYPE")),
        "{:?}",
        report.skipped
    );
    assert!(!report.functions.contains(&"f".to_string()));
}

/// What the front end does not model is left out with the reason, never bound as if it were
/// absent: a record with an `_Atomic` member (its layout is the C compiler's), a function
/// taking a vector by value, a type with an attribute that changes its passing, and what
/// uses it.
#[test]
fn unmodelled_declarations_are_left_out_with_the_reason() {
    let header = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/c/unmodelled.h");
    let mut text = std::fs::read_to_string(header).unwrap();
    // The declarations below go inside the header's include guard: before its last `#endif`.
    let guard_end = text.rfind("#endif").expect("an include guard");
    text.truncate(guard_end);
    text.push_str(
        "typedef union { int *i; long *l; } either __attribute__((transparent_union));\n\
         int take_either(either e);\n\
         struct holder { either e; int n; };\n\
         #endif\n",
    );
    std::fs::write(dir().join("unmodelled.h"), text).unwrap();
    let report = cffi_codegen::import_report("unmodelled.h", None, &dir(), &[]).unwrap();
    let left_out = |name: &str| report.skipped.iter().any(|s| s.contains(name));
    for name in [
        "counted",
        "vsum",
        "transparent_union",
        "take_either",
        "holder",
    ] {
        assert!(left_out(name), "{name} not listed: {:#?}", report.skipped);
    }
    for f in ["vsum", "take_either", "aint_make"] {
        assert!(!report.functions.contains(&f.to_string()), "{f} bound");
    }
    for f in ["vectors_fill", "vectors_n", "counted_y", "aint_get"] {
        assert!(report.functions.contains(&f.to_string()), "{f} not bound");
    }
}

/// An `allow` alternative that names only declarations the header has but cffi-rs cannot
/// bind is told why each is left out, not that it matches nothing (`<windows.h>`'s `WINAPI`
/// functions on 32-bit Windows).
#[test]
fn allow_naming_only_left_out_declarations_says_why() {
    std::fs::write(
        dir().join("leftover.h"),
        "int leftover(int x) __attribute__((ms_abi));\nint kept(int x);\n",
    )
    .unwrap();
    let out = cffi_codegen::cdef(
        format!(
            "#[cffi(abi, lib = \"c\", import = \"<leftover.h>\", cflags = \"-I{}\", allow = \"kept|leftover\")] pub unsafe mod m {{}}",
            dir().display()
        )
        .parse()
        .unwrap(),
    )
    .to_string();
    assert!(
        out.contains(
            "matches only what <leftover.h> declares but cannot be bound: `leftover`: `ms_abi`"
        ),
        "{out}"
    );
}
