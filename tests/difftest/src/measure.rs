//! gcc's side: a C program that prints the size and alignment of every generated record and
//! typedef and the bit offset of every named member, compiled by the target's gcc and run
//! (natively, under qemu for aarch64, under wine for Windows).

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

use crate::decls::Decls;

/// A C compiler and how to run what it builds.
#[derive(Clone, Debug)]
pub struct CTarget {
    pub triple: &'static str,
    pub cc: &'static str,
    /// Flags for the compile (static linking, so no sysroot is needed to run it).
    pub flags: &'static [&'static str],
    /// A program to run the result with, or none to run it directly.
    pub runner: Option<&'static str>,
    /// What the executable's name ends with (`.exe` for Windows).
    pub exe_suffix: &'static str,
}

impl CTarget {
    pub const X86_64: CTarget = CTarget {
        triple: "x86_64-unknown-linux-gnu",
        cc: "gcc",
        flags: &[],
        runner: None,
        exe_suffix: "",
    };
    pub const I686: CTarget = CTarget {
        triple: "i686-unknown-linux-gnu",
        cc: "i686-linux-gnu-gcc",
        flags: &["-static"],
        runner: None,
        exe_suffix: "",
    };
    pub const AARCH64: CTarget = CTarget {
        triple: "aarch64-unknown-linux-gnu",
        cc: "aarch64-linux-gnu-gcc",
        flags: &["-static"],
        runner: Some("qemu-aarch64"),
        exe_suffix: "",
    };
    /// 64-bit Windows (LLP64, MS bit-fields): MinGW's gcc, its program run under wine, with
    /// MinGW's own `printf` (which knows `%zu`).
    pub const WINDOWS: CTarget = CTarget {
        triple: "x86_64-pc-windows-gnu",
        cc: "x86_64-w64-mingw32-gcc",
        flags: &["-static", "-D__USE_MINGW_ANSI_STDIO=1"],
        runner: Some("wine"),
        exe_suffix: ".exe",
    };

    /// Whether this machine has the compiler (and the runner).
    pub fn available(&self) -> bool {
        let has = |cmd: &str| {
            Command::new(cmd)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        };
        has(self.cc) && self.runner.is_none_or(has)
    }
}

/// What gcc says of each record (by tag) and typedef.
#[derive(Clone, Debug, Default)]
pub struct Measured {
    pub records: HashMap<String, Sizes>,
    pub typedefs: HashMap<String, (u64, u64)>,
}

#[derive(Clone, Debug, Default)]
pub struct Sizes {
    pub size: u64,
    pub align: u64,
    /// Each named member: its offset in bits and, for a bit-field, its width.
    pub fields: HashMap<String, (u64, Option<u64>)>,
}

/// The program printing gcc's numbers.
pub fn program(d: &Decls) -> String {
    let mut c = String::from(
        "#include <stdio.h>\n#include <stddef.h>\n#include <string.h>\n\
         static void bits(const unsigned char *b, size_t n, const char *r, const char *f) {\n\
           long first = -1, count = 0;\n\
           for (size_t i = 0; i < n * 8; i++) if ((b[i / 8] >> (i % 8)) & 1) { if (first < 0) first = (long)i; count++; }\n\
           printf(\"B %s %s %ld %ld\\n\", r, f, first, count);\n\
         }\n",
    );
    c.push_str(&d.text);
    c.push_str("int main(void) {\n");
    for t in &d.typedefs {
        writeln!(
            c,
            "  printf(\"T {t} %zu %zu\\n\", sizeof({t}), _Alignof({t}));"
        )
        .unwrap();
    }
    for r in &d.records {
        let (s, tag) = (&r.spelling, &r.tag);
        writeln!(
            c,
            "  printf(\"R {tag} %zu %zu\\n\", sizeof({s}), _Alignof({s}));"
        )
        .unwrap();
        for f in &r.fields {
            let n = &f.name;
            match f.bit_width {
                None => writeln!(
                    c,
                    "  printf(\"F {tag} {n} %zu\\n\", offsetof({s}, {n}) * 8);"
                )
                .unwrap(),
                Some(_) => {
                    let value = if f.is_bool { "1" } else { "-1" };
                    writeln!(
                        c,
                        "  {{ union {{ {s} s; unsigned char b[sizeof({s})]; }} u; memset(&u, 0, sizeof u); u.s.{n} = {value}; bits(u.b, sizeof u.b, \"{tag}\", \"{n}\"); }}"
                    )
                    .unwrap()
                }
            }
        }
    }
    c.push_str("  return 0;\n}\n");
    c
}

/// Compiles and runs [`program`] for `target` in `dir`; gcc's numbers, or what went wrong.
pub fn measure(d: &Decls, target: &CTarget, dir: &Path) -> Result<Measured, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let src = dir.join(format!("measure-{}.c", target.triple));
    let exe = dir.join(format!("measure-{}{}", target.triple, target.exe_suffix));
    std::fs::write(&src, program(d)).map_err(|e| e.to_string())?;
    let out = Command::new(target.cc)
        .args(target.flags)
        .args(["-w", "-std=gnu11", "-o"])
        .arg(&exe)
        .arg(&src)
        .output()
        .map_err(|e| format!("{}: {e}", target.cc))?;
    if !out.status.success() {
        return Err(format!(
            "{} rejected the generated declarations ({}):\n{}",
            target.cc,
            src.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let run = match target.runner {
        Some(r) => Command::new(r).arg(&exe).env("WINEDEBUG", "-all").output(),
        None => Command::new(&exe).output(),
    }
    .map_err(|e| format!("running {}: {e}", exe.display()))?;
    if !run.status.success() {
        return Err(format!(
            "{} failed ({}): {}",
            exe.display(),
            run.status,
            String::from_utf8_lossy(&run.stderr).trim()
        ));
    }
    Ok(parse(&String::from_utf8_lossy(&run.stdout)))
}

fn parse(text: &str) -> Measured {
    let mut m = Measured::default();
    for line in text.lines() {
        let w: Vec<&str> = line.split_whitespace().collect();
        let num = |i: usize| w.get(i).and_then(|s| s.parse::<i64>().ok()).unwrap_or(-1) as u64;
        match w.first() {
            Some(&"T") => {
                m.typedefs.insert(w[1].to_string(), (num(2), num(3)));
            }
            Some(&"R") => {
                let r = m.records.entry(w[1].to_string()).or_default();
                r.size = num(2);
                r.align = num(3);
            }
            Some(&"F") => {
                let r = m.records.entry(w[1].to_string()).or_default();
                r.fields.insert(w[2].to_string(), (num(3), None));
            }
            Some(&"B") => {
                let r = m.records.entry(w[1].to_string()).or_default();
                r.fields.insert(w[2].to_string(), (num(3), Some(num(4))));
            }
            _ => {}
        }
    }
    m
}
