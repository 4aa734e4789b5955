//! Declarators: the `*name[3]`, `(*fp)(int)` part of a declaration, read inside-out as C does.

use super::attributes::Attrs;
use super::specs::Context;
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::eval::{self, Value};
use crate::model::{ArrayLen, FnType, Param, Quals, Type, TypeKind};
use crate::token::{Kw, Punct, Tok};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Naming {
    /// A declaration: the declarator must name something.
    Required,
    /// A parameter: the name may be left out.
    Optional,
    /// A type name in a cast or `sizeof`: no name.
    Abstract,
}

/// One step from the base type outwards.
#[derive(Clone, Debug)]
pub(super) enum Op {
    Pointer(Quals),
    Array(ArrayLen),
    Function {
        params: Vec<Param>,
        variadic: bool,
        unprototyped: bool,
    },
}

#[derive(Clone, Debug, Default)]
pub(super) struct Declarator {
    pub name: Option<(String, Span)>,
    /// Applied in order to the base type.
    pub ops: Vec<Op>,
    pub attrs: Attrs,
}

/// The type a declarator gives its name, built from the specifiers' base type.
pub(super) fn apply(base: Type, ops: &[Op]) -> Type {
    ops.iter().fold(base, |ty, op| match op {
        Op::Pointer(q) => Type {
            kind: TypeKind::Pointer(Box::new(ty)),
            quals: *q,
        },
        Op::Array(len) => Type::new(TypeKind::Array(Box::new(ty), *len)),
        Op::Function {
            params,
            variadic,
            unprototyped,
        } => Type::new(TypeKind::Function(Box::new(FnType {
            ret: ty,
            params: params.clone(),
            variadic: *variadic,
            unprototyped: *unprototyped,
            stdcall: false,
        }))),
    })
}

/// [`apply`], the declarator's function type called by `__stdcall` where one was written
/// (`stdcall`, its place) in the declaration: it must make exactly one function type
/// (`DWORD WINAPI f(void)`, `LRESULT (CALLBACK *proc)(HWND, UINT)`).
pub(super) fn apply_with_convention(
    base: Type,
    ops: &[Op],
    stdcall: Option<&Span>,
) -> PResult<Type> {
    let mut ty = apply(base, ops);
    let Some(at) = stdcall else {
        return Ok(ty);
    };
    let functions = ops
        .iter()
        .filter(|op| matches!(op, Op::Function { .. }))
        .count();
    if functions != 1 || !mark_stdcall(&mut ty) {
        return Err(Error::new(
            ErrorKind::Unsupported,
            at.clone(),
            "`__stdcall` must apply to the one function type of its declaration",
        )
        .with_hint("declare the function, or the pointer to it, with a typedef of its own"));
    }
    Ok(ty)
}

/// Marks the function type `ty` is or leads to (through pointers and arrays) as
/// `__stdcall`; false if there is none. A variadic function keeps the C convention, as gcc
/// gives it (the caller must pop what only it knows it pushed).
fn mark_stdcall(ty: &mut Type) -> bool {
    match &mut ty.kind {
        TypeKind::Function(f) => {
            f.stdcall = !f.variadic;
            true
        }
        TypeKind::Pointer(inner) | TypeKind::Array(inner, _) => mark_stdcall(inner),
        _ => false,
    }
}

impl<'a> Parser<'a> {
    pub(super) fn declarator(&mut self, naming: Naming) -> PResult<Declarator> {
        self.nested(|p| p.declarator_inner(naming))
    }

