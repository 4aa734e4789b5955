//! cffi-rs's side: the front end's layouts (what `cdef!` generates and checks in both modes)
//! and run-time mode's `sizeof`/`alignof`/`offsetof`, each compared with gcc's numbers. A
//! type cffi-rs refuses is counted as refused; a number that differs, a member that is
//! missing, or a declaration gcc accepts and the front end rejects is a disagreement.

use cffi_core::runtime::Ffi;
use cffi_frontend::layout::{flat_fields, layout_of, record_layout};
use cffi_frontend::{Options, Target, Type, TypeKind, parse};

use crate::decls::Decls;
use crate::measure::Measured;

/// How one comparison went.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Types whose every number agrees.
    pub agreed: usize,
    /// Types cffi-rs refused, each with the reason.
    pub refused: Vec<String>,
    pub disagreements: Vec<String>,
}

impl Report {
    /// One type compared: it agrees if nothing in `wrong`, else `what` differs in those.
    fn judge(&mut self, what: String, wrong: Vec<String>) {
        if wrong.is_empty() {
            self.agreed += 1;
        } else {
            self.disagreements
                .push(format!("{what}: {}", wrong.join("; ")));
        }
    }

    pub fn add(&mut self, other: Report) {
        self.agreed += other.agreed;
        self.refused.extend(other.refused);
        self.disagreements.extend(other.disagreements);
    }
}

/// The front end, reading the declarations as a header for `triple`, against gcc.
pub fn frontend(d: &Decls, gcc: &Measured, triple: &str) -> Report {
    let mut report = Report::default();
    let target = Target::from_triple(triple).expect("a known target");
    let opts = Options {
        target,
        lenient: true,
        ..Options::default()
    };
    let parsed = parse(&d.text, &opts);
    for e in &parsed.errors {
        report.disagreements.push(format!(
            "the front end rejects what gcc accepts: {e} at `{}`",
            d.text.get(e.span.clone()).unwrap_or("")
        ));
    }
    let m = &parsed.module;
    for name in &d.typedefs {
        let Some(want) = gcc.typedefs.get(name) else {
            continue;
        };
        let Some(id) = m.typedefs.iter().position(|t| &t.name == name) else {
            report.refused.push(format!("typedef {name}: left out"));
            continue;
        };
        let ty = Type::new(TypeKind::Typedef(cffi_frontend::TypedefId(id as u32)));
        match layout_of(m, &ty) {
            Ok(l) if (l.size, l.align) == *want => report.agreed += 1,
            Ok(l) => report.disagreements.push(format!(
                "{triple}: typedef {name}: cffi-rs size {} align {}, gcc {} {}",
                l.size, l.align, want.0, want.1
            )),
            Err(e) => report.refused.push(format!("typedef {name}: {e:?}")),
        }
    }
    for r in &d.records {
        let Some(want) = gcc.records.get(&r.tag) else {
            continue;
        };
        let Some(id) = m.record_tagged(&r.tag) else {
            report.refused.push(format!("{}: left out", r.spelling));
            continue;
        };
        let (layout, fields) = match (record_layout(m, id), flat_fields(m, id)) {
            (Ok(l), Ok(f)) => (l, f),
            (Err(e), _) | (_, Err(e)) => {
                report.refused.push(format!("{}: {e:?}", r.spelling));
                continue;
            }
        };
        let mut wrong = Vec::new();
        if (layout.size, layout.align) != (want.size, want.align) {
            wrong.push(format!(
                "size {} align {} (gcc {} {})",
                layout.size, layout.align, want.size, want.align
            ));
        }
        for f in &r.fields {
            let Some(&(offset, width)) = want.fields.get(&f.name) else {
                continue;
            };
            match fields.iter().find(|(n, _, _)| n == &f.name) {
                None => wrong.push(format!("member {} missing", f.name)),
                Some((_, off, w)) => {
                    let w = w.map(u64::from);
                    if *off != offset || (width.is_some() && w != width) {
                        wrong.push(format!(
                            "{} at bit {off} width {w:?} (gcc {offset} {width:?})",
                            f.name
                        ));
                    }
                }
            }
        }
        report.judge(format!("{triple}: {}", r.spelling), wrong);
    }
    report
}

/// Run-time mode (host only), reading the declarations as a header, against gcc.
pub fn runtime(d: &Decls, gcc: &Measured) -> Report {
    let mut report = Report::default();
    let mut ffi = Ffi::new();
    if let Err(e) = ffi.cdef_header(&d.text) {
        report
            .disagreements
            .push(format!("run-time mode rejects what gcc accepts: {e}"));
        return report;
    }
    for name in &d.typedefs {
        let Some(want) = gcc.typedefs.get(name) else {
            continue;
        };
        match (ffi.sizeof(name), ffi.alignof(name)) {
            (Ok(s), Ok(a)) if (s as u64, a as u64) == *want => report.agreed += 1,
            (Ok(s), Ok(a)) => report.disagreements.push(format!(
                "run-time: typedef {name}: size {s} align {a}, gcc {} {}",
                want.0, want.1
            )),
            (Err(e), _) | (_, Err(e)) => report.refused.push(format!("typedef {name}: {e}")),
        }
    }
    for r in &d.records {
        let Some(want) = gcc.records.get(&r.tag) else {
            continue;
        };
        let (size, align) = match (ffi.sizeof(&r.spelling), ffi.alignof(&r.spelling)) {
            (Ok(s), Ok(a)) => (s as u64, a as u64),
            (Err(e), _) | (_, Err(e)) => {
                report.refused.push(format!("{}: {e}", r.spelling));
                continue;
            }
        };
        let mut wrong = Vec::new();
        if (size, align) != (want.size, want.align) {
            wrong.push(format!(
                "size {size} align {align} (gcc {} {})",
                want.size, want.align
            ));
        }
        for f in r.fields.iter().filter(|f| f.bit_width.is_none()) {
            let Some(&(offset, _)) = want.fields.get(&f.name) else {
                continue;
            };
            match ffi.offsetof(&r.spelling, &f.name) {
                Ok(o) if o as u64 * 8 == offset => {}
                Ok(o) => wrong.push(format!("{} at byte {o} (gcc bit {offset})", f.name)),
                Err(e) => wrong.push(format!("{}: {e}", f.name)),
            }
        }
        report.judge(format!("run-time: {}", r.spelling), wrong);
    }
    report
}
