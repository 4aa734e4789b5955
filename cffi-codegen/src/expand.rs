//! `cdef!`: parse each module's C declarations, then generate its Rust module.

use cffi_frontend::{Options, Target, parse};
use proc_macro2::TokenStream;
use quote::quote;

use crate::ctext::CText;
use crate::diag::{self, Errors};
use crate::input::{Input, Mode, ModuleDecl};
use crate::items::Generator;
use crate::names::Names;

pub fn cdef(input: Input) -> TokenStream {
    input.modules.into_iter().map(module).collect()
}

fn module(decl: ModuleDecl) -> TokenStream {
    let mut errors = Errors::default();
    let ctext = CText::new(decl.body);
    for e in &ctext.errors {
        errors.push(e.clone());
    }
    let parsed = parse(
        &ctext.text,
        &Options {
            target: Target::host(),
            lenient: false,
        },
    );
    for e in &parsed.errors {
        errors.push(diag::front(&ctext, e));
    }
    let names = Names::new(&parsed.module);
    let key = crate::api::key(&decl.ident.to_string(), &ctext);
    let probes = match decl.mode {
        Mode::Api { .. } => crate::probe::Probes::read(&key),
        Mode::Abi { .. } => None,
    };
    let mut g = Generator::new(&parsed.module, &names, &ctext, &mut errors, probes.as_ref());
    let items = g.types_and_constants();
    let ModuleDecl {
        attrs,
        mode,
        vis,
        ident,
        ..
    } = decl;
    let owner = match &mode {
        Mode::Abi { lib } => {
            let lib_text = quote!(#lib).to_string();
            crate::abi::owner(&mut g, lib, &format!("`{lib_text}`, opened at run time."))
        }
        Mode::Api { span, link, .. } => {
            if std::env::var_os(crate::api::BUILD_MARKER).is_none() {
                g.errors.push(syn::Error::new(
                    *span,
                    "API mode compiles C with the crate, which needs the build script: add `cffi_build::compile();` to `fn main` in build.rs, and `cffi-build` under `[build-dependencies]`",
                ));
            }
            crate::api::owner(&mut g, &key, link)
        }
    };
    let errors = errors.into_compile_errors();
    quote! {
        #(#attrs)*
        #vis mod #ident {
            #![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code, unused_imports, clippy::all)]
            use ::cffi_core::__private as __cffi;
            #items
            #owner
            #errors
        }
    }
}
