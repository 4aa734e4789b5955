//! Every error kind: the right kind, on the right bytes, with a message a user can act on.

mod expect_error;

use cffi_frontend::*;
use expect_error::check;

#[test]
fn lexical_errors() {
    check(
        "int a; /* never closed",
        ErrorKind::UnterminatedComment,
        "/*",
        "unterminated comment",
    );
    check(
        "#define S \"abc\nint x;",
        ErrorKind::UnterminatedLiteral,
        "\"abc",
        "unterminated string",
    );
    check(
        "int a[0x];",
        ErrorKind::InvalidNumber,
        "0x",
        "invalid integer constant",
    );
    check(
        "int a[12abc];",
        ErrorKind::InvalidNumber,
        "12abc",
        "invalid",
    );
    check(
        "enum { A = 'ab' };",
        ErrorKind::InvalidCharacter,
        "'ab'",
        "multi-character",
    );
    check(
        "#define S \"\\q\"",
        ErrorKind::InvalidDefine,
        "\"\\q\"",
        "unknown escape",
    );
}

#[test]
fn syntax_errors() {
    let e = check(
        "int f(int x)\nint g(void);",
        ErrorKind::UnexpectedToken,
        ")",
        "expected `;`",
    );
    assert!(e.message.contains("found `int`"));
    check(
        "struct s { int a; ",
        ErrorKind::UnexpectedToken,
        "{",
        "unclosed",
    );
    check(
        "int (*f(int);",
        ErrorKind::UnexpectedToken,
        ";",
        "expected `)`",
    );
}

