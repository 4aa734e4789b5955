//! ABI mode: a library owner that opens the shared library at run time and resolves every
//! declared symbol once, into private function pointers called through `&self`.

use cffi_frontend::{Storage, Type, TypeKind};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Expr;

use crate::items::{Generator, docs};
use crate::names::ident;
use crate::rust_types::Mapper;
use crate::wrapper::Callee;

/// The part of a function declaration whose type cannot be bound: the first parameter with
/// such a type, or the return type (the declaration up to the name).
fn culprit(m: &cffi_frontend::Module, f: &cffi_frontend::Function) -> std::ops::Range<usize> {
    if m.unsupported_reason(&f.ty.ret).is_some() || f.ty.params.is_empty() {
        return f.span.start..f.name_span.start.max(f.span.start + 1);
    }
    f.ty.params
        .iter()
        .find(|p| m.unsupported_reason(&p.ty).is_some())
        .map_or(f.span.clone(), |p| p.span.clone())
}

/// Methods of the owner that a C function of the same name would clash with.
const RESERVED: &[&str] = &["load", "load_with", "load_from", "library"];

/// What the owner is made of: its fields, how each is resolved at load, which must be
/// present, and its methods.
#[derive(Default)]
struct Parts {
    fields: Vec<TokenStream>,
    resolve: Vec<TokenStream>,
    required: Vec<syn::Ident>,
    fields_init: Vec<syn::Ident>,
    methods: Vec<TokenStream>,
    /// The functions that got a method, which aliases may name.
    bound: Vec<String>,
}

pub fn owner(g: &mut Generator<'_>, lib: &Expr, module_doc: &str) -> TokenStream {
    let m = g.m;
    let (annotations, annotation_errors) = crate::annotations::collect(m, g.ctext);
    for e in annotation_errors {
        g.errors.push(e);
    }
    let mut parts = Parts::default();
    for (index, f) in m.functions.iter().enumerate() {
        if g.is_used_module_s(f.span.start) {
            continue;
        }
        if f.extern_python.is_some() {
            g.error(
                f.span.clone(),
                format!("`extern \"Python\"` needs API mode: C code calls `{}` by name, and only API mode compiles C with the crate", f.name),
            );
            continue;
        }
        function(g, &mut parts, f, annotations.get(&index));
    }
    for v in &m.vars {
        if !g.is_used_module_s(v.span.start) {
            global(g, &mut parts, v);
        }
    }
    parts
        .methods
        .extend(crate::owner_methods::address_constants(g));
    // An import's functions may be missing from a build of the library (see `function`).
    let lazy = g.skips.is_some();
    let aliases = crate::owner_methods::alias_methods(g, &parts.bound, &|f| callee(f, lazy));
    parts.methods.extend(aliases);
    owner_tokens(&parts, lib, module_doc)
}

/// Why function `f` cannot be a field of the owner at all, if it cannot.
fn refused(f: &cffi_frontend::Function) -> Option<(std::ops::Range<usize>, String)> {
    if f.storage == Storage::Static {
        return Some((
            f.name_span.clone(),
            format!(
                "`static` function `{}` is not exported by any library; remove `static`",
                f.name
            ),
        ));
    }
    if RESERVED.contains(&f.name.as_str()) {
        return Some((
            f.name_span.clone(),
            format!(
                "C function `{0}` clashes with the library owner's `{0}` method; declare it as `{0}_` with `__asm__(\"{0}\")` after the parameters",
                f.name
            ),
        ));
    }
    None
}

