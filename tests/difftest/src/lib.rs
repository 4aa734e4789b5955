//! Differential testing of cffi-rs against gcc, on random declarations nobody chose: the
//! generator ([`decls`]), gcc's numbers ([`measure`]; clang's for macOS, [`measure_clang`])
//! and the comparison ([`compare`]).
//! `tests/layouts.rs` runs a small number of seeds in the test suite;
//! `cargo run --release -p cffi-difftest -- --seeds N` runs as many as asked.

pub mod c_side;
pub mod calls;
pub mod calls_c;
pub mod compare;
pub mod crate_calls;
pub mod crate_layouts;
pub mod decls;
pub mod measure;
pub mod measure_clang;
pub mod rng;
pub mod runtime_calls;
pub mod rust_crate;

use std::path::Path;

use compare::Report;
use measure::CTarget;

/// Generates `records` records from `seed`, measures them with each available target's gcc in
/// `dir`, and compares the front end (every target) and run-time mode (the host) with gcc.
pub fn layouts(
    seed: u64,
    records: usize,
    targets: &[CTarget],
    dir: &Path,
) -> Result<Report, String> {
    let mut report = Report::default();
    for t in targets {
        let dialect = decls::Dialect {
            int128: !t.triple.starts_with("i686"),
            float_n: true,
        };
        let d = decls::generate(seed, records, dialect);
        let gcc = measure::measure(&d, t, dir).map_err(|e| format!("seed {seed}: {e}"))?;
        report.add(compare::frontend(&d, &gcc, t.triple));
        if t.triple == CTarget::X86_64.triple
            && cfg!(all(target_arch = "x86_64", target_os = "linux"))
        {
            report.add(compare::runtime(&d, &gcc));
        }
    }
    for e in &mut report.disagreements {
        *e = format!("seed {seed}: {e}");
    }
    Ok(report)
}

/// The same for targets clang lays out but no machine here runs (`ClangTarget`): the
/// declarations of `seed` compiled by clang for each, its numbers read from the assembly.
pub fn clang_layouts(
    seed: u64,
    records: usize,
    targets: &[measure_clang::ClangTarget],
    dir: &Path,
) -> Result<Report, String> {
    let mut report = Report::default();
    for &t in targets {
        let dialect = decls::Dialect {
            int128: true,
            float_n: false,
        };
        let d = decls::generate(seed, records, dialect);
        let clang = measure_clang::measure(&d, t, dir).map_err(|e| format!("seed {seed}: {e}"))?;
        report.add(compare::frontend(&d, &clang, t.triple));
    }
    for e in &mut report.disagreements {
        *e = format!("seed {seed}: {e}");
    }
    Ok(report)
}

/// Generates `functions` functions from `seed`, builds them with gcc in `dir`, and compares
/// run-time mode and, when `workspace` is given (the cffi-rs checkout, with `target` the
/// target directory to build in), a crate binding them in ABI and API mode, with gcc's
/// driver.
pub fn calls(
    seed: u64,
    functions: usize,
    dir: &Path,
    crate_build: Option<(&Path, &Path)>,
) -> Result<Report, String> {
    let set = calls::generate(seed, functions);
    let built = c_side::build(&set, dir).map_err(|e| format!("seed {seed}: {e}"))?;
    let mut report = runtime_calls::compare(&set, &built);
    if let Some((workspace, target)) = crate_build {
        report.add(crate_calls::compare(&set, &built, workspace, target));
    }
    for e in &mut report.disagreements {
        *e = format!("seed {seed}: {e}");
    }
    Ok(report)
}

/// Generates `records` records from `seed`, measures them with the host's gcc, and compares
/// a crate importing them in ABI and API mode (built in `target` against the cffi-rs of
/// `workspace`) with gcc: `cdef!`'s Rust types must have gcc's sizes and alignments.
pub fn crate_layouts(
    seed: u64,
    records: usize,
    dir: &Path,
    workspace: &Path,
    target: &Path,
) -> Result<Report, String> {
    let dialect = decls::Dialect {
        int128: true,
        float_n: true,
    };
    let d = decls::generate(seed, records, dialect);
    let gcc =
        measure::measure(&d, &CTarget::X86_64, dir).map_err(|e| format!("seed {seed}: {e}"))?;
    let mut report = crate_layouts::compare(&d, &gcc, dir, workspace, target);
    for e in &mut report.disagreements {
        *e = format!("seed {seed}: {e}");
    }
    Ok(report)
}
