//! Finding the API-mode modules of the package: every `cdef!` and `c_source!` in its Rust
//! files.

use std::path::{Path, PathBuf};

use cffi_codegen::{CGlue, Compiler};
use syn::visit::Visit;

use crate::cfg::Cfgs;

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

/// The directories [`rust_files`] reads below the package root. Cargo reruns the build
/// script when anything under a directory it was told about changes, so a Rust file added
/// there (a new test with an API-mode module) is measured too.
pub fn source_dirs(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.join("Cargo.toml").exists())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name != "target" && !name.starts_with('.')
        })
        .collect();
    dirs.sort();
    dirs
}

/// What one Rust file holds for the build: its API-mode modules, and the files of the
/// `mod name;` declarations the build leaves out by `#[cfg]` (with everything below them).
#[derive(Default)]
pub struct Found {
    pub glue: Vec<CGlue>,
    pub left_out: Vec<PathBuf>,
}

/// The `cdef!` and `c_source!` invocations of one Rust file that the build's cfgs keep, and
/// the files of the `mod name;` declarations they leave out: cheap to find, and all that the
/// file contributes to the build.
#[derive(Default)]
pub struct Macros {
    found: Vec<(Macro, proc_macro2::TokenStream)>,
    pub left_out: Vec<PathBuf>,
}

impl Macros {
    /// What these macros are, as text: equal text, equal C.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (name, tokens) in &self.found {
            text.push_str(&format!("{name:?} {tokens}\n"));
        }
        for path in &self.left_out {
            text.push_str(&format!("left out {}\n", path.display()));
        }
        text
    }

    /// The API-mode modules of these macros in `file`, with their C.
    pub fn glue(self, file: &Path, compiler: &Compiler, target: &str) -> Found {
        let glue = self
            .found
            .into_iter()
            .flat_map(|(name, tokens)| match name {
                Macro::Cdef => cffi_codegen::api_glue(tokens, file, compiler, target),
                Macro::CSource => cffi_codegen::c_source_glue(tokens, file, compiler, target),
            })
            .collect();
        Found {
            glue,
            left_out: self.left_out,
        }
    }
}

/// The macros of one Rust file that the build's cfgs keep.
pub fn macros_of(file: &Path, cfgs: &Cfgs) -> Macros {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Macros::default();
    };
    let has_macros = text.contains("cdef!") || text.contains("c_source!");
    let has_cfg_mods = text.contains("#[cfg") && text.contains("mod ");
    if !has_macros && !has_cfg_mods {
        return Macros::default();
    }
    // A file that does not parse is the compiler's to report.
    let Ok(syntax) = syn::parse_file(&text) else {
        return Macros::default();
    };
    // `#![cfg(windows)]` at the top leaves out the whole file, and so its `mod`s.
    if !cfgs.all_hold(&syntax.attrs) {
        return Macros {
            found: Vec::new(),
            left_out: children_of(file).into_iter().collect(),
        };
    }
    let mut finder = Finder {
        cfgs,
        macros: Vec::new(),
        left_out: Vec::new(),
    };
    finder.visit_file(&syntax);
    let left_out = finder
        .left_out
        .iter()
        .flat_map(|(name, path)| module_files(file, name, path.as_deref()))
        .collect();
    Macros {
        found: finder.macros,
        left_out,
    }
}

/// Where `mod name;` in `file` finds its source: `#[path]`, else `name.rs` or
/// `name/mod.rs` beside a crate root or `mod.rs`, or in the directory named for `file`.
fn module_files(file: &Path, name: &str, path: Option<&str>) -> Vec<PathBuf> {
    let dir = file.parent().unwrap_or(Path::new(""));
    if let Some(p) = path {
        return vec![dir.join(p)];
    }
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let base = if matches!(stem, "lib" | "main" | "mod") || dir.ends_with("bin") {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    vec![base.join(format!("{name}.rs")), base.join(name)]
}

/// Where the files of `file`'s own `mod name;` declarations live, when not beside it: the
/// directory of a `mod.rs`, or the one named for any other module file (a crate root's
/// modules share its directory with the rest of the crate, so none is given for it).
fn children_of(file: &Path) -> Option<PathBuf> {
    let dir = file.parent()?;
    match file.file_stem()?.to_str()? {
        "lib" | "main" => None,
        "mod" => Some(dir.to_path_buf()),
        stem => Some(dir.join(stem)),
    }
}

#[derive(Debug)]
enum Macro {
    Cdef,
    CSource,
}

struct Finder<'c> {
    cfgs: &'c Cfgs,
    macros: Vec<(Macro, proc_macro2::TokenStream)>,
    /// `mod name;` declarations under a cfg that does not hold, with their `#[path]`.
    left_out: Vec<(String, Option<String>)>,
}

/// The attributes of an item, where a `#[cfg]` may leave it out.
fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item;
    match item {
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Const(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        _ => &[],
    }
}

/// `#[path = "x.rs"]`, if the module names its file.
fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if self.cfgs.all_hold(item_attrs(item)) {
            syn::visit::visit_item(self, item);
        } else if let syn::Item::Mod(m) = item
            && m.content.is_none()
        {
            self.left_out
                .push((m.ident.to_string(), path_attr(&m.attrs)));
        }
    }

    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt
            && !self.cfgs.all_hold(&m.attrs)
        {
            return;
        }
        syn::visit::visit_stmt(self, stmt);
    }

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
