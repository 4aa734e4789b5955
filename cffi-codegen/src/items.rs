//! Types and constants: the part of a module both back ends generate the same way.

use cffi_frontend::layout::record_layout;
use cffi_frontend::{
    ConstValue, EnumId, FloatKind, Item, Module, RecordId, RecordKind, TypeKind, TypedefId,
};
use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;

use crate::ctext::CText;
use crate::diag::{self, Errors};
use crate::names::{Names, anon_field, ident};
use crate::probe::{self, Probes};
use crate::repr::Repr;
use crate::rust_types::{Mapper, Position, sized_int};
use crate::targets;
use std::rc::Rc;

pub fn docs(doc: &Option<String>, extra: Option<String>) -> TokenStream {
    let lines = doc
        .iter()
        .flat_map(|d| d.lines())
        .map(|l| format!(" {l}"))
        .chain(extra.map(|e| format!(" {e}")));
    quote!(#(#[doc = #lines])*)
}

pub struct Generator<'a> {
    pub m: &'a Module,
    pub names: &'a Names,
    pub ctext: &'a CText,
    pub errors: &'a mut Errors,
    /// API mode: what the C compiler said about the module's `...`.
    pub probes: Option<&'a Probes>,
    /// The module as laid out for each target that layouts are checked for, made once.
    per_target: Option<Rc<Vec<(Module, TokenStream)>>>,
    /// For imported headers: what cannot be bound is noted here instead of being an error.
    pub skips: Option<Vec<String>>,
    /// Which functions the user vouched are safe to call.
    pub vouched: Vouched,
}

/// Which functions a user-written `unsafe` vouches for. The bindings make a function safe
/// only if its shape allows it (scalars, or annotated pointers) and the user vouched for it:
/// the C compiler proving a declaration right does not make calling it safe (`close(fd)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Vouched {
    /// No `unsafe` on the module: every method is an `unsafe fn`.
    Nothing,
    /// `unsafe mod` over hand-written declarations: each one the user wrote.
    All,
    /// `unsafe mod` with `safe = "cos|sin"` over an imported header: the functions named.
    Named(String),
}

impl Vouched {
    pub fn covers(&self, name: &str) -> bool {
        match self {
            Vouched::Nothing => false,
            Vouched::All => true,
            Vouched::Named(pattern) => crate::import::matches(pattern, name),
        }
    }
}

