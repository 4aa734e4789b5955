//! `import = "<zlib.h>"`: bindings for what a header declares, without writing declarations.
//!
//! The C preprocessor runs when the macro expands (`cc -E -dD`, or `$CC`); the front end reads
//! its whole output. The bindings keep what the named header and the files it includes for
//! itself declare (see `header_files`), filtered by `allow`, plus the types those declarations
//! need. What cannot be bound is listed, with the reason, in the module's documentation.

use std::collections::HashSet;
use std::path::Path;

use crate::text::patterns::matches;

use crate::header::preprocess;
use crate::input::settings::Compiler;

use cffi_frontend::{
    EnumId, Item, Module, Options, Parsed, RecordId, Target, Type, TypeKind, TypedefId, parse,
};

/// What narrows an import: `allow = "..."` (names) and `files = "..."` (more files whose
/// declarations count as the header's own).
#[derive(Clone, Copy, Default)]
pub struct Filters<'a> {
    pub allow: Option<&'a str>,
    pub files: Option<&'a str>,
    /// API mode: `static` functions of the header are called through the C wrapper; ABI
    /// mode lists them as left out, since no library exports them.
    pub api: bool,
    /// With `uses` of an imported module: the length of that module's declarations at the
    /// start of the body. The header's types only the module's own declarations need are the
    /// module's to generate ([`Imported::adopted`]).
    pub used_len: Option<usize>,
}

/// A parsed header, narrowed to what the module binds.
pub struct Imported {
    /// The preprocessed header, then the module's own declarations, with their spans.
    pub ctext: crate::text::ctext::CText,
    /// Where the module's own declarations start in the text.
    pub body_start: usize,
    pub text: String,
    pub parsed: Parsed,
    /// The header and its companions, as the line markers name them.
    pub own_files: Vec<String>,
    /// What was left out, with why.
    pub skipped: Vec<String>,
    /// Where the header's types start that a module using an imported module needs for its
    /// own declarations but the used module does not bind (its `allow` left them out): the
    /// module generates them itself.
    pub adopted: HashSet<usize>,
    /// An error for each alternative of `allow` that names nothing the header declares.
    pub allow_errors: Vec<String>,
    /// The include search path the preprocessor used.
    pub search: Vec<String>,
}

