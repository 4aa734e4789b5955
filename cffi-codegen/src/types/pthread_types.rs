//! The C library's threading objects (`pthread_mutex_t`, ...) of an imported header, bound
//! as `cffi_core::ffi::Pthread`: one Rust type for each kind and size in every module, so that
//! a mutex one module initialises passes to another module's functions.

use cffi_frontend::layout::record_layout;
use cffi_frontend::{RecordId, RecordKind};
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::types::items::Generator;

/// The threading objects C libraries declare (glibc and musl as unions of private members,
/// Apple's as `struct _opaque_pthread_mutex_t { long __sig; char __opaque[56]; }` behind a
/// typedef), and their kinds in `cffi_core::ffi::pthread_kind`.
const PTHREAD_OBJECTS: &[(&str, &str)] = &[
    ("pthread_attr_t", "Attr"),
    ("pthread_mutex_t", "Mutex"),
    ("pthread_mutexattr_t", "MutexAttr"),
    ("pthread_cond_t", "Cond"),
    ("pthread_condattr_t", "CondAttr"),
    ("pthread_rwlock_t", "RwLock"),
    ("pthread_rwlockattr_t", "RwLockAttr"),
    ("pthread_barrier_t", "Barrier"),
    ("pthread_barrierattr_t", "BarrierAttr"),
];

impl Generator<'_> {
    /// The kind of threading object record `id` is: a union of an imported header named as
    /// the C library names one, or a struct of one tagged as Apple's C library tags them (a
    /// record the module declares itself is its own).
    pub(crate) fn shared_pthread(&self, id: RecordId) -> Option<&'static str> {
        let r = self.m.record(id);
        let name = self.names.record(id).to_string();
        let from_header = self.body_start.is_some_and(|b| r.span.start < b);
        let named = r.tag.as_deref().is_none_or(|t| t == name);
        let c_name = match r.kind {
            RecordKind::Union => name.as_str(),
            RecordKind::Struct => name.strip_prefix("_opaque_")?,
        };
        let (_, kind) = PTHREAD_OBJECTS.iter().find(|(n, _)| *n == c_name)?;
        (from_header && named && r.fields.is_some()).then_some(*kind)
    }

    /// `pub type pthread_mutex_t = Pthread<Mutex, [u64; 5]>;`, its bytes of the header's size
    /// and alignment on each group of targets that agree (and on any other target, as laid
    /// out for this one). The record's layout checks hold it to the header.
    pub(crate) fn pthread_alias(
        &mut self,
        id: RecordId,
        kind: &str,
        doc: &TokenStream,
    ) -> TokenStream {
        let name = self.names.record(id);
        let kind = syn::Ident::new(kind, Span::call_site());
        let alias = |layout: Option<(u64, u64)>| {
            let (size, align) = layout.unwrap_or((0, 1));
            let unit = match align {
                1 => quote!(u8),
                2 => quote!(u16),
                4 => quote!(u32),
                8 => quote!(u64),
                _ => quote!(u128),
            };
            let len = (size / align.clamp(1, 16)) as usize;
            quote! {
                #doc
                pub type #name = ::cffi_core::ffi::Pthread<
                    ::cffi_core::ffi::pthread_kind::#kind,
                    [::core::primitive::#unit; #len],
                >;
            }
        };
        let layout_in =
            |m: &cffi_frontend::Module| record_layout(m, id).ok().map(|l| (l.size, l.align));
        let keyed: Vec<_> = self
            .per_target()
            .iter()
            .map(|(m, cfg)| (layout_in(m), (), cfg.clone()))
            .collect();
        let mut out = TokenStream::new();
        let mut known = Vec::new();
        for (layout, (), cfg) in crate::rust_model::targets::grouped(keyed) {
            let def = alias(layout);
            out.extend(quote!(#[cfg(#cfg)] #def));
            known.push(cfg);
        }
        let here = alias(layout_in(self.m));
        out.extend(quote!(#[cfg(not(any(#(#known),*)))] #here));
        out
    }
}
