//! Enum specifiers, with their enumerators and the integer type they give the enum.

use super::attributes::Attrs;
use super::record::unclosed;
use super::{PResult, Parser, Tag};
use crate::error::{Error, ErrorKind};
use crate::eval::{self, Value};
use crate::model::{Enum, EnumId, Enumerator, IntKind, Item};
use crate::token::{Punct, Tok, Token};

impl Parser<'_> {
    /// `enum tag`, `enum tag { ... }` or `enum { ... }`.
    pub(super) fn enum_specifier(&mut self) -> PResult<EnumId> {
        let kw = self.bump();
        let mut attrs = Attrs::default();
        self.attributes_into(&mut attrs)?;
        let tag = self.tag_name()?;
        self.attributes_into(&mut attrs)?;
        let has_body = self.is_punct(Punct::LBrace);
        let id = match &tag {
            Some((name, span)) => match self.tags.get(name) {
                Some(&Tag::Enum(id)) => {
                    if has_body && self.module.enum_(id).variants.is_some() {
                        return Err(Error::new(
                            ErrorKind::Redefinition,
                            span.clone(),
                            format!("`enum {name}` is defined twice"),
                        )
                        .with_note(
                            self.module.enum_(id).span.clone(),
                            format!("`enum {name}` is first defined here"),
                        ));
                    }
                    id
                }
                Some(Tag::Record(_)) => {
                    return Err(Error::new(
                        ErrorKind::ConflictingDeclaration,
                        span.clone(),
                        format!("`{name}` was declared before as a struct or union"),
                    ));
                }
                None => self.new_enum(Some(name.clone()), kw),
            },
            None if has_body => self.new_enum(None, kw),
            None => return Err(self.unexpected("a tag or `{` after `enum`")),
        };
        if !has_body {
            return Ok(id);
        }
        let open = self.bump();
        let (variants, partial) = self.enum_body(open)?;
        self.attributes_into(&mut attrs)?;
        let doc = self.doc_before(kw.start as usize);
        let span = self.span_from(kw.start);
        let e = &mut self.module.enums[id.0 as usize];
        e.variants = Some(variants);
        e.partial = partial;
        e.packed = attrs.packed;
        e.span = span.clone();
        e.doc = doc;
        // No integer type of the target holds both the most negative and the largest value
        // (`A = 0xFFFFFFFFFFFFFFFF, B = -1`): gcc reports it, and there is no representation.
        let t = &self.module.target;
        if matches!(
            self.module.enums[id.0 as usize].int_kind(t),
            crate::model::IntKind::Int128
        ) {
            return Err(Error::new(
                ErrorKind::ConstantEvaluation,
                span,
                "enumeration values exceed the range of the largest integer type",
            )
            .with_hint("keep the values within `long long` or within `unsigned long long`"));
        }
        Ok(id)
    }

    pub(super) fn new_enum(&mut self, tag: Option<String>, kw: Token) -> EnumId {
        let id = EnumId(self.module.enums.len() as u32);
        self.module.enums.push(Enum {
            tag: tag.clone(),
            variants: None,
            packed: false,
            partial: false,
            span: kw.span(),
            doc: None,
        });
        self.module.items.push(Item::Enum(id));
        if let Some(tag) = tag {
            self.tags.insert(tag, Tag::Enum(id));
        }
        id
    }

    pub(super) fn enum_body(&mut self, open: Token) -> PResult<(Vec<Enumerator>, bool)> {
        let mut variants = Vec::new();
        let mut partial = false;
        let mut next: i128 = 0;
        // Whether the enumerator's value is known here, not only to the C compiler.
        let mut known = true;
        loop {
            let t = self.peek();
            match t.kind {
                Tok::P(Punct::RBrace) => {
                    self.bump();
                    break;
                }
                Tok::Eof => return Err(unclosed(open)),
                Tok::P(Punct::Ellipsis) => {
                    self.bump();
                    partial = true;
                    self.eat_punct(Punct::Comma);
                    continue;
                }
                Tok::Ident => {}
                Tok::Kw(_) => {
                    return Err(self.keyword_as_name(t));
                }
                _ => return Err(self.unexpected("an enumerator name or `}`")),
            }
            self.bump();
            let mut ignored = Attrs::default();
            self.attributes_into(&mut ignored)?;
            let value = if self.eat_punct(Punct::Eq) {
                // `B = ...` (API mode): the compiler gives the value, and the values after it
                // that count on from it; the enum is partial, so every value is probed.
                known = !self.eat_punct(Punct::Ellipsis);
                partial |= !known;
                if !known {
                    next
                } else {
                    self.enumerator_value()?
                }
            } else {
                next
            };
            next = value.wrapping_add(1);
            let name = self.text(t).to_string();
            let kind = enum_const_kind(value);
            self.add_enum_const(name.clone(), value, kind, t.span())?;
            if !known {
                self.compiler_enum_consts.insert(name.clone());
            }
            variants.push(Enumerator {
                name,
                value,
                span: t.span(),
            });
            if !self.eat_punct(Punct::Comma) && !self.is_punct(Punct::RBrace) {
                return Err(self.unexpected("`,` or `}` after an enumerator"));
            }
        }
        Ok((variants, partial))
    }

    /// The value after `=` in an enumerator: an integer constant expression.
    fn enumerator_value(&mut self) -> PResult<i128> {
        let e = self.const_expr()?;
        match eval::eval(&e, &self.module)? {
            Value::Int(v, _) => Ok(v),
            _ => Err(Error::new(
                ErrorKind::ConstantEvaluation,
                e.span(),
                "enumerator value is not an integer",
            )),
        }
    }
}

/// The type gcc gives an enumeration constant: `int` when the value fits, else the first of
/// the wider types that holds it.
fn enum_const_kind(v: i128) -> IntKind {
    if i32::try_from(v).is_ok() {
        IntKind::Int
    } else if u32::try_from(v).is_ok() {
        IntKind::UInt
    } else if i64::try_from(v).is_ok() {
        IntKind::Long
    } else {
        IntKind::ULong
    }
}
