//! Structs and unions passed and returned by value: their libffi description.
//!
//! libffi describes a struct by its members' types and lays it out by their natural
//! alignment, and has no unions or bit-fields. A struct of plain members is described member
//! by member. A record whose members are all integers or pointers (a union of them, a struct
//! with bit-fields) is described as integers of its alignment covering its size: every
//! calling convention libffi supports passes such data the way it passes the record. Anything
//! else (a union holding a `double`, a packed struct, a flexible array) is refused rather
//! than passed wrongly.

use cffi_frontend::{Module, RecordId, RecordKind, TypeKind};
use libffi::middle::Type as FfiType;

use super::call::ffi_type;
use super::ctype::{CType, Shape};
use super::error::{Error, Result};

/// The libffi type of record `id` of `ty`'s declarations.
pub(crate) fn record_type(ty: &CType, id: RecordId) -> Result<FfiType> {
    let m = &ty.module;
    let r = m.record(id);
    let refuse = |why: &str| {
        Err(Error::Unsupported(format!(
            "`{}` passed or returned by value: {why}; pass a pointer instead",
            ty.name()
        )))
    };
    let Some(fields) = &r.fields else {
        return refuse("it has no fields");
    };
    if r.packed
        || r.max_field_align.is_some()
        || r.aligned.is_some()
        || fields.iter().any(|f| f.aligned.is_some() || f.packed)
    {
        return refuse(
            "its alignment is changed by an attribute or pragma, which libffi cannot describe",
        );
    }
    let plain = r.kind == RecordKind::Struct && fields.iter().all(|f| f.bit_width.is_none());
    if plain {
        let mut elements = Vec::new();
        for f in fields {
            members(&ty.with(f.ty.clone()), &mut elements)?;
        }
        return Ok(FfiType::structure(elements));
    }
    if has_float(m, id) {
        return refuse(
            "libffi cannot describe a union or bit-fields together with floating members",
        );
    }
    let size = ty.size()?;
    let align = ty.align()?;
    let unit = match align {
        1 => FfiType::u8(),
        2 => FfiType::u16(),
        4 => FfiType::u32(),
        8 => FfiType::u64(),
        _ => return refuse("its alignment is over 8 bytes"),
    };
    Ok(FfiType::structure((0..size / align).map(|_| unit.clone())))
}

/// The libffi elements of one member: arrays as their elements, nested structs recursively.
fn members(ty: &CType, out: &mut Vec<FfiType>) -> Result<()> {
    match ty.shape() {
        Shape::Array(elem, Some(n)) => {
            let elem = ty.with(elem);
            for _ in 0..n {
                members(&elem, out)?;
            }
            Ok(())
        }
        Shape::Array(_, None) => Err(Error::Unsupported(format!(
            "a struct with a flexible array member (`{}`) cannot be passed by value",
            ty.name()
        ))),
        Shape::Record(id) => {
            out.push(record_type(ty, id)?);
            Ok(())
        }
        shape => {
            out.push(ffi_type(ty, &shape)?);
            Ok(())
        }
    }
}

/// Whether record `id` holds a floating value at any depth.
fn has_float(m: &Module, id: RecordId) -> bool {
    m.record(id).fields.iter().flatten().any(|f| {
        let mut t = m.resolve(&f.ty);
        while let TypeKind::Array(elem, _) = t.kind {
            t = m.resolve(&elem);
        }
        match t.kind {
            TypeKind::Float(_) | TypeKind::Complex(_) => true,
            TypeKind::Record(inner) => has_float(m, inner),
            _ => false,
        }
    })
}
