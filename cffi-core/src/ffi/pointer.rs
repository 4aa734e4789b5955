//! Pointers: what may be passed where C takes one, casts, null, and reading C memory back.

use std::ffi::{CStr, CString, NulError, c_char, c_void};

use super::{Buffer, BufferMut, CType, Owned, OwnedArray};

/// Something that can be passed as the C pointer `P` (`*const T` or `*mut T`).
///
/// Borrowing wrappers ([`Buffer`], [`BufferMut`], [`Owned`], references) implement it so that
/// the borrow lasts through the call. A shared [`Buffer`] converts only to `*const T`: C may
/// not write through it.
pub trait IntoCPtr<P> {
    /// The pointer to pass.
    fn into_c_ptr(self) -> P;
}

impl<T> IntoCPtr<*const T> for *const T {
    fn into_c_ptr(self) -> *const T {
        self
    }
}
impl<T> IntoCPtr<*mut T> for *mut T {
    fn into_c_ptr(self) -> *mut T {
        self
    }
}
impl<T> IntoCPtr<*const T> for *mut T {
    fn into_c_ptr(self) -> *const T {
        self
    }
}
impl<T> IntoCPtr<*const T> for &T {
    fn into_c_ptr(self) -> *const T {
        self
    }
}
impl<T> IntoCPtr<*const T> for &mut T {
    fn into_c_ptr(self) -> *const T {
        self
    }
}
impl<T> IntoCPtr<*mut T> for &mut T {
    fn into_c_ptr(self) -> *mut T {
        self
    }
}
impl<T> IntoCPtr<*const T> for &[T] {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T> IntoCPtr<*const T> for &mut [T] {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T> IntoCPtr<*mut T> for &mut [T] {
    fn into_c_ptr(self) -> *mut T {
        self.as_mut_ptr()
    }
}
impl<T> IntoCPtr<*const T> for &Vec<T> {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T> IntoCPtr<*const T> for &mut Vec<T> {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T> IntoCPtr<*mut T> for &mut Vec<T> {
    fn into_c_ptr(self) -> *mut T {
        self.as_mut_ptr()
    }
}
impl<T, const N: usize> IntoCPtr<*const T> for &[T; N] {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T, const N: usize> IntoCPtr<*mut T> for &mut [T; N] {
    fn into_c_ptr(self) -> *mut T {
        self.as_mut_ptr()
    }
}
impl<T> IntoCPtr<*const T> for Buffer<'_, T> {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T> IntoCPtr<*const T> for &Buffer<'_, T> {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T> IntoCPtr<*const T> for &BufferMut<'_, T> {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T> IntoCPtr<*mut T> for &mut BufferMut<'_, T> {
    fn into_c_ptr(self) -> *mut T {
        self.as_mut_ptr()
    }
}
impl<T: CType> IntoCPtr<*const T> for &Owned<T> {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T: CType> IntoCPtr<*mut T> for &mut Owned<T> {
    fn into_c_ptr(self) -> *mut T {
        self.as_mut_ptr()
    }
}
impl<T: CType> IntoCPtr<*const T> for &OwnedArray<T> {
    fn into_c_ptr(self) -> *const T {
        self.as_ptr()
    }
}
impl<T: CType> IntoCPtr<*mut T> for &mut OwnedArray<T> {
    fn into_c_ptr(self) -> *mut T {
        self.as_mut_ptr()
    }
}
impl IntoCPtr<*const c_char> for &CStr {
    fn into_c_ptr(self) -> *const c_char {
        self.as_ptr()
    }
}
impl IntoCPtr<*const c_char> for &CString {
    fn into_c_ptr(self) -> *const c_char {
        self.as_ptr()
    }
}

/// The null pointer, of whatever pointer type C wants: Python's `ffi.NULL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Null;

/// [`Null`]: pass it where C accepts a null pointer.
///
/// ```
/// use cffi_core::ffi::{self, IntoCPtr};
/// use std::ffi::c_char;
///
/// let p: *mut *mut c_char = ffi::null().into_c_ptr();
/// assert!(p.is_null());
/// ```
pub fn null() -> Null {
    Null
}

impl<T> IntoCPtr<*const T> for Null {
    fn into_c_ptr(self) -> *const T {
        std::ptr::null()
    }
}
impl<T> IntoCPtr<*mut T> for Null {
    fn into_c_ptr(self) -> *mut T {
        std::ptr::null_mut()
    }
}

/// Conversions [`cast`] performs: pointer to pointer, pointer to address, address to pointer.
pub trait Cast<To> {
    /// The converted value.
    fn cast_to(self) -> To;
}

impl<T, U> Cast<*const U> for *const T {
    fn cast_to(self) -> *const U {
        self.cast()
    }
}
impl<T, U> Cast<*mut U> for *mut T {
    fn cast_to(self) -> *mut U {
        self.cast()
    }
}
impl<T, U> Cast<*const U> for *mut T {
    fn cast_to(self) -> *const U {
        self.cast_const().cast()
    }
}
impl<T> Cast<usize> for *const T {
    fn cast_to(self) -> usize {
        self as usize
    }
}
impl<T> Cast<usize> for *mut T {
    fn cast_to(self) -> usize {
        self as usize
    }
}
impl<T> Cast<*const T> for usize {
    fn cast_to(self) -> *const T {
        std::ptr::without_provenance(self)
    }
}
impl<T> Cast<*mut T> for usize {
    fn cast_to(self) -> *mut T {
        std::ptr::without_provenance_mut(self)
    }
}

/// Python's `ffi.cast` for pointers: `cast::<*mut c_void, _>(p)`, or to and from `usize`.
/// Casting is safe; what the cast pointer may be used for is not.
///
/// ```
/// use cffi_core::ffi;
/// use std::ffi::c_void;
///
/// let mut x = 5i32;
/// let p: *mut c_void = ffi::cast(&raw mut x);
/// let address: usize = ffi::cast(p);
/// assert_eq!(address, &raw const x as usize);
/// ```
pub fn cast<To, From: Cast<To>>(from: From) -> To {
    from.cast_to()
}

/// A C string for a `const char *` parameter, from Rust text: an interior NUL is an error,
/// never a silent truncation.
///
/// ```
/// assert!(cffi_core::ffi::cstring("naïve").is_ok());
/// assert!(cffi_core::ffi::cstring("a\0b").is_err());
/// ```
pub fn cstring(s: &str) -> Result<CString, NulError> {
    CString::new(s)
}

/// Reads the NUL-terminated string at `p`: Python's `ffi.string(p)`.
///
/// ```
/// let c = c"héllo";
/// // SAFETY: `c` is NUL-terminated and outlives the borrow.
/// let s = unsafe { cffi_core::ffi::string(c.as_ptr()) };
/// assert_eq!(s.to_str(), Ok("héllo"));
/// ```
///
/// # Safety
///
/// `p` must point to a NUL-terminated string that stays valid and unchanged for `'a`: a
/// string returned by a library lives at most as long as the library (bound `'a` to it).
pub unsafe fn string<'a>(p: *const c_char) -> &'a CStr {
    // SAFETY: the caller's promise.
    unsafe { CStr::from_ptr(p) }
}

/// Reads the NUL-terminated string at `p`, borrowed for as long as `owner`: the usual case
/// of a string owned by a library (`zlibVersion()`), read back through the library's owner.
///
/// ```
/// let owner = std::ffi::CString::new("kept").unwrap();
/// // SAFETY: the string lives as long as `owner`.
/// let s = unsafe { cffi_core::ffi::string_in(&owner, owner.as_ptr()) };
/// assert_eq!(s.to_bytes(), b"kept");
/// ```
///
/// # Safety
///
/// `p` must point to a NUL-terminated string that stays valid and unchanged while `owner`
/// is borrowed.
pub unsafe fn string_in<O: ?Sized>(_owner: &O, p: *const c_char) -> &CStr {
    // SAFETY: the caller's promise.
    unsafe { CStr::from_ptr(p) }
}

/// Reads the string at `p`, stopping at its NUL or after `max` bytes, whichever comes first:
/// Python's `ffi.string(p, max)`. The bytes returned have no NUL.
///
/// ```
/// let c = c"truncated";
/// // SAFETY: `c` is valid for its bytes and NUL.
/// assert_eq!(unsafe { cffi_core::ffi::string_max(c.as_ptr(), 5) }, b"trunc");
/// ```
///
/// # Safety
///
/// `p` must be valid for reading up to `max` bytes, or up to its NUL if that comes first,
/// for `'a`.
pub unsafe fn string_max<'a>(p: *const c_char, max: usize) -> &'a [u8] {
    let mut n = 0;
    // SAFETY: each byte read is before the NUL or within `max`, as the caller promises.
    while n < max && unsafe { *p.add(n) } != 0 {
        n += 1;
    }
    // SAFETY: the `n` bytes just read.
    unsafe { std::slice::from_raw_parts(p.cast(), n) }
}

/// `n` elements at `p` as a slice: Python's `ffi.unpack(p, n)`.
///
/// ```
/// let v = [1, 2, 3, 4];
/// // SAFETY: `v` holds 4 ints.
/// assert_eq!(unsafe { cffi_core::ffi::unpack(v.as_ptr(), 2) }, [1, 2]);
/// ```
///
/// # Safety
///
/// `p` must be non-null, aligned, and point to `n` initialised `T`s that nothing writes for
/// `'a`.
pub unsafe fn unpack<'a, T>(p: *const T, n: usize) -> &'a [T] {
    // SAFETY: the caller's promise.
    unsafe { std::slice::from_raw_parts(p, n) }
}

/// `n` elements at `p` as a mutable slice.
///
/// # Safety
///
/// As for [`unpack`], and nothing else may read or write them for `'a`.
pub unsafe fn unpack_mut<'a, T>(p: *mut T, n: usize) -> &'a mut [T] {
    // SAFETY: the caller's promise.
    unsafe { std::slice::from_raw_parts_mut(p, n) }
}

/// The `n` bytes at `p`: Python's `ffi.buffer(p, n)`.
///
/// ```
/// let x = 0x0102_0304u32;
/// // SAFETY: `x` is 4 bytes.
/// let bytes = unsafe { cffi_core::ffi::buffer((&raw const x).cast(), 4) };
/// assert_eq!(bytes, x.to_ne_bytes());
/// ```
///
/// # Safety
///
/// As for [`unpack`].
pub unsafe fn buffer<'a>(p: *const c_void, n: usize) -> &'a [u8] {
    // SAFETY: the caller's promise.
    unsafe { std::slice::from_raw_parts(p.cast(), n) }
}
