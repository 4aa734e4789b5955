//! `#define` constants get the C type and value gcc gives them.

mod support;

use cffi_frontend::{ConstValue, IntKind, Options, parse};

const DEFINES: &str = r#"
#define A 253
#define B 0xFFFFFFFFu
#define C ~0UL
#define D (-1)
#define E (1 << 31)
#define F 4294967295
#define G 0x7fffffff
#define H 0x80000000
#define I 'A'
#define J '\xff'
#define K (A * 2 + 1)
#define L (B + 1)
#define M (-1u >> 1)
#define N ((unsigned char)300)
#define O (sizeof(int) * 3)
#define P (1.5f * 2)
#define Q 2.5e-3
#define R "hello" " world\n"
#define S (D < 0u)
#define T (A > 100 ? 1L : 2)
#define U (10 / 3 % 2)
#define V (-7 / 2)
#define W (-7 % 2)
#define X (0x10 | 010 ^ 3 & 7)
#define Y ((short)-1 + 0u)
#define Z (1ULL << 63)
#define AA (!5 + !0)
#define AB ((signed char)200)
#define AC 0x1p-2
#define AD (~0U >> 31)
#define AE (12345678901234LL % 1000)
#define AF (A && 0 || 1)
#define AG (1 ? 2 : 3.0)
#define AH (-2147483647 - 1)
#define AI ((_Bool)7)
#define AJ (sizeof(long double))
#define AK (int)3.9
#define AL ('a' + 1)
#define AM (0 - 1u)
#define AN ((long)-1 >> 1)
#define AO (LATER + 1)
#define LATER 41
#define AP 1e300
#define AQ 0.1f
#define AR (2 * sizeof(struct pair))
#define AS (ENUM_B << 2)
#define AT 0777
#define AU 0b1010
#define AV -9223372036854775807LL
#define AW 18446744073709551615ULL
#define AX ((unsigned short)-1 * 2)
#define AY (3.0 / 2)
#define AZ (5 > 3.5)
struct pair { int a; char b; };
enum { ENUM_A, ENUM_B = 7 };
"#;

fn c_name(k: IntKind) -> &'static str {
    k.c_name()
}

#[test]
fn defines_match_gcc_types_and_values() {
    let parsed = parse(DEFINES, &Options::default());
    assert!(parsed.errors.is_empty(), "{:#?}", parsed.errors);
    let m = &parsed.module;
    let mut c = format!(
        "#include <stdio.h>\n{DEFINES}\n#define TYPE(x) _Generic((x), _Bool: \"_Bool\", char: \"char\", \
         signed char: \"signed char\", unsigned char: \"unsigned char\", short: \"short\", \
         unsigned short: \"unsigned short\", int: \"int\", unsigned int: \"unsigned int\", \
         long: \"long\", unsigned long: \"unsigned long\", long long: \"long long\", \
         unsigned long long: \"unsigned long long\", float: \"float\", double: \"double\", \
         char *: \"string\", default: \"other\")\nint main(void) {{\n"
    );
    let mut expected = String::new();
    for k in &m.consts {
        let n = &k.name;
        match &k.value {
            ConstValue::Int { value, kind } => {
                c.push_str(&format!(
                    "  if (({n}) < 0) printf(\"{n} %s %lld\\n\", TYPE({n}), (long long)({n})); \
                     else printf(\"{n} %s %llu\\n\", TYPE({n}), (unsigned long long)({n}));\n"
                ));
                expected.push_str(&format!("{n} {} {value}\n", c_name(kind.base(&m.target))));
            }
            ConstValue::Float { value, kind } => {
                c.push_str(&format!(
                    "  printf(\"{n} %s %.17g\\n\", TYPE({n}), (double)({n}));\n"
                ));
                expected.push_str(&format!("{n} {} {value:?}\n", kind.c_name()));
            }
            ConstValue::Str(bytes) => {
                let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
                c.push_str(&format!(
                    "  printf(\"{n} %s\", TYPE({n})); for (const char *p = {n}; *p; p++) printf(\" %02x\", (unsigned char)*p); printf(\"\\n\");\n"
                ));
                expected.push_str(
                    &format!("{n} string {}\n", hex.join(" ")).replace("string \n", "string\n"),
                );
            }
            other => panic!("not a number or string: {other:?}"),
        }
    }
    c.push_str("  return 0;\n}\n");
    let actual = support::run_c("defines", &c);
    let mut compared = 0;
    for (want, got) in expected.lines().zip(actual.lines()) {
        let (wn, gn) = (
            want.rsplit_once(' ').unwrap(),
            got.rsplit_once(' ').unwrap(),
        );
        // Floats are compared as numbers: gcc prints 17 digits, Rust the shortest exact form.
        let same_value = wn.1 == gn.1
            || matches!((wn.1.parse::<f64>(), gn.1.parse::<f64>()), (Ok(a), Ok(b)) if a == b && wn.1.contains(['.', 'e']));
        assert!(wn.0 == gn.0 && same_value, "ours `{want}`, gcc's `{got}`");
        compared += 1;
    }
    assert_eq!(compared, m.consts.len());
    assert_eq!(actual.lines().count(), m.consts.len());
    assert!(compared >= 50);
}

