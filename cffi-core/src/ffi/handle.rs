//! Rust values passed through C as `void *`: Python's `ffi.new_handle` and `ffi.from_handle`.

use std::ffi::c_void;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A Rust value that C holds as an opaque `void *` (Python's `ffi.new_handle(obj)`), for C
/// APIs that carry user data to callbacks. The value lives as long as the handle: keep the
/// handle while C may give the pointer back.
///
/// ```
/// use cffi_core::ffi;
///
/// let handle = ffi::new_handle(String::from("state"));
/// let p = handle.as_ptr(); // given to C as `void *` ...
/// // ... which passes it back to a callback:
/// // SAFETY: `p` is the pointer of a live `Handle<String>`.
/// let state: &String = unsafe { ffi::from_handle(p) };
/// assert_eq!(state, "state");
/// assert_eq!(handle.into_inner(), "state");
/// ```
pub struct Handle<T> {
    // A raw pointer, not a `Box`: moving the handle must not claim unique access to the
    // value while C holds its address.
    value: NonNull<T>,
    owns: PhantomData<T>,
}

// SAFETY: a handle owns its value as a `Box` would.
unsafe impl<T: Send> Send for Handle<T> {}
// SAFETY: a shared handle gives only shared access to the value.
unsafe impl<T: Sync> Sync for Handle<T> {}

/// Moves `value` to the heap, where C can hold its address.
pub fn new_handle<T>(value: T) -> Handle<T> {
    let value = NonNull::from(Box::leak(Box::new(value)));
    Handle {
        value,
        owns: PhantomData,
    }
}

impl<T> Handle<T> {
    /// The `void *` to give C. [`from_handle`] turns it back into a `&T`.
    pub fn as_ptr(&self) -> *mut c_void {
        self.value.as_ptr().cast()
    }

    /// The value.
    pub fn get(&self) -> &T {
        // SAFETY: the handle owns the value; only shared references are handed out.
        unsafe { self.value.as_ref() }
    }

    /// The value back, out of the handle: its address is no longer valid.
    pub fn into_inner(self) -> T {
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: the pointer came from `Box::leak` and is given back once (no `Drop` runs).
        *unsafe { Box::from_raw(this.value.as_ptr()) }
    }
}

impl<T> Drop for Handle<T> {
    fn drop(&mut self) {
        // SAFETY: the pointer came from `Box::leak`; this is its only release.
        drop(unsafe { Box::from_raw(self.value.as_ptr()) });
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Handle").field(self.get()).finish()
    }
}

/// The value behind a pointer from [`Handle::as_ptr`]: Python's `ffi.from_handle(p)`.
///
/// # Safety
///
/// `p` must be the pointer of a `Handle<T>` of this very `T`, alive for all of `'a`.
pub unsafe fn from_handle<'a, T>(p: *const c_void) -> &'a T {
    // SAFETY: the caller vouches that `p` is a live handle's value of type `T`.
    unsafe { &*p.cast::<T>() }
}
