//! How each record is represented in Rust, and which values Rust may read from raw bytes.
//!
//! `#[repr(C)]` reproduces most C layouts, but not bit-fields, per-field alignment, or a
//! packed record holding an over-aligned one (rustc refuses that with E0588). Those records are
//! stored as bytes of the right size and alignment, read through methods. A record that ends
//! with `...`, or holds such a record by value, is laid out by the C compiler alone.

use cffi_frontend::layout::record_layout;
use cffi_frontend::{ArrayLen, IntKind, Module, RecordId, Type, TypeKind};

/// The Rust representation of one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repr {
    /// `#[repr(C)]` with the C fields.
    Fields,
    /// Bytes with accessors: Rust cannot express the layout.
    Bytes,
    /// Bytes of the size the C compiler measured (API mode): a partial record, or one that
    /// holds a partial record, an array of compiler-known length, or a type of compiler-known
    /// size.
    Measured,
    /// No body: only usable through pointers.
    Opaque,
}

/// The representation of every record of a module, and whether every bit pattern of it is
/// a valid Rust value, computed once.
pub struct Reprs {
    reprs: Vec<Repr>,
    valid: Vec<bool>,
    /// How many records deep each record nests by value (1 for one of scalars only).
    depth: Vec<u32>,
    /// Whether another record holds it by value.
    held: Vec<bool>,
    /// What each record holds, itself included, through the records it holds by value.
    holds: Vec<Holds>,
}

/// What a record holds by value, through the records it holds: what decides how C's calling
/// conventions pass it.
#[derive(Clone, Copy, Default)]
struct Holds {
    /// A record Rust stores as bytes.
    bytes: bool,
    /// A record only the C compiler lays out.
    measured: bool,
    /// A floating-point field.
    float: bool,
}

/// How deep records may nest by value: rustc stops at its recursion limit (128) when it looks
/// for the tail of a struct nested deeper.
pub const MAX_RECORD_DEPTH: u32 = 100;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Todo,
    InProgress,
    Done(Repr),
}

impl Reprs {
    pub fn new(m: &Module) -> Reprs {
        let mut walk = Walk {
            m,
            state: vec![State::Todo; m.records.len()],
            aligned_inside: vec![false; m.records.len()],
        };
        // Visiting definitions in order keeps the recursion shallow however long a chain of
        // records is.
        let order = definition_order(m);
        for &id in &order {
            walk.visit(id);
        }
        let reprs: Vec<Repr> = walk
            .state
            .into_iter()
            .map(|s| match s {
                State::Done(r) => r,
                _ => Repr::Fields,
            })
            .collect();
        let mut valid = vec![true; m.records.len()];
        let mut depth = vec![1u32; m.records.len()];
        let mut held = vec![false; m.records.len()];
        let mut holds = vec![Holds::default(); m.records.len()];
        for id in order {
            let i = id.0 as usize;
            let mut deepest = 0;
            holds[i].bytes = reprs[i] == Repr::Bytes;
            holds[i].measured = reprs[i] == Repr::Measured;
            for f in m.record(id).fields.iter().flatten() {
                match innermost(m, &f.ty).kind {
                    TypeKind::Float(_) | TypeKind::Complex(_) => holds[i].float = true,
                    TypeKind::Record(inner) => {
                        let j = inner.0 as usize;
                        held[j] = true;
                        deepest = deepest.max(depth[j]);
                        let inside = holds[j];
                        holds[i].bytes |= inside.bytes;
                        holds[i].measured |= inside.measured;
                        holds[i].float |= inside.float;
                    }
                    _ => {}
                }
            }
            depth[i] = 1 + deepest;
            let r = m.record(id);
            // Bytes are valid as bytes; a union's value is any of its fields' bytes, and Rust
            // gives unions no validity requirement beyond their size.
            valid[i] = reprs[i] != Repr::Fields
                || r.kind == cffi_frontend::RecordKind::Union
                || r.fields.iter().flatten().all(|f| {
                    let ty = innermost(m, &f.ty);
                    match &ty.kind {
                        TypeKind::Int(IntKind::Bool) => false,
                        TypeKind::Record(inner) => valid[inner.0 as usize],
                        _ => true,
                    }
                });
        }
        Reprs {
            reprs,
            valid,
            depth,
            held,
            holds,
        }
    }

