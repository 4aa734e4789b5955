//! clang's side, for targets no machine here runs (macOS on arm64 and x86-64): the numbers
//! `measure`'s program prints, compiled into constants instead (sizes, alignments and member
//! offsets as `unsigned long long`s; a bit-field's place as the bytes of a record holding only
//! that bit-field's bits) and read back from the assembly clang writes for the target.
//! Debian's clang needs no SDK to lay out self-contained declarations.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

use crate::decls::Decls;
use crate::measure::{Measured, Sizes};

/// A target clang lays out for, and how the front end names it.
#[derive(Clone, Copy, Debug)]
pub struct ClangTarget {
    /// The Rust triple the front end reads.
    pub triple: &'static str,
    /// clang's `-target`.
    pub clang: &'static str,
}

impl ClangTarget {
    pub const APPLE_ARM64: ClangTarget = ClangTarget {
        triple: "aarch64-apple-darwin",
        clang: "arm64-apple-macos",
    };
    pub const APPLE_X86_64: ClangTarget = ClangTarget {
        triple: "x86_64-apple-darwin",
        clang: "x86_64-apple-macos",
    };

    /// Whether this machine has clang.
    pub fn available() -> bool {
        Command::new("clang")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }
}

/// The declarations followed by one constant per number: `cffi_tI` for typedef I,
/// `cffi_rJ` for record J, `cffi_rJ_fK` for its member K's offset in bits, `cffi_rJ_bK` for
/// its bit-field K set to all ones (1 for `_Bool`) in a record of zeros.
pub fn source(d: &Decls) -> String {
    let mut c = d.text.clone();
    c.push('\n');
    for (i, t) in d.typedefs.iter().enumerate() {
        writeln!(
            c,
            "const unsigned long long cffi_t{i}[2] = {{ sizeof({t}), _Alignof({t}) }};"
        )
        .unwrap();
    }
    for (j, r) in d.records.iter().enumerate() {
        let s = &r.spelling;
        writeln!(
            c,
            "const unsigned long long cffi_r{j}[2] = {{ sizeof({s}), _Alignof({s}) }};"
        )
        .unwrap();
        for (k, f) in r.fields.iter().enumerate() {
            let n = &f.name;
            match f.bit_width {
                None => writeln!(
                    c,
                    "const unsigned long long cffi_r{j}_f{k} = __builtin_offsetof({s}, {n}) * 8;"
                ),
                Some(_) => writeln!(
                    c,
                    "const union {{ {s} s; unsigned char b[sizeof({s})]; }} cffi_r{j}_b{k} = {{ .s = {{ .{n} = {} }} }};",
                    if f.is_bool { "1" } else { "-1" }
                ),
            }
            .unwrap();
        }
    }
    c
}

