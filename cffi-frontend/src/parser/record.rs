//! Struct, union and enum specifiers, with their bodies.

use super::declarator::{self, Naming};
use super::specs::{Attrs, Context};
use super::{PResult, Parser, Tag};
use crate::error::{Error, ErrorKind, Span};
use crate::eval::{self, Value};
use crate::model::{
    ArrayLen, Enum, EnumId, Enumerator, Field, IntKind, Item, Record, RecordId, RecordKind, Type,
    TypeKind,
};
use crate::token::{Kw, Punct, Tok, Token};

impl<'a> Parser<'a> {
    /// `struct tag`, `struct tag { ... }` or `struct { ... }`. Returns the record and whether
    /// its body was given here.
    pub(super) fn record_specifier(&mut self) -> PResult<(RecordId, bool)> {
        let kw = self.bump();
        let kind = if matches!(kw.kind, Tok::Kw(Kw::Union)) {
            RecordKind::Union
        } else {
            RecordKind::Struct
        };
        let mut attrs = Attrs::default();
        self.attributes_into(&mut attrs)?;
        let tag = self.tag_name()?;
        self.attributes_into(&mut attrs)?;
        let has_body = self.is_punct(Punct::LBrace);
        let id = match &tag {
            Some((name, span)) => match self.tags.get(name) {
                Some(&Tag::Record(id)) if self.module.record(id).kind == kind => {
                    if has_body && self.module.record(id).fields.is_some() {
                        return Err(Error::new(
                            ErrorKind::Redefinition,
                            span.clone(),
                            format!("`{} {name}` is defined twice", kind.keyword()),
                        )
                        .with_note(
                            self.module.record(id).span.clone(),
                            format!("`{} {name}` is first defined here", kind.keyword()),
                        )
                        .with_hint("remove one definition"));
                    }
                    id
                }
                Some(_) => {
                    return Err(Error::new(
                        ErrorKind::ConflictingDeclaration,
                        span.clone(),
                        format!("`{name}` was declared before as a different kind of tag"),
                    )
                    .with_hint(format!(
                        "use the same keyword as the first declaration, or rename this `{}`",
                        kind.keyword()
                    )));
                }
                None => self.new_record(kind, Some(name.clone()), kw),
            },
            None if has_body => self.new_record(kind, None, kw),
            None => {
                return Err(self.unexpected(&format!("a tag or `{{` after `{}`", kind.keyword())));
            }
        };
        if !has_body {
            return Ok((id, false));
        }
        let open = self.bump();
        let (fields, partial) = self.nested(|p| p.record_body(id, open))?;
        let depth = fields
            .iter()
            .map(|f| self.type_depth(&f.ty))
            .max()
            .unwrap_or(0);
        if depth > super::MAX_DEPTH {
            return Err(self.too_deep(open.span()));
        }
        self.record_depth.insert(id, depth);
        self.attributes_into(&mut attrs)?;
        let doc = self.doc_before(kw.start as usize);
        let span = self.span_from(kw.start);
        let pack = self.pack;
        let r = &mut self.module.records[id.0 as usize];
        r.fields = Some(fields);
        r.partial = partial;
        r.packed = attrs.packed;
        r.aligned = attrs.aligned;
        r.max_field_align = pack;
        r.span = span;
        if r.doc.is_none() {
            r.doc = doc;
        }
        Ok((id, true))
    }

    fn tag_name(&mut self) -> PResult<Option<(String, Span)>> {
        let t = self.peek();
        match t.kind {
            Tok::Ident => {
                self.bump();
                Ok(Some((self.text(t).to_string(), t.span())))
            }
            Tok::Kw(k) if !matches!(k.canonical(), Kw::Attribute) => Err(Error::new(
                ErrorKind::KeywordAsName,
                t.span(),
                format!(
                    "`{}` is a C keyword and cannot be used as a tag",
                    self.text(t)
                ),
            )),
            _ => Ok(None),
        }
    }

    fn new_record(&mut self, kind: RecordKind, tag: Option<String>, kw: Token) -> RecordId {
        let id = RecordId(self.module.records.len() as u32);
        self.module.records.push(Record {
            kind,
            tag: tag.clone(),
            fields: None,
            packed: false,
            max_field_align: None,
            aligned: None,
            partial: false,
            span: kw.span(),
            doc: None,
        });
        self.module.items.push(Item::Record(id));
        if let Some(tag) = tag {
            self.tags.insert(tag, Tag::Record(id));
        }
        id
    }

