//! Typed handles: a function looked up at run time, checked once against a Rust function
//! pointer type, then called as that type, at the cost of a plain indirect call.
//!
//! The check compares what the calling convention depends on and what Rust's types promise:
//! the number of parameters, each parameter's and the result's kind, size and signedness,
//! what pointers point to (`*const` only where C's pointee is `const`), and function
//! pointers' own signatures. Rust's compiler then passes the arguments as C's does, since the
//! types are the ones C declares.

use std::ffi::c_void;
use std::fmt;
use std::sync::Arc;

use cffi_frontend::{IntKind, TypeKind};

use super::ctype::{CType, Shape};
use super::error::{Error, Result};
use crate::Library;

mod sealed {
    pub trait Sealed {}
}

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

/// An `unsafe extern "C" fn` type of up to 12 [`CArg`] parameters and a [`CResult`]: the
/// shape of a [`Typed`] handle.
///
/// # Safety
///
/// Implemented only here, for function pointer types, whose values [`CFn::from_code`] makes
/// from a code address.
pub unsafe trait CFn: sealed::Sealed + Copy {
    /// The arguments, as a tuple (`(c_int,)` for one).
    type Args;
    /// The result (`()` for `void`).
    type Output;
    /// Why C's signature (parameters, result, variadic) is not this type's, if it is not.
    #[doc(hidden)]
    fn mismatch(params: &[CType], ret: &CType, variadic: bool) -> Option<String>;
    /// The type as Rust spells it, for errors.
    #[doc(hidden)]
    fn rust_name() -> String;
    /// The function at `code`.
    ///
    /// # Safety
    ///
    /// `code` is a function of this type.
    #[doc(hidden)]
    unsafe fn from_code(code: *mut c_void) -> Self;
    /// Calls the function.
    ///
    /// # Safety
    ///
    /// As calling the function pointer.
    #[doc(hidden)]
    unsafe fn invoke(self, args: Self::Args) -> Self::Output;
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

/// One Rust type of a signature: whether it is a C type, its spelling, and more about a
/// mismatch.
type Side = (
    fn(&CType) -> bool,
    fn() -> String,
    fn(&CType) -> Option<String>,
);

/// The first difference between a C signature and a Rust one, in words.
fn first_mismatch(
    params: &[CType],
    ret: &CType,
    variadic: bool,
    rust: &[Side],
    rust_ret: Side,
) -> Option<String> {
    if variadic {
        return Some(
            "it is variadic, which a typed handle cannot call: use `call_variadic`".into(),
        );
    }
    if params.len() != rust.len() {
        return Some(format!(
            "C declares {} parameter{}, the Rust type {}",
            params.len(),
            if params.len() == 1 { "" } else { "s" },
            rust.len()
        ));
    }
    for (i, (c, (matches, name, detail))) in params.iter().zip(rust).enumerate() {
        if !matches(c) {
            let detail = detail(c).map(|d| format!(" ({d})")).unwrap_or_default();
            return Some(format!(
                "parameter {} is `{}` in C but `{}` in Rust{detail}",
                i + 1,
                c.name(),
                name()
            ));
        }
    }
    let (matches, name, detail) = rust_ret;
    (!matches(ret)).then(|| {
        let detail = detail(ret).map(|d| format!(" ({d})")).unwrap_or_default();
        format!(
            "the result is `{}` in C but `{}` in Rust{detail}",
            ret.name(),
            name()
        )
    })
}

macro_rules! fn_types {
    ($($a:ident : $A:ident),*) => {
        impl<R: CResult, $($A: CArg),*> sealed::Sealed for unsafe extern "C" fn($($A),*) -> R {}

        // SAFETY: a function pointer type, made from the address of a function of that type.
        unsafe impl<R: CResult, $($A: CArg),*> CFn for unsafe extern "C" fn($($A),*) -> R {
            type Args = ($($A,)*);
            type Output = R;

            fn mismatch(params: &[CType], ret: &CType, variadic: bool) -> Option<String> {
                let rust: &[Side] = &[$((
                    <$A as CArg>::matches,
                    <$A as CArg>::rust_name,
                    <$A as CArg>::detail,
                )),*];
                first_mismatch(
                    params,
                    ret,
                    variadic,
                    rust,
                    (R::matches_result, <R as CResult>::rust_name, R::result_detail),
                )
            }

            fn rust_name() -> String {
                let params: &[String] = &[$(<$A as CArg>::rust_name()),*];
                match <R as CResult>::rust_name().as_str() {
                    "()" => format!("unsafe extern \"C\" fn({})", params.join(", ")),
                    r => format!("unsafe extern \"C\" fn({}) -> {r}", params.join(", ")),
                }
            }

            unsafe fn from_code(code: *mut c_void) -> Self {
                // SAFETY: the caller's promise: `code` is a function of this type.
                unsafe { std::mem::transmute::<*mut c_void, Self>(code) }
            }

            #[inline(always)]
            unsafe fn invoke(self, ($($a,)*): Self::Args) -> R {
                // SAFETY: the caller's promise.
                unsafe { self($($a),*) }
            }
        }
    };
}

fn_types!();
fn_types!(a: A);
fn_types!(a: A, b: B);
fn_types!(a: A, b: B, c: C);
fn_types!(a: A, b: B, c: C, d: D);
fn_types!(a: A, b: B, c: C, d: D, e: E);
fn_types!(a: A, b: B, c: C, d: D, e: E, f: F);
fn_types!(a: A, b: B, c: C, d: D, e: E, f: F, g: G);
fn_types!(a: A, b: B, c: C, d: D, e: E, f: F, g: G, h: H);
fn_types!(a: A, b: B, c: C, d: D, e: E, f: F, g: G, h: H, i: I);
fn_types!(a: A, b: B, c: C, d: D, e: E, f: F, g: G, h: H, i: I, j: J);
fn_types!(a: A, b: B, c: C, d: D, e: E, f: F, g: G, h: H, i: I, j: J, k: K);
fn_types!(a: A, b: B, c: C, d: D, e: E, f: F, g: G, h: H, i: I, j: J, k: K, l: L);

/// A function of an opened library as a Rust function pointer type `F`, checked against its
/// declaration when made ([`Function::typed`](super::Function::typed)). Calling it costs a
/// plain indirect call; the library stays open while the handle lives.
///
/// ```
/// use std::ffi::c_int;
/// use cffi_core::runtime::Ffi;
///
/// let mut ffi = Ffi::new();
/// ffi.cdef("int abs(int);").unwrap();
/// let libc = unsafe { ffi.dlopen("c") }.unwrap();
/// let abs = libc.function("abs").unwrap();
/// let abs = abs.typed::<unsafe extern "C" fn(c_int) -> c_int>().unwrap();
/// // SAFETY: `abs` is declared as the C library defines it.
/// assert_eq!(unsafe { abs.call((-3,)) }, 3);
/// // The declaration says `int abs(int)`: another type is refused, naming both.
/// let f = libc.function("abs").unwrap();
/// assert!(f.typed::<unsafe extern "C" fn(f64) -> f64>().is_err());
/// ```
pub struct Typed<F: CFn> {
    code: F,
    name: Arc<str>,
    _lib: Arc<Library>,
}

impl<F: CFn> Clone for Typed<F> {
    fn clone(&self) -> Self {
        Typed {
            code: self.code,
            name: self.name.clone(),
            _lib: self._lib.clone(),
        }
    }
}

impl<F: CFn> fmt::Debug for Typed<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Typed({}: {})", self.name, F::rust_name())
    }
}

