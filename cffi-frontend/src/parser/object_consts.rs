//! Python cffi's constants spelled as objects, in declarations a person wrote:
//! `static const int FOO = 0x123;` (an integer given its value, any storage) and
//! `static const int FOO;` (a `static const` integer whose value the compiler gives, as
//! `#define FOO ...`), also of a `typedef int... t` type, whose size the compiler gives (as
//! in cffi's `static const foo_t nu = 20;`). Other objects given a value (`static const float
//! F = 1.5;`) stay objects whose value is the library's, as in cffi. Headers and C sources
//! are read as C: there every object stays one.

use super::{Ordinary, PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::eval::{self, Value};
use crate::model::{Const, ConstValue, IntKind, Item, Storage, Type, TypeKind};
use crate::token::Punct;

/// A declaration that may be a constant: its name, type and storage, where it is, its docs.
pub(super) struct Declared<'d> {
    pub name: &'d str,
    pub ty: &'d Type,
    pub storage: Storage,
    pub span: Span,
    pub name_span: Span,
    pub doc: Option<String>,
}

impl Parser<'_> {
    /// Reads `d` as a constant when cffi would: returns whether it did (the initializer, if
    /// any, is then read too).
    pub(super) fn object_constant(&mut self, d: Declared<'_>) -> PResult<bool> {
        if self.opts.lenient {
            return Ok(false);
        }
        let resolved = self.module.resolve(d.ty);
        let kind = match &resolved.kind {
            TypeKind::Int(k) => Some(*k),
            TypeKind::Enum(e) => Some(self.module.enum_(*e).int_kind(&self.module.target)),
            _ => None,
        };
        let declared_kind = kind;
        let sized_by = self.sized_by_compiler(d.ty);
        let value = if let (true, Some(kind)) = (self.is_punct(Punct::Eq), kind) {
            self.bump();
            ConstValue::Int {
                value: self.value_of_type(kind, d.name)?,
                kind,
            }
        } else if let (true, Some(_)) = (self.is_punct(Punct::Eq), sized_by) {
            // The type's range is the compiler's: the value is held to it when the module
            // is generated.
            self.bump();
            let e = self.const_expr()?;
            let Value::Int(value, kind) = eval::eval(&e, &self.module)? else {
                return Err(Error::new(
                    ErrorKind::ConstantEvaluation,
                    e.span(),
                    format!("the value of `{}` is not an integer", d.name),
                ));
            };
            ConstValue::Int { value, kind }
        } else if d.storage == Storage::Static
            && resolved.quals.is_const
            && (kind.is_some() || sized_by.is_some())
        {
            ConstValue::FromCompiler
        } else {
            return Ok(false);
        };
        if let Some((_, first)) = self.ordinary.get(d.name) {
            return Err(self.conflict(d.name, d.name_span, first.clone(), "as a constant"));
        }
        self.ordinary
            .insert(d.name.to_string(), (Ordinary::Const, d.name_span.clone()));
        let i = self.module.consts.len();
        self.module.consts.push(Const {
            name: d.name.to_string(),
            value,
            spelled_as_object: true,
            declared_kind,
            sized_by,
            enumerator: None,
            span: d.span,
            name_span: d.name_span,
            doc: d.doc,
        });
        self.module.items.push(Item::Const(i));
        Ok(true)
    }

    /// The `typedef int... t` that type `ty` names (through other typedefs too), if any.
    fn sized_by_compiler(&self, ty: &Type) -> Option<crate::model::TypedefId> {
        let mut ty = ty;
        while let TypeKind::Typedef(id) = &ty.kind {
            let t = self.module.typedef(*id);
            if matches!(t.ty.kind, TypeKind::Unknown(crate::model::UnknownKind::Int)) {
                return Some(*id);
            }
            ty = &t.ty;
        }
        None
    }

    /// The integer after `=`, which must fit type `kind`.
    fn value_of_type(&mut self, kind: IntKind, name: &str) -> PResult<i128> {
        let e = self.const_expr()?;
        let span = e.span();
        let Value::Int(v, _) = eval::eval(&e, &self.module)? else {
            return Err(Error::new(
                ErrorKind::ConstantEvaluation,
                span,
                format!("the value of `{name}` is not an integer"),
            ));
        };
        let (lo, hi) = kind.range(&self.module.target);
        if !(lo..=hi).contains(&v) {
            return Err(Error::new(
                ErrorKind::ConstantEvaluation,
                span,
                format!("{v} does not fit the type of `{name}` ({lo} to {hi})"),
            )
            .with_hint("use a wider type or a value in range"));
        }
        Ok(v)
    }
}
