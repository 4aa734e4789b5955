//! Call C from Rust by writing C declarations.
//!
//! Where it sits: the crate users depend on. It re-exports the macros (`cffi-macros`, whose
//! expansion is `cffi-codegen`), holds the run-time support the generated code calls and the
//! primitives of Python cffi's `ffi` object, and, behind the `runtime` feature, run-time
//! mode, which reads declarations with `cffi-frontend` while the program runs. Without that
//! feature it must stay free of the front end and of libffi (ARCHITECTURE.md has the map).
//!
//! cffi-rs is Python's `cffi` for Rust, done at compile time. Paste C declarations into
//! [`cdef!`]; the macro parses them, lays out the structs as the C compiler does, and
//! expands to a module of bindings: `#[repr(C)]` types, constants, and a library owner whose
//! methods call the C functions.
//!
//! # ABI mode: a shared library opened at run time
//!
//! This is `ffi.dlopen` + `ffi.cdef`. Name the library (`"m"` finds `libm.so.6` on Linux),
//! write its declarations, load it, call:
//!
//! ```
//! use cffi_core::cdef;
//!
//! cdef! {
//!     /// The C maths library.
//!     #[cffi(abi, lib = "m")]
//!     pub unsafe mod libm {
//!         double sqrt(double x);
//!         double frexp(double x, int *exp);
//!     }
//! }
//!
//! # fn main() -> Result<(), cffi_core::LoadError> {
//! let m = libm::Lib::load()?;
//! assert_eq!(m.sqrt(4.0), 2.0);
//! let mut exp = 0;
//! let mantissa = unsafe { m.frexp(8.0, &mut exp) };
//! assert_eq!((mantissa, exp), (0.5, 4));
//! # Ok(())
//! # }
//! ```
//!
//! # API mode: C compiled with the crate
//!
//! This is `ffibuilder.set_source` + `compile()`. Name the C (`source = "c/add.c"`, or a
//! header with `include = "<zlib.h>", link = "z"`) and add one line to `build.rs`,
//! `cffi_build::compile();`, with `cffi-build` under `[build-dependencies]`. The C compiler
//! then checks every declaration against the C, `static inline` functions and function-like
//! macros become callable through generated wrappers, and the module has the same surface as
//! in ABI mode. The compiler proves a declaration right, not safe to call (`close(fd)`), so
//! a module without `unsafe` binds every function as an `unsafe fn`; `pub unsafe mod` vouches
//! for its declarations as in ABI mode:
//!
//! ```ignore
//! cdef! {
//!     #[cffi(api, include = "c/evolve.h", source = "c/evolve.c")]
//!     pub unsafe mod heat {
//!         void evolve(double *u, double *u_previous, int nx, int ny,
//!                     double a, double dt, double dx2, double dy2);
//!     }
//! }
//! let lib = heat::Lib::load()?; // always succeeds: the C is linked in
//! ```
//!
//! A header can be bound whole: `#[cffi(api, import = "<zlib.h>", link = "z")] pub mod zlib {}`
//! (or `#[cffi(abi, lib = "z", import = "<zlib.h>")] pub unsafe mod zlib {}`) binds every
//! function, type and constant zlib's headers declare; `allow = "pattern"` narrows it, and
//! `safe = "pattern"` (with `unsafe mod`) names the functions you vouch are safe to call.
//!
//! In API mode `...` leaves details to the C compiler: partial structs
//! (`struct tm { int tm_sec; ...; };`), `#define X ...`, `typedef int... t;`, partial enums
//! and `T x[...]`. [`c_source!`] compiles C written in the Rust file (or a `.c` file of the
//! crate) and binds the functions it defines, with no prototypes to repeat.
//!
//! # Annotations: pointers made safe
//!
//! C cannot say how many elements a pointer has, so a function taking one is an `unsafe fn`.
//! An annotation before the declaration says it, and the method becomes safe when every
//! pointer is covered and the result is a scalar or a record of numbers:
//!
//! ```
//! use cffi_core::cdef;
//!
//! cdef! {
//!     #[cffi(abi, lib = "m")]
//!     pub unsafe mod libm {
//!         /// `exp` is written by the function: it is returned instead.
//!         #[cffi(out(exp))]
//!         double frexp(double x, int *exp);
//!     }
//! }
//!
//! let m = libm::Lib::load().unwrap();
//! assert_eq!(m.frexp(48.0), (0.75, 6));
//! ```
//!
//! | annotation | the parameter becomes |
//! | --- | --- |
//! | `slice(p, n)` | `&[T]` (`const T *p`) or `&mut [T]` (`T *p`); `n` is its length, checked against the other slices of `n` and converted with an overflow check |
//! | `one(p)` | `&T` or `&mut T`: one object, for the call |
//! | `out(p)` | nothing: C writes one `T` through `p`, and the method returns it |
//! | `nullable(p)` | `Option<...>` of what `slice` or `one` gives; `None` passes null |
//! | `optional` (on the function) | the symbol may be missing; the method returns an `Option` |
//!
//! Pointer parameters without annotations take anything that converts with
//! [`ffi::IntoCPtr`]: a raw pointer, a reference, a borrowed buffer from
//! [`ffi::from_buffer`], a cell from [`ffi::new`], a `&CStr`. See [`ffi`] for the rest of
//! Python's `ffi` object: `new`, `from_buffer`, `cast`, `string`, `gc`, callbacks, `errno`.
//!
//! # Run-time mode
//!
//! Programs that learn their C signatures only when they run (an interpreter's FFI, a plugin
//! host, a tool calling a function named on its command line) use `cffi_core::runtime`, with
//! the `runtime` feature: Python cffi's in-line ABI mode, declarations given as text to
//! `Ffi::cdef`, read by the same front end, calls checked against them at run time and made
//! through libffi (or directly, for register-only signatures on x86-64).
//!
//! # Safety
//!
//! Nothing can check at compile time that a shared library really has the functions its
//! declarations describe. The `unsafe` in `pub unsafe mod libm` is where the user vouches for
//! that, once, as with Rust 2024's `unsafe extern` blocks. With that promise made, functions
//! whose parameters and result are all scalars (integers, floats, enums), records of numbers
//! only (no pointer, no `_Bool`), or pointers covered by annotations, are safe methods; every
//! other function that takes or returns a pointer, or a record holding one, is an `unsafe
//! fn`, because C cannot say how much memory a pointer may touch.
//! Annotations are part of the declarations the `unsafe` vouches for, and so is that a
//! function declared with scalars only is safe to call from any thread (the owner is
//! `Send + Sync`). Opening another file than the declared one (`Lib::load_from`) is `unsafe`
//! again: the promise covered only the library the module names. Function pointers never outlive the
//! library: they are private fields of the owner, and calls go through `&self`.

#![warn(missing_docs)]

extern crate self as cffi_core;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod error;
mod extern_slot;
pub mod ffi;
mod library;
#[cfg(feature = "runtime")]
pub mod runtime;
mod symbols;

pub use cffi_macros::{c_source, cdef};
pub use error::LoadError;
pub use library::{Library, LoadOptions};

/// The offset of a field in a struct, in bytes: Python's `ffi.offsetof`.
pub use core::mem::offset_of as offsetof;