#[test]
fn spec_examples() {
    let p = parse(
        "#define A 253\n#define B 0xFFFFFFFFu\n#define C ~0UL\n#define D (-1)\n#define E 1 << 31\n",
        &Options::default(),
    );
    let v: Vec<&ConstValue> = p.module.consts.iter().map(|c| &c.value).collect();
    assert_eq!(
        v,
        [
            &ConstValue::Int {
                value: 253,
                kind: IntKind::Int
            },
            &ConstValue::Int {
                value: 0xFFFF_FFFF,
                kind: IntKind::UInt
            },
            &ConstValue::Int {
                value: u64::MAX as i128,
                kind: IntKind::ULong
            },
            &ConstValue::Int {
                value: -1,
                kind: IntKind::Int
            },
            &ConstValue::Int {
                value: -(1 << 31),
                kind: IntKind::Int
            },
        ]
    );
}

/// Object-like macros built on function-like ones (`#define A_BOLD NCURSES_BITS(1U, 13)`)
/// are expanded as the preprocessor does, `##` included, and get gcc's values; what cannot
/// be expanded (a paste into a token the text never writes, `#`, a macro without its
/// arguments) is left out with the reason.
#[test]
fn function_like_macros_expand_as_the_preprocessor_does() {
    const MACROS: &str = r#"
#define NCURSES_ATTR_SHIFT 8
#define NCURSES_BITS(mask, shift) ((mask) << ((shift) + NCURSES_ATTR_SHIFT))
#define A_BOLD NCURSES_BITS(1U, 13)
#define A_COLOR NCURSES_BITS(((1U) << 8) - 1U, 0)
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define BIGGEST MAX(MAX(3, 9), MAX(4, -1))
#define FIRST(x, ...) (x)
#define PICKED FIRST(7, 8, 9)
#define TWICE(x) (2 * (x))
#define NESTED TWICE(TWICE(TWICE(1)))
#define SHADOW(x) (x + SHADOW_BASE)
#define SHADOW_BASE 100
#define SHADOWED SHADOW(SHADOW(1))
#define EMPTY() 42
#define CALLED_EMPTY EMPTY()
#define PASTE(a) a ## U
#define PASTED PASTE(5)
#define NOT_CALLED TWICE
#define JOIN(a, b) a ## b
#define GLUE(a, b) JOIN(a, b)
#define WIDTH 8
#define VALUE_8 77
#define SUFFIXED(a) GLUE(a, WIDTH)
#define PICK_WIDTH SUFFIXED(VALUE_)
#define JUST_RIGHT JOIN(, 42)
#define SIXTEEN 0x10
#define HEX(a) 0x ## a
#define HEXED HEX(10)
#define STRING(a) #a
#define STRINGIZED STRING(1)
int value_8(void);
#define value SUFFIXED(value_)
"#;
    let parsed = parse(
        MACROS,
        &Options {
            lenient: true,
            ..Options::default()
        },
    );
    let m = &parsed.module;
    let got: Vec<(&str, i128)> = m
        .consts
        .iter()
        .filter_map(|c| match c.value {
            ConstValue::Int { value, .. } => Some((c.name.as_str(), value)),
            _ => None,
        })
        .collect();
    let names: Vec<&str> = got.iter().map(|(n, _)| *n).collect();
    for wanted in [
        "A_BOLD",
        "A_COLOR",
        "BIGGEST",
        "PICKED",
        "NESTED",
        "SHADOWED",
        "CALLED_EMPTY",
        "PICK_WIDTH",
        "JUST_RIGHT",
        "HEXED",
    ] {
        assert!(
            names.contains(&wanted),
            "{wanted} not evaluated: {:#?}",
            m.skipped
        );
    }
    // `##` pastes a name made by macros (PCRE2's `pcre2_compile` is `pcre2_compile_8`).
    assert!(
        m.aliases
            .iter()
            .any(|a| a.name == "value" && a.function == "value_8"),
        "{:?}",
        m.aliases
    );
    // `5U` is written nowhere in the text; `#` is not supported.
    for unsupported in ["PASTED", "NOT_CALLED", "STRINGIZED"] {
        assert!(!names.contains(&unsupported), "{unsupported} evaluated");
        assert!(
            m.skipped.iter().any(|s| s.name == unsupported),
            "{unsupported} not listed"
        );
    }
    let mut c = format!(
        "#include <stdio.h>\n{MACROS}\nint (value_8)(void) {{ return 0; }}\nint main(void) {{\n"
    );
    let mut expected = String::new();
    for (n, v) in &got {
        c.push_str(&format!(
            "  if (({n}) < 0) printf(\"{n} %lld\\n\", (long long)({n})); else printf(\"{n} %llu\\n\", (unsigned long long)({n}));\n"
        ));
        expected.push_str(&format!("{n} {v}\n"));
    }
    c.push_str("  return 0;\n}\n");
    assert_eq!(support::run_c("function_like", &c), expected);
}

