//! What a program does with a [`Value`] it got back: read a field of a returned struct, the
//! text a `char *` points to, print it, or turn it into a Rust number with its range checked.

use std::fmt;

use super::error::{Error, Result};
use super::value::Value;

impl Value {
    /// Field `path` of a struct or union value (`"pos.x"` through nested ones): what Python's
    /// `p.x` reads on a returned struct.
    pub fn field(&self, path: &str) -> Result<Value> {
        match self {
            Value::Data(d) => d.get(path),
            other => Err(Error::Value(format!(
                "{} has no fields: `field(\"{path}\")` reads a struct or union",
                other.describe()
            ))),
        }
    }

    /// A pointer to a struct or union value's own bytes (`ffi.addressof(p)`), valid while
    /// this `Value` lives and is not moved out of its box.
    pub fn ptr(&self) -> Result<Value> {
        match self {
            Value::Data(d) => Ok(d.ptr()),
            other => Err(Error::Value(format!(
                "{} is not a struct or union value: `ptr` points at one",
                other.describe()
            ))),
        }
    }

    /// The text of a `char *` up to its NUL (`ffi.string`), of a `char` array value, or the
    /// bytes themselves.
    ///
    /// # Safety
    ///
    /// For a pointer, it must point to NUL-terminated memory that is alive.
    pub unsafe fn string(&self) -> Result<Vec<u8>> {
        match self {
            // SAFETY: the caller's promise.
            Value::Pointer(p) => unsafe { p.string() },
            Value::Data(d) => d.string(),
            Value::Bytes(b) => Ok(b.clone()),
            other => Err(Error::Value(format!(
                "{} is not text: `string` reads a `char *` or a `char` array",
                other.describe()
            ))),
        }
    }
}

impl Value {
    /// [`Value::string`] as text, invalid UTF-8 replaced (`ffi.string(p).decode()`).
    ///
    /// # Safety
    ///
    /// As [`Value::string`].
    pub unsafe fn text(&self) -> Result<String> {
        // SAFETY: the caller's promise.
        let bytes = unsafe { self.string() }?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl super::cdata::CData {
    /// [`CData::string`](super::cdata::CData::string) as text, invalid UTF-8 replaced.
    pub fn text(&self) -> Result<String> {
        Ok(String::from_utf8_lossy(&self.string()?).into_owned())
    }
}

/// Numbers as Rust prints them, pointers as `(type)address`, bytes as a byte string.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Void => f.write_str("void"),
            Value::Int(v) => write!(f, "{v}"),
            Value::Float(v) => write!(f, "{v}"),
            Value::Pointer(p) => write!(f, "{p:?}"),
            Value::Null => f.write_str("NULL"),
            Value::Data(d) => write!(f, "{d:?}"),
            Value::Bytes(b) => write!(f, "b\"{}\"", b.escape_ascii()),
        }
    }
}

macro_rules! try_from_int {
    ($($t:ty),*) => {$(
        /// The integer, if it is one that fits.
        impl TryFrom<&Value> for $t {
            type Error = Error;
            fn try_from(v: &Value) -> Result<$t> {
                v.as_int()
                    .and_then(|x| <$t>::try_from(x).ok())
                    .ok_or_else(|| Error::Value(format!(
                        "{} is not a `{}`", v.describe(), stringify!($t)
                    )))
            }
        }

        /// The integer, if it is one that fits.
        impl TryFrom<Value> for $t {
            type Error = Error;
            fn try_from(v: Value) -> Result<$t> {
                <$t>::try_from(&v)
            }
        }
    )*};
}
try_from_int!(i8, u8, i16, u16, i32, u32, i64, u64, isize, usize, i128);

/// The number: a float, or an integer as C converts it.
impl TryFrom<&Value> for f64 {
    type Error = Error;
    fn try_from(v: &Value) -> Result<f64> {
        v.as_f64()
            .ok_or_else(|| Error::Value(format!("{} is not a number", v.describe())))
    }
}

/// The number: a float, or an integer as C converts it.
impl TryFrom<Value> for f64 {
    type Error = Error;
    fn try_from(v: Value) -> Result<f64> {
        f64::try_from(&v)
    }
}

/// A `_Bool` or any integer: zero is false, as C reads it.
impl TryFrom<&Value> for bool {
    type Error = Error;
    fn try_from(v: &Value) -> Result<bool> {
        v.as_int()
            .map(|x| x != 0)
            .ok_or_else(|| Error::Value(format!("{} is not an integer", v.describe())))
    }
}