/// Reads `header` and narrows it to what the module binds.
/// `declarations` are the module's own, written after the header (`FILE *fopen(...)` beside
/// `<png.h>`): bound whatever `allow` says, and their errors are the caller's to report.
pub fn import(
    header: &str,
    filters: &Filters<'_>,
    compiler: &Compiler,
    target: Target,
    declarations: (proc_macro2::TokenStream, proc_macro2::Span),
) -> Result<Imported, String> {
    let allow = filters.allow;
    let (header_text, search) = preprocess::preprocess(header, compiler)?;
    let body_start = header_text.len() + 1;
    let ctext = crate::text::ctext::CText::after(header_text, declarations.1, declarations.0);
    let text = ctext.text.clone();
    let mut parsed = parse(
        &text,
        &Options {
            target,
            lenient: true,
            header_end: body_start,
            own_start: body_start,
            pack: None,
        },
    );
    let files = parsed.source_map.files().to_vec();
    let header_files = named_files(header, &files, &search)?;
    let own_files = crate::header::header_files::own_files(
        &text,
        &files,
        &header_files,
        (&search, &preprocess::library_dirs(compiler)),
        filters.files,
    );
    let in_body = |offset: usize| offset >= body_start;
    let own = |offset: usize| {
        !in_body(offset)
            && parsed
                .source_map
                .file(offset)
                .is_some_and(|f| own_files.iter().any(|o| o == f))
    };
    let allowed = |name: &str| allow.is_none_or(|p| matches(p, name));
    // The header's declarations its own files make and `allow` keeps, and every one the
    // module writes itself.
    let kept = |offset: usize, name: &str| in_body(offset) || (own(offset) && allowed(name));
    let m = &parsed.module;
    let mut statics = Vec::new();
    let keep_fn: Vec<bool> = m
        .functions
        .iter()
        .map(|f| {
            let own_again = f.declared_again_at.iter().any(|&at| own(at)) && allowed(&f.name);
            if !kept(f.span.start, &f.name) && !own_again {
                return false;
            }
            if f.storage == cffi_frontend::Storage::Static && !filters.api && !in_body(f.span.start)
            {
                statics.push(format!(
                    "`{}` is `static` in the header, so no library exports it; in API mode it is called through a C wrapper",
                    f.name
                ));
                return false;
            }
            true
        })
        .collect();
    // A function-like macro of a function the import binds (`<Python.h>`'s
    // `PyRun_SimpleString(s)` beside the function) is not left out: the name is bound.
    let bound: HashSet<&str> = (m.functions.iter().zip(&keep_fn))
        .filter(|(_, k)| **k)
        .map(|(f, _)| f.name.as_str())
        .collect();
    let macro_of_bound = |s: &cffi_frontend::Skipped| {
        s.reason.starts_with("function-like macro") && bound.contains(s.name.as_str())
    };
    // Only what a user could have wanted: not include guards and other macros without a
    // value, not the implementation's reserved names, not what `allow` leaves out anyway.
    let mut skipped: Vec<String> = m
        .skipped
        .iter()
        .filter(|s| {
            own(s.span.start)
                && allowed(&s.name)
                && !reserved(&s.name)
                && !s.reason.contains("has no value")
                && !macro_of_bound(s)
        })
        .map(|s| format!("`{}`: {}", s.name, s.reason))
        .collect();
    if allow.is_none() {
        let past = crate::header::header_files::walked_past(&text, &own_files, &search);
        skipped.extend(past);
    }
    for e in parsed.errors.iter().filter(|e| own(e.span.start)) {
        skipped.push(e.to_string());
    }
    skipped.extend(statics);
    let keep_const: Vec<bool> = m
        .consts
        .iter()
        .map(|c| kept(c.span.start, &c.name))
        .collect();
    // A kept constant that is the address of a global (Open MPI's `MPI_COMM_WORLD` is
    // `&ompi_mpi_comm_world`, cast) needs that global, whatever `allow` says of its name.
    let addressed: HashSet<&str> = m
        .consts
        .iter()
        .zip(&keep_const)
        .filter(|(_, k)| **k)
        .filter_map(|(c, _)| match &c.value {
            cffi_frontend::ConstValue::Address { symbol, .. } => Some(symbol.as_str()),
            _ => None,
        })
        .collect();
    let keep_var: Vec<bool> = m
        .vars
        .iter()
        .map(|v| {
            in_body(v.span.start)
                || (v.storage == cffi_frontend::Storage::Extern
                    && (addressed.contains(v.name.as_str())
                        || (own(v.span.start) && allowed(&v.name))))
        })
        .collect();
    let keeps_type =
        |at: usize, name: Option<&str>| in_body(at) || (own(at) && name.is_none_or(&allowed));
    // A kept `#define` naming an enumerator (`#define CLOCK_REALTIME _CLOCK_REALTIME`) has its
    // enum's type, so it needs that enum.
    let enum_of = m.enumerators();
    let const_enums = |keep: &dyn Fn(&cffi_frontend::Const) -> bool| -> Vec<EnumId> {
        m.consts
            .iter()
            .zip(&keep_const)
            .filter(|(c, k)| **k && keep(c))
            .filter_map(|(c, _)| Some(enum_of.get(c.enumerator.as_deref()?)?.1))
            .collect()
    };
    let needed = needed_types(
        m,
        (&keep_fn, &keep_var, &const_enums(&|_| true)),
        &keeps_type,
    );
    let adopted = match filters.used_len {
        Some(n) => {
            // What the used module binds: the header as its `allow` keeps it, and its own
            // declarations, not the module's.
            let own_body = body_start + n;
            let before = |at: usize| at < own_body;
            let used_fn: Vec<bool> = m
                .functions
                .iter()
                .zip(&keep_fn)
                .map(|(f, k)| *k && before(f.span.start))
                .collect();
            let used_var: Vec<bool> = m
                .vars
                .iter()
                .zip(&keep_var)
                .map(|(v, k)| *k && before(v.span.start))
                .collect();
            let used_enums = const_enums(&|c| before(c.span.start));
            let used = needed_types(m, (&used_fn, &used_var, &used_enums), &|at, name| {
                before(at) && keeps_type(at, name)
            });
            needed.beyond(&used, m, body_start)
        }
        None => HashSet::new(),
    };
    // Each alternative of `allow` must name something of the header's own files: a typo in
    // one is an error on the pattern, not a missing method later.
    let allow_errors = allow.map_or_else(Vec::new, |pattern| {
        crate::header::allow::unmatched(m, &|offset| own(offset), pattern, header)
    });
    let keep = Keep {
        functions: keep_fn,
        vars: keep_var,
        consts: keep_const,
        needed,
    };
    keep.narrow(&mut parsed.module, &|a| kept(a.span.start, &a.name));
    Ok(Imported {
        ctext,
        body_start,
        text,
        parsed,
        own_files,
        skipped,
        adopted,
        allow_errors,
        search,
    })
}