    /// Whether another record holds `id` by value.
    pub fn is_held(&self, id: RecordId) -> bool {
        self.held.get(id.0 as usize).copied().unwrap_or(false)
    }

    /// How many records deep `id` nests by value.
    pub fn depth(&self, id: RecordId) -> u32 {
        self.depth.get(id.0 as usize).copied().unwrap_or(1)
    }

    pub fn of(&self, id: RecordId) -> Repr {
        self.reprs
            .get(id.0 as usize)
            .copied()
            .unwrap_or(Repr::Opaque)
    }

    /// Whether every bit pattern of the type's size is a valid Rust value of its Rust type, so
    /// that a safe method may read it from bytes C wrote. Not so for `_Bool` (only 0 and 1)
    /// and for arrays and `#[repr(C)]` structs holding one.
    pub fn all_bits_valid(&self, m: &Module, ty: &Type) -> bool {
        match &innermost(m, ty).kind {
            TypeKind::Int(IntKind::Bool) => false,
            TypeKind::Record(id) => self.valid.get(id.0 as usize).copied().unwrap_or(true),
            _ => true,
        }
    }

    /// Whether a value of `ty` is a record Rust stores differently from C (as bytes, or
    /// holding bytes) in a way C's calling conventions may tell apart. Bytes travel in
    /// integer registers or memory; so do C records of integers and pointers up to 8-byte
    /// alignment on every supported target, but floating-point fields may go in vector
    /// registers, and over-aligned records in register pairs.
    pub fn passes_as_bytes(&self, m: &Module, ty: &Type) -> bool {
        let TypeKind::Record(id) = m.resolve(ty).kind else {
            return false;
        };
        let Some(&Holds {
            bytes,
            measured,
            float,
        }) = self.holds.get(id.0 as usize)
        else {
            return false;
        };
        let over_aligned = cffi_frontend::layout::layout_of(m, ty).map_or(true, |l| l.align > 8);
        measured || (bytes && (float || over_aligned || misaligned(m, id, 0, 0)))
    }
}

/// Whether record `id`, placed at bit `base`, has a member that is not at a multiple of its
/// type's own alignment (a packed record's `int` after a `char`). The x86-64 psABI passes
/// such a record in memory, while Rust passes the bytes it stores the record as in
/// registers. Bit-fields are classified as integers wherever they lie, as gcc does.
fn misaligned(m: &Module, id: RecordId, base: u64, depth: u32) -> bool {
    if depth > MAX_RECORD_DEPTH {
        return true;
    }
    let (Some(fields), Ok(layout)) = (&m.record(id).fields, record_layout(m, id)) else {
        return true;
    };
    fields.iter().zip(&layout.fields).any(|(f, at)| {
        if f.bit_width.is_some() {
            return false;
        }
        let at = base + at.offset_bits;
        let ty = innermost(m, &f.ty);
        match ty.kind {
            TypeKind::Record(inner) => misaligned(m, inner, at, depth + 1),
            _ => {
                let natural =
                    cffi_frontend::layout::layout_of(m, &ty).map_or(1, |l| l.align.max(1));
                !at.is_multiple_of(natural * 8)
            }
        }
    })
}

/// Every record, in the order their definitions end: a record held by value is complete
/// before the definition holding it ends, in nested definitions too.
fn definition_order(m: &Module) -> Vec<RecordId> {
    let mut order: Vec<RecordId> = (0..m.records.len()).map(|i| RecordId(i as u32)).collect();
    order.sort_by_key(|id| m.record(*id).span.end);
    order
}

/// The type with typedefs and array dimensions peeled off.
fn innermost(m: &Module, ty: &Type) -> Type {
    let mut ty = m.resolve(ty);
    while let TypeKind::Array(elem, _) = &ty.kind {
        ty = m.resolve(elem);
    }
    ty
}

