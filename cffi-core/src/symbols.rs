//! The functions of an ABI-mode library owner: their addresses, resolved once at load into one
//! table, and calls through an address with the function type that the call's own arguments
//! and result give.
//!
//! Why a table: a typed function-pointer field per C function, each resolved by a statement of
//! its own, writes the function's type twice and costs some forty tokens per function, which
//! in a header of a thousand functions is most of the expansion. A table indexed by a constant
//! costs one string per function, and a call through it is the same load and indirect call as
//! through a field.

use core::ffi::c_void;

use crate::__private::Library;

/// The addresses of `N` functions of a loaded library, in the order the owner declares them.
/// Which ones may be absent is fixed at load: [`Symbols::required`] makes a table with none
/// absent, [`Symbols::optional`] one whose absent entries are null.
#[derive(Debug)]
pub struct Symbols<const N: usize> {
    addresses: [*mut c_void; N],
    /// The symbols, for the panic of a call to an absent one (a constant of the generated
    /// code: one pointer, not a copy per owner).
    names: &'static [&'static str; N],
}

// SAFETY: the table holds addresses of code in a loaded library, written once at load and only
// read afterwards; calling through one is `unsafe` for whoever does it, whatever the thread.
unsafe impl<const N: usize> Send for Symbols<N> {}
// SAFETY: as for `Send`: nothing is written through `&Symbols`.
unsafe impl<const N: usize> Sync for Symbols<N> {}

impl<const N: usize> Symbols<N> {
    /// Resolves every name, or `None` after noting each missing one in `missing`.
    pub fn required(
        lib: &Library,
        names: &'static [&'static str; N],
        missing: &mut Vec<String>,
    ) -> Option<Self> {
        let before = missing.len();
        let table = Self::optional(lib, names, missing);
        (missing.len() == before).then_some(table)
    }

    /// Resolves every name; a missing one is null in the table and noted in `missing`.
    pub fn optional(
        lib: &Library,
        names: &'static [&'static str; N],
        missing: &mut Vec<String>,
    ) -> Self {
        let addresses = core::array::from_fn(|i| {
            lib.address(names[i], missing)
                .unwrap_or(core::ptr::null_mut())
        });
        Symbols { addresses, names }
    }

    /// Entry `i` of a table made by [`Symbols::required`]: never null.
    #[inline(always)]
    pub fn get(&self, i: usize) -> *mut c_void {
        self.addresses[i]
    }

    /// Entry `i` of a table made by [`Symbols::optional`], or `None` if the library lacks it.
    #[inline(always)]
    pub fn find(&self, i: usize) -> Option<*mut c_void> {
        Some(self.addresses[i]).filter(|p| !p.is_null())
    }

    /// Entry `i` of an imported header's table: a build of the library may leave a function
    /// out, and calling it then panics, naming it.
    #[inline(always)]
    pub fn lazy(&self, i: usize) -> *mut c_void {
        match self.find(i) {
            Some(p) => p,
            None => crate::__private::absent(self.names[i]),
        }
    }
}

/// Calls the C function at `f` with `args`, a tuple, as `unsafe extern "C" fn(args...) -> R`.
///
/// # Safety
///
/// `f` must be the address of a C function of exactly that type (each argument's type and the
/// result's, as Rust lays them out for C), and the call must meet the function's own contract.
#[inline(always)]
pub unsafe fn call<R, A: Args<R>>(f: *mut c_void, args: A) -> R {
    // SAFETY: the caller's.
    unsafe { args.call(f) }
}

/// A tuple of arguments that a C function of type `unsafe extern "C" fn(...) -> R` takes.
pub trait Args<R> {
    /// Calls `f` with these arguments.
    ///
    /// # Safety
    ///
    /// As [`call`].
    unsafe fn call(self, f: *mut c_void) -> R;
}

// Tuples of up to 24 arguments: the generator (`cffi-codegen`'s `abi::MAX_ARGS`) spells out the
// function type of a C function with more.
macro_rules! args {
    ($($t:ident $v:ident),*) => {
        impl<R, $($t),*> Args<R> for ($($t,)*) {
            #[inline(always)]
            unsafe fn call(self, f: *mut c_void) -> R {
                // SAFETY: the caller's: `f` is a function of this type.
                let f = unsafe {
                    core::mem::transmute::<*mut c_void, unsafe extern "C" fn($($t),*) -> R>(f)
                };
                let ($($v,)*) = self;
                // SAFETY: the caller's.
                unsafe { f($($v),*) }
            }
        }
    };
}

// `Args` for every tuple of up to 24 elements: the list, then each shorter list without its
// first element (the names do not matter, only the count).
macro_rules! all_args {
    () => {
        args!();
    };
    ($t:ident $v:ident $(, $rest_t:ident $rest_v:ident)*) => {
        args!($t $v $(, $rest_t $rest_v)*);
        all_args!($($rest_t $rest_v),*);
    };
}

all_args!(
    A0 a0, A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7, A8 a8, A9 a9, A10 a10, A11 a11,
    A12 a12, A13 a13, A14 a14, A15 a15, A16 a16, A17 a17, A18 a18, A19 a19, A20 a20, A21 a21,
    A22 a22, A23 a23
);
