//! `cdef!`: parse each module's C declarations, then generate its Rust module.

use cffi_frontend::{Options, parse};
use proc_macro2::TokenStream;
use quote::quote;

use crate::input::macro_input::{Input, Mode, ModuleDecl};
use crate::input::settings::Compiler;
use crate::rust_model::names::Names;
use crate::text::ctext::CText;
use crate::text::diag::{self, Errors};
use crate::types::items::{Generator, Vouched};

/// What an expansion read, beyond the macro's input: filled in while expanding.
#[derive(Default)]
pub struct Inputs {
    /// Files and directories whose change would change the expansion.
    pub paths: Vec<String>,
    /// Whether the expansion may be reused at all.
    pub reusable: bool,
}

pub fn cdef(input: Input) -> TokenStream {
    cdef_recording(input).0
}

/// `cdef!`, and what its expansion read besides the input ([`Inputs`]).
pub fn cdef_recording(input: Input) -> (TokenStream, Inputs) {
    let mut inputs = Inputs {
        paths: Vec::new(),
        reusable: true,
    };
    let tokens = input
        .modules
        .into_iter()
        .map(|decl| module(decl, &mut inputs))
        .collect();
    (tokens, inputs)
}

/// The key of an imported module: its name, header and filter (the preprocessed text may
/// differ between the macro and the build script, which use different compiler flags).
pub fn import_key(
    module: &str,
    import: &crate::input::macro_input::Import,
    declarations: &proc_macro2::TokenStream,
) -> String {
    let (allow, files) = import.filter_values();
    let what = format!(
        "{}{}{}{}",
        import.header.value(),
        allow.unwrap_or_default(),
        files.unwrap_or_default(),
        declarations
    );
    crate::owner::api::key(module, &CText::single(what, proc_macro2::Span::call_site()))
}

/// A module's C, read: its text with spans, the front end's result, and the key both halves
/// name its C by; for an import, the header's own files, what it left out, and where the
/// module's own declarations start.
struct Read {
    ctext: CText,
    parsed: cffi_frontend::Parsed,
    key: String,
    imported: Option<(Vec<String>, Vec<String>, usize)>,
    /// With `uses`: where the module's own declarations start.
    own_start: usize,
    /// With `uses` of an imported module: the header's types the module generates itself
    /// (see `import::Imported::adopted`).
    adopted: std::collections::HashSet<usize>,
    /// For an import: the files the preprocessor read, its include path and the compiler.
    tree: Vec<String>,
}

