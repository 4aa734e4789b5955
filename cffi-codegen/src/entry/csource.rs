//! `c_source!`: C source in the Rust file (a string literal) or in a `.c` file of the crate,
//! compiled with the crate as in API mode, its functions bound without repeating their
//! prototypes.
//!
//! ```text
//! c_source! {
//!     pub mod add {
//!         r#"void add(double *a, const double *b, int n) { ... }"#
//!     }
//! }
//! c_source! {
//!     #[cffi(file = "c/evolve.c")]
//!     pub mod heat {}
//! }
//! ```
//!
//! The source is read as it is: its `#include`s are not followed, so the types its functions
//! use must be defined in it or be standard names. Its non-static function definitions are
//! bound; its structs, unions, enums, typedefs and `#define`s become Rust items as in
//! `cdef!`.

use std::path::{Path, PathBuf};

use cffi_frontend::{Item, Module, Options, Storage, Target, parse};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Meta, Token, Visibility, braced};

use crate::CGlue;
use crate::owner::{api, api_c};
use crate::rust_model::names::Names;
use crate::text::ctext::CText;
use crate::text::diag::Errors;
use crate::types::items::Generator;

/// Where the C is.
pub enum Origin {
    Inline(LitStr),
    File(LitStr),
}

pub struct CSourceDecl {
    attrs: Vec<Attribute>,
    vis: Visibility,
    /// `unsafe mod`: the user vouches that the functions of scalars are safe to call.
    vouched: bool,
    ident: Ident,
    origin: Origin,
}

pub struct CSourceInput {
    modules: Vec<CSourceDecl>,
}

impl Parse for CSourceInput {
    fn parse(input: ParseStream) -> syn::Result<CSourceInput> {
        let mut modules = Vec::new();
        while !input.is_empty() {
            modules.push(input.parse()?);
        }
        if modules.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "expected a module of C source; write `pub mod name { r#\"...C...\"# }` or `#[cffi(file = \"c/name.c\")] pub mod name {}`",
            ));
        }
        Ok(CSourceInput { modules })
    }
}

impl Parse for CSourceDecl {
    fn parse(input: ParseStream) -> syn::Result<CSourceDecl> {
        let all_attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let unsafety: Option<Token![unsafe]> = input.parse()?;
        input.parse::<Token![mod]>()?;
        let ident: Ident = input.parse()?;
        let content;
        braced!(content in input);
        let inline: Option<LitStr> = if content.is_empty() {
            None
        } else {
            Some(content.parse()?)
        };
        if !content.is_empty() {
            return Err(content.error("a `c_source!` module holds one string literal of C"));
        }
        let mut attrs = Vec::new();
        let mut file = None;
        for attr in all_attrs {
            if !attr.path().is_ident("cffi") {
                attrs.push(attr);
                continue;
            }
            for meta in attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)? {
                match meta {
                    Meta::NameValue(nv) if nv.path.is_ident("file") => match nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => file = Some(s),
                        other => {
                            return Err(syn::Error::new_spanned(
                                other,
                                "`file` takes a string literal",
                            ));
                        }
                    },
                    other => {
                        return Err(syn::Error::new_spanned(
                            other,
                            "`c_source!` takes `#[cffi(file = \"path.c\")]` only",
                        ));
                    }
                }
            }
        }
        let origin = match (inline, file) {
            (Some(s), None) => Origin::Inline(s),
            (None, Some(f)) => Origin::File(f),
            (Some(s), Some(_)) => {
                return Err(syn::Error::new_spanned(
                    s,
                    "give the C either in the module or with `#[cffi(file = ...)]`, not both",
                ));
            }
            (None, None) => {
                return Err(syn::Error::new(
                    ident.span(),
                    format!(
                        "module `{ident}` has no C: put a string literal of C in it, or add `#[cffi(file = \"c/{ident}.c\")]`"
                    ),
                ));
            }
        };
        Ok(CSourceDecl {
            attrs,
            vis,
            vouched: unsafety.is_some(),
            ident,
            origin,
        })
    }
}

impl CSourceDecl {
    fn literal(&self) -> &LitStr {
        match &self.origin {
            Origin::Inline(s) | Origin::File(s) => s,
        }
    }

    /// The C text, and the file it was read from (for `#[cffi(file)]`).
    fn text(&self, manifest_dir: &Path) -> Result<(String, Option<PathBuf>), syn::Error> {
        match &self.origin {
            Origin::Inline(s) => Ok((s.value(), None)),
            Origin::File(s) => {
                let path = manifest_dir.join(s.value());
                std::fs::read_to_string(&path)
                    .map(|t| (t, Some(path.clone())))
                    .map_err(|e| {
                        syn::Error::new(s.span(), format!("cannot read `{}`: {e}", path.display()))
                    })
            }
        }
    }
}

