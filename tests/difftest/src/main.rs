//! Long runs of the differential tests.
//!
//! `cargo run --release -p cffi-difftest -- --seeds 2000 --records 50` generates 2000 texts
//! of 50 records each, measures them with gcc for x86-64, i686 and aarch64 (those whose
//! compilers are installed) and compares layouts.
//!
//! `cargo run --release -p cffi-difftest -- --calls --seeds 100 --functions 60 [--crate]`
//! generates 100 sets of 60 functions, builds each with gcc, and calls them in run-time mode
//! and, with `--crate`, in ABI and API mode from a crate built for each set.
//!
//! `cargo run --release -p cffi-difftest -- --crate --seeds 100 --records 40` imports each
//! text of records as a header in ABI and API mode in a crate, and compares the Rust types'
//! sizes and alignments with gcc's.
//!
//! Prints every disagreement with its seed, then the totals; exits 1 on any disagreement.

use std::path::{Path, PathBuf};

use cffi_difftest::compare::Report;
use cffi_difftest::measure::CTarget;
use cffi_difftest::measure_clang::ClangTarget;

struct Args {
    seeds: u64,
    first: u64,
    records: usize,
    functions: usize,
    calls: bool,
    with_crate: bool,
    apple: bool,
}

const USAGE: &str = "usage: cffi-difftest [--calls [--crate] [--functions N] | --apple] [--seeds N] [--first SEED] [--records N]

Random declarations compared with gcc: layouts for x86-64, i686, aarch64 and 64-bit Windows
and run-time mode (default), layouts for macOS on arm64 and x86-64 compared with clang
(--apple), the Rust types of cdef! imports in ABI and API mode (--crate), or calls in
run-time, ABI and API mode (--calls, with --crate for the last two).
  --seeds N       how many seeds to run (default 100)
  --first SEED    the first seed (default 0)
  --records N     records per seed, for layouts (default 50)
  --functions N   functions per seed, for calls (default 60)";

fn args() -> Args {
    let mut a = Args {
        seeds: 100,
        first: 0,
        records: 50,
        functions: 60,
        calls: false,
        with_crate: false,
        apple: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        match arg.as_str() {
            "--seeds" => a.seeds = value(),
            "--first" => a.first = value(),
            "--records" => a.records = value() as usize,
            "--functions" => a.functions = value() as usize,
            "--calls" => a.calls = true,
            "--crate" => a.with_crate = true,
            "--apple" => a.apple = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => {
                eprintln!("cffi-difftest: unknown argument `{other}`\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    a
}

fn main() {
    let a = args();
    let dir = std::env::temp_dir().join(format!("cffi-difftest-{}", std::process::id()));
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = workspace.join("target").join("difftest-crates");
    let targets: Vec<CTarget> = [
        CTarget::X86_64,
        CTarget::I686,
        CTarget::AARCH64,
        CTarget::WINDOWS,
    ]
    .into_iter()
    .filter(CTarget::available)
    .collect();
    let mut total = Report::default();
    let mut failures = 0usize;
    for seed in a.first..a.first + a.seeds {
        let result = if a.calls {
            let crate_build = a
                .with_crate
                .then_some((workspace.as_path(), target.as_path()));
            cffi_difftest::calls(seed, a.functions, &dir.join(seed.to_string()), crate_build)
        } else if a.apple {
            let apple = [ClangTarget::APPLE_ARM64, ClangTarget::APPLE_X86_64];
            cffi_difftest::clang_layouts(seed, a.records, &apple, &dir)
        } else {
            cffi_difftest::layouts(seed, a.records, &targets, &dir)
        };
        match result {
            Ok(r) => {
                for d in &r.disagreements {
                    println!("{d}");
                }
                total.add(r);
            }
            Err(e) => {
                failures += 1;
                println!("{e}");
            }
        }
    }
    if std::env::var_os("CFFI_DIFFTEST_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        println!("kept {}", dir.display());
    }
    summary(&total, &a, &targets, failures);
    if failures > 0 || !total.disagreements.is_empty() {
        std::process::exit(1);
    }
}

fn summary(total: &Report, a: &Args, targets: &[CTarget], failures: usize) {
    let mut reasons = std::collections::BTreeMap::<String, usize>::new();
    for why in &total.refused {
        // Without the mode and the function's or type's name.
        let key = why.splitn(3, ": ").last().unwrap_or(why);
        let key: String = key.chars().take(90).collect();
        *reasons.entry(key).or_default() += 1;
    }
    println!("refusals by reason:");
    for (why, n) in &reasons {
        println!("  {n:6}  {why}");
    }
    let what = if a.calls {
        format!("{} functions", a.functions)
    } else if a.with_crate {
        format!("{} records, in a crate for the host", a.records)
    } else if a.apple {
        format!("{} records, for the Apple targets (clang)", a.records)
    } else {
        let names: Vec<&str> = targets.iter().map(|t| t.triple).collect();
        format!("{} records, for {}", a.records, names.join(", "))
    };
    println!(
        "{} seeds x {what}: {} agree, {} refused, {} disagree, {failures} seeds failed",
        a.seeds,
        total.agreed,
        total.refused.len(),
        total.disagreements.len()
    );
    if a.calls {
        // Each function is called once per mode: what is neither refused nor wrong agreed.
        let calls = (a.seeds as usize - failures) * a.functions;
        let modes: &[&str] = if a.with_crate {
            &["run-time", "abi", "api"]
        } else {
            &["run-time"]
        };
        for mode in modes {
            let prefix = format!("{mode}: ");
            let refused = total
                .refused
                .iter()
                .filter(|r| r.starts_with(&prefix))
                .count();
            let wrong = total
                .disagreements
                .iter()
                .filter(|d| d.contains(&format!(": {mode}: ")))
                .count();
            println!(
                "  {mode}: {} calls agree, {refused} refused, {wrong} disagree",
                calls - refused - wrong
            );
        }
    }
    let _ = Path::new("");
}
