//! Field placement by the System V rules gcc follows on Linux and macOS: a bit-field goes at
//! the next free bit unless that would make it straddle a unit of its declared type's
//! alignment; named bit-fields raise the record's alignment, unnamed ones only on Arm (not
//! Apple's arm64); a zero-width bit-field moves the next field to its type's alignment
//! (whatever the pack); under any `#pragma pack` bit-fields straddle units as packed ones do.

use super::{LayoutError, Member, Placed, align_up, to_bits};
use crate::model::{Field, Module, Record, RecordKind};

/// Places `fields` of record `r`.
pub(super) fn place(m: &Module, r: &Record, fields: &[Field]) -> Result<Placed, LayoutError> {
    let mut cursor = Cursor {
        union: r.kind == RecordKind::Union,
        pack: r.max_field_align,
        offset: 0,
        extent: 0,
        align: 1,
    };
    let mut out = Vec::with_capacity(fields.len());
    for f in fields {
        let member = Member::of(m, r, f)?;
        let at = match member.bit_width {
            None => cursor.plain(&member)?,
            Some(0) => cursor.zero_width(m, &member)?,
            Some(w) => cursor.bit_field(m, &member, w.into())?,
        };
        out.push(member.place(at));
    }
    Ok(Placed {
        fields: out,
        used_bits: if cursor.union {
            cursor.extent
        } else {
            cursor.offset
        },
        align: cursor.align,
    })
}

/// The record so far.
struct Cursor {
    union: bool,
    /// The record's `#pragma pack`.
    pack: Option<u64>,
    /// The next free bit of a struct.
    offset: u64,
    /// The widest member of a union, in bits.
    extent: u64,
    align: u64,
}

impl Cursor {
    /// A field that is not a bit-field: its offset in bits.
    fn plain(&mut self, f: &Member) -> Result<u64, LayoutError> {
        let at = if self.union {
            0
        } else {
            align_up(self.offset, to_bits(f.align)?)?
        };
        self.align = self.align.max(f.align);
        self.offset = at.checked_add(f.bits).ok_or(LayoutError::TooLarge)?;
        self.extent = self.extent.max(f.bits);
        Ok(at)
    }

    /// A zero-width bit-field.
    fn zero_width(&mut self, m: &Module, f: &Member) -> Result<u64, LayoutError> {
        // It moves the next member to its type's alignment, whatever the `#pragma pack`.
        if !self.union {
            self.offset = align_up(self.offset, to_bits(f.natural)?)?;
        }
        // On Arm the record takes the bit-field type's own alignment, whatever the pack.
        if m.target.unnamed_bitfields_align {
            self.align = self.align.max(f.natural);
        }
        Ok(self.offset)
    }

    /// A bit-field `w` bits wide.
    fn bit_field(&mut self, m: &Module, f: &Member, w: u64) -> Result<u64, LayoutError> {
        let at = if self.union {
            0
        } else if m.target.clang_bitfields {
            self.clang_place(f, w)?
        } else {
            self.gcc_place(f, w)?
        };
        // Under `#pragma pack`, a packed bit-field still aligns the record as an unpacked
        // one would, up to the pack.
        let record_align = match self.pack {
            Some(p) if f.packed => f.natural.min(p).max(f.align),
            _ => f.align,
        };
        if f.named || m.target.unnamed_bitfields_align {
            self.align = self.align.max(record_align);
        }
        // gcc lays out a bit-field with its own `aligned(N)` once more where it lands: one
        // as wide as an integer type, at a multiple of that width, becomes a field of that
        // integer, aligned as such integers are outside records. Only on i386 is that more
        // than a field of its type gets (8 for `long long : 64`, whose fields align to 4).
        if f.aligned.is_some() && !f.packed && matches!(w, 8 | 16 | 32 | 64) && at % w == 0 {
            let whole = self.pack.map_or(w / 8, |p| p.min(w / 8));
            self.align = self.align.max(whole);
        }
        self.offset = at.checked_add(w).ok_or(LayoutError::TooLarge)?;
        self.extent = self.extent.max(w);
        Ok(at)
    }

    /// Where gcc puts a struct's bit-field `w` bits wide: one with its own `aligned(N)` at a
    /// multiple of N (even below its type's alignment; capped by a `#pragma pack`), others
    /// at the next free bit; then, without `packed` or a pack, at its type's next unit if it
    /// would straddle one.
    fn gcc_place(&self, f: &Member, w: u64) -> Result<u64, LayoutError> {
        let next = match f.aligned {
            Some(n) => align_up(self.offset, to_bits(self.pack.map_or(n, |p| n.min(p)))?)?,
            None => self.offset,
        };
        if f.packed || self.pack.is_some() {
            return Ok(next);
        }
        let unit_bits = to_bits(f.natural)?;
        let unit_start = next / unit_bits * unit_bits;
        if next.saturating_add(w) > unit_start.saturating_add(f.bits) {
            align_up(next, unit_bits)
        } else {
            Ok(next)
        }
    }

    /// Where clang puts it: at the next free bit, moved to its alignment (its type's and its
    /// own `aligned(N)`'s) if it would straddle a unit of that alignment and no pack is in
    /// force; otherwise to its own `aligned(N)`, which a pack smaller than N cancels.
    fn clang_place(&self, f: &Member, w: u64) -> Result<u64, LayoutError> {
        let own = f.aligned.map(to_bits).transpose()?;
        let mut align = if f.packed { 1 } else { to_bits(f.natural)? };
        if let Some(n) = own {
            align = align.max(n);
        }
        if let Some(p) = self.pack {
            align = align.min(to_bits(p)?);
        }
        let within = self.offset % align;
        if self.pack.is_none() && within.saturating_add(w) > f.bits {
            return align_up(self.offset, align);
        }
        match (own, self.pack) {
            (Some(n), None) => align_up(self.offset, n),
            (Some(n), Some(p)) if n <= to_bits(p)? => align_up(self.offset, n),
            _ => Ok(self.offset),
        }
    }
}