    fn declarator_inner(&mut self, naming: Naming) -> PResult<Declarator> {
        let start = self.peek().span();
        let mut d = Declarator::default();
        let mut ops = Vec::new();
        loop {
            let t = self.peek();
            match t.kind {
                Tok::P(Punct::Star) => {
                    self.bump();
                    let q = self.pointer_quals(&mut d)?;
                    ops.push(Op::Pointer(q));
                }
                Tok::Kw(k) if k.canonical() == Kw::Attribute => {
                    self.attributes_into(&mut d.attrs)?;
                }
                Tok::Kw(k) if k.is_calling_convention() => self.calling_convention(&mut d.attrs)?,
                Tok::P(Punct::Amp | Punct::AndAnd) => {
                    return Err(Error::new(
                        ErrorKind::CppConstruct,
                        t.span(),
                        "references are C++, not C",
                    )
                    .with_hint("use a pointer: `T *name`"));
                }
                Tok::P(Punct::Caret) => {
                    return Err(Error::new(
                        ErrorKind::Unsupported,
                        t.span(),
                        "blocks (`^`) are not supported",
                    )
                    .with_hint("use a function pointer: `(*name)`"));
                }
                _ => break,
            }
        }

        let mut inner = None;
        let t = self.peek();
        if t.kind == Tok::P(Punct::LParen) && self.is_nested_declarator() {
            self.bump();
            inner = Some(self.declarator(naming)?);
            self.expect_punct(Punct::RParen, "to close the declarator")?;
        } else if t.kind == Tok::Ident && naming != Naming::Abstract {
            self.bump();
            d.name = Some((self.text(t).to_string(), t.span()));
        } else if let Tok::Kw(k) = t.kind
            && naming != Naming::Abstract
            && !matches!(k.canonical(), Kw::Asm | Kw::Attribute)
        {
            return Err(self.keyword_as_name(t));
        } else if naming == Naming::Required && !self.is_punct(Punct::LBracket) {
            return Err(match t.kind {
                Tok::P(Punct::Ellipsis) => Error::new(
                    ErrorKind::InvalidDeclaration,
                    t.span(),
                    "`...` is only allowed in a parameter list, a struct or enum body, or a typedef",
                ),
                _ => self.unexpected("a name"),
            });
        }

        let mut suffixes = Vec::new();
        loop {
            match self.peek().kind {
                Tok::P(Punct::LBracket) => suffixes.push(self.array_suffix()?),
                Tok::P(Punct::LParen) => suffixes.push(self.function_suffix()?),
                _ => break,
            }
        }
        self.attributes_into(&mut d.attrs)?;
        ops.extend(suffixes.into_iter().rev());
        if let Some(inner) = inner {
            ops.extend(inner.ops);
            d.name = inner.name;
            d.attrs.packed |= inner.attrs.packed;
            d.attrs.aligned = d.attrs.aligned.or(inner.attrs.aligned);
            d.attrs.mode = d.attrs.mode.or(inner.attrs.mode);
            d.attrs.vector = d.attrs.vector.or(inner.attrs.vector);
            d.attrs.stdcall = d.attrs.stdcall.or(inner.attrs.stdcall);
        }
        if ops.len() > super::MAX_DEPTH as usize {
            return Err(self.too_deep(start));
        }
        d.ops = ops;
        Ok(d)
    }

    /// At `(`: whether it opens a nested declarator (`(*f)`) rather than a parameter list.
    /// The qualifiers after a `*` (`* const restrict`), with any attributes there.
    fn pointer_quals(&mut self, d: &mut Declarator) -> PResult<Quals> {
        let mut q = Quals::NONE;
        loop {
            match self.peek().kind {
                Tok::Kw(k) if k.canonical() == Kw::Const => q.is_const = true,
                Tok::Kw(k) if k.canonical() == Kw::Volatile => q.is_volatile = true,
                Tok::Kw(k) if k.canonical() == Kw::Restrict => q.is_restrict = true,
                Tok::Kw(k) if k.canonical() == Kw::Attribute => {
                    self.attributes_into(&mut d.attrs)?;
                    continue;
                }
                Tok::Kw(Kw::Atomic) => {
                    return Err(Error::new(
                        ErrorKind::Unsupported,
                        self.peek().span(),
                        "`_Atomic` pointers are not supported",
                    ));
                }
                Tok::Ident if super::specs::is_nullability(self.text(self.peek())) => {}
                _ => break,
            }
            self.bump();
        }
        Ok(q)
    }

