//! Constant expressions, evaluated with C's rules: literal types, integer promotion, the usual
//! arithmetic conversions, and wrap-around to the width of the result type, as gcc folds them.

use crate::error::{Error, ErrorKind, Span};
use crate::layout;
use crate::model::{FloatKind, IntKind, Module, Type, TypeKind};
use crate::target::Target;

pub(crate) use crate::literals::{char_literal, float_literal, int_literal, string_bytes};
pub use crate::value::Value;
use crate::value::{common, float_rank, promote, round_to, wrap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnOp {
    Neg,
    Plus,
    BitNot,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinOp {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    And,
    Or,
}

/// A constant expression, with names already replaced by their values.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    Value(Value, Span),
    Unary(UnOp, Box<Expr>, Span),
    Binary(BinOp, Box<Expr>, Box<Expr>, Span),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Cast(Type, Box<Expr>, Span),
    SizeOf(Type, Span),
    AlignOf(Type, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Value(_, s)
            | Expr::Unary(_, _, s)
            | Expr::Binary(_, _, _, s)
            | Expr::Cast(_, _, s)
            | Expr::SizeOf(_, s)
            | Expr::AlignOf(_, s) => s.clone(),
            Expr::Cond(c, _, e) => c.span().start..e.span().end,
        }
    }
}

fn eval_error(span: Span, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::ConstantEvaluation, span, message)
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Int(i, _) => *i as f64,
        Value::Float(f, _) => *f,
        Value::Str(_) | Value::Ptr(..) | Value::Addr(..) => 0.0,
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Int(i, _) => *i != 0,
        Value::Float(f, _) => *f != 0.0,
        Value::Ptr(a, _) => *a != 0,
        Value::Str(_) | Value::Addr(..) => true,
    }
}

/// Pointer constants are values to bind, not to compute with.
fn no_pointer_arithmetic(v: &Value, span: &Span) -> Result<(), Error> {
    match v {
        Value::Ptr(..) | Value::Addr(..) => Err(Error::new(
            ErrorKind::Unsupported,
            span.clone(),
            "arithmetic on pointers is not supported in constant expressions",
        )),
        _ => Ok(()),
    }
}

fn bool_value(b: bool) -> Value {
    Value::Int(b as i128, IntKind::Int)
}

pub(crate) fn eval(e: &Expr, m: &Module) -> Result<Value, Error> {
    let t = &m.target;
    match e {
        Expr::Value(v, _) => Ok(v.clone()),
        Expr::Unary(op, inner, span) => {
            let v = eval(inner, m)?;
            no_pointer_arithmetic(&v, span)?;
            if let Value::Str(_) = v {
                return Err(eval_error(
                    span.clone(),
                    "invalid operand: a string literal",
                ));
            }
            Ok(match (op, v) {
                (UnOp::Not, v) => bool_value(!truthy(&v)),
                (UnOp::Plus, Value::Int(i, k)) => Value::Int(i, promote(k, t)),
                (UnOp::Neg, Value::Int(i, k)) => {
                    let k = promote(k, t);
                    let v = signed_checked(wrap(i, k, t).wrapping_neg(), k, t, span)?;
                    Value::Int(wrap(v, k, t), k)
                }
                (UnOp::BitNot, Value::Int(i, k)) => {
                    let k = promote(k, t);
                    Value::Int(wrap(!i, k, t), k)
                }
                (UnOp::Plus, f @ Value::Float(..)) => f,
                (UnOp::Neg, Value::Float(f, k)) => Value::Float(-f, k),
                (UnOp::BitNot, Value::Float(..)) => {
                    return Err(eval_error(
                        span.clone(),
                        "invalid operand of `~`: a floating-point value",
                    ));
                }
                (_, Value::Str(_) | Value::Ptr(..) | Value::Addr(..)) => unreachable_str(span)?,
            })
        }
        Expr::Binary(op, l, r, span) => {
            let lv = eval(l, m)?;
            match op {
                BinOp::And if !truthy(&lv) => return Ok(bool_value(false)),
                BinOp::Or if truthy(&lv) => return Ok(bool_value(true)),
                _ => {}
            }
            let rv = eval(r, m)?;
            binary(*op, lv, rv, span.clone(), t)
        }
        Expr::Cond(c, a, b) => {
            let cond = truthy(&eval(c, m)?);
            let (chosen, other) = if cond { (a, b) } else { (b, a) };
            let v = eval(chosen, m)?;
            match (v, eval(other, m)) {
                (Value::Int(i, k), Ok(Value::Int(_, k2))) => {
                    let c = common(k, k2, t);
                    Ok(Value::Int(wrap(i, c, t), c))
                }
                (Value::Int(i, _), Ok(Value::Float(_, fk))) => Ok(Value::Float(i as f64, fk)),
                (v, _) => Ok(v),
            }
        }
        Expr::Cast(ty, inner, span) => {
            let v = eval(inner, m)?;
            cast(v, ty, span.clone(), m)
        }
        Expr::SizeOf(ty, span) => {
            let l = layout::layout_of(m, ty).map_err(|e| e.at(span.clone()))?;
            Ok(Value::Int(l.size as i128, IntKind::Size))
        }
        Expr::AlignOf(ty, span) => {
            let l = layout::type_align(m, ty).map_err(|e| e.at(span.clone()))?;
            Ok(Value::Int(l as i128, IntKind::Size))
        }
    }
}

