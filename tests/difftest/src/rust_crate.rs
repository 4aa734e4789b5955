//! A crate of `cdef!` modules, built by cargo as a user builds one. An item cffi-rs refuses
//! is left out of its module, so the Rust naming it does not compile: each use is preceded
//! by a line `// use <mode> <item>`, the uses that fail are dropped and counted as refused,
//! and the crate is built again. Any other compile error is a disagreement.

use std::path::Path;
use std::process::{Command, Output};

/// The two modules a crate binds the same header as.
pub const MODES: [&str; 2] = ["abi", "api"];

/// A use of an item of one module: the mode and the item's name.
pub type Use = (&'static str, String);

/// Writes a crate named `name` in `dir` depending on the cffi-rs of `workspace` (its
/// `Cargo.lock` too, so that it builds offline), whose build script compiles API mode's C,
/// with `files` copied in beside its manifest.
pub fn write(dir: &Path, name: &str, workspace: &Path, files: &[&Path]) -> Result<(), String> {
    let e = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::create_dir_all(dir.join("src")).map_err(e)?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\ncffi-core = {{ path = {core:?} }}\n\n\
         [build-dependencies]\ncffi-build = {{ path = {build:?} }}\n\n[workspace]\n",
        core = workspace.join("cffi-core").display().to_string(),
        build = workspace.join("cffi-build").display().to_string(),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(e)?;
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(e)?;
    std::fs::write(
        dir.join("build.rs"),
        "fn main() { cffi_build::compile(); }\n",
    )
    .map_err(e)?;
    for file in files {
        let name = file.file_name().unwrap_or_default();
        std::fs::copy(file, dir.join(name)).map_err(e)?;
    }
    Ok(())
}

/// Builds the crate in `dir` with `main(dropped)` as its `main.rs`, dropping the uses that
/// do not compile until it does: the dropped uses, or why it does not build.
pub fn build(
    dir: &Path,
    target: &Path,
    main: impl Fn(&[Use]) -> String,
) -> Result<Vec<Use>, String> {
    let mut dropped: Vec<Use> = Vec::new();
    for _round in 0..4 {
        let text = main(&dropped);
        std::fs::write(dir.join("src/main.rs"), &text).map_err(|e| e.to_string())?;
        let out = Command::new(env!("CARGO"))
            .args(["build", "--offline", "--quiet", "--message-format=json"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS")
            .output()
            .map_err(|e| format!("cargo: {e}"))?;
        if out.status.success() {
            return Ok(dropped);
        }
        let errors = errors(&String::from_utf8_lossy(&out.stdout));
        if errors.is_empty() {
            return Err(format!(
                "the crate does not build:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        for (line, code, message) in errors {
            match (use_at(&text, line), code.as_str()) {
                (Some(u), "E0599" | "E0412" | "E0425" | "E0433" | "E0422") => {
                    if !dropped.contains(&u) {
                        dropped.push(u);
                    }
                }
                _ => {
                    return Err(format!(
                        "cffi-rs's bindings do not compile (line {line}, {code}): {message}"
                    ));
                }
            }
        }
    }
    Err("the crate still does not build after dropping the refused uses".into())
}

/// Runs the crate's binary `name`, built in `target`.
pub fn run(name: &str, dir: &Path, target: &Path) -> Result<Output, String> {
    let exe = target.join("debug").join(name);
    Command::new(&exe)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("{}: {e}", exe.display()))
}

/// The use a line of `main` belongs to: the last `// use <mode> <item>` before it.
fn use_at(main: &str, line: usize) -> Option<Use> {
    let marker = main
        .lines()
        .take(line)
        .filter_map(|l| l.trim().strip_prefix("// use "))
        .last()?;
    let (mode, item) = marker.split_once(' ')?;
    let mode = MODES.into_iter().find(|m| *m == mode)?;
    Some((mode, item.to_string()))
}

/// rustc's errors in `src/main.rs`: the line of each one's primary span, its code and
/// message.
fn errors(json: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for line in json.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let m = &v["message"];
        if v["reason"] != "compiler-message" || m["level"] != "error" {
            continue;
        }
        let code = m["code"]["code"].as_str().unwrap_or_default().to_string();
        let rendered = m["rendered"].as_str().unwrap_or_default().to_string();
        let primary = m["spans"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["is_primary"] == true && s["file_name"] == "src/main.rs");
        let line = primary.and_then(|s| s["line_start"].as_u64()).unwrap_or(0) as usize;
        out.push((line, code, rendered));
    }
    out
}
