//! The run-time side of Python's `ffi` object, made sound.
//!
//! | Python cffi | here |
//! | --- | --- |
//! | `ffi.new("int *")` | [`new::<c_int>()`](new) |
//! | `ffi.new("int[]", n)` | [`new_array::<c_int>(n)`](new_array) |
//! | `ffi.new("struct point *", [1, 2])`, `ffi.new("int[]", [1, 2, 3])` | [`new_with(point { x: 1, y: 2 })`](new_with), [`new_array_from(&[1, 2, 3])`](new_array_from) |
//! | `ffi.new_handle(obj)`, `ffi.from_handle(p)` | [`new_handle`], [`from_handle`] |
//! | `ffi.string(p)` on a `wchar_t *` | [`wstring`] |
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
mod handle;
mod memory;
mod pointer;
mod pthread;
mod wide;

/// C's `FILE`, one Rust type in every module that binds `<stdio.h>` or declares `FILE *`.
pub use crate::__private::FILE;
pub use buffer::{AsCBuffer, AsCBufferMut, Buffer, BufferMut, from_buffer, from_buffer_mut};
pub use c_records::{timespec, timeval, tm};
pub use callback::{Callback, Closure, DataFirst, DataLast, callback};
pub use cdata::CType;
pub use errno::{errno, set_errno};
pub use handle::{Handle, from_handle, new_handle};
pub use memory::{
    Gc, Owned, OwnedArray, alignof, gc, new, new_array, new_array_from, new_with, sizeof,
};
pub use pthread::{Pthread, kind as pthread_kind};
/// C's `wchar_t`: `i32` on Linux x86, `u32` on Linux Arm, `u16` on Windows.
#[allow(non_camel_case_types)]
pub type wchar_t = crate::__private::c_wchar;
pub use pointer::{
    Cast, IntoCPtr, Null, buffer, cast, cstring, null, string, string_in, string_max, unpack,
    unpack_mut,
};
pub use wide::wstring;
