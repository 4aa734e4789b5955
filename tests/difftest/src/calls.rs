//! Random C functions taking and returning scalars and records by value, variadic
//! functions, and functions calling back through a function pointer, with the arguments
//! each is called with. [`crate::calls_c`] writes their C: bodies that mix every argument's
//! value into the result, built by gcc into a shared library and a driver that calls each
//! with the arguments and prints the results; cffi-rs makes the same calls
//! ([`crate::runtime_calls`], [`crate::crate_calls`]) and must print the same.
//!
//! Records cross only by value: C fills them (`init_rN`) and hashes them (`hash_rN`), member
//! by member, so padding never counts and Rust never has to know a field's value.

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
    /// `float` or `_Float32`, as spelled.
    Float(&'static str),
    /// `double`, `_Float64` or `_Float32x`, as spelled.
    Double(&'static str),
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
            CTy::Float(c) | CTy::Double(c) => c.to_string(),
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

/// The spellings of `float` and of `double` a call may use.
const FLOATS: [&str; 2] = ["float", "_Float32"];
const DOUBLES: [&str; 3] = ["double", "_Float64", "_Float32x"];

fn scalar(rng: &mut Rng) -> CTy {
    // `long double` is rare: no Rust type holds it, so `cdef!` leaves out what passes it.
    match rng.below(40) {
        0..=3 => CTy::Bool,
        4..=7 => CTy::Float(FLOATS[rng.below(FLOATS.len() as u64) as usize]),
        8..=14 => CTy::Double(DOUBLES[rng.below(DOUBLES.len() as u64) as usize]),
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
                    0 => CTy::Double("double"),
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
        CTy::Float(_) | CTy::Double(_) | CTy::LongDouble => {
            Val::Float((rng.below(4001) as f64 - 2000.0) / 8.0)
        }
        CTy::Pointer => Val::Pointer(rng.below(1 << 40) * 16),
        CTy::Record(_) => Val::Record(rng.next_u64()),
        CTy::Enum(i) => Val::Int(*rng.pick(ENUMS[*i].2)),
    }
}
