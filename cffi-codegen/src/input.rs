//! The macro's input: `#[cffi(...)] pub [unsafe] mod name { C declarations }`, one or more.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Ident, Meta, Token, Visibility, braced};

/// Which back end binds the declarations.
pub enum Mode {
    /// Open a shared library at run time.
    Abi { lib: Expr },
}

pub struct ModuleDecl {
    /// Attributes other than `#[cffi]`, such as doc comments, kept on the module.
    pub attrs: Vec<Attribute>,
    pub mode: Mode,
    pub vis: Visibility,
    pub ident: Ident,
    pub body: TokenStream,
}

pub struct Input {
    pub modules: Vec<ModuleDecl>,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Input> {
        let mut modules = Vec::new();
        while !input.is_empty() {
            modules.push(input.parse()?);
        }
        if modules.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "expected a module of C declarations; write `#[cffi(abi, lib = \"m\")] pub unsafe mod libm { float sqrtf(float x); }`",
            ));
        }
        Ok(Input { modules })
    }
}

impl Parse for ModuleDecl {
    fn parse(input: ParseStream) -> syn::Result<ModuleDecl> {
        let all_attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let unsafety: Option<Token![unsafe]> = input.parse()?;
        input.parse::<Token![mod]>()?;
        let ident: Ident = input.parse()?;
        let content;
        braced!(content in input);
        let body: TokenStream = content.parse()?;

        let mut attrs = Vec::new();
        let mut mode = None;
        for attr in all_attrs {
            if attr.path().is_ident("cffi") {
                if mode.is_some() {
                    return Err(syn::Error::new_spanned(
                        attr,
                        "duplicate `#[cffi(...)]` attribute; give the mode once",
                    ));
                }
                mode = Some(parse_mode(&attr)?);
            } else {
                attrs.push(attr);
            }
        }
        let Some(mode) = mode else {
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "module `{ident}` needs a mode: add `#[cffi(abi, lib = \"name\")]` above it"
                ),
            ));
        };
        if let Mode::Abi { .. } = mode
            && unsafety.is_none()
        {
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "ABI mode needs `unsafe mod {ident}`: nothing checks these declarations against the library at compile time; write `unsafe` to vouch for them"
                ),
            ));
        }
        Ok(ModuleDecl {
            attrs,
            mode,
            vis,
            ident,
            body,
        })
    }
}

fn parse_mode(attr: &Attribute) -> syn::Result<Mode> {
    let args = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
    let mut kind: Option<Ident> = None;
    let mut lib = None;
    for meta in args {
        match &meta {
            Meta::Path(p) if p.is_ident("abi") || p.is_ident("api") => {
                let id = p
                    .get_ident()
                    .cloned()
                    .unwrap_or_else(|| Ident::new("abi", Span::call_site()));
                if kind.is_some() {
                    return Err(syn::Error::new_spanned(
                        p,
                        "the mode is given twice; write one of `abi` or `api`",
                    ));
                }
                kind = Some(id);
            }
            Meta::NameValue(nv) if nv.path.is_ident("lib") => lib = Some(nv.value.clone()),
            Meta::Path(p) => {
                let name = quote::quote!(#p).to_string();
                return Err(syn::Error::new_spanned(
                    p,
                    format!("unknown mode argument `{name}`; write `abi` or `api`"),
                ));
            }
            other => {
                return Err(syn::Error::new_spanned(
                    other,
                    "unknown `cffi` argument; expected `abi`, `api` or `lib = \"name\"`",
                ));
            }
        }
    }
    let Some(kind) = kind else {
        return Err(syn::Error::new_spanned(
            attr,
            "missing mode; write `#[cffi(abi, lib = \"name\")]`",
        ));
    };
    if kind == "api" {
        return Err(syn::Error::new(
            kind.span(),
            "API mode is not available in this version of cffi-rs; use `abi` with a shared library",
        ));
    }
    match lib {
        Some(lib) => Ok(Mode::Abi { lib }),
        None => Err(syn::Error::new(
            kind.span(),
            "ABI mode needs the library to open: add `lib = \"name\"` (a short name such as \"m\", or a path)",
        )),
    }
}
