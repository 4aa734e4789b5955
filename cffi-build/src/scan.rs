//! Finding the API-mode modules of the package: every `cdef!` and `c_source!` in its Rust
//! files.

use std::path::{Path, PathBuf};

use cffi_codegen::{CGlue, Compiler};
use syn::visit::Visit;

/// The package's Rust files: everything under its directory but `target`, hidden
/// directories and the directories of other packages.
pub fn rust_files(dir: &Path, package_root: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !package_root && dir.join("Cargo.toml").exists() {
        return out;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                out.extend(rust_files(&path, false));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The API-mode modules of every `cdef!` in one Rust file.
pub fn glue_of(file: &Path, compiler: &Compiler, target: &str) -> Vec<CGlue> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new();
    };
    if !text.contains("cdef!") && !text.contains("c_source!") {
        return Vec::new();
    }
    // A file that does not parse is the compiler's to report.
    let Ok(syntax) = syn::parse_file(&text) else {
        return Vec::new();
    };
    let mut finder = Finder { macros: Vec::new() };
    finder.visit_file(&syntax);
    finder
        .macros
        .into_iter()
        .flat_map(|(name, tokens)| match name {
            Macro::Cdef => cffi_codegen::api_glue(tokens, file, compiler, target),
            Macro::CSource => cffi_codegen::c_source_glue(tokens, file, compiler, target),
        })
        .collect()
}

enum Macro {
    Cdef,
    CSource,
}

struct Finder {
    macros: Vec<(Macro, proc_macro2::TokenStream)>,
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        match mac.path.segments.last() {
            Some(s) if s.ident == "cdef" => self.macros.push((Macro::Cdef, mac.tokens.clone())),
            Some(s) if s.ident == "c_source" => {
                self.macros.push((Macro::CSource, mac.tokens.clone()))
            }
            _ => {}
        }
        syn::visit::visit_macro(self, mac);
    }
}
