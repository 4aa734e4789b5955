//! Memory that Rust owns, holding a C object of a type named at run time (`ffi.new`); its
//! values are read and written in [`super::cdata_access`].

use std::alloc::{self, Layout};
use std::fmt;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

use super::ctype::{CType, Shape};
use super::error::{Error, Result};

/// A zero-initialised C object owned by Rust, freed when dropped: what `ffi.new("struct
/// point *")` and `ffi.new("int[]", 10)` give in Python cffi. Its fields and elements are
/// read and written by name and index, checked against the type; C sees it through
/// [`CData::ptr`].
pub struct CData {
    mem: NonNull<u8>,
    layout: Layout,
    /// `sizeof` the type (the allocation is at least one byte).
    size: usize,
    /// Dropped with the memory, out of line (see [`super::value::Pointed`]).
    ty: ManuallyDrop<CType>,
}

impl fmt::Debug for CData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CData({} at {:p})", self.ty.name(), self.mem)
    }
}

// SAFETY: a `CData` owns its allocation as a `Box<[u8]>` does: `&self` methods only read it,
// writes need `&mut self`, and nothing else refers to it (pointers given to C are raw).
unsafe impl Send for CData {}
// SAFETY: as above.
unsafe impl Sync for CData {}

impl Drop for CData {
    #[inline(never)]
    fn drop(&mut self) {
        // SAFETY: allocated in `zeroed` with this layout; the type is not used after.
        unsafe {
            alloc::dealloc(self.mem.as_ptr(), self.layout);
            ManuallyDrop::drop(&mut self.ty);
        }
    }
}

impl Clone for CData {
    /// A copy of the object, as C's assignment copies a struct.
    fn clone(&self) -> CData {
        // Out of memory for a copy of an object that exists: abort, as `Vec::clone` does.
        let copy = CData::zeroed(CType::clone(&self.ty))
            .unwrap_or_else(|_| alloc::handle_alloc_error(self.layout));
        let bytes = self.as_bytes();
        // SAFETY: both objects have the type's size; they do not overlap.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), copy.mem.as_ptr(), bytes.len()) };
        copy
    }
}

impl PartialEq for CData {
    /// Same type and same bytes.
    fn eq(&self, other: &CData) -> bool {
        self.ty.name() == other.ty.name() && self.as_bytes() == other.as_bytes()
    }
}

impl CData {
    /// A zeroed object of type `ty`, which must have a size.
    pub(crate) fn zeroed(ty: CType) -> Result<CData> {
        if let Shape::Other(what) = ty.shape() {
            return Err(Error::Unsupported(format!(
                "run-time mode cannot hold a value of {what}"
            )));
        }
        let size = ty.size()?;
        let align = ty.align()?;
        let layout = Layout::from_size_align(size.max(1), align.max(1))
            .map_err(|_| Error::Value(format!("`{}` is too large to allocate", ty.name())))?;
        // SAFETY: the layout's size is at least 1.
        let mem = NonNull::new(unsafe { alloc::alloc_zeroed(layout) }).ok_or_else(|| {
            Error::Value(format!(
                "cannot allocate {size} bytes for {}",
                cffi_frontend::render::with_article(&ty.name())
            ))
        })?;
        Ok(CData {
            mem,
            layout,
            size,
            ty: ManuallyDrop::new(ty),
        })
    }

    /// The object's first byte, for writing a copy into it.
    pub(crate) fn as_ptr_mut(&self) -> *mut u8 {
        self.mem.as_ptr()
    }

    /// The object's type (`struct point`, `int[10]`).
    pub fn ctype(&self) -> &CType {
        &self.ty
    }

    /// The number of elements, for an array.
    pub fn len(&self) -> Option<usize> {
        match self.ty.shape() {
            Shape::Array(_, n) => n.map(|n| n as usize),
            _ => None,
        }
    }

    /// Whether this is an array of no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The object's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: the allocation (at least `size` bytes) is zero-initialised, so every byte
        // is initialised.
        unsafe { std::slice::from_raw_parts(self.mem.as_ptr(), self.size) }
    }

    /// For an array of `char`: its text up to the first NUL (or all of it). `ffi.string`.
    pub fn string(&self) -> Result<Vec<u8>> {
        match self.ty.shape() {
            Shape::Array(elem, _) if self.ty.with(elem.clone()).size()? == 1 => {
                let b = self.as_bytes();
                Ok(b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())].to_vec())
            }
            _ => Err(Error::Value(format!(
                "`{}` is not an array of `char`",
                self.ty.name()
            ))),
        }
    }
}
