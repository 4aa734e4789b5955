//! API mode's C half: the C the build script compiles for a module (its source or header,
//! a wrapper per function, and the checks that the declarations agree with the C), and the
//! names of the wrappers, which the Rust half ([`super::api`]) links to.

use std::fmt::Write;
use std::path::Path;

use cffi_frontend::render::c_decl;
use cffi_frontend::{Module, Type, TypeKind};

use crate::text::ctext::CText;

pub(crate) fn wrapper_name(key: &str, name: &str) -> String {
    format!("__cffi_{key}_{name}")
}

pub(crate) fn global_name(key: &str, name: &str) -> String {
    format!("__cffi_{key}_var_{name}")
}

pub(crate) fn value_name(key: &str, name: &str) -> String {
    format!("__cffi_{key}_value_{name}")
}

/// Where the C of a module comes from, as its `#[cffi(api, ...)]` says.
pub struct CSources<'a> {
    pub source: Option<&'a str>,
    pub include: Option<&'a str>,
}

/// A C string literal naming `path`.
pub fn c_string(path: &Path) -> String {
    format!("{:?}", path.display().to_string())
}

/// The `#include`s that bring a `cdef!` module's C into its glue.
pub fn includes(sources: &CSources<'_>, manifest_dir: &Path) -> String {
    let mut c = String::new();
    for include in sources
        .include
        .map(crate::header::preprocess::header_list)
        .unwrap_or_default()
    {
        if include.starts_with('<') {
            let _ = writeln!(c, "#include {include}");
        } else {
            let _ = writeln!(c, "#include {}", c_string(&manifest_dir.join(include)));
        }
    }
    if let Some(source) = sources.source {
        let _ = writeln!(c, "#include {}", c_string(&manifest_dir.join(source)));
    }
    c
}

/// Where a byte offset of a module's C text is for the user: a line of a file, as a `#line`
/// directive names it.
pub type Locate<'a> = dyn Fn(usize) -> (usize, String) + 'a;

/// Lines of a `cdef!` module: the lines of its tokens in the Rust file.
pub fn token_lines<'a>(ctext: &'a CText, rust_file: &Path) -> Box<Locate<'a>> {
    let rust = c_string(rust_file);
    Box::new(move |offset| {
        (
            ctext.spans_of(offset..offset + 1).0.start().line.max(1),
            rust.clone(),
        )
    })
}

/// The C the build script compiles for one module, after its prologue (its source or
/// header): a wrapper for each function, an address function for each global, and checks
/// that the declarations agree with the C. `#line` directives make the compiler's errors
/// point where `locate` says the declaration was written. Functions declared before text
/// offset `header_end` are an imported header's prototypes: their wrappers call the function
/// even where the header also defines a macro of its name (glib's `g_atomic_pointer_get`);
/// a function the module declares itself may be a macro, and the macro is called.
/// Declarations before `own_start` are those of a module this one `uses`, whose own C binds
/// and checks them.
pub fn glue(
    m: &Module,
    key: &str,
    module: &str,
    locate: &Locate<'_>,
    (header_end, own_start): (usize, usize),
    adopted: &std::collections::HashSet<usize>,
) -> String {
    let mut c = String::new();
    let _ = writeln!(c, "/* cffi-rs: module `{module}` */");
    let set_aside = declared_names(m, header_end);
    for name in &set_aside {
        let _ = writeln!(c, "#pragma push_macro(\"{name}\")\n#undef {name}");
    }
    let line_of = |offset: usize| {
        let (line, file) = locate(offset);
        format!("{line} {file}")
    };

    for f in m.functions.iter().filter(|f| f.span.start >= own_start) {
        let line = line_of(f.span.start);
        if f.extern_python.is_some() {
            let _ = writeln!(c, "#line {line}");
            c.push_str(&crate::owner::extern_python::c_definition(m, key, f));
            continue;
        }
        let fn_ty = Type::new(TypeKind::Function(Box::new(f.ty.clone())));
        // The declaration again, as Rust has it: if the C disagrees, the compiler reports
        // conflicting types, naming both (a macro of the same name is called, not declared).
        let _ = writeln!(
            c,
            "#ifndef {name}\n#line {line}\n_Static_assert(sizeof(&{name}) != 0, \"cffi-rs: `{name}` is declared in Rust but not in the C\");\n#line {line}\n{declared};\n#endif",
            name = f.name,
            declared = c_decl(m, &fn_ty, &f.name),
        );
        if f.ty.variadic {
            continue;
        }
        let _ = writeln!(c, "#line {line}");
        let _ = writeln!(c, "{}", c_wrapper(m, key, f, f.span.start < header_end));
    }
    for v in m.vars.iter().filter(|v| v.span.start >= own_start) {
        let _ = writeln!(c, "#line {}", line_of(v.span.start));
        if crate::c_side::cchecks::read_by_value(m, v) {
            let mut ty = v.ty.clone();
            ty.quals = Default::default();
            let head = c_decl(m, &ty, &format!("{}(void)", value_name(key, &v.name)));
            let _ = writeln!(c, "{head} {{ return ({}); }}", v.name);
            continue;
        }
        let head = c_decl(
            m,
            &v.ty.clone().pointer_to(),
            &format!("{}(void)", global_name(key, &v.name)),
        );
        let _ = writeln!(c, "{head} {{ return &{}; }}", v.name);
    }
    let names = crate::rust_model::names::c_record_names(m);
    let reprs = crate::rust_model::repr::Reprs::new(m);
    crate::c_side::cchecks::Checks {
        m,
        key,
        c: &mut c,
        line_of: &line_of,
        from: own_start,
        adopted,
    }
    .all(&names, &reprs);
    for name in set_aside.iter().rev() {
        let _ = writeln!(c, "#pragma pop_macro(\"{name}\")");
    }
    c
}

