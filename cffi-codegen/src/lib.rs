//! Code generation of cffi-rs: the expansion of `cdef!`, as a plain library.
//!
//! The proc-macro crate only forwards its tokens here, so that the expansion can be unit
//! tested, fuzzed and property tested outside a compiler. Expansion never panics: every
//! problem becomes a `compile_error!` in the output, spanned on the token at fault.

mod abi;
mod annotations;
mod ctext;
mod diag;
mod expand;
mod input;
mod items;
mod names;
mod rust_types;
mod targets;
mod wrapper;

use proc_macro2::TokenStream;

/// Expands the input of `cdef!`.
pub fn cdef(input: TokenStream) -> TokenStream {
    match syn::parse2::<input::Input>(input) {
        Ok(input) => expand::cdef(input),
        Err(e) => e.into_compile_error(),
    }
}
