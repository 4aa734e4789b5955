//! `#[cffi(...)]` annotations on declared functions: what C cannot say about its pointers.
//!
//! - `optional`: the symbol may be missing; the method returns an `Option`.
//! - `slice(p, n)`: pointer `p` has `n` elements; `n` is another parameter, computed from the
//!   slice's length. `p` becomes `&[T]` (or `&mut [T]` if C may write through it).
//! - `slice(p, nx * ny)`: the length is an expression over integer parameters (`+ - * /`,
//!   parentheses, integer literals), which stay parameters; the slice must have exactly that
//!   many elements, computed with overflow checks.
//! - `one(p)`: `p` points to one `T` for the duration of the call: `&T` or `&mut T`.
//! - `out(p)`: C writes one `T` through `p`; the method returns it.
//! - `nullable(p)`: `p` may be null: `Option<...>` of what the other annotations give.

use std::collections::HashMap;

use cffi_frontend::{Function, Module, TypeKind};
use syn::punctuated::Punctuated;
use syn::{Ident, Meta, Token};

use crate::text::ctext::CText;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Passed as written.
    Plain,
    /// A pointer with `len` elements.
    Slice {
        len: SliceLen,
    },
    /// The length of slices; computed, not passed by the user.
    Length {
        slices: Vec<usize>,
    },
    One,
    Out,
}

/// How many elements a `slice` has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SliceLen {
    /// Another parameter, computed from the slice's length.
    Param(usize),
    /// An expression over parameters the caller passes, with the check it makes: the
    /// element count as `Option<usize>` (`None` on overflow or a negative value), and the
    /// expression as written.
    Expr(Count, String),
}

/// The tokens computing a slice's element count.
#[derive(Clone, Debug)]
pub struct Count(pub proc_macro2::TokenStream);

