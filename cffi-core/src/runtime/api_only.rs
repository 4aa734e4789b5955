//! Declarations only API mode can bind, refused when read at run time: what only the C
//! compiler knows (`...`), and C calling Rust by name (`extern "Python"`).

use cffi_frontend::{ArrayLen, ConstValue, Error, ErrorKind, Module, Span, Type, TypeKind};

/// How many declarations of each kind a module has: where a `cdef`'s own begin (all zero:
/// a module without declarations).
#[derive(Clone, Debug, Default)]
pub(crate) struct Counts {
    records: usize,
    /// The records declared without members so far, which a later `cdef` may define.
    open: Vec<usize>,
    enums: usize,
    consts: usize,
    typedefs: usize,
    vars: usize,
    functions: usize,
}

impl Counts {
    /// The counts of `m`, whose records without members before `since` (the module's
    /// previous counts) are `since.open`: only the records added since are looked at.
    pub(crate) fn of(m: &Module, since: &Counts) -> Counts {
        let new = since.records..m.records.len();
        let open = since.open.iter().copied().chain(new);
        let open = open.filter(|&i| m.records.get(i).is_some_and(|r| r.fields.is_none()));
        Counts {
            open: open.collect(),
            records: m.records.len(),
            enums: m.enums.len(),
            consts: m.consts.len(),
            typedefs: m.typedefs.len(),
            vars: m.vars.len(),
            functions: m.functions.len(),
        }
    }
}

/// The first declaration of `m` added since `before` that run-time mode cannot bind, as an
/// error at its place. Earlier declarations were checked when they were read.
pub(crate) fn first(m: &Module, before: &Counts) -> Option<Error> {
    let mut found: Vec<(&Span, &str)> = Vec::new();
    // A record declared earlier without members may be defined now.
    let defined = before.open.iter().copied();
    let records = defined.chain(before.records..m.records.len());
    for r in records.filter_map(|i| m.records.get(i)) {
        // A header's record that lost a member is left to the C compiler too, but the header
        // is still read: the record is refused where it is used by value.
        if r.partial && !r.left_out_member {
            found.push((&r.span, "a partial struct"));
        }
        let fields = r.fields.iter().flatten();
        for f in fields.filter(|f| compiler_sized(&f.ty)) {
            found.push((&f.span, "a field of a length or type the C compiler gives"));
        }
    }
    for e in m
        .enums
        .get(before.enums..)
        .unwrap_or_default()
        .iter()
        .filter(|e| e.partial)
    {
        found.push((&e.span, "a partial enum"));
    }
    for c in m
        .consts
        .get(before.consts..)
        .unwrap_or_default()
        .iter()
        .filter(|c| c.value == ConstValue::FromCompiler)
    {
        found.push((&c.span, "a constant"));
    }
    for t in m
        .typedefs
        .get(before.typedefs..)
        .unwrap_or_default()
        .iter()
        .filter(|t| compiler_sized(&t.ty))
    {
        found.push((&t.span, "a type"));
    }
    for v in m
        .vars
        .get(before.vars..)
        .unwrap_or_default()
        .iter()
        .filter(|v| compiler_sized(&v.ty))
    {
        found.push((&v.span, "a global"));
    }
    let compiler = found
        .into_iter()
        .min_by_key(|(s, _)| s.start)
        .map(|(span, what)| {
            Error::new(
                ErrorKind::Unsupported,
                span.clone(),
                format!("{what} needs the C compiler (`...`), which run-time mode does not run"),
            )
            .with_hint(
                "write the full declaration, or use API mode (`cdef!` with `#[cffi(api, ...)]`)",
            )
        });
    let functions = &m.functions.get(before.functions..).unwrap_or_default();
    let python = functions.iter().find(|f| f.extern_python.is_some()).map(|f| {
        Error::new(
            ErrorKind::Unsupported,
            f.name_span.clone(),
            format!("`extern \"Python\"` function `{}` needs API mode, where C is compiled with the program", f.name),
        )
        .with_hint("where C takes a function pointer, pass a callback made with `Ffi::callback`")
    });
    [compiler, python]
        .into_iter()
        .flatten()
        .min_by_key(|e| e.span.start)
}

/// Whether `ty` is, or is an array or pointer to, a type whose size only the compiler knows
/// (`typedef int... t`, `int a[...]`).
fn compiler_sized(ty: &Type) -> bool {
    match &ty.kind {
        TypeKind::Unknown(_) | TypeKind::Array(_, ArrayLen::FromCompiler) => true,
        TypeKind::Array(inner, _) | TypeKind::Pointer(inner) => compiler_sized(inner),
        _ => false,
    }
}
