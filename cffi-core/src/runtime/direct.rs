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
use super::value::{Pointed, Pointer, Value};

/// Integer-class arguments passed in registers.
pub(crate) const INT_REGS: usize = 6;
/// Floating arguments passed in registers.
pub(crate) const FLOAT_REGS: usize = 8;

/// Whether this target has direct calls: x86-64 with the System V convention. (AArch64's
/// convention has the same shape, but no machine here runs it to test a direct path.)
pub(crate) const SUPPORTED: bool = cfg!(all(target_arch = "x86_64", unix));

/// How one argument of a direct call is checked and where it goes, worked out once per
/// function so a call only compares and stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    /// An integer from `lo` to `lo + span` (its C type's range; 0 and 1 for `_Bool`) into
    /// integer register `reg`.
    Int { reg: u8, lo: i64, span: u64 },
    /// A pointer into integer register `reg`, checked against the declared parameter.
    Pointer { reg: u8 },
    /// A `float` in the low half of vector register `reg`.
    F32 { reg: u8 },
    /// A `double` in vector register `reg`.
    F64 { reg: u8 },
}

/// What a direct call's result is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ret {
    Void,
    /// An integer in the low `64 - shift` bits of the register, sign-extended when `signed`.
    Int {
        shift: u32,
        signed: bool,
        bool_: bool,
    },
    Pointer,
    F32,
    F64,
}

/// A signature's direct call: each argument's check and register, and the result's reading.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub args: Box<[Arg]>,
    pub ret: Ret,
    /// Every argument goes to an integer register, the `i`th to the `i`th: the call needs
    /// no table of registers.
    pub ints_only: bool,
}

