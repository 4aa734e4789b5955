//! The layout engine: sizes, alignments and field offsets as the target's C compiler
//! computes them.
//!
//! Scalars, arrays, typedefs and vectors are laid out here; a record's fields are placed by
//! the target's rules, System V's (`sysv`, gcc and clang on Linux and macOS) or Microsoft's
//! (`ms`, MSVC and MinGW on Windows), which differ around bit-fields. In both, `packed`
//! drops member alignment to 1, `aligned(N)` raises it and `#pragma pack(N)` caps it. Every
//! rule here is checked against the C compiler on random declarations (`tests/difftest`).

use crate::error::{Error, ErrorKind, Span};
use crate::model::{
    ArrayLen, Field, FloatKind, Module, Record, RecordId, Type, TypeKind, TypedefId, UnknownKind,
};

mod ms;
mod sysv;

/// Size and alignment of a type, in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub size: u64,
    pub align: u64,
}

/// Where one declared field of a record lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldLayout {
    /// Offset from the start of the record, in bits (a multiple of 8 unless a bit-field).
    pub offset_bits: u64,
    /// Size of the field's type in bytes (0 for a flexible array member).
    pub size: u64,
    pub bit_width: Option<u32>,
}

/// The layout of a struct or union and of each of its declared fields, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordLayout {
    pub size: u64,
    pub align: u64,
    pub fields: Vec<FieldLayout>,
}

/// Why a layout cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayoutError {
    /// A struct, union or enum with no body, `void`, `FILE` or a function type.
    Incomplete(String),
    /// A size only the C compiler knows (`...` in API mode).
    FromCompiler(String),
    /// A type larger than the target's largest object (2^61 bytes with 64-bit pointers, as
    /// Rust allows; 2^31 with 32-bit ones).
    TooLarge,
    /// A type whose layout depends on what the engine does not model (the ISA flags a vector
    /// wider than 16 bytes is compiled with): the reason.
    Unmodelled(String),
}

impl LayoutError {
    /// This error as a front-end error at `span`.
    pub fn at(&self, span: Span) -> Error {
        match self {
            LayoutError::Incomplete(what) => Error::new(
                ErrorKind::IncompleteType,
                span,
                format!("incomplete type `{what}` has no size"),
            )
            .with_hint("define its fields, or use it only through a pointer"),
            LayoutError::FromCompiler(what) => Error::new(
                ErrorKind::IncompleteType,
                span,
                format!("the size of `{what}` is only known to the C compiler"),
            )
            .with_hint("use API mode, where the compiler provides it"),
            LayoutError::TooLarge => Error::new(
                ErrorKind::InvalidArraySize,
                span,
                "type is too large: larger than the largest object of the target (2^61 bytes with 64-bit pointers, 2^31 with 32-bit ones)",
            )
            .with_hint("use a smaller array, or a pointer to memory allocated at run time"),
            LayoutError::Unmodelled(why) => Error::new(ErrorKind::Unsupported, span, why.clone())
                .with_hint("use the type only through a pointer, or declare it in API mode with `...`"),
        }
    }
}

/// Why typedef `id`, or one it is defined through, has no Rust type: an `aligned(N)`
/// that changes its type's alignment (`typedef int aint __attribute__((aligned(8)));`,
/// 4 bytes aligned to 8). A Rust type's size is a multiple of its alignment, and an alias
/// cannot carry one: such a typedef is usable only inside records (as bytes) and behind
/// pointers (as its type).
pub fn misaligned_typedef(m: &Module, id: TypedefId) -> Option<String> {
    let mut id = id;
    for _ in 0..m.typedefs.len() {
        let td = m.typedef(id);
        if let Some(a) = td.aligned {
            // The attribute sets the typedef's alignment, raising or lowering it. Where only
            // the C compiler knows the type's alignment, only it knows whether it changed.
            let underlying = type_align(m, &td.ty).ok();
            if underlying != Some(a) {
                let what = match underlying {
                    Some(u) => format!("aligned to {u}"),
                    None => "aligned as only the C compiler knows".to_string(),
                };
                return Some(format!(
                    "`{}` is aligned to {a} bytes by an attribute where `{}` is {what}: no Rust type has that layout; use it inside records or through pointers",
                    td.name,
                    crate::render::c_type(m, &td.ty)
                ));
            }
        }
        match &td.ty.kind {
            TypeKind::Typedef(next) => id = *next,
            _ => return None,
        }
    }
    None
}

/// Size and alignment of `ty`. The alignment is C11's `_Alignof`: the alignment the ABI
/// guarantees, which gcc also gives members (4 for `long long` and `double` on i386 System V,
/// whose preferred alignment, `__alignof__`, is 8).
pub fn layout_of(m: &Module, ty: &Type) -> Result<Layout, LayoutError> {
    layout_in(m, ty)
}

