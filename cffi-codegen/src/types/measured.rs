//! Records only the C compiler can measure (API mode's `struct s { int x; ...; }`, and records
//! holding such a type), from the numbers the build script found: the size, the alignment and
//! each declared field's offset.
//!
//! Where the declared fields can be Rust fields at exactly those offsets (a struct whose
//! fields do not overlap, each aligned as C aligns its type), the record is a `#[repr(C)]`
//! struct of those fields with padding between them, so `p.x` and `offsetof!(s, x)` work as
//! in Python cffi; constant assertions hold Rust's layout to the measured one. Otherwise
//! (unions, bit-fields, overlapping anonymous members, fields whose type only the compiler
//! can size) it is bytes of the measured size and alignment. Both have a getter, a setter and
//! an `offset_of_` function per field.

use cffi_frontend::layout::{Layout, layout_of};
use cffi_frontend::{Field, RecordId, RecordKind, Type, TypeKind, UnknownKind};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use crate::c_side::probe::Probes;
use crate::rust_model::names::ident;
use crate::text::doc_text::docs;
use crate::types::bytes::{Place, field_accessors, read_kind};
use crate::types::items::Generator;

/// A declared field with its measured offset and its Rust type.
struct Measured<'m> {
    field: &'m Field,
    name: &'m str,
    offset: u64,
    ty: TokenStream,
}

