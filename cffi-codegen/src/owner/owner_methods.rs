//! The library owner's methods beyond one per function: a global's accessors, the constants
//! that are addresses of globals, aliases of functions, and what a variadic function's method
//! says of itself. Shared by both modes.

use cffi_frontend::{Function, TypeKind};
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::owner::wrapper::{Callee, method};
use crate::rust_model::names::ident;
use crate::rust_model::rust_types::{Mapper, Position};

/// The methods of a global variable: its address, a read and (unless it is `const`) a write.
/// `address` is an expression giving its address as `*mut T`.
pub fn global_accessors(
    m: &cffi_frontend::Module,
    v: &cffi_frontend::Var,
    ty: &TokenStream,
    address: TokenStream,
) -> TokenStream {
    let getter = ident(&v.name, Span::call_site());
    let ptr = crate::rust_model::names::derived("{}_ptr", &v.name);
    let setter = crate::rust_model::names::derived("set_{}", &v.name);
    let c_text = cffi_frontend::render::c_decl(m, &v.ty, &v.name);
    let doc = crate::text::doc_text::docs(&v.doc, Some(format!("Reads global `{c_text}`.")));
    let readonly = m.resolve(&v.ty).quals.is_const;
    let (ptr_ty, ptr_expr) = if readonly {
        (quote!(*const #ty), quote!((#address).cast_const()))
    } else {
        (quote!(*mut #ty), address.clone())
    };
    let setter = (!readonly).then(|| {
        quote! {
            #[doc = concat!("Writes global `", #c_text, "`.")]
            ///
            /// # Safety
            ///
            /// No other thread may be reading or writing the global.
            #[inline]
            pub unsafe fn #setter(&self, value: #ty) {
                // SAFETY: the address is the global's; the caller rules out data races.
                unsafe { (#address).write(value) }
            }
        }
    });
    quote! {
        #[doc = concat!("The address of global `", #c_text, "`.")]
        #[inline]
        pub fn #ptr(&self) -> #ptr_ty { #ptr_expr }

        #doc
        ///
        /// # Safety
        ///
        /// No other thread may be writing the global.
        #[inline]
        pub unsafe fn #getter(&self) -> #ty {
            // SAFETY: the address is the global's; the caller rules out data races.
            unsafe { (#address).read() }
        }

        #setter
    }
}

/// The Rust type of global `v`, or an error reported on it.
pub fn global_type(
    g: &mut crate::types::items::Generator<'_>,
    v: &cffi_frontend::Var,
) -> Option<TokenStream> {
    let mapper = Mapper {
        m: g.m,
        names: g.names,
    };
    match mapper.ty(&v.ty, Position::Value) {
        Ok(t) => Some(t),
        Err(why) => {
            g.error(
                v.span.clone(),
                format!("cannot bind global `{}`: {why}", v.name),
            );
            None
        }
    }
}

/// The method reading constant `v` (`static char *const NAME;`) by value, through the C
/// function `getter` that returns it. Safe only where the user's `unsafe` vouches for the
/// declaration (`vouched`): the C may define it as any expression, which could read memory
/// another thread writes.
pub fn constant_reader(
    m: &cffi_frontend::Module,
    v: &cffi_frontend::Var,
    ty: &TokenStream,
    getter: &proc_macro2::Ident,
    vouched: bool,
) -> TokenStream {
    let name = ident(&v.name, Span::call_site());
    let c_text = cffi_frontend::render::c_decl(m, &v.ty, &v.name);
    let doc = crate::text::doc_text::docs(
        &v.doc,
        Some(format!(
            "The value of constant `{c_text}`, as the C gives it."
        )),
    );
    let read = quote!(__cffi_linked::#getter());
    if vouched {
        return quote! {
            #doc
            #[inline]
            pub fn #name(&self) -> #ty {
                // SAFETY: the user's `unsafe mod` vouches that the constant is one.
                unsafe { #read }
            }
        };
    }
    quote! {
        #doc
        ///
        /// # Safety
        ///
        /// What the C defines the constant as must not race with a write from another
        /// thread: declare the module `unsafe mod` to vouch that it is a constant.
        #[inline]
        pub unsafe fn #name(&self) -> #ty {
            // SAFETY: the caller vouches for what the C expression reads.
            unsafe { #read }
        }
    }
}

/// The documentation of a variadic function's method, which hands out the function borrowed
/// from the library owner.
pub fn variadic_doc() -> TokenStream {
    quote! {
        ///
        /// A variadic function: call it through `*`, with arguments of C's promoted types
        /// (`c_int`, `c_double`, pointers): `unsafe { (*lib.name())(args) }`.
        ///
        /// # Safety of the call
        ///
        /// Besides the arguments' types and validity, which only the caller can vouch for, the
        /// call copies the function pointer out of the borrow: `let f = *lib.name();` compiles,
        /// and `f` is not tied to the library. Call such a copy only while the library owner is
        /// alive; after it is dropped, the copy points into an unloaded library.
    }
}

/// The methods of constants that are addresses of globals (`#define MPI_COMM_WORLD
/// ((MPI_Comm)&ompi_mpi_comm_world)`): the address the library owner resolved (or the
/// linker gave), as the constant's pointer type.
pub fn address_constants(g: &mut crate::types::items::Generator<'_>) -> Vec<TokenStream> {
    let m = g.m;
    let mapper = Mapper { m, names: g.names };
    let mut methods = Vec::new();
    let mut problems = Vec::new();
    for c in &m.consts {
        let cffi_frontend::ConstValue::Address { symbol, ty } = &c.value else {
            continue;
        };
        if g.is_used_module_s(c.span.start) {
            continue;
        }
        let bound = m
            .vars
            .iter()
            .any(|v| v.name == *symbol && mapper.ty(&v.ty, Position::Value).is_ok());
        let pointer = matches!(&m.resolve(ty).kind, TypeKind::Pointer(inner)
            if !matches!(m.resolve(inner).kind, TypeKind::Function(_)));
        let t = match mapper.ty(ty, Position::Value) {
            Ok(t) if bound && pointer => t,
            Ok(_) => {
                problems.push((c.span.clone(), format!("`#define {}` is the address of `{symbol}`, which is not bound as a data global here", c.name)));
                continue;
            }
            Err(why) => {
                problems.push((
                    c.span.clone(),
                    format!("cannot bind `#define {}`: {why}", c.name),
                ));
                continue;
            }
        };
        let name = ident(&c.name, Span::call_site());
        let ptr = crate::rust_model::names::derived("{}_ptr", symbol);
        let doc = format!(" `#define {}`: the address of global `{symbol}`.", c.name);
        methods.push(quote! {
            #[doc = #doc]
            #[inline]
            pub fn #name(&self) -> #t {
                self.#ptr() as #t
            }
        });
    }
    for (span, why) in problems {
        g.error(span, why);
    }
    methods
}

/// The owner's annotations of its functions, by function index.
type Annotations = std::collections::HashMap<usize, crate::owner::annotations::FnAnnotations>;

/// The methods of `#define mpz_add __gmpz_add`-style aliases: the function's method again
/// under the macro's name, calling what `callee` gives for the function (its field in ABI
/// mode, its wrapper in API mode). Aliases of functions that were not bound, or whose name
/// is taken, are left out with the reason.
pub fn alias_methods(
    g: &mut crate::types::items::Generator<'_>,
    (writer, annotations): (&crate::owner::wrapper::Methods<'_>, &Annotations),
    bound: &[String],
    callee: &dyn Fn(&Function) -> Result<Callee, String>,
) -> Vec<TokenStream> {
    let m = g.m;
    if m.aliases.is_empty() {
        return Vec::new();
    }
    let bound: std::collections::HashSet<&str> = bound.iter().map(String::as_str).collect();
    let index_of: std::collections::HashMap<&str, usize> = m
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name.as_str(), i))
        .collect();
    let mut methods = Vec::new();
    let mut problems = Vec::new();
    for a in &m.aliases {
        if g.is_used_module_s(a.span.start) {
            continue;
        }
        let target = index_of.get(a.function.as_str()).copied();
        let Some(index) = target.filter(|_| bound.contains(a.function.as_str())) else {
            problems.push((
                a.span.clone(),
                format!("`{}` names `{}`, which is not bound", a.name, a.function),
            ));
            continue;
        };
        if index_of.contains_key(a.name.as_str()) || bound.contains(a.name.as_str()) {
            problems.push((
                a.span.clone(),
                format!(
                    "`{}` names `{}`, but a function of that name exists",
                    a.name, a.function
                ),
            ));
            continue;
        }
        let target = &m.functions[index];
        if target.ty.variadic || annotations.get(&index).is_some_and(|x| x.optional) {
            problems.push((
                a.span.clone(),
                format!(
                    "`{}` names `{}`, which is variadic or optional: call it by its own name",
                    a.name, a.function
                ),
            ));
            continue;
        }
        let mut f = target.clone();
        f.name = a.name.clone();
        let doc = crate::text::doc_text::docs(
            &a.doc,
            Some(format!(
                "`#define {} {}`: another name for `{}`.",
                a.name, a.function, a.function
            )),
        );
        let vouched = g.vouched.covers(&a.name) || g.vouched.covers(&a.function);
        let bound = callee(target).and_then(|callee| {
            method(
                writer,
                &f,
                callee,
                annotations.get(&index),
                doc,
                Span::call_site(),
                vouched,
            )
        });
        match bound {
            Ok(method) => methods.push(method.tokens),
            Err(why) => problems.push((a.span.clone(), format!("cannot bind `{}`: {why}", a.name))),
        }
    }
    for (span, why) in problems {
        g.error(span, why);
    }
    methods
}
