//! Places in C memory: an address and the type stored there, and the fields and elements
//! within it, found by name and index with their bounds known.

use cffi_frontend::layout;
use cffi_frontend::{Module, RecordId, Type, TypeKind};

use super::convert;
use super::ctype::{CType, Shape};
use super::error::{Error, Result};
use super::value::Value;

/// A typed location. A bit-field is a place of its declared type with a bit offset and width.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    pub addr: *mut u8,
    pub ty: CType,
    /// `(bit offset from addr, width)` for a bit-field.
    pub bits: Option<(u32, u32)>,
}

impl Place {
    pub fn new(addr: *mut u8, ty: CType) -> Place {
        Place {
            addr,
            ty,
            bits: None,
        }
    }

    /// The place of a field path (`"pos.x"`: fields of fields; anonymous members' fields by
    /// their own names, as C).
    pub fn field_path(&self, path: &str) -> Result<Place> {
        let mut place = self.clone();
        for name in path.split('.') {
            place = place.field(name)?;
        }
        Ok(place)
    }

    fn field(&self, name: &str) -> Result<Place> {
        let Shape::Record(id) = self.ty.shape() else {
            return Err(Error::Value(format!(
                "`{}` has no fields: it is not a struct or union (looking for `{name}`)",
                self.ty.name()
            )));
        };
        let m = &self.ty.module;
        let found = find_field(m, id, name).map_err(|e| Error::Value(e.at(0..0).message))?;
        let Some((ty, offset_bits, width)) = found else {
            return Err(Error::Value(format!(
                "`{}` has no field `{name}`",
                self.ty.name()
            )));
        };
        let byte = (offset_bits / 8) as usize;
        Ok(Place {
            // Within the record's own bytes: the offset is less than its size.
            addr: self.addr.wrapping_add(byte),
            ty: self.ty.with(ty),
            bits: width.map(|w| ((offset_bits % 8) as u32, w)),
        })
    }

    /// Element `i` of an array place; `len` overrides the type's length (an array of a length
    /// chosen at run time).
    pub fn element(&self, i: usize) -> Result<Place> {
        let Shape::Array(elem, len) = self.ty.shape() else {
            return Err(Error::Value(format!(
                "`{}` is not an array: it has no elements",
                self.ty.name()
            )));
        };
        if len.is_none_or(|n| i as u64 >= n) {
            return Err(Error::Value(format!(
                "index {i} is out of bounds of `{}`",
                self.ty.name()
            )));
        }
        let elem = self.ty.with(elem);
        let size = elem.size()?;
        Ok(Place::new(self.addr.wrapping_add(i * size), elem))
    }

    /// Reads the value.
    ///
    /// # Safety
    ///
    /// The place must be readable memory holding its type.
    pub unsafe fn read(&self) -> Result<Value> {
        match self.bits {
            // SAFETY: the caller vouches for the memory.
            None => unsafe { convert::load(&self.ty, self.addr) },
            // SAFETY: as above; the bit-field's bytes are within the record.
            Some((shift, width)) => unsafe { self.read_bits(shift, width) },
        }
    }

    /// Writes `v`, checked against the type.
    ///
    /// # Safety
    ///
    /// The place must be writable memory holding its type.
    pub unsafe fn write(&self, v: &Value, what: &dyn Fn() -> String) -> Result<()> {
        match self.bits {
            // SAFETY: the caller vouches for the memory.
            None => unsafe { convert::store(&self.ty, v, self.addr, what) },
            // SAFETY: as above.
            Some((shift, width)) => unsafe { self.write_bits(shift, width, v, what) },
        }
    }

    fn bit_shape(&self) -> Result<(bool, bool)> {
        match self.ty.shape() {
            Shape::Int { signed, bool_, .. } if cfg!(target_endian = "little") => {
                Ok((signed, bool_))
            }
            _ => Err(Error::Unsupported(format!(
                "a bit-field of `{}` on this target",
                self.ty.name()
            ))),
        }
    }

    unsafe fn read_bits(&self, shift: u32, width: u32) -> Result<Value> {
        let (signed, _) = self.bit_shape()?;
        let n = (shift + width).div_ceil(8) as usize;
        let mut bytes = [0u8; 16];
        // SAFETY: the bit-field's bytes are readable (caller).
        unsafe { std::ptr::copy_nonoverlapping(self.addr, bytes.as_mut_ptr(), n) };
        let raw = u128::from_le_bytes(bytes) >> shift;
        Ok(Value::Int(convert::extend_bits(raw, width, signed)))
    }

    unsafe fn write_bits(
        &self,
        shift: u32,
        width: u32,
        v: &Value,
        what: &dyn Fn() -> String,
    ) -> Result<()> {
        let (signed, bool_) = self.bit_shape()?;
        let x = match v {
            Value::Int(x) => *x,
            _ => {
                return Err(Error::Value(format!(
                    "{}: {} is not an integer",
                    what(),
                    v.describe()
                )));
            }
        };
        let (lo, hi) = convert::bits_range(width, signed, bool_);
        if x < lo || x > hi {
            return Err(Error::Value(format!(
                "{}: {x} does not fit a bit-field of {width} bits",
                what()
            )));
        }
        let n = (shift + width).div_ceil(8) as usize;
        let mut bytes = [0u8; 16];
        // SAFETY: the bit-field's bytes are readable and writable (caller).
        unsafe { std::ptr::copy_nonoverlapping(self.addr, bytes.as_mut_ptr(), n) };
        let mask = ((1u128 << width) - 1) << shift;
        let word = (u128::from_le_bytes(bytes) & !mask) | ((x as u128) << shift & mask);
        // SAFETY: as above.
        unsafe { std::ptr::copy_nonoverlapping(word.to_le_bytes().as_ptr(), self.addr, n) };
        Ok(())
    }
}

/// Field `name` of record `id`, looking into anonymous members as C does: its type, offset
/// in bits and bit width.
fn find_field(
    m: &Module,
    id: RecordId,
    name: &str,
) -> std::result::Result<Option<(Type, u64, Option<u32>)>, layout::LayoutError> {
    let Some(fields) = &m.record(id).fields else {
        return Ok(None);
    };
    let layout = layout::record_layout(m, id)?;
    for (f, l) in fields.iter().zip(&layout.fields) {
        match (&f.name, &m.resolve(&f.ty).kind) {
            (Some(n), _) if n == name => {
                return Ok(Some((f.ty.clone(), l.offset_bits, f.bit_width)));
            }
            (None, TypeKind::Record(inner)) if f.bit_width.is_none() => {
                if let Some((ty, off, w)) = find_field(m, *inner, name)? {
                    return Ok(Some((ty, l.offset_bits + off, w)));
                }
            }
            _ => {}
        }
    }
    Ok(None)
}
