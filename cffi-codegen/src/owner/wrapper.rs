//! The Rust method for one C function: its signature, made safe where annotations allow, and
//! the body that converts arguments and calls the function pointer.

use cffi_frontend::{Function, TypeKind};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::owner::annotations::{FnAnnotations, ParamRole, Role, SliceLen};
use crate::rust_model::names::{ident, local};
use crate::rust_model::rust_types::{Mapper, Position};

pub struct Method {
    pub tokens: TokenStream,
}

/// What a method calls.
pub enum Callee {
    /// An address in the library owner's function table (ABI mode): `address` reads it (an
    /// `Option` of it if the function is `optional`). The call's function type is the one its
    /// arguments and result have, or `fn_ty` where given (more parameters than
    /// `__cffi::call` takes).
    Table {
        address: TokenStream,
        fn_ty: Option<TokenStream>,
    },
    /// A function linked into the crate (API mode).
    Linked(TokenStream),
}

/// What a pointer parameter points to.
struct Pointee {
    /// The element type (`void` as bytes).
    elem: TokenStream,
    is_const: bool,
    is_void: bool,
}

/// What pointer parameter `i` points to, if it points to data.
fn pointee(mapper: &Mapper<'_>, f: &Function, i: usize) -> Result<Option<Pointee>, String> {
    let m = mapper.m;
    let TypeKind::Pointer(inner) = &m.resolve(&f.ty.params[i].ty).kind else {
        return Ok(None);
    };
    let inner_resolved = m.resolve(inner);
    if matches!(inner_resolved.kind, TypeKind::Function(_)) {
        return Ok(None);
    }
    let is_void = matches!(inner_resolved.kind, TypeKind::Void);
    let elem = if is_void {
        quote!(u8)
    } else {
        mapper.ty(inner, Position::Pointee)?
    };
    Ok(Some(Pointee {
        elem,
        is_const: inner_resolved.quals.is_const,
        is_void,
    }))
}

/// The role each parameter plays, as the annotations say (`Plain` where they say nothing).
struct Roles<'a>(Option<&'a FnAnnotations>);

const PLAIN: ParamRole = ParamRole {
    role: Role::Plain,
    nullable: false,
};

impl Roles<'_> {
    fn of(&self, i: usize) -> &ParamRole {
        self.0.and_then(|a| a.params.get(i)).unwrap_or(&PLAIN)
    }
}

/// The method's side of the parameters: what it takes, what it computes before the call,
/// what it passes, and what C writes for it to return.
struct Params {
    /// Whether the parameters allow a safe method.
    safe: bool,
    inputs: Vec<TokenStream>,
    prelude: Vec<TokenStream>,
    args: Vec<TokenStream>,
    outs: Vec<Ident>,
    out_types: Vec<TokenStream>,
}

