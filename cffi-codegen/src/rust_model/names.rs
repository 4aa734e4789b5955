//! Rust names for C names: keywords become raw identifiers, anonymous types get stable names.

use cffi_frontend::{EnumId, Module, RecordId, TypeKind};
use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
];

/// A local variable of generated code. Its span is `mixed_site`, so that no name the user
/// wrote (a parameter, a length expression) can refer to it or be shadowed by it, whatever
/// the user's names are (a C parameter may be called `__cffi_ret`).
pub fn local(name: &str) -> Ident {
    debug_assert!(
        LOCALS.contains(&name) || LOCAL_PREFIXES.iter().any(|p| name.starts_with(p)),
        "`{name}` is not among LOCALS"
    );
    Ident::new(name, Span::mixed_site())
}

/// Every name [`local`] gives. An expansion given again as text loses the `mixed_site`
/// hygiene ([`crate::entry::reuse`]); of these, only a wrapper's own locals
/// ([`WRAPPER_LOCALS`]) can meet a C name in a module that declares nothing itself: the
/// loading function's meet only prefixed field names, and `s`, `__l`, `__r` and the
/// [`LOCAL_PREFIXES`] belong to wrappers of annotated parameters, which only a module's own
/// declarations have.
pub const LOCALS: &[&str] = &[
    "__cffi_fn",
    "__cffi_ret",
    "__l",
    "__r",
    "fns",
    "library",
    "missing",
    "optional",
    "optional_fns",
    "s",
];

/// The prefixes of numbered locals (`__cffi_len_0`, `__cffi_out_1`): of wrappers of annotated
/// parameters too.
pub const LOCAL_PREFIXES: &[&str] = &["__cffi_len_", "__cffi_out_"];

/// The locals of every function wrapper, in scope with the function's parameters.
pub const WRAPPER_LOCALS: &[&str] = &["__cffi_fn", "__cffi_ret"];

/// Whether a parameter of a function of `m` is named as a wrapper's local.
pub fn a_parameter_names_a_local(m: &Module) -> bool {
    m.functions.iter().any(|f| {
        let mut names = f.ty.params.iter().filter_map(|p| p.name.as_deref());
        names.any(|n| WRAPPER_LOCALS.contains(&n))
    })
}

/// A Rust identifier for C name `name`: `type` becomes `r#type`; names that cannot be raw
/// (`self`, `crate`, ...) get a trailing underscore; characters Rust does not allow in
/// identifiers (gcc accepts `$`) become `_`.
pub fn ident(name: &str, span: Span) -> Ident {
    let mut clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() || clean.starts_with(|c: char| c.is_ascii_digit()) {
        clean.insert(0, '_');
    }
    match clean.as_str() {
        "self" | "Self" | "super" | "crate" | "_" => Ident::new(&format!("{clean}_"), span),
        c if KEYWORDS.contains(&c) => Ident::new_raw(c, span),
        c => Ident::new(c, span),
    }
}

/// `ident` for a generated name built around a C name (`set_{name}`).
pub fn derived(pattern: &str, name: &str) -> Ident {
    ident(&pattern.replace("{}", name), Span::call_site())
}

/// The Rust names of every struct, union and enum of a module.
pub struct Names {
    pub records: Vec<String>,
    /// `None` for an enum with neither tag nor typedef: its constants are plain integers.
    pub enums: Vec<Option<String>>,
    /// How each record is stored in Rust.
    pub reprs: crate::rust_model::repr::Reprs,
    /// The C spelling of each record, if it has one.
    pub c_records: Vec<Option<String>>,
    /// No C name of the module is one of [`STD_NAMES`]: signatures spell the standard types
    /// by their own names (`c_int`, `Option`), as rustdoc then shows them; otherwise by the
    /// `__cffi_`-prefixed ones, which cannot collide.
    pub plain_std: bool,
}

