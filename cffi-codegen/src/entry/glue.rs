//! The build script's half of `cdef!` in API mode: the C of each module (its wrappers and
//! checks, after the source or header it binds), computed from the same tokens the macro
//! expands, so that both halves agree on every name.

use std::path::{Path, PathBuf};

use cffi_frontend::{Module, Options, Target};
use proc_macro2::TokenStream;

use crate::input::macro_input::{Import, Input, Mode, ModuleDecl};
use crate::input::settings::{Compiler, Settings};
use crate::owner::api_c;
use crate::{CGlue, Probe, api, expand, import};

pub fn api_glue(
    input: TokenStream,
    rust_file: &Path,
    compiler: &Compiler,
    target: &str,
) -> Vec<CGlue> {
    let Ok(parsed) = syn::parse2::<Input>(input) else {
        return Vec::new();
    };
    // A target the layout engine does not know has no C here; the macro says why.
    let Ok(target) = Target::from_triple(target) else {
        return Vec::new();
    };
    parsed
        .modules
        .iter()
        .filter_map(|decl| module_glue(decl, rust_file, compiler, &target))
        .collect()
}

/// The key both halves name a module's C by.
fn key(decl: &ModuleDecl) -> String {
    let module = decl.ident.to_string();
    match expand::header_import(decl) {
        Some(imp) => expand::import_key(&module, imp, &expand::import_declarations(decl).0),
        None => api::key(&module, &expand::declarations(decl).0),
    }
}

/// The C of one module, if it is in API mode and can be read.
fn module_glue(
    decl: &ModuleDecl,
    rust_file: &Path,
    compiler: &Compiler,
    target: &Target,
) -> Option<CGlue> {
    let Mode::Api {
        source, include, ..
    } = &decl.mode
    else {
        return None;
    };
    let module = decl.ident.to_string();
    let settings = match decl.settings.resolve() {
        Ok(s) => s,
        // The macro may resolve the settings where the build script cannot (pkg-config
        // refuses a cross build without a sysroot): it reports what the build saw.
        Err(e) => return Some(CGlue::not_compiled(module, key(decl), e.to_string())),
    };
    let manifest_dir = compiler.dir.as_path();
    let (source, include) = (
        source.as_ref().map(|s| s.value()),
        include.as_ref().map(|s| s.value()),
    );
    let sources = api_c::CSources {
        source: source.as_deref(),
        include: include.as_deref(),
    };
    let prologue = api_c::includes(&sources, manifest_dir);
    let Body {
        key,
        module: m,
        c: body,
        watched,
        own_start,
    } = match expand::header_import(decl) {
        Some(imp) => match imported(decl, imp, rust_file, &compiler.with(&settings), target) {
            Ok(body) => body,
            // Recorded as failed, so that the build script runs again until the header can
            // be read (a package installed later).
            Err(why) => return Some(CGlue::not_compiled(module, key(decl), why)),
        },
        None => declared(decl, rust_file, target)?,
    };
    let probe = Probe::new(&m, &key, &prologue, own_start);
    let files = watched_files(source, include.as_deref(), &settings, manifest_dir, watched);
    Some(CGlue {
        module,
        key,
        prologue,
        body,
        settings,
        files,
        probe,
        failed: None,
    })
}

/// A module's C after its prologue, with what it was made from.
struct Body {
    key: String,
    module: Module,
    c: String,
    /// Where the module's own declarations start (after those of a module it `uses`).
    own_start: usize,
    /// The imported headers' own files, system headers included, so that the build script
    /// reruns when they change.
    watched: Vec<PathBuf>,
}

/// An import's C: errors in it point into the header, where its declarations are, or into
/// the Rust file, for the module's own.
fn imported(
    decl: &ModuleDecl,
    imp: &Import,
    rust_file: &Path,
    compiler: &Compiler,
    target: &Target,
) -> Result<Body, String> {
    let module = decl.ident.to_string();
    let (allow, files) = imp.filter_values();
    let (declarations, used_len) = expand::import_declarations(decl);
    let filters = import::Filters {
        allow: allow.as_deref(),
        files: files.as_deref(),
        api: true,
        used_len,
    };
    let i = import::import(
        &imp.header.value(),
        &filters,
        compiler,
        target.clone(),
        (declarations, proc_macro2::Span::call_site()),
    )?;
    // With `uses`, the used module's declarations come first and are its own to bind.
    let own_start = used_len.map_or(0, |n| i.body_start + n);
    let key = key(decl);
    let (text, map) = (&i.text, &i.parsed.source_map);
    let own_lines = api_c::token_lines(&i.ctext, rust_file);
    let locate = |offset: usize| {
        if offset >= i.body_start {
            return own_lines(offset);
        }
        let loc = map.loc(text, offset);
        (
            loc.line as usize,
            api_c::c_string(Path::new(loc.file.unwrap_or(""))),
        )
    };
    let c = api_c::glue(
        &i.parsed.module,
        &key,
        &module,
        &locate,
        (i.body_start, own_start),
        &i.adopted,
    );
    let watched = i.own_files.iter().map(|f| compiler.dir.join(f)).collect();
    Ok(Body {
        key,
        module: i.parsed.module,
        c,
        own_start,
        watched,
    })
}

/// The C of declarations written in the module. The macro reports the front end's errors;
/// C made from declarations it could not read would only repeat them as the C compiler's.
fn declared(decl: &ModuleDecl, rust_file: &Path, target: &Target) -> Option<Body> {
    let (ctext, own_start) = expand::declarations(decl);
    let parsed = cffi_frontend::parse(
        &ctext.text,
        &Options {
            target: target.clone(),
            lenient: false,
            header_end: 0,
            own_start,
            pack: expand::initial_pack(decl),
        },
    );
    if !ctext.errors.is_empty() || !parsed.errors.is_empty() {
        return None;
    }
    let module = decl.ident.to_string();
    let key = api::key(&module, &ctext);
    let locate = api_c::token_lines(&ctext, rust_file);
    let c = api_c::glue(
        &parsed.module,
        &key,
        &module,
        &locate,
        (0, own_start),
        &Default::default(),
    );
    Some(Body {
        key,
        module: parsed.module,
        c,
        own_start,
        watched: Vec::new(),
    })
}

/// The files the module's C reads: its source, its headers in the package, its `sources`,
/// and the imported headers' files.
fn watched_files(
    source: Option<String>,
    include: Option<&str>,
    settings: &Settings,
    manifest_dir: &Path,
    watched: Vec<PathBuf>,
) -> Vec<PathBuf> {
    let local_includes = include
        .map(crate::header::preprocess::header_list)
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.starts_with('<'))
        .map(str::to_string);
    source
        .into_iter()
        .chain(local_includes)
        .chain(settings.sources.iter().cloned())
        .map(|f| manifest_dir.join(f))
        .chain(watched)
        .collect()
}
