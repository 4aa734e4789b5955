//! Parses a C file (for instance the output of `gcc -E`) and prints what was found.
//!
//! `cargo run -p cffi-frontend --example parse_file -- file.i [--lenient]`

use cffi_frontend::{Options, parse};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: parse_file FILE [--lenient]");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let opts = Options {
        lenient: args.any(|a| a == "--lenient"),
        ..Options::default()
    };
    let parsed = parse(&src, &opts);
    for e in &parsed.errors {
        let loc = parsed.source_map.loc(&src, e.span.start);
        eprintln!(
            "{}:{}:{}: error: {e}",
            loc.file.unwrap_or(&path),
            loc.line,
            loc.column
        );
    }
    let m = &parsed.module;
    println!(
        "{} functions, {} globals, {} records, {} enums, {} typedefs, {} constants, {} skipped, {} errors",
        m.functions.len(),
        m.vars.len(),
        m.records.len(),
        m.enums.len(),
        m.typedefs.len(),
        m.consts.len(),
        m.skipped.len(),
        parsed.errors.len()
    );
}
