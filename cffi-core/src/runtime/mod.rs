//! Run-time mode: C declarations read while the program runs, as Python cffi's in-line ABI
//! mode (`ffi.cdef` + `ffi.dlopen`), for programs that learn their C signatures at run time:
//! an interpreter offering an FFI to its scripts, a plugin host reading a plugin's header, a
//! tool calling a function named on its command line. Enable the `runtime` feature.
//!
//! The declarations go through the same front end and layout engine as [`cdef!`](crate::cdef),
//! each `cdef` reading only its own text, and libraries open with the same name resolution as
//! ABI mode. Calls whose arguments travel in registers are made directly from inline
//! assembly, the others through libffi; [`Function::typed`] turns a function into a typed
//! handle checked once against a Rust function pointer type, called at a plain call's cost.
//! Every value is checked against the declarations when it crosses to C: a wrong number or
//! kind of arguments, a field that does not exist, an integer out of its C type's range is
//! an [`Error`], never undefined behaviour. What cannot be checked (that a declaration
//! matches the library, that a pointer is alive, what C does with it) is behind `unsafe`.
//!
//! ```
//! use cffi_core::runtime::{Ffi, Value};
//!
//! let mut ffi = Ffi::new();
//! ffi.cdef("int abs(int); struct div { int quot, rem; };").unwrap();
//! let libc = unsafe { ffi.dlopen("c") }.unwrap();
//! let abs = libc.function("abs").unwrap();
//! // SAFETY: `abs` is declared as the C library defines it.
//! assert_eq!(unsafe { abs.call(&[Value::Int(-3)]) }.unwrap(), Value::Int(3));
//! // Checked: too many arguments, or a value `int` cannot hold, is an error.
//! assert!(unsafe { abs.call(&[Value::Int(1), Value::Int(2)]) }.is_err());
//! assert!(unsafe { abs.call(&[Value::Int(1 << 40)]) }.is_err());
//!
//! let mut d = ffi.new_object("struct div *").unwrap();
//! d.set("rem", 7).unwrap();
//! assert_eq!(d.get("rem").unwrap(), Value::Int(7));
//! assert!(d.get("remainder").is_err());
//! ```

mod api_only;
mod buffer;
mod call;
mod callback;
mod cdata;
mod cdata_access;
mod convert;
mod ctype;
mod direct;
mod error;
mod ffi;
mod libffi_types;
mod library;
mod place;
mod pointer;
mod stateful;
mod sysv;
mod type_cache;
mod type_names;
mod typed;
mod value;
mod value_access;
mod x87;

#[cfg(test)]
mod tests;

pub use buffer::Element;
pub use call::Function;
pub use callback::Callback;
pub use cdata::CData;
pub use ctype::{CType, Kind};
pub use error::{Error, Result};
pub use ffi::Ffi;
pub use library::Lib;
pub use stateful::StatefulCallback;
pub use typed::{CArg, CField, CFn, CRecord, CResult, Pointee, RecordField, Typed};
pub use value::{Pointer, Value};
