//! Front-end errors as compiler errors on the tokens the user wrote.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::text::ctext::CText;

/// An error spanning from `first` to `last` (syn joins them on stable).
pub fn spanning(first: Span, last: Span, message: impl std::fmt::Display) -> syn::Error {
    let a = Ident::new("a", first);
    let b = Ident::new("b", last);
    let tokens: TokenStream = quote!(#a #b);
    syn::Error::new_spanned(tokens, message)
}

pub fn at(
    ctext: &CText,
    range: std::ops::Range<usize>,
    message: impl std::fmt::Display,
) -> syn::Error {
    let (first, last) = ctext.spans_of(range);
    spanning(first, last, message)
}

/// A front-end error, its note (the earlier declaration) as a second error.
pub fn front(ctext: &CText, e: &cffi_frontend::Error) -> syn::Error {
    let mut err = at(ctext, e.span.clone(), e);
    if let Some((span, note)) = &e.note {
        err.combine(at(ctext, span.clone(), note));
    }
    err
}

/// Collects errors of one phase so all of them are reported together.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, e: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub fn into_compile_errors(self) -> TokenStream {
        self.0.map(|e| e.into_compile_error()).unwrap_or_default()
    }
}
