//! The expansion of `cdef!` never panics: whatever the tokens, it returns tokens (bindings,
//! `compile_error!`s, or both).

use proc_macro2::TokenStream;
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "int",
    "char",
    "unsigned",
    "long",
    "double",
    "void",
    "struct",
    "union",
    "enum",
    "typedef",
    "const",
    "*",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ";",
    ",",
    ":",
    "...",
    "=",
    "x",
    "n",
    "p",
    "s",
    "0",
    "1",
    "3",
    "0x10",
    "'a'",
    "\"s\"",
    "#",
    "define",
    "pragma",
    "pack",
    "sizeof",
    "<<",
    "-",
    "?",
    "__attribute__((packed))",
    "#[cffi(slice(p, n))]",
    "#[cffi(out(x))]",
    "#[cffi(optional)]",
    "#[cffi(one(s))]",
    "#[cffi(nullable(p))]",
    "#[cffi(bogus)]",
    "/// doc\n",
    "static",
    "inline",
    "_Bool",
    "__asm__(\"y\")",
    "load",
    "type",
    "self",
    "...",
    "long double",
    "__int128",
    "va_list",
    "FILE",
    "size_t",
    ":: x",
    "& r",
    "class",
    "1ULL << 61",
    "0xFFFFFFFFFFFFFFFF",
    "(1ULL << 62)",
    "-9223372036854775807LL - 1",
    "/ -1",
    "% -1",
    "__attribute__((aligned(8)))",
    "__attribute__((aligned(1 << 28)))",
    "#[cffi(slice(p, n * x))]",
    "#[cffi(slice(p, (n + 1) / 0))]",
    "extern \"Python\"",
    "extern \"Python+C\"",
    "extern \"C\"",
    "__stdcall",
    "WINAPI",
    "static const int K = 5;",
    "static const unsigned __int128 W = 1;",
    "static const __int128 N;",
    "static const double D;",
    "static const int U;",
    "struct { int a; union { char b; _Bool c; }; };",
    "typedef ... *tok_p;",
    "= ...",
];

/// Drops closing delimiters that close nothing and closes what is left open, so that the
/// fragments lex as Rust tokens and reach the C front end.
fn balance(fragments: &[&str]) -> String {
    let mut out = String::new();
    let mut open = Vec::new();
    for f in fragments {
        match *f {
            "(" | "[" | "{" => open.push(match *f {
                "(" => ")",
                "[" => "]",
                _ => "}",
            }),
            ")" | "]" | "}" => {
                if open.last() != Some(f) {
                    continue;
                }
                open.pop();
            }
            _ => {}
        }
        out.push_str(f);
    }
    while let Some(close) = open.pop() {
        out.push_str(close);
    }
    out
}

fn module(body: &str) -> String {
    format!("#[cffi(abi, lib = \"m\")] pub unsafe mod m {{ {body} }}")
}

/// API mode, without the build script's numbers: what only it can give is an error, and the
/// rest (`extern "Python"` functions, accessors) is still generated.
fn api_module(body: &str) -> String {
    format!("#[cffi(api, source = \"x.c\", packed)] pub unsafe mod m {{ {body} }}")
}

fn expand(src: &str) {
    if let Ok(tokens) = src.parse::<TokenStream>() {
        let _ = cffi_codegen::cdef(tokens);
    }
}

/// Cases: 500, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn arbitrary_input(s in "\\PC{0,120}") {
        expand(&s);
        expand(&module(&s));
    }

    #[test]
    fn declaration_soup(picks in prop::collection::vec(0usize..1000, 0..60), newlines in prop::collection::vec(any::<bool>(), 60)) {
        let mut parts = Vec::new();
        for (&i, &nl) in picks.iter().zip(&newlines) {
            parts.push(FRAGMENTS[i % FRAGMENTS.len()]);
            parts.push(if nl { "\n" } else { " " });
        }
        let body = balance(&parts);
        prop_assert!(body.parse::<TokenStream>().is_ok() || body.contains('\''), "{body}");
        expand(&module(&body));
        expand(&api_module(&body));
    }

    /// Arrays, bit-fields and alignments of any size, in structs nested and packed: the
    /// layout arithmetic never overflows, whatever the numbers.
    #[test]
    fn huge_sizes(sizes in prop::collection::vec(any::<u64>(), 1..6), shift in 0u32..64, packed in any::<bool>()) {
        let fields: Vec<String> = sizes.iter().enumerate().map(|(i, n)| match i % 3 {
            0 => format!("char a{i}[{n}ULL];"),
            1 => format!("double d{i}[{}ULL];", n >> shift),
            _ => format!("struct inner i{i}[{}ULL];", n % 1_000_000),
        }).collect();
        let attr = if packed { "__attribute__((packed))" } else { "" };
        let body = format!(
            "struct inner {{ long x; char c; }}; struct {attr} big {{ {} }}; extern struct big g; struct big f(struct big b);",
            fields.join(" ")
        );
        expand(&module(&body));
    }

    #[test]
    fn attribute_soup(picks in prop::collection::vec(0usize..1000, 0..12)) {
        let args: Vec<&str> = picks.iter().map(|&i| ["abi", "api", "lib = \"m\"", "lib = 3", "lib", "x = y", "abi(1)", "", "packed", "pack = 2", "pack = 3", "pack = \"8\""][i % 12]).collect();
        expand(&format!("#[cffi({})] pub unsafe mod m {{ int f(int x); }}", args.join(", ")));
    }
}

#[test]
fn valid_input_expands_to_a_module() {
    let out = cffi_codegen::cdef(module("float sqrtf(float x);").parse().unwrap()).to_string();
    assert!(out.contains("pub mod m"), "{out}");
    assert!(out.contains("fn sqrtf"), "{out}");
    assert!(!out.contains("compile_error"), "{out}");
}

#[test]
fn errors_come_with_what_did_parse() {
    let out = cffi_codegen::cdef(
        module("uint23_t bad(void);\nfloat sqrtf(float x);")
            .parse()
            .unwrap(),
    )
    .to_string();
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("fn sqrtf"), "{out}");
}