    fn is_nested_declarator(&self) -> bool {
        let next = self.peek_at(1);
        match next.kind {
            Tok::P(Punct::Star | Punct::Caret | Punct::LParen | Punct::Amp) => true,
            Tok::Ident => !self.is_type_name(self.text(next)),
            Tok::Kw(k) => k.canonical() == Kw::Attribute || k.is_calling_convention(),
            _ => false,
        }
    }

    fn array_suffix(&mut self) -> PResult<Op> {
        let open_pos = self.pos;
        let open = self.bump();
        while matches!(self.peek().kind, Tok::Kw(k) if matches!(k.canonical(), Kw::Static | Kw::Const | Kw::Volatile | Kw::Restrict))
        {
            self.bump();
        }
        if self.eat_punct(Punct::RBracket) {
            return Ok(Op::Array(ArrayLen::Unspecified));
        }
        if self.is_punct(Punct::Ellipsis) && self.peek_at(1).kind == Tok::P(Punct::RBracket) {
            self.bump();
            self.bump();
            return Ok(Op::Array(ArrayLen::FromCompiler));
        }
        if self.is_punct(Punct::Star) && self.peek_at(1).kind == Tok::P(Punct::RBracket) {
            return Err(Error::new(
                ErrorKind::InvalidArraySize,
                self.peek().span(),
                "variable-length arrays have no fixed layout",
            )
            .with_hint("declare a pointer instead"));
        }
        let value = self.const_expr().and_then(|e| {
            self.expect_punct(Punct::RBracket, "to close the array size")?;
            Ok((e.span(), eval::eval(&e, &self.module)))
        });
        // A parameter's array decays to a pointer, so its size may name other parameters.
        if self.param_depth > 0 && !matches!(value, Ok((_, Ok(_)))) {
            self.pos = open_pos;
            self.skip_balanced()?;
            return Ok(Op::Array(ArrayLen::Unspecified));
        }
        let (span, value) = value.map_err(|e| array_size_error(e, open.span()))?;
        match value.map_err(|e| array_size_error(e, span.clone()))? {
            Value::Int(n, _) if n >= 0 && n <= u64::MAX as i128 => {
                Ok(Op::Array(ArrayLen::Fixed(n as u64)))
            }
            Value::Int(n, _) => Err(Error::new(
                ErrorKind::InvalidArraySize,
                span,
                format!("array size is negative ({n})"),
            )),
            _ => Err(Error::new(
                ErrorKind::InvalidArraySize,
                span,
                "array size is not an integer",
            )),
        }
    }

    fn function_suffix(&mut self) -> PResult<Op> {
        self.param_depth += 1;
        let op = self.parameter_list();
        self.param_depth -= 1;
        op
    }

    fn parameter_list(&mut self) -> PResult<Op> {
        self.bump();
        let mut params = Vec::new();
        if self.eat_punct(Punct::RParen) {
            return Ok(Op::Function {
                params,
                variadic: false,
                unprototyped: true,
            });
        }
        if self.is_kw(Kw::Void) && self.peek_at(1).kind == Tok::P(Punct::RParen) {
            self.bump();
            self.bump();
            return Ok(Op::Function {
                params,
                variadic: false,
                unprototyped: false,
            });
        }
        let mut variadic = false;
        loop {
            let t = self.peek();
            if self.eat_punct(Punct::Ellipsis) {
                if params.is_empty() {
                    return Err(Error::new(
                        ErrorKind::InvalidDeclaration,
                        t.span(),
                        "a variadic function needs at least one named parameter before `...`",
                    ));
                }
                variadic = true;
                self.expect_punct(Punct::RParen, "after `...`")?;
                break;
            }
            if t.kind == Tok::Ident
                && !self.is_type_name(self.text(t))
                && matches!(self.peek_at(1).kind, Tok::P(Punct::Comma | Punct::RParen))
                && self.suggest_type(self.text(t)).is_none()
            {
                return Err(Error::new(
                    ErrorKind::KnrParameters,
                    t.span(),
                    format!(
                        "parameter `{}` has no type (a K&R-style parameter list)",
                        self.text(t)
                    ),
                )
                .with_hint("write a prototype with types, e.g. `int f(int a, char *b)`"));
            }
            let Some(param) = self.parameter(t, params.is_empty())? else {
                // `(void_t)`: no parameters.
                return Ok(Op::Function {
                    params,
                    variadic: false,
                    unprototyped: false,
                });
            };
            params.push(param);
            if self.eat_punct(Punct::Comma) {
                continue;
            }
            self.expect_punct(Punct::RParen, "to close the parameter list")?;
            break;
        }
        Ok(Op::Function {
            params,
            variadic,
            unprototyped: false,
        })
    }
}

