//! `cdef!`'s side of the layout test: the random declarations imported as a header in ABI
//! and API mode, and every record's and typedef's Rust `size_of` and `align_of` compared
//! with gcc's `sizeof` and `_Alignof` (the generated layout assertions, and API mode's C
//! checks, must also let the crate build). A type cffi-rs leaves out does not compile, or is
//! an opaque type of no size: refused.

use std::fmt::Write;
use std::path::Path;

use crate::compare::Report;
use crate::decls::Decls;
use crate::measure::Measured;
use crate::rust_crate::{self, MODES};

/// Builds and runs the crate for `d` in `dir`, and compares with `gcc` (the host's numbers).
pub fn compare(d: &Decls, gcc: &Measured, dir: &Path, workspace: &Path, target: &Path) -> Report {
    let mut report = Report::default();
    let header = dir.join("decls.h");
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&header, &d.text)) {
        report.disagreements.push(e.to_string());
        return report;
    }
    let krate = dir.join("crate");
    let names: Vec<&str> = d
        .records
        .iter()
        .map(|r| r.tag.as_str())
        .chain(d.typedefs.iter().map(String::as_str))
        .collect();
    let built = rust_crate::write(&krate, "difftest_layouts", workspace, &[&header])
        .and_then(|()| rust_crate::build(&krate, target, |dropped| main_rs(&names, dropped)))
        .and_then(|dropped| {
            let out = rust_crate::run("difftest_layouts", &krate, target)?;
            Ok((dropped, out))
        });
    let (dropped, out) = match built {
        Ok(b) => b,
        Err(e) => {
            report.disagreements.push(e);
            return report;
        }
    };
    let printed = String::from_utf8_lossy(&out.stdout);
    for name in names {
        let want = gcc
            .records
            .get(name)
            .map(|r| (r.size, r.align))
            .or_else(|| gcc.typedefs.get(name).copied());
        let Some(want) = want else { continue };
        for mode in MODES {
            if dropped.iter().any(|(m, n)| *m == mode && n == name) {
                report.refused.push(format!("{mode}: {name} left out"));
                continue;
            }
            let key = format!("{mode}.{name} ");
            let got = printed
                .lines()
                .find_map(|l| l.strip_prefix(&key))
                .and_then(|rest| {
                    let (s, a) = rest.split_once(' ')?;
                    Some((s.parse::<u64>().ok()?, a.parse::<u64>().ok()?))
                });
            match got {
                // An opaque type: left out as a value, bound for its pointers.
                Some((0, _)) => report.refused.push(format!("{mode}: {name} opaque")),
                Some(g) if g == want => report.agreed += 1,
                Some(g) => report.disagreements.push(format!(
                    "{mode}: {name}: Rust size {} align {}, gcc {} {}",
                    g.0, g.1, want.0, want.1
                )),
                None => report
                    .disagreements
                    .push(format!("{mode}: {name}: no size printed")),
            }
        }
    }
    report
}

/// `main.rs`: both modules, and a line printing each type's size and alignment.
fn main_rs(names: &[&str], dropped: &[rust_crate::Use]) -> String {
    let mut s = String::from(
        "#![allow(unused_imports, clippy::all)]\n\
         use cffi_core::cdef;\n\
         cdef! { #[cffi(abi, lib = \"c\", import = \"decls.h\")] pub unsafe mod abi {} }\n\
         cdef! { #[cffi(api, import = \"decls.h\")] pub unsafe mod api {} }\n\
         // use main -\n\
         fn main() {\n",
    );
    for name in names {
        for mode in MODES {
            if dropped.iter().any(|(m, n)| *m == mode && n == name) {
                continue;
            }
            let _ = writeln!(
                s,
                "    // use {mode} {name}\n    println!(\"{mode}.{name} {{}} {{}}\", ::core::mem::size_of::<{mode}::{name}>(), ::core::mem::align_of::<{mode}::{name}>());"
            );
        }
    }
    s.push_str("}\n");
    s
}
