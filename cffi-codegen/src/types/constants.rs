//! Constants: `#define`s and cffi's constants spelled as objects, as Rust `const`s of the
//! type C gives them, values the compiler gives (API mode's `...`), and pointer constants.

use cffi_frontend::{ConstValue, FloatKind, TypeKind};
use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;

use crate::rust_model::names::ident;
use crate::rust_model::rust_types::Position;
use crate::text::doc_text::docs;
use crate::types::items::Generator;

impl Generator<'_> {
    pub(crate) fn constant(&mut self, i: usize) -> TokenStream {
        let c = &self.m.consts[i];
        if let Some(&(enumerator, _)) = self.enumerators.get(c.name.as_str()) {
            match c.value {
                ConstValue::Int { value, .. } if value == enumerator => {}
                _ => self.error(
                    c.name_span.clone(),
                    format!(
                        "`#define {0}` has another value than the enumerator `{0}` ({enumerator}); remove one",
                        c.name
                    ),
                ),
            }
            return TokenStream::new();
        }
        let name = ident(&c.name, Span::call_site());
        let doc = docs(&c.doc, None);
        if let Some(ty) = self.enumerator_type(i) {
            let enumerator = ident(
                c.enumerator.as_deref().unwrap_or_default(),
                Span::call_site(),
            );
            return quote!(#doc pub const #name: #ty = #ty::#enumerator;);
        }
        match &c.value {
            ConstValue::Int { value, .. } if c.sized_by.is_some() => {
                self.compare_with_compiler(i, *value);
                self.sized_constant(i, Some(*value))
            }
            ConstValue::Int { value, kind } => {
                if c.spelled_as_object {
                    self.compare_with_compiler(i, *value);
                }
                let t = crate::rust_model::rust_types::int(*kind, self.names);
                let v = Literal::i128_unsuffixed(*value);
                quote!(#doc pub const #name: #t = #v;)
            }
            ConstValue::Float { value, kind } => {
                let t = if kind.base() == FloatKind::Float {
                    quote!(f32)
                } else {
                    quote!(f64)
                };
                if !crate::rust_model::rust_types::float_constant_bound(*kind) {
                    self.error(
                        c.span.clone(),
                        format!(
                            "`#define {}` is {}, which has no Rust counterpart",
                            c.name,
                            cffi_frontend::render::with_article(kind.c_name())
                        ),
                    );
                    return TokenStream::new();
                }
                let v = if value.is_finite() {
                    let l = Literal::f64_unsuffixed(*value);
                    quote!(#l)
                } else if value.is_nan() {
                    quote!(#t::NAN)
                } else if *value > 0.0 {
                    quote!(#t::INFINITY)
                } else {
                    quote!(#t::NEG_INFINITY)
                };
                quote!(#doc pub const #name: #t = #v;)
            }
            ConstValue::Str(bytes) => match std::ffi::CString::new(bytes.clone()) {
                Ok(s) => {
                    let lit = Literal::c_string(&s);
                    quote!(#doc pub const #name: &__cffi::CStr = #lit;)
                }
                Err(_) => {
                    let lit = Literal::byte_string(bytes);
                    quote!(#doc pub const #name: &[u8] = #lit;)
                }
            },
            ConstValue::Pointer { value, ty } => self.pointer_constant(i, *value, ty),
            // The address of a global: a method of the library owner (see `owner_methods`).
            ConstValue::Address { .. } => TokenStream::new(),
            ConstValue::FromCompiler if c.sized_by.is_some() => self.sized_constant(i, None),
            ConstValue::FromCompiler => self.compiler_constant(i),
        }
    }

    /// The Rust type of constant `i` when it is a `#define` naming an enumerator of an enum
    /// with a name (`#define CLOCK_REALTIME _CLOCK_REALTIME`, whose enum is `clockid_t`): the
    /// enum's newtype, so that the constant passes where the enumerator does. An enumerator
    /// of an enum without a name is a `c_int`, as the constant already is.
    fn enumerator_type(&self, i: usize) -> Option<proc_macro2::Ident> {
        let c = &self.m.consts[i];
        let &(value, id) = self.enumerators.get(c.enumerator.as_deref()?)?;
        let name = self.names.enums.get(id.0 as usize)?.as_deref()?;
        matches!(c.value, ConstValue::Int { value: v, .. } if v == value)
            .then(|| ident(name, Span::call_site()))
    }

    /// `#define X ...` or `static const int X;`: the value the build script read from C.
    fn compiler_constant(&mut self, i: usize) -> TokenStream {
        let c = &self.m.consts[i];
        let name = ident(&c.name, Span::call_site());
        let doc = docs(&c.doc, None);
        let probed = self.probes.and_then(|p| {
            Some((
                p.get(&format!("define:{}", c.name))?,
                p.get(&format!("negative:{}", c.name))? != 0,
            ))
        });
        match probed {
            Some((v, negative)) if c.declared_kind.is_some() => {
                self.declared_type_constant(i, v, negative)
            }
            // The value's C type is the compiler's; Rust gets it as a 64-bit integer.
            Some((v, true)) => {
                let v = Literal::i64_unsuffixed(v as i64);
                quote!(#doc pub const #name: i64 = #v;)
            }
            Some((v, false)) => {
                let v = Literal::u64_unsuffixed(v);
                quote!(#doc pub const #name: u64 = #v;)
            }
            None => {
                self.error(
                    c.span.clone(),
                    format!(
                        "`{}` takes its value from the C compiler; {}",
                        c.name,
                        self.measure_hint()
                    ),
                );
                TokenStream::new()
            }
        }
    }

    /// `static const t X;` (or `= value`, which [`Self::compare_with_compiler`] compares)
    /// where `t` is `typedef int... t;`: a constant of type `t`, of the value the compiler
    /// gives, which must fit the size and signedness the compiler gives `t`.
    fn sized_constant(&mut self, i: usize, given: Option<i128>) -> TokenStream {
        let c = &self.m.consts[i];
        let Some(id) = c.sized_by else {
            return TokenStream::new();
        };
        let t = &self.m.typedef(id).name;
        let probed = self.probes.and_then(|p| {
            let raw = p.get(&format!("define:{}", c.name))?;
            let negative = p.get(&format!("negative:{}", c.name))? != 0;
            let size = p.get(&format!("size:{t}"))?;
            let signed = p.get(&format!("signed:{t}"))? != 0;
            Some((raw, negative, size, signed))
        });
        let Some((raw, negative, size, signed)) = probed else {
            let message = format!(
                "`{}` takes its value from the C compiler; {}",
                c.name,
                self.measure_hint()
            );
            self.error(c.span.clone(), message);
            return TokenStream::new();
        };
        let value = given.unwrap_or(probed_int(raw, negative));
        let bits = 8 * size.min(16) as u32;
        let (lo, hi) = if signed {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits.min(127)) - 1)
        };
        if !(lo..=hi).contains(&value) {
            let message = format!(
                "`{}` is {value}, which does not fit `{t}` ({lo} to {hi} in C)",
                c.name
            );
            self.error(c.name_span.clone(), message);
            return TokenStream::new();
        }
        let name = ident(&c.name, Span::call_site());
        let ty = ident(t, Span::call_site());
        let doc = docs(&c.doc, None);
        let v = Literal::i128_unsuffixed(value);
        quote!(#doc pub const #name: #ty = #v;)
    }

    /// `static const int FOO;`: the compiler's value, as the declared type, which it must fit
    /// (the C's own type is not compared: a macro's type is rarely the one declared).
    fn declared_type_constant(&mut self, i: usize, raw: u64, negative: bool) -> TokenStream {
        let c = &self.m.consts[i];
        let Some(kind) = c.declared_kind else {
            return TokenStream::new();
        };
        let value = probed_int(raw, negative);
        let (lo, hi) = kind.range(&self.m.target);
        if !(lo..=hi).contains(&value) {
            let message = format!(
                "`{}` is {value} in C, which does not fit the declared `{}`; declare a wider type",
                c.name,
                kind.c_name()
            );
            self.error(c.name_span.clone(), message);
            return TokenStream::new();
        }
        let name = ident(&c.name, Span::call_site());
        let doc = docs(&c.doc, None);
        let ty = crate::rust_model::rust_types::int(kind, self.names);
        let v = Literal::i128_unsuffixed(value);
        quote!(#doc pub const #name: #ty = #v;)
    }

    /// API mode: constant `i`, given its value as an object (`static const int FOO = 1;`),
    /// must have that value in C too.
    fn compare_with_compiler(&mut self, i: usize, declared: i128) {
        let c = &self.m.consts[i];
        let Some(p) = self.probes else { return };
        let Some(raw) = p.get(&format!("define:{}", c.name)) else {
            return;
        };
        let negative = p.get(&format!("negative:{}", c.name)) != Some(0);
        let in_c = probed_int(raw, negative);
        if in_c != declared {
            let message = format!(
                "`{}` is {in_c} in C, not {declared} as declared here",
                c.name
            );
            self.error(c.name_span.clone(), message);
        }
    }

    /// `#define MAP_FAILED ((void *) -1)`: a constant of the pointer type. A function
    /// pointer (`SQLITE_TRANSIENT`, `((sqlite3_destructor_type)-1)`) cannot be made from an
    /// integer in a `const`, so it is a function returning the value.
    fn pointer_constant(&mut self, i: usize, value: i128, ty: &cffi_frontend::Type) -> TokenStream {
        let c = &self.m.consts[i];
        let name = ident(&c.name, Span::call_site());
        let doc = docs(
            &c.doc,
            Some(format!("`#define {}`: a pointer constant.", c.name)),
        );
        let t = match self.mapper().ty(ty, Position::Value) {
            Ok(t) => t,
            Err(why) => {
                self.error(
                    c.span.clone(),
                    format!("cannot bind `#define {}`: {why}", c.name),
                );
                return TokenStream::new();
            }
        };
        // The address as the target's pointer width sees it: `-1` is all ones on every target.
        let address = Literal::u64_unsuffixed(value as u64);
        let is_fn = matches!(&self.m.resolve(ty).kind, TypeKind::Pointer(inner)
            if matches!(self.m.resolve(inner).kind, TypeKind::Function(_)));
        if is_fn {
            quote! {
                #doc
                pub fn #name() -> #t {
                    // SAFETY: `Option` of a function pointer has the layout of `usize`, and any
                    // address is a valid value of it (null is `None`); only calling it needs
                    // the address to be a function, and calling is `unsafe`.
                    unsafe { ::core::mem::transmute::<usize, #t>(#address as u64 as usize) }
                }
            }
        } else {
            quote!(#doc pub const #name: #t = (#address as u64 as usize) as #t;)
        }
    }
}

/// An integer the probe read as 64 bits: two's complement when C said it is negative.
fn probed_int(raw: u64, negative: bool) -> i128 {
    if negative {
        i128::from(raw as i64)
    } else {
        i128::from(raw)
    }
}