    /// The members between `{` and `}`. A bad member is reported and skipped, so the others
    /// are still read.
    fn record_body(&mut self, id: RecordId, open: Token) -> PResult<(Vec<Field>, bool)> {
        let mut fields = Vec::new();
        let mut partial = false;
        loop {
            let t = self.peek();
            match t.kind {
                Tok::P(Punct::RBrace) => {
                    self.bump();
                    break;
                }
                Tok::Eof => return Err(unclosed(open)),
                Tok::P(Punct::Semi) => {
                    self.bump();
                }
                Tok::P(Punct::Ellipsis) => {
                    self.bump();
                    partial = true;
                    self.expect_punct(Punct::Semi, "after `...`")?;
                }
                Tok::Kw(Kw::StaticAssert) => self.skip_static_assert()?,
                _ => {
                    if let Err(e) = self.member_declaration(id, &mut fields) {
                        self.report(e);
                        self.recover_member();
                    }
                }
            }
        }
        self.check_flexible_arrays(&fields)?;
        Ok((fields, partial))
    }

    fn recover_member(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek().kind {
                Tok::Eof => return,
                Tok::P(Punct::Semi) if depth == 0 => {
                    self.bump();
                    return;
                }
                Tok::P(Punct::RBrace) if depth == 0 => return,
                Tok::P(Punct::LParen | Punct::LBracket | Punct::LBrace) => depth += 1,
                Tok::P(Punct::RParen | Punct::RBracket | Punct::RBrace) => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
            self.bump();
        }
    }

    fn member_declaration(&mut self, id: RecordId, fields: &mut Vec<Field>) -> PResult<()> {
        let start = self.peek();
        let specs = self.decl_specifiers(Context::Member)?;
        let base = self.base_type(&specs)?;
        if self.eat_punct(Punct::Semi) {
            if specs.anonymous_record {
                fields.push(Field {
                    name: None,
                    ty: base,
                    bit_width: None,
                    aligned: specs.attrs.aligned,
                    packed: specs.attrs.packed,
                    span: self.span_from(start.start),
                });
                return Ok(());
            }
            if specs.declares_tag {
                return Ok(());
            }
            return Err(Error::new(
                ErrorKind::InvalidDeclaration,
                self.span_from(start.start),
                "member declaration does not declare anything",
            )
            .with_hint("give the member a name"));
        }
        let mut field_start = start;
        loop {
            let d = if self.is_punct(Punct::Colon) {
                declarator::Declarator::default()
            } else {
                self.declarator(Naming::Required)?
            };
            let ty = self.apply_mode(base.clone(), &specs.attrs, &d.attrs)?;
            let ty = declarator::apply(ty, &d.ops);
            let mut bit_width = None;
            if self.is_punct(Punct::Colon) {
                let colon = self.bump();
                bit_width = Some(self.bit_width(&ty, d.name.as_ref(), colon)?);
            }
            let mut attrs = d.attrs.clone();
            self.attributes_into(&mut attrs)?;
            let span = self.span_from(field_start.start);
            self.check_member_type(id, &ty, d.name.as_ref().map(|n| n.0.as_str()), span.clone())?;
            fields.push(Field {
                name: d.name.map(|(n, _)| n),
                ty,
                bit_width,
                aligned: attrs.aligned.or(specs.attrs.aligned),
                packed: attrs.packed || specs.attrs.packed,
                span,
            });
            if self.eat_punct(Punct::Comma) {
                field_start = self.peek();
                continue;
            }
            self.expect_punct(Punct::Semi, "after a member declaration")?;
            return Ok(());
        }
    }