/// `_Alignof(ty)`.
pub fn type_align(m: &Module, ty: &Type) -> Result<u64, LayoutError> {
    Ok(layout_of(m, ty)?.align)
}

fn describe(m: &Module, ty: &Type) -> String {
    crate::render::c_type(m, ty)
}

fn layout_in(m: &Module, ty: &Type) -> Result<Layout, LayoutError> {
    let t = &m.target;
    let scalar = |size: u64| {
        let align = if size == 8 {
            u64::from(t.int64_field_align)
        } else {
            size
        };
        Layout { size, align }
    };
    Ok(match &ty.kind {
        TypeKind::Void | TypeKind::File | TypeKind::Function(_) => {
            return Err(LayoutError::Incomplete(describe(m, ty)));
        }
        TypeKind::Int(k) => scalar(k.size(t)),
        TypeKind::Float(k) => float_layout(*k, m),
        TypeKind::Complex(k) => {
            let l = float_layout(*k, m);
            Layout {
                size: l.size * 2,
                align: l.align,
            }
        }
        TypeKind::Pointer(_) => scalar(t.pointer.into()),
        TypeKind::Array(elem, len) => {
            let e = layout_in(m, elem)?;
            let n = match len {
                ArrayLen::Fixed(n) => *n,
                ArrayLen::Unspecified => 0,
                ArrayLen::FromCompiler => {
                    return Err(LayoutError::FromCompiler(describe(m, ty)));
                }
            };
            Layout {
                size: fits(m, e.size.checked_mul(n))?,
                align: e.align,
            }
        }
        TypeKind::Record(id) => {
            let l = record_layout(m, *id)?;
            Layout {
                size: l.size,
                align: l.align,
            }
        }
        TypeKind::Enum(id) => {
            let e = m.enum_(*id);
            if e.variants.is_none() {
                return Err(LayoutError::Incomplete(describe(m, ty)));
            }
            if e.partial {
                return Err(LayoutError::FromCompiler(describe(m, ty)));
            }
            scalar(e.int_kind(t).size(t))
        }
        TypeKind::Typedef(id) => {
            let td = m.typedef(*id);
            let l = layout_in(m, &td.ty)?;
            match td.aligned {
                Some(a) => Layout { align: a, ..l },
                None => l,
            }
        }
        TypeKind::VaList => va_list_layout(m),
        TypeKind::Vector(elem, bytes) => vector_layout(m, ty, elem, *bytes)?,
        TypeKind::Unknown(UnknownKind::Int | UnknownKind::Float) => {
            return Err(LayoutError::FromCompiler(describe(m, ty)));
        }
    })
}

fn float_layout(k: FloatKind, m: &Module) -> Layout {
    let t = &m.target;
    match k {
        FloatKind::Half | FloatKind::Fp16 | FloatKind::BFloat16 => Layout { size: 2, align: 2 },
        FloatKind::Float => Layout { size: 4, align: 4 },
        FloatKind::Double => Layout {
            size: 8,
            align: t.int64_field_align.into(),
        },
        FloatKind::LongDouble => Layout {
            size: t.long_double.0.into(),
            align: t.long_double.1.into(),
        },
        FloatKind::Float128 => Layout {
            size: 16,
            align: 16,
        },
        // Laid out as the standard type each is.
        FloatKind::Float32 | FloatKind::Float64 | FloatKind::Float32x | FloatKind::Float64x => {
            float_layout(k.base(), m)
        }
    }
}

/// A GNU vector is as large as `vector_size` says and aligned to its size, up to 16 bytes:
/// wider vectors are aligned as the instruction set the C is compiled for allows (32 bytes
/// with AVX on x86, 16 without), which the engine cannot see.
fn vector_layout(m: &Module, ty: &Type, elem: &Type, bytes: u64) -> Result<Layout, LayoutError> {
    if bytes > 16 {
        return Err(LayoutError::Unmodelled(format!(
            "the alignment of `{}` depends on the instruction set the C is compiled for",
            describe(m, ty)
        )));
    }
    // An 8-byte vector of integers is aligned as the target aligns 8-byte integers (4 on
    // i386); one of floats, to 8.
    let integers = matches!(m.resolve(elem).kind, TypeKind::Int(_));
    let align = if bytes == 8 && integers {
        m.target.int64_field_align.into()
    } else {
        bytes
    };
    Ok(Layout { size: bytes, align })
}

