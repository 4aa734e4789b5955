//! Borrowed buffers: Rust memory lent to C for as long as the borrow lasts.

use std::marker::PhantomData;

use super::CType;

/// Memory that can be lent to C as a contiguous run of `T`: slices, arrays, `Vec`s, boxed
/// slices, and (with the `ndarray` feature) standard-layout `ndarray` arrays.
pub trait AsCBuffer<T> {
    /// The memory, as the slice C will read.
    fn c_slice(&self) -> &[T];
}

/// Memory that can be lent to C for writing.
pub trait AsCBufferMut<T>: AsCBuffer<T> {
    /// The memory, as the slice C will read and write.
    fn c_slice_mut(&mut self) -> &mut [T];
}

impl<T> AsCBuffer<T> for [T] {
    fn c_slice(&self) -> &[T] {
        self
    }
}
impl<T> AsCBufferMut<T> for [T] {
    fn c_slice_mut(&mut self) -> &mut [T] {
        self
    }
}
impl<T, const N: usize> AsCBuffer<T> for [T; N] {
    fn c_slice(&self) -> &[T] {
        self
    }
}
impl<T, const N: usize> AsCBufferMut<T> for [T; N] {
    fn c_slice_mut(&mut self) -> &mut [T] {
        self
    }
}
impl<T> AsCBuffer<T> for Vec<T> {
    fn c_slice(&self) -> &[T] {
        self
    }
}
impl<T> AsCBufferMut<T> for Vec<T> {
    fn c_slice_mut(&mut self) -> &mut [T] {
        self
    }
}
impl<T> AsCBuffer<T> for Box<[T]> {
    fn c_slice(&self) -> &[T] {
        self
    }
}
impl<T> AsCBufferMut<T> for Box<[T]> {
    fn c_slice_mut(&mut self) -> &mut [T] {
        self
    }
}

#[cfg(feature = "ndarray")]
mod nd {
    use super::{AsCBuffer, AsCBufferMut};
    use ndarray::{ArrayBase, Data, DataMut, Dimension};

    /// Panics unless the array is in standard layout (C order, contiguous, positive
    /// strides): C reads the elements as a plain run in row-major order, so a transposed,
    /// Fortran-order or reversed array would be read in the wrong order.
    impl<T, S: Data<Elem = T>, D: Dimension> AsCBuffer<T> for ArrayBase<S, D> {
        fn c_slice(&self) -> &[T] {
            self.as_slice().unwrap_or_else(|| {
                panic!(
                    "from_buffer needs an array in standard layout (C order, contiguous); make one with `.as_standard_layout()`"
                )
            })
        }
    }

    /// Panics unless the array is in standard layout, as for reading.
    impl<T, S: DataMut<Elem = T>, D: Dimension> AsCBufferMut<T> for ArrayBase<S, D> {
        fn c_slice_mut(&mut self) -> &mut [T] {
            self.as_slice_mut().unwrap_or_else(|| {
                panic!(
                    "from_buffer_mut needs an array in standard layout (C order, contiguous); copy it into one with `.as_standard_layout().into_owned()`"
                )
            })
        }
    }
}

/// A buffer lent to C for reading, borrowed from its owner for `'a`: Python's
/// `ffi.from_buffer`. Pass it where C takes a `const T *`.
#[derive(Debug, Clone, Copy)]
pub struct Buffer<'a, T> {
    ptr: *const T,
    len: usize,
    _borrow: PhantomData<&'a [T]>,
}

/// A buffer lent to C for reading and writing, borrowed mutably from its owner for `'a`.
/// Pass it (`&mut buf`) where C takes a `T *`.
#[derive(Debug)]
pub struct BufferMut<'a, T> {
    ptr: *mut T,
    len: usize,
    _borrow: PhantomData<&'a mut [T]>,
}

/// Lends `data` to C for reading.
///
/// ```
/// use cffi_core::ffi;
///
/// let v = vec![1.0f64, 2.0, 3.0];
/// let buf = ffi::from_buffer(&v);
/// assert_eq!(buf.len(), 3);
/// ```
pub fn from_buffer<'a, T: CType, B: AsCBuffer<T> + ?Sized>(data: &'a B) -> Buffer<'a, T> {
    let s = data.c_slice();
    Buffer {
        ptr: s.as_ptr(),
        len: s.len(),
        _borrow: PhantomData,
    }
}

/// Lends `data` to C for reading and writing.
///
/// ```
/// use cffi_core::ffi;
///
/// let mut v = [0u8; 16];
/// let mut buf = ffi::from_buffer_mut(&mut v);
/// // SAFETY: the buffer holds 16 bytes.
/// unsafe { buf.as_mut_ptr().write_bytes(7, 16) };
/// assert_eq!(v, [7; 16]);
/// ```
pub fn from_buffer_mut<'a, T: CType, B: AsCBufferMut<T> + ?Sized>(
    data: &'a mut B,
) -> BufferMut<'a, T> {
    let s = data.c_slice_mut();
    BufferMut {
        ptr: s.as_mut_ptr(),
        len: s.len(),
        _borrow: PhantomData,
    }
}

impl<T> Buffer<'_, T> {
    /// The address of the first element. Using it after the borrow ends is the caller's
    /// responsibility; passing the buffer itself keeps the borrow checker in charge.
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<T> BufferMut<'_, T> {
    /// The address of the first element, for reading.
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }

    /// The address of the first element, for writing. As with [`Buffer::as_ptr`], passing
    /// `&mut` the buffer itself is what keeps the borrow checker in charge.
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
