//! `cdef!`'s side of the call test: a crate importing the header twice, in ABI mode (the
//! library gcc built, opened at run time) and in API mode (the C compiled with the crate),
//! calling every function with the driver's arguments ([`rust_crate`] drops the calls of
//! functions cffi-rs refuses).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use crate::c_side::{Built, results};
use crate::calls::{CTy, CallSet, Func, Shape, Val};
use crate::compare::Report;
use crate::rust_crate::{self, MODES};

/// Builds and runs the crate for `built`, with `workspace` the cffi-rs checkout (for the
/// path dependencies and the lock file) and `target` the target directory to share.
pub fn compare(set: &CallSet, built: &Built, workspace: &Path, target: &Path) -> Report {
    let mut report = Report::default();
    let dir = built.dir.join("crate");
    let files = [built.dir.join("calls.h"), built.dir.join("calls.c")];
    let files: Vec<&Path> = files.iter().map(|f| f.as_path()).collect();
    let dropped = rust_crate::write(&dir, "difftest_calls", workspace, &files)
        .and_then(|()| rust_crate::build(&dir, target, |d| main_rs(set, &built.library, d)));
    match dropped {
        Ok(dropped) => run(set, built, &dir, target, &dropped, report),
        Err(e) => {
            report.disagreements.push(e);
            report
        }
    }
}

