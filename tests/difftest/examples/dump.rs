//! Prints the declarations a seed generates: `cargo run -p cffi-difftest --example dump -- SEED [RECORDS] [--program]`: the
//! declarations, or the C program that measures them.
fn main() {
    let mut args = std::env::args().skip(1);
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let records = args.next().and_then(|s| s.parse().ok()).unwrap_or(50);
    let d = cffi_difftest::decls::generate(
        seed,
        records,
        cffi_difftest::decls::Dialect {
            int128: true,
            float_n: true,
        },
    );
    if args.next().as_deref() == Some("--program") {
        print!("{}", cffi_difftest::measure::program(&d));
    } else {
        print!("{}", d.text);
    }
}
