//! C's `errno`, for the calling thread.

use std::ffi::c_int;

#[cfg(any(target_os = "linux", target_os = "android", target_os = "emscripten"))]
unsafe extern "C" {
    #[link_name = "__errno_location"]
    fn errno_location() -> *mut c_int;
}

#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
unsafe extern "C" {
    #[link_name = "__error"]
    fn errno_location() -> *mut c_int;
}

#[cfg(any(target_os = "netbsd", target_os = "openbsd"))]
unsafe extern "C" {
    #[link_name = "__errno"]
    fn errno_location() -> *mut c_int;
}

#[cfg(windows)]
unsafe extern "C" {
    #[link_name = "_errno"]
    fn errno_location() -> *mut c_int;
}

/// The calling thread's `errno`: Python's `ffi.errno`. Read it right after the C call that
/// set it; Rust's own I/O may change it.
///
/// ```
/// use cffi_core::ffi;
///
/// ffi::set_errno(34);
/// assert_eq!(ffi::errno(), 34);
/// ```
pub fn errno() -> c_int {
    // SAFETY: the C library gives each thread a valid `errno` location.
    unsafe { *errno_location() }
}

/// Sets the calling thread's `errno`, as C code does before calls that report errors only
/// through it (`strtol`).
pub fn set_errno(value: c_int) {
    // SAFETY: as for `errno`.
    unsafe { *errno_location() = value }
}
