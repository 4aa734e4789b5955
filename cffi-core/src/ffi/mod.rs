//! The run-time side of Python's `ffi` object, made sound.
//!
//! | Python cffi | here |
//! | --- | --- |
//! | `ffi.new("int *")` | [`new::<c_int>()`](new) |
//! | `ffi.new("int[]", n)` | [`new_array::<c_int>(n)`](new_array) |
//! | `ffi.from_buffer(a)` | [`from_buffer(&a)`](from_buffer), [`from_buffer_mut(&mut a)`](from_buffer_mut) |
//! | `ffi.cast("T *", p)` | [`cast`] |
//! | `ffi.NULL` | [`null()`](null) |
//! | `ffi.string(p)` | [`string`], [`string_in`], [`string_max`] |
//! | `ffi.buffer(p, n)`, `ffi.unpack(p, n)` | [`buffer`], [`unpack`], [`unpack_mut`] |
//! | `ffi.sizeof`, `ffi.alignof`, `ffi.offsetof` | [`sizeof`], [`alignof`], [`offsetof!`](crate::offsetof) |
//! | `ffi.gc(p, destructor)` | [`gc`] |
//! | `ffi.callback(...)` | [`callback`] (no user data), [`Closure`] (with a `void *` user data) |
//! | `ffi.errno` | [`errno`], [`set_errno`] |
//!
//! Pointer parameters of `unsafe fn` bindings take anything that implements [`IntoCPtr`]: a raw
//! pointer, a reference, a [`Buffer`], an [`Owned`] cell, a `&CStr`. Because buffers and cells
//! borrow what they point into, passing one keeps the borrow checker in charge of lifetimes:
//! a buffer cannot be passed after its `Vec` is dropped.

mod buffer;
mod c_records;
mod callback;
mod cdata;
mod errno;
mod memory;
mod pointer;

/// C's `FILE`, one Rust type in every module that binds `<stdio.h>` or declares `FILE *`.
pub use crate::__private::FILE;
pub use buffer::{AsCBuffer, AsCBufferMut, Buffer, BufferMut, from_buffer, from_buffer_mut};
pub use c_records::{timespec, timeval, tm};
pub use callback::{Callback, Closure, DataFirst, DataLast, callback};
pub use cdata::CType;
pub use errno::{errno, set_errno};
pub use memory::{Gc, Owned, OwnedArray, alignof, gc, new, new_array, sizeof};
pub use pointer::{
    Cast, IntoCPtr, Null, buffer, cast, cstring, null, string, string_in, string_max, unpack,
    unpack_mut,
};
