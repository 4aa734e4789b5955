//! `extern "Python"` functions (Python cffi's name, kept so that cffi's declarations read
//! unchanged): C code calls them by name, and a Rust closure the program attaches answers.
//!
//! Two halves, as everywhere in API mode. The C the build script compiles defines the
//! function after the module's source (`static`, or visible to other C files for
//! `extern "Python+C"`); it forwards to a Rust function exported under a name of the
//! module's key. That Rust function, public in the module under the C name (so it can be
//! passed where C takes a callback), calls the closure attached with
//! `module::def_extern::name(...)`, or returns zero after a warning when none is.

use std::fmt::Write;

use cffi_frontend::render::c_decl;
use cffi_frontend::{FnType, Function, Module, Type, TypeKind};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

use crate::rust_model::names::ident;
use crate::rust_model::rust_types::{Mapper, Position};
use crate::text::doc_text::docs;
use crate::types::items::Generator;

/// The exported name of the Rust function behind `extern "Python"` function `name`.
fn rust_symbol(key: &str, name: &str) -> String {
    format!("__cffi_{key}_python_{name}")
}

/// Whether a value of `ty` crosses between the C definition and Rust through a pointer: a
/// record, which Rust may store as bytes and C may pass in registers Rust would not use.
fn by_pointer(m: &Module, ty: &Type) -> bool {
    matches!(m.resolve(ty).kind, TypeKind::Record(_))
}

/// The C definition of `extern "Python"` function `f`, after the module's source. The user's
/// source declares it (`static int cb(int);`) to call it; the C compiler checks that the
/// declarations agree. It forwards to the Rust function, records through pointers: a record
/// argument as its address, a record result written through a last pointer argument.
pub fn c_definition(m: &Module, key: &str, f: &Function) -> String {
    let mut named = f.ty.clone();
    let mut rust = FnType {
        params: Vec::new(),
        ..f.ty.clone()
    };
    let mut args = Vec::new();
    for (i, p) in named.params.iter_mut().enumerate() {
        let name = format!("a{i}");
        p.name = Some(name.clone());
        let mut q = p.clone();
        if by_pointer(m, &p.ty) {
            q.ty = p.ty.clone().pointer_to();
            args.push(format!("&{name}"));
        } else {
            args.push(name);
        }
        rust.params.push(q);
    }
    let returns_record = by_pointer(m, &f.ty.ret);
    if returns_record {
        rust.params.push(cffi_frontend::Param {
            name: Some("out".into()),
            ty: f.ty.ret.clone().pointer_to(),
            span: f.span.clone(),
        });
        rust.ret = Type::new(TypeKind::Void);
        args.push("&r".into());
    }
    let fn_type = |ty: FnType| Type::new(TypeKind::Function(Box::new(ty)));
    let symbol = rust_symbol(key, &f.name);
    let call = format!("{symbol}({})", args.join(", "));
    let body = if returns_record {
        let local = c_decl(m, &f.ty.ret, "r");
        format!("{local}; {call}; return r;")
    } else if matches!(m.resolve(&f.ty.ret).kind, TypeKind::Void) {
        format!("{call};")
    } else {
        format!("return {call};")
    };
    // Unused when the source never calls it: no warning for that.
    let linkage = match f.extern_python {
        Some(cffi_frontend::ExternPython::PythonAndC) => "",
        _ => "__attribute__((unused)) static ",
    };
    let mut c = String::new();
    let _ = writeln!(c, "extern {};", c_decl(m, &fn_type(rust), &symbol));
    let _ = writeln!(
        c,
        "{linkage}{} {{ {body} }}",
        c_decl(m, &fn_type(named), &f.name)
    );
    c
}

/// Why `f` cannot be an `extern "Python"` function, if it cannot.
fn unsupported(f: &Function) -> Option<String> {
    f.ty.variadic
        .then(|| "a variadic function cannot be defined in Rust".into())
}

/// One `extern "Python"` function as Rust sees it.
struct Signature<'f> {
    f: &'f Function,
    params: Vec<TokenStream>,
    /// `-> R`, or nothing.
    ret: TokenStream,
    /// Which parameters are records, passed by the C definition through pointers.
    by_ptr: Vec<bool>,
    returns_record: bool,
}

impl Signature<'_> {
    /// No record crosses: the Rust function itself has the C signature.
    fn is_plain(&self) -> bool {
        !self.returns_record && !self.by_ptr.contains(&true)
    }

    fn args(&self) -> Vec<syn::Ident> {
        (0..self.params.len())
            .map(|i| format_ident!("a{}", i))
            .collect()
    }
}

/// The signature of `extern "Python"` function `f`, or why Rust cannot define it.
fn signature<'f>(mapper: &Mapper<'_>, f: &'f Function) -> Result<Signature<'f>, String> {
    if let Some(why) = unsupported(f) {
        return Err(why);
    }
    let params =
        f.ty.params
            .iter()
            .map(|p| mapper.ty(&p.ty, Position::Value));
    Ok(Signature {
        f,
        params: params.collect::<Result<Vec<_>, _>>()?,
        ret: mapper.ret(&f.ty.ret)?,
        by_ptr: f
            .ty
            .params
            .iter()
            .map(|p| by_pointer(mapper.m, &p.ty))
            .collect(),
        returns_record: by_pointer(mapper.m, &f.ty.ret),
    })
}

