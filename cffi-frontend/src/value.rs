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
    if k == FloatKind::Float {
        v as f32 as f64
    } else {
        v
    }
}