/// The plan of a signature, if every argument and the result fit a direct call.
pub(crate) fn plan<'a>(params: impl Iterator<Item = &'a Shape>, ret: &Shape) -> Option<Plan> {
    if !SUPPORTED {
        return None;
    }
    let mut args = Vec::new();
    let (mut ints, mut floats) = (0u8, 0u8);
    for shape in params {
        let (counter, limit) = match shape {
            Shape::Float(_) => (&mut floats, FLOAT_REGS),
            _ => (&mut ints, INT_REGS),
        };
        let reg = *counter;
        if usize::from(reg) == limit {
            return None;
        }
        *counter += 1;
        args.push(match *shape {
            Shape::Int {
                size,
                signed,
                bool_,
            } => {
                let (lo, hi) = convert::int_range(size, signed, bool_);
                // Integers of up to 8 bytes: both bounds fit these types.
                Arg::Int {
                    reg,
                    lo: lo as i64,
                    span: (hi - lo) as u64,
                }
            }
            Shape::Pointer(_) => Arg::Pointer { reg },
            Shape::Float(4) => Arg::F32 { reg },
            Shape::Float(_) => Arg::F64 { reg },
            _ => return None,
        });
    }
    let ret = match *ret {
        Shape::Void => Ret::Void,
        Shape::Int {
            size,
            signed,
            bool_,
        } => Ret::Int {
            shift: 64 - u32::from(size) * 8,
            signed,
            bool_,
        },
        Shape::Pointer(_) => Ret::Pointer,
        Shape::Float(4) => Ret::F32,
        Shape::Float(_) => Ret::F64,
        _ => return None,
    };
    Some(Plan {
        ints_only: floats == 0,
        args: args.into_boxed_slice(),
        ret,
    })
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

impl Plan {
    /// The registers of a call, if every argument converts without a question (the others,
    /// and every error, are left to the general path, which says what is wrong). `params`
    /// are the declared parameters, for pointer checks; `args` has the plan's length.
    #[inline]
    pub(crate) fn registers(&self, params: &[(CType, Shape)], args: &[Value]) -> Option<Regs> {
        let mut regs = Regs::default();
        for (i, (arg, v)) in self.args.iter().zip(args).enumerate() {
            match *arg {
                Arg::Int { reg, .. } | Arg::Pointer { reg } => {
                    regs.ints[usize::from(reg)] = self.int_arg(params, i, v)?;
                }
                Arg::F32 { reg } => {
                    regs.floats[usize::from(reg)] = u64::from((float(v)? as f32).to_bits());
                }
                Arg::F64 { reg } => regs.floats[usize::from(reg)] = float(v)?.to_bits(),
            }
        }
        Some(regs)
    }

    /// One integer-class argument's register value, if it converts without a question.
    #[inline(always)]
    fn int_arg(&self, params: &[(CType, Shape)], i: usize, v: &Value) -> Option<u64> {
        match (self.args[i], v) {
            (Arg::Int { lo, span, .. }, &Value::Int(x)) if in_range(x, lo, span) => Some(x as u64),
            (Arg::Pointer { .. }, Value::Null) => Some(0),
            (Arg::Pointer { .. }, Value::Pointer(p)) => {
                let (ty, Shape::Pointer(to)) = &params[i] else {
                    return None;
                };
                convert::pointer_fits(ty, to, &p.pointee).then_some(p.addr as u64)
            }
            _ => None,
        }
    }

    /// [`Plan::registers`] for a plan whose arguments are all integers and pointers, worked
    /// out argument by argument into the registers themselves (no table in memory between).
    #[inline(always)]
    pub(crate) fn int_registers(
        &self,
        params: &[(CType, Shape)],
        args: &[Value],
    ) -> Option<[u64; INT_REGS]> {
        let mut ints = [0; INT_REGS];
        for (i, (reg, v)) in ints.iter_mut().zip(args).enumerate() {
            *reg = self.int_arg(params, i, v)?;
        }
        Some(ints)
    }

    /// The result of a direct call, from its registers.
    #[inline(always)]
    pub(crate) fn result(&self, r: &Results, ret_pointee: Option<&CType>) -> Result<Value> {
        Ok(match self.ret {
            Ret::Int {
                shift,
                signed,
                bool_,
            } => {
                let v = match signed {
                    true => i128::from((r.int << shift) as i64 >> shift),
                    false => i128::from(r.int << shift >> shift),
                };
                if bool_ && v > 1 {
                    return Err(Error::Value(format!("a `_Bool` result holds {v}")));
                }
                Value::Int(v)
            }
            Ret::Pointer => match ret_pointee {
                Some(pointee) => Value::Pointer(Pointer {
                    addr: r.int as usize as *mut c_void,
                    pointee: Pointed::new(pointee.clone()),
                }),
                None => Value::Void,
            },
            Ret::F32 => Value::Float(f32::from_bits(r.float as u32).into()),
            Ret::F64 => Value::Float(f64::from_bits(r.float)),
            Ret::Void => Value::Void,
        })
    }
}

/// Whether `x` is from `lo` to `lo + span`: one subtraction and one unsigned comparison.
#[inline(always)]
fn in_range(x: i128, lo: i64, span: u64) -> bool {
    (x.wrapping_sub(i128::from(lo)) as u128) <= u128::from(span)
}

/// A number for a floating parameter: a float, or an integer converted as C converts it.
#[inline]
fn float(v: &Value) -> Option<f64> {
    match *v {
        Value::Float(x) => Some(x),
        Value::Int(x) => Some(x as f64),
        _ => None,
    }
}

/// Calls `code` with `regs`.
///
/// # Safety
///
/// `code` is a function whose parameters are, in order, integer-class values read from
/// `regs.ints` and floating values read from `regs.floats`, as [`plan`] classified them,
/// with every argument in a register; what it does must be sound to do.
#[cfg(all(target_arch = "x86_64", unix))]
#[inline]
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

/// [`call`] for a signature of integer-class arguments only: the vector registers are left
/// as they are, since the callee reads none.
///
/// # Safety
///
/// As [`call`], with every parameter an integer or a pointer.
#[cfg(all(target_arch = "x86_64", unix))]
#[inline(always)]
pub(crate) unsafe fn call_ints(code: *const c_void, ints: [u64; INT_REGS]) -> Results {
    let (int, float): (u64, f64);
    let [i0, i1, i2, i3, i4, i5] = ints;
    // SAFETY: as in `call`.
    unsafe {
        std::arch::asm!(
            "call {code}",
            code = in(reg) code,
            in("rdi") i0, in("rsi") i1, in("rdx") i2, in("rcx") i3, in("r8") i4, in("r9") i5,
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
pub(crate) unsafe fn call_ints(_code: *const c_void, _ints: [u64; INT_REGS]) -> Results {
    unreachable!("direct calls are planned only on x86-64")
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
