//! What only the C compiler knows (API mode's `...`): the layout of a partial struct, the
//! value of `#define X ...`, the size of `typedef int... t`, the values of a partial enum,
//! the length of `T x[...]`.
//!
//! The build script compiles a probe file to assembly, never running target code (so cross
//! builds work), and reads each number back from the constant that holds it; the numbers go
//! to a file in `OUT_DIR`, which the macro reads when it expands the module.

use std::collections::HashMap;
use std::fmt::Write;

use cffi_frontend::render::c_type;
use cffi_frontend::{ArrayLen, ConstValue, Module, RecordId, TypeKind, UnknownKind};

/// The numbers of one module, by name (`size:struct tm`, `define:BUFSIZ`, ...).
#[derive(Debug, Default)]
pub struct Probes(HashMap<String, u64>);

impl Probes {
    pub fn get(&self, name: &str) -> Option<u64> {
        self.0.get(name).copied()
    }

    /// The numbers the build script found for module `key`, if it ran.
    pub fn read(key: &str) -> Option<Probes> {
        let dir = std::env::var_os("OUT_DIR")?;
        let text = std::fs::read_to_string(std::path::Path::new(&dir).join(file_name(key))).ok()?;
        Some(Probes::parse(&text))
    }

    pub fn parse(text: &str) -> Probes {
        Probes(
            text.lines()
                .filter_map(|l| l.rsplit_once('='))
                .filter_map(|(k, v)| Some((k.to_string(), v.parse().ok()?)))
                .collect(),
        )
    }
}

/// The file in `OUT_DIR` holding module `key`'s numbers.
pub fn file_name(key: &str) -> String {
    format!("cffi_probe_{key}.txt")
}

/// Every number module `m` needs from the compiler: `(name, C expression)`.
/// Declarations before `from` are a used module's, whose own build measures them.
pub fn wanted(m: &Module, from: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let names = crate::rust_model::names::c_record_names(m);
    let reprs = crate::rust_model::repr::Reprs::new(m);
    for (i, name) in names.iter().enumerate() {
        let id = RecordId(i as u32);
        if reprs.of(id) != crate::rust_model::repr::Repr::Measured || m.record(id).span.start < from
        {
            continue;
        }
        let Some(name) = name else {
            continue;
        };
        out.push((format!("size:{name}"), format!("sizeof({name})")));
        out.push((format!("align:{name}"), format!("_Alignof({name})")));
        for f in crate::rust_model::names::flat_named_fields(m, id) {
            if let (Some(field), None) = (&f.name, f.bit_width) {
                out.push((
                    format!("offset:{name}:{field}"),
                    format!("__builtin_offsetof({name}, {field})"),
                ));
                if let TypeKind::Array(_, ArrayLen::FromCompiler) = f.ty.kind {
                    let member = format!("(({name} *)0)->{field}");
                    out.push((
                        format!("length:{name}:{field}"),
                        format!("(sizeof({member}) / sizeof({member}[0]))"),
                    ));
                }
            }
        }
    }
    for t in m.typedefs.iter().filter(|t| t.span.start >= from) {
        if let TypeKind::Unknown(UnknownKind::Int | UnknownKind::Float) = t.ty.kind {
            out.push((format!("size:{}", t.name), format!("sizeof({})", t.name)));
            out.push((
                format!("signed:{}", t.name),
                format!("(({})-1 < 0)", t.name),
            ));
        }
    }
    for c in m.consts.iter().filter(|c| c.span.start >= from) {
        let declared_int = matches!(c.value, ConstValue::Int { .. });
        if c.value == ConstValue::FromCompiler || (c.spelled_as_object && declared_int) {
            out.push((format!("define:{}", c.name), format!("({})", c.name)));
            out.push((
                format!("negative:{}", c.name),
                format!("(({}) < 0)", c.name),
            ));
        }
    }
    let enums = m
        .enums
        .iter()
        .zip(crate::rust_model::names::c_enum_names(m));
    for (e, c_name) in enums.filter(|(e, _)| e.span.start >= from) {
        if !e.partial {
            continue;
        }
        let ty = c_name.unwrap_or_else(|| "int".into());
        out.push((format!("size:{ty}"), format!("sizeof({ty})")));
        out.push((format!("signed:{ty}"), format!("(({ty})-1 < 0)")));
        for v in e.variants.iter().flatten() {
            out.push((format!("enumerator:{}", v.name), format!("({})", v.name)));
        }
    }
    for v in m.vars.iter().filter(|v| v.span.start >= from) {
        if let TypeKind::Array(elem, ArrayLen::FromCompiler) = &v.ty.kind {
            let elem = c_type(m, elem);
            out.push((
                format!("length:{}", v.name),
                format!("(sizeof({}) / sizeof({elem}))", v.name),
            ));
        }
    }
    out
}

