//! Code generation of cffi-rs: the expansion of `cdef!`, as a plain library.
//!
//! Where it sits: `cffi-macros` (the proc-macro shell) and `cffi-build` (API mode's build
//! script) call it; it calls `cffi-frontend` for everything about C (parsing, types,
//! layouts, constants). It must not depend on `proc_macro` (so that it runs, is tested and
//! is fuzzed outside a compiler), must not panic (every problem becomes a `compile_error!` in
//! the output, spanned on the token at fault), and must stay linear in its input.
//!
//! Its folders are the pipeline, each depending only on those listed after it
//! (`scripts/import_cycles.py` checks that no module imports in a circle; ARCHITECTURE.md
//! draws the whole path):
//!
//! - `entry`: `cdef!`'s expansion, the build script's C, `c_source!`;
//! - `owner`: the functions of a module, its owner type and methods, in both modes;
//! - `types`: the types and constants of a module, the same in both modes;
//! - `c_side`: what API mode asks the C compiler (checks, probes) and its answers;
//! - `rust_model`: how C types become Rust types (representations, names, spellings);
//! - `header`: reading a header whole (`import`);
//! - `input`: reading the macro's input and settings;
//! - `text`: the C text with its spans, diagnostics, docs, name patterns.

#![warn(missing_docs)]

mod c_side;
mod entry;
mod header;
mod input;
mod owner;
mod rust_model;
pub mod stamps;
mod text;
mod types;

use c_side::{c_errors, probe};
use entry::{csource, expand, glue};
use header::import;
use input::settings;
use owner::{abi, api};
use rust_model::names;
use text::{ctext, diag, patterns};
use types::items;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

pub use settings::{BUILD_CC, BUILD_LINK, BUILD_TARGET, Compiler, SEPARATOR, Settings, pkg_config};

/// Expands the input of `c_source!`.
pub fn c_source(input: TokenStream) -> TokenStream {
    csource::expand(input)
}

/// The C of every module of one `c_source!` found in `rust_file`, for the build script.
pub fn c_source_glue(
    input: TokenStream,
    rust_file: &Path,
    compiler: &Compiler,
    target: &str,
) -> Vec<CGlue> {
    csource::glue(input, rust_file, compiler, target)
}

