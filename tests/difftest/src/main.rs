//! Long runs of the layout differential test: `cargo run --release -p cffi-difftest --
//! --seeds 2000 --records 50` generates 2000 texts of 50 records each, measures them with
//! gcc for x86-64, i686 and aarch64 (those whose compilers are installed) and compares.
//! Prints every disagreement with its seed, and the totals; exits 1 on any disagreement.

use cffi_difftest::measure::CTarget;

fn main() {
    let mut seeds = 100u64;
    let mut first = 0u64;
    let mut records = 50usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        match a.as_str() {
            "--seeds" => seeds = value(),
            "--first" => first = value(),
            "--records" => records = value() as usize,
            _ => {
                eprintln!("usage: cffi-difftest [--seeds N] [--first SEED] [--records N]");
                std::process::exit(2);
            }
        }
    }
    let targets: Vec<CTarget> = [CTarget::X86_64, CTarget::I686, CTarget::AARCH64]
        .into_iter()
        .filter(CTarget::available)
        .collect();
    let dir = std::env::temp_dir().join(format!("cffi-difftest-{}", std::process::id()));
    let (mut agreed, mut refused, mut wrong) = (0usize, 0usize, 0usize);
    let mut reasons = std::collections::BTreeMap::<String, usize>::new();
    for seed in first..first + seeds {
        match cffi_difftest::layouts(seed, records, &targets, &dir) {
            Ok(r) => {
                agreed += r.agreed;
                refused += r.refused.len();
                for why in &r.refused {
                    let key = why.split_once(": ").map_or(why.as_str(), |(_, w)| w);
                    let key: String = key.chars().take(70).collect();
                    *reasons.entry(key).or_default() += 1;
                }
                wrong += r.disagreements.len();
                for d in &r.disagreements {
                    println!("{d}");
                }
            }
            Err(e) => {
                wrong += 1;
                println!("{e}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let names: Vec<&str> = targets.iter().map(|t| t.triple).collect();
    println!("targets: {}", names.join(", "));
    println!("refusals by reason:");
    for (why, n) in &reasons {
        println!("  {n:6}  {why}");
    }
    println!(
        "{} seeds x {records} records: {agreed} types agree, {refused} refused, {wrong} disagree",
        seeds
    );
    if wrong > 0 {
        std::process::exit(1);
    }
}
