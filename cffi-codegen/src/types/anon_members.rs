//! Fields of anonymous struct and union members, reached as the record's own, as C and
//! Python cffi reach them: for `struct p { union { int a; float b; }; }`, `p.a()` and
//! `p.set_a(..)` beside the member `p.__anon1`. Rust has no anonymous members, so these are
//! methods; a getter never makes a value Rust forbids (another member of the union may have
//! written the bytes), as for records stored as bytes.

use cffi_frontend::{RecordId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

use crate::rust_model::names::{anon_field, ident};
use crate::rust_model::repr::Repr;
use crate::types::bytes::{Place, field_accessors, read_kind};
use crate::types::items::Generator;

/// How deep anonymous members nest before the rest is left to `__anonN`; real C nests one or
/// two deep.
const MAX_NESTING: usize = 8;

impl Generator<'_> {
    /// Accessors for the fields of record `id`'s anonymous members, which Rust lays out
    /// (`Repr::Fields`). Members Rust stores as bytes keep their own accessors only.
    pub(crate) fn anonymous_member_accessors(&self, id: RecordId) -> TokenStream {
        let mut out = TokenStream::new();
        let this = self.names.record(id);
        self.flatten(id, quote!(0), &quote!(#this), 0, &mut out);
        out
    }

    /// The named fields of the anonymous members of `id`, which starts `offset` bytes into
    /// the outer record; `rust` is `id`'s Rust type.
    fn flatten(
        &self,
        id: RecordId,
        offset: TokenStream,
        rust: &TokenStream,
        depth: usize,
        out: &mut TokenStream,
    ) {
        let m = self.m;
        let mut anon = 0;
        for f in m.record(id).fields.iter().flatten() {
            if f.name.is_some() {
                continue;
            }
            anon += 1;
            let TypeKind::Record(inner) = m.resolve(&f.ty).kind else {
                continue;
            };
            if f.bit_width.is_some()
                || depth >= MAX_NESTING
                || self.names.reprs.of(inner) != Repr::Fields
            {
                continue;
            }
            let member = anon_field(anon);
            let inner_rust = self.names.record(inner);
            let inner_rust = quote!(#inner_rust);
            let at = quote!(#offset + ::core::mem::offset_of!(#rust, #member));
            for g in m.record(inner).fields.iter().flatten() {
                let Some(name) = &g.name else { continue };
                let Ok(ty) = self.mapper().member(&g.ty) else {
                    continue;
                };
                let field = ident(name, proc_macro2::Span::call_site());
                let byte = quote!((#at + ::core::mem::offset_of!(#inner_rust, #field)));
                let read = read_kind(m, self.names, &g.ty);
                out.extend(field_accessors(name, &ty, Place::in_record(byte), read));
            }
            self.flatten(inner, at, &inner_rust, depth + 1, out);
        }
    }
}
