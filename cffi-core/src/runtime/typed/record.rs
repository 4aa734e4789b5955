//! Structs by value and behind pointers in typed handles: Rust structs made by
//! [`c_record!`](crate::c_record), matched member by member against the C struct.

use super::args::{CArg, Pointee};
use super::sealed;
use crate::runtime::ctype::{CType, Shape};

/// A Rust type that may be a field of a [`CRecord`]: what [`CArg`] takes (records included),
/// and arrays of these.
pub trait CField: sealed::Sealed {
    /// Whether this type is C's field type `c`.
    #[doc(hidden)]
    fn field_matches(c: &CType) -> bool;
    /// The type as Rust spells it, for errors.
    #[doc(hidden)]
    fn rust_name() -> String;
}

impl<T: CArg> CField for T {
    fn field_matches(c: &CType) -> bool {
        T::matches(c)
    }
    fn rust_name() -> String {
        <T as CArg>::rust_name()
    }
}

impl<T: CField, const N: usize> sealed::Sealed for [T; N] {}

impl<T: CField, const N: usize> CField for [T; N] {
    fn field_matches(c: &CType) -> bool {
        matches!(c.shape(), Shape::Array(elem, Some(n)) if n == N as u64 && T::field_matches(&c.with(elem.clone())))
    }
    fn rust_name() -> String {
        format!("[{}; {N}]", T::rust_name())
    }
}

/// One field of a [`CRecord`], as [`c_record!`](crate::c_record) lists it.
#[doc(hidden)]
#[derive(Debug)]
pub struct RecordField {
    name: &'static str,
    offset: usize,
    matches: fn(&CType) -> bool,
    rust_name: fn() -> String,
}

impl RecordField {
    /// Field `name` of type `T` at byte `offset`.
    pub fn new<T: CField>(name: &'static str, offset: usize) -> RecordField {
        RecordField {
            name,
            offset,
            matches: T::field_matches,
            rust_name: T::rust_name,
        }
    }
}

/// A `#[repr(C)]` Rust struct that stands for a C struct passed or returned by value in a
/// typed handle, made by [`c_record!`](crate::c_record). It matches a C struct with the same
/// size and alignment whose members are, in order, fields of the same names at the same
/// offsets and of matching types (no bit-fields, anonymous members or flexible arrays, and not
/// a union): Rust's compiler then passes it as C's does.
///
/// # Safety
///
/// `Self` is `#[repr(C)]` and [`CRecord::fields`] lists every field, in order, with its
/// offset and type.
pub unsafe trait CRecord: Copy + 'static {
    /// The fields, in order.
    #[doc(hidden)]
    fn fields() -> Vec<RecordField>;
    /// The struct's name in Rust.
    #[doc(hidden)]
    fn rust_name() -> String;
}

impl<T: CRecord> sealed::Sealed for T {}

impl<T: CRecord> CArg for T {
    fn matches(c: &CType) -> bool {
        record_mismatch::<T>(c).is_none()
    }
    fn detail(c: &CType) -> Option<String> {
        record_mismatch::<T>(c)
    }
    fn rust_name() -> String {
        <T as CRecord>::rust_name()
    }
}

impl<T: CRecord> Pointee for T {
    fn pointee_matches(c: &CType) -> bool {
        record_mismatch::<T>(c).is_none()
    }
    fn rust_name() -> String {
        <T as CRecord>::rust_name()
    }
}

/// Why Rust struct `T` is not C type `c`, if it is not.
pub(crate) fn record_mismatch<T: CRecord>(c: &CType) -> Option<String> {
    let Shape::Record(id) = c.shape() else {
        return Some("it is not a struct".into());
    };
    let record = c.module.record(id);
    if record.kind != cffi_frontend::RecordKind::Struct {
        return Some("a union has no Rust struct standing for it".into());
    }
    let (Some(fields), Ok(layout)) = (
        &record.fields,
        cffi_frontend::layout::record_layout(&c.module, id),
    ) else {
        return Some("its layout is not known".into());
    };
    if layout.size != size_of::<T>() as u64 || layout.align != align_of::<T>() as u64 {
        return Some(format!(
            "its size and alignment are {} and {}, the Rust struct's {} and {}",
            layout.size,
            layout.align,
            size_of::<T>(),
            align_of::<T>()
        ));
    }
    let rust = T::fields();
    if rust.len() != fields.len() {
        return Some(format!(
            "it has {} members, the Rust struct {}",
            fields.len(),
            rust.len()
        ));
    }
    for ((f, l), r) in fields.iter().zip(&layout.fields).zip(&rust) {
        let ty = c.with(f.ty.clone());
        let plain = f.name.as_deref() == Some(r.name) && f.bit_width.is_none();
        if !plain || l.offset_bits / 8 != r.offset as u64 || !(r.matches)(&ty) {
            return Some(format!(
                "member `{}` is `{}` at byte {}, the Rust field `{}` is `{}` at byte {}",
                f.name.as_deref().unwrap_or("(unnamed)"),
                ty.name(),
                l.offset_bits / 8,
                r.name,
                (r.rust_name)(),
                r.offset
            ));
        }
    }
    None
}

/// A `#[repr(C)]` struct that stands for a C struct in typed handles ([`CRecord`]): its fields
/// are listed with their offsets, and it derives `Clone` and `Copy`.
///
/// ```
/// use std::ffi::c_int;
/// use cffi_core::runtime::Ffi;
///
/// cffi_core::c_record! {
///     #[derive(Debug, PartialEq)]
///     pub struct Div { pub quot: c_int, pub rem: c_int }
/// }
///
/// let mut ffi = Ffi::new();
/// ffi.cdef("typedef struct { int quot; int rem; } div_t; div_t div(int, int);").unwrap();
/// let libc = unsafe { ffi.dlopen("c") }.unwrap();
/// let div = libc.function("div").unwrap();
/// let div = div.typed::<unsafe extern "C" fn(c_int, c_int) -> Div>().unwrap();
/// // SAFETY: `div` is declared as the C library defines it.
/// assert_eq!(unsafe { div.call((7, 2)) }, Div { quot: 3, rem: 1 });
/// ```
#[macro_export]
macro_rules! c_record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $($(#[$fmeta:meta])* $fvis:vis $field:ident : $ty:ty),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[repr(C)]
        #[derive(Clone, Copy)]
        $vis struct $name {
            $($(#[$fmeta])* $fvis $field: $ty),*
        }

        // SAFETY: `#[repr(C)]`, with every field listed in order at its offset.
        unsafe impl $crate::runtime::CRecord for $name {
            fn fields() -> ::std::vec::Vec<$crate::runtime::RecordField> {
                ::std::vec![$(
                    $crate::runtime::RecordField::new::<$ty>(
                        ::core::stringify!($field),
                        ::core::mem::offset_of!($name, $field),
                    )
                ),*]
            }
            fn rust_name() -> ::std::string::String {
                ::core::stringify!($name).into()
            }
        }
    };
}
