//! The outside of a generated module: its prelude (Rust's naming lints off, `__cffi` for the
//! run-time support, short names for the types nearly every item spells) and, for an import,
//! its documentation of what was bound and left out.

use proc_macro2::TokenStream;
use quote::quote;

use crate::input::settings::manifest_dir;

/// The module a macro expands to: generated names are C's, so Rust's naming lints are off,
/// and `__cffi` names the run-time support.
pub fn generated_module(
    attrs: TokenStream,
    vis: &syn::Visibility,
    ident: &syn::Ident,
    body: TokenStream,
    plain_std: bool,
) -> TokenStream {
    // The body is moved in: `quote!` would copy every token of it.
    let prelude = quote! {
        #![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code, unused_imports, clippy::all)]
        use ::cffi_core::__private as __cffi;
        // Short names for what nearly every item of a big module spells: one token where
        // a path is three.
        use __cffi::{
            c_char as __cffi_c_char, c_schar as __cffi_c_schar, c_uchar as __cffi_c_uchar,
            c_short as __cffi_c_short, c_ushort as __cffi_c_ushort, c_int as __cffi_c_int,
            c_uint as __cffi_c_uint, c_long as __cffi_c_long, c_ulong as __cffi_c_ulong,
            c_longlong as __cffi_c_longlong, c_ulonglong as __cffi_c_ulonglong,
            c_wchar as __cffi_c_wchar,
            c_void as __cffi_c_void, Option as __cffi_Option, IntoCPtr as __cffi_IntoCPtr,
            into_c_ptr as __cffi_ptr, call as __cffi_call, offset_of as __cffi_offset_of,
        };
    };
    // Signatures spell these by their own names where no C name of the module is one, so
    // that rustdoc shows `c_int` and `Option`, not the prefixed names (`Names::std`).
    let plain = plain_std.then(|| {
        quote! {
            use __cffi::{
                c_char, c_schar, c_uchar, c_short, c_ushort, c_int, c_uint, c_long, c_ulong,
                c_longlong, c_ulonglong, c_wchar, c_void, Option, IntoCPtr,
            };
        }
    });
    let prelude = quote!(#prelude #plain);
    crate::text::assemble::braced(quote!(#attrs #vis mod #ident), [prelude, body])
}

/// The documentation of an imported module (what it binds, what it left out and why), and
/// the `include_str!`s that rebuild it when the header changes.
pub(crate) fn import_summary(
    m: &cffi_frontend::Module,
    own_files: &[String],
    header_skips: &[String],
    generator_skips: &[String],
) -> (TokenStream, TokenStream) {
    let mut lines = vec![format!(
        " Imported from {}: {} functions, {} globals, {} constants, {} types.",
        own_files.join(", "),
        m.functions.len(),
        m.vars.len(),
        m.consts.len(),
        m.items.len() - m.functions.len() - m.vars.len() - m.consts.len()
    )];
    let skipped: Vec<&String> = header_skips.iter().chain(generator_skips).collect();
    if !skipped.is_empty() {
        lines.push(String::new());
        lines.push(format!(" Left out ({}):", skipped.len()));
        lines.push(String::new());
        for s in skipped {
            lines.push(format!(" - {s}"));
        }
    }
    // A header found through a relative `-I` is named relative to the package.
    let dir = manifest_dir();
    let files = own_files.iter().map(|f| dir.join(f).display().to_string());
    (
        quote!(#(#[doc = #lines])*),
        quote!(#(const _: &str = include_str!(#files);)*),
    )
}
