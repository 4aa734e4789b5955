//! Calls without libffi, for the signatures most calls have: every argument an integer, a
//! pointer or a float passed in a register, and the result one of those or nothing.
//!
//! On x86-64 (System V), the calling convention puts integer-class arguments in integer
//! registers and floating ones in vector registers, each in order and independently of the
//! other class. So one register-loading sequence serves every such signature: the
//! integers of the call in the first integer registers (sign- or zero-extended to 64 bits,
//! which satisfies every callee's assumption about narrower types), the floats in the first
//! vector registers (a `float` in the low 32 bits), the rest of the registers unused by the
//! callee. The call is made from inline assembly that follows the convention exactly, so no
//! Rust function pointer of a mismatched type is ever called. Everything else (records by
//! value, variadic functions, more arguments than registers, other targets) goes through
//! libffi.

use std::ffi::c_void;

use super::convert;
use super::ctype::{CType, Shape};
use super::error::{Error, Result};
use super::value::{Pointer, Value};

/// Integer-class arguments passed in registers.
pub(crate) const INT_REGS: usize = 6;
/// Floating arguments passed in registers.
pub(crate) const FLOAT_REGS: usize = 8;

/// Whether this target has direct calls: x86-64 with the System V convention. (AArch64's
/// convention has the same shape, but no machine here runs it to test a direct path.)
pub(crate) const SUPPORTED: bool = cfg!(all(target_arch = "x86_64", unix));

/// Where one argument goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// An integer register (integers, pointers).
    Int,
    /// A vector register holding a `float`.
    F32,
    /// A vector register holding a `double`.
    F64,
}

/// The registers of a signature, if every argument and the result fit a direct call.
pub(crate) fn plan<'a>(params: impl Iterator<Item = &'a Shape>, ret: &Shape) -> Option<Vec<Class>> {
    if !SUPPORTED {
        return None;
    }
    let mut classes = Vec::new();
    let (mut ints, mut floats) = (0, 0);
    for shape in params {
        let class = class(shape)?;
        match class {
            Class::Int => ints += 1,
            Class::F32 | Class::F64 => floats += 1,
        }
        classes.push(class);
    }
    if ints > INT_REGS || floats > FLOAT_REGS {
        return None;
    }
    match ret {
        Shape::Void => {}
        other => {
            class(other)?;
        }
    }
    Some(classes)
}

fn class(shape: &Shape) -> Option<Class> {
    match *shape {
        Shape::Int { .. } | Shape::Pointer(_) => Some(Class::Int),
        Shape::Float(4) => Some(Class::F32),
        Shape::Float(_) => Some(Class::F64),
        _ => None,
    }
}

/// The registers of one call: integers, and floats as the bits of a `double` register.
#[derive(Default)]
pub(crate) struct Regs {
    pub ints: [u64; INT_REGS],
    pub floats: [u64; FLOAT_REGS],
}

/// What the callee left in the result registers: the integer one and the vector one.
pub(crate) struct Results {
    pub int: u64,
    pub float: u64,
}

/// The registers of a direct call, if every argument converts without a question (the
/// others, and every error, are left to the general path).
#[inline]
pub(crate) fn registers(params: &[(CType, Shape)], plan: &[Class], args: &[Value]) -> Option<Regs> {
    let mut regs = Regs::default();
    let (mut ints, mut floats) = (0, 0);
    for (((ty, shape), v), class) in params.iter().zip(args).zip(plan) {
        match class {
            Class::Int => {
                regs.ints[ints] = match (shape, v) {
                    (
                        &Shape::Int {
                            size,
                            signed,
                            bool_,
                        },
                        &Value::Int(x),
                    ) if convert::fits(x, size, signed) && (!bool_ || x <= 1) => x as u64,
                    (Shape::Pointer(_), Value::Null) => 0,
                    (Shape::Pointer(to), Value::Pointer(p))
                        if convert::pointer_fits(ty, to, &p.pointee) =>
                    {
                        p.addr as u64
                    }
                    _ => return None,
                };
                ints += 1;
            }
            Class::F32 | Class::F64 => {
                let x = match *v {
                    Value::Float(x) => x,
                    Value::Int(x) => x as f64,
                    _ => return None,
                };
                regs.floats[floats] = match class {
                    Class::F32 => u64::from((x as f32).to_bits()),
                    _ => x.to_bits(),
                };
                floats += 1;
            }
        }
    }
    Some(regs)
}

/// The result of a direct call, from its registers.
#[inline]
pub(crate) fn result((ret, ret_pointee): (&Shape, Option<&CType>), r: &Results) -> Result<Value> {
    Ok(match *ret {
        Shape::Int {
            size,
            signed,
            bool_,
        } => {
            let v = convert::extend(u128::from(r.int), size, signed);
            if bool_ && v > 1 {
                return Err(Error::Value(format!("a `_Bool` result holds {v}")));
            }
            Value::Int(v)
        }
        Shape::Pointer(_) => match ret_pointee {
            Some(pointee) => Value::Pointer(Pointer {
                addr: r.int as usize as *mut c_void,
                pointee: pointee.clone(),
            }),
            None => Value::Void,
        },
        Shape::Float(4) => Value::Float(f32::from_bits(r.float as u32).into()),
        Shape::Float(_) => Value::Float(f64::from_bits(r.float)),
        _ => Value::Void,
    })
}

/// Calls `code` with `regs`.
///
/// # Safety
///
/// `code` is a function whose parameters are, in order, integer-class values read from
/// `regs.ints` and floating values read from `regs.floats`, as [`plan`] classified them,
/// with every argument in a register; what it does must be sound to do.
#[cfg(all(target_arch = "x86_64", unix))]
pub(crate) unsafe fn call(code: *const c_void, regs: &Regs) -> Results {
    let (int, float): (u64, f64);
    let [i0, i1, i2, i3, i4, i5] = regs.ints;
    let f = regs.floats.map(f64::from_bits);
    // SAFETY: the caller's promise. The asm block calls the function by the System V
    // convention: arguments in rdi..r9 and xmm0..xmm7, the stack aligned for a call on entry
    // to the block (asm! guarantees it without `nostack`), every caller-saved register
    // clobbered, the result in rax and xmm0.
    unsafe {
        std::arch::asm!(
            "call {code}",
            code = in(reg) code,
            in("rdi") i0, in("rsi") i1, in("rdx") i2, in("rcx") i3, in("r8") i4, in("r9") i5,
            in("xmm0") f[0], in("xmm1") f[1], in("xmm2") f[2], in("xmm3") f[3],
            in("xmm4") f[4], in("xmm5") f[5], in("xmm6") f[6], in("xmm7") f[7],
            lateout("rax") int,
            lateout("xmm0") float,
            clobber_abi("C"),
        );
    }
    Results {
        int,
        float: float.to_bits(),
    }
}

/// No direct calls on this target: [`SUPPORTED`] is false, so [`plan`] never allows one.
///
/// # Safety
///
/// Never called.
#[cfg(not(all(target_arch = "x86_64", unix)))]
pub(crate) unsafe fn call(_code: *const c_void, _regs: &Regs) -> Results {
    unreachable!("direct calls are planned only on x86-64")
}
