//! gcc's side of the call test: the shared library cffi-rs calls, and the driver's results.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::calls::CallSet;

/// The library built from a call set, and what the driver printed for each function.
#[derive(Debug)]
pub struct Built {
    pub dir: PathBuf,
    pub library: PathBuf,
    pub expected: BTreeMap<String, u64>,
}

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Writes `calls.h`, `calls.c` and `driver.c` in `dir`, builds `libcalls.so` and the driver
/// with gcc, and runs the driver.
pub fn build(set: &CallSet, dir: &Path) -> Result<Built, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let write = |name: &str, text: String| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))
    };
    write("calls.h", set.header())?;
    write("calls.c", set.source())?;
    write("driver.c", set.driver())?;
    let library = dir.join("libcalls.so");
    run(Command::new("gcc")
        .args(["-w", "-O1", "-shared", "-fPIC", "-o"])
        .arg(&library)
        .arg(dir.join("calls.c")))?;
    let driver = dir.join("driver");
    run(Command::new("gcc")
        .args(["-w", "-O1", "-o"])
        .arg(&driver)
        .arg(dir.join("driver.c"))
        .arg(dir.join("calls.c")))?;
    let printed = run(&mut Command::new(&driver))?;
    Ok(Built {
        dir: dir.to_path_buf(),
        library,
        expected: results(&printed),
    })
}

/// `name value` lines.
pub fn results(text: &str) -> BTreeMap<String, u64> {
    text.lines()
        .filter_map(|l| {
            let (name, value) = l.trim().split_once(' ')?;
            Some((name.to_string(), value.trim().parse().ok()?))
        })
        .collect()
}
