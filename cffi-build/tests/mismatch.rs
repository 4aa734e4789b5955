//! The C compiler checks API-mode declarations against the C: a declaration that disagrees
//! fails the build, with an error on the line of the Rust file that names both sides.

use std::path::PathBuf;
use std::process::Command;

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mismatch");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The glue for one module, compiled for syntax and static assertions only.
fn compile(name: &str, c_source: &str, declarations: &str) -> Result<(), String> {
    let dir = dir();
    std::fs::write(dir.join(format!("{name}.c")), c_source).unwrap();
    let rust_file = dir.join(format!("{name}.rs"));
    let input = format!("#[cffi(api, source = \"{name}.c\")]\npub mod m {{\n{declarations}\n}}");
    std::fs::write(&rust_file, &input).unwrap();
    let glue = cffi_codegen::api_glue(
        input.parse().unwrap(),
        &rust_file,
        &cffi_codegen::Compiler::from_env(&dir),
        "x86_64-unknown-linux-gnu",
    );
    assert_eq!(glue.len(), 1);
    let glue_file = dir.join(format!("{name}_glue.c"));
    std::fs::write(&glue_file, glue[0].c()).unwrap();
    let out = Command::new("cc")
        .args(["-fsyntax-only"])
        .arg(&glue_file)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn rust_file(name: &str) -> String {
    dir().join(format!("{name}.rs")).display().to_string()
}

const ADD: &str =
    "void add(double *a, const double *b, int n) { for (int i = 0; i < n; i++) a[i] += b[i]; }\n";

#[test]
fn agreeing_declarations_compile() {
    compile("agree", ADD, "void add(double *a, const double *b, int n);").unwrap();
}

#[test]
fn a_parameter_type_that_disagrees_fails_on_the_rust_line() {
    let err = compile("param", ADD, "\nvoid add(double *a, double *b, int n);").unwrap_err();
    // Rust's side, on the line of the declaration in the Rust file ...
    assert!(err.contains(&format!("{}:4:", rust_file("param"))), "{err}");
    assert!(err.contains("conflicting types for \u{2018}add\u{2019}; have \u{2018}void(double *, double *, int)\u{2019}"), "{err}");
    // ... and the C side, where the C defines it.
    assert!(err.contains("param.c:1:"), "{err}");
    assert!(
        err.contains("\u{2018}void(double *, const double *, int)\u{2019}"),
        "{err}"
    );
}

#[test]
fn a_struct_field_type_that_disagrees_fails() {
    let c = "struct point { int x; double y; };\nint norm(struct point p) { return p.x; }\n";
    let err = compile(
        "field",
        c,
        "struct point { int x; int y; };\nint norm(struct point p);",
    )
    .unwrap_err();
    assert!(err.contains(&format!("{}:3:", rust_file("field"))), "{err}");
    assert!(
        err.contains("`struct point` has another size in C than declared in Rust"),
        "{err}"
    );
}

#[test]
fn a_missing_function_fails() {
    let err = compile(
        "missing",
        ADD,
        "void add(double *a, const double *b, int n);\nint sub(int a, int b);",
    )
    .unwrap_err();
    assert!(
        err.contains(&format!("{}:4:", rust_file("missing"))),
        "{err}"
    );
    assert!(err.contains("\u{2018}sub\u{2019} undeclared"), "{err}");
}

#[test]
fn static_inline_functions_and_macros_get_wrappers() {
    let c = "static inline int twice(int x) { return 2 * x; }\n#define SQUARE(x) ((x) * (x))\n";
    compile("inline", c, "int twice(int x);\nint SQUARE(int x);").unwrap();
    let glue = std::fs::read_to_string(dir().join("inline_glue.c")).unwrap();
    assert!(glue.contains("return SQUARE(a0);"), "{glue}");
    assert!(glue.contains("return twice(a0);"), "{glue}");
}

/// `conflicting types for 'NAME'; have 'OURS *'` with the note naming the C's type.
fn conflict(err: &str, ours: &str, theirs: &str) {
    assert!(
        err.contains(&format!("have \u{2018}{ours} *\u{2019}")),
        "{err}"
    );
    assert!(
        err.contains(&format!("with type \u{2018}{theirs} *\u{2019}")),
        "{err}"
    );
}

#[test]
fn a_field_type_that_disagrees_at_the_same_offset_fails() {
    // Same size and offsets: only the type tells `_Bool` from `char`.
    let c = "struct s { int a; char b; char c[3]; };\n";
    let err = compile(
        "field_type",
        c,
        "\nstruct s { int a; _Bool b; char c[3]; };",
    )
    .unwrap_err();
    assert!(
        err.contains(&format!("{}:4:", rust_file("field_type"))),
        "{err}"
    );
    conflict(&err, "_Bool", "char");
}

#[test]
fn a_partial_struct_field_type_is_checked() {
    let c = "struct p { int a; char b; };\n";
    let err = compile("partial_field", c, "struct p { double b; ...; };").unwrap_err();
    conflict(&err, "double", "char");
}

#[test]
fn fields_of_anonymous_members_are_checked() {
    let c = "struct q { int a; union { int i; float f; }; };\n";
    compile(
        "anon_ok",
        c,
        "struct q { int a; union { int i; float f; }; };",
    )
    .unwrap();
    let err = compile(
        "anon_bad",
        c,
        "struct q { int a; union { int i; int f; }; };",
    )
    .unwrap_err();
    conflict(&err, "int", "float");
}

#[test]
fn a_global_type_that_disagrees_fails() {
    let err = compile("global", "int flag = 2;\n", "_Bool flag;").unwrap_err();
    conflict(&err, "_Bool", "int");
}

#[test]
fn a_const_global_declared_writable_fails() {
    let err = compile("const_global", "const int limit = 1;\n", "int limit;").unwrap_err();
    conflict(&err, "int", "const int");
    compile(
        "const_global_ok",
        "const int limit = 1;\n",
        "const int limit;",
    )
    .unwrap();
}

#[test]
fn static_globals_are_checked_and_bound() {
    compile(
        "static_ok",
        "static int hidden = 4;\n",
        "static int hidden;",
    )
    .unwrap();
    let err = compile(
        "static_bad",
        "static int hidden = 4;\n",
        "static long hidden;",
    )
    .unwrap_err();
    conflict(&err, "long int", "int");
}

#[test]
fn a_typedef_that_disagrees_fails() {
    compile(
        "typedef_ok",
        "typedef unsigned short id_t2;\n",
        "typedef unsigned short id_t2;",
    )
    .unwrap();
    let err = compile(
        "typedef_bad",
        "typedef unsigned short id_t2;\n",
        "typedef short id_t2;",
    )
    .unwrap_err();
    assert!(err.contains("have \u{2018}short int *\u{2019}"), "{err}");
    assert!(
        err.contains("aka \u{2018}short unsigned int *\u{2019}"),
        "{err}"
    );
}

#[test]
fn constants_are_checked_for_value_type_and_existence() {
    let c = "#define LIMIT 8u\n#define RATIO 0.5\n#define NAME \"cffi\"\nenum { RED = 3 };\n";
    compile(
        "const_ok",
        c,
        "#define LIMIT 8u\n#define RATIO 0.5\n#define NAME \"cffi\"\n#define RED 3",
    )
    .unwrap();
    let err = compile("const_type", c, "#define LIMIT 8").unwrap_err();
    conflict(&err, "int", "unsigned int");
    let err = compile("const_value", c, "#define RATIO 0.25").unwrap_err();
    assert!(err.contains("`RATIO` has another value in C"), "{err}");
    let err = compile("const_string", c, "#define NAME \"cffi-rs\"").unwrap_err();
    assert!(err.contains("have \u{2018}char (*)[8]\u{2019}"), "{err}");
    assert!(
        err.contains("with type \u{2018}char (*)[5]\u{2019}"),
        "{err}"
    );
    let err = compile("const_missing", c, "#define ABSENT 1").unwrap_err();
    assert!(err.contains("\u{2018}ABSENT\u{2019} undeclared"), "{err}");
}

#[test]
fn an_enum_of_another_size_fails() {
    let c = "enum __attribute__((packed)) small { A, B };\n";
    let err = compile("enum_size", c, "enum small { A, B };").unwrap_err();
    assert!(err.contains("`enum small` has another size in C"), "{err}");
}

#[test]
fn records_cross_the_wrapper_through_pointers() {
    let c = "struct m { long a; double b; };\nstruct m make(long a, double b) { struct m r = { a, b }; return r; }\ndouble sum(struct m x) { return x.a + x.b; }\n";
    compile(
        "by_pointer",
        c,
        "struct m { long a; double b; };\nstruct m make(long a, double b);\ndouble sum(struct m x);",
    )
    .unwrap();
    let glue = std::fs::read_to_string(dir().join("by_pointer_glue.c")).unwrap();
    assert!(glue.contains("*__cffi_out = make(a0, a1);"), "{glue}");
    assert!(glue.contains("return sum(*a0);"), "{glue}");
}

#[test]
fn static_const_constants_are_bound_and_checked() {
    let c = "static const int FOO = 0x123;\n";
    compile("static_const_ok", c, "static const int FOO;").unwrap();
    // As Python cffi reads `static const int X;`: a constant whose value the compiler gives,
    // of the declared type; the C's own type is not compared (a macro's rarely is the one
    // declared). The value must fit: `crates.rs` builds a crate where it does not.
    compile("static_const_long", c, "static const long FOO;").unwrap();
}

#[test]
fn a_global_declared_const_may_be_writable_in_c_but_not_the_reverse() {
    // Declared `const`, the global is only read: the C may let others write it.
    let c = "int (*hook)(void);\nconst int limit = 3;\n";
    compile(
        "const_view",
        c,
        "int (*const hook)(void); extern const int limit;",
    )
    .unwrap();
    // Declared writable while the C says `const`: writing it would be undefined behaviour.
    let err = compile("const_write", c, "extern int limit;").unwrap_err();
    conflict(&err, "int", "const int");
}
