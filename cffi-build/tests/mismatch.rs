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
        &dir,
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
