//! Random, valid C declarations: typedefs (aligned, `mode`, vectors, arrays), enums of every
//! underlying size, and structs and unions with nested and anonymous members, bit-fields
//! (zero-width, unnamed, spanning units, with their own `aligned` or `packed`), flexible arrays, `packed`, `aligned(N)` on records
//! and fields, `_Alignas`, `#pragma pack` and `_Atomic` members. Every declaration is one gcc
//! accepts; the front end may refuse some, which the comparison counts.

use crate::rng::Rng;

/// A type a member can have.
#[derive(Clone, Debug)]
struct Ty {
    spelling: String,
    /// For integer types: the bits of the type, whether `_Bool`. Bit-fields take these.
    int_bits: Option<(u32, bool)>,
    /// Whether arrays of it are valid C (not for a typedef aligned beyond its size).
    array_ok: bool,
}

/// What the generated text declares, for the measuring program and the comparison.
#[derive(Clone, Debug, Default)]
pub struct Decls {
    pub text: String,
    pub records: Vec<RecordInfo>,
    /// Typedef names, whose `sizeof` and `_Alignof` are compared.
    pub typedefs: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct RecordInfo {
    /// `struct r3` or `union r4`.
    pub spelling: String,
    pub tag: String,
    /// Every named member, with those of anonymous members brought up, in order.
    pub fields: Vec<FieldInfo>,
}

#[derive(Clone, Debug)]
pub struct FieldInfo {
    pub name: String,
    /// `Some(width)` for a bit-field.
    pub bit_width: Option<u32>,
    /// A `_Bool` bit-field: set to 1, not to all ones.
    pub is_bool: bool,
}

const SCALARS: &[(&str, Option<(u32, bool)>)] = &[
    ("char", Some((8, false))),
    ("signed char", Some((8, false))),
    ("unsigned char", Some((8, false))),
    ("short", Some((16, false))),
    ("unsigned short", Some((16, false))),
    ("int", Some((32, false))),
    ("unsigned int", Some((32, false))),
    ("long", None),
    ("unsigned long", None),
    ("long long", Some((64, false))),
    ("unsigned long long", Some((64, false))),
    ("_Bool", Some((1, true))),
    ("float", None),
    ("double", None),
    ("long double", None),
    ("_Float32", None),
    ("_Float64", None),
    ("_Float32x", None),
    ("_Float64x", None),
    ("__int128", None),
    ("unsigned __int128", None),
    ("_Complex float", None),
    ("_Complex double", None),
    ("_Complex long double", None),
    ("void *", None),
    ("const char *", None),
    ("fnptr", None),
];

struct Gen {
    rng: Rng,
    out: Decls,
    /// Types members may have: the scalars, then what has been declared.
    pool: Vec<Ty>,
    next: u32,
}

/// What of GNU C a compiler has, beyond what every target has.
#[derive(Clone, Copy, Debug)]
pub struct Dialect {
    /// `__int128`: the 64-bit targets.
    pub int128: bool,
    /// `_Float32`, `_Float64`, `_Float32x`, `_Float64x`: gcc, not clang.
    pub float_n: bool,
}

impl Dialect {
    /// The type of the same layout this dialect has for `spelling`.
    fn spell(self, spelling: &'static str) -> &'static str {
        match spelling {
            s if !self.int128 && s.contains("__int128") => "long long",
            "_Float32" if !self.float_n => "float",
            "_Float64" | "_Float32x" if !self.float_n => "double",
            "_Float64x" if !self.float_n => "long double",
            s => s,
        }
    }
}

/// `count` records (and the typedefs and enums they use) from `seed`, in what `dialect` has.
pub fn generate(seed: u64, count: usize, dialect: Dialect) -> Decls {
    let mut g = Gen {
        rng: Rng::new(seed),
        out: Decls::default(),
        pool: SCALARS
            .iter()
            .map(|&(s, bits)| (dialect.spell(s), bits))
            .map(|(s, bits)| Ty {
                spelling: s.to_string(),
                int_bits: bits,
                array_ok: true,
            })
            .collect(),
        next: 0,
    };
    g.out.text.push_str("typedef int (*fnptr)(int, double);\n");
    let mut made = 0;
    while made < count {
        match g.rng.below(10) {
            0 | 1 => g.typedef(),
            2 => g.enumeration(),
            _ => {
                g.record();
                made += 1;
            }
        }
    }
    g.out
}

impl Gen {
    fn name(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    fn any_type(&mut self) -> Ty {
        // Scalars more often than the declared types, which compound quickly.
        if self.rng.chance(50) {
            let i = self.rng.below(SCALARS.len() as u64) as usize;
            self.pool[i].clone()
        } else {
            self.rng.pick(&self.pool).clone()
        }
    }

    fn int_type(&mut self) -> Ty {
        loop {
            let t = self.rng.pick(&self.pool[..SCALARS.len()]).clone();
            if t.int_bits.is_some() {
                return t;
            }
        }
    }

    /// A type arrays can be made of.
    fn element_type(&mut self) -> Ty {
        loop {
            let t = self.any_type();
            if t.array_ok {
                return t;
            }
        }
    }

    fn typedef(&mut self) {
        let name = self.name("t");
        let mut array_ok = true;
        let (text, int_bits) = match self.rng.below(6) {
            0 => {
                let t = self.any_type();
                let a = 1u64 << self.rng.below(7);
                array_ok = false;
                (
                    format!(
                        "typedef {} {name} __attribute__((aligned({a})));",
                        t.spelling
                    ),
                    None,
                )
            }
            1 => {
                let (mode, bits) = *self
                    .rng
                    .pick(&[("QI", 8), ("HI", 16), ("SI", 32), ("DI", 64)]);
                let sign = if self.rng.chance(50) { "unsigned " } else { "" };
                (
                    format!("typedef {sign}int {name} __attribute__((mode({mode})));"),
                    Some((bits, false)),
                )
            }
            2 => {
                let elem =
                    *self
                        .rng
                        .pick(&["char", "short", "int", "long long", "float", "double"]);
                let bytes = *self.rng.pick(&[8u64, 16, 16, 32]);
                let bytes = if elem == "long long" || elem == "double" {
                    bytes.max(8)
                } else {
                    bytes
                };
                (
                    format!("typedef {elem} {name} __attribute__((vector_size({bytes})));"),
                    None,
                )
            }
            3 => {
                let t = self.element_type();
                let n = 1 + self.rng.below(4);
                (format!("typedef {} {name}[{n}];", t.spelling), None)
            }
            _ => {
                let t = self.any_type();
                array_ok = t.array_ok;
                (format!("typedef {} {name};", t.spelling), t.int_bits)
            }
        };
        self.out.text.push_str(&text);
        self.out.text.push('\n');
        self.out.typedefs.push(name.clone());
        self.pool.push(Ty {
            spelling: name,
            int_bits,
            array_ok,
        });
    }

    fn enumeration(&mut self) {
        let tag = self.name("e");
        let range: &[i128] = match self.rng.below(4) {
            0 => &[0, 1, 200],
            1 => &[-3, 100, 30000],
            2 => &[0, 1 << 32, 5],
            _ => &[-(1 << 40), 7, 1],
        };
        let packed = if self.rng.chance(30) {
            " __attribute__((packed))"
        } else {
            ""
        };
        let variants: Vec<String> = range
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{}_{i} = {v}", tag.to_uppercase()))
            .collect();
        self.out.text.push_str(&format!(
            "enum{packed} {tag} {{ {} }};\n",
            variants.join(", ")
        ));
        self.pool.push(Ty {
            spelling: format!("enum {tag}"),
            int_bits: None,
            array_ok: true,
        });
    }

    fn record(&mut self) {
        let tag = self.name("r");
        let is_union = self.rng.chance(25);
        let kw = if is_union { "union" } else { "struct" };
        let pack = self.rng.chance(15).then(|| 1u64 << self.rng.below(5));
        let packed = self.rng.chance(15);
        let aligned = self.rng.chance(15).then(|| 1u64 << self.rng.below(7));
        let mut fields = Vec::new();
        let mut body = String::new();
        let count = self.rng.below(7);
        let mut flexible = false;
        for i in 0..count {
            let last = i + 1 == count;
            if last && !is_union && !fields.is_empty() && self.rng.chance(10) {
                let t = self.int_type();
                let name = self.name("f");
                body.push_str(&format!("    {} {name}[];\n", t.spelling));
                fields.push(FieldInfo {
                    name,
                    bit_width: None,
                    is_bool: false,
                });
                flexible = true;
                continue;
            }
            self.member(&mut body, &mut fields, 0);
        }
        if fields.is_empty() {
            let name = self.name("f");
            body.push_str(&format!("    int {name};\n"));
            fields.push(FieldInfo {
                name,
                bit_width: None,
                is_bool: false,
            });
        }
        let mut attrs = Vec::new();
        if packed {
            attrs.push("packed".to_string());
        }
        if let Some(a) = aligned {
            attrs.push(format!("aligned({a})"));
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" __attribute__(({}))", attrs.join(", "))
        };
        let mut text = String::new();
        if let Some(p) = pack {
            text.push_str(&format!("#pragma pack(push, {p})\n"));
        }
        text.push_str(&format!("{kw}{attrs} {tag} {{\n{body}}};\n"));
        if pack.is_some() {
            text.push_str("#pragma pack(pop)\n");
        }
        self.out.text.push_str(&text);
        self.out.records.push(RecordInfo {
            spelling: format!("{kw} {tag}"),
            tag: tag.clone(),
            fields,
        });
        // A record ending in a flexible array is not held by value.
        if !flexible {
            self.pool.push(Ty {
                spelling: format!("{kw} {tag}"),
                int_bits: None,
                array_ok: true,
            });
        }
    }