/// The record a field holds by value (directly or as an array's element), if any.
fn by_value_record(m: &Module, ty: &Type) -> Option<RecordId> {
    match innermost(m, ty).kind {
        TypeKind::Record(id) => Some(id),
        _ => None,
    }
}

/// Whether the type is named through a typedef that sets an alignment (`typedef int aint
/// __attribute__((aligned(8)));`): a Rust type alias cannot carry it, so a record holding one
/// is laid out as bytes.
fn aligned_typedef(m: &Module, ty: &Type) -> bool {
    let mut ty = ty;
    loop {
        match &ty.kind {
            TypeKind::Typedef(id) => {
                let td = m.typedef(*id);
                if td.aligned.is_some() {
                    return true;
                }
                ty = &td.ty;
            }
            TypeKind::Array(elem, _) => ty = elem,
            _ => return false,
        }
    }
}

/// Whether a field's type holds something only the C compiler can size.
fn compiler_sized(m: &Module, ty: &Type) -> bool {
    let mut ty = m.resolve(ty);
    loop {
        match &ty.kind {
            TypeKind::Array(_, ArrayLen::FromCompiler) => return true,
            TypeKind::Array(elem, _) => ty = m.resolve(elem),
            TypeKind::Unknown(_) => return true,
            _ => return false,
        }
    }
}

/// The representations, worked out depth first: a record's depends on those it holds.
struct Walk<'m> {
    m: &'m Module,
    state: Vec<State>,
    /// Whether a record carries `align(N)` (Rust's `#[repr(align)]`, which every record stored
    /// as bytes has too) itself or in a record it holds.
    aligned_inside: Vec<bool>,
}

/// A field type Rust has no counterpart for (`long double`, or a pointer to one): a record
/// holding one keeps its layout as bytes, with accessors for the other fields, instead of
/// a Rust struct missing the field.
fn no_rust_type(m: &Module, ty: &Type) -> bool {
    if m.unsupported_reason(ty).is_some() {
        return true;
    }
    match &m.resolve(ty).kind {
        TypeKind::Pointer(inner) | TypeKind::Array(inner, _) => no_rust_type(m, inner),
        _ => false,
    }
}

impl Walk<'_> {
    fn visit(&mut self, id: RecordId) -> Repr {
        let m = self.m;
        match self.state[id.0 as usize] {
            State::Done(r) => return r,
            // A record cannot hold itself by value; hostile input that tries is laid out as
            // written and the layout engine reports it.
            State::InProgress => return Repr::Fields,
            State::Todo => {}
        }
        self.state[id.0 as usize] = State::InProgress;
        let r = m.record(id);
        let mut aligned = r.aligned.is_some();
        let repr = match &r.fields {
            None => Repr::Opaque,
            Some(_) if r.partial => Repr::Measured,
            Some(fields) => {
                let mut repr = Repr::Fields;
                let packed = r.packed || r.max_field_align.is_some();
                if fields.iter().any(|f| {
                    f.bit_width.is_some()
                        || f.aligned.is_some()
                        || f.packed
                        || aligned_typedef(m, &f.ty)
                        || no_rust_type(m, &f.ty)
                }) || (packed && r.aligned.is_some())
                {
                    repr = Repr::Bytes;
                }
                for f in fields {
                    if compiler_sized(m, &f.ty) {
                        repr = Repr::Measured;
                        break;
                    }
                    let Some(inner) = by_value_record(m, &f.ty) else {
                        continue;
                    };
                    let inner_repr = self.visit(inner);
                    let inner_aligned = self.aligned_inside[inner.0 as usize];
                    aligned |= inner_aligned;
                    match inner_repr {
                        Repr::Measured => {
                            repr = Repr::Measured;
                            break;
                        }
                        // rustc refuses a packed type holding an over-aligned one (E0588); the
                        // generated byte records always carry `align`.
                        Repr::Bytes if packed => repr = Repr::Bytes,
                        Repr::Fields if packed && inner_aligned => repr = Repr::Bytes,
                        _ => {}
                    }
                }
                repr
            }
        };
        self.aligned_inside[id.0 as usize] = aligned || repr == Repr::Bytes;
        self.state[id.0 as usize] = State::Done(repr);
        repr
    }
}
