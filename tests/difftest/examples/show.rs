//! Prints the front end's layout of one record of a C file, for a target:
//! `cargo run -p cffi-difftest --example show -- FILE TAG [TRIPLE]`.
use cffi_frontend::layout::{flat_fields, record_layout};
use cffi_frontend::{Options, Target, parse};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&args[0]).expect("a readable file");
    let triple = args
        .get(2)
        .map_or("x86_64-unknown-linux-gnu", String::as_str);
    let opts = Options {
        target: Target::from_triple(triple).expect("a known target"),
        lenient: true,
        ..Options::default()
    };
    let parsed = parse(&text, &opts);
    for e in &parsed.errors {
        println!("error: {e}");
    }
    let m = &parsed.module;
    let id = m.record_tagged(&args[1]).expect("the tag is declared");
    println!("{:?}", record_layout(m, id));
    println!("{:?}", flat_fields(m, id));
}
