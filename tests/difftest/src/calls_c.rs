//! The C of a call set: the header cffi-rs binds, the library's functions, and the driver
//! that calls each with its arguments and prints the results (a returned record as its
//! hash).

use std::fmt::Write;

use crate::calls::{CTy, CallSet, ENUMS, Fld, Func, Shape, Val};

/// A C literal of `v` as `ty`.
pub fn c_literal(v: &Val, ty: &CTy, set: &CallSet) -> String {
    match v {
        Val::Int(i) if *i == -(1i128 << 63) => "(-9223372036854775807LL - 1)".into(),
        Val::Int(i) => match ty {
            CTy::Int { signed: false, .. } => format!("{i}ULL"),
            CTy::Enum(e) => format!("((enum {}){i}LL)", ENUMS[*e].0),
            _ => format!("({i}LL)"),
        },
        Val::Float(x) => format!("({x:?})"),
        Val::Pointer(p) => format!("((void *){p}ULL)"),
        Val::Record(seed) => {
            let i = match ty {
                CTy::Record(i) => *i,
                _ => 0,
            };
            format!("make_{}({seed}ULL)", set.records[i].tag)
        }
    }
}

/// `h = mix(h, <expr>)` for a value `expr` of type `ty`.
fn c_mix(out: &mut String, expr: &str, ty: &CTy, set: &CallSet) {
    let _ = match ty {
        CTy::Int { .. } | CTy::Bool | CTy::Enum(_) => {
            writeln!(out, "    h = mix(h, (unsigned long long)({expr}));")
        }
        CTy::Pointer => writeln!(
            out,
            "    h = mix(h, (unsigned long long)(uintptr_t)({expr}));"
        ),
        CTy::Float(_) => writeln!(
            out,
            "    {{ float t = {expr}; unsigned u; memcpy(&u, &t, 4); h = mix(h, u); }}"
        ),
        CTy::Double(_) | CTy::LongDouble => writeln!(
            out,
            "    {{ double t = (double)({expr}); unsigned long long u; memcpy(&u, &t, 8); h = mix(h, u); }}"
        ),
        CTy::Record(i) => writeln!(
            out,
            "    h = mix(h, hash_{}(&({expr})));",
            set.records[*i].tag
        ),
    };
}

/// `write` for member `f` of `*p`, or for each of its elements in a loop.
fn each_element(out: &mut String, f: &Fld, write: impl Fn(&mut String, &str)) {
    match f.array {
        Some(n) => {
            let _ = writeln!(out, "    for (int i = 0; i < {n}; i++) {{");
            write(out, &format!("p->{}[i]", f.name));
            out.push_str("    }\n");
        }
        None => write(out, &format!("p->{}", f.name)),
    }
}

/// `<place> = <value from s>` for a member of type `ty`.
fn c_fill(out: &mut String, place: &str, ty: &CTy, set: &CallSet) {
    let _ = match ty {
        CTy::Int { c, .. } => writeln!(out, "    s = mix(s, 1); {place} = ({c})s;"),
        CTy::Bool => writeln!(out, "    s = mix(s, 1); {place} = s & 1;"),
        CTy::Enum(i) => {
            let (tag, _, values) = ENUMS[*i];
            writeln!(
                out,
                "    s = mix(s, 1); {place} = (enum {tag})({}LL);",
                values[0]
            )
        }
        CTy::Float(_) | CTy::Double(_) | CTy::LongDouble => writeln!(
            out,
            "    s = mix(s, 1); {place} = ((double)(s % 4001) - 2000.0) / 8.0;"
        ),
        CTy::Pointer => writeln!(
            out,
            "    s = mix(s, 1); {place} = (void *)(uintptr_t)((s & 0xffffffffff) << 4);"
        ),
        CTy::Record(i) => writeln!(
            out,
            "    s = mix(s, 1); init_{}(&{place}, s);",
            set.records[*i].tag
        ),
    };
}

impl CallSet {
    /// The header: records, and every function's prototype.
    pub fn header(&self) -> String {
        let mut h = String::from("#ifndef CALLS_H\n#define CALLS_H\n");
        for (tag, attrs, values) in ENUMS {
            let variants: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{}_{i} = {v}LL", tag.to_uppercase()))
                .collect();
            let _ = writeln!(h, "enum{attrs} {tag} {{ {} }};", variants.join(", "));
        }
        for r in &self.records {
            let kw = if r.is_union { "union" } else { "struct" };
            let _ = writeln!(h, "{kw}{} {} {{", r.attrs, r.tag);
            for f in &r.fields {
                let array = f.array.map(|n| format!("[{n}]")).unwrap_or_default();
                let bits = f.bits.map(|w| format!(" : {w}")).unwrap_or_default();
                let _ = writeln!(h, "    {} {}{array}{bits};", f.ty.c(self), f.name);
            }
            h.push_str("};\n");
            let s = r.spelling();
            let _ = writeln!(h, "void init_{}({s} *p, unsigned long long s);", r.tag);
            let _ = writeln!(h, "unsigned long long hash_{}(const {s} *p);", r.tag);
        }
        for f in &self.functions {
            let _ = writeln!(h, "{};", self.prototype(f));
            if f.shape == Shape::Callback {
                let _ = writeln!(
                    h,
                    "unsigned long long fwd_{}({});",
                    f.name,
                    self.params(&f.params)
                );
            }
        }
        h.push_str("#endif\n");
        h
    }

    fn params(&self, params: &[CTy]) -> String {
        if params.is_empty() {
            return "void".into();
        }
        let list: Vec<String> = params
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{} a{i}", t.c(self)))
            .collect();
        list.join(", ")
    }

