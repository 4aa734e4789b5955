//! `#[cffi(...)]` annotations on declared functions: what C cannot say about its pointers.
//!
//! - `optional`: the symbol may be missing; the method returns an `Option`.
//! - `slice(p, n)`: pointer `p` has `n` elements; `n` is another parameter, computed from the
//!   slice's length. `p` becomes `&[T]` (or `&mut [T]` if C may write through it).
//! - `one(p)`: `p` points to one `T` for the duration of the call: `&T` or `&mut T`.
//! - `out(p)`: C writes one `T` through `p`; the method returns it.
//! - `nullable(p)`: `p` may be null: `Option<...>` of what the other annotations give.

use std::collections::HashMap;

use cffi_frontend::{Function, Module, TypeKind};
use syn::punctuated::Punctuated;
use syn::{Ident, Meta, Token};

use crate::ctext::CText;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Passed as written.
    Plain,
    /// A pointer with `len` (parameter index) elements.
    Slice {
        len: usize,
    },
    /// The length of slices; computed, not passed by the user.
    Length {
        slices: Vec<usize>,
    },
    One,
    Out,
}

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
            let ids = names(meta)?;
            let [p, n] = ids.as_slice() else {
                return Err(syn::Error::new_spanned(
                    meta,
                    "write `slice(pointer, length)`",
                ));
            };
            let (pi, ni) = (param_index(f, p)?, param_index(f, n)?);
            pointer(p, pi)?;
            if !matches!(m.resolve(&f.ty.params[ni].ty).kind, TypeKind::Int(_)) {
                return Err(syn::Error::new(
                    n.span(),
                    format!("length `{n}` is not an integer parameter"),
                ));
            }
            set(entry, pi, Role::Slice { len: ni }, p)?;
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
        "one" | "out" | "nullable" => {
            for id in names(meta)? {
                let i = param_index(f, &id)?;
                let is_const = pointer(&id, i)?;
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

/// Checks what can only be checked once all annotations of a function are in.
pub fn finish(f: &Function, a: &FnAnnotations, ctext: &CText) -> Result<(), syn::Error> {
    for (i, p) in a.params.iter().enumerate() {
        if p.nullable && matches!(p.role, Role::Plain | Role::Out) {
            let name = f.ty.params[i].name.clone().unwrap_or_default();
            return Err(crate::diag::at(
                ctext,
                f.name_span.clone(),
                format!("`nullable({name})` needs `slice` or `one` for `{name}` too"),
            ));
        }
    }
    Ok(())
}
