//! The C declaration front end of cffi-rs.
//!
//! Where it sits: at the bottom. `cffi-codegen` (the macros' expansion), `cffi-build`
//! (through it) and run-time mode in `cffi-core` all read C through it, so that they agree on
//! what a declaration means and how it is laid out. It depends on nothing of cffi-rs, must not
//! depend on a proc-macro crate, and must never panic or hang on any input.
//!
//! It reads C declarations (as written in a `cdef!`, in a C source file, or as `gcc -E` prints
//! a real header) into one [`Module`] model: functions, globals, structs, unions, enums,
//! typedefs and `#define` constants. It evaluates constant expressions with C's typing rules
//! and lays out structs as gcc does for a given [`Target`]. It has no `proc_macro`
//! dependency: the macros of `cffi-macros` turn its byte ranges into spans.
//!
//! ```
//! use cffi_frontend::{parse, Options, layout};
//!
//! let parsed = parse(
//!     "#define LIMIT (1 << 4)\n\
//!      struct point { int x, y; unsigned flags : 3; };\n\
//!      double norm(const struct point *p);",
//!     &Options::default(),
//! );
//! assert!(parsed.errors.is_empty());
//! let m = &parsed.module;
//! let norm = m.function("norm").unwrap();
//! assert_eq!(cffi_frontend::render::c_decl(m, &norm.ty.params[0].ty, "p"), "const struct point *p");
//! let point = m.record_tagged("point").unwrap();
//! assert_eq!(layout::record_layout(m, point).unwrap().size, 12);
//! ```

pub mod compat;
mod error;
mod eval;
pub mod layout;
mod lexer;
mod literals;
pub mod model;
mod parser;
pub mod render;
mod scalars;
mod session;
mod source;
mod target;
mod token;
mod value;

pub use error::{Error, ErrorKind, Span, closest};
pub use model::*;
pub use session::{Part, Session};
pub use source::{Loc, SourceMap};
pub use target::{Target, UnknownTarget};

/// How to read the input.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The platform whose type sizes apply (`sizeof`, `long`, struct layout).
    pub target: Target,
    /// For whole headers and C sources: declarations that cannot be bound (a function-like
    /// macro, an `_Atomic` member) and preprocessor directives other than `#define` are
    /// listed in [`Module::skipped`] instead of being errors.
    pub lenient: bool,
    /// Text before this byte offset is a preprocessed header, which declares every type it
    /// uses: there, the standard type names (`size_t`, `int32_t`, `FILE`) exist only if the
    /// text declares them. Declarations after it may use them undeclared, as in any module.
    pub header_end: usize,
    /// Text from this byte offset is the module's own declarations, after an imported
    /// header's or a used module's (0: all of it is). Repeating an earlier declaration there
    /// moves it to the module: the module binds it, and its errors point there.
    pub own_start: usize,
    /// The `#pragma pack(N)` in force at the start of the text: Python cffi's
    /// `cdef(pack=N)` (`packed=True` is `pack=1`). `#pragma pack` lines still change it.
    pub pack: Option<u64>,
}

/// The result of [`parse`]: the declarations that were understood, and every error.
#[derive(Debug)]
pub struct Parsed {
    pub module: Module,
    pub errors: Vec<Error>,
    pub source_map: SourceMap,
}

/// Reads `spelling` as a C type name (`"struct point *"`, `"int[4]"`, `"int (*)(double)"`) in
/// the scope of the declarations of `src`, which are parsed first: their module, and the
/// type. Errors in `spelling` have byte ranges into `spelling`; a `src` with errors gives its
/// first one, with a range into `src`.
///
/// ```
/// use cffi_frontend::{parse_type_name, Options, layout};
///
/// let src = "struct point { int x, y; };";
/// let (m, ty) = parse_type_name(src, &Options::default(), "struct point[3]").unwrap();
/// assert_eq!(layout::layout_of(&m, &ty).unwrap().size, 24);
/// assert!(parse_type_name(src, &Options::default(), "struct point x").is_err());
/// ```
pub fn parse_type_name(src: &str, opts: &Options, spelling: &str) -> Result<(Module, Type), Error> {
    let at = src.len() + 1;
    let text = format!("{src}\n{spelling}");
    let lexed = lexer::lex(&text);
    let (module, errors, ty) = parser::Parser::new(&text, &lexed, opts).parse_then_type_name(at);
    // As `parse` does, a lenient reading passes over the directives a header leaves.
    let first = lexed
        .errors
        .iter()
        .filter(|e| !(opts.lenient && e.kind == ErrorKind::UnsupportedDirective))
        .chain(&errors)
        .min_by_key(|e| e.span.start);
    if let Some(e) = first {
        let mut e = e.clone();
        if e.span.start >= at {
            e.span = e.span.start - at..e.span.end.saturating_sub(at);
        }
        return Err(e);
    }
    match ty {
        Some(ty) => Ok((module, ty)),
        None => Err(Error::new(
            ErrorKind::InvalidDeclaration,
            0..spelling.len(),
            format!("`{spelling}` is not a type name"),
        )),
    }
}

/// Parses C declarations. Never panics; every problem is an [`Error`] with a byte range, and
/// the declarations around a bad one are still read.
pub fn parse(src: &str, opts: &Options) -> Parsed {
    let lexed = lexer::lex(src);
    let (mut module, mut errors) = parser::Parser::new(src, &lexed, opts).parse();
    let mut all = Vec::new();
    for e in &lexed.errors {
        // Whole headers and C sources carry `#include`s and conditionals: lenient mode
        // passes over them.
        if opts.lenient && e.kind == ErrorKind::UnsupportedDirective {
            module.skipped.push(Skipped {
                name: src.get(e.span.clone()).unwrap_or("").to_string(),
                reason: e.to_string(),
                span: e.span.clone(),
            });
        } else {
            all.push(e.clone());
        }
    }
    all.append(&mut errors);
    all.sort_by_key(|e| e.span.start);
    Parsed {
        module,
        errors: all,
        source_map: lexed.source_map,
    }
}
