//! The layout differential test at CI scale: random declarations from fixed seeds, measured
//! by gcc for x86-64 and, with Debian's cross compilers, i686 and aarch64 (CI installs them
//! and sets `CFFI_REQUIRE_CROSS=1`, so there a missing one fails). Every size, alignment and
//! member offset must equal gcc's, or the type be refused. Long runs:
//! `cargo run --release -p cffi-difftest -- --seeds 10000`.

use cffi_difftest::compare::Report;
use cffi_difftest::measure::CTarget;

#[test]
fn random_layouts_agree_with_gcc_or_are_refused() {
    let required = std::env::var_os("CFFI_REQUIRE_CROSS").is_some();
    let mut targets = vec![CTarget::X86_64];
    for t in [CTarget::I686, CTarget::AARCH64] {
        if t.available() {
            targets.push(t);
        } else {
            assert!(!required, "{} (or its runner) is missing", t.cc);
            eprintln!("skipped {}: install {} to check it", t.triple, t.cc);
        }
    }
    let dir = tmp("difftest-layouts");
    let (agreed, refused) = agree_or_refuse(0..100, |seed| {
        cffi_difftest::layouts(seed, 40, &targets, &dir)
    });
    eprintln!("{agreed} types agree with gcc, {refused} refused");
    // The generator reaches what the front end lays out, not only what it refuses.
    assert!(agreed > 10 * refused, "{agreed} agreed, {refused} refused");
}

/// The tests' directory `name`.
fn tmp(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// Runs one comparison per seed of `seeds`; fails on any disagreement, else gives how many
/// types agreed and how many were refused.
fn agree_or_refuse(
    seeds: std::ops::Range<u64>,
    run: impl Fn(u64) -> Result<Report, String>,
) -> (usize, usize) {
    let (mut agreed, mut refused, mut wrong) = (0, 0, Vec::new());
    for seed in seeds {
        let r = run(seed).unwrap_or_else(|e| panic!("{e}"));
        agreed += r.agreed;
        refused += r.refused.len();
        wrong.extend(r.disagreements);
    }
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    (agreed, refused)
}

/// The same for 64-bit Windows, measured by MinGW's gcc and run under wine, on fewer seeds
/// (each program starts wine): bit-fields by Microsoft's rules.
#[test]
fn random_layouts_agree_with_mingw_gcc_on_windows_or_are_refused() {
    if !CTarget::WINDOWS.available() {
        assert!(
            std::env::var_os("CFFI_REQUIRE_CROSS").is_none(),
            "MinGW's gcc or wine is missing"
        );
        eprintln!("skipped: install gcc-mingw-w64-x86-64 and wine to check Windows");
        return;
    }
    let dir = tmp("difftest-windows");
    let (agreed, refused) = agree_or_refuse(0..20, |seed| {
        cffi_difftest::layouts(seed, 40, &[CTarget::WINDOWS], &dir)
    });
    eprintln!("x86_64-pc-windows-gnu: {agreed} types agree with MinGW's gcc, {refused} refused");
    assert!(agreed > 10 * refused, "{agreed} agreed, {refused} refused");
}

/// The same for macOS on arm64 and x86-64, laid out by clang (no machine here runs macOS:
/// clang compiles the numbers into constants, read back from its assembly).
#[test]
fn random_layouts_agree_with_clang_on_apple_targets_or_are_refused() {
    use cffi_difftest::measure_clang::ClangTarget;
    if !ClangTarget::available() {
        assert!(
            std::env::var_os("CFFI_REQUIRE_CROSS").is_none(),
            "clang is missing"
        );
        eprintln!("skipped: install clang to check the Apple targets");
        return;
    }
    let dir = tmp("difftest-apple");
    let targets = [ClangTarget::APPLE_ARM64, ClangTarget::APPLE_X86_64];
    let (agreed, refused) = agree_or_refuse(0..40, |seed| {
        cffi_difftest::clang_layouts(seed, 40, &targets, &dir)
    });
    eprintln!("Apple targets: {agreed} types agree with clang, {refused} refused");
    assert!(agreed > 10 * refused, "{agreed} agreed, {refused} refused");
}

/// The same declarations imported as a header by `cdef!` in ABI and API mode: every Rust type
/// has gcc's size and alignment (and the crate builds, so the generated layout assertions and
/// API mode's C checks hold). One crate per seed, in the target directory the build-script
/// tests share.
#[test]
fn cdef_types_have_gcc_s_layouts_or_are_refused() {
    let dir = tmp("difftest-crate-layouts");
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = tmp("crates-target");
    let (agreed, refused) = agree_or_refuse(0..8, |seed| {
        let here = dir.join(seed.to_string());
        cffi_difftest::crate_layouts(seed, 40, &here, &workspace, &target)
    });
    eprintln!("{agreed} Rust types agree with gcc, {refused} refused");
    // Refused: what holds an `_Atomic` member in ABI mode, typedefs aligned otherwise than
    // their type, vectors wider than 16 bytes.
    assert!(agreed > 5 * refused, "{agreed} agreed, {refused} refused");
}