/// The names the module's C spells that mean a declaration even where the header also
/// defines them as macros, as they do in the Rust: the macro is set aside while the module's C
/// is written, and restored after. Typedef names (`#define NCURSES_BOOL bool` after `typedef
/// unsigned char NCURSES_BOOL;`), and the tags and globals an imported header declares
/// (`struct rpc_createerr` before `#define rpc_createerr (*(__rpc_createerr()))`). A global
/// the module declares itself may be such a macro, and the macro is read (as in Python cffi).
fn declared_names(m: &Module, header_end: usize) -> Vec<&str> {
    let header = |span: &cffi_frontend::Span| span.start < header_end;
    let typedefs = m.typedefs.iter().map(|t| t.name.as_str());
    let records = m.records.iter().filter(|r| header(&r.span));
    let enums = m.enums.iter().filter(|e| header(&e.span));
    let tags = records
        .filter_map(|r| r.tag.as_deref())
        .chain(enums.filter_map(|e| e.tag.as_deref()));
    // A global named by a macro (`#define stdin __stdinp`) is reached through the macro.
    let globals = m
        .vars
        .iter()
        .filter(|v| header(&v.span) && v.macro_of.is_none());
    let mut names: Vec<&str> = typedefs
        .chain(tags)
        .chain(globals.map(|v| v.name.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(*n));
    names
}

/// Whether a parameter or result of this type crosses the wrapper through a pointer. Records
/// do: the C compiler then makes the by-value call with C's own calling convention, which
/// Rust cannot reproduce for a record it stores as bytes (bit-fields, `...`).
pub fn by_pointer(m: &Module, ty: &Type) -> bool {
    matches!(m.resolve(ty).kind, TypeKind::Record(_))
}

/// The C wrapper of function `f`: records are taken and returned through pointers. With
/// `function`, `(name)(...)` calls the function, not a function-like macro of its name.
fn c_wrapper(m: &Module, key: &str, f: &cffi_frontend::Function, function: bool) -> String {
    let mut params: Vec<String> = Vec::new();
    let mut args: Vec<String> = Vec::new();
    for (i, p) in f.ty.params.iter().enumerate() {
        if by_pointer(m, &p.ty) {
            let mut pointee = p.ty.clone();
            pointee.quals.is_const = true;
            params.push(c_decl(m, &pointee.pointer_to(), &format!("a{i}")));
            args.push(format!("*a{i}"));
        } else {
            params.push(c_decl(m, &p.ty, &format!("a{i}")));
            args.push(format!("a{i}"));
        }
    }
    let callee = if function {
        format!("({})", f.name)
    } else {
        f.name.clone()
    };
    let call = format!("{callee}({})", args.join(", "));
    let name = wrapper_name(key, &f.name);
    let void = Type::new(TypeKind::Void);
    let (ret, body) = if by_pointer(m, &f.ty.ret) {
        let mut out = f.ty.ret.clone();
        out.quals = Default::default();
        params.push(c_decl(m, &out.pointer_to(), "__cffi_out"));
        (&void, format!("*__cffi_out = {call};"))
    } else if matches!(m.resolve(&f.ty.ret).kind, TypeKind::Void) {
        (&void, format!("{call};"))
    } else {
        (&f.ty.ret, format!("return {call};"))
    };
    let params = if params.is_empty() {
        "void".to_string()
    } else {
        params.join(", ")
    };
    let head = c_decl(m, ret, &format!("{name}({params})"));
    format!("{head} {{ {body} }}")
}