/// The module to bind: everything the source declares, but of its functions only the
/// non-static definitions (a prototype alone has nothing to link).
fn bindings(
    text: &str,
    target: Target,
) -> (Module, Vec<cffi_frontend::Error>, cffi_frontend::SourceMap) {
    let parsed = parse(
        text,
        &Options {
            target,
            lenient: true,
            header_end: 0,
            own_start: 0,
            pack: None,
        },
    );
    let mut m = parsed.module;
    let keep: Vec<bool> = m
        .functions
        .iter()
        .map(|f| f.defined && f.storage == Storage::Extern)
        .collect();
    let mut new_index = Vec::with_capacity(keep.len());
    let mut next = 0;
    for &k in &keep {
        new_index.push(next);
        next += usize::from(k);
    }
    m.items.retain_mut(|item| match item {
        Item::Function(i) if keep[*i] => {
            *i = new_index[*i];
            true
        }
        Item::Function(_) | Item::Var(_) => false,
        _ => true,
    });
    let mut k = keep.iter();
    m.functions.retain(|_| k.next().copied().unwrap_or(false));
    m.vars.clear();
    (m, parsed.errors, parsed.source_map)
}

/// Expands `c_source!`.
pub fn expand(input: TokenStream) -> TokenStream {
    let parsed = match syn::parse2::<CSourceInput>(input) {
        Ok(p) => p,
        Err(e) => return e.into_compile_error(),
    };
    parsed.modules.into_iter().map(module).collect()
}

fn module(decl: CSourceDecl) -> TokenStream {
    let mut errors = Errors::default();
    let lit = decl.literal().clone();
    let (text, file) = match decl.text(&crate::input::settings::manifest_dir()) {
        Ok(t) => t,
        Err(e) => return e.into_compile_error(),
    };
    let target = match crate::input::settings::target() {
        Ok(t) => t,
        Err(e) => return syn::Error::new(lit.span(), e).into_compile_error(),
    };
    let (m, front_errors, source_map) = bindings(&text, target);
    for e in &front_errors {
        let loc = source_map.loc(&text, e.span.start);
        let place = match &file {
            Some(f) => format!("{}:{}:{}", f.display(), loc.line, loc.column),
            None => format!("line {}, column {} of the C source", loc.line, loc.column),
        };
        errors.push(syn::Error::new(lit.span(), format!("{place}: {e}")));
    }
    if std::env::var_os(api::BUILD_MARKER).is_none() {
        errors.push(syn::Error::new(
            decl.ident.span(),
            "`c_source!` compiles C with the crate, which needs the build script: add `cffi_build::compile();` to `fn main` in build.rs, and `cffi-build` under `[build-dependencies]`",
        ));
    }
    let ctext = CText::single(text.clone(), lit.span());
    let names = Names::new(&m);
    let key = api::key(&decl.ident.to_string(), &ctext);
    let probes = crate::c_side::probe::Probes::read(&key);
    let mut g = Generator::new(&m, &names, &ctext, &mut errors, probes.as_ref());
    g.api = true;
    if decl.vouched {
        g.vouched = crate::types::items::Vouched::All;
    }
    let items = g.types_and_constants();
    let owner = api::owner(&mut g, &key, &[]);
    // The C is in the literal (or its file): what the C compiler said goes on it.
    for e in crate::c_side::c_errors::errors(
        &key,
        crate::c_side::c_errors::Lines::Literal(&lit),
        lit.span(),
    ) {
        g.errors.push(e);
    }
    let track = file.map(|f| {
        let f = f.display().to_string();
        quote!(
            const _: &str = include_str!(#f);
        )
    });
    let errors = errors.into_compile_errors();
    let CSourceDecl {
        attrs, vis, ident, ..
    } = decl;
    crate::entry::module_shell::generated_module(
        quote!(#(#attrs)*),
        &vis,
        &ident,
        quote!(#track #items #owner #errors),
        names.plain_std,
    )
}

/// The C of every module of one `c_source!`, for the build script.
pub fn glue(
    input: TokenStream,
    rust_file: &Path,
    compiler: &crate::Compiler,
    target: &str,
) -> Vec<CGlue> {
    let manifest_dir = compiler.dir.as_path();
    let Ok(parsed) = syn::parse2::<CSourceInput>(input) else {
        return Vec::new();
    };
    // A target the layout engine does not know has no C here; the macro says why.
    let Ok(target) = Target::from_triple(target) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for decl in parsed.modules {
        let Ok((text, file)) = decl.text(manifest_dir) else {
            continue;
        };
        let (m, _, _) = bindings(&text, target.clone());
        let module = decl.ident.to_string();
        let key = api::key(&module, &CText::single(text.clone(), Span::call_site()));
        let lit_line = decl.literal().span().start().line.max(1);
        let (prologue, origin_file, first_line) = match &file {
            Some(f) => (
                format!("#include {}\n", api_c::c_string(f)),
                api_c::c_string(f),
                1,
            ),
            None => {
                let rust = api_c::c_string(rust_file);
                (format!("#line {lit_line} {rust}\n{text}\n"), rust, lit_line)
            }
        };
        let locate = |offset: usize| {
            let line = first_line + text.get(..offset).map_or(0, |t| t.matches('\n').count());
            (line, origin_file.clone())
        };
        let body = api_c::glue(&m, &key, &module, &locate, (0, 0), &Default::default());
        let probe = crate::Probe::new(&m, &key, &prologue, 0);
        out.push(CGlue {
            module,
            key,
            prologue,
            body,
            settings: crate::Settings::default(),
            files: file.into_iter().collect(),
            probe,
            failed: None,
        });
    }
    out
}