fn unreachable_str(span: &Span) -> Result<Value, Error> {
    Err(eval_error(
        span.clone(),
        "invalid operand: a string literal",
    ))
}

fn binary(op: BinOp, lv: Value, rv: Value, span: Span, t: &Target) -> Result<Value, Error> {
    use BinOp::*;
    no_pointer_arithmetic(&lv, &span)?;
    no_pointer_arithmetic(&rv, &span)?;
    if matches!(lv, Value::Str(_)) || matches!(rv, Value::Str(_)) {
        return Err(eval_error(
            span,
            "invalid operands: a string literal in arithmetic",
        ));
    }
    if matches!(op, And | Or) {
        return Ok(bool_value(truthy(&rv)));
    }
    let (li, lk, ri, rk) = match (&lv, &rv) {
        (Value::Int(a, ka), Value::Int(b, kb)) => (*a, *ka, *b, *kb),
        _ => return float_binary(op, &lv, &rv, span),
    };
    if matches!(op, Shl | Shr) {
        let k = promote(lk, t);
        let bits = k.size(t) as i128 * 8;
        if ri < 0 || ri >= bits {
            return Err(eval_error(
                span,
                format!("shift count {ri} is out of range for `{}`", k.c_name()),
            ));
        }
        let v = if op == Shl {
            ((li as u128) << ri) as i128
        } else {
            li >> ri
        };
        return Ok(Value::Int(wrap(v, k, t), k));
    }
    let k = common(lk, rk, t);
    let (a, b) = (wrap(li, k, t), wrap(ri, k, t));
    let overflow = || eval_error(span.clone(), "integer overflow in constant expression");
    let v = match op {
        Mul => a.checked_mul(b).ok_or_else(overflow)?,
        Add => a.checked_add(b).ok_or_else(overflow)?,
        Sub => a.checked_sub(b).ok_or_else(overflow)?,
        Div | Rem if b == 0 => {
            return Err(eval_error(span, "division by zero in constant expression"));
        }
        Div => a.checked_div(b).ok_or_else(overflow)?,
        // C defines `a % b` only where `a / b` is representable: `INT64_MIN % -1` overflows.
        Rem => {
            signed_checked(a.checked_div(b).ok_or_else(overflow)?, k, t, &span)?;
            a.checked_rem(b).ok_or_else(overflow)?
        }
        BitAnd => a & b,
        BitXor => a ^ b,
        BitOr => a | b,
        Lt => return Ok(bool_value(a < b)),
        Gt => return Ok(bool_value(a > b)),
        Le => return Ok(bool_value(a <= b)),
        Ge => return Ok(bool_value(a >= b)),
        Eq => return Ok(bool_value(a == b)),
        Ne => return Ok(bool_value(a != b)),
        Shl | Shr | And | Or => unreachable_op(span.clone())?,
    };
    let v = signed_checked(v, k, t, &span)?;
    Ok(Value::Int(wrap(v, k, t), k))
}

/// `v` if it fits signed type `k`: C makes a constant expression whose value its type cannot
/// represent a constraint violation (C11 6.6p4; gcc's -Woverflow), and leaves the value
/// undefined. Unsigned arithmetic wraps, as C defines it.
fn signed_checked(v: i128, k: IntKind, t: &Target, span: &Span) -> Result<i128, Error> {
    if !k.is_signed(t) || k == IntKind::Bool || wrap(v, k, t) == v {
        return Ok(v);
    }
    Err(eval_error(
        span.clone(),
        format!(
            "integer overflow in constant expression: {v} does not fit `{}`",
            k.c_name()
        ),
    ))
}