    /// A member must have a complete object type: not a function, not `void`, and not the
    /// struct being defined (which would contain itself).
    fn check_member_type(
        &self,
        id: RecordId,
        ty: &Type,
        name: Option<&str>,
        span: Span,
    ) -> PResult<()> {
        let name = name.unwrap_or("member");
        let mut resolved = self.module.resolve(ty);
        while let TypeKind::Array(elem, _) = &resolved.kind {
            resolved = self.module.resolve(elem);
        }
        let problem = match &resolved.kind {
            TypeKind::Function(_) => Some("a function".to_string()),
            TypeKind::Void => Some("`void`".to_string()),
            TypeKind::Record(r) if *r == id => Some("the struct it is in".to_string()),
            TypeKind::Record(r) if self.module.record(*r).fields.is_none() => Some(format!(
                "incomplete type `{}`",
                crate::render::c_type(&self.module, &resolved)
            )),
            TypeKind::File => Some("incomplete type `FILE`".to_string()),
            _ => None,
        };
        match problem {
            Some(p) => Err(Error::new(
                ErrorKind::IncompleteType,
                span,
                format!("field `{name}` has {p}"),
            )
            .with_hint("use a pointer to it")),
            None => Ok(()),
        }
    }

    fn bit_width(
        &mut self,
        ty: &Type,
        name: Option<&(String, Span)>,
        colon: Token,
    ) -> PResult<u32> {
        let e = self.const_expr()?;
        let span = e.span();
        let width = match eval::eval(&e, &self.module)? {
            Value::Int(v, _) => v,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidBitField,
                    span,
                    "bit-field width is not an integer",
                ));
            }
        };
        let t = &self.module.target;
        let resolved = self.module.resolve(ty);
        let bits = match &resolved.kind {
            TypeKind::Int(IntKind::Bool) => 1,
            TypeKind::Int(k) => k.size(t) * 8,
            TypeKind::Enum(e) => self.module.enum_(*e).int_kind(t).size(t) * 8,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidBitField,
                    colon.start as usize..span.end,
                    format!(
                        "bit-field has type `{}`, which is not an integer type",
                        crate::render::c_type(&self.module, ty)
                    ),
                )
                .with_hint("bit-fields must be of an integer, `_Bool` or enum type"));
            }
        };
        let label = name.map_or("unnamed bit-field".to_string(), |(n, _)| {
            format!("bit-field `{n}`")
        });
        if width < 0 {
            return Err(Error::new(
                ErrorKind::InvalidBitField,
                span,
                format!("{label} has a negative width ({width})"),
            ));
        }
        if width as u64 > bits as u64 {
            return Err(Error::new(
                ErrorKind::InvalidBitField,
                span,
                format!(
                    "{label} is {width} bits wide, wider than its type `{}` ({bits} bit{})",
                    crate::render::c_type(&self.module, ty),
                    if bits == 1 { "" } else { "s" }
                ),
            )
            .with_hint("use a wider type or a smaller width"));
        }
        if width == 0
            && let Some((n, nspan)) = name
        {
            return Err(Error::new(
                ErrorKind::InvalidBitField,
                nspan.clone(),
                format!("zero-width bit-field `{n}` must be unnamed"),
            )
            .with_hint("write `int : 0;`"));
        }
        Ok(width as u32)
    }

    fn check_flexible_arrays(&self, fields: &[Field]) -> PResult<()> {
        for (i, f) in fields.iter().enumerate() {
            if matches!(f.ty.kind, TypeKind::Array(_, ArrayLen::Unspecified))
                && i + 1 != fields.len()
            {
                return Err(Error::new(
                    ErrorKind::InvalidDeclaration,
                    f.span.clone(),
                    format!(
                        "flexible array member `{}` is not the last field",
                        f.name.as_deref().unwrap_or("")
                    ),
                )
                .with_hint("move it to the end, or give it a size"));
            }
        }
        Ok(())
    }

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

    fn new_enum(&mut self, tag: Option<String>, kw: Token) -> EnumId {
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

    fn enum_body(&mut self, open: Token) -> PResult<(Vec<Enumerator>, bool)> {
        let mut variants = Vec::new();
        let mut partial = false;
        let mut next: i128 = 0;
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
                let e = self.const_expr()?;
                match eval::eval(&e, &self.module)? {
                    Value::Int(v, _) => v,
                    _ => {
                        return Err(Error::new(
                            ErrorKind::ConstantEvaluation,
                            e.span(),
                            "enumerator value is not an integer",
                        ));
                    }
                }
            } else {
                next
            };
            next = value.wrapping_add(1);
            let name = self.text(t).to_string();
            let kind = enum_const_kind(value);
            self.add_enum_const(name.clone(), value, kind, t.span())?;
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
}

fn unclosed(open: Token) -> Error {
    Error::new(ErrorKind::UnexpectedToken, open.span(), "unclosed `{`")
        .with_hint("close the body with `};`")
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
