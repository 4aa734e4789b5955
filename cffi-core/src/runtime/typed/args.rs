//! The Rust types a typed handle's parameters and result may be, and how each is matched
//! against a C type: integers, `bool`, floats, raw pointers, function pointers, `()`.

use std::ffi::c_void;

use cffi_frontend::{IntKind, TypeKind};

use super::CFn;
use super::sealed;
use crate::runtime::ctype::{CType, Shape};

/// A Rust type that stands for a C parameter or result in a typed handle: the integers
/// (`i8` to `u64`, `isize`, `usize`, and so `c_int`, `c_long`...), `bool` for `_Bool`, `f32`,
/// `f64`, raw pointers to such types (or to `c_void`, which stands for any pointee), and
/// `Option<unsafe extern "C" fn(...) -> R>` for a C function pointer.
pub trait CArg: sealed::Sealed + Copy {
    /// Whether a value of this type is passed as one of C type `c`.
    #[doc(hidden)]
    fn matches(c: &CType) -> bool;
    /// More about why this type is not `c`, where there is more to say than the two types.
    #[doc(hidden)]
    fn detail(_c: &CType) -> Option<String> {
        None
    }
    /// The type as Rust spells it, for errors.
    #[doc(hidden)]
    fn rust_name() -> String;
}

/// A Rust type that a pointer in a typed handle may point to: what [`CArg`] takes (records
/// of [`c_record!`](crate::c_record) included), `c_void` (any pointee) and pointers to these.
pub trait Pointee: sealed::Sealed {
    /// Whether this type is C's `c` behind a pointer.
    #[doc(hidden)]
    fn pointee_matches(c: &CType) -> bool;
    /// The type as Rust spells it, for errors.
    #[doc(hidden)]
    fn rust_name() -> String;
}

/// A Rust type that stands for a C result: what [`CArg`] takes, and `()` for `void`.
pub trait CResult: sealed::Sealed {
    /// Whether this type is C result type `c`.
    #[doc(hidden)]
    fn matches_result(c: &CType) -> bool;
    /// More about why this type is not `c` ([`CArg::detail`]).
    #[doc(hidden)]
    fn result_detail(_c: &CType) -> Option<String> {
        None
    }
    /// The type as Rust spells it, for errors.
    #[doc(hidden)]
    fn rust_name() -> String;
}

fn is_int(c: &CType, size: usize, signed: bool) -> bool {
    matches!(c.shape(), Shape::Int { size: s, signed: g, bool_: false }
        if usize::from(s) == size && g == signed)
}

/// C's plain `char`, which both `i8` and `u8` may point to (it is a third type in C, signed
/// or not by target).
fn is_plain_char(c: &CType) -> bool {
    matches!(c.module.resolve(&c.ty).kind, TypeKind::Int(IntKind::Char))
}

macro_rules! int_types {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl CArg for $t {
            fn matches(c: &CType) -> bool {
                is_int(c, size_of::<$t>(), <$t>::MIN != 0)
            }
            fn rust_name() -> String {
                stringify!($t).into()
            }
        }
        impl Pointee for $t {
            fn pointee_matches(c: &CType) -> bool {
                <$t as CArg>::matches(c) || (size_of::<$t>() == 1 && is_plain_char(c))
            }
            fn rust_name() -> String {
                stringify!($t).into()
            }
        }
    )*};
}
int_types!(i8, u8, i16, u16, i32, u32, i64, u64, isize, usize);

macro_rules! scalar_types {
    ($($t:ty => $shape:pat),*) => {$(
        impl sealed::Sealed for $t {}
        impl CArg for $t {
            fn matches(c: &CType) -> bool {
                matches!(c.shape(), $shape)
            }
            fn rust_name() -> String {
                stringify!($t).into()
            }
        }
        impl Pointee for $t {
            fn pointee_matches(c: &CType) -> bool {
                <$t as CArg>::matches(c)
            }
            fn rust_name() -> String {
                stringify!($t).into()
            }
        }
    )*};
}
scalar_types!(
    bool => Shape::Int { bool_: true, .. },
    f32 => Shape::Float(4),
    f64 => Shape::Float(8)
);