fn va_list_layout(m: &Module) -> Layout {
    let triple = m.target.triple();
    if m.target.is_windows() || triple.contains("apple") {
        Layout {
            size: m.target.pointer.into(),
            align: m.target.pointer.into(),
        }
    } else if triple.starts_with("x86_64") {
        Layout { size: 24, align: 8 }
    } else if triple.starts_with("aarch64") {
        Layout { size: 32, align: 8 }
    } else {
        Layout {
            size: m.target.pointer.into(),
            align: m.target.pointer.into(),
        }
    }
}

/// `size` if it exists and is below the target's object-size limit: what rustc accepts
/// for a type, and well inside what the layout engine can count in bits.
fn fits(m: &Module, size: Option<u64>) -> Result<u64, LayoutError> {
    let limit = match m.target.pointer {
        8 => 1u64 << 61,
        4 => 1 << 31,
        _ => 1 << 15,
    };
    size.filter(|&s| s < limit).ok_or(LayoutError::TooLarge)
}

fn align_up(v: u64, a: u64) -> Result<u64, LayoutError> {
    v.checked_next_multiple_of(a.max(1))
        .ok_or(LayoutError::TooLarge)
}

fn to_bits(bytes: u64) -> Result<u64, LayoutError> {
    bytes.checked_mul(8).ok_or(LayoutError::TooLarge)
}

/// The layout of struct or union `id`.
pub fn record_layout(m: &Module, id: RecordId) -> Result<RecordLayout, LayoutError> {
    let r = m.record(id);
    let Some(fields) = &r.fields else {
        return Err(LayoutError::Incomplete(describe(
            m,
            &Type::new(TypeKind::Record(id)),
        )));
    };
    if r.partial {
        return Err(LayoutError::FromCompiler(describe(
            m,
            &Type::new(TypeKind::Record(id)),
        )));
    }
    let placed = if m.target.ms_bitfields {
        ms::place(m, r, fields)?
    } else {
        sysv::place(m, r, fields)?
    };
    let align = placed.align.max(r.aligned.unwrap_or(1));
    let size = fits(m, Some(align_up(placed.used_bits.div_ceil(8), align)?))?;
    Ok(RecordLayout {
        size,
        align,
        fields: placed.fields,
    })
}

/// Where a record's rules put its fields: each field's place, the bits the fields use (up
/// to the last one's end in a struct, the widest in a union), and the alignment they give
/// the record before its own `aligned(N)`.
struct Placed {
    fields: Vec<FieldLayout>,
    used_bits: u64,
    align: u64,
}

/// One field as the placement rules see it.
struct Member {
    /// Its type's size, in bits.
    bits: u64,
    /// Its type's alignment.
    natural: u64,
    /// Its alignment in the record: `packed` drops it to 1 (`natural` only when neither
    /// the field nor the record is packed), `aligned(N)` raises it, `#pragma pack` caps it.
    align: u64,
    /// The field or the record is `packed`.
    packed: bool,
    named: bool,
    bit_width: Option<u32>,
    /// The field's `aligned(N)`.
    aligned: Option<u64>,
}

impl Member {
    fn of(m: &Module, r: &Record, f: &Field) -> Result<Member, LayoutError> {
        let ty = layout_in(m, &f.ty)?;
        let packed = r.packed || f.packed;
        let mut align = if packed { 1 } else { ty.align };
        if let Some(n) = f.aligned {
            align = align.max(n);
        }
        if let Some(p) = r.max_field_align {
            align = align.min(p);
        }
        Ok(Member {
            bits: to_bits(ty.size)?,
            natural: ty.align,
            align: align.max(1),
            packed,
            named: f.name.is_some(),
            bit_width: f.bit_width,
            aligned: f.aligned,
        })
    }

    fn place(&self, offset_bits: u64) -> FieldLayout {
        FieldLayout {
            offset_bits,
            size: self.bits / 8,
            bit_width: self.bit_width,
        }
    }
}

/// Every named field of record `id`, with the fields of anonymous members brought up to the
/// record's own level as C does: `(name, offset in bits, bit width)`.
pub fn flat_fields(
    m: &Module,
    id: RecordId,
) -> Result<Vec<(String, u64, Option<u32>)>, LayoutError> {
    let layout = record_layout(m, id)?;
    let mut out = Vec::new();
    let Some(fields) = &m.record(id).fields else {
        return Ok(out);
    };
    for (f, l) in fields.iter().zip(&layout.fields) {
        match (&f.name, &m.resolve(&f.ty).kind) {
            (Some(name), _) => out.push((name.clone(), l.offset_bits, f.bit_width)),
            (None, TypeKind::Record(inner)) if f.bit_width.is_none() => {
                for (name, off, w) in flat_fields(m, *inner)? {
                    out.push((name, l.offset_bits + off, w));
                }
            }
            (None, _) => {}
        }
    }
    Ok(out)
}
