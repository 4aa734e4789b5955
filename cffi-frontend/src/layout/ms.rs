//! Field placement by Microsoft's rules, which MSVC follows and MinGW's gcc follows by
//! default (`-mms-bitfields`). They differ from System V's only around bit-fields:
//!
//! - A bit-field starts a *run*: a whole unit of its declared type, aligned as that type,
//!   taken from the struct at once. Following bit-fields whose types have the same size
//!   share the run while they fit; one that does not fit, or whose type has another size,
//!   starts a new run; any other field ends it.
//! - Inside a run, a bit-field's type does not align it again; a zero-width bit-field
//!   aligns the next field (and the record) only right after a run, and is otherwise
//!   ignored.
//! - Unnamed bit-fields count as named ones do; `packed` makes a run start at the next
//!   byte but does not shrink it.
//! - In a union, a bit-field is as wide as its bits, not its type (the record's alignment
//!   still rounds the union up).
//!
//! Checked against MinGW's gcc on random declarations (`tests/difftest`, Windows target).

use super::{LayoutError, Member, Placed, align_up, to_bits};
use crate::model::{Field, Module, Record, RecordKind};

/// Places `fields` of record `r`.
pub(super) fn place(m: &Module, r: &Record, fields: &[Field]) -> Result<Placed, LayoutError> {
    let mut cursor = Cursor {
        union: r.kind == RecordKind::Union,
        pack: r.max_field_align,
        size: 0,
        align: 1,
        run: None,
    };
    let mut out = Vec::with_capacity(fields.len());
    for f in fields {
        let member = Member::of(m, r, f)?;
        let at = cursor.field(&member)?;
        out.push(member.place(at));
    }
    Ok(Placed {
        fields: out,
        used_bits: cursor.size,
        align: cursor.align,
    })
}

/// The unit the last bit-field was placed in, while the fields since are all bit-fields.
#[derive(Clone, Copy)]
struct Run {
    /// The size of the bit-fields' type, in bits.
    unit_bits: u64,
    /// Bits of the unit no bit-field uses yet (the last ones).
    unused: u64,
}

/// The record so far.
struct Cursor {
    union: bool,
    /// The record's `#pragma pack`.
    pack: Option<u64>,
    /// Bits used: a struct's next free bit, a union's widest member.
    size: u64,
    align: u64,
    run: Option<Run>,
}

impl Cursor {
    /// Places `f`: its offset in bits.
    fn field(&mut self, f: &Member) -> Result<u64, LayoutError> {
        let in_same_run = self.run.is_some_and(|run| run.unit_bits == f.bits);
        // Where a field's type does not align it: packed, sharing a run's type size, or a
        // zero-width bit-field not right after a run.
        let type_aligns = !(f.packed
            || (f.bit_width.is_some() && in_same_run)
            || (f.bit_width == Some(0) && self.run.is_none()));
        let falign = self.capped(if type_aligns { f.natural } else { 1 }, f);
        if self.raises_record_align(f) {
            let packed_bits = f.packed && f.bit_width != Some(0);
            let a = self.capped(if packed_bits { 1 } else { f.natural }, f);
            self.align = self.align.max(a);
        }
        match f.bit_width {
            None => self.plain(f, falign),
            Some(w) if self.union => {
                self.size = self.size.max(w.into());
                Ok(0)
            }
            Some(0) => {
                self.run = None;
                self.size = align_up(self.size, to_bits(falign)?)?;
                Ok(self.size)
            }
            Some(w) => self.bit_field(f, falign, w.into()),
        }
    }

    /// Whether `f` counts towards the record's alignment: a field that is not a bit-field,
    /// a zero-width one right after a run, an unpacked bit-field with bits.
    fn raises_record_align(&self, f: &Member) -> bool {
        match f.bit_width {
            None => true,
            Some(0) => self.run.is_some(),
            Some(_) => !f.packed,
        }
    }

    /// Alignment `a` raised by the field's `aligned(N)` and capped by the record's pack.
    fn capped(&self, a: u64, f: &Member) -> u64 {
        let mut a = a.max(f.aligned.unwrap_or(1));
        if let Some(p) = self.pack {
            a = a.min(p);
        }
        a.max(1)
    }

    fn plain(&mut self, f: &Member, falign: u64) -> Result<u64, LayoutError> {
        self.run = None;
        let at = if self.union {
            0
        } else {
            align_up(self.size, to_bits(falign)?)?
        };
        let end = at.checked_add(f.bits).ok_or(LayoutError::TooLarge)?;
        self.size = self.size.max(end);
        Ok(at)
    }

    /// A bit-field `w` bits wide in a struct: in the current run if it has the same type
    /// size and room, else at the start of a new run.
    fn bit_field(&mut self, f: &Member, falign: u64, w: u64) -> Result<u64, LayoutError> {
        if let Some(run) = &mut self.run
            && run.unit_bits == f.bits
            && run.unused >= w
        {
            let at = self.size - run.unused;
            run.unused -= w;
            return Ok(at);
        }
        let at = align_up(self.size, to_bits(falign)?)?;
        self.size = at.checked_add(f.bits).ok_or(LayoutError::TooLarge)?;
        self.run = Some(Run {
            unit_bits: f.bits,
            unused: f.bits.saturating_sub(w),
        });
        Ok(at)
    }
}
