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

use crate::items::{Generator, docs};
use crate::names::ident;
use crate::rust_types::{Mapper, Position};

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

/// The module's Rust items for its `extern "Python"` functions: each function, its closure
/// slot, and `def_extern`, the module of functions attaching closures.
pub fn rust(g: &mut Generator<'_>, key: &str, module: &str) -> TokenStream {
    let m = g.m;
    let mapper = Mapper { m, names: g.names };
    let mut items = Vec::new();
    let mut attach = Vec::new();
    for f in m.functions.iter().filter(|f| f.extern_python.is_some()) {
        let signature = unsupported(f).map_or_else(
            || {
                let params =
                    f.ty.params
                        .iter()
                        .map(|p| mapper.ty(&p.ty, Position::Value));
                let params = params.collect::<Result<Vec<_>, _>>()?;
                let ret = mapper.ret(&f.ty.ret)?;
                Ok((params, ret))
            },
            Err,
        );
        let (params, ret) = match signature {
            Ok(s) => s,
            Err(why) => {
                let what = format!("cannot define `extern \"Python\"` function `{}`", f.name);
                g.error(f.span.clone(), format!("{what}: {why}"));
                continue;
            }
        };
        let name = ident(&f.name, Span::call_site());
        let slot = format_ident!("__CFFI_PYTHON_{}", f.name);
        let args: Vec<_> = (0..params.len()).map(|i| format_ident!("a{}", i)).collect();
        let symbol = rust_symbol(key, &f.name);
        let c_text = c_decl(
            m,
            &Type::new(TypeKind::Function(Box::new(f.ty.clone()))),
            &f.name,
        );
        let qualified = format!("{module}::{}", f.name);
        let attach_path = format!("{module}::def_extern::{}(...)", f.name);
        let by_ptr: Vec<bool> = f.ty.params.iter().map(|p| by_pointer(m, &p.ty)).collect();
        let returns_record = by_pointer(m, &f.ty.ret);
        let simple = !returns_record && !by_ptr.contains(&true);
        let callback = if simple {
            "Pass it where C takes a callback of this type."
        } else {
            "Records cross to it through pointers, so this is a Rust function: where C takes a callback of this type, the module's C passes its own definition (`&name`)."
        };
        let doc = docs(
            &f.doc,
            Some(format!(
                "`extern \"Python\" {c_text};`: C calls it by name. It calls the closure attached with [`def_extern::{0}`](def_extern::{0}()), or returns zero when none is. {callback}",
                f.name
            )),
        );
        let closure = quote!(dyn Fn(#(#params),*) #ret + Send + Sync);
        let unattached = quote! {
            __cffi::unattached(#qualified, #attach_path);
            // SAFETY: the result is an integer, a float, a `bool`, an enum's integer, a raw
            // pointer, an optional function pointer or a generated record: zero is a valid
            // value of each.
            unsafe { ::core::mem::zeroed() }
        };
        let call = quote! {
            match #slot.get() {
                __cffi::Option::Some(f) => f(#(#args),*),
                __cffi::Option::None => { #unattached }
            }
        };
        if simple {
            items.push(quote! {
                static #slot: __cffi::ExternSlot<#closure> = __cffi::ExternSlot::new();

                #doc
                #[unsafe(export_name = #symbol)]
                pub extern "C" fn #name(#(#args: #params),*) #ret { #call }
            });
        } else {
            // Records cross through pointers (see `c_definition`): the C function is the one
            // to pass as a callback; this Rust function calls the closure directly.
            let shim = format_ident!("__cffi_python_{}", f.name);
            let shim_params = args.iter().zip(&params).zip(&by_ptr).map(|((a, t), p)| {
                if *p {
                    quote!(#a: *const #t)
                } else {
                    quote!(#a: #t)
                }
            });
            let reads = args.iter().zip(&by_ptr).filter(|(_, p)| **p).map(|(a, _)| {
                // SAFETY: the C definition passes the address of its by-value argument.
                quote!(let #a = unsafe { #a.read() };)
            });
            let (out_param, finish) = if returns_record {
                let t = mapper.ty(&f.ty.ret, Position::Value).unwrap_or_default();
                (
                    quote!(, out: *mut #t),
                    // SAFETY: the C definition passes the address of its local result.
                    quote!(unsafe { out.write(#name(#(#args),*)) }),
                )
            } else {
                (quote!(), quote!(#name(#(#args),*)))
            };
            let shim_ret = if returns_record {
                quote!()
            } else {
                ret.clone()
            };
            items.push(quote! {
                static #slot: __cffi::ExternSlot<#closure> = __cffi::ExternSlot::new();

                #doc
                pub fn #name(#(#args: #params),*) #ret { #call }

                #[doc(hidden)]
                #[unsafe(export_name = #symbol)]
                pub extern "C" fn #shim(#(#shim_params),* #out_param) #shim_ret {
                    #(#reads)*
                    #finish
                }
            });
        }
        let attach_doc = format!(
            "Attaches `f` to [`{0}`](super::{0}()): C's calls to `{0}` call it from then on, replacing what was attached. A panic in `f` aborts the process (it cannot unwind into C).",
            f.name
        );
        attach.push(quote! {
            #[doc = #attach_doc]
            pub fn #name(f: impl Fn(#(#params),*) #ret + Send + Sync + 'static) {
                super::#slot.set(__cffi::Arc::new(f));
            }
        });
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