/// The standard names signatures show: C's integer types, `c_void`, `Option`, `IntoCPtr`.
pub const STD_NAMES: &[&str] = &[
    "c_char",
    "c_schar",
    "c_uchar",
    "c_short",
    "c_ushort",
    "c_int",
    "c_uint",
    "c_long",
    "c_ulong",
    "c_longlong",
    "c_ulonglong",
    "c_wchar",
    "c_void",
    "Option",
    "IntoCPtr",
];

/// Whether no name the module's declarations put in the generated module is a standard one.
fn std_names_free(m: &Module, records: &[String], enums: &[Option<String>]) -> bool {
    let std = |n: &str| STD_NAMES.contains(&n);
    let enumerators = m.enums.iter().flat_map(|e| e.variants.iter().flatten());
    !(m.typedefs.iter().any(|t| std(&t.name))
        || records.iter().any(|r| std(r))
        || enums.iter().flatten().any(|e| std(e))
        || m.consts.iter().any(|c| std(&c.name))
        || m.vars.iter().any(|v| std(&v.name))
        || m.functions.iter().any(|f| std(&f.name))
        || enumerators.map(|v| v.name.as_str()).any(std))
}

impl Names {
    pub fn new(m: &Module) -> Names {
        // The first typedef naming each type, found in one pass (a search per record would
        // make expansion quadratic in the size of a header).
        let mut first_typedef: std::collections::HashMap<&TypeKind, &str> = Default::default();
        for t in m
            .typedefs
            .iter()
            .filter(|t| t.ty.quals == Default::default())
        {
            first_typedef.entry(&t.ty.kind).or_insert(&t.name);
        }
        // A record known only through a pointer typedef (`typedef struct { ... } *sp;`,
        // `typedef ... *token_p;`) is named after it: `sp_pointee`.
        let mut pointer_typedef: std::collections::HashMap<RecordId, &str> = Default::default();
        for t in &m.typedefs {
            if let TypeKind::Pointer(to) = &t.ty.kind
                && let TypeKind::Record(id) = to.kind
            {
                pointer_typedef.entry(id).or_insert(&t.name);
            }
        }
        let typedef_of = |kind: &TypeKind| {
            let pointee = || match kind {
                TypeKind::Record(id) => pointer_typedef.get(id).map(|n| format!("{n}_pointee")),
                _ => None,
            };
            first_typedef
                .get(kind)
                .map(|n| n.to_string())
                .or_else(pointee)
        };
        // C keeps tags apart from ordinary names; Rust has one namespace for types. A tag
        // that a typedef of another type also spells (`typedef foo_t foo;` beside `enum foo`)
        // is the typedef's: the tagged type is `struct_foo`, `union_foo` or `enum_foo`.
        let typedef_kinds: std::collections::HashMap<&str, &TypeKind> = m
            .typedefs
            .iter()
            .map(|t| (t.name.as_str(), &t.ty.kind))
            .collect();
        let tag_name = |tag: &str, keyword: &str, kind: TypeKind| match typedef_kinds.get(tag) {
            Some(other) if **other != kind => format!("{keyword}_{tag}"),
            _ => tag.to_string(),
        };
        let mut records: Vec<Option<String>> = m
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let kind = TypeKind::Record(RecordId(i as u32));
                match &r.tag {
                    Some(tag) => Some(tag_name(tag, r.kind.keyword(), kind)),
                    None => typedef_of(&kind),
                }
            })
            .collect();
        // Anonymous members are named after the record holding them, outermost first.
        for i in 0..m.records.len() {
            let Some(parent) = records[i].clone() else {
                continue;
            };
            name_anonymous_members(m, RecordId(i as u32), &parent, &mut records);
        }
        let records: Vec<String> = records
            .into_iter()
            .enumerate()
            .map(|(i, n)| n.unwrap_or_else(|| format!("__cffi_anon_record_{i}")))
            .collect();
        let enums: Vec<Option<String>> = m
            .enums
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let kind = TypeKind::Enum(EnumId(i as u32));
                match &e.tag {
                    Some(tag) => Some(tag_name(tag, "enum", kind)),
                    None => typedef_of(&kind),
                }
            })
            .collect();
        let plain_std = std_names_free(m, &records, &enums);
        Names {
            records,
            enums,
            reprs: crate::rust_model::repr::Reprs::new(m),
            c_records: c_record_names(m),
            plain_std,
        }
    }

    /// A standard name as signatures spell it ([`Names::plain_std`]).
    pub fn std(&self, name: &str) -> Ident {
        match self.plain_std {
            true => ident(name, Span::call_site()),
            false => ident(&format!("__cffi_{name}"), Span::call_site()),
        }
    }

    pub fn record(&self, id: RecordId) -> Ident {
        ident(&self.records[id.0 as usize], Span::call_site())
    }
}

