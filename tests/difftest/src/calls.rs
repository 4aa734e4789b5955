//! Random C functions taking and returning scalars and records by value, variadic
//! functions, and functions calling back through a function pointer, with bodies that mix
//! every argument's value into the result. gcc compiles them into a shared library and into
//! a driver that calls each with seeded arguments and prints the results; cffi-rs makes the
//! same calls ([`crate::runtime_calls`], [`crate::crate_calls`]) and must print the same.
//!
//! Records cross only by value: C fills them (`init_rN`) and hashes them (`hash_rN`), member
//! by member, so padding never counts and Rust never has to know a field's value.

use std::fmt::Write;

use crate::rng::Rng;

/// A type a parameter, member or result has.
#[derive(Clone, Debug, PartialEq)]
pub enum CTy {
    /// An integer: C's spelling, its bits and signedness.
    Int {
        c: &'static str,
        bits: u32,
        signed: bool,
    },
    Bool,
    Float,
    Double,
    LongDouble,
    /// `void *`.
    Pointer,
    /// Record `i` of the set.
    Record(usize),
    /// Enum `i` of [`ENUMS`].
    Enum(usize),
}

/// One enum of each underlying type gcc picks: `unsigned char` (packed), `int`, `unsigned
/// int`, `long`, with the values that make it so.
pub const ENUMS: &[(&str, &str, &[i128])] = &[
    ("e0", " __attribute__((packed))", &[0, 7, 200]),
    ("e1", "", &[-3, 0, 30000]),
    ("e2", "", &[0, 1, 4_000_000_000]),
    ("e3", "", &[-(1 << 40), 5, 1 << 40]),
];

const INTS: &[(&str, u32, bool)] = &[
    ("char", 8, true),
    ("long", 64, true),
    ("unsigned long", 64, false),
    ("signed char", 8, true),
    ("unsigned char", 8, false),
    ("short", 16, true),
    ("unsigned short", 16, false),
    ("int", 32, true),
    ("unsigned int", 32, false),
    ("long long", 64, true),
    ("unsigned long long", 64, false),
];

impl CTy {
    /// The type as C spells it.
    pub fn c(&self, set: &CallSet) -> String {
        match self {
            CTy::Int { c, .. } => c.to_string(),
            CTy::Bool => "_Bool".into(),
            CTy::Float => "float".into(),
            CTy::Double => "double".into(),
            CTy::LongDouble => "long double".into(),
            CTy::Pointer => "void *".into(),
            CTy::Record(i) => set.records[*i].spelling(),
            CTy::Enum(i) => format!("enum {}", ENUMS[*i].0),
        }
    }
}

/// A struct or union of the set.
#[derive(Clone, Debug)]
pub struct Rec {
    pub tag: String,
    pub is_union: bool,
    /// `__attribute__((...))` between the keyword and the tag, or empty.
    pub attrs: String,
    pub fields: Vec<Fld>,
}

impl Rec {
    pub fn spelling(&self) -> String {
        let kw = if self.is_union { "union" } else { "struct" };
        format!("{kw} {}", self.tag)
    }
}

#[derive(Clone, Debug)]
pub struct Fld {
    pub name: String,
    pub ty: CTy,
    pub array: Option<u64>,
    pub bits: Option<u32>,
}

/// A value passed: an integer (also `_Bool`), a float (exact in every float type), an
/// address, or the seed C fills a record from.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Int(i128),
    Float(f64),
    Pointer(u64),
    Record(u64),
}

/// How a function is called.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Plain,
    /// `(int n, ...)`: the extra arguments' types, after `n`.
    Variadic(Vec<CTy>),
    /// The first parameter is a function pointer of the other parameters' types, which the
    /// function calls; the driver passes `fwd_<name>`, which hashes its arguments.
    Callback,
}

#[derive(Clone, Debug)]
pub struct Func {
    pub name: String,
    pub params: Vec<CTy>,
    /// `None`: returns the hash as `unsigned long long`; `Some(i)`: returns record `i` filled
    /// from it.
    pub ret: Option<usize>,
    pub shape: Shape,
    pub args: Vec<Val>,
}

/// Records, functions and their arguments from one seed.
#[derive(Clone, Debug, Default)]
pub struct CallSet {
    pub records: Vec<Rec>,
    pub functions: Vec<Func>,
}

/// `count` functions (and the records they pass) from `seed`.
pub fn generate(seed: u64, count: usize) -> CallSet {
    let mut rng = Rng::new(seed);
    let mut set = CallSet::default();
    for i in 0..1 + rng.below(6) {
        let rec = record(&mut rng, i as usize);
        set.records.push(rec);
    }
    for i in 0..count {
        let f = function(&mut rng, &set, i);
        set.functions.push(f);
    }
    set
}

