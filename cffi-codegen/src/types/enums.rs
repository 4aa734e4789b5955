//! C enums: a newtype over the integer the compiler gives the enum, its enumerators as
//! associated constants (values probed from C for `...`), or plain `int` constants for an enum
//! without a name.

use cffi_frontend::EnumId;
use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;

use crate::rust_model::names::ident;
use crate::rust_model::rust_types::sized_int;
use crate::text::doc_text::docs;
use crate::types::items::Generator;

impl Generator<'_> {
    pub(crate) fn enumeration(&mut self, id: EnumId) -> TokenStream {
        let e = self.m.enum_(id);
        let variants = e.variants.as_deref().unwrap_or(&[]);
        let Some(name) = &self.names.enums[id.0 as usize] else {
            // `enum { A, B };`: the constants are plain `int`s, as in C.
            let (_, values) = self.enum_values(id, "int", "this enum");
            let consts = variants.iter().zip(values).map(|(v, value)| {
                let n = ident(&v.name, Span::call_site());
                let value = Literal::i128_unsuffixed(value);
                quote!(pub const #n: __cffi::c_int = #value as __cffi::c_int;)
            });
            return quote!(#(#consts)*);
        };
        let c_name = match &e.tag {
            Some(tag) => format!("enum {tag}"),
            None => name.clone(),
        };
        let (repr, values) = self.enum_values(id, &c_name, &format!("`enum {name}`"));
        let name = ident(name, Span::call_site());
        let doc = docs(
            &e.doc,
            Some("A C enum: any value of the underlying integer is valid, named or not.".into()),
        );
        let assoc = variants.iter().zip(&values).map(|(v, &value)| {
            let n = ident(&v.name, Span::call_site());
            let value = Literal::i128_unsuffixed(value);
            quote!(pub const #n: #name = #name(#value as #repr);)
        });
        let top = variants.iter().map(|v| {
            let n = ident(&v.name, Span::call_site());
            quote!(pub const #n: #name = #name::#n;)
        });
        let debug_arms = variants.iter().map(|v| {
            let n = ident(&v.name, Span::call_site());
            let text = v.name.as_str();
            quote!(#name::#n => f.write_str(#text),)
        });
        let name_text = name.to_string();
        quote! {
            #doc
            #[repr(transparent)]
            #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
            pub struct #name(pub #repr);

            // SAFETY: an integer is valid when zero.
            unsafe impl ::cffi_core::ffi::CType for #name {}

            #[allow(non_upper_case_globals)]
            impl #name { #(#assoc)* }

            #(#top)*

            impl ::core::fmt::Debug for #name {
                #[allow(unreachable_patterns)]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match *self {
                        #(#debug_arms)*
                        _ => write!(f, "{}({})", #name_text, self.0),
                    }
                }
            }
        }
    }

    /// The integer type of enum `id` and its enumerators' values: as declared, or for an enum
    /// with `...` as the build script measured them in C (`c_name` is its C spelling).
    fn enum_values(&mut self, id: EnumId, c_name: &str, what: &str) -> (TokenStream, Vec<i128>) {
        let e = self.m.enum_(id);
        let variants = e.variants.as_deref().unwrap_or(&[]);
        let declared = (
            sized_int(e.int_kind(&self.m.target), self.m),
            variants.iter().map(|v| v.value).collect(),
        );
        if !e.partial {
            return declared;
        }
        let probed = self.probes.and_then(|p| {
            let size = p.get(&format!("size:{c_name}"))?;
            let signed = p.get(&format!("signed:{c_name}"))? != 0;
            let vals = variants
                .iter()
                .map(|v| {
                    let raw = p.get(&format!("enumerator:{}", v.name))?;
                    Some(if signed {
                        raw as i64 as i128
                    } else {
                        raw as i128
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some((
                crate::rust_model::rust_types::int_of_size(size, signed)?,
                vals,
            ))
        });
        probed.unwrap_or_else(|| {
            self.error(
                e.span.clone(),
                format!(
                    "{what} has `...`: its values are only known to the C compiler; {}",
                    self.measure_hint()
                ),
            );
            declared
        })
    }
}
