//! API mode: the C is compiled with the crate. This file is the Rust half the macro
//! generates (calls to wrapper functions linked into the crate); `api_c.rs` is the C half
//! the build script compiles (the source or header, the wrappers, and checks that the
//! declarations agree with the C).
//!
//! Every call goes through a generated C wrapper, `__cffi_<key>_<name>`, so that what only a
//! compiled caller can reach is reachable: `static inline` functions and function-like macros
//! declared as functions. The key ties the two halves together: the module's name and a hash
//! of its declarations, computed the same way on both sides.

use cffi_frontend::render::c_decl;
use cffi_frontend::{Type, TypeKind};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

use crate::owner::api_c::{by_pointer, global_name, value_name, wrapper_name};
use crate::owner::wrapper::{Callee, Methods};
use crate::rust_model::names::ident;
use crate::rust_model::rust_types::{Mapper, Position};
use crate::text::ctext::CText;
use crate::text::doc_text::docs;
use crate::types::items::Generator;

/// The environment variable `cffi_build::compile()` sets for the crate it builds.
pub const BUILD_MARKER: &str = "CFFI_BUILD_GLUE";

/// `<module>_<hash of the declarations>`: the same text on both sides, whitespace aside.
pub fn key(module: &str, ctext: &CText) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in ctext.text.bytes().filter(|b| !b.is_ascii_whitespace()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{module}_{hash:016x}")
}