/// ABI-mode bindings for a whole C text (such as a preprocessed header), as `cdef!` would
/// generate them: the expansion the compile-time benchmarks measure. Declarations that
/// cannot be bound are left out, as header import does.
pub fn bindings_for_text(text: &str, module: &str, lib: &str) -> TokenStream {
    let parsed = cffi_frontend::parse(
        text,
        &cffi_frontend::Options {
            target: cffi_frontend::Target::host(),
            lenient: true,
            header_end: text.len(),
            own_start: text.len(),
            pack: None,
        },
    );
    let ctext = ctext::CText::single(text.to_string(), proc_macro2::Span::call_site());
    let names = names::Names::new(&parsed.module);
    let mut errors = diag::Errors::default();
    let mut g = items::Generator::new(&parsed.module, &names, &ctext, &mut errors, None);
    let items = g.types_and_constants();
    let lib: syn::Expr = syn::parse_quote!(#lib);
    let owner = abi::owner(&mut g, &lib, module);
    let ident = names::ident(module, proc_macro2::Span::call_site());
    let vis: syn::Visibility = syn::parse_quote!(pub);
    entry::module_shell::generated_module(
        TokenStream::new(),
        &vis,
        &ident,
        quote::quote!(#items #owner),
        names.plain_std,
    )
}

/// What importing a header binds, for checking against the C compiler.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The functions bound.
    pub functions: Vec<String>,
    /// The integer constants, with their values.
    pub constants: Vec<(String, i128)>,
    /// What was left out, with the reason.
    pub skipped: Vec<String>,
    /// The files whose declarations count as the header's own.
    pub files: Vec<String>,
}

/// Whether `name` matches an `allow`, `safe` or `files` pattern (`.*` any run of characters,
/// `|` alternatives), as the macros apply it.
pub fn name_matches(pattern: &str, name: &str) -> bool {
    patterns::matches(pattern, name)
}

/// Whether a "left out" message is about declaration `name` (and not one that merely
/// mentions it): the messages start with the name, or say they cannot bind it.
pub fn names_as_left_out(message: &str, name: &str) -> bool {
    let quoted = format!("`{name}`");
    message.starts_with(&quoted)
        || message.starts_with(&format!("cannot bind {quoted}"))
        || message.starts_with(&format!("C function {quoted}"))
        || message.starts_with(&format!("`static` function {quoted}"))
}

/// What importing `header` (filtered by `allow`) binds for the host, preprocessed by `$CC`
/// or `cc` with `cflags`.
pub fn import_report(
    header: &str,
    allow: Option<&str>,
    manifest_dir: &Path,
    cflags: &[String],
) -> Result<ImportReport, String> {
    let mut compiler = Compiler::from_env(manifest_dir);
    compiler.args.extend(cflags.iter().cloned());
    report(header, allow, &compiler, cffi_frontend::Target::host())
}

/// What importing `header` (filtered by `allow`) binds for the target of Rust triple
/// `triple`, preprocessed by `compiler`, the C compiler for that target (as the build script
/// hands it to the macro).
pub fn import_report_for(
    header: &str,
    allow: Option<&str>,
    compiler: &Compiler,
    triple: &str,
) -> Result<ImportReport, String> {
    let target = cffi_frontend::Target::from_triple(triple).map_err(|e| e.to_string())?;
    report(header, allow, compiler, target)
}

fn report(
    header: &str,
    allow: Option<&str>,
    compiler: &Compiler,
    target: cffi_frontend::Target,
) -> Result<ImportReport, String> {
    let filters = import::Filters {
        allow,
        files: None,
        api: false,
        used_len: None,
    };
    let i = import::import(
        header,
        &filters,
        compiler,
        target,
        (TokenStream::new(), proc_macro2::Span::call_site()),
    )?;
    let m = &i.parsed.module;
    let ctext = &i.ctext;
    let names = names::Names::new(m);
    let mut errors = diag::Errors::default();
    let mut g = items::Generator::new(m, &names, ctext, &mut errors, None);
    g.skips = Some(Vec::new());
    g.types_and_constants();
    let lib: syn::Expr = syn::parse_quote!("x");
    abi::owner(&mut g, &lib, "report");
    let mut skipped = i.skipped.clone();
    skipped.extend(g.skips.take().unwrap_or_default());
    let functions = m
        .functions
        .iter()
        .map(|f| f.name.clone())
        .filter(|n| !skipped.iter().any(|s| names_as_left_out(s, n)))
        .collect();
    let constants = m
        .consts
        .iter()
        .filter_map(|c| match c.value {
            cffi_frontend::ConstValue::Int { value, .. } => Some((c.name.clone(), value)),
            _ => None,
        })
        .collect();
    Ok(ImportReport {
        functions,
        constants,
        skipped,
        files: i.own_files.clone(),
    })
}

/// Expands the input of `cdef!`.
pub fn cdef(input: TokenStream) -> TokenStream {
    match syn::parse2::<input::macro_input::Input>(input) {
        Ok(input) => expand::cdef(input),
        Err(e) => e.into_compile_error(),
    }
}

/// `cdef!` as the proc macro runs it: the same expansion as [`cdef`], given back as text from
/// the target directory when the module imports a header and nothing the expansion read has
/// changed since it was written.
pub fn cdef_reusing(input: TokenStream) -> Expansion {
    entry::reuse::cdef(input)
}

pub use entry::reuse::Expansion;

/// The C of one API-mode module, for the build script to compile.
#[derive(Debug, Clone)]
pub struct CGlue {
    /// The module's name.
    pub module: String,
    /// The module's name and a hash of its declarations: unique in the crate.
    pub key: String,
    /// What brings the module's C in: its source or header (or, for `c_source!`, the C
    /// itself). Modules with the same prologue share one compiled file, so that a source two
    /// modules bind is compiled once.
    pub prologue: String,
    /// The module's wrappers and checks, after the prologue.
    pub body: String,
    /// What the module's C is compiled and linked with: its `cflags`, `pkg_config`, `link`,
    /// `link_dirs` and `sources`.
    pub settings: Settings,
    /// The C files it includes from the crate, to rebuild when they change.
    pub files: Vec<PathBuf>,
    /// What only the C compiler knows (`...`), if anything.
    pub probe: Option<Probe>,
    /// Why the module's C cannot be compiled at all (its `pkg_config` package is not found
    /// for the target): the build script writes it for the macro ([`c_failure`]) instead.
    pub failed: Option<String>,
}

/// A C file whose assembly holds the numbers only the C compiler knows about a module
/// (partial structs, `#define X ...`): the build script compiles it with `-S` and passes the
/// assembly to [`Probe::read`], then writes the result to `OUT_DIR`/[`Probe::file_name`] for
/// the macro.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The C to compile to assembly.
    pub c: String,
    key: String,
    wanted: Vec<(String, String)>,
}

