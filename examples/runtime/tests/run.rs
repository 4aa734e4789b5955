//! The run-time examples, run as processes, say what they should.

use std::path::PathBuf;
use std::process::{Command, Output};

#[path = "../../support/example_binary.rs"]
mod support;

fn example(name: &str) -> PathBuf {
    support::example("cffi-runtime-examples", name)
}

fn output(name: &str, args: &[&str]) -> Output {
    Command::new(example(name)).args(args).output().unwrap()
}

fn run(name: &str, args: &[&str]) -> String {
    let out = output(name, args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name} {args:?} failed:\n{text}{err}");
    text
}

#[test]
fn runtime_mode_lesson_exercises() {
    let out = run("runtime", &[]);
    assert!(out.lines().any(|l| l == "sqrtf(4) = 2.0"), "{out}");
    assert!(
        out.contains("a + b = [1.0, 1.1, 1.2, ..., 200000.9"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l == "fibonacci: 1 1 2 3 5 8 13 21 34 55"),
        "{out}"
    );
}

#[test]
fn ccall_calls_a_function_named_on_the_command_line() {
    assert_eq!(
        run("ccall", &["m", "double cos(double x);", "0.5"]),
        "0.8775825618903728\n"
    );
    assert_eq!(run("ccall", &["c", "int abs(int);", "-7"]), "7\n");
    assert_eq!(
        run("ccall", &["c", "size_t strlen(const char *s);", "héllo"]),
        "6\n"
    );
    assert_eq!(run("ccall", &["m", "float sqrtf(float);", "2.25"]), "1.5\n");
}

#[test]
fn ccall_refuses_what_does_not_fit() {
    for (args, message) in [
        (
            &["c", "int abs(int);", "9999999999"][..],
            "the integer 9999999999 does not fit `int`",
        ),
        (
            &["c", "int abs(int);"][..],
            "`abs` takes 1 argument but 0 were given",
        ),
        (&["c", "int abs(int;"][..], "1:"),
        (
            &["c", "int nope_not_here(void);"][..],
            "lacks 1 declared symbol: nope_not_here",
        ),
        (
            &["c", "int printf(const char *, ...);", "x"][..],
            "is variadic",
        ),
    ] {
        let out = output("ccall", args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn the_plugin_host_calls_its_plugin_as_the_python_one_does() {
    let out = run("plugin_host", &[]);
    assert_eq!(
        out,
        "plugin: scaler\ntransformed: 6 8\ndot: 100\nkept: 2 of [5, 12, 7, 30]\nlog: scaler scaled 1 points by 2\n"
    );
    // The Python cffi version, on the same plugin, prints the same (Python writes its
    // floats with a `.0`).
    let plugin = env!("CFFI_EXAMPLE_PLUGIN_LIB");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/plugin/plugin_host.py");
    let python = Command::new("python3")
        .args([script, plugin])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&python.stdout).replace(".0", "");
    assert!(
        python.status.success(),
        "{}",
        String::from_utf8_lossy(&python.stderr)
    );
    assert_eq!(text, out);
}

/// Lines of code: neither blank nor a comment (nor Python's module docstring).
fn code_lines(text: &str, comment: &str) -> usize {
    let text = match text.strip_prefix("\"\"\"") {
        Some(rest) => rest.split_once("\"\"\"").map_or(rest, |(_, after)| after),
        None => text,
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(comment))
        .count()
}

#[test]
fn the_plugin_host_is_within_1_3_times_python_s_length() {
    let rust = code_lines(include_str!("../plugin_host.rs"), "//");
    let python = code_lines(include_str!("../plugin/plugin_host.py"), "#");
    // The README's figures.
    assert_eq!((rust, python), (35, 27));
    assert!(rust * 10 <= python * 13, "{rust} lines against {python}");
}
