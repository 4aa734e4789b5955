//! Expands `cdef!` over N bytes of generated struct declarations and prints the time and the
//! size of the expansion, to show that expansion stays linear in its input:
//! `cargo run --release -p cffi-codegen --example expand_scale -- 1000000`. Peak memory is
//! what `/usr/bin/time -v` says of the process (`scripts/expansion_scale.sh` runs both).

use std::time::Instant;

/// Declarations of the kinds headers are made of: structs of scalars, pointers, arrays and
/// nested records, typedefs, enums and functions, until `bytes` long.
fn declarations(bytes: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&format!(
            "struct s{i} {{ int a; double b; char name[16]; struct s{i} *next; unsigned flags; long long stamp; }};\n\
             typedef struct s{i} s{i}_t;\n\
             enum e{i} {{ E{i}_A, E{i}_B = 4, E{i}_C }};\n\
             int f{i}(s{i}_t *p, int n, double x);\n"
        ));
        i += 1;
    }
    out
}

fn main() {
    let bytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let decls = declarations(bytes);
    let input = format!("#[cffi(abi, lib = \"m\")] pub unsafe mod big {{ {decls} }}");
    let tokens: proc_macro2::TokenStream = input.parse().expect("declarations are tokens");
    let start = Instant::now();
    let out = cffi_codegen::cdef(tokens);
    let expanded = start.elapsed();
    let text = out.to_string();
    println!(
        "input {} bytes: expanded in {:.3} s to {} bytes of tokens",
        decls.len(),
        expanded.as_secs_f64(),
        text.len()
    );
}