/// Gives every `T x[...]` the length the build script measured: the fields of partial structs
/// (and `T x[]` before other fields), and globals. They are plain arrays to the rest of the
/// generator then. A length not measured stays unknown, and binding it reports that.
pub fn fill_lengths(m: &mut Module, probes: &Probes) {
    let names = crate::rust_model::names::c_record_names(m);
    // Fields are found again by where they start: flattened members live in other records.
    let mut lengths = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        let Some(name) = name else { continue };
        for f in crate::rust_model::names::flat_named_fields(m, RecordId(i as u32)) {
            if let (Some(field), TypeKind::Array(_, ArrayLen::FromCompiler)) = (&f.name, &f.ty.kind)
                && let Some(n) = probes.get(&format!("length:{name}:{field}"))
            {
                lengths.insert(f.span.start, n);
            }
        }
    }
    let fields = m
        .records
        .iter_mut()
        .flat_map(|r| r.fields.iter_mut().flatten());
    for f in fields {
        if let (Some(&n), TypeKind::Array(_, len)) = (lengths.get(&f.span.start), &mut f.ty.kind) {
            *len = ArrayLen::Fixed(n);
        }
    }
    for v in &mut m.vars {
        if let TypeKind::Array(_, len @ ArrayLen::FromCompiler) = &mut v.ty.kind
            && let Some(n) = probes.get(&format!("length:{}", v.name))
        {
            *len = ArrayLen::Fixed(n);
        }
    }
}

/// The probe file: after `prologue` (the module's C), two 32-bit constants per number.
pub fn c(wanted: &[(String, String)], key: &str, prologue: &str) -> String {
    let mut c = String::new();
    c.push_str(prologue);
    c.push_str("#include <stddef.h>\n");
    for (i, (_, expr)) in wanted.iter().enumerate() {
        let _ = writeln!(
            c,
            "const unsigned int __cffi_probe_{key}_{i}_lo = (unsigned int)((unsigned long long)({expr}));\n\
             const unsigned int __cffi_probe_{key}_{i}_hi = (unsigned int)((unsigned long long)({expr}) >> 32);"
        );
    }
    c
}

/// Reads the constants back from the compiler's assembly: the first data directive after each
/// label (`.long 56`, `.word 56`, `.4byte 56`, or `.zero 4` for 0).
pub fn read_assembly(asm: &str, wanted: &[(String, String)], key: &str) -> Result<String, String> {
    let mut values: HashMap<String, u64> = HashMap::new();
    let mut lines = asm.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = line.strip_suffix(':') else {
            continue;
        };
        let label = label.trim_start_matches('_');
        let Some(rest) = label.strip_prefix(&format!("cffi_probe_{key}_")) else {
            continue;
        };
        let Some(directive) = lines.by_ref().find(|l| {
            !l.is_empty() && !l.starts_with('#') && !l.starts_with("//") && !l.starts_with(';')
        }) else {
            break;
        };
        let mut parts = directive.split_whitespace();
        let op = parts.next().unwrap_or("");
        let arg = parts.next().unwrap_or("").trim_end_matches(',');
        let v = if op == ".zero" || op == ".space" || op == ".skip" {
            0
        } else if let Some(hex) = arg.strip_prefix("0x") {
            u64::from_str_radix(hex, 16).map_err(|_| format!("cannot read `{directive}`"))?
        } else if let Ok(v) = arg.parse::<i64>() {
            v as u32 as u64
        } else {
            return Err(format!("cannot read `{directive}` after `{line}`"));
        };
        values.insert(rest.to_string(), v);
    }
    let mut out = String::new();
    for (i, (name, _)) in wanted.iter().enumerate() {
        let lo = values
            .get(&format!("{i}_lo"))
            .ok_or_else(|| format!("no value for {name}"))?;
        let hi = values
            .get(&format!("{i}_hi"))
            .ok_or_else(|| format!("no value for {name}"))?;
        let _ = writeln!(out, "{name}={}", (hi << 32) | lo);
    }
    Ok(out)
}

/// The Rust type of a `typedef int... t` or `typedef float... t`.
pub fn unknown_typedef(
    probes: &Probes,
    name: &str,
    kind: UnknownKind,
) -> Option<proc_macro2::TokenStream> {
    use quote::quote;
    let size = probes.get(&format!("size:{name}"))?;
    match kind {
        UnknownKind::Float => match size {
            4 => Some(quote!(f32)),
            8 => Some(quote!(f64)),
            _ => None,
        },
        _ => crate::rust_model::rust_types::int_of_size(
            size,
            probes.get(&format!("signed:{name}"))? != 0,
        ),
    }
}
