//! The procedural macros of cffi-rs. Use them through `cffi-core`, which re-exports them and
//! holds the run-time support their expansion calls.

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

use proc_macro::TokenStream;

/// Binds C declarations: see the `cffi-core` crate documentation.
#[proc_macro]
pub fn cdef(input: TokenStream) -> TokenStream {
    match syn::parse::<input::Input>(input) {
        Ok(input) => expand::cdef(input).into(),
        Err(e) => e.into_compile_error().into(),
    }
}