impl Parser<'_> {
    /// A type name, as in a cast or `sizeof(...)`.
    pub(super) fn type_name(&mut self) -> PResult<Type> {
        let specs = self.decl_specifiers(Context::TypeName)?;
        let base = self.base_type(&specs)?;
        let d = self.declarator(Naming::Abstract)?;
        let base = self.apply_type_attributes(base, &specs.attrs, &d.attrs)?;
        let stdcall = specs.attrs.stdcall.as_ref().or(d.attrs.stdcall.as_ref());
        apply_with_convention(base, &d.ops, stdcall)
    }

    /// One parameter, from its first token `t`, with C's adjustments: array and function
    /// types become pointers, typedef'd ones included, and the qualifiers of an array type are
    /// its elements' (`const uuid_t u`, with `typedef unsigned char uuid_t[16]`, is
    /// `const unsigned char *u`). `None` for `(void)` spelled through a typedef
    /// (`typedef void void_t; int f(void_t);`), the empty list still: one unnamed, unqualified
    /// `void`, alone (`only`), which the closing `)` ends.
    fn parameter(&mut self, t: crate::token::Token, only: bool) -> PResult<Option<Param>> {
        let specs = self.decl_specifiers(Context::Param)?;
        let base = self.base_type(&specs)?;
        let d = self.declarator(Naming::Optional)?;
        let base = self.apply_type_attributes(base, &specs.attrs, &d.attrs)?;
        let stdcall = specs.attrs.stdcall.as_ref().or(d.attrs.stdcall.as_ref());
        let ty = apply_with_convention(base, &d.ops, stdcall)?;
        let span = self.span_from(t.start);
        let resolved = self.module.resolve(&ty);
        let ty = match resolved.kind {
            TypeKind::Array(elem, _) => elem.with_quals(resolved.quals).pointer_to(),
            TypeKind::Function(_) => ty.pointer_to(),
            TypeKind::Void
                if only
                    && d.name.is_none()
                    && resolved.quals == Quals::NONE
                    && self.eat_punct(Punct::RParen) =>
            {
                return Ok(None);
            }
            TypeKind::Void => {
                return Err(Error::new(
                    ErrorKind::InvalidDeclaration,
                    span,
                    "a parameter cannot have type `void`",
                )
                .with_hint("write `(void)` alone for no parameters, or use `void *`"));
            }
            _ => ty,
        };
        Ok(Some(Param {
            name: d.name.map(|(n, _)| n),
            ty,
            span,
        }))
    }
}

fn array_size_error(e: Error, span: Span) -> Error {
    match e.kind {
        ErrorKind::ConstantEvaluation => Error {
            kind: ErrorKind::InvalidArraySize,
            message: format!("array size is not a constant: {}", e.message),
            span: if e.span.is_empty() { span } else { e.span },
            ..e
        }
        .with_hint("use a number, an enum constant, a `#define`d constant or `sizeof`"),
        _ => e,
    }
}