    fn ret(&self, f: &Func) -> String {
        match f.ret {
            Some(i) => self.records[i].spelling(),
            None => "unsigned long long".into(),
        }
    }

    fn prototype(&self, f: &Func) -> String {
        let ret = self.ret(f);
        match &f.shape {
            Shape::Plain => format!("{ret} {}({})", f.name, self.params(&f.params)),
            Shape::Variadic(_) => format!("{ret} {}(int n, ...)", f.name),
            Shape::Callback => {
                let types: Vec<String> = f.params.iter().map(|t| t.c(self)).collect();
                let types = if types.is_empty() {
                    "void".to_string()
                } else {
                    types.join(", ")
                };
                let rest: String = f
                    .params
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!(", {} a{i}", t.c(self)))
                    .collect();
                format!("{ret} {}(unsigned long long (*cb)({types}){rest})", f.name)
            }
        }
    }

    /// The library: the header's records filled and hashed, and the functions.
    pub fn source(&self) -> String {
        let mut c = String::from(
            "#include <stdarg.h>\n#include <stdint.h>\n#include <string.h>\n#include \"calls.h\"\n\
             static unsigned long long mix(unsigned long long h, unsigned long long v) {\n\
             \x20   h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);\n\
             \x20   return h * 0xff51afd7ed558ccdULL;\n}\n",
        );
        for r in &self.records {
            let s = r.spelling();
            let _ = writeln!(c, "unsigned long long hash_{}(const {s} *p) {{", r.tag);
            c.push_str("    unsigned long long h = 1;\n");
            // A union's value is its first member's.
            let fields = if r.is_union {
                &r.fields[..1]
            } else {
                &r.fields[..]
            };
            for f in fields {
                each_element(&mut c, f, |c, place| c_mix(c, place, &f.ty, self));
            }
            c.push_str("    return h;\n}\n");
            let _ = writeln!(c, "void init_{}({s} *p, unsigned long long s) {{", r.tag);
            c.push_str("    memset(p, 0, sizeof *p);\n");
            for f in fields {
                each_element(&mut c, f, |c, place| c_fill(c, place, &f.ty, self));
            }
            c.push_str("}\n");
            let _ = writeln!(
                c,
                "{s} make_{}(unsigned long long s) {{ {s} r; init_{}(&r, s); return r; }}",
                r.tag, r.tag
            );
        }
        for f in &self.functions {
            self.body(&mut c, f);
        }
        c
    }

    fn body(&self, c: &mut String, f: &Func) {
        let seed = f.name[1..].parse::<u64>().unwrap_or(0) + 7;
        if f.shape == Shape::Callback {
            let _ = writeln!(
                c,
                "unsigned long long fwd_{}({}) {{\n    unsigned long long h = {seed};",
                f.name,
                self.params(&f.params)
            );
            for (i, t) in f.params.iter().enumerate() {
                c_mix(c, &format!("a{i}"), t, self);
            }
            c.push_str("    return h;\n}\n");
        }
        let _ = writeln!(
            c,
            "{} {{\n    unsigned long long h = {seed};",
            self.prototype(f)
        );
        match &f.shape {
            Shape::Plain => {
                for (i, t) in f.params.iter().enumerate() {
                    c_mix(c, &format!("a{i}"), t, self);
                }
            }
            Shape::Variadic(extra) => {
                c.push_str("    va_list ap;\n    va_start(ap, n);\n    h = mix(h, n);\n");
                for t in extra {
                    let read = match t {
                        CTy::Double(_) => "va_arg(ap, double)".to_string(),
                        CTy::Pointer => "va_arg(ap, void *)".to_string(),
                        t => format!("va_arg(ap, {})", t.c(self)),
                    };
                    c_mix(c, &read, t, self);
                }
                c.push_str("    va_end(ap);\n");
            }
            Shape::Callback => {
                let args: Vec<String> = (0..f.params.len()).map(|i| format!("a{i}")).collect();
                let _ = writeln!(c, "    h = mix(h, cb({}));", args.join(", "));
            }
        }
        match f.ret {
            Some(i) => {
                let r = &self.records[i];
                let _ = writeln!(
                    c,
                    "    {} r;\n    init_{}(&r, h);\n    return r;\n}}",
                    r.spelling(),
                    r.tag
                );
            }
            None => c.push_str("    return h;\n}\n"),
        }
    }

    /// The driver: every function called with its arguments, each result printed as
    /// `name value` (a returned record as its hash).
    pub fn driver(&self) -> String {
        let mut c = String::from("#include <stdio.h>\n#include \"calls.h\"\n");
        for r in &self.records {
            let s = r.spelling();
            let _ = writeln!(c, "{s} make_{}(unsigned long long s);", r.tag);
        }
        c.push_str("int main(void) {\n");
        for f in &self.functions {
            let mut args: Vec<String> = Vec::new();
            let types: Vec<CTy> = match &f.shape {
                Shape::Variadic(extra) => f.params.iter().chain(extra).cloned().collect(),
                _ => f.params.clone(),
            };
            if f.shape == Shape::Callback {
                args.push(format!("fwd_{}", f.name));
            }
            for (v, t) in f.args.iter().zip(&types) {
                args.push(c_literal(v, t, self));
            }
            let call = format!("{}({})", f.name, args.join(", "));
            let _ = match f.ret {
                Some(i) => writeln!(
                    c,
                    "  {{ {} r = {call}; printf(\"{} %llu\\n\", hash_{}(&r)); }}",
                    self.records[i].spelling(),
                    f.name,
                    self.records[i].tag
                ),
                None => writeln!(c, "  printf(\"{} %llu\\n\", {call});", f.name),
            };
        }
        c.push_str("  return 0;\n}\n");
        c
    }
}
