//! How each run-time value is stored in C's bytes and read back, checked against the C type:
//! integers against their range, pointers against the declared pointee, records against
//! their declarations.

use std::ffi::c_void;

use cffi_frontend::{Type, TypeKind};

use super::cdata::CData;
use super::ctype::{CType, Shape};
use super::error::{Error, Result};
use super::value::{Pointed, Pointer, Value};

/// Writes `v` as a value of shape `shape` at `at` (unaligned). `what` names the place for
/// errors ("argument 1 of `add1`").
///
/// # Safety
///
/// `at` must be valid for writing the shape's size.
pub(crate) unsafe fn store(
    ty: &CType,
    v: &Value,
    at: *mut u8,
    what: &dyn Fn() -> String,
) -> Result<()> {
    // SAFETY: the caller's promise.
    unsafe { store_shaped(ty, &ty.shape(), v, at, what) }
}

/// [`store`] with the type's shape already known (calls compute it once per function).
///
/// # Safety
///
/// As [`store`]; `shape` is `ty`'s.
pub(crate) unsafe fn store_shaped(
    ty: &CType,
    shape: &Shape,
    v: &Value,
    at: *mut u8,
    what: &dyn Fn() -> String,
) -> Result<()> {
    let wrong = || {
        Error::Value(format!(
            "{}: {} does not fit `{}`",
            what(),
            v.describe(),
            ty.name()
        ))
    };
    match (shape, v) {
        (
            &Shape::Int {
                size,
                signed,
                bool_,
            },
            Value::Int(x),
        ) => {
            let (lo, hi) = int_range(size, signed, bool_);
            if *x < lo || *x > hi {
                return Err(wrong());
            }
            let bytes = (*x as u128).to_ne_bytes();
            let bytes = if cfg!(target_endian = "big") {
                &bytes[16 - size as usize..]
            } else {
                &bytes[..size as usize]
            };
            // SAFETY: the caller provides `size` writable bytes.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), at, bytes.len()) };
        }
        (Shape::Float(4), Value::Float(_) | Value::Int(_)) => {
            let x = v.as_f64().unwrap_or_default() as f32;
            // SAFETY: four writable bytes.
            unsafe { at.cast::<f32>().write_unaligned(x) };
        }
        (Shape::Float(_), Value::Float(_) | Value::Int(_)) => {
            let x = v.as_f64().unwrap_or_default();
            // SAFETY: eight writable bytes.
            unsafe { at.cast::<f64>().write_unaligned(x) };
        }
        (Shape::Record(_), Value::Data(d)) => {
            same_record(ty, d, what)?;
            let bytes = d.as_bytes();
            // SAFETY: the caller provides the record's size, which `bytes` has.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), at, bytes.len()) };
        }
        (Shape::LongDouble, Value::Float(_) | Value::Int(_)) => {
            let bytes = super::x87::from_f64(v.as_f64().unwrap_or_default());
            // SAFETY: a `long double` has at least its 10 bytes.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), at, bytes.len()) };
        }
        (Shape::Pointer(_), Value::Null) => {
            // SAFETY: a pointer's bytes are writable.
            unsafe {
                at.cast::<*mut c_void>()
                    .write_unaligned(std::ptr::null_mut())
            };
        }
        (Shape::Pointer(to), Value::Pointer(p)) => {
            if !pointer_fits(ty, to, &p.pointee) {
                return Err(wrong());
            }
            // SAFETY: a pointer's bytes are writable.
            unsafe { at.cast::<*mut c_void>().write_unaligned(p.addr) };
        }
        _ => return Err(wrong()),
    }
    Ok(())
}

/// Reads a value of type `ty` at `at` (unaligned).
///
/// # Safety
///
/// `at` must be valid for reading the type's size.
pub(crate) unsafe fn load(ty: &CType, at: *const u8) -> Result<Value> {
    // SAFETY: the caller's promise.
    unsafe { load_shaped(ty, &ty.shape(), at) }
}

