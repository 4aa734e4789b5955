//! ABI mode: a library owner that opens the shared library at run time and resolves every
//! declared symbol once, into a private table of addresses its methods call through.

use cffi_frontend::{Storage, Type, TypeKind};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Expr;

use crate::owner::wrapper::{Callee, Methods};
use crate::rust_model::names::{ident, local};
use crate::rust_model::rust_types::Mapper;
use crate::text::doc_text::docs;
use crate::types::items::Generator;

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

/// What the owner is made of: its function tables, its globals' fields, how each is resolved
/// at load, which must be present, and its methods.
#[derive(Default)]
struct Parts {
    /// The symbols of the functions that must be present, in table order.
    required_fns: Vec<String>,
    /// The symbols of those that may be absent (`optional`, or declared by an import).
    optional_fns: Vec<String>,
    /// Where each function's address is in the tables, by name.
    entries: std::collections::HashMap<String, Entry>,
    fields: Vec<TokenStream>,
    resolve: Vec<TokenStream>,
    required: Vec<syn::Ident>,
    fields_init: Vec<syn::Ident>,
    methods: Vec<TokenStream>,
    /// The functions that got a method, which aliases may name.
    bound: Vec<String>,
}

/// A C function with more parameters than `__cffi::call` takes is called through its
/// function type, spelled out.
const MAX_ARGS: usize = 24;

/// Where a function's address is: its table and index, and the symbol.
#[derive(Clone)]
struct Entry {
    table: Table,
    index: usize,
    symbol: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Table {
    /// `__cffi_fns`: resolved or the library does not load.
    Required,
    /// `__cffi_optional_fns`, for an `optional` annotation: the method returns an `Option`.
    Optional,
    /// `__cffi_optional_fns`, for an imported header's function: absent, calling it panics.
    Lazy,
}

impl Parts {
    fn list(&mut self, table: Table) -> &mut Vec<String> {
        match table {
            Table::Required => &mut self.required_fns,
            Table::Optional | Table::Lazy => &mut self.optional_fns,
        }
    }

    /// The next place in `table`, for symbol `symbol`.
    fn next_entry(&mut self, symbol: &str, table: Table) -> Entry {
        Entry {
            table,
            index: self.list(table).len(),
            symbol: symbol.to_string(),
        }
    }