impl<'a> Generator<'a> {
    /// A partial struct (`struct tm { int tm_sec; ...; }`, API mode), laid out as the C
    /// compiler measured it.
    pub(crate) fn probed_record(&mut self, id: RecordId, probes: &Probes) -> TokenStream {
        let name = self.names.record(id);
        let r = self.m.record(id);
        let Some(c_name) = self.names.c_records[id.0 as usize].clone() else {
            self.error(
                r.span.clone(),
                "a partial struct needs a tag or a typedef name for the C compiler to measure it",
            );
            return TokenStream::new();
        };
        let (Some(size), Some(align)) = (
            probes.get(&format!("size:{c_name}")),
            probes.get(&format!("align:{c_name}")),
        ) else {
            self.error(r.span.clone(), format!("the build script gave no layout for `{c_name}`; is `cffi_build::compile()` in build.rs?"));
            return TokenStream::new();
        };
        let fields = self.measured_fields(id, &c_name, probes);
        let as_fields = match r.kind {
            RecordKind::Struct => self.rust_fields(&fields, (size, align), probes),
            RecordKind::Union => None,
        };
        let mut accessors = TokenStream::new();
        for f in &fields {
            let place = match as_fields {
                Some(_) => Place::in_record(Literal::u64_unsuffixed(f.offset).into_token_stream()),
                None => Place::in_bytes(f.offset as usize, size as usize),
            };
            let read = read_kind(self.m, self.names, &f.field.ty);
            accessors.extend(field_accessors(f.name, &f.ty, place, read));
        }
        let checks = as_fields
            .is_some()
            .then(|| layout_assertions(&name, size, &fields));
        let body = as_fields.unwrap_or_else(|| {
            let size = size as usize;
            quote!(__cffi_bytes: [u8; #size])
        });
        let doc = docs(
            &r.doc,
            Some("Laid out by the C compiler (the declaration ends with `...`).".into()),
        );
        let align = Literal::u64_unsuffixed(align);
        quote! {
            #doc
            #[repr(C, align(#align))]
            #[derive(Clone, Copy)]
            pub struct #name { #body }

            impl #name { #accessors }

            #checks

            // SAFETY: bytes, and every field type of a generated record, are valid when zero.
            __cffi::zeroable!(unsafe #name);
        }
    }

    /// The declared fields of record `id` with their offsets and Rust types, sorted by offset;
    /// a field that cannot be bound is reported and left out.
    fn measured_fields(
        &mut self,
        id: RecordId,
        c_name: &str,
        probes: &Probes,
    ) -> Vec<Measured<'a>> {
        let m: &'a cffi_frontend::Module = self.m;
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for field in crate::rust_model::names::flat_named_fields(m, id) {
            let Some(name) = field.name.as_deref() else {
                continue;
            };
            if field.bit_width.is_some() {
                problems.push((field.span.clone(), format!("bit-field `{name}` in a partial struct is not supported; declare the fields around it")));
                continue;
            }
            let ty = match self.mapper().member(&field.ty) {
                Ok(t) => t,
                Err(why) => {
                    problems.push((field.span.clone(), format!("unsupported field type: {why}")));
                    continue;
                }
            };
            let Some(offset) = probes.get(&format!("offset:{c_name}:{name}")) else {
                problems.push((field.span.clone(), format!("the build script gave no offset for `{name}` of `{c_name}`; rebuild so that `cffi_build::compile()` measures it")));
                continue;
            };
            out.push(Measured {
                field,
                name,
                offset,
                ty,
            });
        }
        for (span, why) in problems {
            self.error(span, why);
        }
        out.sort_by_key(|f| f.offset);
        out
    }

    /// The body of a `#[repr(C)]` struct holding `fields` at their offsets, with padding
    /// before each and after the last up to `size`; `None` when one overlaps the one before,
    /// is not where C would align its type, has a type the layout engine cannot size, or one
    /// aligned more than the record (a packed record holding an over-aligned one: Rust would
    /// align the struct to the field, and round its size up).
    fn rust_fields(
        &self,
        fields: &[Measured<'_>],
        (size, align): (u64, u64),
        probes: &Probes,
    ) -> Option<TokenStream> {
        let mut body = TokenStream::new();
        let mut end = 0;
        for (i, f) in fields.iter().enumerate() {
            let layout = self.field_layout(&f.field.ty, probes)?;
            if f.offset < end || f.offset % layout.align.max(1) != 0 || layout.align > align {
                return None;
            }
            // Padding only where there is some: a record without any is written as a struct
            // literal, as a `...`-less one is.
            let gap = (f.offset - end) as usize;
            if gap > 0 {
                let pad = crate::rust_model::names::derived("__cffi_pad_{}", &i.to_string());
                body.extend(quote!(#pad: [u8; #gap],));
            }
            let (name, ty) = (ident(f.name, Span::call_site()), &f.ty);
            body.extend(quote!(pub #name: #ty,));
            end = f.offset + layout.size;
        }
        if end > size {
            return None;
        }
        let gap = (size - end) as usize;
        if gap > 0 {
            body.extend(quote!(__cffi_pad_end: [u8; #gap],));
        }
        Some(body)
    }
}

impl Generator<'_> {
    /// The size and alignment of a field's type: the layout engine's, or for a type only the
    /// compiler can size (`typedef int... t`, a record measured in its turn), the measured one.
    fn field_layout(&self, ty: &Type, probes: &Probes) -> Option<Layout> {
        if let Ok(layout) = layout_of(self.m, ty) {
            return Some(layout);
        }
        let c_name = match (&ty.kind, &self.m.resolve(ty).kind) {
            (TypeKind::Typedef(id), TypeKind::Unknown(UnknownKind::Int | UnknownKind::Float)) => {
                self.m.typedef(*id).name.clone()
            }
            (_, TypeKind::Record(id)) => self.names.c_records[id.0 as usize].clone()?,
            _ => return None,
        };
        let size = probes.get(&format!("size:{c_name}"))?;
        let align = probes.get(&format!("align:{c_name}")).unwrap_or(size);
        Some(Layout { size, align })
    }
}

/// Constant assertions that Rust laid out record `name` as the C compiler measured it: a
/// mistake fails the build instead of reading the wrong bytes.
fn layout_assertions(name: &syn::Ident, size: u64, fields: &[Measured<'_>]) -> TokenStream {
    let size = size as usize;
    let offsets = fields.iter().map(|f| {
        let (field, offset) = (ident(f.name, Span::call_site()), f.offset as usize);
        quote!(assert!(::core::mem::offset_of!(#name, #field) == #offset);)
    });
    quote! {
        const _: () = {
            assert!(::core::mem::size_of::<#name>() == #size);
            #(#offsets)*
        };
    }
}