fn params(
    mapper: &Mapper<'_>,
    f: &Function,
    roles: &Roles<'_>,
    names: &[Ident],
) -> Result<Params, String> {
    let mut safe = true;
    let mut inputs = Vec::new();
    let mut prelude = Vec::new();
    let mut args = Vec::new();
    let mut outs = Vec::new();
    let mut out_types = Vec::new();
    for (i, p) in f.ty.params.iter().enumerate() {
        let name = &names[i];
        let raw = mapper.ty(&p.ty, Position::Value)?;
        let r = roles.of(i);
        let c_name = p.name.clone().unwrap_or_else(|| format!("arg{i}"));
        match &r.role {
            Role::Plain => match pointee(mapper, f, i)? {
                Some(_) => {
                    safe = false;
                    let into = mapper.names.std("IntoCPtr");
                    inputs.push(quote!(#name: impl #into<#raw>));
                    // The type of `into_c_ptr` comes from the parameter's only bound.
                    args.push(quote!(__cffi_ptr(#name)));
                }
                None => {
                    safe &= mapper.is_scalar(&p.ty) || mapper.is_plain(&p.ty);
                    inputs.push(quote!(#name: #raw));
                    args.push(quote!(#name));
                }
            },
            Role::Slice { .. } | Role::One => {
                let Some(Pointee { elem, is_const, .. }) = pointee(mapper, f, i)? else {
                    return Err(format!("`{c_name}` is not a pointer to data"));
                };
                let s = local("s");
                let (borrowed, to_ptr) = match (&r.role, is_const) {
                    (Role::Slice { .. }, true) => (quote!(&[#elem]), quote!(#s.as_ptr().cast())),
                    (Role::Slice { .. }, false) => {
                        (quote!(&mut [#elem]), quote!(#s.as_mut_ptr().cast()))
                    }
                    (_, true) => (quote!(&#elem), quote!(::core::ptr::from_ref(#s).cast())),
                    (_, false) => (quote!(&mut #elem), quote!(::core::ptr::from_mut(#s).cast())),
                };
                let null = if is_const {
                    quote!(::core::ptr::null())
                } else {
                    quote!(::core::ptr::null_mut())
                };
                let len = local(&format!("__cffi_len_{i}"));
                let is_slice = matches!(r.role, Role::Slice { .. });
                if r.nullable {
                    inputs.push(quote!(#name: __cffi::Option<#borrowed>));
                    if is_slice {
                        prelude
                            .push(quote!(let #len: ::core::primitive::usize = #name.as_ref().map_or(0, |#s| #s.len());));
                    }
                    prelude.push(quote!(let #name: #raw = match #name { __cffi::Option::Some(#s) => #to_ptr, __cffi::Option::None => #null };));
                } else {
                    inputs.push(quote!(#name: #borrowed));
                    if is_slice {
                        prelude.push(quote!(let #len: ::core::primitive::usize = #name.len();));
                    }
                    prelude.push(quote!(let #name: #raw = { let #s = #name; #to_ptr };));
                }
                args.push(quote!(#name));
            }
            Role::Length { .. } => args.push(quote!(#name)),
            Role::Out => {
                let Some(Pointee { elem, is_void, .. }) = pointee(mapper, f, i)? else {
                    return Err(format!("`{c_name}` is not a pointer to data"));
                };
                let out = local(&format!("__cffi_out_{i}"));
                prelude.push(quote!(let mut #out: #elem = __cffi::zeroed::<#elem>();));
                // The pointer's type is the argument's own where the function type is
                // inferred from the arguments (`Callee::Table`).
                let target = match is_void {
                    true => quote!(__cffi::c_void),
                    false => elem.clone(),
                };
                args.push(quote!(::core::ptr::from_mut(&mut #out).cast::<#target>()));
                outs.push(out);
                out_types.push(elem);
            }
        }
    }
    Ok(Params {
        safe,
        inputs,
        prelude,
        args,
        outs,
        out_types,
    })
}

/// The lengths the method computes: length parameters from the slices they describe (checked
/// to agree), and the checks of slices whose length is an expression over parameters. They
/// run after the slices' lengths are read and before the pointers are taken.
fn lengths(
    mapper: &Mapper<'_>,
    f: &Function,
    roles: &Roles<'_>,
    names: &[Ident],
) -> Result<Vec<TokenStream>, String> {
    let m = mapper.m;
    let mut lengths = Vec::new();
    for (i, p) in f.ty.params.iter().enumerate() {
        let Role::Length { slices } = &roles.of(i).role else {
            continue;
        };
        let name = &names[i];
        let raw = mapper.ty(&p.ty, Position::Value)?;
        let c_name = p.name.clone().unwrap_or_default();
        let c_type = cffi_frontend::render::c_type(m, &p.ty);
        let first = slices[0];
        let first_len = local(&format!("__cffi_len_{first}"));
        let first_name = f.ty.params[first].name.clone().unwrap_or_default();
        let checks = slices[1..].iter().map(|&s| {
            let len = local(&format!("__cffi_len_{s}"));
            let s_name = f.ty.params[s].name.clone().unwrap_or_default();
            quote!(__cffi::same_length((#first_name, #first_len), (#s_name, #len), #c_name);)
        });
        lengths.push(quote! {
            #(#checks)*
            let #name: #raw = __cffi::length::<#raw>(#first_len, #c_name, #c_type);
        });
    }

    // Slices whose length is an expression over parameters the caller passes.
    for (i, p) in f.ty.params.iter().enumerate() {
        let Role::Slice {
            len: SliceLen::Expr(count, text),
        } = &roles.of(i).role
        else {
            continue;
        };
        let count = &count.0;
        let len = local(&format!("__cffi_len_{i}"));
        let c_name = p.name.clone().unwrap_or_default();
        lengths.push(quote! {
            __cffi::expected_length(#c_name, #len, #count, #text);
        });
    }

    Ok(lengths)
}

/// What a method does around the call: statements before it, the arguments, and what it
/// returns (an expression of `__cffi_ret` and the out-parameters).
struct Call {
    prelude: Vec<TokenStream>,
    lengths: Vec<TokenStream>,
    args: Vec<TokenStream>,
    /// The C function's result type (`()` for `void`): a call through the table takes its
    /// function type from the arguments and this.
    ret_ty: TokenStream,
    result: TokenStream,
}

/// The body of a method: the function's address (returning `None` first if an `optional`
/// function is absent), the statements before the call, the call, the result. A method that
/// only passes its arguments is the call alone.
fn body(callee: &Callee, optional: bool, call: Call, has_outs: bool) -> TokenStream {
    let Call {
        prelude,
        lengths,
        args,
        ret_ty,
        result,
    } = call;
    let found = local("__cffi_fn");
    let ret = local("__cffi_ret");
    let (get_fn, function) = match callee {
        Callee::Table { address, .. } if optional => (
            quote!(let __cffi_Option::Some(#found) = #address else { return __cffi_Option::None; };),
            quote!(#found),
        ),
        Callee::Table { address, .. } => (TokenStream::new(), address.clone()),
        Callee::Linked(path) => (TokenStream::new(), path.clone()),
    };
    // SAFETY (of the call): the function is the declared one: resolved at load from a library
    // the `unsafe mod` vouches for (and alive as long as `self`), or checked against the C
    // source by the compiler; annotated pointers come from borrows that last through the call.
    let call = match callee {
        Callee::Table { fn_ty: None, .. } => quote!(__cffi_call(#function, (#(#args,)*))),
        Callee::Table {
            fn_ty: Some(fn_ty), ..
        } => quote! {
            ::core::mem::transmute::<*mut __cffi_c_void, #fn_ty>(#function)(#(#args),*)
        },
        Callee::Linked(_) => quote!(#function(#(#args),*)),
    };
    if !optional && !has_outs && prelude.is_empty() && lengths.is_empty() {
        return quote!(unsafe { #call });
    }
    quote! {
        #get_fn
        #(#prelude)*
        #(#lengths)*
        let #ret: #ret_ty = unsafe { #call };
        #result
    }
}

/// Generates `pub [unsafe] fn name(&self, ...) -> R { ... }` calling through `call_target`
/// (an expression of the function pointer type). It is safe only if `vouched` (the user's
/// `unsafe` covers it) and its parameters and result allow it.
/// What the methods of one owner share: the type mapper, and the `# Safety` section of an
/// `unsafe` method, made once (tokens cannot be kept from one expansion to the next).
pub struct Methods<'a> {
    pub mapper: Mapper<'a>,
    safety_doc: TokenStream,
    /// The first doc line of a method that would be safe if the module vouched for it.
    how_to_vouch: TokenStream,
    /// The first doc line of a method unsafe for its pointers or its other types.
    how_to_annotate: TokenStream,
}

impl<'a> Methods<'a> {
    pub fn new(mapper: Mapper<'a>, vouched: &crate::types::items::Vouched) -> Self {
        use crate::types::items::Vouched;
        // One attribute each, since one per line would cost tokens in every method of a big
        // header; `Lib`'s documentation says which methods are safe.
        let doc = |text: &str| {
            let text = crate::text::doc_text::doc_literal(text);
            quote!(#[doc = #text])
        };
        let how_to_vouch = match vouched {
            Vouched::Nothing => {
                "**Unsafe only because the module does not vouch for it**: declare the module `unsafe mod` (`pub unsafe mod name { ... }`; for an imported header, also name the function in `safe = \"...\"`) and this method becomes safe to call.\n"
            }
            _ => {
                "**Unsafe only because the module does not vouch for it**: name the function in the module's `safe = \"...\"` and this method becomes safe to call.\n"
            }
        };
        Methods {
            mapper,
            safety_doc: doc(
                "\n# Safety\n\nThe bindings cannot check what calling this function requires: each pointer passed must be valid for what the function reads and writes through it, for as long as it uses it, and the call must meet the function's own contract.",
            ),
            how_to_vouch: doc(how_to_vouch),
            how_to_annotate: doc(
                "**Unsafe: it passes or returns pointers (or values with forbidden bit patterns) the bindings cannot check.** Annotate its pointer parameters (`#[cffi(slice(p, n))]`, `#[cffi(one(p))]`, `#[cffi(out(p))]`) for a safe method of borrows, or call it in an `unsafe` block.\n",
            ),
        }
    }
}

pub fn method(
    methods: &Methods<'_>,
    f: &Function,
    callee: Callee,
    annotations: Option<&FnAnnotations>,
    doc: TokenStream,
    name_span: Span,
    vouched: bool,
) -> Result<Method, String> {
    let mapper = &methods.mapper;
    let m = mapper.m;
    let optional = annotations.is_some_and(|a| a.optional);
    let roles = Roles(annotations);
    let names: Vec<Ident> =
        f.ty.params
            .iter()
            .enumerate()
            .map(|(i, p)| match &p.name {
                Some(n) => ident(n, Span::call_site()),
                None => format_ident!("arg{}", i),
            })
            .collect();
    let Params {
        safe,
        inputs,
        prelude,
        args,
        outs,
        out_types,
    } = params(mapper, f, &roles, &names)?;
    let lengths = lengths(mapper, f, &roles, &names)?;
    let ret_void = matches!(m.resolve(&f.ty.ret).kind, TypeKind::Void);
    let ret_ty = if ret_void {
        quote!(())
    } else {
        mapper.ty(&f.ty.ret, Position::Return)?
    };
    // Safe if its shape allows it and the module vouches for it.
    let safe_shape =
        safe && (ret_void || mapper.is_scalar(&f.ty.ret) || mapper.is_plain(&f.ty.ret));
    let safe = safe_shape && vouched;
    let c_ret_ty = ret_ty.clone();
    let ret = local("__cffi_ret");
    let (result_ty, result) = match (ret_void, outs.len()) {
        (_, 0) => (ret_ty, quote!(#ret)),
        (true, 1) => (quote!(#(#out_types)*), quote!(#(#outs)*)),
        (true, _) => (quote!((#(#out_types),*)), quote!((#(#outs),*))),
        (false, _) => (
            quote!((#ret_ty, #(#out_types),*)),
            quote!((#ret, #(#outs),*)),
        ),
    };
    // `optional` is for functions of a loaded library, which may lack them.
    let optional = optional && matches!(callee, Callee::Table { .. });
    let (result_ty, result) = match optional {
        true => {
            let option = mapper.names.std("Option");
            (quote!(#option<#result_ty>), quote!(#option::Some(#result)))
        }
        false => (result_ty, result),
    };
    let call = Call {
        prelude,
        lengths,
        args,
        ret_ty: c_ret_ty,
        result,
    };
    let body = body(&callee, optional, call, !outs.is_empty());
    let method_name = ident(&f.name, name_span);
    // The first line of an `unsafe fn`'s documentation, which E0133 sends the user to, says
    // how to make it safe.
    let (unsafety, how_to_vouch, safety_doc) = match (safe, safe_shape) {
        (true, _) => (TokenStream::new(), TokenStream::new(), TokenStream::new()),
        (false, true) => (
            quote!(unsafe),
            methods.how_to_vouch.clone(),
            methods.safety_doc.clone(),
        ),
        (false, false) => (
            quote!(unsafe),
            methods.how_to_annotate.clone(),
            methods.safety_doc.clone(),
        ),
    };
    let tokens = quote! {
        #how_to_vouch
        #doc
        #safety_doc
        #[inline]
        pub #unsafety fn #method_name(&self, #(#inputs),*) -> #result_ty { #body }
    };
    Ok(Method { tokens })
}