/// Two counts are the same annotation when they compute the same way.
impl PartialEq for Count {
    fn eq(&self, other: &Count) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

impl Eq for Count {}

#[derive(Clone, Debug)]
pub struct ParamRole {
    pub role: Role,
    pub nullable: bool,
}

#[derive(Clone, Debug, Default)]
pub struct FnAnnotations {
    pub optional: bool,
    /// One entry per parameter; empty when nothing but `optional` was annotated.
    pub params: Vec<ParamRole>,
}

/// The annotations of every function, by function index; errors for annotations that name
/// nothing or make no sense.
pub fn collect(m: &Module, ctext: &CText) -> (HashMap<usize, FnAnnotations>, Vec<syn::Error>) {
    let mut out: HashMap<usize, FnAnnotations> = HashMap::new();
    let mut errors = Vec::new();
    for a in &ctext.annotations {
        let Some(index) = m.functions.iter().position(|f| f.span.start == a.at) else {
            errors.push(syn::Error::new_spanned(
                &a.meta,
                "`#[cffi(...)]` annotates a function; put it right before a function declaration",
            ));
            continue;
        };
        let f = &m.functions[index];
        let entry = out.entry(index).or_default();
        if entry.params.is_empty() {
            entry.params = vec![
                ParamRole {
                    role: Role::Plain,
                    nullable: false
                };
                f.ty.params.len()
            ];
        }
        let list = match &a.meta {
            Meta::List(l) => l.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated),
            other => Err(syn::Error::new_spanned(
                other,
                "write `#[cffi(annotation, ...)]`",
            )),
        };
        match list {
            Ok(list) => {
                for meta in list {
                    if let Err(e) = apply(m, f, &meta, entry) {
                        errors.push(e);
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    (out, errors)
}

fn param_index(f: &Function, name: &Ident) -> syn::Result<usize> {
    let wanted = name.to_string();
    f.ty.params
        .iter()
        .position(|p| p.name.as_deref() == Some(wanted.as_str()))
        .ok_or_else(|| {
            let known: Vec<&str> =
                f.ty.params
                    .iter()
                    .filter_map(|p| p.name.as_deref())
                    .collect();
            let list = if known.is_empty() {
                "it has no named parameters; name them in the declaration".to_string()
            } else {
                format!("its parameters are {}", known.join(", "))
            };
            syn::Error::new(
                name.span(),
                format!("`{}` has no parameter `{wanted}`; {list}", f.name),
            )
        })
}

fn names(meta: &Meta) -> syn::Result<Vec<Ident>> {
    match meta {
        Meta::List(l) => Ok(l
            .parse_args_with(Punctuated::<Ident, Token![,]>::parse_terminated)?
            .into_iter()
            .collect()),
        other => Err(syn::Error::new_spanned(
            other,
            "name the parameters in parentheses",
        )),
    }
}

fn pointee_is_const(m: &Module, f: &Function, i: usize) -> Option<bool> {
    match &m.resolve(&f.ty.params[i].ty).kind {
        TypeKind::Pointer(inner) if !matches!(m.resolve(inner).kind, TypeKind::Function(_)) => {
            Some(m.resolve(inner).quals.is_const)
        }
        _ => None,
    }
}

fn set(entry: &mut FnAnnotations, i: usize, role: Role, name: &Ident) -> syn::Result<()> {
    if entry.params[i].role != Role::Plain {
        return Err(syn::Error::new(
            name.span(),
            format!("parameter `{name}` is annotated twice"),
        ));
    }
    entry.params[i].role = role;
    Ok(())
}

fn apply(m: &Module, f: &Function, meta: &Meta, entry: &mut FnAnnotations) -> syn::Result<()> {
    let kind = meta
        .path()
        .get_ident()
        .map(Ident::to_string)
        .unwrap_or_default();
    let pointer = |id: &Ident, i: usize| -> syn::Result<bool> {
        pointee_is_const(m, f, i).ok_or_else(|| {
            syn::Error::new(
                id.span(),
                format!("`{id}` is not a pointer to data; `{kind}` annotates pointer parameters"),
            )
        })
    };
    match kind.as_str() {
        "optional" if matches!(meta, Meta::Path(_)) => entry.optional = true,
        "slice" => {
            let (p, len) = slice_args(meta)?;
            let pi = param_index(f, &p)?;
            pointer(&p, pi)?;
            element_type(m, f, pi, &p)?;
            match len {
                syn::Expr::Path(path) if path.path.get_ident().is_some() => {
                    let n = path.path.get_ident().cloned().unwrap_or_else(|| p.clone());
                    let ni = param_index(f, &n)?;
                    if !is_length_type(m, &f.ty.params[ni].ty) {
                        let what = if matches!(
                            m.resolve(&f.ty.params[ni].ty).kind,
                            TypeKind::Int(cffi_frontend::IntKind::Bool)
                        ) {
                            "a `_Bool`, not an integer parameter"
                        } else {
                            "not an integer parameter"
                        };
                        return Err(syn::Error::new(n.span(), format!("length `{n}` is {what}")));
                    }
                    set(
                        entry,
                        pi,
                        Role::Slice {
                            len: SliceLen::Param(ni),
                        },
                        &p,
                    )?;
                    match &mut entry.params[ni].role {
                        Role::Length { slices } => slices.push(pi),
                        Role::Plain => entry.params[ni].role = Role::Length { slices: vec![pi] },
                        _ => {
                            return Err(syn::Error::new(
                                n.span(),
                                format!("`{n}` is annotated as something else already"),
                            ));
                        }
                    }
                }
                expr => {
                    let count = Count(length_expr(m, f, &expr, 0)?);
                    let text = quote::quote!(#expr).to_string();
                    set(
                        entry,
                        pi,
                        Role::Slice {
                            len: SliceLen::Expr(count, text),
                        },
                        &p,
                    )?;
                }
            }
        }
        "one" | "out" | "nullable" => {
            for id in names(meta)? {
                let i = param_index(f, &id)?;
                let is_const = pointer(&id, i)?;
                if kind != "nullable" {
                    element_type(m, f, i, &id)?;
                }
                match kind.as_str() {
                    "one" => set(entry, i, Role::One, &id)?,
                    "out" if is_const => {
                        return Err(syn::Error::new(
                            id.span(),
                            format!(
                                "`{id}` points to const data: C cannot write a result through it"
                            ),
                        ));
                    }
                    "out" => set(entry, i, Role::Out, &id)?,
                    _ => entry.params[i].nullable = true,
                }
            }
        }
        _ => {
            return Err(syn::Error::new_spanned(
                meta,
                "unknown annotation; expected `optional`, `slice(p, n)`, `one(p)`, `out(p)` or `nullable(p)`",
            ));
        }
    }
    Ok(())
}

/// `slice(p, len)`: the pointer's name and the length, a parameter or an expression.
fn slice_args(meta: &Meta) -> syn::Result<(Ident, syn::Expr)> {
    let usage = "write `slice(pointer, length)`, the length a parameter or an expression over parameters such as `nx * ny`";
    let Meta::List(l) = meta else {
        return Err(syn::Error::new_spanned(meta, usage));
    };
    let args = l.parse_args_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated)?;
    let mut args = args.into_iter();
    match (args.next(), args.next(), args.next()) {
        (Some(syn::Expr::Path(p)), Some(len), None) if p.path.get_ident().is_some() => {
            let ident = p
                .path
                .get_ident()
                .cloned()
                .ok_or_else(|| syn::Error::new_spanned(&p, usage))?;
            Ok((ident, len))
        }
        _ => Err(syn::Error::new_spanned(meta, usage)),
    }
}

/// Whether a parameter of this type can give a length: an integer, not `_Bool`.
fn is_length_type(m: &Module, ty: &cffi_frontend::Type) -> bool {
    matches!(m.resolve(ty).kind, TypeKind::Int(k) if k != cffi_frontend::IntKind::Bool)
}

/// A pointer annotation needs an element type Rust can count: not `void`, not an opaque
/// record, not a function.
fn element_type(m: &Module, f: &Function, i: usize, name: &Ident) -> syn::Result<()> {
    let TypeKind::Pointer(inner) = &m.resolve(&f.ty.params[i].ty).kind else {
        return Ok(());
    };
    let what = match &m.resolve(inner).kind {
        TypeKind::Void => "`void`, which has no element type",
        TypeKind::Record(r) if m.record(*r).fields.is_none() => {
            "an opaque struct, whose size Rust does not know"
        }
        TypeKind::Unknown(_) | TypeKind::File => "a type whose size Rust does not know",
        _ => return Ok(()),
    };
    Err(syn::Error::new(
        name.span(),
        format!(
            "`{name}` points to {what}; declare the parameter with the element type C reads (`const unsigned char *` for bytes), or leave it unannotated"
        ),
    ))
}

/// The element count of a length expression, as Rust computing `Option<usize>`. The
/// parameters it names are the method's; the closures' own variables are hygienic, so no
/// parameter name can be captured by them.
fn length_expr(
    m: &Module,
    f: &Function,
    e: &syn::Expr,
    depth: usize,
) -> syn::Result<proc_macro2::TokenStream> {
    use quote::quote;
    let bad = |e: &dyn quote::ToTokens, why: &str| {
        Err(syn::Error::new_spanned(
            e,
            format!(
                "{why}; a length is made of integer parameters, integer literals, `+ - * /` and parentheses"
            ),
        ))
    };
    if depth > 32 {
        return bad(e, "this length expression is nested too deeply");
    }
    let usize_ = quote!(::core::primitive::usize);
    match e {
        syn::Expr::Paren(p) => length_expr(m, f, &p.expr, depth + 1),
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => match i.base10_parse::<u64>() {
            Ok(v) => Ok(quote!(<#usize_ as ::core::convert::TryFrom<u64>>::try_from(#v).ok())),
            Err(_) => bad(i, "this literal is not a length"),
        },
        syn::Expr::Path(p) if p.path.get_ident().is_some() => {
            let id = p
                .path
                .get_ident()
                .cloned()
                .ok_or_else(|| syn::Error::new_spanned(p, "expected a parameter"))?;
            let i = param_index(f, &id)?;
            if !is_length_type(m, &f.ty.params[i].ty) {
                return bad(&id, &format!("`{id}` is not an integer parameter"));
            }
            let id =
                crate::rust_model::names::ident(&id.to_string(), proc_macro2::Span::call_site());
            Ok(quote!(<#usize_ as ::core::convert::TryFrom<_>>::try_from(#id).ok()))
        }
        syn::Expr::Binary(b) => {
            let op = match b.op {
                syn::BinOp::Add(_) => "checked_add",
                syn::BinOp::Sub(_) => "checked_sub",
                syn::BinOp::Mul(_) => "checked_mul",
                syn::BinOp::Div(_) => "checked_div",
                _ => return bad(&b.op, "this operator cannot compute a length"),
            };
            let op = proc_macro2::Ident::new(op, proc_macro2::Span::call_site());
            let (l, r) = (
                length_expr(m, f, &b.left, depth + 1)?,
                length_expr(m, f, &b.right, depth + 1)?,
            );
            let (x, y) = (
                crate::rust_model::names::local("__l"),
                crate::rust_model::names::local("__r"),
            );
            Ok(quote!((#l).and_then(|#x: #usize_| (#r).and_then(|#y: #usize_| #x.#op(#y)))))
        }
        other => bad(other, "this cannot compute a length"),
    }
}

/// Checks what can only be checked once all annotations of a function are in.
pub fn finish(f: &Function, a: &FnAnnotations, ctext: &CText) -> Result<(), syn::Error> {
    for (i, p) in a.params.iter().enumerate() {
        if let (
            true,
            Role::Slice {
                len: SliceLen::Expr(_, text),
            },
        ) = (p.nullable, &p.role)
        {
            let name = f.ty.params[i].name.clone().unwrap_or_default();
            return Err(crate::text::diag::at(
                ctext,
                f.name_span.clone(),
                format!(
                    "`nullable({name})` with the length `{text}`: a null `{name}` has no elements to check; give the length as a parameter"
                ),
            ));
        }
        if p.nullable && matches!(p.role, Role::Plain | Role::Out) {
            let name = f.ty.params[i].name.clone().unwrap_or_default();
            return Err(crate::text::diag::at(
                ctext,
                f.name_span.clone(),
                format!("`nullable({name})` needs `slice` or `one` for `{name}` too"),
            ));
        }
    }
    Ok(())
}