impl sealed::Sealed for c_void {}
impl Pointee for c_void {
    fn pointee_matches(_: &CType) -> bool {
        true
    }
    fn rust_name() -> String {
        "c_void".into()
    }
}

/// What a pointer type `c` points to, if it is a pointer, with whether that is `const`.
fn pointee(c: &CType) -> Option<(CType, bool)> {
    let Shape::Pointer(to) = c.shape() else {
        return None;
    };
    let is_const = to.quals.is_const || c.module.resolve(&to).quals.is_const;
    Some((c.with(to), is_const))
}

/// Whether Rust pointee `T` is C pointee `to`: C's `void *` takes any object pointer.
fn pointee_is<T: Pointee + ?Sized>(to: &CType) -> bool {
    matches!(to.shape(), Shape::Void) || T::pointee_matches(to)
}

impl<T: Pointee + ?Sized> sealed::Sealed for *mut T {}
impl<T: Pointee + ?Sized> sealed::Sealed for *const T {}

impl<T: Pointee + ?Sized> CArg for *mut T {
    fn matches(c: &CType) -> bool {
        pointee(c).is_some_and(|(to, _)| pointee_is::<T>(&to))
    }
    fn rust_name() -> String {
        format!("*mut {}", T::rust_name())
    }
}

impl<T: Pointee + ?Sized> CArg for *const T {
    fn matches(c: &CType) -> bool {
        pointee(c).is_some_and(|(to, is_const)| is_const && pointee_is::<T>(&to))
    }
    fn rust_name() -> String {
        format!("*const {}", T::rust_name())
    }
}

impl<T: Pointee + ?Sized> Pointee for *mut T {
    fn pointee_matches(c: &CType) -> bool {
        <*mut T as CArg>::matches(c)
    }
    fn rust_name() -> String {
        <*mut T as CArg>::rust_name()
    }
}

impl<T: Pointee + ?Sized> Pointee for *const T {
    fn pointee_matches(c: &CType) -> bool {
        <*const T as CArg>::matches(c)
    }
    fn rust_name() -> String {
        <*const T as CArg>::rust_name()
    }
}

impl<F: CFn> sealed::Sealed for Option<F> {}

impl<F: CFn> CArg for Option<F> {
    fn matches(c: &CType) -> bool {
        let Some((to, _)) = pointee(c) else {
            return false;
        };
        let TypeKind::Function(f) = to.module.resolve(&to.ty).kind else {
            return false;
        };
        let (params, ret) = signature(&to, &f);
        F::mismatch(&params, &ret, f.variadic).is_none()
    }
    fn rust_name() -> String {
        format!("Option<{}>", F::rust_name())
    }
}

/// The parameters (arrays and functions decayed to pointers) and result of `f`, a function
/// type of `within`'s declarations.
pub(crate) fn signature(within: &CType, f: &cffi_frontend::FnType) -> (Vec<CType>, CType) {
    let passed = |t: &cffi_frontend::Type| {
        let t = within.with(t.clone());
        match t.shape() {
            Shape::Function => t.with((*t.ty).clone().pointer_to()),
            _ => t.decayed(),
        }
    };
    (
        f.params.iter().map(|p| passed(&p.ty)).collect(),
        passed(&f.ret),
    )
}

impl CResult for () {
    fn matches_result(c: &CType) -> bool {
        matches!(c.shape(), Shape::Void)
    }
    fn rust_name() -> String {
        "()".into()
    }
}

impl sealed::Sealed for () {}

impl<T: CArg> CResult for T {
    fn matches_result(c: &CType) -> bool {
        T::matches(c)
    }
    fn result_detail(c: &CType) -> Option<String> {
        T::detail(c)
    }
    fn rust_name() -> String {
        <T as CArg>::rust_name()
    }
}
