//! The procedural macros of cffi-rs. Use them through `cffi-core`, which re-exports them and
//! holds the run-time support their expansion calls; the expansion itself is `cffi-codegen`.
//! This crate only converts tokens: it must hold no logic of its own, so that everything
//! the macros do is tested and fuzzed as a plain library.

use proc_macro::TokenStream;

/// Binds C declarations: see the `cffi-core` crate documentation.
#[proc_macro]
pub fn cdef(input: TokenStream) -> TokenStream {
    match cffi_codegen::cdef_reusing(input.clone().into()) {
        cffi_codegen::Expansion::Tokens(tokens) => tokens.into(),
        // Text this macro wrote before: it lexes, or the stored file was damaged, and the
        // expansion is made again.
        cffi_codegen::Expansion::Text(text) => text
            .parse()
            .unwrap_or_else(|_| cffi_codegen::cdef(input.into()).into()),
    }
}

/// Compiles C source given in the Rust file or in a `.c` file with the crate, and binds its
/// functions: see the `cffi-core` crate documentation.
#[proc_macro]
pub fn c_source(input: TokenStream) -> TokenStream {
    cffi_codegen::c_source(input.into()).into()
}