/// Compiles [`source`] for `target` in `dir` and reads clang's numbers from its assembly.
pub fn measure(d: &Decls, target: ClangTarget, dir: &Path) -> Result<Measured, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let src = dir.join(format!("measure-{}.c", target.triple));
    let asm = dir.join(format!("measure-{}.s", target.triple));
    std::fs::write(&src, source(d)).map_err(|e| e.to_string())?;
    let out = Command::new("clang")
        .args([
            "-target",
            target.clang,
            "-S",
            "-O0",
            "-w",
            "-std=gnu11",
            "-o",
        ])
        .arg(&asm)
        .arg(&src)
        .output()
        .map_err(|e| format!("clang: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "clang rejected the generated declarations ({}):\n{}",
            src.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = std::fs::read_to_string(&asm).map_err(|e| e.to_string())?;
    Ok(numbers(d, &data(&text)))
}

/// Reads the constants back into what `measure` gives.
fn numbers(d: &Decls, data: &HashMap<String, Vec<u8>>) -> Measured {
    let quad = |label: &str, i: usize| -> u64 {
        data.get(label)
            .and_then(|b| b.get(i * 8..i * 8 + 8))
            .map_or(u64::MAX, |b| u64::from_le_bytes(b.try_into().unwrap()))
    };
    let mut m = Measured::default();
    for (i, t) in d.typedefs.iter().enumerate() {
        let l = format!("cffi_t{i}");
        m.typedefs.insert(t.clone(), (quad(&l, 0), quad(&l, 1)));
    }
    for (j, r) in d.records.iter().enumerate() {
        let l = format!("cffi_r{j}");
        let mut sizes = Sizes {
            size: quad(&l, 0),
            align: quad(&l, 1),
            ..Sizes::default()
        };
        for (k, f) in r.fields.iter().enumerate() {
            let place = match f.bit_width {
                None => (quad(&format!("cffi_r{j}_f{k}"), 0), None),
                Some(_) => set_bits(data.get(&format!("cffi_r{j}_b{k}"))),
            };
            sizes.fields.insert(f.name.clone(), place);
        }
        m.records.insert(r.tag.clone(), sizes);
    }
    m
}

/// The first set bit of `bytes` (least significant first) and how many are set, as
/// `measure`'s program prints a bit-field.
fn set_bits(bytes: Option<&Vec<u8>>) -> (u64, Option<u64>) {
    let Some(bytes) = bytes else {
        return (u64::MAX, None);
    };
    let set = |i: usize| bytes[i / 8] >> (i % 8) & 1 == 1;
    let all = 0..bytes.len() * 8;
    let first = all.clone().find(|&i| set(i)).map_or(u64::MAX, |i| i as u64);
    (first, Some(all.filter(|&i| set(i)).count() as u64))
}

/// The bytes after each label of the assembly's data: `.byte`, `.short`, `.long`, `.quad`
/// (little-endian), `.space`/`.zero` and `.ascii`/`.asciz`, by the label's C name when it starts
/// with `cffi_`.
pub fn data(asm: &str) -> HashMap<String, Vec<u8>> {
    let mut out: HashMap<String, Vec<u8>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in asm.lines() {
        let line = line.trim();
        if let Some(label) = line.strip_suffix(':') {
            // Mach-O prefixes C names with `_`.
            current = label
                .strip_prefix('_')
                .filter(|l| l.starts_with("cffi_"))
                .map(str::to_string);
            continue;
        }
        let Some(label) = &current else { continue };
        let (directive, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let bytes = out.entry(label.clone()).or_default();
        match directive {
            ".ascii" | ".asciz" => {
                bytes.extend(unquote(rest.trim()));
                if directive == ".asciz" {
                    bytes.push(0);
                }
            }
            _ => {
                // Comments follow `;` (arm64) or `##` (x86-64).
                let value = rest.split([';', '#']).next().unwrap_or("").trim();
                let int = || value.parse::<i128>().unwrap_or(0);
                match directive {
                    ".byte" => bytes.push(int() as u8),
                    ".short" => bytes.extend((int() as u16).to_le_bytes()),
                    ".long" => bytes.extend((int() as u32).to_le_bytes()),
                    ".quad" => bytes.extend((int() as u64).to_le_bytes()),
                    ".space" | ".zero" => {
                        let n = value.split(',').next().unwrap_or("0").trim();
                        bytes.extend(std::iter::repeat_n(0, n.parse().unwrap_or(0)));
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// The bytes of an assembler string: `"..."` with `\\`, `\"`, `\n`-style and octal escapes.
fn unquote(s: &str) -> Vec<u8> {
    let inner = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s);
    let mut out = Vec::new();
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match it.next() {
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    match it.peek() {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            it.next();
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            Some(b'n') => out.push(b'\n'),
            Some(b't') => out.push(b'\t'),
            Some(b'r') => out.push(b'\r'),
            Some(b'b') => out.push(8),
            Some(b'f') => out.push(12),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assembly_data_is_read_as_bytes() {
        let asm = "_cffi_r0:\n\t.quad\t72 ; 0x48\n\t.short -2\n\t.space\t2\n\t.ascii\t\"\\377a\\\"\"\n_other:\n\t.byte 9\n";
        let d = data(asm);
        assert_eq!(
            d["cffi_r0"],
            [72, 0, 0, 0, 0, 0, 0, 0, 0xfe, 0xff, 0, 0, 0xff, b'a', b'"']
        );
        assert!(!d.contains_key("other"));
        assert_eq!(set_bits(Some(&vec![0, 0b0111_0000, 1])), (12, Some(4)));
    }
}
