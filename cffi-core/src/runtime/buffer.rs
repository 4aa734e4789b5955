//! Rust slices lent to C as typed pointers (`ffi.from_buffer`): the element type the
//! spelling names must be the slice's, in size and kind.

use std::ffi::c_void;

use super::ctype::{CType, Shape};
use super::error::{Error, Result};
use super::value::{Pointed, Pointer};

/// Rust element types a buffer may hold, with the C shape each is.
pub trait Element: Copy + private::Sealed {
    /// `Int { size, signed }` or `Float(size)` as the C type must be.
    #[doc(hidden)]
    const SHAPE: (u8, Option<bool>);
}

mod private {
    pub trait Sealed {}
}

macro_rules! element {
    ($($t:ty => $signed:expr),*) => {$(
        impl private::Sealed for $t {}
        impl Element for $t {
            const SHAPE: (u8, Option<bool>) = (size_of::<$t>() as u8, $signed);
        }
    )*};
}
element!(
    i8 => Some(true), u8 => Some(false), i16 => Some(true), u16 => Some(false),
    i32 => Some(true), u32 => Some(false), i64 => Some(true), u64 => Some(false),
    isize => Some(true), usize => Some(false), f32 => None, f64 => None
);

/// The element type of `ty` (`double *` or `double[]`), checked against `T`.
pub(crate) fn element_of<T: Element>(ty: &CType, spelling: &str) -> Result<CType> {
    let elem = match ty.shape() {
        Shape::Pointer(e) | Shape::Array(e, _) => ty.with(e),
        _ => {
            return Err(Error::Value(format!(
                "`from_buffer` needs a pointer or array type (`\"double *\"`), not `{spelling}`"
            )));
        }
    };
    let fits = match (elem.shape(), T::SHAPE) {
        (
            Shape::Int {
                size,
                signed,
                bool_: false,
            },
            (n, Some(s)),
        ) => size == n && signed == s,
        (Shape::Float(size), (n, None)) => size == n,
        _ => false,
    };
    if !fits {
        return Err(Error::Value(format!(
            "a buffer of `{}` is not an array of `{}`",
            std::any::type_name::<T>(),
            elem.name()
        )));
    }
    Ok(elem)
}

/// A pointer to the first element of `buf`, typed as `elem`.
pub(crate) fn pointer_to<T>(elem: CType, buf: *const [T]) -> Pointer {
    Pointer {
        addr: buf.cast::<c_void>().cast_mut(),
        pointee: Pointed::new(elem),
    }
}