/// [`load`] with the type's shape already known.
///
/// # Safety
///
/// As [`load`]; `shape` is `ty`'s.
pub(crate) unsafe fn load_shaped(ty: &CType, shape: &Shape, at: *const u8) -> Result<Value> {
    match *shape {
        Shape::Int {
            size,
            signed,
            bool_,
        } => {
            let mut bytes = [0u8; 16];
            let range = if cfg!(target_endian = "big") {
                16 - size as usize..16
            } else {
                0..size as usize
            };
            // SAFETY: the caller provides `size` readable bytes.
            unsafe { std::ptr::copy_nonoverlapping(at, bytes[range].as_mut_ptr(), size as usize) };
            let raw = u128::from_ne_bytes(bytes);
            let v = extend(raw, size, signed);
            if bool_ && v > 1 {
                return Err(Error::Value(format!(
                    "a `_Bool` holds {v}, neither 0 nor 1"
                )));
            }
            Ok(Value::Int(v))
        }
        // SAFETY: four or eight readable bytes.
        Shape::Float(4) => Ok(Value::Float(
            unsafe { at.cast::<f32>().read_unaligned() }.into(),
        )),
        Shape::Float(_) => Ok(Value::Float(unsafe { at.cast::<f64>().read_unaligned() })),
        Shape::LongDouble => {
            let mut bytes = [0u8; 10];
            // SAFETY: a `long double` has at least its 10 bytes.
            unsafe { std::ptr::copy_nonoverlapping(at, bytes.as_mut_ptr(), bytes.len()) };
            Ok(Value::Float(super::x87::to_f64(bytes)))
        }
        Shape::Pointer(ref to) => Ok(Value::Pointer(Pointer {
            // SAFETY: a pointer's bytes are readable.
            addr: unsafe { at.cast::<*mut c_void>().read_unaligned() },
            pointee: Pointed::new(ty.with(to.clone())),
        })),
        Shape::Void => Ok(Value::Void),
        Shape::Record(_) => {
            let d = CData::zeroed(ty.clone())?;
            let size = d.as_bytes().len();
            // SAFETY: the caller provides the record's bytes; `d` owns as many.
            unsafe { std::ptr::copy_nonoverlapping(at, d.as_ptr_mut(), size) };
            Ok(Value::Data(Box::new(d)))
        }
        Shape::Array(..) | Shape::Function => Err(Error::Value(format!(
            "{} is not a single value: read its fields or elements",
            cffi_frontend::render::with_article(&ty.name())
        ))),
        Shape::Other(ref what) => Err(Error::Unsupported(format!(
            "run-time mode cannot hold a value of {what}"
        ))),
    }
}

/// Checks that record `d` is of type `ty`, for passing or storing it there.
pub(crate) fn same_record(ty: &CType, d: &CData, what: &dyn Fn() -> String) -> Result<()> {
    // `d` may come from another `Ffi`, whose record indices mean other records.
    let of = d.ctype();
    if cffi_frontend::compat::compatible(&ty.module, &ty.ty, &of.module, &of.ty) {
        return Ok(());
    }
    Err(Error::Value(format!(
        "{}: {} does not fit `{}`",
        what(),
        cffi_frontend::render::with_article(&d.ctype().name()),
        ty.name()
    )))
}

/// `raw`'s low `size` bytes as an integer, sign-extended when `signed`.
pub(crate) fn extend(raw: u128, size: u8, signed: bool) -> i128 {
    extend_bits(raw, u32::from(size) * 8, signed)
}

/// `raw`'s low `bits` bits as an integer, sign-extended when `signed` (a bit-field's too).
pub(crate) fn extend_bits(raw: u128, bits: u32, signed: bool) -> i128 {
    if bits == 0 || bits >= 128 {
        return if bits == 0 { 0 } else { raw as i128 };
    }
    let raw = raw & ((1u128 << bits) - 1);
    if signed && raw >> (bits - 1) & 1 == 1 {
        (raw | !((1u128 << bits) - 1)) as i128
    } else {
        raw as i128
    }
}

/// Whether `x` is a value of an integer of `size` bytes (not `_Bool`).
#[inline]
pub(crate) fn fits(x: i128, size: u8, signed: bool) -> bool {
    let bits = u32::from(size) * 8;
    if signed {
        let half = 1i128 << (bits - 1);
        -half <= x && x < half
    } else {
        0 <= x && x < 1i128 << bits
    }
}

/// The values an integer of `size` bytes holds.
pub(crate) fn int_range(size: u8, signed: bool, bool_: bool) -> (i128, i128) {
    bits_range(u32::from(size) * 8, signed, bool_)
}

/// The values an integer of `bits` bits holds (a bit-field's too).
pub(crate) fn bits_range(bits: u32, signed: bool, bool_: bool) -> (i128, i128) {
    match (bool_, signed, bits) {
        (true, _, _) => (0, 1),
        (false, _, 0) => (0, 0),
        (false, true, _) => (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1),
        (false, false, _) => (0, (1i128 << bits) - 1),
    }
}

/// Whether bytes may go where a pointer to `to` is declared: a `char *` (of any signedness)
/// or a `void *`, which C reads as bytes. A pointer to anything larger would let C read
/// past the copy.
pub(crate) fn takes_bytes(ty: &CType, to: &Type) -> bool {
    matches!(
        super::ctype::shape(&ty.module, to),
        Shape::Void | Shape::Int { size: 1, .. }
    )
}

/// Whether a pointer to `from` (of its own declarations, maybe another `Ffi`'s) may go where
/// a pointer to `to` is declared: the same type (qualifiers aside), or either is `void`.
pub(crate) fn pointer_fits(ty: &CType, to: &Type, from: &CType) -> bool {
    let void = |m: &cffi_frontend::Module, t: &Type| matches!(m.resolve(t).kind, TypeKind::Void);
    // The same type first: a call's pointer arguments mostly are, and it resolves nothing.
    cffi_frontend::compat::compatible(&ty.module, to, &from.module, &from.ty)
        || void(&ty.module, to)
        || void(&from.module, &from.ty)
}
