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

/// The C definition of `extern "Python"` function `f`, after the module's source. The user's
/// source declares it (`static int cb(int);`) to call it; the C compiler checks that the
/// declarations agree.
pub fn c_definition(m: &Module, key: &str, f: &Function) -> String {
    let mut named = f.ty.clone();
    for (i, p) in named.params.iter_mut().enumerate() {
        p.name = Some(format!("a{i}"));
    }
    let fn_type = |ty: FnType| Type::new(TypeKind::Function(Box::new(ty)));
    let symbol = rust_symbol(key, &f.name);
    let args: Vec<String> = (0..named.params.len()).map(|i| format!("a{i}")).collect();
    let call = format!("{symbol}({})", args.join(", "));
    let body = if matches!(m.resolve(&f.ty.ret).kind, TypeKind::Void) {
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
    let _ = writeln!(c, "extern {};", c_decl(m, &fn_type(named.clone()), &symbol));
    let _ = writeln!(
        c,
        "{linkage}{} {{ {body} }}",
        c_decl(m, &fn_type(named), &f.name)
    );
    c
}

/// Why `f` cannot be an `extern "Python"` function, if it cannot.
fn unsupported(mapper: &Mapper<'_>, f: &Function) -> Option<String> {
    if f.ty.variadic {
        return Some("a variadic function cannot be defined in Rust".into());
    }
    let types = std::iter::once(&f.ty.ret).chain(f.ty.params.iter().map(|p| &p.ty));
    for ty in types {
        if let TypeKind::Record(_) = mapper.m.resolve(ty).kind {
            return Some(format!(
                "`{}` passes by value; pass a pointer to it",
                cffi_frontend::render::c_type(mapper.m, ty)
            ));
        }
    }
    None
}

/// The module's Rust items for its `extern "Python"` functions: each function, its closure
/// slot, and `def_extern`, the module of functions attaching closures.
pub fn rust(g: &mut Generator<'_>, key: &str, module: &str) -> TokenStream {
    let m = g.m;
    let mapper = Mapper { m, names: g.names };
    let mut items = Vec::new();
    let mut attach = Vec::new();
    for f in m.functions.iter().filter(|f| f.extern_python.is_some()) {
        let signature = unsupported(&mapper, f).map_or_else(
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
        let doc = docs(
            &f.doc,
            Some(format!(
                "`extern \"Python\" {c_text};`: C calls it by name. It calls the closure attached with [`def_extern::{0}`](def_extern::{0}()), or returns zero when none is. Pass it where C takes a callback of this type.",
                f.name
            )),
        );
        let closure = quote!(dyn Fn(#(#params),*) #ret + Send + Sync);
        items.push(quote! {
            static #slot: __cffi::ExternSlot<#closure> = __cffi::ExternSlot::new();

            #doc
            #[unsafe(export_name = #symbol)]
            pub extern "C" fn #name(#(#args: #params),*) #ret {
                match #slot.get() {
                    __cffi::Option::Some(f) => f(#(#args),*),
                    __cffi::Option::None => {
                        __cffi::unattached(#qualified, #attach_path);
                        // SAFETY: the result is an integer, a float, a `bool`, an enum's
                        // integer, a raw pointer or an optional function pointer (records are
                        // refused above): zero is a valid value of each.
                        unsafe { ::core::mem::zeroed() }
                    }
                }
            }
        });
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