    /// Gives function `name` the place `entry` (from `next_entry`) in its table.
    fn enter(&mut self, name: &str, entry: Entry) {
        self.list(entry.table).push(entry.symbol.clone());
        self.entries.insert(name.to_string(), entry);
    }
}

impl Entry {
    /// The expression that reads the address: a `*mut c_void`, or for an `optional` function
    /// an `Option` of one.
    fn address(&self) -> TokenStream {
        let i = proc_macro2::Literal::usize_unsuffixed(self.index);
        match self.table {
            Table::Required => quote!(self.__cffi_fns.get(#i)),
            Table::Optional => quote!(self.__cffi_optional_fns.find(#i)),
            Table::Lazy => quote!(self.__cffi_optional_fns.lazy(#i)),
        }
    }

    /// What a method of function `f` calls through this entry.
    fn callee(&self, mapper: &Mapper<'_>, f: &cffi_frontend::Function) -> Result<Callee, String> {
        // cffi-core's calls by arity are `extern "C"`: a `__stdcall` function is called
        // through its own pointer type.
        let fn_ty = if f.ty.params.len() > MAX_ARGS || f.ty.stdcall {
            Some(mapper.fn_ptr(&f.ty)?)
        } else {
            None
        };
        Ok(Callee::Table {
            address: self.address(),
            fn_ty,
        })
    }
}

pub fn owner(g: &mut Generator<'_>, lib: &Expr, module_doc: &str) -> TokenStream {
    let m = g.m;
    let (annotations, annotation_errors) = crate::owner::annotations::collect(m, g.ctext);
    for e in annotation_errors {
        g.errors.push(e);
    }
    let mut parts = Parts::default();
    let methods = Methods::new(Mapper { m, names: g.names }, &g.vouched);
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
        function(g, &mut parts, &methods, f, annotations.get(&index));
    }
    for v in &m.vars {
        if !g.is_used_module_s(v.span.start) {
            global(g, &mut parts, v);
        }
    }
    parts
        .methods
        .extend(crate::owner::owner_methods::address_constants(g));
    let entries = std::mem::take(&mut parts.entries);
    let shared = (&methods, &annotations);
    let aliases = crate::owner::owner_methods::alias_methods(g, shared, &parts.bound, &|f| {
        entries
            .get(&f.name)
            .map_or(Err("it has no entry".to_string()), |e| {
                e.callee(&methods.mapper, f)
            })
    });
    parts.methods.extend(aliases);
    owner_tokens(parts, lib, module_doc)
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
    methods: &Methods<'_>,
    f: &cffi_frontend::Function,
    annotations: Option<&crate::owner::annotations::FnAnnotations>,
) {
    let m = g.m;
    let mapper = &methods.mapper;
    if let Some(a) = annotations
        && let Err(e) = crate::owner::annotations::finish(f, a, g.ctext)
    {
        g.errors.push(e);
        return;
    }
    if let Some((span, why)) = refused(f) {
        g.error(span, why);
        return;
    }
    if let Err(why) = mapper.passes_in_registers(&f.ty) {
        g.error(culprit(m, f), format!("cannot bind `{}`: {why}", f.name));
        return;
    }
    let symbol = f.asm_name.clone().unwrap_or_else(|| f.name.clone());
    // An imported header may declare functions a build of its library leaves out: those
    // do not stop the library from loading; calling one panics, naming it.
    let table = if annotations.is_some_and(|a| a.optional) {
        Table::Optional
    } else if g.skips.is_some() {
        Table::Lazy
    } else {
        Table::Required
    };
    let entry = parts.next_entry(&symbol, table);
    let c_decl = cffi_frontend::render::c_decl(
        m,
        &Type::new(TypeKind::Function(Box::new(f.ty.clone()))),
        &f.name,
    );
    let doc = docs(&f.doc, Some(format!("`{c_decl};`")));
    let method = if f.ty.variadic {
        mapper
            .fn_ptr(&f.ty)
            .map(|fn_ty| variadic_method(f, &entry, &fn_ty, doc))
    } else {
        let (name_span, _) = g.ctext.spans_of(f.name_span.clone());
        let vouched = g.vouched.covers(&f.name);
        entry.callee(mapper, f).and_then(|callee| {
            crate::owner::wrapper::method(methods, f, callee, annotations, doc, name_span, vouched)
                .map(|method| method.tokens)
        })
    };
    match method {
        Ok(method) => {
            parts.methods.push(method);
            parts.bound.push(f.name.clone());
            parts.enter(&f.name, entry);
        }
        // The part of the declaration at fault: a type that cannot be bound, or else the
        // whole declaration (an annotation that does not fit it).
        Err(why) => g.error(culprit(m, f), format!("cannot bind `{}`: {why}", f.name)),
    }
}

/// The method handing out a variadic function, borrowed from the owner.
fn variadic_method(
    f: &cffi_frontend::Function,
    entry: &Entry,
    fn_ty: &TokenStream,
    doc: TokenStream,
) -> TokenStream {
    let method = ident(&f.name, Span::call_site());
    let address = entry.address();
    // SAFETY (of the transmutes): the `unsafe mod` vouches that the symbol has the declared
    // type.
    let (ret, body) = if entry.table == Table::Optional {
        (
            quote!(__cffi::Option<__cffi::Variadic<'_, #fn_ty>>),
            quote!(#address.map(|p| __cffi::Variadic::new(unsafe { ::core::mem::transmute::<*mut __cffi::c_void, #fn_ty>(p) }))),
        )
    } else {
        (
            quote!(__cffi::Variadic<'_, #fn_ty>),
            quote!(__cffi::Variadic::new(unsafe { ::core::mem::transmute::<*mut __cffi::c_void, #fn_ty>(#address) })),
        )
    };
    let variadic_doc = crate::owner::owner_methods::variadic_doc();
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
    let Some(ty) = crate::owner::owner_methods::global_type(g, v) else {
        return;
    };
    let symbol = v.asm_name.clone().unwrap_or_else(|| v.name.clone());
    let field = crate::rust_model::names::derived("__cffi_var_{}", &v.name);
    parts.fields_init.push(field.clone());
    // As for functions, a global an imported header declares but a build of its library
    // leaves out (fftw3.h's `fftwl_version`, in another library) does not stop loading;
    // reaching it panics, naming it.
    let (library, missing, optional) = (local("library"), local("missing"), local("optional"));
    let address = if g.skips.is_some() {
        parts.resolve.push(quote! {
            let #field = #library.address(#symbol, &mut #optional).and_then(__cffi::Global::<#ty>::new);
        });
        parts
            .fields
            .push(quote!(#field: __cffi::Option<__cffi::Global<#ty>>));
        quote!(self.#field.as_ref().unwrap_or_else(|| __cffi::absent(#symbol)).as_ptr())
    } else {
        parts.resolve.push(quote! {
            let #field = #library.address(#symbol, &mut #missing).and_then(__cffi::Global::<#ty>::new);
        });
        parts.fields.push(quote!(#field: __cffi::Global<#ty>));
        parts.required.push(field.clone());
        quote!(self.#field.as_ptr())
    };
    parts
        .methods
        .push(crate::owner::owner_methods::global_accessors(
            m, v, &ty, address,
        ));
}

/// The owner itself: the struct, loading, and the methods.
/// The owner's methods that open the library and resolve its symbols, and `library`.
fn loading(
    lib: &Expr,
    (required_fns, optional_fns): (&[String], &[String]),
    resolve: &[TokenStream],
    required: &[syn::Ident],
    fields_init: &[syn::Ident],
) -> TokenStream {
    // The loading function's own variables: hygienic, so that no declared name can meet them.
    let (library, missing, optional) = (local("library"), local("missing"), local("optional"));
    let (table, optional_table) = (local("fns"), local("optional_fns"));
    quote! {
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

        fn from_library(#library: __cffi::Library) -> __cffi::Result<Lib, __cffi::LoadError> {
            let mut #missing = ::std::vec::Vec::new();
            let mut #optional = ::std::vec::Vec::new();
            // SAFETY (of every call through the tables): the `unsafe mod` vouches that each
            // symbol has the declared type.
            let #table = __cffi::Symbols::required(&#library, &[#(#required_fns),*], &mut #missing);
            let #optional_table = __cffi::Symbols::optional(&#library, &[#(#optional_fns),*], &mut #optional);
            #(#resolve)*
            match (#table, #(#required,)*) {
                (__cffi::Option::Some(#table), #(__cffi::Option::Some(#required),)*) => __cffi::Result::Ok(Lib {
                    __cffi_library: #library,
                    __cffi_fns: #table,
                    __cffi_optional_fns: #optional_table,
                    #(#fields_init,)*
                }),
                #[allow(unreachable_patterns)]
                _ => __cffi::Result::Err(__cffi::LoadError::MissingSymbols {
                    library: #library.path().into(),
                    symbols: #missing,
                }),
            }
        }

        /// The library that was opened.
        pub fn library(&self) -> &__cffi::Library {
            &self.__cffi_library
        }
    }
}

fn owner_tokens(parts: Parts, lib: &Expr, module_doc: &str) -> TokenStream {
    let Parts {
        required_fns,
        optional_fns,
        fields,
        resolve,
        required,
        fields_init,
        methods,
        ..
    } = parts;
    let (n_required, n_optional) = (required_fns.len(), optional_fns.len());
    let lib_doc = format!(" The loaded library: {module_doc}");
    let mut owner = quote! {
        #[doc = #lib_doc]
        ///
        /// Dropping it unloads the library, unless it was loaded with
        /// [`LoadOptions::keep_loaded`](::cffi_core::LoadOptions::keep_loaded).
        ///
        /// Its methods call the C functions. In an `unsafe mod`, a function of scalars and of
        /// annotated pointers (`slice`, `one`, `out`) is a safe method; an imported header's
        /// functions are safe only when named in `safe = "..."`; the others are `unsafe fn`s,
        /// whose callers vouch for every pointer and for the function's own contract.
        pub struct Lib {
            __cffi_library: __cffi::Library,
            __cffi_fns: __cffi::Symbols<#n_required>,
            __cffi_optional_fns: __cffi::Symbols<#n_optional>,
            #(#fields,)*
        }

        impl ::core::fmt::Debug for Lib {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct("Lib").field("path", &self.__cffi_library.path()).finish_non_exhaustive()
            }
        }
    };
    // The methods, most of a big header's tokens, are moved in rather than copied by `quote!`.
    let methods_block = crate::text::assemble::braced(
        quote! {
            #[allow(clippy::too_many_arguments, clippy::missing_safety_doc, clippy::let_unit_value, unused_mut)]
            impl Lib
        },
        std::iter::once(loading(
            lib,
            (&required_fns, &optional_fns),
            &resolve,
            &required,
            &fields_init,
        ))
        .chain(methods),
    );
    owner.extend(methods_block);
    owner
}
