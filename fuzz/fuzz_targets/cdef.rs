//! Any text that lexes as Rust tokens, as the input of `cdef!` and as the C declarations of a
//! module: the expansion must not panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    for input in [src.to_string(), format!("#[cffi(abi, lib = \"m\")] pub unsafe mod m {{ {src} }}")] {
        if let Ok(tokens) = input.parse::<TokenStream>() {
            let _ = cffi_codegen::cdef(tokens);
        }
    }
});