impl<'a> Generator<'a> {
    pub fn new(
        m: &'a Module,
        names: &'a Names,
        ctext: &'a CText,
        errors: &'a mut Errors,
        probes: Option<&'a Probes>,
    ) -> Generator<'a> {
        Generator {
            m,
            names,
            ctext,
            errors,
            probes,
            per_target: None,
            skips: None,
            vouched: Vouched::Nothing,
        }
    }

    /// The module with each checked target's data model, with the `cfg` that selects it.
    fn per_target(&mut self) -> Rc<Vec<(Module, TokenStream)>> {
        let m = self.m;
        self.per_target
            .get_or_insert_with(|| {
                Rc::new(
                    targets::all()
                        .into_iter()
                        .map(|(target, cfg)| {
                            let mut copy = m.clone();
                            copy.target = target;
                            (copy, cfg)
                        })
                        .collect(),
                )
            })
            .clone()
    }

    fn mapper(&self) -> Mapper<'_> {
        Mapper {
            m: self.m,
            names: self.names,
        }
    }

    pub fn error(&mut self, span: std::ops::Range<usize>, message: impl std::fmt::Display) {
        if let Some(skips) = &mut self.skips {
            skips.push(message.to_string());
            return;
        }
        let e = diag::at(self.ctext, span, message);
        self.errors.push(e);
    }

    /// Every type and constant of the module.
    pub fn types_and_constants(&mut self) -> TokenStream {
        let mut out = TokenStream::new();
        let mut checks = Vec::new();
        for item in self.m.items.clone() {
            match item {
                Item::Record(id) => {
                    let (def, check) = self.record(id);
                    out.extend(def);
                    checks.extend(check);
                }
                Item::Enum(id) => out.extend(self.enumeration(id)),
                Item::Typedef(id) => out.extend(self.typedef(id)),
                Item::Const(i) => out.extend(self.constant(i)),
                Item::Function(_) | Item::Var(_) => {}
            }
        }
        out.extend(self.layout_assertions(checks));
        out
    }

    fn record(&mut self, id: RecordId) -> (TokenStream, Vec<RecordId>) {
        let r = self.m.record(id);
        let name = self.names.record(id);
        let doc = docs(&r.doc, None);
        let Some(fields) = &r.fields else {
            // Opaque: usable only through pointers.
            return (
                quote! {
                    #doc
                    #[repr(C)]
                    pub struct #name {
                        _opaque: [u8; 0],
                        _not_send_sync_unpin: ::core::marker::PhantomData<(*mut u8, ::core::marker::PhantomPinned)>,
                    }
                },
                vec![],
            );
        };
        let depth = self.names.reprs.depth(id);
        if depth > crate::repr::MAX_RECORD_DEPTH {
            // One error, on the outermost record: the ones it holds fail with it.
            if self.names.reprs.is_held(id) {
                return (TokenStream::new(), vec![]);
            }
            self.error(
                r.span.clone(),
                format!(
                    "`{name}` nests {depth} records by value; Rust's compiler stops at its recursion limit past about {}: hold the inner records through pointers",
                    crate::repr::MAX_RECORD_DEPTH
                ),
            );
            return (TokenStream::new(), vec![]);
        }
        match self.names.reprs.of(id) {
            Repr::Measured => {
                if let Some(p) = self.probes {
                    return (self.probed_record(id, p), vec![]);
                }
                let why = if r.partial {
                    "has `...`"
                } else {
                    "holds a record, array or type that only the C compiler can size"
                };
                self.error(
                    r.span.clone(),
                    format!(
                        "`{name}` {why}: its layout is only known to the C compiler; use API mode"
                    ),
                );
                return (TokenStream::new(), vec![]);
            }
            Repr::Bytes => return (self.byte_record(id), vec![]),
            Repr::Fields | Repr::Opaque => {}
        }
        if let Err(e) = record_layout(self.m, id) {
            let e = e.at(r.span.clone());
            self.error(r.span.clone(), e.message);
            return (TokenStream::new(), vec![]);
        }
        let mapper = self.mapper();
        let mut rust_fields = Vec::new();
        let mut problems = Vec::new();
        let mut anon = 0;
        for f in fields {
            let fname = match &f.name {
                Some(n) => ident(n, Span::call_site()),
                None => {
                    anon += 1;
                    anon_field(anon)
                }
            };
            match mapper.ty(&f.ty, Position::Value) {
                Ok(t) => rust_fields.push(quote!(pub #fname: #t)),
                Err(why) => problems.push((f.span.clone(), why)),
            }
        }
        for (span, why) in problems {
            self.error(span, format!("unsupported field type: {why}; declare the field through a pointer, or as bytes"));
        }
        let mut repr = vec![quote!(C)];
        if r.packed {
            repr.push(quote!(packed));
        } else if let Some(n) = r.max_field_align {
            let n = Literal::u64_unsuffixed(n);
            repr.push(quote!(packed(#n)));
        }
        if let Some(a) = r.aligned {
            let a = Literal::u64_unsuffixed(a);
            repr.push(quote!(align(#a)));
        }
        let keyword = match r.kind {
            RecordKind::Struct => quote!(struct),
            RecordKind::Union => quote!(union),
        };
        let def = quote! {
            #doc
            #[repr(#(#repr),*)]
            #[derive(Clone, Copy)]
            pub #keyword #name { #(#rust_fields,)* }

            // SAFETY: every field type of a generated record is valid when all zero.
            unsafe impl ::cffi_core::ffi::CType for #name {}

            impl ::core::default::Default for #name {
                /// All bytes zero, as C's `= {0}`.
                fn default() -> Self {
                    // SAFETY: every field type of a generated record is valid when all zero.
                    unsafe { ::core::mem::zeroed() }
                }
            }
        };
        (def, vec![id])
    }

    /// A record Rust cannot lay out itself (bit-fields, per-field alignment): bytes of the
    /// right size and alignment for each target, with a getter and setter per field.
    fn byte_record(&mut self, id: RecordId) -> TokenStream {
        let name = self.names.record(id);
        let r = self.m.record(id);
        let doc = docs(&r.doc, Some("Fields are read and written through methods: Rust cannot lay out this C type itself.".into()));
        let mut out = TokenStream::new();
        let per_target = self.per_target();
        // Targets that lay the record out alike share one definition.
        let keyed = per_target
            .iter()
            .map(|(m, cfg)| {
                let layout = if m.target.triple().starts_with("s390x") {
                    Err(format!(
                        "bit-fields of `{name}` are not supported on big-endian targets"
                    ))
                } else {
                    record_layout(m, id).map_err(|e| format!("{}", e.at(r.span.clone())))
                };
                (layout, m, cfg.clone())
            })
            .collect();
        for (layout, m, cfg) in crate::targets::grouped(keyed) {
            let layout = match layout {
                Ok(l) => l,
                Err(msg) => {
                    out.extend(quote!(#[cfg(#cfg)] compile_error!(#msg);));
                    continue;
                }
            };
            let size = layout.size as usize;
            let align = Literal::u64_unsuffixed(layout.align);
            let mapper = Mapper {
                m,
                names: self.names,
            };
            let mut accessors = TokenStream::new();
            let mut anon = 0;
            for (f, l) in r
                .fields
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .zip(&layout.fields)
            {
                let fname = match &f.name {
                    Some(n) => n.clone(),
                    None if f.bit_width.is_some() => continue,
                    None => {
                        anon += 1;
                        format!("__anon{anon}")
                    }
                };
                let getter = ident(&fname, Span::call_site());
                let setter = crate::names::derived("set_{}", &fname);
                let ty = match mapper.ty(&f.ty, Position::Value) {
                    Ok(t) => t,
                    Err(_) => continue,
                };
                let offset = l.offset_bits as usize;
                match f.bit_width {
                    Some(width) => {
                        let width = width as usize;
                        let resolved = m.resolve(&f.ty);
                        let (signed, wrap_in, unwrap_out) = match &resolved.kind {
                            TypeKind::Enum(e) => {
                                let k = m.enum_(*e).int_kind(&m.target);
                                let repr = sized_int(k, m);
                                (
                                    k.is_signed(&m.target),
                                    quote!(#ty(v as #repr)),
                                    quote!(value.0 as i128),
                                )
                            }
                            TypeKind::Int(cffi_frontend::IntKind::Bool) => {
                                (false, quote!(v != 0), quote!(value as i128))
                            }
                            TypeKind::Int(k) => (
                                k.is_signed(&m.target),
                                quote!(v as #ty),
                                quote!(value as i128),
                            ),
                            _ => continue,
                        };
                        accessors.extend(quote! {
                            #[doc = concat!("Bit-field `", #fname, "`.")]
                            pub fn #getter(&self) -> #ty {
                                let v = __cffi::read_bits(&self.__cffi_bytes, #offset, #width, #signed);
                                #wrap_in
                            }
                            #[doc = concat!("Sets bit-field `", #fname, "`, keeping its low bits as C does.")]
                            pub fn #setter(&mut self, value: #ty) {
                                __cffi::write_bits(&mut self.__cffi_bytes, #offset, #width, #unwrap_out);
                            }
                        });
                    }
                    None => accessors.extend(field_accessors(
                        &fname,
                        &ty,
                        (offset / 8, size),
                        read_kind(m, self.names, &f.ty),
                    )),
                }
            }
            out.extend(quote! {
                #[cfg(#cfg)]
                #doc
                #[repr(C, align(#align))]
                #[derive(Clone, Copy)]
                pub struct #name { __cffi_bytes: [u8; #size] }

                #[cfg(#cfg)]
                impl #name { #accessors }

                #[cfg(#cfg)]
                // SAFETY: bytes are valid when zero.
                unsafe impl ::cffi_core::ffi::CType for #name {}

                #[cfg(#cfg)]
                impl ::core::default::Default for #name {
                    fn default() -> Self { #name { __cffi_bytes: [0; #size] } }
                }
            });
        }
        out
    }

    /// A partial struct (`struct tm { int tm_sec; ...; }`, API mode): bytes of the size and
    /// alignment the C compiler gives it, with a getter and setter for each declared field at
    /// the offset the compiler gives.
    fn probed_record(&mut self, id: RecordId, probes: &Probes) -> TokenStream {
        let name = self.names.record(id);
        let r = self.m.record(id);
        let Some(c_name) = self.names.c_records[id.0 as usize].clone() else {
            self.error(
                r.span.clone(),
                "a partial struct needs a tag or a typedef name for the C compiler to measure it",
            );
            return TokenStream::new();
        };
        let (Some(size), Some(align)) = (
            probes.get(&format!("size:{c_name}")),
            probes.get(&format!("align:{c_name}")),
        ) else {
            self.error(r.span.clone(), format!("the build script gave no layout for `{c_name}`; is `cffi_build::compile()` in build.rs?"));
            return TokenStream::new();
        };
        let (size, align) = (size as usize, Literal::u64_unsuffixed(align));
        let mapper = self.mapper();
        let mut accessors = TokenStream::new();
        let mut problems = Vec::new();
        for f in crate::names::flat_named_fields(self.m, id) {
            let Some(fname) = &f.name else { continue };
            if f.bit_width.is_some() {
                problems.push((f.span.clone(), format!("bit-field `{fname}` in a partial struct is not supported; declare the fields around it")));
                continue;
            }
            let ty = match mapper.ty(&f.ty, Position::Value) {
                Ok(t) => t,
                Err(why) => {
                    problems.push((f.span.clone(), format!("unsupported field type: {why}")));
                    continue;
                }
            };
            let Some(offset) = probes.get(&format!("offset:{c_name}:{fname}")) else {
                problems.push((f.span.clone(), format!("the build script gave no offset for `{fname}` of `{c_name}`; rebuild so that `cffi_build::compile()` measures it")));
                continue;
            };
            accessors.extend(field_accessors(
                fname,
                &ty,
                (offset as usize, size),
                read_kind(self.m, self.names, &f.ty),
            ));
        }
        for (span, why) in problems {
            self.error(span, why);
        }
        let doc = docs(&r.doc, Some("Laid out by the C compiler (the declaration ends with `...`): fields are read and written through methods.".into()));
        quote! {
            #doc
            #[repr(C, align(#align))]
            #[derive(Clone, Copy)]
            pub struct #name { __cffi_bytes: [u8; #size] }

            impl #name { #accessors }

            // SAFETY: bytes are valid when zero.
            unsafe impl ::cffi_core::ffi::CType for #name {}

            impl ::core::default::Default for #name {
                fn default() -> Self { #name { __cffi_bytes: [0; #size] } }
            }
        }
    }

    /// `const` assertions that Rust laid each record out as the C compiler does, once per
    /// group of targets that lay every record out alike (one data model, one block).
    fn layout_assertions(&mut self, ids: Vec<RecordId>) -> TokenStream {
        if ids.is_empty() {
            return TokenStream::new();
        }
        let keyed: Vec<(Vec<Option<RecordNumbers>>, (), TokenStream)> = self
            .per_target()
            .iter()
            .map(|(m, cfg)| {
                let numbers = ids.iter().map(|&id| record_numbers(m, id)).collect();
                (numbers, (), cfg.clone())
            })
            .collect();
        let mut out = TokenStream::new();
        for (numbers, (), cfg) in crate::targets::grouped(keyed) {
            let mut checks = Vec::new();
            for (&id, n) in ids.iter().zip(&numbers) {
                let Some(n) = n else { continue };
                let name = self.names.record(id);
                let what = format!("layout of `{name}` differs from C's");
                let (size, align) = (n.size, n.align);
                checks.push(quote!(__cffi::check_layout::<#name>(#size, #align, #what);));
                if n.offsets.is_empty() {
                    continue;
                }
                let fields = self.field_idents(id);
                let offsets = &n.offsets;
                let what = format!("field offsets of `{name}` differ from C's");
                checks.push(quote! {
                    __cffi::check_offsets(&[#(__cffi::offset_of!(#name, #fields)),*], &[#(#offsets),*], #what);
                });
            }
            out.extend(quote!(#[cfg(#cfg)] const _: () = { #(#checks)* };));
        }
        out
    }

    /// The Rust field names of a `#[repr(C)]` record, in order.
    fn field_idents(&self, id: RecordId) -> Vec<proc_macro2::Ident> {
        let mut anon = 0;
        self.m
            .record(id)
            .fields
            .iter()
            .flatten()
            .map(|f| match &f.name {
                Some(n) => ident(n, Span::call_site()),
                None => {
                    anon += 1;
                    anon_field(anon)
                }
            })
            .collect()
    }

    fn enumeration(&mut self, id: EnumId) -> TokenStream {
        let e = self.m.enum_(id);
        let variants = e.variants.as_deref().unwrap_or(&[]);
        let kind = e.int_kind(&self.m.target);
        let repr = sized_int(kind, self.m);
        let Some(name) = &self.names.enums[id.0 as usize] else {
            // `enum { A, B };`: the constants are plain `int`s, as in C.
            let consts = variants.iter().map(|v| {
                let n = ident(&v.name, Span::call_site());
                let value = Literal::i128_unsuffixed(v.value);
                quote!(pub const #n: __cffi::c_int = #value as __cffi::c_int;)
            });
            return quote!(#(#consts)*);
        };
        let mut values: Vec<i128> = variants.iter().map(|v| v.value).collect();
        let mut repr = repr;
        if e.partial {
            let c_name = match &e.tag {
                Some(tag) => format!("enum {tag}"),
                None => name.clone(),
            };
            let probed = self.probes.and_then(|p| {
                let size = p.get(&format!("size:{c_name}"))?;
                let signed = p.get(&format!("signed:{c_name}"))? != 0;
                let vals = variants
                    .iter()
                    .map(|v| {
                        let raw = p.get(&format!("enumerator:{}", v.name))?;
                        Some(if signed {
                            raw as i64 as i128
                        } else {
                            raw as i128
                        })
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some((crate::rust_types::int_of_size(size, signed)?, vals))
            });
            match probed {
                Some((t, vals)) => {
                    repr = t;
                    values = vals;
                }
                None => self.error(e.span.clone(), format!("`enum {name}` has `...`: its values are only known to the C compiler; use API mode")),
            }
        }
        let name = ident(name, Span::call_site());
        let doc = docs(
            &e.doc,
            Some("A C enum: any value of the underlying integer is valid, named or not.".into()),
        );
        let assoc = variants.iter().zip(&values).map(|(v, &value)| {
            let n = ident(&v.name, Span::call_site());
            let value = Literal::i128_unsuffixed(value);
            quote!(pub const #n: #name = #name(#value as #repr);)
        });
        let top = variants.iter().map(|v| {
            let n = ident(&v.name, Span::call_site());
            quote!(pub const #n: #name = #name::#n;)
        });
        let debug_arms = variants.iter().map(|v| {
            let n = ident(&v.name, Span::call_site());
            let text = v.name.as_str();
            quote!(#name::#n => f.write_str(#text),)
        });
        let name_text = name.to_string();
        quote! {
            #doc
            #[repr(transparent)]
            #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
            pub struct #name(pub #repr);

            // SAFETY: an integer is valid when zero.
            unsafe impl ::cffi_core::ffi::CType for #name {}

            #[allow(non_upper_case_globals)]
            impl #name { #(#assoc)* }

            #(#top)*

            impl ::core::fmt::Debug for #name {
                #[allow(unreachable_patterns)]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match *self {
                        #(#debug_arms)*
                        _ => write!(f, "{}({})", #name_text, self.0),
                    }
                }
            }
        }
    }

    fn typedef(&mut self, id: TypedefId) -> TokenStream {
        let td = self.m.typedef(id);
        // `typedef struct { ... } name;` and `typedef struct name name;` already named the type.
        match &td.ty.kind {
            TypeKind::Record(r) if self.names.records[r.0 as usize] == td.name => {
                return TokenStream::new();
            }
            TypeKind::Enum(e)
                if self.names.enums[e.0 as usize].as_deref() == Some(td.name.as_str()) =>
            {
                return TokenStream::new();
            }
            _ => {}
        }
        let name = ident(&td.name, Span::call_site());
        let doc = docs(&td.doc, None);
        if let (
            TypeKind::Unknown(
                kind @ (cffi_frontend::UnknownKind::Int | cffi_frontend::UnknownKind::Float),
            ),
            Some(p),
        ) = (&td.ty.kind, self.probes)
        {
            return match probe::unknown_typedef(p, &td.name, *kind) {
                Some(t) => quote!(#doc pub type #name = #t;),
                None => {
                    self.error(
                        td.span.clone(),
                        format!(
                            "the build script gave no size for `{}` that Rust has a type for",
                            td.name
                        ),
                    );
                    TokenStream::new()
                }
            };
        }
        match self.mapper().ty(&td.ty, Position::Pointee) {
            Ok(t) => quote!(#doc pub type #name = #t;),
            Err(why) => {
                self.error(
                    td.span.clone(),
                    format!("unsupported type in `typedef {}`: {why}", td.name),
                );
                TokenStream::new()
            }
        }
    }

    fn constant(&mut self, i: usize) -> TokenStream {
        let c = &self.m.consts[i];
        let name = ident(&c.name, Span::call_site());
        let doc = docs(&c.doc, None);
        match &c.value {
            ConstValue::Int { value, kind } => {
                let t = crate::rust_types::int(*kind);
                let v = Literal::i128_unsuffixed(*value);
                quote!(#doc pub const #name: #t = #v;)
            }
            ConstValue::Float { value, kind } => {
                let t = if *kind == FloatKind::Float {
                    quote!(f32)
                } else {
                    quote!(f64)
                };
                if !matches!(kind, FloatKind::Float | FloatKind::Double) {
                    self.error(
                        c.span.clone(),
                        format!(
                            "`#define {}` is a `{}`, which has no Rust counterpart",
                            c.name,
                            kind.c_name()
                        ),
                    );
                    return TokenStream::new();
                }
                let v = if value.is_finite() {
                    let l = Literal::f64_unsuffixed(*value);
                    quote!(#l)
                } else if value.is_nan() {
                    quote!(#t::NAN)
                } else if *value > 0.0 {
                    quote!(#t::INFINITY)
                } else {
                    quote!(#t::NEG_INFINITY)
                };
                quote!(#doc pub const #name: #t = #v;)
            }
            ConstValue::Str(bytes) => match std::ffi::CString::new(bytes.clone()) {
                Ok(s) => {
                    let lit = Literal::c_string(&s);
                    quote!(#doc pub const #name: &__cffi::CStr = #lit;)
                }
                Err(_) => {
                    let lit = Literal::byte_string(bytes);
                    quote!(#doc pub const #name: &[u8] = #lit;)
                }
            },
            ConstValue::FromCompiler => {
                let probed = self.probes.and_then(|p| {
                    Some((
                        p.get(&format!("define:{}", c.name))?,
                        p.get(&format!("negative:{}", c.name))? != 0,
                    ))
                });
                match probed {
                    // The value's C type is the compiler's; Rust gets it as a 64-bit integer.
                    Some((v, true)) => {
                        let v = Literal::i64_unsuffixed(v as i64);
                        quote!(#doc pub const #name: i64 = #v;)
                    }
                    Some((v, false)) => {
                        let v = Literal::u64_unsuffixed(v);
                        quote!(#doc pub const #name: u64 = #v;)
                    }
                    None => {
                        self.error(
                            c.span.clone(),
                            format!("`#define {} ...` takes its value from the C compiler; use API mode", c.name),
                        );
                        TokenStream::new()
                    }
                }
            }
        }
    }
}

/// How a field of a record stored as bytes may be read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Every bit pattern is a valid value: a plain read.
    Any,
    /// `_Bool`: the byte compared with zero, as C reads it.
    Bool,
    /// A type with invalid bit patterns inside (an array or struct holding `_Bool`): only
    /// the caller can vouch for the bytes.
    Vouched,
}

fn read_kind(m: &Module, names: &Names, ty: &cffi_frontend::Type) -> Read {
    if matches!(
        m.resolve(ty).kind,
        TypeKind::Int(cffi_frontend::IntKind::Bool)
    ) {
        Read::Bool
    } else if names.reprs.all_bits_valid(m, ty) {
        Read::Any
    } else {
        Read::Vouched
    }
}

/// A getter and a setter for a field of a record stored as bytes. A getter never makes a
/// value Rust forbids from bytes C (or another field of a union) wrote.
/// `at` is the field's byte offset and the record's size: a field that would not fit (which
/// the C compiler's checks rule out) fails to compile rather than read past the bytes.
fn field_accessors(fname: &str, ty: &TokenStream, at: (usize, usize), read: Read) -> TokenStream {
    let getter = ident(fname, Span::call_site());
    let setter = crate::names::derived("set_{}", fname);
    let (byte, size) = at;
    let fits = quote!(
        const {
            assert!(#byte + ::core::mem::size_of::<#ty>() <= #size, "a field lies past the end of its record")
        }
    );
    let get = match read {
        Read::Any => quote! {
            #[doc = concat!("Field `", #fname, "`.")]
            pub fn #getter(&self) -> #ty {
                #fits;
                // SAFETY: the field lies inside the bytes, and every bit pattern is a valid
                // value of its type.
                unsafe { self.__cffi_bytes.as_ptr().add(#byte).cast::<#ty>().read_unaligned() }
            }
        },
        Read::Bool => quote! {
            #[doc = concat!("Field `", #fname, "`: C's `_Bool`, true for any byte but zero.")]
            pub fn #getter(&self) -> bool {
                self.__cffi_bytes[#byte] != 0
            }
        },
        Read::Vouched => quote! {
            #[doc = concat!("Field `", #fname, "`.")]
            ///
            /// # Safety
            ///
            /// Each `_Bool` inside the field must hold 0 or 1: the bytes may have been
            /// written through another field or by C.
            pub unsafe fn #getter(&self) -> #ty {
                #fits;
                // SAFETY: the field lies inside the bytes; the caller vouches for them.
                unsafe { self.__cffi_bytes.as_ptr().add(#byte).cast::<#ty>().read_unaligned() }
            }
        },
    };
    quote! {
        #get
        #[doc = concat!("Sets field `", #fname, "`.")]
        pub fn #setter(&mut self, value: #ty) {
            #fits;
            // SAFETY: the field lies inside the bytes.
            unsafe { self.__cffi_bytes.as_mut_ptr().add(#byte).cast::<#ty>().write_unaligned(value) }
        }
    }
}

/// The numbers a `#[repr(C)]` record must match on one target: size, alignment, and (for a
/// struct) each field's byte offset.
#[derive(PartialEq)]
struct RecordNumbers {
    size: usize,
    align: usize,
    offsets: Vec<usize>,
}

fn record_numbers(m: &Module, id: RecordId) -> Option<RecordNumbers> {
    let l = record_layout(m, id).ok()?;
    let offsets = if m.record(id).kind == RecordKind::Union {
        Vec::new()
    } else {
        l.fields
            .iter()
            .map(|f| (f.offset_bits / 8) as usize)
            .collect()
    };
    Some(RecordNumbers {
        size: l.size as usize,
        align: l.align as usize,
        offsets,
    })
}