fn unreachable_op(span: Span) -> Result<i128, Error> {
    Err(eval_error(span, "invalid operator in constant expression"))
}

fn float_binary(op: BinOp, lv: &Value, rv: &Value, span: Span) -> Result<Value, Error> {
    use BinOp::*;
    let kind = |v: &Value| match v {
        Value::Float(_, k) => Some(*k),
        _ => None,
    };
    let k = match (kind(lv), kind(rv)) {
        (Some(a), Some(b)) if float_rank(a) >= float_rank(b) => a,
        (Some(_), Some(b)) => b,
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => FloatKind::Double,
    };
    let (a, b) = (as_f64(lv), as_f64(rv));
    let v = match op {
        Mul => a * b,
        Div => a / b,
        Add => a + b,
        Sub => a - b,
        Lt => return Ok(bool_value(a < b)),
        Gt => return Ok(bool_value(a > b)),
        Le => return Ok(bool_value(a <= b)),
        Ge => return Ok(bool_value(a >= b)),
        Eq => return Ok(bool_value(a == b)),
        Ne => return Ok(bool_value(a != b)),
        _ => {
            return Err(eval_error(
                span,
                "invalid operands: a floating-point value with an integer-only operator",
            ));
        }
    };
    Ok(Value::Float(round_to(v, k), k))
}

