//! Arbitrary and mutated input never panics or hangs the front end.

use cffi_frontend::{Options, parse};
use proptest::prelude::*;

const SEED: &str = r#"
#define N (4 * sizeof(int))
typedef struct s { int a : 3; unsigned b; union { char c[N]; double d; }; struct s *next; } s_t;
enum e { A = 1 << 2, B, C = 'x' };
extern int (*handlers[3])(const char *fmt, ...) __attribute__((deprecated));
static inline int f(int x) { return x + 1; }
typedef int... off_t; struct tm { int tm_sec; ...; };
enum ee { EE1, EE2 = ..., EE3 }; typedef ... *tok_p; typedef void void_t; int nothing(void_t);
struct fwd { int a[]; struct later l; ...; }; struct later { int x; };
int __stdcall cc(int (WINAPI *cb)(int)); // a spliced \
comment
extern "Python" { int py1(int); } extern "Python+C" void py2(void);
#pragma pack(push, 1)
struct packed { char a; long b; } __attribute__((aligned(8)));
#pragma pack(pop)
# 12 "file.h" 1 3
void g(void (*cb)(void *), void *ud) __asm__("g2");
"#;

const FRAGMENTS: &[&str] = &[
    "int",
    "char",
    "unsigned",
    "long",
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
    "y",
    "s_t",
    "0",
    "1",
    "0x10",
    "'a'",
    "\"s\"",
    "#define",
    "\n",
    "#pragma pack(1)",
    "__attribute__((packed))",
    "sizeof",
    "<<",
    "-",
    "?",
    "/*",
    "*/",
    "//",
    "\\",
    "__asm__",
    "__stdcall",
    "extern \"Python\"",
    "static const unsigned __int128 W = 1;",
    "WINAPI",
    "\\ \n",
    "static",
    "inline",
    "_Bool",
    "double",
    "void",
    "é",
    "#",
    "# 1 \"f\"",
    "L'x'",
    "1.5e",
    "0b",
    "~",
    "!",
    "&&",
    "%",
    "/",
];

