//! Typed constant values, and C's conversions of them to a type: what both the literals
//! ([`crate::literals`]) and the expressions of constants ([`crate::eval`]) make.

use crate::model::{FloatKind, IntKind, Type};
use crate::target::Target;

/// A typed constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int(i128, IntKind),
    Float(f64, FloatKind),
    Str(Vec<u8>),
    /// An integer cast to a pointer type: `((void *)-1)`, `((sqlite3_destructor_type)-1)`.
    Ptr(i128, Type),
    /// The address of a global, with the pointer type it is used as: `((MPI_Comm)
    /// &ompi_mpi_comm_world)`.
    Addr(String, Type),
}

/// `v` converted to `k`: reduced modulo 2^bits, as gcc does for out-of-range values.
pub(crate) fn wrap(v: i128, k: IntKind, t: &Target) -> i128 {
    if k == IntKind::Bool {
        return (v != 0) as i128;
    }
    let bits = k.size(t) * 8;
    if bits >= 128 {
        return v;
    }
    let m = (v as u128) & ((1u128 << bits) - 1);
    if k.is_signed(t) && m >> (bits - 1) == 1 {
        (m as i128) - (1i128 << bits)
    } else {
        m as i128
    }
}

/// `v` rounded to the precision of `k` (`float` is narrower than the `f64` held).
pub(crate) fn round_to(v: f64, k: FloatKind) -> f64 {
    if k.base() == FloatKind::Float {
        v as f32 as f64
    } else {
        v
    }
}

// C's usual arithmetic conversions.

/// The type arithmetic is done in: standard names mapped to the base type they stand for.
fn arith_kind(k: IntKind, t: &Target) -> IntKind {
    k.base(t)
}

pub(crate) fn rank(k: IntKind) -> u8 {
    use IntKind::*;
    match k {
        Bool => 0,
        Char | SChar | UChar => 1,
        Short | UShort => 2,
        Int | UInt => 3,
        Long | ULong => 4,
        LongLong | ULongLong => 5,
        _ => 6,
    }
}

fn unsigned_of(k: IntKind) -> IntKind {
    use IntKind::*;
    match k {
        Int => UInt,
        Long => ULong,
        LongLong => ULongLong,
        Int128 => UInt128,
        other => other,
    }
}

pub(crate) fn promote(k: IntKind, t: &Target) -> IntKind {
    let k = arith_kind(k, t);
    if rank(k) < rank(IntKind::Int) {
        IntKind::Int
    } else {
        k
    }
}

pub(crate) fn common(a: IntKind, b: IntKind, t: &Target) -> IntKind {
    let (a, b) = (promote(a, t), promote(b, t));
    let (sa, sb) = (a.is_signed(t), b.is_signed(t));
    if sa == sb {
        return if rank(a) >= rank(b) { a } else { b };
    }
    let (s, u) = if sa { (a, b) } else { (b, a) };
    if rank(u) >= rank(s) {
        u
    } else if s.size(t) > u.size(t) {
        s
    } else {
        unsigned_of(s)
    }
}

pub(crate) fn float_rank(k: FloatKind) -> u8 {
    match k {
        FloatKind::Half | FloatKind::Fp16 | FloatKind::BFloat16 => 0,
        FloatKind::Float | FloatKind::Float32 => 1,
        FloatKind::Double | FloatKind::Float64 | FloatKind::Float32x => 2,
        FloatKind::LongDouble | FloatKind::Float64x => 3,
        FloatKind::Float128 => 4,
    }
}
