//! What libffi is told of a C type: a scalar's libffi type, and a struct's or union's
//! description, for passing and returning it by value.
//!
//! libffi describes a struct by its members' types and lays it out by their natural
//! alignment, and has no unions or bit-fields. A struct of plain members is described member
//! by member. A record whose members are all integers or pointers (a union of them, a struct
//! with bit-fields) is described as integers of its alignment covering its size: every
//! calling convention libffi supports passes such data the way it passes the record. Anything
//! else (a union holding a `double`, a packed struct, a flexible array, an empty struct) is
//! refused rather than passed wrongly; and whatever the description, libffi's layout of it
//! must be C's, offset by offset, or the record is refused.

use cffi_frontend::layout::record_layout;
use cffi_frontend::{FloatKind, Module, RecordId, RecordKind, TypeKind};
use libffi::middle::Type as FfiType;

use super::ctype::{CType, Shape};
use super::error::{Error, Result};

/// The libffi type of a value of shape `shape`, or why it cannot be passed.
pub(crate) fn ffi_type(ty: &CType, shape: &Shape) -> Result<FfiType> {
    Ok(match *shape {
        Shape::Void => FfiType::void(),
        Shape::Int { size, signed, .. } => match (size, signed) {
            (1, true) => FfiType::i8(),
            (1, false) => FfiType::u8(),
            (2, true) => FfiType::i16(),
            (2, false) => FfiType::u16(),
            (4, true) => FfiType::i32(),
            (4, false) => FfiType::u32(),
            (_, true) => FfiType::i64(),
            (_, false) => FfiType::u64(),
        },
        Shape::Float(4) => FfiType::f32(),
        Shape::Float(_) => FfiType::f64(),
        Shape::LongDouble => FfiType::longdouble(),
        Shape::Pointer(_) => FfiType::pointer(),
        Shape::Array(..) => FfiType::pointer(),
        Shape::Record(id) => record_type(ty, id)?,
        Shape::Function => FfiType::pointer(),
        Shape::Other(ref what) => {
            return Err(Error::Unsupported(format!(
                "run-time mode cannot pass a value of {what}"
            )));
        }
    })
}

/// The libffi type of record `id` of `ty`'s declarations.
pub(crate) fn record_type(ty: &CType, id: RecordId) -> Result<FfiType> {
    let refuse = |why: &str| {
        Error::Unsupported(format!(
            "`{}` passed or returned by value: {why}; pass a pointer instead",
            ty.name()
        ))
    };
    let (elements, offsets) = describe(ty, id).map_err(|why| refuse(&why))?;
    let mut described = FfiType::structure(elements);
    let same = libffi_layout(&mut described).is_some_and(|(size, align, at)| {
        ty.size().is_ok_and(|s| s == size) && ty.align().is_ok_and(|a| a == align) && at == offsets
    });
    if !same {
        return Err(refuse(
            "libffi would lay it out differently from the C compiler (an alignment attribute or pragma, or a member libffi cannot describe)",
        ));
    }
    Ok(described)
}

/// libffi's size, alignment and element offsets of a struct type.
fn libffi_layout(t: &mut FfiType) -> Option<(usize, usize, Vec<usize>)> {
    let offsets = t
        .struct_offsets(libffi::low::ffi_abi_FFI_DEFAULT_ABI)
        .ok()?;
    let raw = t.as_raw_ptr();
    // SAFETY: `raw` is the structure type `t` owns, which `struct_offsets` has just laid out
    // (filling its size and alignment); nothing else refers to it.
    let (size, align) = unsafe { ((*raw).size, usize::from((*raw).alignment)) };
    Some((size, align, offsets))
}

