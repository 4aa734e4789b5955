//! Any text that lexes as Rust tokens, as the input of `cdef!` and as the C declarations of a
//! module in each mode, and as an API-mode module's C glue (wrappers and the checks the C
//! compiler runs): the expansion must not panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let inputs = [
        src.to_string(),
        format!("#[cffi(abi, lib = \"m\")] pub unsafe mod m {{ {src} }}"),
        format!("#[cffi(api, source = \"x.c\")] pub mod m {{ {src} }}"),
    ];
    for (i, input) in inputs.iter().enumerate() {
        if let Ok(tokens) = input.parse::<TokenStream>() {
            let _ = cffi_codegen::cdef(tokens.clone());
            if i == 2 {
                let dir = std::path::Path::new("/nonexistent");
                let compiler = cffi_codegen::Compiler::from_env(dir);
                for glue in
                    cffi_codegen::api_glue(tokens, dir, &compiler, "x86_64-unknown-linux-gnu")
                {
                    let _ = glue.c();
                }
            }
        }
    }
});