/// The library owner of an API-mode module: the same surface as ABI mode's, with nothing to
/// open.
pub fn owner(g: &mut Generator<'_>, key: &str, link: &[String]) -> TokenStream {
    let m = g.m;
    let (annotations, annotation_errors) = crate::owner::annotations::collect(m, g.ctext);
    for e in annotation_errors {
        g.errors.push(e);
    }
    let mut parts = Parts::default();
    let methods = Methods::new(Mapper { m, names: g.names }, &g.vouched);
    for (index, f) in m.functions.iter().enumerate() {
        // Defined in Rust (`crate::owner::extern_python`), or bound by the module it uses.
        if f.extern_python.is_none() && !g.is_used_module_s(f.span.start) {
            function(g, &mut parts, &methods, f, (annotations.get(&index), key));
        }
    }
    for v in &m.vars {
        if !g.is_used_module_s(v.span.start) {
            global(g, &mut parts, v, key);
        }
    }
    parts
        .methods
        .extend(crate::owner::owner_methods::address_constants(g));
    let callee = |f: &cffi_frontend::Function| {
        let name = ident(&f.name, Span::call_site());
        Ok(Callee::Linked(quote!(__cffi_linked::#name)))
    };
    let shared = (&methods, &annotations);
    let aliases = crate::owner::owner_methods::alias_methods(g, shared, &parts.bound, &callee);
    parts.methods.extend(aliases);
    owner_tokens(parts, link)
}

/// What the owner is made of: the linked C functions, adapters for records, the methods.
#[derive(Default)]
struct Parts {
    externs: Vec<TokenStream>,
    adapters: Vec<TokenStream>,
    methods: Vec<TokenStream>,
    /// The functions bound, by C name.
    bound: Vec<String>,
}

/// Function `f`: its C wrapper linked, and its method.
fn function(
    g: &mut Generator<'_>,
    parts: &mut Parts,
    methods: &Methods<'_>,
    f: &cffi_frontend::Function,
    (a, key): (Option<&crate::owner::annotations::FnAnnotations>, &str),
) {
    let m = g.m;
    let mapper = &methods.mapper;
    if let Some(a) = a {
        if let Err(e) = crate::owner::annotations::finish(f, a, g.ctext) {
            g.errors.push(e);
            return;
        }
        if a.optional {
            g.error(f.name_span.clone(), format!("`optional` is for ABI mode: in API mode `{}` is linked, and the C compiler checks it exists", f.name));
            return;
        }
    }
    // Records cross the C wrapper through pointers, so no record is passed by value
    // from Rust, unless the function is variadic and linked directly.
    let checked = if f.ty.variadic {
        mapper.fn_ptr(&f.ty)
    } else {
        mapper.fn_ptr_through_wrapper(&f.ty)
    };
    if let Err(why) = checked {
        g.error(f.span.clone(), format!("cannot bind `{}`: {why}", f.name));
        return;
    }
    let name = ident(&f.name, Span::call_site());
    let params: Vec<TokenStream> =
        f.ty.params
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let t = mapper.ty(&p.ty, Position::Value).ok()?;
                let n = format_ident!("a{}", i);
                Some(quote!(#n: #t))
            })
            .collect();
    let ret = mapper.ret(&f.ty.ret).unwrap_or_default();
    let c_decl_text = c_decl(
        m,
        &Type::new(TypeKind::Function(Box::new(f.ty.clone()))),
        &f.name,
    );
    let doc = docs(&f.doc, Some(format!("`{c_decl_text};`")));
    let (name_span, _) = g.ctext.spans_of(f.name_span.clone());
    if f.ty.variadic {
        variadic(mapper, parts, f, (params, ret), doc, name_span);
        return;
    }
    let symbol = wrapper_name(key, &f.name);
    match linked_records(mapper, f, &name, &symbol) {
        Some((raw, adapter)) => {
            parts.externs.push(raw);
            parts.adapters.push(adapter);
        }
        None => parts.externs.push(quote! {
            #[link_name = #symbol]
            pub fn #name(#(#params),*) #ret;
        }),
    }
    match crate::owner::wrapper::method(
        methods,
        f,
        Callee::Linked(quote!(__cffi_linked::#name)),
        a,
        doc,
        name_span,
        g.vouched.covers(&f.name),
    ) {
        Ok(method) => {
            parts.methods.push(method.tokens);
            parts.bound.push(f.name.clone());
        }
        Err(why) => g.error(f.span.clone(), format!("cannot bind `{}`: {why}", f.name)),
    }
}

/// A variadic function cannot be wrapped in C: it is linked directly, and its method hands
/// out the function pointer borrowed from the owner.
fn variadic(
    mapper: &Mapper<'_>,
    parts: &mut Parts,
    f: &cffi_frontend::Function,
    (params, ret): (Vec<TokenStream>, TokenStream),
    doc: TokenStream,
    name_span: Span,
) {
    let name = ident(&f.name, Span::call_site());
    let symbol = f.asm_name.clone().unwrap_or_else(|| f.name.clone());
    parts.externs.push(quote! {
        #[link_name = #symbol]
        pub fn #name(#(#params),*, ...) #ret;
    });
    let fn_ty = mapper.fn_ptr(&f.ty).unwrap_or_default();
    let method = ident(&f.name, name_span);
    let variadic_doc = crate::owner::owner_methods::variadic_doc();
    parts.methods.push(quote! {
        #doc
        #variadic_doc
        #[inline]
        pub fn #method(&self) -> __cffi::Variadic<'_, #fn_ty> {
            __cffi::Variadic::new(__cffi_linked::#name as #fn_ty)
        }
    });
}

/// Global `v`: the C function giving its address (or, for a constant, its value), and its
/// accessors.
fn global(g: &mut Generator<'_>, parts: &mut Parts, v: &cffi_frontend::Var, key: &str) {
    let m = g.m;
    // `T x[...]` has the length the compiler gives (`probe::fill_lengths`).
    let Some(ty) = crate::owner::owner_methods::global_type(g, v) else {
        return;
    };
    if crate::c_side::cchecks::read_by_value(m, v) {
        let getter = crate::rust_model::names::derived("__cffi_value_{}", &v.name);
        let symbol = value_name(key, &v.name);
        parts.externs.push(quote! {
            #[link_name = #symbol]
            pub fn #getter() -> #ty;
        });
        parts
            .methods
            .push(crate::owner::owner_methods::constant_reader(
                m,
                v,
                &ty,
                &getter,
                g.vouched.covers(&v.name),
            ));
        return;
    }
    let addr = crate::rust_model::names::derived("__cffi_var_{}", &v.name);
    let symbol = global_name(key, &v.name);
    parts.externs.push(quote! {
        #[link_name = #symbol]
        pub fn #addr() -> *mut #ty;
    });
    // The generated C function only returns the global's address.
    let address = quote!(unsafe { __cffi_linked::#addr() });
    parts
        .methods
        .push(crate::owner::owner_methods::global_accessors(
            m, v, &ty, address,
        ));
}

/// The linked module and the library owner.
fn owner_tokens(parts: Parts, link: &[String]) -> TokenStream {
    let Parts {
        externs,
        adapters,
        methods,
        ..
    } = parts;
    let package = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    let glue = crate::api_library(&package);
    // The module's libraries, then those the build script's settings link for every module.
    let mut link = link.to_vec();
    for l in crate::input::settings::build_links() {
        if !link.contains(&l) {
            link.push(l);
        }
    }
    quote! {
        mod __cffi_linked {
            use super::*;
            use ::cffi_core::__private as __cffi;
            #[link(name = #glue, kind = "static")]
            #(#[link(name = #link)])*
            unsafe extern "C" {
                #(#externs)*
            }
            #(#adapters)*
        }

        /// The C of this module, compiled and linked with the crate by `cffi_build::compile()`.
        ///
        /// It has the surface of an ABI-mode library owner, with nothing to open: `load`
        /// always succeeds.
        ///
        /// Its methods call the C functions. In an `unsafe mod`, a function of scalars and of
        /// annotated pointers (`slice`, `one`, `out`) is a safe method; an imported header's
        /// functions are safe only when named in `safe = "..."`; the others are `unsafe fn`s,
        /// whose callers vouch for every pointer and for the function's own contract.
        #[derive(Debug)]
        pub struct Lib {
            _linked: (),
        }

        #[allow(clippy::too_many_arguments, clippy::missing_safety_doc, clippy::let_unit_value, unused_mut)]
        impl Lib {
            /// The linked C: always available.
            pub fn load() -> __cffi::Result<Lib, __cffi::LoadError> {
                __cffi::Result::Ok(Lib { _linked: () })
            }

            /// As [`Lib::load`]: options concern opening shared libraries, which API mode
            /// does not do.
            pub fn load_with(_options: __cffi::LoadOptions) -> __cffi::Result<Lib, __cffi::LoadError> {
                Lib::load()
            }

            #(#methods)*
        }
    }
}

/// For a function taking or returning records by value: the declaration of the linked wrapper
/// `symbol` (records through pointers, the result through a last `*mut` parameter) and a Rust
/// function `name` of the C signature that calls it. `None` when no record crosses by value.
fn linked_records(
    mapper: &Mapper<'_>,
    f: &cffi_frontend::Function,
    name: &syn::Ident,
    symbol: &str,
) -> Option<(TokenStream, TokenStream)> {
    let m = mapper.m;
    let returns_record = by_pointer(m, &f.ty.ret);
    if !returns_record && !f.ty.params.iter().any(|p| by_pointer(m, &p.ty)) {
        return None;
    }
    let raw = crate::rust_model::names::derived("__cffi_raw_{}", &f.name);
    let (mut raw_params, mut params, mut args) = (Vec::new(), Vec::new(), Vec::new());
    for (i, p) in f.ty.params.iter().enumerate() {
        let t = mapper.ty(&p.ty, Position::Value).ok()?;
        let n = format_ident!("a{}", i);
        params.push(quote!(#n: #t));
        if by_pointer(m, &p.ty) {
            raw_params.push(quote!(#n: *const #t));
            args.push(quote!(::core::ptr::from_ref(&#n)));
        } else {
            raw_params.push(quote!(#n: #t));
            args.push(quote!(#n));
        }
    }
    let (raw_ret, adapter) = if returns_record {
        let r = mapper.ty(&f.ty.ret, Position::Return).ok()?;
        raw_params.push(quote!(__cffi_out: *mut #r));
        let adapter = quote! {
            #[inline]
            pub unsafe fn #name(#(#params),*) -> #r {
                let mut __cffi_out = ::core::mem::MaybeUninit::<#r>::uninit();
                // SAFETY: the wrapper writes the result through the pointer before returning.
                unsafe {
                    #raw(#(#args,)* __cffi_out.as_mut_ptr());
                    __cffi_out.assume_init()
                }
            }
        };
        (TokenStream::new(), adapter)
    } else {
        let ret = mapper.ret(&f.ty.ret).ok()?;
        let adapter = quote! {
            #[inline]
            pub unsafe fn #name(#(#params),*) #ret {
                // SAFETY: the records are read through pointers to live locals.
                unsafe { #raw(#(#args),*) }
            }
        };
        (ret, adapter)
    };
    let declaration = quote! {
        #[link_name = #symbol]
        pub fn #raw(#(#raw_params),*) #raw_ret;
    };
    Some((declaration, adapter))
}
