//! Typed handles: a function looked up at run time, checked once against a Rust function
//! pointer type, then called as that type, at the cost of a plain indirect call.
//!
//! The check compares what the calling convention depends on and what Rust's types promise:
//! the number of parameters, each parameter's and the result's kind, size and signedness,
//! what pointers point to (`*const` only where C's pointee is `const`), and function
//! pointers' own signatures. Rust's compiler then passes the arguments as C's does, since the
//! types are the ones C declares.

mod args;
mod record;

use std::ffi::c_void;
use std::fmt;
use std::sync::Arc;

use super::ctype::CType;
use super::error::{Error, Result};
use crate::Library;

pub(crate) use args::signature;
pub use args::{CArg, CResult, Pointee};
pub use record::{CField, CRecord, RecordField};

pub(crate) mod sealed {
    pub trait Sealed {}
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