/// The elements libffi is given for record `id`, and where C puts each, in bytes.
fn describe(ty: &CType, id: RecordId) -> std::result::Result<(Vec<FfiType>, Vec<usize>), String> {
    let m = &ty.module;
    let r = m.record(id);
    let Some(fields) = &r.fields else {
        return Err("it has no fields".into());
    };
    let size = ty.size().map_err(|e| e.to_string())?;
    if size == 0 {
        return Err("it has no members, which libffi cannot describe".into());
    }
    if r.packed
        || r.max_field_align.is_some()
        || r.aligned.is_some()
        || fields.iter().any(|f| f.aligned.is_some() || f.packed)
    {
        return Err(
            "its alignment is changed by an attribute or pragma, which libffi cannot describe"
                .into(),
        );
    }
    let plain = r.kind == RecordKind::Struct && fields.iter().all(|f| f.bit_width.is_none());
    if plain {
        let layout = record_layout(m, id).map_err(|e| format!("{e:?}"))?;
        let mut out = (Vec::new(), Vec::new());
        for (f, at) in fields.iter().zip(&layout.fields) {
            members(
                &ty.with(f.ty.clone()),
                (at.offset_bits / 8) as usize,
                &mut out,
            )
            .map_err(|e| e.to_string())?;
        }
        return Ok(out);
    }
    if has_float(m, id) {
        return Err(
            "libffi cannot describe a union or bit-fields together with floating members".into(),
        );
    }
    let align = ty.align().map_err(|e| e.to_string())?;
    let unit = match align {
        1 => FfiType::u8(),
        2 => FfiType::u16(),
        4 => FfiType::u32(),
        8 => FfiType::u64(),
        _ => return Err("its alignment is over 8 bytes".into()),
    };
    let count = size / align;
    Ok((
        (0..count).map(|_| unit.clone()).collect(),
        (0..count).map(|i| i * align).collect(),
    ))
}

/// The libffi elements of one member at byte `at`, with their offsets: arrays as their
/// elements, nested structs as one element each.
fn members(ty: &CType, at: usize, out: &mut (Vec<FfiType>, Vec<usize>)) -> Result<()> {
    match ty.shape() {
        Shape::Array(elem, Some(n)) => {
            let elem = ty.with(elem);
            let step = elem.size()?;
            for i in 0..n as usize {
                members(&elem, at + i * step, out)?;
            }
            Ok(())
        }
        Shape::Array(_, None) => Err(Error::Unsupported(format!(
            "a struct with a flexible array member (`{}`) cannot be passed by value",
            ty.name()
        ))),
        Shape::Record(id) => {
            out.0.push(record_type(ty, id)?);
            out.1.push(at);
            Ok(())
        }
        shape => {
            out.0.push(ffi_type(ty, &shape)?);
            out.1.push(at);
            Ok(())
        }
    }
}

/// The libffi type of a result of shape `shape`: as [`ffi_type`], but a record holding a
/// `long double` is refused, since libffi returns it from memory where x86-64 gcc returns it
/// on the x87 stack (the result would be whatever the memory held).
pub(crate) fn result_type(ty: &CType, shape: &Shape) -> Result<FfiType> {
    if let Shape::Record(id) = *shape
        && holds(
            &ty.module,
            id,
            &|k| matches!(k, TypeKind::Float(f) if f.base() == FloatKind::LongDouble),
        )
    {
        return Err(Error::Unsupported(format!(
            "`{}` returned by value: it holds a `long double`, which libffi does not return as the C compiler does; return it through a pointer instead",
            ty.name()
        )));
    }
    ffi_type(ty, shape)
}

/// Whether record `id` holds a floating value at any depth.
fn has_float(m: &Module, id: RecordId) -> bool {
    holds(m, id, &|k| {
        matches!(k, TypeKind::Float(_) | TypeKind::Complex(_))
    })
}

/// Whether record `id` holds a member of a kind `is` picks, at any depth.
fn holds(m: &Module, id: RecordId, is: &dyn Fn(&TypeKind) -> bool) -> bool {
    m.record(id).fields.iter().flatten().any(|f| {
        let mut t = m.resolve(&f.ty);
        while let TypeKind::Array(elem, _) = t.kind {
            t = m.resolve(&elem);
        }
        match t.kind {
            TypeKind::Record(inner) => holds(m, inner, is),
            ref k => is(k),
        }
    })
}