impl<F: CFn> Typed<F> {
    /// Checks `F` against the declared signature of function `name` at `code`.
    pub(crate) fn new(
        name: &str,
        decl: (&[CType], &CType, bool),
        c_type: &CType,
        code: *mut c_void,
        lib: Arc<Library>,
    ) -> Result<Typed<F>> {
        let (params, ret, variadic) = decl;
        if let Some(why) = F::mismatch(params, ret, variadic) {
            return Err(Error::Value(format!(
                "`{name}` is declared as `{}`, which `{}` is not: {why}",
                c_type.name(),
                F::rust_name()
            )));
        }
        Ok(Typed {
            // SAFETY: the declaration says the function at `code` has C's signature, which
            // `F` was just checked to be.
            code: unsafe { F::from_code(code) },
            name: name.into(),
            _lib: lib,
        })
    }

    /// The function's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Calls the function with `args`, a tuple (`(x,)` for one argument, `()` for none).
    ///
    /// # Safety
    ///
    /// As [`Function::call`](super::Function::call): the caller vouches that the declaration
    /// matches the library's function, and for what the function does with its arguments.
    #[inline(always)]
    pub unsafe fn call(&self, args: F::Args) -> F::Output {
        // SAFETY: the caller's promise; `code` is a function of type `F`.
        unsafe { self.code.invoke(args) }
    }
}