/// The module's Rust items for its `extern "Python"` functions: each function, its closure
/// slot, and `def_extern`, the module of functions attaching closures.
pub fn rust(g: &mut Generator<'_>, key: &str, module: &str) -> TokenStream {
    let m = g.m;
    let mapper = Mapper { m, names: g.names };
    let mut items = Vec::new();
    let mut attach = Vec::new();
    for f in m.functions.iter().filter(|f| f.extern_python.is_some()) {
        match signature(&mapper, f) {
            Ok(sig) => {
                items.push(function(m, &mapper, &sig, key, module));
                attach.push(attacher(&sig));
            }
            Err(why) => g.error(
                f.span.clone(),
                format!(
                    "cannot define `extern \"Python\"` function `{}`: {why}",
                    f.name
                ),
            ),
        }
    }
    if items.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #(#items)*

        /// Attaches Rust closures to the module's `extern "Python"` functions.
        pub mod def_extern {
            use super::*;
            use ::cffi_core::__private as __cffi;
            #(#attach)*
        }
    }
}

/// The closure slot and the Rust function calling what it holds; with records crossing,
/// also the exported function the C definition calls, which takes them through pointers.
fn function(
    m: &Module,
    mapper: &Mapper<'_>,
    sig: &Signature<'_>,
    key: &str,
    module: &str,
) -> TokenStream {
    let f = sig.f;
    let (params, ret, args) = (&sig.params, &sig.ret, sig.args());
    let name = ident(&f.name, Span::call_site());
    let slot = format_ident!("__CFFI_PYTHON_{}", f.name);
    let symbol = rust_symbol(key, &f.name);
    let qualified = format!("{module}::{}", f.name);
    let attach_path = format!("{module}::def_extern::{}(...)", f.name);
    let doc = function_doc(m, sig);
    let call = quote! {
        match #slot.get() {
            __cffi::Option::Some(f) => f(#(#args),*),
            __cffi::Option::None => {
                __cffi::unattached(#qualified, #attach_path);
                // SAFETY: the result is an integer, a float, a `bool`, an enum's integer, a
                // raw pointer, an optional function pointer or a generated record: zero is a
                // valid value of each.
                unsafe { ::core::mem::zeroed() }
            }
        }
    };
    let slot_item = quote! {
        static #slot: __cffi::ExternSlot<dyn Fn(#(#params),*) #ret + Send + Sync> =
            __cffi::ExternSlot::new();
    };
    if sig.is_plain() {
        return quote! {
            #slot_item
            #doc
            #[unsafe(export_name = #symbol)]
            pub extern "C" fn #name(#(#args: #params),*) #ret { #call }
        };
    }
    let shim = record_shim(mapper, sig, &symbol);
    quote! {
        #slot_item
        #doc
        pub fn #name(#(#args: #params),*) #ret { #call }
        #shim
    }
}

/// The exported function the C definition calls when records cross: records arrive as the
/// addresses of the C definition's arguments, a record result leaves through `out`.
fn record_shim(mapper: &Mapper<'_>, sig: &Signature<'_>, symbol: &str) -> TokenStream {
    let f = sig.f;
    let name = ident(&f.name, Span::call_site());
    let shim = format_ident!("__cffi_python_{}", f.name);
    let args = sig.args();
    let params = args.iter().zip(&sig.params).zip(&sig.by_ptr);
    let params = params.map(|((a, t), p)| {
        if *p {
            quote!(#a: *const #t)
        } else {
            quote!(#a: #t)
        }
    });
    let reads = args
        .iter()
        .zip(&sig.by_ptr)
        .filter(|(_, p)| **p)
        .map(|(a, _)| {
            // SAFETY: the C definition passes the address of its by-value argument.
            quote!(let #a = unsafe { #a.read() };)
        });
    let (out, finish, ret) = if sig.returns_record {
        let t = mapper.ty(&f.ty.ret, Position::Value).unwrap_or_default();
        (
            quote!(, out: *mut #t),
            // SAFETY: the C definition passes the address of its local result.
            quote!(unsafe { out.write(#name(#(#args),*)) }),
            TokenStream::new(),
        )
    } else {
        (
            TokenStream::new(),
            quote!(#name(#(#args),*)),
            sig.ret.clone(),
        )
    };
    // `unsafe`: it reads and writes through the pointers it is given, which only the C
    // definition vouches for.
    quote! {
        #[doc(hidden)]
        #[unsafe(export_name = #symbol)]
        pub unsafe extern "C" fn #shim(#(#params),* #out) #ret {
            #(#reads)*
            #finish
        }
    }
}

fn function_doc(m: &Module, sig: &Signature<'_>) -> TokenStream {
    let f = sig.f;
    let c_text = c_decl(
        m,
        &Type::new(TypeKind::Function(Box::new(f.ty.clone()))),
        &f.name,
    );
    let callback = if sig.is_plain() {
        "Pass it where C takes a callback of this type."
    } else {
        "Records cross to it through pointers, so this is a Rust function: where C takes a callback of this type, the module's C passes its own definition (`&name`)."
    };
    docs(
        &f.doc,
        Some(format!(
            "`extern \"Python\" {c_text};`: C calls it by name. It calls the closure attached with [`def_extern::{0}`](def_extern::{0}()), or returns zero when none is. {callback}",
            f.name
        )),
    )
}

/// `def_extern::name(closure)`.
fn attacher(sig: &Signature<'_>) -> TokenStream {
    let f = sig.f;
    let (params, ret) = (&sig.params, &sig.ret);
    let name = ident(&f.name, Span::call_site());
    let slot = format_ident!("__CFFI_PYTHON_{}", f.name);
    let doc = format!(
        "Attaches `f` to [`{0}`](super::{0}()): C's calls to `{0}` call it from then on, replacing what was attached. A panic in `f` aborts the process (it cannot unwind into C).",
        f.name
    );
    quote! {
        #[doc = #doc]
        pub fn #name(f: impl Fn(#(#params),*) #ret + Send + Sync + 'static) {
            super::#slot.set(__cffi::Arc::new(f));
        }
    }
}
