//! A module's use of another module's types (`uses = "zlib"`, Python cffi's `ffi.include`):
//! the used module's declarations (after its imported header, if it has one) are read first,
//! so the module's own may name its types, and each of those types is the used module's own
//! Rust type, re-exported, not a copy. Its
//! functions, globals and constants stay the used module's, unless the module declares them
//! again (then the front end moves them to the module, which binds them too).

use std::collections::BTreeSet;

use cffi_frontend::Item;
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::rust_model::names::ident;
use crate::types::items::Generator;

impl Generator<'_> {
    /// Whether a declaration at byte `at` is the used module's.
    pub fn is_used_module_s(&self, at: usize) -> bool {
        self.used.as_ref().is_some_and(|u| at < u.own_start)
    }

    /// Whether a type declared at byte `at` is the used module's to generate: not one the
    /// module adopted.
    pub fn is_used_module_s_type(&self, at: usize) -> bool {
        self.used
            .as_ref()
            .is_some_and(|u| at < u.own_start && !u.adopted.contains(&at))
    }

    /// The used module's types, re-exported under the names they have there (every type it
    /// generated: records, named enums and typedefs that are not another type's name).
    pub(crate) fn used_types(&self) -> TokenStream {
        let Some(used) = &self.used else {
            return TokenStream::new();
        };
        if used.imported {
            let module = &used.module;
            return quote!(#[allow(unused_imports)] pub use super::#module::*;);
        }
        let m = self.m;
        let mut names = BTreeSet::new();
        for item in &m.items {
            let (name, at) = match *item {
                Item::Record(id) => (
                    Some(self.names.records[id.0 as usize].clone()),
                    m.record(id).span.start,
                ),
                Item::Enum(id) => (
                    self.names.enums[id.0 as usize].clone(),
                    m.enum_(id).span.start,
                ),
                Item::Typedef(id) => {
                    let td = m.typedef(id);
                    (Some(td.name.clone()), td.span.start)
                }
                _ => continue,
            };
            if let Some(name) = name
                && at < used.own_start
            {
                names.insert(name);
            }
        }
        // A typedef naming a record or enum (`typedef struct {..} foo_t;`) is that type's
        // name: one re-export covers both.
        let module = &used.module;
        let names = names.iter().map(|n| ident(n, Span::call_site()));
        quote!(pub use super::#module::{#(#names),*};)
    }
}