fn scalar(rng: &mut Rng) -> CTy {
    // `long double` is rare: no Rust type holds it, so `cdef!` leaves out what passes it.
    match rng.below(40) {
        0..=3 => CTy::Bool,
        4..=7 => CTy::Float,
        8..=14 => CTy::Double,
        15 => CTy::LongDouble,
        16..=19 => CTy::Pointer,
        20..=23 => CTy::Enum(rng.below(ENUMS.len() as u64) as usize),
        _ => {
            let &(c, bits, signed) = rng.pick(INTS);
            CTy::Int { c, bits, signed }
        }
    }
}

fn record(rng: &mut Rng, i: usize) -> Rec {
    let is_union = rng.chance(15);
    let attrs = match rng.below(12) {
        0 => " __attribute__((packed))".to_string(),
        1 => " __attribute__((aligned(16)))".to_string(),
        _ => String::new(),
    };
    let mut fields = Vec::new();
    for j in 0..1 + rng.below(5) {
        let name = format!("m{j}");
        let (ty, bits) = match rng.below(8) {
            0 if i > 0 && !is_union => (CTy::Record(rng.below(i as u64) as usize), None),
            1 if !is_union => {
                let &(c, width, signed) = rng.pick(INTS);
                let w = 1 + rng.below(u64::from(width)) as u32;
                (
                    CTy::Int {
                        c,
                        bits: width,
                        signed,
                    },
                    Some(w),
                )
            }
            _ => (scalar(rng), None),
        };
        let array = (bits.is_none() && rng.chance(15)).then(|| 1 + rng.below(3));
        fields.push(Fld {
            name,
            ty,
            array,
            bits,
        });
    }
    Rec {
        tag: format!("r{i}"),
        is_union,
        attrs,
        fields,
    }
}

fn function(rng: &mut Rng, set: &CallSet, i: usize) -> Func {
    let any = |rng: &mut Rng| {
        if !set.records.is_empty() && rng.chance(35) {
            CTy::Record(rng.below(set.records.len() as u64) as usize)
        } else {
            scalar(rng)
        }
    };
    let shape = match rng.below(10) {
        0 => Shape::Variadic(
            (0..1 + rng.below(5))
                .map(|_| match rng.below(4) {
                    0 => CTy::Double,
                    1 => CTy::Pointer,
                    // Only types that are their own promotion cross `...` as themselves.
                    _ => {
                        let &(c, bits, signed) = rng.pick(&[
                            ("int", 32, true),
                            ("unsigned int", 32, false),
                            ("long", 64, true),
                            ("long long", 64, true),
                            ("unsigned long long", 64, false),
                        ]);
                        CTy::Int { c, bits, signed }
                    }
                })
                .collect(),
        ),
        1 => Shape::Callback,
        _ => Shape::Plain,
    };
    let params: Vec<CTy> = match shape {
        Shape::Variadic(_) => vec![CTy::Int {
            c: "int",
            bits: 32,
            signed: true,
        }],
        _ => (0..rng.below(9)).map(|_| any(rng)).collect(),
    };
    let ret = (!set.records.is_empty() && shape == Shape::Plain && rng.chance(30))
        .then(|| rng.below(set.records.len() as u64) as usize);
    let mut f = Func {
        name: format!("f{i}"),
        params,
        ret,
        shape,
        args: Vec::new(),
    };
    let types: Vec<CTy> = match &f.shape {
        Shape::Variadic(extra) => f.params.iter().chain(extra).cloned().collect(),
        _ => f.params.clone(),
    };
    f.args = types.iter().map(|t| value(rng, t)).collect();
    if let Shape::Variadic(extra) = &f.shape {
        f.args[0] = Val::Int(extra.len() as i128);
    }
    f
}

fn value(rng: &mut Rng, ty: &CTy) -> Val {
    match ty {
        CTy::Int { bits, signed, .. } => {
            let raw = rng.next_u64() as u128 & ((1u128 << bits) - 1);
            let v = if *signed && raw >> (bits - 1) & 1 == 1 {
                raw as i128 - (1i128 << bits)
            } else {
                raw as i128
            };
            Val::Int(v)
        }
        CTy::Bool => Val::Int(rng.below(2) as i128),
        CTy::Float | CTy::Double | CTy::LongDouble => {
            Val::Float((rng.below(4001) as f64 - 2000.0) / 8.0)
        }
        CTy::Pointer => Val::Pointer(rng.below(1 << 40) * 16),
        CTy::Record(_) => Val::Record(rng.next_u64()),
        CTy::Enum(i) => Val::Int(*rng.pick(ENUMS[*i].2)),
    }
}

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
        CTy::Float => writeln!(
            out,
            "    {{ float t = {expr}; unsigned u; memcpy(&u, &t, 4); h = mix(h, u); }}"
        ),
        CTy::Double | CTy::LongDouble => writeln!(
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
        CTy::Float | CTy::Double | CTy::LongDouble => writeln!(
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
                        CTy::Double => "va_arg(ap, double)".to_string(),
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
