//! What the crate tests share: crates written under the target directory and built by cargo
//! in one target directory, and rustc's errors read from its JSON messages.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn tmp() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// A crate named `name` with `files` (path, text), depending on cffi-core and cffi-build.
pub fn write_crate(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = tmp().join("crates").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let ws = workspace();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\ncffi-core = {{ path = {core:?} }}\n\n\
         [build-dependencies]\ncffi-build = {{ path = {build:?} }}\n\n[workspace]\n",
        core = ws.join("cffi-core").display().to_string(),
        build = ws.join("cffi-build").display().to_string(),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(ws.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// `cargo <args>` in the crate, with the shared target directory and `env` set.
pub fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", tmp().join("crates-target"))
        .env_remove("CFLAGS")
        .env_remove("CC")
        .env_remove("RUSTFLAGS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub const BUILD_RS: &str = "fn main() { cffi_build::compile(); }\n";

/// The first error rustc reports for the crate with a span, as (file, line, column,
/// message).
pub fn first_error(out: &Output) -> (String, u64, u64, String) {
    all_errors(out)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no error with a span:\n{}", text(out)))
}

/// `cargo check --message-format=json` of a crate of `lib` and one C file (path and text),
/// which must fail.
pub fn failed_check(name: &str, lib: &str, c_file: (&str, &str)) -> Output {
    let dir = write_crate(name, &[("build.rs", BUILD_RS), ("src/lib.rs", lib), c_file]);
    let out = cargo(&dir, &["check", "--message-format=json"], &[]);
    assert!(!out.status.success(), "{}", text(&out));
    out
}

/// Every error rustc reports for the crate with a span, as (file, line, column, message).
pub fn all_errors(out: &Output) -> Vec<(String, u64, u64, String)> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut errors = Vec::new();
    for line in stdout.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let m = &v["message"];
        if v["reason"] != "compiler-message" || m["level"] != "error" {
            continue;
        }
        if let Some(span) = m["spans"].get(0) {
            errors.push((
                span["file_name"].as_str().unwrap_or("").to_string(),
                span["line_start"].as_u64().unwrap_or(0),
                span["column_start"].as_u64().unwrap_or(0),
                m["message"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    errors
}
