//! Records stored as bytes: those Rust cannot lay out itself (bit-fields, per-field
//! alignment), laid out by the engine for each data model. Fields are read and written through
//! methods that never make a value Rust forbids; [`crate::types::measured`] uses the same
//! methods for records only the C compiler can measure.

use cffi_frontend::layout::record_layout;
use cffi_frontend::{Module, RecordId, TypeKind};
use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;

use crate::rust_model::names::{Names, ident};
use crate::rust_model::rust_types::{Mapper, sized_int};
use crate::text::doc_text::docs;
use crate::types::items::Generator;

impl Generator<'_> {
    /// A record Rust cannot lay out itself (bit-fields, per-field alignment): bytes of the
    /// right size and alignment for each target, with a getter and setter per field.
    pub(crate) fn byte_record(&mut self, id: RecordId) -> TokenStream {
        let name = self.names.record(id);
        let r = self.m.record(id);
        let doc = docs(&r.doc, Some("Fields are read and written through methods: Rust cannot lay out this C type itself.".into()));
        // Not laid out for the target the module is for (a member whose layout the engine
        // does not model): an error, or in an import, left out as a value.
        if let Err(e) = record_layout(self.m, id) {
            self.error(r.span.clone(), e.at(r.span.clone()).message);
            return crate::types::items::opaque(&doc, &name);
        }
        let mut out = TokenStream::new();
        // A field without a Rust type gets no accessors: that is an error, said once here.
        let problems: Vec<_> = r
            .fields
            .iter()
            .flatten()
            .filter_map(|f| Some((f.span.clone(), self.mapper().member(&f.ty).err()?)))
            .collect();
        for (span, why) in problems {
            self.error(span, format!("unsupported field type: {why}; declare the field through a pointer, or as bytes"));
        }
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
        for (layout, m, cfg) in crate::rust_model::targets::grouped(keyed) {
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
                        accessors.extend(flattened_in_bytes(&mapper, self.names, f, l, size));
                        format!("__anon{anon}")
                    }
                };
                // Reported above, once for every target.
                let Ok(ty) = mapper.member(&f.ty) else {
                    continue;
                };
                let offset = l.offset_bits as usize;
                match f.bit_width {
                    Some(width) => {
                        accessors.extend(bit_field_accessors(m, f, &fname, &ty, (offset, width)));
                    }
                    None => accessors.extend(field_accessors(
                        &fname,
                        &ty,
                        Place::in_bytes(offset / 8, size),
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
                __cffi::zeroable!(unsafe #name);
            });
        }
        out
    }
}

/// A getter and a setter for bit-field `fname` (`f`, of Rust type `ty`), `width` bits at bit
/// `offset`. Nothing for a bit-field of a type Rust has no integer for.
fn bit_field_accessors(
    m: &Module,
    f: &cffi_frontend::Field,
    fname: &str,
    ty: &TokenStream,
    (offset, width): (usize, u32),
) -> TokenStream {
    let width = width as usize;
    let getter = ident(fname, Span::call_site());
    let setter = crate::rust_model::names::derived("set_{}", fname);
    let (signed, wrap_in, unwrap_out) = match &m.resolve(&f.ty).kind {
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
        _ => return TokenStream::new(),
    };
    quote! {
        #[doc = concat!("Bit-field `", #fname, "`.")]
        pub fn #getter(&self) -> #ty {
            let v = __cffi::read_bits(&self.__cffi_bytes, #offset, #width, #signed);
            #wrap_in
        }
        #[doc = concat!("Sets bit-field `", #fname, "`, keeping its low bits as C does.")]
        pub fn #setter(&mut self, value: #ty) {
            __cffi::write_bits(&mut self.__cffi_bytes, #offset, #width, #unwrap_out);
        }
    }
}