/// The types the kept declarations need: those of the kept functions and globals (`keep`),
/// the enums of kept constants, and the typedefs, records and enums `keeps_type` keeps (by
/// where they start and their name).
fn needed_types(
    m: &Module,
    (keep_fn, keep_var, const_enums): (&[bool], &[bool], &[EnumId]),
    keeps_type: &dyn Fn(usize, Option<&str>) -> bool,
) -> Needed {
    let mut needed = Needed::default();
    for &id in const_enums {
        needed.visit(m, &Type::new(TypeKind::Enum(id)));
    }
    for (f, _) in m.functions.iter().zip(keep_fn).filter(|(_, k)| **k) {
        needed.visit(m, &Type::new(TypeKind::Function(Box::new(f.ty.clone()))));
    }
    for (v, _) in m.vars.iter().zip(keep_var).filter(|(_, k)| **k) {
        needed.visit(m, &v.ty);
    }
    for (i, t) in m.typedefs.iter().enumerate() {
        if keeps_type(t.span.start, Some(&t.name)) {
            needed.visit(m, &Type::new(TypeKind::Typedef(TypedefId(i as u32))));
        }
    }
    for (i, r) in m.records.iter().enumerate() {
        if keeps_type(r.span.start, r.tag.as_deref()) {
            needed.visit(m, &Type::new(TypeKind::Record(RecordId(i as u32))));
        }
    }
    for (i, e) in m.enums.iter().enumerate() {
        if keeps_type(e.span.start, e.tag.as_deref()) {
            needed.visit(m, &Type::new(TypeKind::Enum(EnumId(i as u32))));
        }
    }
    needed
}

/// The files of the named headers, as the preprocessor's line markers name them. Several
/// headers may be named (`"<stdio.h> <jpeglib.h>"`, for a header that needs another first):
/// the module binds what each of them declares. A header that is a link to another file
/// (`ncurses.h` to `curses.h`) is named by the file it links to; `search` is the include path.
fn named_files<'f>(
    header: &str,
    files: &'f [String],
    search: &[String],
) -> Result<Vec<&'f str>, String> {
    let mut out = Vec::new();
    for h in preprocess::header_list(header) {
        let wanted = h.trim_start_matches('<').trim_end_matches('>');
        let linked = || {
            let found = search.iter().map(|d| Path::new(d).join(wanted));
            let target = found.filter_map(|p| p.canonicalize().ok()).next()?;
            files
                .iter()
                .find(|f| Path::new(f).canonicalize().is_ok_and(|c| c == target))
        };
        let Some(file) = files
            .iter()
            .find(|f| f.ends_with(&format!("/{wanted}")) || f.as_str() == wanted)
            .or_else(linked)
        else {
            return Err(format!(
                "the preprocessor's output does not say where {h} is"
            ));
        };
        out.push(file.as_str());
    }
    Ok(out)
}

