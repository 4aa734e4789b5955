//! Reading and writing through typed C pointers: `p[i]`, `p->field`, and `ffi.string(p)`.
//! Nothing here can know whether the memory is alive, so every access is `unsafe`.

use super::ctype::Shape;
use super::error::{Error, Result};
use super::place::Place;
use super::value::{Pointer, Value};

impl Pointer {
    fn place(&self, i: isize) -> Result<Place> {
        if self.addr.is_null() {
            return Err(Error::Value(format!(
                "null `{}` dereferenced",
                self.ctype().name()
            )));
        }
        let size = self.pointee.size()?;
        let addr = self
            .addr
            .cast::<u8>()
            .wrapping_offset(i.wrapping_mul(size as isize));
        Ok(Place::new(addr, super::ctype::CType::clone(&self.pointee)))
    }

    /// `p + i`, as C's pointer arithmetic.
    pub fn offset(&self, i: isize) -> Result<Pointer> {
        let size = self.pointee.size()?;
        Ok(Pointer {
            addr: self
                .addr
                .cast::<u8>()
                .wrapping_offset(i.wrapping_mul(size as isize))
                .cast(),
            pointee: self.pointee.clone(),
        })
    }

    /// `p[i]`.
    ///
    /// # Safety
    ///
    /// `p[i]` must be live, readable memory holding the pointed-to type.
    pub unsafe fn read(&self, i: isize) -> Result<Value> {
        // SAFETY: the caller's promise.
        unsafe { self.place(i)?.read() }
    }

    /// `p[i] = v`, checked against the pointed-to type.
    ///
    /// # Safety
    ///
    /// `p[i]` must be live, writable memory holding the pointed-to type, which nothing else
    /// is accessing.
    pub unsafe fn write(&self, i: isize, v: impl Into<Value>) -> Result<()> {
        let what = || format!("`*({})`", self.ctype().name());
        // SAFETY: the caller's promise.
        unsafe { self.place(i)?.write(&v.into(), &what) }
    }

    /// `p->path` (`"x"`, or `"pos.x"` through nested structs).
    ///
    /// # Safety
    ///
    /// As [`Pointer::read`] with `i = 0`.
    pub unsafe fn get(&self, path: &str) -> Result<Value> {
        // SAFETY: the caller's promise.
        unsafe { self.place(0)?.field_path(path)?.read() }
    }

    /// `p->path = v`, checked against the field's type.
    ///
    /// # Safety
    ///
    /// As [`Pointer::write`] with `i = 0`.
    pub unsafe fn set(&self, path: &str, v: impl Into<Value>) -> Result<()> {
        let what = || format!("field `{path}` of `{}`", self.pointee.name());
        // SAFETY: the caller's promise.
        unsafe { self.place(0)?.field_path(path)?.write(&v.into(), &what) }
    }

    /// The bytes of a NUL-terminated `char *` string, without the NUL (`ffi.string`).
    ///
    /// # Safety
    ///
    /// The pointer must point to a live NUL-terminated string.
    pub unsafe fn string(&self) -> Result<Vec<u8>> {
        match self.pointee.shape() {
            Shape::Int { size: 1, .. } if !self.addr.is_null() => {
                // SAFETY: the caller's promise.
                let s = unsafe { std::ffi::CStr::from_ptr(self.addr.cast()) };
                Ok(s.to_bytes().to_vec())
            }
            Shape::Int { size: 1, .. } => Err(Error::Value("`string` of a null pointer".into())),
            _ => Err(Error::Value(format!(
                "`string` needs a `char *`, not {}",
                cffi_frontend::render::with_article(&self.ctype().name())
            ))),
        }
    }
}
