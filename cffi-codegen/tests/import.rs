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

/// The functions gcc says `header`'s own files declare (`-aux-info`).
fn gcc_functions(header: &str, own: &[&str]) -> BTreeSet<String> {
    let stem = header.replace('.', "_");
    let src = dir().join(format!("{stem}.c"));
    let aux = dir().join(format!("{stem}.aux"));
    std::fs::write(&src, format!("#include <{header}>\n")).unwrap();
    let out = Command::new("cc")
        .arg("-fsyntax-only")
        .arg("-aux-info")
        .arg(&aux)
        .arg(&src)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut names = BTreeSet::new();
    for line in std::fs::read_to_string(&aux).unwrap().lines() {
        let Some((loc, decl)) = line.strip_prefix("/* ").and_then(|r| r.split_once(" */ ")) else {
            continue;
        };
        let file = loc.split(':').next().unwrap_or("");
        if !own.iter().any(|o| file.ends_with(&format!("/{o}"))) {
            continue;
        }
        let before = decl.split(" (").next().unwrap_or("");
        names.insert(
            before
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")
                .to_string(),
        );
    }
    names
}

#[test]
fn every_function_is_bound_or_listed_as_left_out() {
    for (header, own) in [
        ("zlib.h", &["zlib.h", "zconf.h"][..]),
        ("sqlite3.h", &["sqlite3.h"][..]),
        ("bzlib.h", &["bzlib.h"][..]),
    ] {
        let (bound, _, skipped) =
            cffi_codegen::import_report(&format!("<{header}>"), None, &dir()).unwrap();
        let gcc = gcc_functions(header, own);
        assert!(gcc.len() > 20, "{header}");
        let mut unaccounted = Vec::new();
        for f in &gcc {
            let listed = skipped.iter().any(|s| s.contains(&format!("`{f}`")));
            if !bound.contains(f) && !listed {
                unaccounted.push(f.clone());
            }
        }
        assert!(
            unaccounted.is_empty(),
            "{header}: neither bound nor listed: {unaccounted:?}"
        );
        eprintln!(
            "{header}: {} functions, {} bound, {} left out with a reason",
            gcc.len(),
            bound.len(),
            gcc.len() - bound.len()
        );
    }
}

#[test]
fn imported_constants_have_gcc_values() {
    for header in ["zlib.h", "sqlite3.h", "bzlib.h"] {
        let (_, consts, _) =
            cffi_codegen::import_report(&format!("<{header}>"), None, &dir()).unwrap();
        assert!(consts.len() > 10, "{header}");
        let mut c = format!("#include <stdio.h>\n#include <{header}>\nint main(void) {{\n");
        for (name, _) in &consts {
            c.push_str(&format!(
                "  if (({name}) < 0) printf(\"{name} %lld\\n\", (long long)({name})); else printf(\"{name} %llu\\n\", (unsigned long long)({name}));\n"
            ));
        }
        c.push_str("  return 0;\n}\n");
        let stem = header.replace('.', "_");
        let src = dir().join(format!("consts_{stem}.c"));
        let exe = dir().join(format!("consts_{stem}"));
        std::fs::write(&src, c).unwrap();
        let out = Command::new("cc")
            .arg(&src)
            .arg("-o")
            .arg(&exe)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let printed = String::from_utf8(Command::new(&exe).output().unwrap().stdout).unwrap();
        let expected: String = consts.iter().map(|(n, v)| format!("{n} {v}\n")).collect();
        assert_eq!(printed, expected, "{header}");
        eprintln!("{header}: {} constants equal gcc's", consts.len());
    }
}

#[test]
fn allow_narrows_and_keeps_what_is_needed() {
    let (bound, consts, _) =
        cffi_codegen::import_report("<zlib.h>", Some("compress.*|Z_OK"), &dir()).unwrap();
    assert_eq!(bound, ["compress", "compress2", "compressBound"]);
    assert_eq!(consts, [("Z_OK".to_string(), 0)]);
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