/// One module's expansion; `inputs` learns what it read, and whether it may be reused.
fn module(decl: ModuleDecl, inputs: &mut Inputs) -> TokenStream {
    let mut errors = Errors::default();
    let settings = match decl.settings.resolve() {
        Ok(s) => s,
        Err(e) => return e.into_compile_error(),
    };
    let target = match crate::input::settings::target() {
        Ok(t) => t,
        Err(e) => return syn::Error::new(decl.ident.span(), e).into_compile_error(),
    };
    let read = match header_import(&decl) {
        Some(imp) => {
            let compiler =
                Compiler::from_env(&crate::input::settings::manifest_dir()).with(&settings);
            match read_import(&decl, imp, &compiler, target, &mut errors) {
                Ok(read) => read,
                Err(e) => return e.into_compile_error(),
            }
        }
        None => read_declarations(&decl, target, &mut errors),
    };
    let Read {
        ctext,
        mut parsed,
        key,
        imported,
        own_start,
        adopted,
        tree,
    } = read;
    inputs.reusable &= reusable(&decl, &parsed.module);
    inputs.paths.extend(tree);
    let probes = match decl.mode {
        Mode::Api { .. } => crate::c_side::probe::Probes::read(&key),
        Mode::Abi { .. } => None,
    };
    if let Some(p) = &probes {
        crate::c_side::probe::fill_lengths(&mut parsed.module, p);
    }
    let names = Names::new(&parsed.module);
    let mut g = Generator::new(&parsed.module, &names, &ctext, &mut errors, probes.as_ref());
    g.api = matches!(decl.mode, Mode::Api { .. });
    g.used = decl.uses.as_ref().map(|u| crate::types::items::Used {
        own_start,
        module: u.module.clone(),
        imported: u.import.is_some(),
        adopted,
    });
    if let Some((_, _, body_start)) = &imported {
        // What cannot be bound is listed in the module's documentation, not refused; what the
        // module declares itself is bound or refused as in any module.
        g.skips = Some(Vec::new());
        g.body_start = Some(*body_start);
    }
    g.vouched = vouched(&decl, &mut g);
    let items = g.types_and_constants();
    let decl_uses = decl.uses.is_some();
    let ModuleDecl {
        attrs,
        mode,
        vis,
        ident,
        ..
    } = decl;
    let owner = match &mode {
        Mode::Abi { lib } => {
            let lib_text = quote!(#lib).to_string();
            crate::owner::abi::owner(&mut g, lib, &format!("`{lib_text}`, opened at run time."))
        }
        Mode::Api { .. } => {
            let from = imported.as_ref().map_or(0, |(_, _, start)| *start);
            let owner = api_owner(&mut g, &mode, &key, from, &settings.link);
            let callbacks = crate::owner::extern_python::rust(&mut g, &key, &ident.to_string());
            quote!(#owner #callbacks)
        }
    };
    let (import_doc, track) = match &imported {
        Some((own_files, skipped, _)) => {
            let generator_skips = g.skips.take().unwrap_or_default();
            let (doc, track) = crate::entry::module_shell::import_summary(
                &parsed.module,
                own_files,
                skipped,
                &generator_skips,
            );
            // A module that uses an import binds its own declarations only: the header's
            // summary is the used module's.
            (if decl_uses { TokenStream::new() } else { doc }, track)
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    inputs.reusable &= errors.is_empty();
    if let Mode::Api { .. } = mode {
        // What the build script found, which the owner read.
        let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
        for name in [
            crate::c_side::probe::file_name(&key),
            crate::c_errors_file_name(&key),
        ] {
            inputs.paths.push(out_dir.join(name).display().to_string());
        }
    }
    let errors = errors.into_compile_errors();
    crate::entry::module_shell::generated_module(
        quote!(#(#attrs)* #import_doc),
        &vis,
        &ident,
        [track, items, owner, errors].into_iter().collect(),
        names.plain_std,
    )
}

/// An import's header, preprocessed and read, then the module's own declarations after it.
/// The header's own problems are among what it left out; those of the module's declarations
/// are errors, as in any module.
fn read_import(
    decl: &ModuleDecl,
    imp: &crate::input::macro_input::Import,
    compiler: &Compiler,
    target: cffi_frontend::Target,
    errors: &mut Errors,
) -> Result<Read, syn::Error> {
    let (allow, files) = imp.filter_values();
    let (declarations, used_len) = import_declarations(decl);
    let filters = crate::header::import::Filters {
        allow: allow.as_deref(),
        files: files.as_deref(),
        api: matches!(decl.mode, Mode::Api { .. }),
        used_len,
    };
    let crate::header::import::Imported {
        ctext,
        body_start,
        mut parsed,
        own_files,
        skipped,
        adopted,
        allow_errors,
        search,
        ..
    } = crate::header::import::import(
        &imp.header.value(),
        &filters,
        compiler,
        target,
        (declarations.clone(), imp.header.span()),
    )
    .map_err(|e| syn::Error::new(imp.header.span(), e))?;
    // On the pattern the user wrote (a proc macro cannot point inside a string literal).
    if let Some(allow) = &imp.allow {
        for e in allow_errors {
            errors.push(syn::Error::new(allow.span(), e));
        }
    }
    for e in &ctext.errors {
        errors.push(e.clone());
    }
    // The module's own declarations start after the header and after a used module's, whose
    // problems are reported where that module is expanded.
    let own = used_len.map_or(body_start, |n| body_start + n);
    parsed.errors.retain(|e| e.span.start >= own);
    for e in &parsed.errors {
        errors.push(diag::front(&ctext, e));
    }
    // Read leniently with the header, what the module wrote that cannot be bound was noted
    // as skipped: it is an error, as in any module.
    for s in parsed.module.skipped.iter().filter(|s| s.span.start >= own) {
        errors.push(diag::at(&ctext, s.span.clone(), &s.reason));
    }
    let key = import_key(&decl.ident.to_string(), imp, &declarations);
    let program = compiler.program_path();
    let tree = (parsed.source_map.files().iter().cloned())
        .chain(search)
        .chain(program.map(|p| p.display().to_string()))
        .collect();
    Ok(Read {
        ctext,
        parsed,
        key,
        imported: Some((own_files, skipped, body_start)),
        own_start: if used_len.is_some() { own } else { 0 },
        adopted,
        tree,
    })
}

/// Whether a module's expansion may be given again from text ([`crate::entry::reuse`]): an
/// import of a header alone, none of whose parameters is named as a wrapper's local.
fn reusable(decl: &ModuleDecl, m: &cffi_frontend::Module) -> bool {
    let only_the_header =
        decl.import.is_some() && decl.uses.is_none() && import_declarations(decl).0.is_empty();
    only_the_header && !crate::rust_model::names::a_parameter_names_a_local(m)
}

/// The header a module reads: its own `import`, or that of the module it `uses`.
pub(crate) fn header_import(decl: &ModuleDecl) -> Option<&crate::input::macro_input::Import> {
    let used = decl.uses.as_ref().and_then(|u| u.import.as_ref());
    decl.import.as_ref().or(used)
}

/// The declarations read after an imported header: the module's own, after those of the
/// module it `uses` (whose length in the C text is returned, when there is one).
pub(crate) fn import_declarations(decl: &ModuleDecl) -> (TokenStream, Option<usize>) {
    match &decl.uses {
        Some(used) if decl.import.is_none() => {
            let mut tokens = used.body();
            tokens.extend(decl.body.clone());
            (tokens, Some(CText::new(used.body()).text.len()))
        }
        _ => (decl.body.clone(), None),
    }
}

/// The C text of a module's declarations, and where its own start: with `uses`, the used
/// module's declarations come first, so that its own may name their types. The macro and the
/// build script read the same text (and name the module's C by its hash).
pub(crate) fn declarations(decl: &ModuleDecl) -> (CText, usize) {
    match &decl.uses {
        None => (CText::new(decl.body.clone()), 0),
        Some(used) if !used.packed() && decl.pack.is_none() => {
            let own_start = CText::new(used.body()).text.len();
            let mut tokens = used.body();
            tokens.extend(decl.body.clone());
            (CText::new(tokens), own_start)
        }
        // Each module's declarations are read under its own packing.
        Some(used) => {
            let mut parts = Vec::new();
            for (tokens, pack) in &used.segments {
                parts.push(pack_pragma(*pack));
                parts.push(CText::new(tokens.clone()));
            }
            let before = CText::concat(parts);
            let own_start = before.text.len() + 1;
            let own = vec![
                before,
                pack_pragma(decl.pack),
                CText::new(decl.body.clone()),
            ];
            (CText::concat(own), own_start)
        }
    }
}

/// The line that sets the packing of the declarations after it: `#pragma pack(N)`, or
/// `#pragma pack()` for the C compiler's own.
fn pack_pragma(pack: Option<u64>) -> CText {
    let n = pack.map(|n| n.to_string()).unwrap_or_default();
    CText::single(format!("#pragma pack({n})"), proc_macro2::Span::call_site())
}

/// The `pack` the front end starts a module's text with: a module that uses others sets each
/// module's packing in its text (`declarations`).
pub(crate) fn initial_pack(decl: &ModuleDecl) -> Option<u64> {
    match &decl.uses {
        Some(_) => None,
        None => decl.pack,
    }
}

/// Declarations written in the module, read strictly.
fn read_declarations(
    decl: &ModuleDecl,
    target: cffi_frontend::Target,
    errors: &mut Errors,
) -> Read {
    let (ctext, own_start) = declarations(decl);
    for e in &ctext.errors {
        errors.push(e.clone());
    }
    let parsed = parse(
        &ctext.text,
        &Options {
            target,
            lenient: false,
            header_end: 0,
            own_start,
            pack: initial_pack(decl),
        },
    );
    // The used module's own problems are reported where it is expanded.
    let own = |span: &std::ops::Range<usize>| span.start >= own_start;
    for e in parsed.errors.iter().filter(|e| own(&e.span)) {
        errors.push(diag::front(&ctext, e));
    }
    // Declarations describe C that lives elsewhere: a body here would be compiled nowhere.
    let functions = parsed.module.functions.iter();
    for f in functions.filter(|f| f.defined && own(&f.span)) {
        let e = cffi_frontend::Error::new(
            cffi_frontend::ErrorKind::InvalidDeclaration,
            f.name_span.clone(),
            format!("function `{}` has a body among declarations", f.name),
        )
        .with_hint("declare it here (`int f(int x);`) and define it in C: in a `c_source!` block, or in the module's `source = \"file.c\"`");
        errors.push(diag::front(&ctext, &e));
    }
    let key = crate::owner::api::key(&decl.ident.to_string(), &ctext);
    Read {
        ctext,
        parsed,
        key,
        imported: None,
        own_start,
        adopted: Default::default(),
        tree: Vec::new(),
    }
}

/// What the user's `unsafe` vouches for: nothing without `unsafe mod`; every function of
/// scalars in a hand-written module; the functions `safe = "..."` names in an import, which
/// must name one.
fn vouched(decl: &ModuleDecl, g: &mut Generator<'_>) -> Vouched {
    match (&decl.unsafety, &decl.import) {
        (None, _) => Vouched::Nothing,
        (Some(_), None) => Vouched::All,
        (Some(_), Some(imp)) => match &imp.safe {
            Some(pattern) => {
                let p = pattern.value();
                let names: Vec<&str> = g.m.functions.iter().map(|f| f.name.as_str()).collect();
                let unmatched = crate::text::patterns::unmatched(&p, &names, &|alt, hint| {
                    format!(
                        "`{alt}` in `safe = \"{p}\"` names no function the header declares{hint}; `.*` matches any run of characters, `|` separates names"
                    )
                });
                for e in unmatched {
                    g.errors.push(syn::Error::new_spanned(pattern, e));
                }
                Vouched::Named(p)
            }
            None => Vouched::Nothing,
        },
    }
}

/// The owner of an API-mode module, with what the C compiler said about its C (when it did
/// not compile) on the declarations from text offset `from`, or on the argument that brought
/// the C in.
fn api_owner(
    g: &mut Generator<'_>,
    mode: &Mode,
    key: &str,
    from: usize,
    link: &[String],
) -> TokenStream {
    let Mode::Api {
        span,
        source,
        include,
    } = mode
    else {
        return TokenStream::new();
    };
    let origin = source
        .as_ref()
        .or(include.as_ref())
        .map_or(*span, |l| l.span());
    let lines = crate::c_side::c_errors::Lines::Declarations {
        ctext: g.ctext,
        from,
        module: g.m,
    };
    for e in crate::c_side::c_errors::errors(key, lines, origin) {
        g.errors.push(e);
    }
    if std::env::var_os(crate::owner::api::BUILD_MARKER).is_none() {
        g.errors.push(syn::Error::new(
            *span,
            "API mode compiles C with the crate, which needs the build script: add `cffi_build::compile();` to `fn main` in build.rs, and `cffi-build` under `[build-dependencies]`",
        ));
    }
    crate::owner::api::owner(g, key, link)
}