/// What an import keeps: a flag for each function, global and constant, and the types they
/// need.
struct Keep {
    functions: Vec<bool>,
    vars: Vec<bool>,
    consts: Vec<bool>,
    needed: Needed,
}

impl Keep {
    /// The module narrowed to what is kept: item indices renumbered, and the aliases of kept
    /// functions that `alias_kept` keeps.
    fn narrow(&self, m: &mut Module, alias_kept: &dyn Fn(&cffi_frontend::Alias) -> bool) {
        let remap = |keep: &[bool]| {
            let mut next = 0;
            keep.iter()
                .map(|&k| {
                    let i = next;
                    next += usize::from(k);
                    k.then_some(i)
                })
                .collect::<Vec<_>>()
        };
        let (fmap, vmap, cmap) = (
            remap(&self.functions),
            remap(&self.vars),
            remap(&self.consts),
        );
        let needed = &self.needed;
        m.items.retain_mut(|item| match item {
            Item::Function(i) => fmap[*i].map(|n| *i = n).is_some(),
            Item::Var(i) => vmap[*i].map(|n| *i = n).is_some(),
            Item::Const(i) => cmap[*i].map(|n| *i = n).is_some(),
            Item::Typedef(id) => needed.typedefs.contains(id),
            Item::Record(id) => needed.records.contains(id),
            Item::Enum(id) => needed.enums.contains(id),
        });
        let bound_fns: HashSet<&str> = m
            .functions
            .iter()
            .zip(&self.functions)
            .filter(|(_, k)| **k)
            .map(|(f, _)| f.name.as_str())
            .collect();
        let aliases: Vec<cffi_frontend::Alias> = m
            .aliases
            .iter()
            .filter(|a| alias_kept(a) && bound_fns.contains(a.function.as_str()))
            .cloned()
            .collect();
        m.aliases = aliases;
        let mut k = self.functions.iter();
        m.functions.retain(|_| k.next().copied().unwrap_or(false));
        let mut k = self.vars.iter();
        m.vars.retain(|_| k.next().copied().unwrap_or(false));
        let mut k = self.consts.iter();
        m.consts.retain(|_| k.next().copied().unwrap_or(false));
    }
}

/// Names C reserves for the implementation (`__x`, `_X`): a library's users never name them.
fn reserved(name: &str) -> bool {
    name.starts_with("__")
        || (name.starts_with('_') && name[1..].starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The typedefs, records and enums that kept declarations use.
#[derive(Default)]
struct Needed {
    typedefs: HashSet<TypedefId>,
    records: HashSet<RecordId>,
    enums: HashSet<EnumId>,
}

impl Needed {
    /// Where the header's types start (before `body_start`) that are needed here but not in
    /// `other`.
    fn beyond(&self, other: &Needed, m: &Module, body_start: usize) -> HashSet<usize> {
        let typedefs = self
            .typedefs
            .difference(&other.typedefs)
            .map(|&id| m.typedef(id).span.start);
        let records = self
            .records
            .difference(&other.records)
            .map(|&id| m.record(id).span.start);
        let enums = self
            .enums
            .difference(&other.enums)
            .map(|&id| m.enum_(id).span.start);
        typedefs
            .chain(records)
            .chain(enums)
            .filter(|&at| at < body_start)
            .collect()
    }

    fn visit(&mut self, m: &Module, ty: &Type) {
        match &ty.kind {
            TypeKind::Pointer(t) | TypeKind::Array(t, _) => self.visit(m, t),
            TypeKind::Function(f) => {
                self.visit(m, &f.ret);
                for p in &f.params {
                    self.visit(m, &p.ty);
                }
            }
            TypeKind::Typedef(id) if self.typedefs.insert(*id) => {
                self.visit(m, &m.typedef(*id).ty);
            }
            TypeKind::Record(id) if self.records.insert(*id) => {
                for f in m.record(*id).fields.iter().flatten() {
                    self.visit(m, &f.ty);
                }
            }
            TypeKind::Enum(id) => {
                self.enums.insert(*id);
            }
            _ => {}
        }
    }
}
