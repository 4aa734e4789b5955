//! Calls the functions of one call seed in run-time mode against a library built before
//! (for debugging a disagreement with a changed `calls.c`): `cargo run -p cffi-difftest
//! --example replay -- SEED FUNCTIONS DIR`, where DIR holds `libcalls.so` and the driver's
//! output in `expected.txt`.
use cffi_difftest::{c_side, calls, runtime_calls};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seed = args[0].parse().expect("a seed");
    let functions = args[1].parse().expect("a number of functions");
    let dir = std::path::PathBuf::from(&args[2]);
    let set = calls::generate(seed, functions);
    let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
    let built = c_side::Built {
        library: dir.join("libcalls.so"),
        dir,
        expected: c_side::results(&expected),
    };
    let report = runtime_calls::compare(&set, &built);
    for d in &report.disagreements {
        println!("{d}");
    }
    println!("{} agree, {} refused", report.agreed, report.refused.len());
}
