//! Constant expressions: array sizes, enumerator values, bit-field widths, `#define` bodies.

use super::{PResult, Parser};
use crate::error::{Error, ErrorKind, closest};
use crate::eval::{self, BinOp, Expr, UnOp, Value};
use crate::model::{ArrayLen, IntKind, Type, TypeKind};
use crate::token::{Kw, Punct, Tok};

const MAX_EXPR_NODES: u32 = 1000;

fn binop(p: Punct) -> Option<(BinOp, u8)> {
    use BinOp::*;
    Some(match p {
        Punct::OrOr => (Or, 1),
        Punct::AndAnd => (And, 2),
        Punct::Pipe => (BitOr, 3),
        Punct::Caret => (BitXor, 4),
        Punct::Amp => (BitAnd, 5),
        Punct::EqEq => (Eq, 6),
        Punct::Ne => (Ne, 6),
        Punct::Lt => (Lt, 7),
        Punct::Gt => (Gt, 7),
        Punct::Le => (Le, 7),
        Punct::Ge => (Ge, 7),
        Punct::Shl => (Shl, 8),
        Punct::Shr => (Shr, 8),
        Punct::Plus => (Add, 9),
        Punct::Minus => (Sub, 9),
        Punct::Star => (Mul, 10),
        Punct::Slash => (Div, 10),
        Punct::Percent => (Rem, 10),
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    /// A conditional expression (C's `constant-expression`).
    pub(super) fn const_expr(&mut self) -> PResult<Expr> {
        if self.expr_depth == 0 {
            self.expr_nodes = 0;
        }
        self.expr_depth += 1;
        let e = self.nested(Self::conditional);
        self.expr_depth -= 1;
        e
    }

    /// Counts a node of the expression being read; evaluation recurses once per node, so the
    /// count is bounded.
    fn count_node(&mut self) -> PResult<()> {
        self.expr_nodes += 1;
        if self.expr_nodes > MAX_EXPR_NODES {
            return Err(Error::new(
                ErrorKind::ConstantEvaluation,
                self.peek().span(),
                format!("constant expression is too long (over {MAX_EXPR_NODES} operations)"),
            ));
        }
        Ok(())
    }

    fn conditional(&mut self) -> PResult<Expr> {
        let cond = self.binary(1)?;
        if !self.eat_punct(Punct::Question) {
            return Ok(cond);
        }
        let then = self.const_expr()?;
        self.expect_punct(Punct::Colon, "in a conditional expression")?;
        let otherwise = self.const_expr()?;
        Ok(Expr::Cond(
            Box::new(cond),
            Box::new(then),
            Box::new(otherwise),
        ))
    }

    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let mut lhs = self.unary()?;
        while let Tok::P(p) = self.peek().kind {
            let Some((op, prec)) = binop(p) else { break };
            if prec < min_prec {
                break;
            }
            self.bump();
            self.count_node()?;
            let rhs = self.binary(prec + 1)?;
            let span = lhs.span().start..rhs.span().end;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs), span);
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> PResult<Expr> {
        self.count_node()?;
        self.nested(Self::unary_inner)
    }

    fn unary_inner(&mut self) -> PResult<Expr> {
        let t = self.peek();
        let op = match t.kind {
            Tok::P(Punct::Minus) => Some(UnOp::Neg),
            Tok::P(Punct::Plus) => Some(UnOp::Plus),
            Tok::P(Punct::Tilde) => Some(UnOp::BitNot),
            Tok::P(Punct::Bang) => Some(UnOp::Not),
            _ => None,
        };
        if let Some(op) = op {
            self.bump();
            let inner = self.unary()?;
            let span = t.start as usize..inner.span().end;
            return Ok(Expr::Unary(op, Box::new(inner), span));
        }
        match t.kind {
            Tok::Kw(k) if matches!(k.canonical(), Kw::Sizeof | Kw::Alignof) => {
                self.bump();
                let ty = if self.is_punct(Punct::LParen) && self.starts_type(self.peek_at(1)) {
                    self.bump();
                    let ty = self.type_name()?;
                    self.expect_punct(Punct::RParen, "to close `sizeof(`")?;
                    ty
                } else {
                    let e = self.unary()?;
                    self.type_of(&e)?
                };
                let span = self.span_from(t.start);
                Ok(if k.canonical() == Kw::Sizeof {
                    Expr::SizeOf(ty, span)
                } else {
                    Expr::AlignOf(ty, span)
                })
            }
            Tok::P(Punct::LParen) if self.starts_type(self.peek_at(1)) => {
                self.bump();
                let ty = self.type_name()?;
                self.expect_punct(Punct::RParen, "to close the cast")?;
                let inner = self.unary()?;
                let span = t.start as usize..inner.span().end;
                Ok(Expr::Cast(ty, Box::new(inner), span))
            }
            Tok::P(Punct::Amp) => self.address_of(),
            Tok::P(Punct::Star) => Err(Error::new(
                ErrorKind::Unsupported,
                t.span(),
                "pointer operations are not supported in constant expressions",
            )),
            _ => self.primary(),
        }
    }

    /// `&global` or `&(global)`: the address of a declared global, a constant the linker
    /// gives.
    fn address_of(&mut self) -> PResult<Expr> {
        let amp = self.bump();
        let parens = self.eat_punct(Punct::LParen);
        let t = self.peek();
        let name = self.text(t);
        let var = match self.ordinary.get(name) {
            Some(&(super::Ordinary::Var(i), _)) if t.kind == Tok::Ident => {
                self.module.vars.get(i).cloned()
            }
            _ => None,
        };
        let Some(var) = var else {
            return Err(Error::new(
                ErrorKind::Unsupported,
                t.span(),
                "only the address of a declared global is a constant (`&name`)",
            ));
        };
        self.bump();
        if parens {
            self.expect_punct(Punct::RParen, "to close `&(`")?;
        }
        let span = self.span_from(amp.start);
        Ok(Expr::Value(
            Value::Addr(var.name.clone(), var.ty.clone().pointer_to()),
            span,
        ))
    }

    /// The type of an expression, for `sizeof expr`.
    fn type_of(&self, e: &Expr) -> PResult<Type> {
        Ok(match eval::eval(e, &self.module)? {
            Value::Int(_, k) => Type::new(TypeKind::Int(k)),
            Value::Float(_, k) => Type::new(TypeKind::Float(k)),
            Value::Str(s) => Type::new(TypeKind::Array(
                Box::new(Type::new(TypeKind::Int(IntKind::Char))),
                ArrayLen::Fixed(s.len() as u64 + 1),
            )),
            Value::Ptr(_, ty) | Value::Addr(_, ty) => ty,
        })
    }

    fn primary(&mut self) -> PResult<Expr> {
        let t = self.peek();
        let text = self.text(t);
        let literal = |r: Result<Value, String>, kind: ErrorKind| {
            r.map(|v| Expr::Value(v, t.span()))
                .map_err(|m| Error::new(kind, t.span(), m))
        };
        match t.kind {
            Tok::Int => {
                self.bump();
                literal(
                    eval::int_literal(text, &self.module.target),
                    ErrorKind::InvalidNumber,
                )
            }
            Tok::Float => {
                self.bump();
                literal(eval::float_literal(text), ErrorKind::InvalidNumber)
            }
            Tok::Char => {
                self.bump();
                literal(
                    eval::char_literal(text, &self.module.target),
                    ErrorKind::InvalidCharacter,
                )
            }
            Tok::Str => {
                let mut bytes = Vec::new();
                let start = t.start as usize;
                while self.peek().kind == Tok::Str {
                    let s = self.bump();
                    let text = self.text(s);
                    if !text.starts_with('"') && !text.starts_with("u8") {
                        return Err(Error::new(
                            ErrorKind::Unsupported,
                            s.span(),
                            "wide string literals are not supported",
                        )
                        .with_hint("use a narrow (UTF-8) string"));
                    }
                    let body = text.trim_start_matches("u8");
                    let body = body.get(1..body.len().saturating_sub(1)).unwrap_or("");
                    bytes.extend(
                        eval::string_bytes(body)
                            .map_err(|m| Error::new(ErrorKind::InvalidCharacter, s.span(), m))?,
                    );
                }
                Ok(Expr::Value(
                    Value::Str(bytes),
                    start..self.span_from(t.start).end,
                ))
            }
            Tok::Ident => {
                self.bump();
                let value = self.constant_named(text, t.span())?;
                Ok(Expr::Value(value, t.span()))
            }
            Tok::Kw(Kw::BuiltinOffsetof) => self.offsetof(),
            Tok::P(Punct::LParen) => {
                self.bump();
                let e = self.const_expr()?;
                self.expect_punct(Punct::RParen, "to close `(`")?;
                Ok(e)
            }
            _ => Err(self.unexpected("a constant expression")),
        }
    }

    /// The value of an enumerator or `#define` named in an expression.
    fn constant_named(&mut self, name: &str, span: crate::error::Span) -> PResult<Value> {
        if self.compiler_enum_consts.contains(name) {
            return Err(Error::new(
                ErrorKind::ConstantEvaluation,
                span,
                format!("the value of `{name}` is only known to the C compiler"),
            ));
        }
        if let Some(&(v, k)) = self.enum_consts.get(name) {
            return Ok(Value::Int(v, k));
        }
        if let Some(v) = self.define_value(name, span.clone()) {
            return v;
        }
        let e = Error::new(
            ErrorKind::ConstantEvaluation,
            span,
            format!("`{name}` is not a known constant"),
        );
        // Whole headers have thousands of names and many defines that name no constant:
        // suggestions are for declarations a person wrote.
        if self.opts.lenient {
            return Err(e);
        }
        let known = self
            .enum_consts
            .keys()
            .map(String::as_str)
            .chain(self.defines.names());
        Err(match closest(name, known) {
            Some(s) => e.with_hint(format!("did you mean `{s}`?")),
            None => e.with_hint("declare it as an enum constant or `#define` before using it"),
        })
    }

    /// `__builtin_offsetof(type, member)`.
    fn offsetof(&mut self) -> PResult<Expr> {
        let kw = self.bump();
        self.expect_punct(Punct::LParen, "after `__builtin_offsetof`")?;
        let ty = self.type_name()?;
        self.expect_punct(Punct::Comma, "after the type in `__builtin_offsetof`")?;
        let member = self.bump();
        if member.kind != Tok::Ident {
            return Err(Error::new(
                ErrorKind::UnexpectedToken,
                member.span(),
                "expected a member name",
            ));
        }
        self.expect_punct(Punct::RParen, "to close `__builtin_offsetof(`")?;
        let span = self.span_from(kw.start);
        let name = self.text(member);
        let TypeKind::Record(id) = self.module.resolve(&ty).kind else {
            return Err(Error::new(
                ErrorKind::ConstantEvaluation,
                span,
                "`offsetof` needs a struct or union type",
            ));
        };
        let fields =
            crate::layout::flat_fields(&self.module, id).map_err(|e| e.at(span.clone()))?;
        match fields.iter().find(|f| f.0 == name) {
            Some((_, bits, None)) => Ok(Expr::Value(
                Value::Int((bits / 8) as i128, IntKind::Size),
                span,
            )),
            Some(_) => Err(Error::new(
                ErrorKind::ConstantEvaluation,
                member.span(),
                "cannot take the offset of a bit-field",
            )),
            None => Err(Error::new(
                ErrorKind::ConstantEvaluation,
                member.span(),
                format!("no member named `{name}`"),
            )),
        }
    }
}