fn cast(v: Value, ty: &Type, span: Span, m: &Module) -> Result<Value, Error> {
    let t = &m.target;
    let resolved = m.resolve(ty);
    let target_kind = match &resolved.kind {
        TypeKind::Enum(id) => Some(m.enum_(*id).int_kind(t)),
        TypeKind::Int(k) => Some(*k),
        _ => None,
    };
    // Keep the name the user cast to (`(size_t)5` is a size_t), unless it is a typedef.
    let named = match &ty.kind {
        TypeKind::Int(k) => Some(*k),
        _ => target_kind,
    };
    match (v, target_kind, &resolved.kind) {
        (Value::Int(i, _), Some(k), _) => Ok(Value::Int(wrap(i, k, t), named.unwrap_or(k))),
        (Value::Float(f, _), Some(k), _) => {
            let bits = k.size(t) * 8;
            let (lo, hi) = if k == IntKind::Bool {
                return Ok(Value::Int((f != 0.0) as i128, k));
            } else if k.is_signed(t) {
                (-(2f64.powi(bits as i32 - 1)), 2f64.powi(bits as i32 - 1))
            } else {
                (0.0, 2f64.powi(bits as i32))
            };
            let tr = f.trunc();
            if !(tr >= lo && tr < hi) {
                return Err(eval_error(
                    span,
                    format!("{f} does not fit in `{}`", k.c_name()),
                ));
            }
            Ok(Value::Int(tr as i128, named.unwrap_or(k)))
        }
        (v @ (Value::Int(..) | Value::Float(..)), None, TypeKind::Float(fk)) => {
            Ok(Value::Float(round_to(as_f64(&v), *fk), *fk))
        }
        (Value::Int(i, _), _, TypeKind::Pointer(_)) => {
            let bits = u32::try_from(t.pointer_size() * 8).unwrap_or(64);
            let address = (i as u128 & (u128::MAX >> (128 - bits))) as i128;
            Ok(Value::Ptr(address, ty.clone()))
        }
        (Value::Ptr(a, _), _, TypeKind::Pointer(_)) => Ok(Value::Ptr(a, ty.clone())),
        (Value::Addr(s, _), _, TypeKind::Pointer(_)) => Ok(Value::Addr(s, ty.clone())),
        (Value::Ptr(..) | Value::Addr(..), _, _) => Err(Error::new(
            ErrorKind::Unsupported,
            span,
            "a pointer constant can only be cast to another pointer type",
        )),
        _ => Err(eval_error(span, "invalid cast in constant expression")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Target {
        Target::from_triple("x86_64-unknown-linux-gnu").unwrap()
    }

    #[test]
    fn literal_types_follow_c() {
        let t = t();
        assert_eq!(int_literal("253", &t), Ok(Value::Int(253, IntKind::Int)));
        assert_eq!(
            int_literal("0xFFFFFFFFu", &t),
            Ok(Value::Int(0xFFFF_FFFF, IntKind::UInt))
        );
        assert_eq!(
            int_literal("0xFFFFFFFF", &t),
            Ok(Value::Int(0xFFFF_FFFF, IntKind::UInt))
        );
        assert_eq!(
            int_literal("4294967295", &t),
            Ok(Value::Int(0xFFFF_FFFF, IntKind::Long))
        );
        assert_eq!(int_literal("010", &t), Ok(Value::Int(8, IntKind::Int)));
        assert_eq!(int_literal("0b101", &t), Ok(Value::Int(5, IntKind::Int)));
        assert_eq!(
            int_literal("7ULL", &t),
            Ok(Value::Int(7, IntKind::ULongLong))
        );
        assert_eq!(int_literal("1lu", &t), Ok(Value::Int(1, IntKind::ULong)));
        assert!(int_literal("0x", &t).is_err());
        assert!(int_literal("12abc", &t).is_err());
        assert!(int_literal("09", &t).is_err());
        assert!(int_literal("99999999999999999999999", &t).is_err());
        let win = Target::from_triple("x86_64-pc-windows-msvc").unwrap();
        assert_eq!(
            int_literal("4294967295", &win),
            Ok(Value::Int(0xFFFF_FFFF, IntKind::LongLong))
        );
    }

    #[test]
    fn float_literals() {
        assert_eq!(
            float_literal("1.5"),
            Ok(Value::Float(1.5, FloatKind::Double))
        );
        assert_eq!(
            float_literal("0.1f"),
            Ok(Value::Float(0.1f32 as f64, FloatKind::Float))
        );
        assert_eq!(
            float_literal("0x1p-3"),
            Ok(Value::Float(0.125, FloatKind::Double))
        );
        assert_eq!(
            float_literal("0x1.8p1"),
            Ok(Value::Float(3.0, FloatKind::Double))
        );
        assert_eq!(
            float_literal("1e3"),
            Ok(Value::Float(1000.0, FloatKind::Double))
        );
        assert_eq!(
            float_literal("2.0L"),
            Ok(Value::Float(2.0, FloatKind::LongDouble))
        );
        assert!(float_literal("1.5x").is_err());
    }

    #[test]
    fn characters_and_strings() {
        let t = t();
        assert_eq!(char_literal("'a'", &t), Ok(Value::Int(97, IntKind::Int)));
        assert_eq!(
            char_literal("'\\xff'", &t),
            Ok(Value::Int(-1, IntKind::Int))
        );
        let arm = Target::from_triple("aarch64-unknown-linux-gnu").unwrap();
        assert_eq!(
            char_literal("'\\xff'", &arm),
            Ok(Value::Int(255, IntKind::Int))
        );
        assert_eq!(char_literal("'\\n'", &t), Ok(Value::Int(10, IntKind::Int)));
        assert_eq!(
            char_literal("L'\\u00e9'", &t),
            Ok(Value::Int(0xe9, IntKind::WChar))
        );
        assert!(char_literal("'ab'", &t).is_err());
        assert!(char_literal("''", &t).is_err());
        assert_eq!(string_bytes("a\\tb\\0"), Ok(b"a\tb\0".to_vec()));
        assert_eq!(string_bytes("\\xc3\\xa9"), Ok(vec![0xc3, 0xa9]));
        assert_eq!(string_bytes("é\\u00e9"), Ok("éé".as_bytes().to_vec()));
        assert!(string_bytes("\\q").is_err());
        assert!(string_bytes("\\x").is_err());
    }

    #[test]
    fn conversions() {
        let t = t();
        assert_eq!(common(IntKind::Int, IntKind::UInt, &t), IntKind::UInt);
        assert_eq!(common(IntKind::Long, IntKind::UInt, &t), IntKind::Long);
        assert_eq!(
            common(IntKind::LongLong, IntKind::ULong, &t),
            IntKind::ULongLong
        );
        assert_eq!(common(IntKind::Char, IntKind::Short, &t), IntKind::Int);
        assert_eq!(common(IntKind::Size, IntKind::Int, &t), IntKind::ULong);
        assert_eq!(wrap(1 << 31, IntKind::Int, &t), -(1 << 31));
        assert_eq!(wrap(-1, IntKind::UInt, &t), 0xFFFF_FFFF);
        assert_eq!(wrap(300, IntKind::Bool, &t), 1);
    }
}