/// Integers cast to pointer types and addresses of globals are pointer constants; arithmetic
/// on them is refused.
#[test]
fn pointer_constants() {
    let p = parse(
        "typedef void (*destructor)(void *);\nextern int table;\n#define FAILED ((void *) -1)\n#define TRANSIENT ((destructor)-1)\n#define WORLD ((char *)&(table))\n#define PLUS (FAILED + 1)\n",
        &Options {
            lenient: true,
            ..Options::default()
        },
    );
    let m = &p.module;
    let value = |name: &str| m.constant(name).map(|c| c.value.clone());
    assert!(
        matches!(value("FAILED"), Some(ConstValue::Pointer { value, .. }) if value == u64::MAX as i128)
    );
    assert!(
        matches!(value("TRANSIENT"), Some(ConstValue::Pointer { value, .. }) if value == u64::MAX as i128)
    );
    assert!(
        matches!(value("WORLD"), Some(ConstValue::Address { symbol, .. }) if symbol == "table")
    );
    assert!(value("PLUS").is_none());
    assert!(
        m.skipped
            .iter()
            .any(|s| s.name == "PLUS" && s.reason.contains("arithmetic on pointers"))
    );
}

/// A macro defined empty is nothing where another `#define` uses it, as the preprocessor makes
/// it: `#define VERSION "3.87.1" _CUSTOMIZED` is the string (a header's version macros do
/// this).
#[test]
fn macros_defined_empty_expand_to_nothing() {
    let p = parse(
        "#define _CUSTOMIZED\n#define VERSION \"3.87.1\" _CUSTOMIZED\n#define EMPTY_TOO _CUSTOMIZED 5 _CUSTOMIZED\n",
        &Options {
            lenient: true,
            ..Options::default()
        },
    );
    let value = |name: &str| p.module.constant(name).map(|c| c.value.clone());
    assert_eq!(value("VERSION"), Some(ConstValue::Str(b"3.87.1".to_vec())));
    assert_eq!(
        value("EMPTY_TOO"),
        Some(ConstValue::Int {
            value: 5,
            kind: IntKind::Int
        })
    );
}