impl CGlue {
    fn not_compiled(module: String, key: String, why: String) -> CGlue {
        CGlue {
            module,
            key,
            prologue: String::new(),
            body: String::new(),
            settings: Settings::default(),
            files: Vec::new(),
            probe: None,
            failed: Some(why),
        }
    }

    /// The C file of this module alone.
    pub fn c(&self) -> String {
        c_file(&self.prologue, [self.body.as_str()])
    }
}

/// A C file of one prologue and the bodies of every module that shares it.
pub fn c_file<'a>(prologue: &str, bodies: impl IntoIterator<Item = &'a str>) -> String {
    // The module's own headers come first, as the front end read them: a header may choose
    // its definitions by what is already defined (<glob.h> types `__size_t` itself unless
    // <stddef.h> came before it).
    let mut c = String::from(prologue);
    c.push_str("#include <stddef.h>\n");
    for body in bodies {
        c.push_str(body);
    }
    c
}

impl Probe {
    fn new(m: &cffi_frontend::Module, key: &str, prologue: &str, from: usize) -> Option<Probe> {
        let wanted = probe::wanted(m, from);
        if wanted.is_empty() {
            return None;
        }
        Some(Probe {
            c: probe::c(&wanted, key, prologue),
            key: key.to_string(),
            wanted,
        })
    }

    /// The numbers, read from the compiler's assembly, as the file the macro reads.
    pub fn read(&self, assembly: &str) -> Result<String, String> {
        probe::read_assembly(assembly, &self.wanted, &self.key)
    }

    /// The name of that file in `OUT_DIR`.
    pub fn file_name(&self) -> String {
        probe::file_name(&self.key)
    }
}

/// What the C compiler printed (`stderr`) when the C of a module written in `rust_file` did
/// not compile, as the file the macro reads to report it on the Rust declarations: write it
/// to `OUT_DIR`/[`c_errors_file_name`] instead of failing the build script.
pub fn c_errors(stderr: &str, rust_file: &Path) -> String {
    c_errors::encode(stderr, rust_file)
}

/// The file the macro reads for a module whose C could not be compiled at all
/// ([`CGlue::failed`]), saying why.
pub fn c_failure(message: &str) -> String {
    c_errors::encode_failure(message)
}

/// The name of that file for module `key` ([`CGlue::key`]).
pub fn c_errors_file_name(key: &str) -> String {
    c_errors::file_name(key)
}

/// The static library `cffi_build::compile()` builds for package `package`, which API-mode
/// bindings link.
pub fn api_library(package: &str) -> String {
    format!("cffi_api_{}", package.replace('-', "_"))
}

/// The environment variable `cffi_build::compile()` sets for the crate it builds, which API
/// mode checks for.
pub const BUILD_MARKER: &str = api::BUILD_MARKER;

/// The C of every API-mode module in the input of one `cdef!`, which was found in
/// `rust_file`; `compiler` is the C compiler for `target`, the triple the crate is built for,
/// run in the package's directory. Modules with errors are still given (the macro reports
/// the errors); input that is not a `cdef!` at all gives none.
pub fn api_glue(
    input: TokenStream,
    rust_file: &Path,
    compiler: &Compiler,
    target: &str,
) -> Vec<CGlue> {
    glue::api_glue(input, rust_file, compiler, target)
}