    /// One member of a record body: a plain, array, bit-field, aligned or anonymous member.
    fn member(&mut self, body: &mut String, fields: &mut Vec<FieldInfo>, depth: u32) {
        let indent = "    ".repeat(depth as usize + 1);
        match self.rng.below(12) {
            0..=2 => {
                let t = self.int_type();
                let (bits, is_bool) = t.int_bits.unwrap_or((32, false));
                if self.rng.chance(20) {
                    let w = self.rng.below(u64::from(bits) + 1);
                    body.push_str(&format!("{indent}{} : {w};\n", t.spelling));
                    return;
                }
                let w = 1 + self.rng.below(u64::from(bits)) as u32;
                let name = self.name("f");
                // A bit-field's own `aligned(N)` moves it; its `packed` lets it straddle.
                let attr = match self.rng.below(8) {
                    0 => format!(" __attribute__((aligned({})))", 1u64 << self.rng.below(5)),
                    1 => " __attribute__((packed))".to_string(),
                    _ => String::new(),
                };
                body.push_str(&format!("{indent}{} {name} : {w}{attr};\n", t.spelling));
                fields.push(FieldInfo {
                    name,
                    bit_width: Some(w),
                    is_bool,
                });
            }
            3 if depth < 2 => {
                let kw = if self.rng.chance(50) {
                    "struct"
                } else {
                    "union"
                };
                body.push_str(&format!("{indent}{kw} {{\n"));
                for _ in 0..1 + self.rng.below(3) {
                    self.member(body, fields, depth + 1);
                }
                body.push_str(&format!("{indent}}};\n"));
            }
            4 => {
                let t = self.element_type();
                let name = self.name("f");
                let n = 1 + self.rng.below(4);
                body.push_str(&format!("{indent}{} {name}[{n}];\n", t.spelling));
                fields.push(plain(name));
            }
            5 => {
                // A scalar: `_Alignas` may not lower a declared type's alignment.
                let i = self.rng.below(SCALARS.len() as u64) as usize;
                let t = self.pool[i].clone();
                let name = self.name("f");
                let attr = match self.rng.below(3) {
                    0 => format!(" __attribute__((aligned({})))", 1u64 << self.rng.below(6)),
                    1 => " __attribute__((packed))".to_string(),
                    _ => String::new(),
                };
                let prefix = if attr.is_empty() {
                    format!("_Alignas({}) ", 16u64 << self.rng.below(3))
                } else {
                    String::new()
                };
                body.push_str(&format!("{indent}{prefix}{} {name}{attr};\n", t.spelling));
                fields.push(plain(name));
            }
            6 if self.rng.chance(20) => {
                let name = self.name("f");
                body.push_str(&format!("{indent}_Atomic int {name};\n"));
                fields.push(plain(name));
            }
            _ => {
                let t = self.any_type();
                let name = self.name("f");
                body.push_str(&format!("{indent}{} {name};\n", t.spelling));
                fields.push(plain(name));
            }
        }
    }
}

fn plain(name: String) -> FieldInfo {
    FieldInfo {
        name,
        bit_width: None,
        is_bool: false,
    }
}
