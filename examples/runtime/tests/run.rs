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
