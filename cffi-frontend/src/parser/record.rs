//! Struct and union specifiers, with their bodies.

use super::attributes::Attrs;
use super::declarator::{self, Naming};
use super::forward::ForwardMember;
use super::specs::Context;
use super::{PResult, Parser, Tag};
use crate::error::{Error, ErrorKind, Span};
use crate::eval::{self, Value};
use crate::model::{ArrayLen, Field, IntKind, Item, Record, RecordId, RecordKind, Type, TypeKind};
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
        let (fields, partial, left_out_member) = self.nested(|p| p.record_body(id, open))?;
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
        r.partial = partial || left_out_member;
        r.left_out_member = left_out_member;
        r.packed = attrs.packed;
        r.aligned = attrs.aligned;
        r.max_field_align = pack;
        r.span = span;
        if r.doc.is_none() {
            r.doc = doc;
        }
        Ok((id, true))
    }

    pub(super) fn tag_name(&mut self) -> PResult<Option<(String, Span)>> {
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

    pub(super) fn new_record(
        &mut self,
        kind: RecordKind,
        tag: Option<String>,
        kw: Token,
    ) -> RecordId {
        let id = RecordId(self.module.records.len() as u32);
        self.module.records.push(Record {
            kind,
            tag: tag.clone(),
            fields: None,
            packed: false,
            max_field_align: None,
            aligned: None,
            partial: false,
            left_out_member: false,
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
    /// The members, whether the body ends with `...`, and whether a member was left out.
    fn record_body(&mut self, id: RecordId, open: Token) -> PResult<(Vec<Field>, bool, bool)> {
        let mut fields = Vec::new();
        let mut partial = false;
        let mut left_out = false;
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
                        // In a header, the member is left out (listed) but the record is not
                        // laid out without it: only the C compiler knows it now, as if it
                        // ended with `...` (API mode measures it; elsewhere it is refused).
                        left_out |= self.opts.lenient;
                        self.report(e);
                        self.recover_member();
                    }
                }
            }
        }
        self.check_flexible_arrays(&mut fields, partial)?;
        self.check_duplicate_members(&fields)?;
        Ok((fields, partial, left_out))
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

    /// Whether a member declared by a type alone, `struct point;` or `POINT;`, is an anonymous
    /// member of that type: with Microsoft's extensions, when the type is a complete struct
    /// or union (elsewhere it only declares the tag).
    fn ms_anonymous_member(&self, ty: &Type) -> bool {
        if !self.module.target.ms_extensions() {
            return false;
        }
        match self.module.resolve(ty).kind {
            TypeKind::Record(id) => self.module.record(id).fields.is_some(),
            _ => false,
        }
    }

    fn member_declaration(&mut self, id: RecordId, fields: &mut Vec<Field>) -> PResult<()> {
        let start = self.peek();
        let specs = self.decl_specifiers(Context::Member)?;
        let base = self.base_type(&specs)?;
        if self.eat_punct(Punct::Semi) {
            if specs.anonymous_record || self.ms_anonymous_member(&base) {
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
            let ty = self.apply_type_attributes(base.clone(), &specs.attrs, &d.attrs)?;
            let stdcall = specs.attrs.stdcall.as_ref().or(d.attrs.stdcall.as_ref());
            let ty = declarator::apply_with_convention(ty, &d.ops, stdcall)?;
            let mut bit_width = None;
            if self.is_punct(Punct::Colon) {
                let colon = self.bump();
                bit_width = Some(self.bit_width(&ty, d.name.as_ref(), colon)?);
            }
            let mut attrs = d.attrs.clone();
            let after_width = self.peek();
            self.attributes_into(&mut attrs)?;
            if bit_width.is_some() && attrs.changes_type() && !d.attrs.changes_type() {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    self.span_from(after_width.start),
                    "an attribute after a bit-field's width that changes its type is not supported",
                )
                .with_hint(
                    "put `mode(...)` before the width: `int x __attribute__((mode(QI))) : 3;`",
                ));
            }
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
    /// struct being defined (which would contain itself). A struct not yet defined may be
    /// defined later in the text ([`super::forward`]).
    fn check_member_type(
        &mut self,
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
            // Defined later, maybe: checked when the whole text is read.
            TypeKind::Record(r) if self.module.record(*r).fields.is_none() => {
                self.forward_members.push(ForwardMember {
                    owner: id,
                    ty: *r,
                    name: name.to_string(),
                    span,
                });
                return Ok(());
            }
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

    /// Every member name once in the record, counting the members of its anonymous structs
    /// and unions as its own (C's rule: `s.x` must name one member).
    fn check_duplicate_members(&self, fields: &[Field]) -> PResult<()> {
        let mut seen = std::collections::HashSet::new();
        let mut stack: Vec<&[Field]> = vec![fields];
        // Anonymous members are records defined before this one's body closed: no cycle.
        while let Some(fields) = stack.pop() {
            for f in fields {
                match (&f.name, &self.module.resolve(&f.ty).kind) {
                    (Some(name), _) => {
                        if !seen.insert(name.as_str()) {
                            return Err(Error::new(
                                ErrorKind::InvalidDeclaration,
                                f.span.clone(),
                                format!("duplicate member `{name}`"),
                            )
                            .with_hint("rename one of them: the members of an anonymous struct or union are the enclosing record's too"));
                        }
                    }
                    (None, TypeKind::Record(id)) if f.bit_width.is_none() => {
                        if let Some(inner) = &self.module.record(*id).fields {
                            stack.push(inner);
                        }
                    }
                    (None, _) => {}
                }
            }
        }
        Ok(())
    }

    /// Only the last member may be a flexible array `T x[]`. In a partial struct (`...`), the
    /// declared order need not be C's, so there `T x[]` before other members is an array
    /// whose length the compiler knows, as `T x[...]` (cffi reads it so).
    fn check_flexible_arrays(&self, fields: &mut [Field], partial: bool) -> PResult<()> {
        let last = fields.len().saturating_sub(1);
        for f in &mut fields[..last] {
            let TypeKind::Array(_, len @ ArrayLen::Unspecified) = &mut f.ty.kind else {
                continue;
            };
            if partial {
                *len = ArrayLen::FromCompiler;
                continue;
            }
            return Err(Error::new(
                ErrorKind::InvalidDeclaration,
                f.span.clone(),
                format!(
                    "flexible array member `{}` is not the last field",
                    f.name.as_deref().unwrap_or("")
                ),
            )
            .with_hint("move it to the end, give it a size, or end the struct with `...;` to let the compiler give the length"));
        }
        Ok(())
    }
}

pub(super) fn unclosed(open: Token) -> Error {
    Error::new(ErrorKind::UnexpectedToken, open.span(), "unclosed `{`")
        .with_hint("close the body with `};`")
}