/// Accessors for the fields of anonymous member `f` of a record stored as bytes, as the
/// record's own (C's `p.a` for `struct p { union { int a; }; ... }`). Bit-fields inside are
/// left to the member's own accessors.
fn flattened_in_bytes(
    mapper: &Mapper<'_>,
    names: &Names,
    f: &cffi_frontend::Field,
    at: &cffi_frontend::layout::FieldLayout,
    size: usize,
) -> TokenStream {
    let m = mapper.m;
    let mut out = TokenStream::new();
    let TypeKind::Record(inner) = m.resolve(&f.ty).kind else {
        return out;
    };
    let Ok(offsets) = cffi_frontend::layout::flat_fields(m, inner) else {
        return out;
    };
    let fields = crate::rust_model::names::flat_named_fields(m, inner);
    for (g, (name, bits, width)) in fields.into_iter().zip(offsets) {
        if width.is_some() || g.bit_width.is_some() || g.name.as_deref() != Some(name.as_str()) {
            continue;
        }
        let Ok(ty) = mapper.member(&g.ty) else {
            continue;
        };
        let byte = ((at.offset_bits + bits) / 8) as usize;
        let read = read_kind(m, names, &g.ty);
        out.extend(field_accessors(
            &name,
            &ty,
            Place::in_bytes(byte, size),
            read,
        ));
    }
    out
}

/// How a field of a record stored as bytes may be read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Read {
    /// Every bit pattern is a valid value: a plain read.
    Any,
    /// `_Bool`: the byte compared with zero, as C reads it.
    Bool,
    /// A type with invalid bit patterns inside (an array or struct holding `_Bool`): only
    /// the caller can vouch for the bytes.
    Vouched,
}

pub(crate) fn read_kind(m: &Module, names: &Names, ty: &cffi_frontend::Type) -> Read {
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

/// Where a field's bytes are: an offset into the record, and the record's size.
pub(crate) struct Place {
    /// `*const u8` to the record's first byte, from `&self`.
    base: TokenStream,
    /// `*mut u8` to the record's first byte, from `&mut self`.
    base_mut: TokenStream,
    byte: TokenStream,
    size: TokenStream,
}

impl Place {
    /// A field of a record stored as bytes, `byte` bytes into its `size`.
    pub(crate) fn in_bytes(byte: usize, size: usize) -> Place {
        Place {
            base: quote!(self.__cffi_bytes.as_ptr()),
            base_mut: quote!(self.__cffi_bytes.as_mut_ptr()),
            byte: quote!(#byte),
            size: quote!(#size),
        }
    }

    /// A field of a record Rust lays out, at constant offset `byte` (an expression).
    pub(crate) fn in_record(byte: TokenStream) -> Place {
        Place {
            base: quote!((self as *const Self).cast::<u8>()),
            base_mut: quote!((self as *mut Self).cast::<u8>()),
            byte,
            size: quote!(::core::mem::size_of::<Self>()),
        }
    }
}

/// A getter and a setter for a field read and written as bytes. A getter never makes a
/// value Rust forbids from bytes C (or another field of a union) wrote. A field that would
/// not fit in its record (which the C compiler's checks rule out) fails to compile rather
/// than read past the record.
pub(crate) fn field_accessors(fname: &str, ty: &TokenStream, at: Place, read: Read) -> TokenStream {
    let getter = ident(fname, Span::call_site());
    let setter = crate::rust_model::names::derived("set_{}", fname);
    let offset = crate::rust_model::names::derived("offset_of_{}", fname);
    let Place {
        base,
        base_mut,
        byte,
        size,
    } = at;
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
                // SAFETY: the field lies inside the record, and every bit pattern is a valid
                // value of its type.
                unsafe { #base.add(#byte).cast::<#ty>().read_unaligned() }
            }
        },
        Read::Bool => quote! {
            #[doc = concat!("Field `", #fname, "`: C's `_Bool`, true for any byte but zero.")]
            pub fn #getter(&self) -> bool {
                #fits;
                // SAFETY: the byte lies inside the record, and any byte is a valid `u8`.
                unsafe { #base.add(#byte).read() != 0 }
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
                // SAFETY: the field lies inside the record; the caller vouches for them.
                unsafe { #base.add(#byte).cast::<#ty>().read_unaligned() }
            }
        },
    };
    quote! {
        #get
        #[doc = concat!("The offset of field `", #fname, "` in bytes: C's `offsetof` (Rust's `offset_of!` cannot see fields read through methods).")]
        pub const fn #offset() -> usize {
            #byte
        }
        #[doc = concat!("Sets field `", #fname, "`.")]
        pub fn #setter(&mut self, value: #ty) {
            #fits;
            // SAFETY: the field lies inside the record.
            unsafe { #base_mut.add(#byte).cast::<#ty>().write_unaligned(value) }
        }
    }
}
