//! API mode: the C is compiled with the crate. Two halves share this file: the Rust the macro
//! generates (calls to wrapper functions linked into the crate), and the C the build script
//! compiles (the source or header, the wrappers, and checks that the declarations agree with
//! the C).
//!
//! Every call goes through a generated C wrapper, `__cffi_<key>_<name>`, so that what only a
//! compiled caller can reach is reachable: `static inline` functions and function-like macros
//! declared as functions. The key ties the two halves together: the module's name and a hash
//! of its declarations, computed the same way on both sides.

use std::fmt::Write;
use std::path::Path;

use cffi_frontend::render::c_decl;
use cffi_frontend::{ConstValue, Module, RecordKind, Storage, Type, TypeKind};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

use crate::ctext::CText;
use crate::items::{Generator, docs};
use crate::names::ident;
use crate::rust_types::{Mapper, Position};
use crate::wrapper::Callee;

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

fn wrapper_name(key: &str, name: &str) -> String {
    format!("__cffi_{key}_{name}")
}

fn global_name(key: &str, name: &str) -> String {
    format!("__cffi_{key}_var_{name}")
}

/// The library owner of an API-mode module: the same surface as ABI mode's, with nothing to
/// open.
pub fn owner(g: &mut Generator<'_>, key: &str, link: &[syn::LitStr]) -> TokenStream {
    let m = g.m;
    let mapper = Mapper { m, names: g.names };
    let (annotations, annotation_errors) = crate::annotations::collect(m, g.ctext);
    for e in annotation_errors {
        g.errors.push(e);
    }
    let mut externs = Vec::new();
    let mut methods = Vec::new();
    for (index, f) in m.functions.iter().enumerate() {
        let a = annotations.get(&index);
        if let Some(a) = a {
            if let Err(e) = crate::annotations::finish(f, a, g.ctext) {
                g.errors.push(e);
                continue;
            }
            if a.optional {
                g.error(f.name_span.clone(), format!("`optional` is for ABI mode: in API mode `{}` is linked, and the C compiler checks it exists", f.name));
                continue;
            }
        }
        if let Err(why) = mapper.fn_ptr(&f.ty) {
            g.error(f.span.clone(), format!("cannot bind `{}`: {why}", f.name));
            continue;
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
            // A variadic function cannot be wrapped in C: link to it directly.
            let symbol = f.asm_name.clone().unwrap_or_else(|| f.name.clone());
            externs.push(quote! {
                #[link_name = #symbol]
                pub fn #name(#(#params),*, ...) #ret;
            });
            let fn_ty = mapper.fn_ptr(&f.ty).unwrap_or_default();
            let method = ident(&f.name, name_span);
            methods.push(quote! {
                #doc
                ///
                /// A variadic function: call it through `*`, with arguments of C's promoted
                /// types (`c_int`, `c_double`, pointers): `unsafe { (*lib.name())(args) }`.
                #[inline]
                pub fn #method(&self) -> __cffi::Variadic<'_, #fn_ty> {
                    __cffi::Variadic::new(__cffi_linked::#name as #fn_ty)
                }
            });
            continue;
        }
        let symbol = wrapper_name(key, &f.name);
        externs.push(quote! {
            #[link_name = #symbol]
            pub fn #name(#(#params),*) #ret;
        });
        match crate::wrapper::method(
            &mapper,
            f,
            Callee::Linked(quote!(__cffi_linked::#name)),
            a,
            doc,
            name_span,
        ) {
            Ok(method) => methods.push(method.tokens),
            Err(why) => g.error(f.span.clone(), format!("cannot bind `{}`: {why}", f.name)),
        }
    }
    for v in &m.vars {
        if v.storage == Storage::Static {
            continue;
        }
        // `T x[...]`: the length the compiler gives.
        let mut var_ty = v.ty.clone();
        if let (TypeKind::Array(_, len @ cffi_frontend::ArrayLen::FromCompiler), Some(p)) =
            (&mut var_ty.kind, g.probes)
            && let Some(n) = p.get(&format!("length:{}", v.name))
        {
            *len = cffi_frontend::ArrayLen::Fixed(n);
        }
        let ty = match mapper.ty(&var_ty, Position::Value) {
            Ok(t) => t,
            Err(why) => {
                g.error(
                    v.span.clone(),
                    format!("cannot bind global `{}`: {why}", v.name),
                );
                continue;
            }
        };
        let addr = crate::names::derived("__cffi_var_{}", &v.name);
        let symbol = global_name(key, &v.name);
        externs.push(quote! {
            #[link_name = #symbol]
            pub fn #addr() -> *mut #ty;
        });
        // The generated C function only returns the global's address.
        let address = quote!(unsafe { __cffi_linked::#addr() });
        methods.push(crate::wrapper::global_accessors(m, v, &ty, address));
    }
    let package = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    let glue = crate::api_library(&package);
    quote! {
        mod __cffi_linked {
            use super::*;
            use ::cffi_core::__private as __cffi;
            #[link(name = #glue, kind = "static")]
            #(#[link(name = #link)])*
            unsafe extern "C" {
                #(#externs)*
            }
        }

        /// The C of this module, compiled and linked with the crate by `cffi_build::compile()`.
        ///
        /// It has the surface of an ABI-mode library owner, with nothing to open: `load`
        /// always succeeds.
        #[derive(Debug)]
        pub struct Lib {
            _linked: (),
        }

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

/// Where the C of a module comes from, as its `#[cffi(api, ...)]` says.
pub struct CSources<'a> {
    pub source: Option<&'a str>,
    pub include: Option<&'a str>,
}

/// A C string literal naming `path`.
pub fn c_string(path: &Path) -> String {
    format!("{:?}", path.display().to_string())
}

/// The `#include`s that bring a `cdef!` module's C into its glue.
pub fn includes(sources: &CSources<'_>, manifest_dir: &Path) -> String {
    let mut c = String::new();
    if let Some(include) = sources.include {
        if include.starts_with('<') {
            let _ = writeln!(c, "#include {include}");
        } else {
            let _ = writeln!(c, "#include {}", c_string(&manifest_dir.join(include)));
        }
    }
    if let Some(source) = sources.source {
        let _ = writeln!(c, "#include {}", c_string(&manifest_dir.join(source)));
    }
    c
}

/// Where a byte offset of a module's C text is for the user: a line of a file, as a `#line`
/// directive names it.
pub type Locate<'a> = dyn Fn(usize) -> (usize, String) + 'a;

/// Lines of a `cdef!` module: the lines of its tokens in the Rust file.
pub fn token_lines<'a>(ctext: &'a CText, rust_file: &Path) -> Box<Locate<'a>> {
    let rust = c_string(rust_file);
    Box::new(move |offset| {
        (
            ctext.spans_of(offset..offset + 1).0.start().line.max(1),
            rust.clone(),
        )
    })
}

/// The C the build script compiles for one module, after its prologue (its source or
/// header): a wrapper for each function, an address function for each global, and checks
/// that the declarations agree with the C. `#line` directives make the compiler's errors
/// point where `locate` says the declaration was written.
pub fn glue(m: &Module, key: &str, module: &str, locate: &Locate<'_>) -> String {
    let mut c = String::new();
    let _ = writeln!(c, "/* cffi-rs: module `{module}` */");
    let line_of = |offset: usize| {
        let (line, file) = locate(offset);
        format!("{line} {file}")
    };

    for f in &m.functions {
        let line = line_of(f.span.start);
        let fn_ty = Type::new(TypeKind::Function(Box::new(f.ty.clone())));
        // The declaration again, as Rust has it: if the C disagrees, the compiler reports
        // conflicting types, naming both (a macro of the same name is called, not declared).
        let _ = writeln!(
            c,
            "#ifndef {name}\n#line {line}\n_Static_assert(sizeof(&{name}) != 0, \"cffi-rs: `{name}` is declared in Rust but not in the C\");\n#line {line}\n{declared};\n#endif",
            name = f.name,
            declared = c_decl(m, &fn_ty, &f.name),
        );
        if f.ty.variadic {
            continue;
        }
        let params: Vec<String> =
            f.ty.params
                .iter()
                .enumerate()
                .map(|(i, p)| c_decl(m, &p.ty, &format!("a{i}")))
                .collect();
        let args: Vec<String> = (0..params.len()).map(|i| format!("a{i}")).collect();
        let params = if params.is_empty() {
            "void".to_string()
        } else {
            params.join(", ")
        };
        let head = c_decl(
            m,
            &f.ty.ret,
            &format!("{}({params})", wrapper_name(key, &f.name)),
        );
        let call = format!("{}({})", f.name, args.join(", "));
        let _ = writeln!(c, "#line {line}");
        let body = if matches!(m.resolve(&f.ty.ret).kind, TypeKind::Void) {
            format!("{call};")
        } else {
            format!("return {call};")
        };
        let _ = writeln!(c, "{head} {{ {body} }}");
    }
    for v in &m.vars {
        if v.storage == Storage::Static {
            continue;
        }
        let _ = writeln!(c, "#line {}", line_of(v.span.start));
        let head = c_decl(
            m,
            &v.ty.clone().pointer_to(),
            &format!("{}(void)", global_name(key, &v.name)),
        );
        let _ = writeln!(c, "{head} {{ return &{}; }}", v.name);
    }
    for (i, r) in m.records.iter().enumerate() {
        let id = cffi_frontend::RecordId(i as u32);
        let Some(name) = c_record_name(m, id) else {
            continue;
        };
        if r.partial || r.fields.is_none() {
            continue;
        }
        let Ok(layout) = cffi_frontend::layout::record_layout(m, id) else {
            continue;
        };
        let _ = writeln!(c, "#line {}", line_of(r.span.start));
        let _ = writeln!(
            c,
            "_Static_assert(sizeof({name}) == {}, \"cffi-rs: `{name}` has another size in C than declared in Rust\");",
            layout.size
        );
        let _ = writeln!(
            c,
            "_Static_assert(_Alignof({name}) == {}, \"cffi-rs: `{name}` has another alignment in C than declared in Rust\");",
            layout.align
        );
        if r.kind == RecordKind::Union {
            continue;
        }
        if let Ok(fields) = cffi_frontend::layout::flat_fields(m, id) {
            for (field, bits, width) in fields {
                if width.is_none() {
                    let _ = writeln!(
                        c,
                        "_Static_assert(__builtin_offsetof({name}, {field}) == {}, \"cffi-rs: field `{field}` of `{name}` is elsewhere in C than declared in Rust\");",
                        bits / 8
                    );
                }
            }
        }
    }
    for e in m.enums.iter().filter(|e| !e.partial) {
        for v in e.variants.iter().flatten() {
            let _ = writeln!(c, "#line {}", line_of(v.span.start));
            let _ = writeln!(
                c,
                "_Static_assert({} == {}LL, \"cffi-rs: enumerator `{}` has another value in C than declared in Rust\");",
                v.name, v.value, v.name
            );
        }
    }
    for k in &m.consts {
        if let ConstValue::Int { value, .. } = k.value
            && let Ok(v) = i64::try_from(value)
        {
            let _ = writeln!(c, "#line {}", line_of(k.span.start));
            let _ = writeln!(
                c,
                "#ifdef {0}\n_Static_assert(({0}) == {v}LL, \"cffi-rs: `#define {0}` has another value in C than declared in Rust\");\n#endif",
                k.name
            );
        }
    }
    c
}

/// The C spelling of a record: `struct tag`, or a typedef that names it.
pub fn c_record_name(m: &Module, id: cffi_frontend::RecordId) -> Option<String> {
    let r = m.record(id);
    if let Some(tag) = &r.tag {
        return Some(format!("{} {tag}", r.kind.keyword()));
    }
    m.typedefs
        .iter()
        .find(|t| t.ty.kind == TypeKind::Record(id) && t.ty.quals == Default::default())
        .map(|t| t.name.clone())
}
