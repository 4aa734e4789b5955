//! Python cffi's spellings as the front end reads them, and the errors around them: structs
//! defined after their use, spliced `//` comments, redefined `#define`s, linkages, integer
//! constants spelled as objects.

mod expect_error;

use cffi_frontend::*;
use expect_error::check;

#[test]
fn a_struct_defined_later_must_be_defined_and_must_not_contain_itself() {
    // cffi's order: the member's struct is defined after it (valid here, not in C).
    let p = parse(
        "struct a { struct b x; int n; }; struct b { double d; };",
        &Options::default(),
    );
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    let a = p.module.record_tagged("a").unwrap();
    assert_eq!(layout::record_layout(&p.module, a).unwrap().size, 16);
    check(
        "struct a { struct b x; };",
        ErrorKind::IncompleteType,
        "struct b x",
        "field `x` has incomplete type `struct b`",
    );
    check(
        "struct a { struct b x; }; struct b { struct a y[2]; };",
        ErrorKind::IncompleteType,
        "struct a { struct b x; }",
        "`struct a` contains itself",
    );
    // A chain of structs each holding the next, defined in reverse: bounded, not a stack
    // overflow in the layout engine.
    let chain: String = (0..5000)
        .map(|i| format!("struct s{i} {{ struct s{} x; }};", i + 1))
        .chain(std::iter::once("struct s5000 { int x; };".to_string()))
        .collect();
    let p = parse(&chain, &Options::default());
    assert!(
        p.errors.iter().any(|e| e.message.contains("nests deeper")),
        "{:?}",
        p.errors.first()
    );
}

#[test]
fn a_line_comment_continues_past_a_spliced_newline() {
    // As gcc: the splice comes first, so `more` is comment; a backslash before spaces and
    // the newline still splices.
    for src in [
        "double // note \\\n more words\n x(void);",
        "double // note \\  \n more words\n x(void);",
    ] {
        let p = parse(src, &Options::default());
        assert!(p.errors.is_empty(), "{src}: {:#?}", p.errors);
        assert!(p.module.function("x").is_some(), "{src}");
    }
}

#[test]
fn a_define_given_another_value_is_an_error() {
    // The same body again is allowed, as in C; another one is not, unless `#undef` comes first.
    let p = parse("#define FOO 42\n#define FOO 42\n", &Options::default());
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    let p = parse(
        "#define FOO 42\n#undef FOO\n#define FOO 43\n",
        &Options::default(),
    );
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    check(
        "#define FOO 42\n#define FOO 43\n",
        ErrorKind::Redefinition,
        "FOO",
        "`FOO` is defined again with another value",
    );
}

#[test]
fn linkages_other_than_extern_python_are_errors() {
    check(
        r#"extern "C" int f(int);"#,
        ErrorKind::CppConstruct,
        r#"extern "C""#,
        "`extern \"C\"` is C++",
    );
    check(
        r#"extern "Rust" int f(int);"#,
        ErrorKind::InvalidDeclaration,
        r#""Rust""#,
        "unknown linkage",
    );
    check(
        r#"extern "Python" int counter;"#,
        ErrorKind::InvalidDeclaration,
        "counter",
        "applies to functions",
    );
    check(
        r#"extern "Python" { int f(int); "#,
        ErrorKind::UnexpectedToken,
        "{",
        "unclosed",
    );
}

#[test]
fn a_value_for_a_declared_integer_must_fit() {
    check(
        "unsigned char c = 300;",
        ErrorKind::ConstantEvaluation,
        "300",
        "300 does not fit the type of `c` (0 to 255)",
    );
    check(
        "int f(void); static const int f = 1;",
        ErrorKind::ConflictingDeclaration,
        "f",
        "`f`",
    );
}

#[test]
fn integer_constants_of_128_bits_are_checked_without_overflow() {
    // The range of a 128-bit type is computed without shifting past `i128`.
    let p = parse(
        "static const unsigned __int128 BIG = 5; static const __int128 NEG = -5; static const __int128 LATER;",
        &Options::default(),
    );
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    assert_eq!(p.module.consts.len(), 3);
    let t = Target::default();
    assert_eq!(IntKind::Int128.range(&t), (i128::MIN, i128::MAX));
    assert_eq!(IntKind::UInt128.range(&t), (0, i128::MAX));
    assert_eq!(IntKind::UChar.range(&t), (0, 255));
    assert_eq!(IntKind::Short.range(&t), (-32768, 32767));
}
