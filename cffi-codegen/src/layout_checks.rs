//! Compile-time checks that Rust lays out each `#[repr(C)]` record as C does: size,
//! alignment and field offsets, computed by the layout engine for every supported target and
//! emitted once for each group of targets that agree (one data model, one block).

use cffi_frontend::layout::record_layout;
use cffi_frontend::{Module, RecordId, RecordKind};
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::items::Generator;
use crate::names::{anon_field, ident};

impl Generator<'_> {
    /// `const` assertions that Rust laid each record out as the C compiler does, once per
    /// group of targets that lay every record out alike (one data model, one block).
    pub(crate) fn layout_assertions(&mut self, ids: Vec<RecordId>) -> TokenStream {
        if ids.is_empty() {
            return TokenStream::new();
        }
        let keyed: Vec<(Vec<Option<RecordNumbers>>, (), TokenStream)> = self
            .per_target()
            .iter()
            .map(|(m, cfg)| {
                let numbers = ids.iter().map(|&id| record_numbers(m, id)).collect();
                (numbers, (), cfg.clone())
            })
            .collect();
        let mut out = TokenStream::new();
        for (numbers, (), cfg) in crate::targets::grouped(keyed) {
            let mut checks = Vec::new();
            for (&id, n) in ids.iter().zip(&numbers) {
                let Some(n) = n else { continue };
                let name = self.names.record(id);
                let what = format!("layout of `{name}` differs from C's");
                let (size, align) = (n.size, n.align);
                checks.push(quote!(__cffi::check_layout::<#name>(#size, #align, #what);));
                if n.offsets.is_empty() {
                    continue;
                }
                let fields = self.field_idents(id);
                let offsets = &n.offsets;
                let what = format!("field offsets of `{name}` differ from C's");
                checks.push(quote! {
                    __cffi::check_offsets(&[#(__cffi::offset_of!(#name, #fields)),*], &[#(#offsets),*], #what);
                });
            }
            out.extend(quote!(#[cfg(#cfg)] const _: () = { #(#checks)* };));
        }
        out
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

fn record_numbers(m: &Module, id: RecordId) -> Option<RecordNumbers> {
    let l = record_layout(m, id).ok()?;
    let offsets = if m.record(id).kind == RecordKind::Union {
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
