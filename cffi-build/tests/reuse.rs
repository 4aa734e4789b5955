//! An import's expansion is given back when nothing it read changed, and made again when a
//! file of the header's include tree did; what cannot be reused (a parameter named as a
//! generated local, an expansion with errors) is never stored.

mod common;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::{cargo, text, tmp, write_crate};

/// The stored expansions of the crates the tests build (beside the macro library).
fn stored() -> Vec<(PathBuf, SystemTime)> {
    let dir = tmp().join("crates-target/debug/cffi-rs-expansions");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p: &PathBuf| p.extension().is_some_and(|e| e == "rs"));
    files
        .into_iter()
        .map(|p| {
            let time = std::fs::metadata(&p).unwrap().modified().unwrap();
            (p, time)
        })
        .collect()
}

/// The stored expansions whose text names `what`.
fn stored_naming(what: &str) -> Vec<(PathBuf, SystemTime)> {
    let mut found = stored();
    found.retain(|(p, _)| std::fs::read_to_string(p).unwrap().contains(what));
    found
}

fn check(dir: &Path) {
    let out = cargo(dir, &["check", "--message-format=short"], &[]);
    assert!(out.status.success(), "{}", text(&out));
}

const MAIN: &str = r#"cffi_core::cdef! {
    #[cffi(abi, lib = "m", import = "c/reuse_a.h")]
    pub unsafe mod a {}
}

// A parameter named as a wrapper's local: the expansion keeps its hygiene only when made.
cffi_core::cdef! {
    #[cffi(abi, lib = "m", import = "c/reuse_hostile.h")]
    pub unsafe mod hostile {}
}

fn main() {
    let _ = a::Lib::reuse_one;
    let _ = hostile::Lib::reuse_hostile;
    CALLS
}
"#;

#[test]
fn an_import_is_expanded_again_only_when_its_header_changed() {
    let main = |calls: &str| MAIN.replace("CALLS", calls);
    let dir = write_crate(
        "reuse_import",
        &[
            ("src/main.rs", &main("")),
            (
                "c/reuse_a.h",
                "#include \"reuse_b.h\"\nint reuse_one(int x);\n",
            ),
            ("c/reuse_b.h", "int reuse_two(int x);\n"),
            ("c/reuse_hostile.h", "int reuse_hostile(int __cffi_ret);\n"),
        ],
    );
    check(&dir);
    let first = stored_naming("reuse_one");
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(stored_naming("reuse_hostile").is_empty());

    // An edit elsewhere: the same expansion is read back, not written again.
    std::fs::write(dir.join("src/main.rs"), main("// an edit")).unwrap();
    check(&dir);
    assert_eq!(stored_naming("reuse_one"), first);

    // A file the header includes changed: expanded again, with the new function.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let b = "int reuse_two(int x);\nint reuse_three(int x);\n";
    std::fs::write(dir.join("c/reuse_b.h"), b).unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        main("let _ = a::Lib::reuse_three;"),
    )
    .unwrap();
    check(&dir);
    let again = stored_naming("reuse_three");
    assert_eq!(again.len(), 1);
    assert_ne!(again, first);
}

/// The build script's replay record of the crate `name` (one build script output directory).
fn replay_record(name: &str) -> (PathBuf, SystemTime) {
    let build = tmp().join("crates-target/debug/build");
    let prefix = format!("{}-", name.replace('-', "_"));
    let found = std::fs::read_dir(&build)
        .unwrap()
        .flatten()
        .map(|e| e.path().join("out/cffi-build-replay.txt"))
        .filter(|p| p.exists())
        .find(|p| {
            let dir = p.parent().unwrap().parent().unwrap();
            dir.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(&prefix)
        })
        .expect("no replay record");
    let time = std::fs::metadata(&found).unwrap().modified().unwrap();
    (found, time)
}

const API_MAIN: &str = r#"cffi_core::cdef! {
    #[cffi(api, import = "c/replay.h", source = "c/replay.c")]
    pub unsafe mod r {}
}

fn main() {
    let lib = r::Lib::load().unwrap();
    // SAFETY: functions of plain integers.
    println!("{}", unsafe { CALL });
}
"#;

#[test]
fn an_edit_that_leaves_the_modules_as_they_were_replays_the_build_script() {
    let main = |call: &str| API_MAIN.replace("CALL", call);
    let dir = write_crate(
        "replay_api",
        &[
            ("build.rs", common::BUILD_RS),
            ("src/main.rs", &main("lib.replay_one(1)")),
            ("c/replay.h", "int replay_one(int x);\n"),
            (
                "c/replay.c",
                "#include \"replay.h\"\nint replay_one(int x) { return x + 1; }\n",
            ),
        ],
    );
    let run = |dir: &Path| {
        let out = cargo(dir, &["run", "-q"], &[]);
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(run(&dir).trim(), "2");
    let first = replay_record("replay_api");

    // An edit outside the module: the build script gives its last directives again.
    std::fs::write(dir.join("src/main.rs"), main("lib.replay_one(1) + 0")).unwrap();
    assert_eq!(run(&dir).trim(), "2");
    assert_eq!(replay_record("replay_api"), first);

    // The header and the C changed: everything is worked out again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let h = "int replay_one(int x);\nint replay_two(int x);\n";
    let c = "#include \"replay.h\"\nint replay_one(int x) { return x + 1; }\n\
             int replay_two(int x) { return x + 2; }\n";
    std::fs::write(dir.join("c/replay.h"), h).unwrap();
    std::fs::write(dir.join("c/replay.c"), c).unwrap();
    std::fs::write(dir.join("src/main.rs"), main("lib.replay_two(1)")).unwrap();
    assert_eq!(run(&dir).trim(), "3");
    assert_ne!(replay_record("replay_api"), first);
}
