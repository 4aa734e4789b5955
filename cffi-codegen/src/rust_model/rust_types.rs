//! C types as Rust types. Shared by everything that emits a type.

use cffi_frontend::{ArrayLen, FloatKind, FnType, IntKind, Module, Type, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

use crate::rust_model::names::{Names, ident};

/// Where a type stands, which decides how `void` and arrays read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A field, parameter or global.
    Value,
    Return,
    /// Behind a pointer.
    Pointee,
}

pub struct Mapper<'a> {
    pub m: &'a Module,
    pub names: &'a Names,
}

/// The Rust type of C integer type `k`, with the names of `names` ([`Names::std`]).
pub fn int(k: IntKind, names: &Names) -> TokenStream {
    use IntKind::*;
    let std = |name: &str| {
        let name = names.std(name);
        quote!(#name)
    };
    match k {
        Bool => quote!(bool),
        Char => std("c_char"),
        SChar => std("c_schar"),
        UChar => std("c_uchar"),
        Short => std("c_short"),
        UShort => std("c_ushort"),
        Int => std("c_int"),
        UInt => std("c_uint"),
        Long => std("c_long"),
        ULong => std("c_ulong"),
        LongLong => std("c_longlong"),
        ULongLong => std("c_ulonglong"),
        Int128 => quote!(i128),
        UInt128 => quote!(u128),
        Int8 => quote!(i8),
        UInt8 => quote!(u8),
        Int16 => quote!(i16),
        UInt16 => quote!(u16),
        Int32 => quote!(i32),
        UInt32 => quote!(u32),
        Int64 | IntMax => quote!(i64),
        UInt64 | UIntMax => quote!(u64),
        Size | UIntPtr => quote!(usize),
        SSize | PtrDiff | IntPtr => quote!(isize),
        WChar => std("c_wchar"),
        Char16 => quote!(u16),
        Char32 => quote!(u32),
    }
}

/// A Rust integer type of the same size and signedness, for enums' representations.
pub fn sized_int(k: IntKind, m: &Module) -> TokenStream {
    let (size, signed) = (k.size(&m.target), k.is_signed(&m.target));
    int_of_size(size, signed).unwrap_or_else(|| if signed { quote!(i128) } else { quote!(u128) })
}

/// The Rust integer type of `size` bytes, if there is one.
pub fn int_of_size(size: u64, signed: bool) -> Option<TokenStream> {
    Some(match (size, signed) {
        (1, true) => quote!(i8),
        (1, false) => quote!(u8),
        (2, true) => quote!(i16),
        (2, false) => quote!(u16),
        (4, true) => quote!(i32),
        (4, false) => quote!(u32),
        (8, true) => quote!(i64),
        (8, false) => quote!(u64),
        (16, true) => quote!(i128),
        (16, false) => quote!(u128),
        _ => return None,
    })
}

/// Whether a floating constant of kind `k` has a Rust type (`f32` or `f64`): a `long double`
/// or `_Float128` constant is left out, in Rust and in API mode's checks alike.
pub fn float_constant_bound(k: FloatKind) -> bool {
    matches!(k.base(), FloatKind::Float | FloatKind::Double)
}

impl Mapper<'_> {
    /// The Rust type for `ty`, or why there is none.
    pub fn ty(&self, ty: &Type, pos: Position) -> Result<TokenStream, String> {
        if let Some(reason) = self.m.unsupported_reason(ty) {
            return Err(reason);
        }
        if let Some((under, reason)) = self.misaligned(ty) {
            // Behind a raw pointer it is its type: a raw pointer promises no alignment.
            return match pos {
                Position::Pointee => self.ty(&under, pos),
                _ => Err(reason),
            };
        }
        Ok(match &ty.kind {
            TypeKind::Void => match pos {
                Position::Return => quote!(()),
                Position::Pointee => {
                    let void = self.names.std("c_void");
                    quote!(#void)
                }
                Position::Value => return Err("`void` is not a value type".into()),
            },
            TypeKind::Int(k) => int(*k, self.names),
            TypeKind::Float(k) if k.base() == FloatKind::Float => quote!(f32),
            // `double` and what is passed as one (`long double` has no Rust type).
            TypeKind::Float(_) => quote!(f64),
            TypeKind::Complex(_) | TypeKind::VaList | TypeKind::Vector(..) => {
                return Err("this type has no Rust counterpart".into());
            }
            TypeKind::Pointer(inner) => {
                if let TypeKind::Function(f) = &self.m.resolve(inner).kind {
                    let f = match &inner.kind {
                        TypeKind::Typedef(id) => {
                            let name =
                                ident(&self.m.typedef(*id).name, proc_macro2::Span::call_site());
                            quote!(#name)
                        }
                        _ => self.fn_ptr(f)?,
                    };
                    let option = self.names.std("Option");
                    return Ok(quote!(#option<#f>));
                }
                let target = self.ty(inner, Position::Pointee)?;
                if self.m.resolve(inner).quals.is_const {
                    quote!(*const #target)
                } else {
                    quote!(*mut #target)
                }
            }
            TypeKind::Array(elem_ty, len) => {
                if let Err(cffi_frontend::layout::LayoutError::TooLarge) =
                    cffi_frontend::layout::layout_of(self.m, ty)
                {
                    return Err(cffi_frontend::layout::LayoutError::TooLarge
                        .at(0..0)
                        .message);
                }
                let elem = self.ty(elem_ty, Position::Value)?;
                let n = match len {
                    ArrayLen::Fixed(n) => *n as usize,
                    ArrayLen::Unspecified => 0,
                    ArrayLen::FromCompiler => {
                        return Err("an array of compiler-known length needs API mode".into());
                    }
                };
                quote!([#elem; #n])
            }
            TypeKind::Function(f) => self.fn_ptr(f)?,
            TypeKind::Record(id) => {
                let name = self.names.record(*id);
                quote!(#name)
            }
            TypeKind::Enum(id) => match &self.names.enums[id.0 as usize] {
                Some(name) => {
                    let name = ident(name, proc_macro2::Span::call_site());
                    quote!(#name)
                }
                None => sized_int(self.m.enum_(*id).int_kind(&self.m.target), self.m),
            },
            TypeKind::Typedef(id) => {
                let name = ident(&self.m.typedef(*id).name, proc_macro2::Span::call_site());
                quote!(#name)
            }
            TypeKind::File => match pos {
                Position::Pointee => quote!(__cffi::FILE),
                _ => return Err("`FILE` is only usable through a pointer".into()),
            },
            TypeKind::Unknown(_) => {
                return Err("a type whose size only the C compiler knows needs API mode".into());
            }
        })
    }

    /// The Rust type of a record's member, read and written through bytes or as a field: a
    /// typedef whose alignment Rust cannot carry is its type there, since the record holds
    /// the bytes where C puts them.
    pub fn member(&self, ty: &Type) -> Result<TokenStream, String> {
        self.ty(&self.strip_misaligned(ty), Position::Value)
    }

    /// For a typedef whose alignment Rust cannot carry: the type it names (with `ty`'s
    /// qualifiers), and why.
    fn misaligned(&self, ty: &Type) -> Option<(Type, String)> {
        let TypeKind::Typedef(id) = &ty.kind else {
            return None;
        };
        let reason = cffi_frontend::layout::misaligned_typedef(self.m, *id)?;
        Some((self.m.typedef(*id).ty.clone().with_quals(ty.quals), reason))
    }

    fn strip_misaligned(&self, ty: &Type) -> Type {
        if let Some((under, _)) = self.misaligned(ty) {
            return self.strip_misaligned(&under);
        }
        match &ty.kind {
            TypeKind::Array(elem, len) => Type {
                kind: TypeKind::Array(Box::new(self.strip_misaligned(elem)), *len),
                quals: ty.quals,
            },
            _ => ty.clone(),
        }
    }

    /// `unsafe extern "C" fn(...) -> R` (`"stdcall"` for a `__stdcall` one), for a function
    /// Rust calls or is called by directly:
    /// no record Rust stores as bytes may cross by value, as C's calling convention may pass
    /// it in other registers than Rust passes the bytes.
    pub fn fn_ptr(&self, f: &FnType) -> Result<TokenStream, String> {
        self.passes_in_registers(f)?;
        self.fn_ptr_through_wrapper(f)
    }

    /// Whether Rust can pass what a function of type `f` takes and returns by value as C
    /// does: not a record Rust stores as bytes.
    pub fn passes_in_registers(&self, f: &FnType) -> Result<(), String> {
        for ty in std::iter::once(&f.ret).chain(f.params.iter().map(|p| &p.ty)) {
            if self.names.reprs.passes_as_bytes(self.m, ty) {
                return Err(format!(
                    "`{}` is passed by value, but Rust stores it as bytes (bit-fields, alignment, packing or `...`), which C may pass elsewhere (other registers, or memory); pass it through a pointer, or use API mode, whose C wrapper makes the call",
                    cffi_frontend::render::c_type(self.m, ty)
                ));
            }
        }
        Ok(())
    }

    /// `fn_ptr` for a function called through API mode's C wrapper, which passes records
    /// through pointers.
    pub fn fn_ptr_through_wrapper(&self, f: &FnType) -> Result<TokenStream, String> {
        let params = f
            .params
            .iter()
            .map(|p| self.ty(&p.ty, Position::Value))
            .collect::<Result<Vec<_>, _>>()?;
        let ret = self.ret(&f.ret)?;
        let dots = f.variadic.then(|| quote!(, ...));
        // `__stdcall` on 32-bit x86 (the front end marks it nowhere else).
        let abi = if f.stdcall { "stdcall" } else { "C" };
        Ok(quote!(unsafe extern #abi fn(#(#params),* #dots) #ret))
    }

    /// `-> R`, or nothing for `void`.
    pub fn ret(&self, ty: &Type) -> Result<TokenStream, String> {
        if matches!(self.m.resolve(ty).kind, TypeKind::Void) {
            return Ok(TokenStream::new());
        }
        let t = self.ty(ty, Position::Return)?;
        Ok(quote!(-> #t))
    }

    /// Whether a value of `ty` is made of numbers only, every bit pattern of it valid: a
    /// scalar other than `_Bool`, or an array, struct or union whose members all are (no
    /// pointers, no `_Bool`, nothing only the C compiler lays out). Passed or returned by
    /// value, it is as safe as a scalar once the module vouches for the function.
    pub fn is_plain(&self, ty: &Type) -> bool {
        self.plain_within(ty, 0)
    }

    fn plain_within(&self, ty: &Type, depth: u32) -> bool {
        // Records nest as deep as the front end allows; deeper is not plain.
        if depth > 64 {
            return false;
        }
        match self.m.resolve(ty).kind {
            TypeKind::Int(IntKind::Bool) => false,
            TypeKind::Array(elem, cffi_frontend::ArrayLen::Fixed(_)) => {
                self.plain_within(&elem, depth + 1)
            }
            TypeKind::Record(id) => {
                let r = self.m.record(id);
                !r.partial
                    && r.fields.as_ref().is_some_and(|fields| {
                        fields.iter().all(|f| self.plain_within(&f.ty, depth + 1))
                    })
            }
            _ => self.is_scalar(ty),
        }
    }

    /// Whether a value of `ty` is a plain scalar that cannot carry memory safety obligations:
    /// an integer, a float, a `_Bool` or an enum, including `typedef int... t;` and
    /// `typedef float... t;`, whose size only the compiler knows.
    pub fn is_scalar(&self, ty: &Type) -> bool {
        match self.m.resolve(ty).kind {
            TypeKind::Float(k) => matches!(k.base(), FloatKind::Float | FloatKind::Double),
            kind => matches!(
                kind,
                TypeKind::Int(_)
                    | TypeKind::Enum(_)
                    | TypeKind::Unknown(
                        cffi_frontend::UnknownKind::Int | cffi_frontend::UnknownKind::Float
                    )
            ),
        }
    }
}