fn from_fragments(picks: Vec<usize>) -> String {
    picks
        .into_iter()
        .map(|i| FRAGMENTS[i % FRAGMENTS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn mutate(ops: Vec<(usize, usize, u8)>) -> String {
    let mut bytes: Vec<u8> = SEED.bytes().collect();
    for (at, len, op) in ops {
        if bytes.is_empty() {
            break;
        }
        let at = at % bytes.len();
        let end = (at + len % 16).min(bytes.len());
        match op % 3 {
            0 => {
                bytes.drain(at..end);
            }
            1 => {
                let copy: Vec<u8> = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => bytes.truncate(end),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn check(src: &str) {
    for lenient in [false, true] {
        let parsed = parse(
            src,
            &Options {
                lenient,
                ..Options::default()
            },
        );
        for e in &parsed.errors {
            assert!(
                e.span.start <= e.span.end && e.span.end <= src.len(),
                "{e:?}"
            );
            assert!(
                src.get(e.span.clone()).is_some(),
                "span not on char boundaries: {e:?}"
            );
            let _ = parsed.source_map.loc(src, e.span.start);
        }
        let m = &parsed.module;
        for id in 0..m.records.len() as u32 {
            let _ = cffi_frontend::layout::record_layout(m, cffi_frontend::RecordId(id));
        }
        for f in &m.functions {
            let _ = cffi_frontend::render::c_decl(
                m,
                &cffi_frontend::Type::new(cffi_frontend::TypeKind::Function(Box::new(
                    f.ty.clone(),
                ))),
                &f.name,
            );
        }
    }
}

/// `spelling` read as a type name after the seed's declarations: an error with a span inside
/// the spelling, or a type that lays out and renders.
fn check_type_name(spelling: &str) {
    match cffi_frontend::parse_type_name(SEED, &Options::default(), spelling) {
        Ok((m, ty)) => {
            let _ = cffi_frontend::layout::layout_of(&m, &ty);
            let _ = cffi_frontend::render::c_type(&m, &ty);
        }
        Err(e) => assert!(
            e.span.start <= e.span.end && e.span.end <= spelling.len(),
            "{e:?} for {spelling:?}"
        ),
    }
}

/// 2000 cases, or `PROPTEST_CASES` (fewer under valgrind).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn arbitrary_text(s in "\\PC{0,200}") {
        check(&s);
    }

    #[test]
    fn token_soup(picks in prop::collection::vec(0usize..1000, 0..80)) {
        check(&from_fragments(picks));
    }

    #[test]
    fn arbitrary_type_names(picks in prop::collection::vec(0usize..1000, 0..12), s in "\\PC{0,40}") {
        check_type_name(&from_fragments(picks));
        check_type_name(&s);
    }

    #[test]
    fn mutated_declarations(ops in prop::collection::vec((0usize..10_000, 0usize..64, 0u8..3), 1..8)) {
        check(&mutate(ops));
    }
}

#[test]
fn type_names_in_the_seed_s_scope() {
    let size = |t: &str| {
        let (m, ty) = cffi_frontend::parse_type_name(SEED, &Options::default(), t).unwrap();
        cffi_frontend::layout::layout_of(&m, &ty).unwrap().size
    };
    assert_eq!(size("s_t *[4]"), 32);
    assert_eq!(size("struct packed"), 16);
    assert_eq!(size("int (*)(const char *, ...)"), 8);
    for bad in ["s_t x", "int;", "struct s {", "", "int int"] {
        assert!(
            cffi_frontend::parse_type_name(SEED, &Options::default(), bad).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn seed_parses_cleanly() {
    let p = parse(SEED, &Options::default());
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let src = format!("int {}x{};", "(".repeat(100_000), ")".repeat(100_000));
    let p = parse(&src, &Options::default());
    assert!(!p.errors.is_empty());
    let src = format!(
        "enum {{ A = {}1{} }};",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    assert!(!parse(&src, &Options::default()).errors.is_empty());
    let src = format!("int a[{}1];", "-".repeat(100_000));
    assert!(!parse(&src, &Options::default()).errors.is_empty());
    let src = format!("enum {{ A = 1{} }};", " + 1".repeat(100_000));
    assert!(!parse(&src, &Options::default()).errors.is_empty());
    let src = format!("int {}p;", "*".repeat(100_000));
    assert!(!parse(&src, &Options::default()).errors.is_empty());
    let mut chain = String::from("typedef int t0;\n");
    let mut structs = String::from("struct s0 { int a; };\n");
    for i in 1..2_000 {
        chain.push_str(&format!("typedef t{} *t{i};\n", i - 1));
        structs.push_str(&format!("struct s{i} {{ struct s{} a; }};\n", i - 1));
    }
    for src in [chain, structs] {
        let p = parse(&src, &Options::default());
        assert!(!p.errors.is_empty());
        for id in 0..p.module.records.len() as u32 {
            let _ = cffi_frontend::layout::record_layout(&p.module, cffi_frontend::RecordId(id));
        }
        for t in &p.module.typedefs {
            let _ = cffi_frontend::layout::layout_of(&p.module, &t.ty);
            let _ = p.module.unsupported_reason(&t.ty);
        }
    }
}

/// A macro that repeats its argument, nested: expansion would grow exponentially, so it
/// stops at a bound and the `#define` is reported instead.
#[test]
fn macro_expansion_stays_bounded() {
    let mut src = String::from("#define D(x) x x x x x x x x x x\n#define SELF(x) SELF(x) + x\n");
    let mut nested = "1".to_string();
    for _ in 0..30 {
        nested = format!("D({nested})");
    }
    src.push_str(&format!(
        "#define HUGE {nested}\n#define LOOPS SELF(SELF(1))\n#define DEEP "
    ));
    for _ in 0..40 {
        src.push_str("D(");
    }
    src.push('1');
    src.push_str(&")".repeat(40));
    src.push('\n');
    let p = parse(
        &src,
        &Options {
            lenient: true,
            ..Options::default()
        },
    );
    for name in ["HUGE", "LOOPS", "DEEP"] {
        assert!(p.module.constant(name).is_none(), "{name} evaluated");
        assert!(
            p.module.skipped.iter().any(|s| s.name == name),
            "{name} not listed"
        );
    }
}
