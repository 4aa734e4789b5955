//! The call differential test at CI scale: random functions from fixed seeds, built by gcc,
//! called by gcc's driver and by cffi-rs in run-time mode and, from a crate built for each
//! seed, in ABI and API mode. Every result must equal the driver's, or the function be
//! refused. Long runs: `cargo run --release -p cffi-difftest -- --calls --crate --seeds 1000`.

use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn check(reports: impl Iterator<Item = Result<cffi_difftest::compare::Report, String>>) {
    let (mut agreed, mut refused, mut wrong) = (0, 0, Vec::new());
    for r in reports {
        let r = r.unwrap_or_else(|e| panic!("{e}"));
        agreed += r.agreed;
        refused += r.refused.len();
        wrong.extend(r.disagreements);
    }
    eprintln!("{agreed} calls agree with gcc's, {refused} refused");
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(agreed > refused, "{agreed} agreed, {refused} refused");
}

#[test]
fn run_time_calls_agree_with_gcc_or_are_refused() {
    let dir = scratch("difftest-runtime-calls");
    check((0..40).map(|seed| cffi_difftest::calls(seed, 40, &dir.join(seed.to_string()), None)));
}

/// One crate per seed, built in the target directory the build-script tests share.
#[test]
fn abi_and_api_mode_calls_agree_with_gcc_or_are_refused() {
    let dir = scratch("difftest-crate-calls");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = scratch("crates-target");
    check((0..10).map(|seed| {
        cffi_difftest::calls(
            seed,
            60,
            &dir.join(seed.to_string()),
            Some((&workspace, &target)),
        )
    }));
}
