//! Values crossing between Rust and C at run time, and how each is stored in C's bytes.

use std::ffi::c_void;
use std::fmt;

use cffi_frontend::{Type, TypeKind};

use super::cdata::CData;
use super::ctype::{CType, Shape};
use super::error::{Error, Result};

/// A C value: an argument, a return value, a field or element read or written.
///
/// Integers of every C integer type are `Int` (checked against the type's range when they
/// go to C); `float` and `double` are `Float`; pointers carry their C type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// What a `void` function returns.
    Void,
    /// A value of any C integer type (`char` to `unsigned long long`, `_Bool`, enums).
    Int(i128),
    /// A `float` or `double`.
    Float(f64),
    /// A typed pointer.
    Pointer(Pointer),
    /// The null pointer, for any pointer type (Python's `None`).
    Null,
    /// A struct or union by value (a copy): passed to and returned from functions that take
    /// or return one, and read from a field that is one.
    Data(Box<CData>),
    /// Bytes passed to a `char *` (or `void *`) parameter: C gets a NUL-terminated copy that
    /// lives for the call (Python cffi's `bytes` arguments).
    Bytes(Vec<u8>),
}

impl Value {
    /// The integer, if this is one.
    pub fn as_int(&self) -> Option<i128> {
        match *self {
            Value::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The number, if this is a float or an integer.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Float(v) => Some(v),
            Value::Int(v) => Some(v as f64),
            _ => None,
        }
    }

    /// The pointer, if this is one (`Null`, which has no type, is not).
    pub fn as_pointer(&self) -> Option<&Pointer> {
        match self {
            Value::Pointer(p) => Some(p),
            _ => None,
        }
    }

    /// A short description, for errors: `Int(300)` is "the integer 300".
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Void => "no value (void)".into(),
            Value::Int(v) => format!("the integer {v}"),
            Value::Float(v) => format!("the float {v}"),
            Value::Pointer(p) => format!("a `{}`", p.ctype().name()),
            Value::Null => "NULL".into(),
            Value::Data(d) => format!("a `{}`", d.ctype().name()),
            Value::Bytes(_) => "bytes".into(),
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::Int(v as i128)
            }
        }
    )*};
}
from_int!(i8, u8, i16, u16, i32, u32, i64, u64, isize, usize, i128);

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Float(v)
    }
}

impl From<f32> for Value {
    fn from(v: f32) -> Value {
        Value::Float(v.into())
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Int(v.into())
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Bytes(v.as_bytes().to_vec())
    }
}

impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Value {
        Value::Bytes(v.to_vec())
    }
}

impl From<CData> for Value {
    fn from(d: CData) -> Value {
        Value::Data(Box::new(d))
    }
}

impl From<Pointer> for Value {
    fn from(p: Pointer) -> Value {
        Value::Pointer(p)
    }
}

/// A typed C pointer: an address and the type it points to. Holding one is safe; reading or
/// writing through it is `unsafe`, since nothing here knows whether the memory is alive.
#[derive(Clone)]
pub struct Pointer {
    pub(crate) addr: *mut c_void,
    /// The pointed-to type.
    pub(crate) pointee: CType,
}

// SAFETY: a `Pointer` is an address and a type; every access through it is an `unsafe`
// method whose caller vouches for the memory, on whatever thread.
unsafe impl Send for Pointer {}
// SAFETY: as above.
unsafe impl Sync for Pointer {}

impl fmt::Debug for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}){:p}", self.ctype().name(), self.addr)
    }
}

impl PartialEq for Pointer {
    fn eq(&self, other: &Pointer) -> bool {
        self.addr == other.addr && self.ctype().name() == other.ctype().name()
    }
}

impl Pointer {
    /// The address.
    pub fn addr(&self) -> *mut c_void {
        self.addr
    }

    /// Whether it is the null pointer.
    pub fn is_null(&self) -> bool {
        self.addr.is_null()
    }

    /// The pointer's own C type (`struct point *`).
    pub fn ctype(&self) -> CType {
        self.pointee.with((*self.pointee.ty).clone().pointer_to())
    }

    /// The type it points to.
    pub fn pointee(&self) -> &CType {
        &self.pointee
    }
}

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
            pointee: ty.with(to.clone()),
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
            "a `{}` is not a single value: read its fields or elements",
            ty.name()
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
        "{}: a `{}` does not fit `{}`",
        what(),
        d.ctype().name(),
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
    void(&ty.module, to)
        || void(&from.module, &from.ty)
        || cffi_frontend::compat::compatible(&ty.module, to, &from.module, &from.ty)
}
