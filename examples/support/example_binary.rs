//! For the examples' tests: an example's binary, run as a process.

use std::path::PathBuf;
use std::process::Command;

/// Example `name` of `package`, which `cargo test` builds beside the tests (or builds now,
/// when only this test was asked for).
pub fn example(package: &str, name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let path = profile_dir.join("examples").join(name);
    if !path.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "-p", package, "--example", name])
            .status()
            .unwrap();
        assert!(status.success(), "building example {name}");
    }
    path
}