fn name_anonymous_members(m: &Module, id: RecordId, parent: &str, names: &mut [Option<String>]) {
    let Some(fields) = &m.record(id).fields else {
        return;
    };
    let mut n = 0;
    for f in fields {
        if let TypeKind::Record(inner) = f.ty.kind
            && names[inner.0 as usize].is_none()
        {
            n += 1;
            let name = format!("{parent}__anon{n}");
            names[inner.0 as usize] = Some(name.clone());
            name_anonymous_members(m, inner, &name, names);
        }
    }
}

/// The field name for the `n`th anonymous member (1-based).
pub fn anon_field(n: usize) -> Ident {
    Ident::new(&format!("__anon{n}"), Span::call_site())
}

/// The C spelling of every record (`struct tag`, or a typedef naming an untagged one), found
/// in one pass over the typedefs.
pub fn c_record_names(m: &Module) -> Vec<Option<String>> {
    let mut first_typedef: std::collections::HashMap<RecordId, &str> = Default::default();
    for t in m
        .typedefs
        .iter()
        .filter(|t| t.ty.quals == Default::default())
    {
        if let TypeKind::Record(id) = t.ty.kind {
            first_typedef.entry(id).or_insert(&t.name);
        }
    }
    m.records
        .iter()
        .enumerate()
        .map(|(i, r)| match &r.tag {
            Some(tag) => Some(format!("{} {tag}", r.kind.keyword())),
            None => first_typedef
                .get(&RecordId(i as u32))
                .map(|n| n.to_string()),
        })
        .collect()
}

/// The C spelling of every enum (`enum tag`, or the first typedef naming an untagged one),
/// found in one pass over the typedefs.
pub fn c_enum_names(m: &Module) -> Vec<Option<String>> {
    let mut first_typedef: std::collections::HashMap<EnumId, &str> = Default::default();
    for t in m
        .typedefs
        .iter()
        .filter(|t| t.ty.quals == Default::default())
    {
        if let TypeKind::Enum(id) = t.ty.kind {
            first_typedef.entry(id).or_insert(&t.name);
        }
    }
    m.enums
        .iter()
        .enumerate()
        .map(|(i, e)| match &e.tag {
            Some(tag) => Some(format!("enum {tag}")),
            None => first_typedef.get(&EnumId(i as u32)).map(|n| n.to_string()),
        })
        .collect()
}

/// The named fields of a record as C reaches them: the fields of anonymous members are the
/// record's own. Bounded in depth, as the parser bounds nesting.
pub fn flat_named_fields(m: &Module, id: RecordId) -> Vec<&cffi_frontend::Field> {
    fn walk<'m>(
        m: &'m Module,
        id: RecordId,
        depth: usize,
        out: &mut Vec<&'m cffi_frontend::Field>,
    ) {
        for f in m.record(id).fields.iter().flatten() {
            match (&f.name, &m.resolve(&f.ty).kind) {
                (Some(_), _) => out.push(f),
                (None, TypeKind::Record(inner)) if f.bit_width.is_none() && depth < 64 => {
                    walk(m, *inner, depth + 1, out)
                }
                (None, _) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(m, id, 0, &mut out);
    out
}
