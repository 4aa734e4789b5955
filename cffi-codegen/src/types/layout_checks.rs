//! Compile-time checks that Rust lays out each `#[repr(C)]` record as C does: size,
//! alignment and field offsets, computed by the layout engine for every supported target and
//! emitted once for each group of targets that agree (one data model, one block).

use cffi_frontend::layout::record_layout;
use cffi_frontend::{Module, RecordId, RecordKind};
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::rust_model::names::{anon_field, ident};
use crate::types::items::Generator;

impl Generator<'_> {
    /// One `const` assertion that Rust laid each record out as the C compiler does. Rust's
    /// numbers are written once; C's, once per group of targets that lay every record out
    /// alike (one data model, one table), chosen by `cfg`.
    pub(crate) fn layout_assertions(&mut self, ids: Vec<RecordId>) -> TokenStream {
        if ids.is_empty() {
            return TokenStream::new();
        }
        let fields: Vec<bool> = ids.iter().map(|&id| self.checks_fields(id)).collect();
        let keyed: Vec<(Vec<Option<RecordNumbers>>, (), TokenStream)> = self
            .per_target()
            .iter()
            .map(|(m, cfg)| {
                let numbers = ids
                    .iter()
                    .zip(&fields)
                    .map(|(&id, &fields)| record_numbers(m, id, fields))
                    .collect();
                (numbers, (), cfg.clone())
            })
            .collect();
        let groups = crate::rust_model::targets::grouped(keyed);
        let rust: Vec<TokenStream> = ids.iter().map(|&id| self.rust_numbers(id)).collect();
        let tables = groups.iter().map(|(numbers, (), cfg)| {
            let rows = numbers.iter().map(|n| match n {
                Some(n) => {
                    let (size, align, offsets) = (n.size, n.align, &n.offsets);
                    quote!(&[#size, #align, #(#offsets),*])
                }
                None => quote!(&[]),
            });
            quote!(#[cfg(#cfg)] const C: &[&[usize]] = &[#(#rows),*];)
        });
        // A target no group covers is not checked.
        let cfgs = groups.iter().map(|(_, (), cfg)| cfg);
        quote! {
            const _: () = {
                #(#tables)*
                #[cfg(not(any(#(#cfgs),*)))]
                const C: &[&[usize]] = &[];
                __cffi::check_layouts(&[#(#rust),*], C)
            };
        }
    }

    /// Whether record `id`'s field offsets are checked: a struct's are, but not those of a
    /// threading object bound as `cffi_core::ffi::Pthread` (its members are the C library's
    /// private ones, which the shared type does not have).
    fn checks_fields(&self, id: RecordId) -> bool {
        self.m.record(id).kind == RecordKind::Struct && self.shared_pthread(id).is_none()
    }

    /// Rust's numbers for record `id`, as `check_layouts` takes them: size, alignment and (for
    /// a struct) each field's offset, after the message to fail with.
    fn rust_numbers(&self, id: RecordId) -> TokenStream {
        let name = self.names.record(id);
        let what = format!("layout of `{name}` differs from C's");
        let fields = if self.checks_fields(id) {
            self.field_idents(id)
        } else {
            Vec::new()
        };
        quote! {
            (#what, &[
                __cffi::size_of::<#name>(),
                __cffi::align_of::<#name>(),
                #(__cffi_offset_of!(#name, #fields)),*
            ])
        }
    }

    /// The Rust field names of a `#[repr(C)]` record, in order.
    fn field_idents(&self, id: RecordId) -> Vec<proc_macro2::Ident> {
        let mut anon = 0;
        self.m
            .record(id)
            .fields
            .iter()
            .flatten()
            .map(|f| match &f.name {
                Some(n) => ident(n, Span::call_site()),
                None => {
                    anon += 1;
                    anon_field(anon)
                }
            })
            .collect()
    }
}

/// The numbers a `#[repr(C)]` record must match on one target: size, alignment, and (for a
/// struct) each field's byte offset.
#[derive(PartialEq)]
struct RecordNumbers {
    size: usize,
    align: usize,
    offsets: Vec<usize>,
}

/// `fields`: whether the offsets are checked (see `checks_fields`).
fn record_numbers(m: &Module, id: RecordId, fields: bool) -> Option<RecordNumbers> {
    let l = record_layout(m, id).ok()?;
    let offsets = if !fields {
        Vec::new()
    } else {
        l.fields
            .iter()
            .map(|f| (f.offset_bits / 8) as usize)
            .collect()
    };
    Some(RecordNumbers {
        size: l.size as usize,
        align: l.align as usize,
        offsets,
    })
}
