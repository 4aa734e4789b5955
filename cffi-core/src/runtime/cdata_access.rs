//! Reading and writing a Rust-owned C object's values, checked against its type: its value,
//! fields by name, elements by index, and the pointer C sees.

use std::ffi::c_void;

use super::cdata::CData;
use super::ctype::Shape;
use super::error::Result;
use super::place::Place;
use super::value::{Pointed, Pointer, Value};

impl CData {
    /// A pointer to the object for C: to its first element for an array (as arrays decay in
    /// C), else to the object. Valid while the `CData` lives. C may write through it during a
    /// call while no slice from [`CData::as_bytes`] is held (a Rust reference promises that
    /// the bytes do not change).
    pub fn ptr(&self) -> Value {
        let pointee = match self.ctype().shape() {
            Shape::Array(elem, _) => self.ctype().with(elem),
            _ => self.ctype().clone(),
        };
        Value::Pointer(Pointer {
            addr: self.as_ptr_mut().cast::<c_void>(),
            pointee: Pointed::new(pointee),
        })
    }

    fn place(&self) -> Place {
        Place::new(self.as_ptr_mut(), self.ctype().clone())
    }

    /// The object's value, when it is a single value (`ffi.new("int *")[0]`).
    pub fn value(&self) -> Result<Value> {
        // SAFETY: the place is this object's own memory, which holds its type.
        unsafe { self.place().read() }
    }

    /// Sets the object's value, when it is a single value.
    pub fn set_value(&mut self, v: impl Into<Value>) -> Result<()> {
        let what = || cffi_frontend::render::with_article(&self.ctype().name());
        // SAFETY: as in `value`; `&mut self` excludes other Rust access.
        unsafe { self.place().write(&v.into(), &what) }
    }

    /// Field `path` (`"x"`, or `"pos.x"` through nested structs).
    pub fn get(&self, path: &str) -> Result<Value> {
        let place = self.place().field_path(path)?;
        // SAFETY: a field of this object, inside its memory.
        unsafe { place.read() }
    }

    /// Sets field `path`, checked against its type (an integer out of the field's range is
    /// an error, not a truncation).
    pub fn set(&mut self, path: &str, v: impl Into<Value>) -> Result<()> {
        let place = self.place().field_path(path)?;
        let what = || format!("field `{path}` of `{}`", self.ctype().name());
        // SAFETY: as in `get`; `&mut self` excludes other Rust access.
        unsafe { place.write(&v.into(), &what) }
    }

    /// Element `i` of an array.
    pub fn get_index(&self, i: usize) -> Result<Value> {
        let place = self.place().element(i)?;
        // SAFETY: an element within the array's bounds.
        unsafe { place.read() }
    }

    /// Sets element `i` of an array.
    pub fn set_index(&mut self, i: usize, v: impl Into<Value>) -> Result<()> {
        let place = self.place().element(i)?;
        let what = || format!("element {i} of `{}`", self.ctype().name());
        // SAFETY: as in `get_index`.
        unsafe { place.write(&v.into(), &what) }
    }

    /// Field `path` of element `i` of an array of structs.
    pub fn get_at(&self, i: usize, path: &str) -> Result<Value> {
        let place = self.place().element(i)?.field_path(path)?;
        // SAFETY: inside the array's bounds.
        unsafe { place.read() }
    }

    /// Sets field `path` of element `i` of an array of structs.
    pub fn set_at(&mut self, i: usize, path: &str, v: impl Into<Value>) -> Result<()> {
        let place = self.place().element(i)?.field_path(path)?;
        let what = || format!("field `{path}` of element {i} of `{}`", self.ctype().name());
        // SAFETY: as in `get_at`.
        unsafe { place.write(&v.into(), &what) }
    }
}

impl CData {
    /// Sets the first members (in declaration order; a union's first only) or elements to
    /// `init`, each checked as [`CData::set`] checks it: what `ffi.new(type, init)` does.
    pub(crate) fn initialise(&mut self, init: Vec<Value>) -> Result<()> {
        let ty = self.ctype().clone();
        let given = init.len();
        let too_many = |room: usize| {
            super::error::Error::Value(format!(
                "{given} values given for {}, which holds {room}",
                cffi_frontend::render::with_article(&ty.name())
            ))
        };
        match ty.shape() {
            Shape::Array(_, len) => {
                let room = len.map_or(0, |n| n as usize);
                if given > room {
                    return Err(too_many(room));
                }
                for (i, v) in init.into_iter().enumerate() {
                    self.set_index(i, v)?;
                }
            }
            Shape::Record(id) => {
                let record = ty.module.record(id);
                let names: Vec<&str> = record
                    .fields
                    .iter()
                    .flatten()
                    .filter_map(|f| f.name.as_deref())
                    .collect();
                let room = match record.kind {
                    cffi_frontend::RecordKind::Union => names.len().min(1),
                    _ => names.len(),
                };
                if given > room {
                    return Err(too_many(room));
                }
                for (name, v) in names.into_iter().zip(init) {
                    self.set(name, v)?;
                }
            }
            _ => match <[Value; 1]>::try_from(init) {
                Ok([v]) => self.set_value(v)?,
                Err(init) if init.is_empty() => {}
                Err(_) => return Err(too_many(1)),
            },
        }
        Ok(())
    }
}
