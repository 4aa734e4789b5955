//! Memory C can use: zeroed cells and arrays owned by Rust, and destructors attached to handles.

use std::ops::{Deref, DerefMut};

use super::CType;

/// `sizeof(T)`.
///
/// ```
/// assert_eq!(cffi_core::ffi::sizeof::<std::ffi::c_short>(), 2);
/// ```
pub const fn sizeof<T>() -> usize {
    std::mem::size_of::<T>()
}

/// `_Alignof(T)`.
///
/// ```
/// assert_eq!(cffi_core::ffi::alignof::<f64>(), std::mem::align_of::<f64>());
/// ```
pub const fn alignof<T>() -> usize {
    std::mem::align_of::<T>()
}

/// One zeroed `T`, owned by Rust and freed on drop: Python's `ffi.new("T *")`.
///
/// Read and write it through `*` (it dereferences to `T`), and pass it where C wants a
/// `T *`: `&mut cell` for a pointer C writes through, `&cell` for a `const T *`.
///
/// ```
/// use cffi_core::ffi;
/// use std::ffi::c_int;
///
/// let mut cell = ffi::new::<c_int>();
/// assert_eq!(*cell, 0);
/// *cell = 5;
/// assert_eq!(*cell, 5);
/// ```
pub struct Owned<T: CType>(Box<T>);

/// `n` zeroed `T`s, owned by Rust and freed on drop: Python's `ffi.new("T[]", n)`.
pub struct OwnedArray<T: CType>(Box<[T]>);

/// A zeroed `T` on the heap.
pub fn new<T: CType>() -> Owned<T> {
    // SAFETY: `T: CType` is valid when all bytes are zero.
    Owned(unsafe { Box::<T>::new_zeroed().assume_init() })
}

/// `n` zeroed `T`s on the heap.
pub fn new_array<T: CType>(n: usize) -> OwnedArray<T> {
    // SAFETY: `T: CType` is valid when all bytes are zero.
    OwnedArray(unsafe { Box::<[T]>::new_zeroed_slice(n).assume_init() })
}

/// `value` on the heap: Python's `ffi.new("T *", init)`.
///
/// ```
/// let cell = cffi_core::ffi::new_with(2.5f64);
/// assert_eq!(*cell, 2.5);
/// ```
pub fn new_with<T: CType>(value: T) -> Owned<T> {
    Owned(Box::new(value))
}

/// A copy of `values` on the heap: Python's `ffi.new("T[]", [a, b, c])`.
///
/// ```
/// let a = cffi_core::ffi::new_array_from(&[1, 2, 3]);
/// assert_eq!(&a[..], [1, 2, 3]);
/// ```
pub fn new_array_from<T: CType + Copy>(values: &[T]) -> OwnedArray<T> {
    OwnedArray(values.into())
}

impl<T: CType> Owned<T> {
    /// The cell's address, for reading. Passing `&cell` keeps the borrow checker in charge.
    pub fn as_ptr(&self) -> *const T {
        &*self.0
    }

    /// The cell's address, for writing. Passing `&mut cell` keeps the borrow checker in
    /// charge.
    pub fn as_mut_ptr(&mut self) -> *mut T {
        &mut *self.0
    }
}

impl<T: CType> OwnedArray<T> {
    /// The address of the first element, for reading.
    ///
    /// ```
    /// let a = cffi_core::ffi::new_array::<f64>(4);
    /// assert_eq!((a.len(), a[3]), (4, 0.0));
    /// assert!(!a.as_ptr().is_null());
    /// ```
    pub fn as_ptr(&self) -> *const T {
        self.0.as_ptr()
    }

    /// The address of the first element, for writing.
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.0.as_mut_ptr()
    }
}

impl<T: CType> Deref for Owned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: CType> DerefMut for Owned<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: CType> Deref for OwnedArray<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T: CType> DerefMut for OwnedArray<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T: CType + std::fmt::Debug> std::fmt::Debug for Owned<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Owned").field(&*self.0).finish()
    }
}

impl<T: CType + std::fmt::Debug> std::fmt::Debug for OwnedArray<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("OwnedArray").field(&&*self.0).finish()
    }
}

/// A value with a destructor run when it is dropped: Python's `ffi.gc(p, destructor)`, for
/// handles such as `sqlite3 *` that need `sqlite3_close`.
///
/// ```
/// use cffi_core::ffi;
/// use std::cell::Cell;
///
/// let closed = Cell::new(false);
/// {
///     let handle = ffi::gc(7usize, |h| { assert_eq!(h, 7); closed.set(true) });
///     assert_eq!(*handle, 7);
/// }
/// assert!(closed.get());
/// ```
pub struct Gc<T, D: FnOnce(T)> {
    value: Option<(T, D)>,
}

/// Attaches `destructor` to `value`.
pub fn gc<T, D: FnOnce(T)>(value: T, destructor: D) -> Gc<T, D> {
    Gc {
        value: Some((value, destructor)),
    }
}

impl<T, D: FnOnce(T)> Gc<T, D> {
    /// Detaches the destructor and returns the value, which the caller now cleans up.
    pub fn release(mut self) -> T {
        match self.value.take() {
            Some((v, _)) => v,
            None => unreachable!("a Gc holds its value until dropped or released"),
        }
    }
}

impl<T, D: FnOnce(T)> Deref for Gc<T, D> {
    type Target = T;
    fn deref(&self) -> &T {
        match &self.value {
            Some((v, _)) => v,
            None => unreachable!("a Gc holds its value until dropped or released"),
        }
    }
}

impl<T, D: FnOnce(T)> Drop for Gc<T, D> {
    fn drop(&mut self) {
        if let Some((v, d)) = self.value.take() {
            d(v);
        }
    }
}

impl<T: std::fmt::Debug, D: FnOnce(T)> std::fmt::Debug for Gc<T, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Gc").field(&**self).finish()
    }
}