/// A function: a field resolved at load, and a method calling it.
fn function(
    g: &mut Generator<'_>,
    parts: &mut Parts,
    f: &cffi_frontend::Function,
    annotations: Option<&crate::annotations::FnAnnotations>,
) {
    let m = g.m;
    let mapper = Mapper { m, names: g.names };
    if let Some(a) = annotations
        && let Err(e) = crate::annotations::finish(f, a, g.ctext)
    {
        g.errors.push(e);
        return;
    }
    if let Some((span, why)) = refused(f) {
        g.error(span, why);
        return;
    }
    let fn_ty = match mapper.fn_ptr(&f.ty) {
        Ok(t) => t,
        Err(why) => {
            g.error(culprit(m, f), format!("cannot bind `{}`: {why}", f.name));
            return;
        }
    };
    let symbol = f.asm_name.clone().unwrap_or_else(|| f.name.clone());
    let field = crate::names::derived("__cffi_fn_{}", &f.name);
    let optional = annotations.is_some_and(|a| a.optional);
    // An imported header may declare functions a build of its library leaves out: those
    // do not stop the library from loading; calling one panics, naming it.
    let lazy = !optional && g.skips.is_some();
    let missing = if optional || lazy {
        quote!(&mut __cffi_optional)
    } else {
        quote!(&mut __cffi_missing)
    };
    // The pointer's type is the field's, where the owner is built: not written again here,
    // which in a big header is tokens for every parameter of every function.
    parts.resolve.push(quote! {
        // SAFETY: the `unsafe mod` vouches that the symbol has the declared type.
        let #field = unsafe { __cffi::function(&__cffi_library, #symbol, #missing) };
    });
    parts.fields_init.push(field.clone());
    if optional || lazy {
        parts.fields.push(quote!(#field: __cffi::Option<#fn_ty>));
    } else {
        parts.fields.push(quote!(#field: #fn_ty));
        parts.required.push(field.clone());
    }
    let c_decl = cffi_frontend::render::c_decl(
        m,
        &Type::new(TypeKind::Function(Box::new(f.ty.clone()))),
        &f.name,
    );
    let doc = docs(&f.doc, Some(format!("`{c_decl};`")));
    if f.ty.variadic {
        parts.methods.push(variadic_method(
            f,
            &field,
            &fn_ty,
            &symbol,
            (optional, lazy),
            doc,
        ));
        parts.bound.push(f.name.clone());
        return;
    }
    let (name_span, _) = g.ctext.spans_of(f.name_span.clone());
    let vouched = g.vouched.covers(&f.name);
    let callee = callee(f, lazy);
    match crate::wrapper::method(&mapper, f, callee, annotations, doc, name_span, vouched) {
        Ok(method) => {
            parts.methods.push(method.tokens);
            parts.bound.push(f.name.clone());
        }
        Err(why) => g.error(f.span.clone(), format!("cannot bind `{}`: {why}", f.name)),
    }
}

/// What a method of function `f` calls: its field, which may be absent in a build of an
/// imported header's library (`lazy`).
fn callee(f: &cffi_frontend::Function, lazy: bool) -> Callee {
    let field = crate::names::derived("__cffi_fn_{}", &f.name);
    if lazy {
        Callee::Lazy(field, f.asm_name.clone().unwrap_or_else(|| f.name.clone()))
    } else {
        Callee::Field(field)
    }
}

/// The method handing out a variadic function, borrowed from the owner.
fn variadic_method(
    f: &cffi_frontend::Function,
    field: &syn::Ident,
    fn_ty: &TokenStream,
    symbol: &str,
    (optional, lazy): (bool, bool),
    doc: TokenStream,
) -> TokenStream {
    let method = ident(&f.name, Span::call_site());
    let ret = if optional {
        quote!(__cffi::Option<__cffi::Variadic<'_, #fn_ty>>)
    } else {
        quote!(__cffi::Variadic<'_, #fn_ty>)
    };
    let body = if optional {
        quote!(self.#field.map(__cffi::Variadic::new))
    } else if lazy {
        quote!(__cffi::Variadic::new(self.#field.unwrap_or_else(|| __cffi::absent(#symbol))))
    } else {
        quote!(__cffi::Variadic::new(self.#field))
    };
    let variadic_doc = crate::owner_methods::variadic_doc();
    quote! {
        #doc
        #variadic_doc
        #[inline]
        pub fn #method(&self) -> #ret { #body }
    }
}

/// A global: its address resolved at load, and accessors.
fn global(g: &mut Generator<'_>, parts: &mut Parts, v: &cffi_frontend::Var) {
    let m = g.m;
    if v.storage == Storage::Static {
        g.error(
            v.name_span.clone(),
            format!(
                "`static` global `{}` is not exported by any library; remove `static`, or use API mode, whose C reaches it",
                v.name
            ),
        );
        return;
    }
    let Some(ty) = crate::owner_methods::global_type(g, v) else {
        return;
    };
    let symbol = v.asm_name.clone().unwrap_or_else(|| v.name.clone());
    let field = crate::names::derived("__cffi_var_{}", &v.name);
    parts.fields_init.push(field.clone());
    // As for functions, a global an imported header declares but a build of its library
    // leaves out (fftw3.h's `fftwl_version`, in another library) does not stop loading;
    // reaching it panics, naming it.
    let address = if g.skips.is_some() {
        parts.resolve.push(quote! {
            let #field = __cffi_library.address(#symbol, &mut __cffi_optional).and_then(__cffi::Global::<#ty>::new);
        });
        parts
            .fields
            .push(quote!(#field: __cffi::Option<__cffi::Global<#ty>>));
        quote!(self.#field.as_ref().unwrap_or_else(|| __cffi::absent(#symbol)).as_ptr())
    } else {
        parts.resolve.push(quote! {
            let #field = __cffi_library.address(#symbol, &mut __cffi_missing).and_then(__cffi::Global::<#ty>::new);
        });
        parts.fields.push(quote!(#field: __cffi::Global<#ty>));
        parts.required.push(field.clone());
        quote!(self.#field.as_ptr())
    };
    parts
        .methods
        .push(crate::owner_methods::global_accessors(m, v, &ty, address));
}

/// The owner itself: the struct, loading, and the methods.
fn owner_tokens(parts: &Parts, lib: &Expr, module_doc: &str) -> TokenStream {
    let Parts {
        fields,
        resolve,
        required,
        fields_init,
        methods,
        bound: _,
    } = parts;
    let lib_doc = format!(" The loaded library: {module_doc}");
    quote! {
        #[doc = #lib_doc]
        ///
        /// Dropping it unloads the library, unless it was loaded with
        /// [`LoadOptions::keep_loaded`](::cffi_core::LoadOptions::keep_loaded).
        pub struct Lib {
            __cffi_library: __cffi::Library,
            #(#fields,)*
        }

        impl ::core::fmt::Debug for Lib {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct("Lib").field("path", &self.__cffi_library.path()).finish_non_exhaustive()
            }
        }

        #[allow(clippy::too_many_arguments, clippy::missing_safety_doc, clippy::let_unit_value, unused_mut)]
        impl Lib {
            /// Opens the library and resolves every declared symbol.
            pub fn load() -> __cffi::Result<Lib, __cffi::LoadError> {
                Lib::load_with(__cffi::LoadOptions::new())
            }

            /// Opens the library with `options` (global symbols, lazy binding, never unloaded).
            pub fn load_with(options: __cffi::LoadOptions) -> __cffi::Result<Lib, __cffi::LoadError> {
                // SAFETY: the `unsafe mod` vouches for the library, initialisers included.
                let library = unsafe { __cffi::Library::open(::core::convert::AsRef::<str>::as_ref(&(#lib)), options)? };
                Lib::from_library(library)
            }

            /// Opens the library at exactly `path` instead of the declared one.
            ///
            /// # Safety
            ///
            /// The file must provide the module's declarations as declared: the `unsafe mod`
            /// vouches only for the library it names.
            pub unsafe fn load_from(path: impl ::core::convert::AsRef<::std::ffi::OsStr>) -> __cffi::Result<Lib, __cffi::LoadError> {
                // SAFETY: the caller vouches for the file, initialisers included.
                let library = unsafe { __cffi::Library::open_path(path.as_ref(), __cffi::LoadOptions::new())? };
                Lib::from_library(library)
            }

            fn from_library(__cffi_library: __cffi::Library) -> __cffi::Result<Lib, __cffi::LoadError> {
                let mut __cffi_missing: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                let mut __cffi_optional: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                #(#resolve)*
                let _ = &mut __cffi_optional;
                match (#(#required,)*) {
                    (#(__cffi::Option::Some(#required),)*) => __cffi::Result::Ok(Lib { __cffi_library, #(#fields_init,)* }),
                    #[allow(unreachable_patterns)]
                    _ => __cffi::Result::Err(__cffi::LoadError::MissingSymbols {
                        library: __cffi_library.path().into(),
                        symbols: __cffi_missing,
                    }),
                }
            }

            /// The library that was opened.
            pub fn library(&self) -> &__cffi::Library {
                &self.__cffi_library
            }

            #(#methods)*
        }
    }
}