fn run(
    set: &CallSet,
    built: &Built,
    dir: &Path,
    target: &Path,
    dropped: &[(&'static str, String)],
    mut report: Report,
) -> Report {
    let out = match rust_crate::run("difftest_calls", dir, target) {
        Ok(o) => o,
        Err(e) => {
            report.disagreements.push(e);
            return report;
        }
    };
    let printed = String::from_utf8_lossy(&out.stdout);
    let got: BTreeMap<String, u64> = results(&printed);
    // A crash ends the run: the call that caused it is the first without a result.
    let mut crashed = !out.status.success();
    for f in &set.functions {
        let Some(&want) = built.expected.get(&f.name) else {
            continue;
        };
        for mode in MODES {
            if dropped.iter().any(|(m, n)| *m == mode && *n == f.name) {
                report.refused.push(format!("{mode}: {} left out", f.name));
                continue;
            }
            match got.get(&format!("{mode}.{}", f.name)) {
                Some(&v) if v == want => report.agreed += 1,
                Some(&v) => report
                    .disagreements
                    .push(format!("{mode}: {}: {v}, gcc {want}", f.name)),
                None if crashed => {
                    crashed = false;
                    report.disagreements.push(format!(
                        "{mode}: {} ended the program ({}): {}",
                        f.name,
                        out.status,
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
                None if !out.status.success() => {}
                None => report
                    .disagreements
                    .push(format!("{mode}: {} gave no result", f.name)),
            }
        }
    }
    report
}

/// `main.rs`: both modules, the callbacks, then one block per call not yet dropped.
fn main_rs(set: &CallSet, library: &Path, dropped: &[(&'static str, String)]) -> String {
    let mut s = String::from(
        "#![allow(unused_unsafe, unused_mut, unused_variables, unused_imports, clippy::all)]\n\
         use cffi_core::cdef;\n",
    );
    let _ = writeln!(
        s,
        "cdef! {{ #[cffi(abi, lib = {:?}, import = \"calls.h\")] pub unsafe mod abi {{}} }}",
        library.display().to_string()
    );
    s.push_str(
        "cdef! { #[cffi(api, import = \"calls.h\", source = \"calls.c\")] pub unsafe mod api {} }\n",
    );
    let mut body = String::new();
    for f in &set.functions {
        for mode in MODES {
            if dropped.iter().any(|(m, n)| *m == mode && *n == f.name) {
                continue;
            }
            if f.shape == Shape::Callback {
                let _ = writeln!(s, "// use {mode} {}", f.name);
                s.push_str(&callback(set, f, mode));
            }
            let _ = writeln!(body, "    // use {mode} {}", f.name);
            body.push_str(&call(set, f, mode));
        }
    }
    s.push_str("// use main -\nfn main() {\n");
    s.push_str(
        "    let abi = abi::Lib::load().unwrap();\n    let api = api::Lib::load().unwrap();\n",
    );
    s.push_str(&body);
    s.push_str("}\n");
    s
}

/// The Rust type of a callback's parameter.
fn rust_type(t: &CTy, set: &CallSet, mode: &str) -> String {
    match t {
        CTy::Int { bits, signed, .. } => {
            format!("{}{bits}", if *signed { "i" } else { "u" })
        }
        CTy::Bool => "bool".into(),
        CTy::Float(_) => "f32".into(),
        CTy::Double(_) | CTy::LongDouble => "f64".into(),
        CTy::Pointer => "*mut ::core::ffi::c_void".into(),
        CTy::Record(i) => format!("{mode}::{}", set.records[*i].tag),
        CTy::Enum(i) => format!("{mode}::{}", crate::calls::ENUMS[*i].0),
    }
}

/// The callback a `Shape::Callback` function is given: it forwards to `fwd_`.
fn callback(set: &CallSet, f: &Func, mode: &str) -> String {
    let params: Vec<String> = f
        .params
        .iter()
        .enumerate()
        .map(|(i, t)| format!("a{i}: {}", rust_type(t, set, mode)))
        .collect();
    let args: Vec<String> = (0..f.params.len()).map(|i| format!("a{i}")).collect();
    format!(
        "unsafe extern \"C\" fn cb_{mode}_{}({}) -> u64 {{ let lib = {mode}::Lib::load().unwrap(); unsafe {{ lib.fwd_{}({}) as u64 }} }}\n",
        f.name,
        params.join(", "),
        f.name,
        args.join(", ")
    )
}

/// One argument as a Rust expression of the method's parameter type.
fn argument(v: &Val, t: &CTy, set: &CallSet, mode: &str, exact: bool) -> String {
    match (v, t) {
        (Val::Int(i), CTy::Bool) => (*i != 0).to_string(),
        (Val::Int(i), CTy::Enum(e)) => {
            format!("{mode}::{}({i}i128 as _)", crate::calls::ENUMS[*e].0)
        }
        (Val::Int(i), CTy::Int { bits, signed, .. }) if exact => {
            format!("({i}{}{bits})", if *signed { "i" } else { "u" })
        }
        (Val::Int(i), _) => format!("({i}i128 as _)"),
        (Val::Float(x), _) if exact => format!("({x:?}f64)"),
        (Val::Float(x), _) => format!("({x:?}f64 as _)"),
        (Val::Pointer(p), _) => format!("({p}usize as *mut ::core::ffi::c_void)"),
        (Val::Record(seed), CTy::Record(i)) => {
            let tag = &set.records[*i].tag;
            format!(
                "{{ let mut r = {mode}::{tag}::default(); unsafe {{ {mode}.init_{tag}(&mut r, {seed}u64 as _) }}; r }}"
            )
        }
        (Val::Record(_), _) => "()".into(),
    }
}

/// The block calling `f` in module `mode` and printing `mode.name value`.
fn call(set: &CallSet, f: &Func, mode: &'static str) -> String {
    let types: Vec<CTy> = match &f.shape {
        Shape::Variadic(extra) => f.params.iter().chain(extra).cloned().collect(),
        _ => f.params.clone(),
    };
    let mut args: Vec<String> = Vec::new();
    if f.shape == Shape::Callback {
        args.push(format!("Some(cb_{mode}_{})", f.name));
    }
    // Variadic arguments have no parameter type to convert to: they are spelled exactly.
    for (i, (v, t)) in f.args.iter().zip(&types).enumerate() {
        let exact = matches!(f.shape, Shape::Variadic(_)) && i > 0;
        args.push(argument(v, t, set, mode, exact));
    }
    let callee = match f.shape {
        Shape::Variadic(_) => format!("(*{mode}.{}())", f.name),
        _ => format!("{mode}.{}", f.name),
    };
    let call = format!("{callee}({})", args.join(", "));
    let value = match f.ret {
        Some(i) => format!(
            "{{ let r = {call}; {mode}.hash_{}(&r) }}",
            set.records[i].tag
        ),
        None => call,
    };
    format!(
        "    {{\n        let v = unsafe {{ {value} }};\n        println!(\"{mode}.{} {{}}\", v as u64);\n    }}\n",
        f.name
    )
}