#[test]
fn unknown_type_suggests_the_closest_name() {
    let e = check(
        "uint23_t f(void);",
        ErrorKind::UnknownType,
        "uint23_t",
        "unknown type name `uint23_t`",
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `uint32_t`?"));
    let e = check(
        "typedef struct widget widget_t; void draw(widgte_t *w);",
        ErrorKind::UnknownType,
        "widgte_t",
        "widget_t",
    );
    assert!(e.hint.unwrap().contains("widget_t"));
    let e = check(
        "void f(frobnicator *x);",
        ErrorKind::UnknownType,
        "frobnicator",
        "unknown type",
    );
    assert!(e.hint.unwrap().contains("typedef struct frobnicator"));
}

#[test]
fn invalid_specifier_combinations() {
    check(
        "long char c;",
        ErrorKind::InvalidSpecifiers,
        "long char",
        "`char` takes no size",
    );
    check(
        "unsigned float f;",
        ErrorKind::InvalidSpecifiers,
        "unsigned float",
        "floating type",
    );
    check(
        "long long long x;",
        ErrorKind::InvalidSpecifiers,
        "long long long",
        "too long",
    );
    check(
        "typedef int myint; myint int x;",
        ErrorKind::InvalidSpecifiers,
        "int",
        "two types",
    );
    check(
        "struct s { static int x; };",
        ErrorKind::InvalidSpecifiers,
        "static",
        "not allowed",
    );
}

#[test]
fn unsupported_constructs() {
    check(
        "_Atomic int counter;",
        ErrorKind::Unsupported,
        "_Atomic",
        "`_Atomic`",
    );
    check(
        "typeof(int) x;",
        ErrorKind::Unsupported,
        "typeof",
        "`typeof`",
    );
    check(
        "void f(void (^block)(void));",
        ErrorKind::Unsupported,
        "^",
        "blocks",
    );
    check(
        "#define W L\"wide\"",
        ErrorKind::InvalidDefine,
        "L\"wide\"",
        "wide string",
    );
}

#[test]
fn knr_parameters() {
    let e = check(
        "int f(a, b);",
        ErrorKind::KnrParameters,
        "a",
        "parameter `a` has no type (a K&R-style",
    );
    assert!(e.hint.unwrap().contains("int f(int a"));
}

#[test]
fn cpp_constructs() {
    check(
        "class Widget { int x; };",
        ErrorKind::CppConstruct,
        "class",
        "`class` is C++",
    );
    check(
        "void f(int &x);",
        ErrorKind::CppConstruct,
        "&",
        "references are C++",
    );
    check(
        "template <typename T> T id(T);",
        ErrorKind::CppConstruct,
        "template",
        "C++",
    );
    check("std::size_t n;", ErrorKind::CppConstruct, "std", "`::`");
    check(
        "extern \"C\" int f(void);",
        ErrorKind::CppConstruct,
        "extern \"C\"",
        "C++",
    );
}

#[test]
fn keywords_as_names() {
    let e = check(
        "struct s { int default; };",
        ErrorKind::KeywordAsName,
        "default",
        "`default` is a C keyword",
    );
    assert_eq!(e.hint.as_deref(), Some("rename it, e.g. `default_`"));
    check(
        "void f(int for);",
        ErrorKind::KeywordAsName,
        "for",
        "C keyword",
    );
    check(
        "enum e { while };",
        ErrorKind::KeywordAsName,
        "while",
        "C keyword",
    );
}

#[test]
fn conflicting_declarations_point_at_both() {
    let src = "int f(int);\ndouble f(int);";
    let e = check(
        src,
        ErrorKind::ConflictingDeclaration,
        "f",
        "declared again with a different type",
    );
    let (note_span, note) = e.note.unwrap();
    assert_eq!(note_span.start, 4);
    assert_eq!(note, "`f` is first declared here");
    check(
        "typedef int t; typedef long t;",
        ErrorKind::ConflictingDeclaration,
        "t",
        "different type",
    );
    check(
        "int x; double x;",
        ErrorKind::ConflictingDeclaration,
        "x",
        "different type",
    );
    check(
        "enum { A }; int A(void);",
        ErrorKind::ConflictingDeclaration,
        "A",
        "as a function",
    );
    check(
        "struct s; union s *p;",
        ErrorKind::ConflictingDeclaration,
        "s",
        "different kind of tag",
    );
}

#[test]
fn redefinitions() {
    check(
        "struct s { int a; }; struct s { int b; };",
        ErrorKind::Redefinition,
        "s",
        "defined twice",
    );
    check(
        "enum e { A }; enum e { B };",
        ErrorKind::Redefinition,
        "e",
        "defined twice",
    );
}

#[test]
fn invalid_array_sizes() {
    check(
        "int a[n];",
        ErrorKind::InvalidArraySize,
        "n",
        "array size is not a constant",
    );
    check("int a[-1];", ErrorKind::InvalidArraySize, "-1", "negative");
    check(
        "int a[1.5];",
        ErrorKind::InvalidArraySize,
        "1.5",
        "not an integer",
    );
    check(
        "struct s { int n; int v[*]; };",
        ErrorKind::InvalidArraySize,
        "*",
        "variable-length",
    );
}

#[test]
fn invalid_bit_fields() {
    let e = check(
        "struct s { char c : 9; };",
        ErrorKind::InvalidBitField,
        "9",
        "9 bits wide, wider than its type `char` (8 bits)",
    );
    assert!(e.hint.is_some());
    check(
        "struct s { int a : 0; };",
        ErrorKind::InvalidBitField,
        "a",
        "zero-width bit-field `a` must be unnamed",
    );
    check(
        "struct s { double d : 3; };",
        ErrorKind::InvalidBitField,
        ": 3",
        "not an integer type",
    );
    check(
        "struct s { int a : -1; };",
        ErrorKind::InvalidBitField,
        "-1",
        "negative",
    );
    check(
        "struct s { _Bool b : 2; };",
        ErrorKind::InvalidBitField,
        "2",
        "wider",
    );
}

#[test]
fn constant_evaluation_errors() {
    check(
        "enum { A = 1 / 0 };",
        ErrorKind::ConstantEvaluation,
        "1 / 0",
        "division by zero",
    );
    check(
        "enum { A = 1 << 40 };",
        ErrorKind::ConstantEvaluation,
        "1 << 40",
        "shift count 40",
    );
    let e = check(
        "enum { RED }; enum { B = REED };",
        ErrorKind::ConstantEvaluation,
        "REED",
        "`REED` is not a known constant",
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `RED`?"));
}

#[test]
fn invalid_defines() {
    check(
        "#define EMPTY",
        ErrorKind::InvalidDefine,
        "EMPTY",
        "has no value",
    );
    let e = check(
        "#define MAX(a, b) ((a) > (b) ? (a) : (b))",
        ErrorKind::InvalidDefine,
        "MAX",
        "function-like macro",
    );
    assert!(e.hint.unwrap().contains("API mode"));
    check(
        "#define BAD (1 +)",
        ErrorKind::InvalidDefine,
        ")",
        "cannot evaluate `#define BAD`",
    );
    check(
        "#define LOOP LOOP",
        ErrorKind::InvalidDefine,
        "LOOP",
        "refers to itself",
    );
    check(
        "#define P ((char *)0 + 1)",
        ErrorKind::InvalidDefine,
        "(char *)0 + 1",
        "arithmetic on pointers",
    );
}

#[test]
fn unsupported_directives() {
    let e = check(
        "#include <zlib.h>\nint x;",
        ErrorKind::UnsupportedDirective,
        "include",
        "`#include`",
    );
    assert!(e.hint.unwrap().contains("include = "));
    check(
        "#error stop\nint x;",
        ErrorKind::UnsupportedDirective,
        "error",
        "`#error`",
    )
    .hint
    .unwrap();
}

#[test]
fn invalid_attributes() {
    check(
        "struct s { int a; } __attribute__((aligned(3)));",
        ErrorKind::InvalidAttribute,
        "3",
        "power of two",
    );
    check(
        "typedef double d2 __attribute__((mode(SI)));",
        ErrorKind::InvalidAttribute,
        "SI",
        "integer types only",
    );
}

#[test]
fn incomplete_types() {
    check(
        "struct a; struct b { struct a inner; };",
        ErrorKind::IncompleteType,
        "struct a inner",
        "incomplete type `struct a`",
    );
    check(
        "struct n { struct n self; };",
        ErrorKind::IncompleteType,
        "struct n self",
        "the struct it is in",
    );
    check(
        "struct opaque; enum { S = sizeof(struct opaque) };",
        ErrorKind::IncompleteType,
        "sizeof(struct opaque)",
        "incomplete type",
    );
    check(
        "struct f { void v; };",
        ErrorKind::IncompleteType,
        "void v",
        "`void`",
    );
}

#[test]
fn invalid_declarations() {
    check(
        "int;",
        ErrorKind::InvalidDeclaration,
        "int;",
        "does not declare anything",
    );
    check(
        "void x;",
        ErrorKind::InvalidDeclaration,
        "x",
        "declared void",
    );
    check(
        "void f(void x);",
        ErrorKind::InvalidDeclaration,
        "void x",
        "type `void`",
    );
    check(
        "int f(...);",
        ErrorKind::InvalidDeclaration,
        "...",
        "at least one named parameter",
    );
    check(
        "struct s { int d[]; int n; };",
        ErrorKind::InvalidDeclaration,
        "int d[]",
        "not the last field",
    );
    check(
        "struct s { int b; double b; };",
        ErrorKind::InvalidDeclaration,
        "double b",
        "duplicate member `b`",
    );
    check(
        "struct s { int b; union { char c; struct { long b; }; }; };",
        ErrorKind::InvalidDeclaration,
        "long b",
        "duplicate member `b`",
    );
}

#[test]
fn one_bad_line_is_one_error() {
    let src = "int good1(void);\nint bad(int x\nint good2(void);\nstruct s { int a; long char b; int c; };\nint good3(void);";
    let p = parse(src, &Options::default());
    assert_eq!(p.errors.len(), 2, "{:#?}", p.errors);
    let m = &p.module;
    assert!(m.function("good1").is_some());
    assert!(m.function("good3").is_some());
    let s = m.record(m.record_tagged("s").unwrap());
    assert_eq!(s.fields.as_ref().unwrap().len(), 2);
}

#[test]
fn several_mistakes_are_all_reported() {
    let src = "uint23_t a(void);\nint b(x, y);\nstruct s { int default; };\nenum { E = 1 / 0 };\n#define F(x) x\n";
    let p = parse(src, &Options::default());
    let kinds: Vec<ErrorKind> = p.errors.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            ErrorKind::UnknownType,
            ErrorKind::KnrParameters,
            ErrorKind::KeywordAsName,
            ErrorKind::ConstantEvaluation,
            ErrorKind::InvalidDefine
        ]
    );
}

#[test]
fn lenient_mode_lists_what_it_skipped() {
    let p = parse(
        "#define MAX(a, b) a\n#define EMPTY\n_Atomic int x;\nint ok(void);",
        &Options {
            lenient: true,
            ..Options::default()
        },
    );
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    // Each entry is named by the declaration left out; the reason says what could not be
    // read.
    let names: Vec<&str> = p.module.skipped.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["x", "MAX", "EMPTY"]);
    assert!(
        p.module.skipped[0].reason.contains("_Atomic"),
        "{:?}",
        p.module.skipped[0]
    );
    assert!(p.module.function("ok").is_some());
}

#[test]
fn messages_are_lowercase_without_a_final_period() {
    let src = "uint23_t a(void); int b(x); long char c; int d[-1]; struct s { char c : 9; }; #define F(x) x\nclass K {};";
    let p = parse(src, &Options::default());
    assert!(p.errors.len() >= 6);
    for e in &p.errors {
        let first = e.message.chars().next().unwrap();
        assert!(!first.is_uppercase(), "{e}");
        assert!(!e.message.ends_with('.'), "{e}");
    }
}
