//! The x86-64 System V classification of arguments into registers, for what libffi gets
//! wrong: libffi before 3.4.7 (Debian 12 ships 3.4.4) copies a record of more than 8 bytes
//! whose first eightbyte is the sixth integer register argument over the first vector
//! register, corrupting whichever `float` or `double` argument it holds (libffi pull
//! request 848). The differential test against gcc found it; such calls are refused.

use cffi_frontend::layout::record_layout;
use cffi_frontend::{ArrayLen, FloatKind, Module, RecordId, Type, TypeKind};

use super::ctype::{CType, Shape};

/// The class of one eightbyte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    None,
    Integer,
    Sse,
    /// Passed in memory: the whole argument goes on the stack.
    Memory,
}

fn merge(a: Class, b: Class) -> Class {
    match (a, b) {
        (x, y) if x == y => x,
        (Class::None, x) | (x, Class::None) => x,
        (Class::Memory, _) | (_, Class::Memory) => Class::Memory,
        (Class::Integer, _) | (_, Class::Integer) => Class::Integer,
        _ => Class::Sse,
    }
}

/// The classes of the two eightbytes of a value of `ty`, or `None` for one passed in memory.
fn classify(m: &Module, ty: &Type) -> Option<[Class; 2]> {
    let size = cffi_frontend::layout::layout_of(m, ty).ok()?.size;
    if size > 16 {
        return None;
    }
    let mut classes = [Class::None; 2];
    place(m, ty, 0, &mut classes, 0)?;
    if classes.contains(&Class::Memory) {
        return None;
    }
    Some(classes)
}

/// Merges the classes of a value of `ty` at byte `at` into `classes`.
fn place(m: &Module, ty: &Type, at: u64, classes: &mut [Class; 2], depth: u32) -> Option<()> {
    if depth > 64 {
        return None;
    }
    let slot = |c: &mut [Class; 2], at: u64, class: Class| {
        if let Some(e) = c.get_mut((at / 8) as usize) {
            *e = merge(*e, class);
        }
    };
    match m.resolve(ty).kind {
        TypeKind::Int(_) | TypeKind::Enum(_) | TypeKind::Pointer(_) => {
            slot(classes, at, Class::Integer)
        }
        TypeKind::Float(k) if matches!(k.base(), FloatKind::Float | FloatKind::Double) => {
            slot(classes, at, Class::Sse)
        }
        TypeKind::Array(elem, ArrayLen::Fixed(n)) => {
            let step = cffi_frontend::layout::layout_of(m, &elem).ok()?.size;
            for i in 0..n.min(16) {
                place(m, &elem, at + i * step, classes, depth + 1)?;
            }
        }
        TypeKind::Record(id) => record(m, id, at, classes, depth)?,
        // `long double`, `_Complex`, vectors and what else run-time mode passes no other
        // way: memory, as far as this check is concerned.
        _ => slot(classes, at, Class::Memory),
    }
    Some(())
}

fn record(m: &Module, id: RecordId, at: u64, classes: &mut [Class; 2], depth: u32) -> Option<()> {
    let layout = record_layout(m, id).ok()?;
    for (f, l) in m.record(id).fields.iter().flatten().zip(&layout.fields) {
        let start = at + l.offset_bits / 8;
        match f.bit_width {
            Some(0) => {}
            Some(w) => {
                let bits = at * 8 + l.offset_bits;
                for e in bits / 64..=(bits + u64::from(w) - 1) / 64 {
                    if let Some(c) = classes.get_mut(e as usize) {
                        *c = merge(*c, Class::Integer);
                    }
                }
            }
            None => place(m, &f.ty, start, classes, depth + 1)?,
        }
    }
    Some(())
}

/// The index of the first argument libffi would pass wrongly (libffi pull request 848): a
/// record of more than 8 bytes whose first eightbyte lands in the sixth integer register.
pub(crate) fn libffi_corrupts(params: &[(CType, Shape)], ret: &(CType, Shape)) -> Option<usize> {
    if !cfg!(all(target_arch = "x86_64", not(windows))) {
        return None;
    }
    // A result passed in memory takes the first integer register for its address.
    let mut ints = match ret.1 {
        Shape::Record(_) => usize::from(classify(&ret.0.module, &ret.0.ty).is_none()),
        _ => 0,
    };
    let mut floats = 0usize;
    for (i, (ty, shape)) in params.iter().enumerate() {
        match shape {
            Shape::Int { .. } | Shape::Pointer(_) | Shape::Array(..) | Shape::Function => {
                ints += usize::from(ints < 6)
            }
            Shape::Float(_) => floats += usize::from(floats < 8),
            Shape::Record(_) => {
                let Some(classes) = classify(&ty.module, &ty.ty) else {
                    continue;
                };
                let need_int = classes.iter().filter(|c| **c == Class::Integer).count();
                let need_sse = classes.iter().filter(|c| **c == Class::Sse).count();
                if ints + need_int > 6 || floats + need_sse > 8 {
                    continue;
                }
                let big = ty.size().is_ok_and(|s| s > 8);
                if big && classes[0] == Class::Integer && ints == 5 {
                    return Some(i);
                }
                ints += need_int;
                floats += need_sse;
            }
            _ => {}
        }
    }
    None
}
