//! Values crossing between Rust and C at run time ([`super::convert`] stores them in C's
//! bytes and reads them back).

use std::ffi::c_void;
use std::fmt;
use std::mem::ManuallyDrop;

use super::cdata::CData;
use super::ctype::CType;

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
            Value::Pointer(p) => cffi_frontend::render::with_article(&p.ctype().name()),
            Value::Null => "NULL".into(),
            Value::Data(d) => cffi_frontend::render::with_article(&d.ctype().name()),
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
    pub(crate) pointee: Pointed,
}

/// A pointer's pointed-to type, dropped out of line: the drop of a [`Value`] is then small
/// enough for the compiler to inline, and nothing at all where it sees the value is a number
/// (the arguments and results of most calls).
pub(crate) struct Pointed(ManuallyDrop<CType>);

impl Pointed {
    pub(crate) fn new(ty: CType) -> Pointed {
        Pointed(ManuallyDrop::new(ty))
    }
}

impl Clone for Pointed {
    fn clone(&self) -> Pointed {
        Pointed::new(CType::clone(self))
    }
}

impl std::ops::Deref for Pointed {
    type Target = CType;
    fn deref(&self) -> &CType {
        &self.0
    }
}

impl Drop for Pointed {
    #[inline]
    fn drop(&mut self) {
        drop_type(&mut self.0);
    }
}

#[cold]
#[inline(never)]
fn drop_type(ty: &mut ManuallyDrop<CType>) {
    // SAFETY: called once, from the owner's `drop`; the type is not used after.
    unsafe { ManuallyDrop::drop(ty) }
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
