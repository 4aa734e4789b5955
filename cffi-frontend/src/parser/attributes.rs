//! GNU attributes on declarations: `__attribute__((packed, aligned(N), mode(QI)))` and
//! `__declspec(...)`. The ones that change a layout or a type are kept in [`Attrs`]; the ones
//! known to change neither (`nonnull`, `deprecated`, ...) are read past; any other is
//! refused, so that nothing the front end does not model changes a layout or a call unseen.
//! A declaration the C compiler will not let C use (`unavailable`, or Apple's
//! `availability(macos, unavailable)` on macOS) is refused too.

use super::neutral_attributes::{NEUTRAL, NEUTRAL_DECLSPEC};
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::eval::{self, Value};
use crate::model::{IntKind, Quals, Type, TypeKind};
use crate::token::{Kw, Punct, Tok, Token};

/// The attributes cffi-rs acts on; those known to change no layout or call (`deprecated`,
/// `nonnull`, ...) are read and dropped, and the rest refused.
#[derive(Clone, Debug, Default)]
pub(super) struct Attrs {
    pub packed: bool,
    pub aligned: Option<u64>,
    pub mode: Option<(String, Span)>,
    /// `vector_size(N)`: the bytes, and where it was written.
    pub vector: Option<(u64, Span)>,
    /// `__stdcall` or `__attribute__((stdcall))` on 32-bit x86, and where it was written.
    pub stdcall: Option<Span>,
}

impl Attrs {
    /// Whether any attribute here changes the declared type itself.
    pub fn changes_type(&self) -> bool {
        self.mode.is_some() || self.vector.is_some()
    }
}

impl Parser<'_> {
    /// Reads any number of `__attribute__((...))` and `__declspec(...)` at the current token
    /// into `attrs`.
    pub(super) fn attributes_into(&mut self, attrs: &mut Attrs) -> PResult<()> {
        while self.is_kw(Kw::Attribute) || self.is_kw(Kw::Declspec) {
            let kw = self.bump();
            if matches!(kw.kind, Tok::Kw(Kw::Declspec)) {
                self.declspec_into(attrs)?;
                continue;
            }
            self.expect_punct(Punct::LParen, "after `__attribute__`")?;
            self.expect_punct(Punct::LParen, "after `__attribute__(`")?;
            loop {
                let t = self.peek();
                match t.kind {
                    Tok::P(Punct::RParen) => break,
                    Tok::P(Punct::Comma) => {
                        self.bump();
                    }
                    Tok::Ident | Tok::Kw(_) => {
                        self.bump();
                        self.attribute(t, attrs)?;
                    }
                    _ => return Err(self.unexpected("an attribute name")),
                }
            }
            self.expect_punct(Punct::RParen, "to close `__attribute__((`")?;
            self.expect_punct(Punct::RParen, "to close `__attribute__(`")?;
        }
        Ok(())
    }

    /// One attribute, its name `t` read: kept, read past, or refused.
    fn attribute(&mut self, t: Token, attrs: &mut Attrs) -> PResult<()> {
        let name = self.text(t).trim_start_matches("__").trim_end_matches("__");
        match name {
            "packed" => attrs.packed = true,
            "aligned" => {
                let a = if self.eat_punct(Punct::LParen) {
                    let a = self.align_value(t.span())?;
                    self.expect_punct(Punct::RParen, "to close `aligned(`")?;
                    a
                } else {
                    self.module.target.max_align.into()
                };
                attrs.aligned = Some(attrs.aligned.unwrap_or(0).max(a));
                return Ok(());
            }
            "mode" if self.peek_at(1).kind == Tok::Ident => {
                self.bump();
                let m = self.bump();
                attrs.mode = Some((self.text(m).to_string(), m.span()));
                self.expect_punct(Punct::RParen, "to close `mode(`")?;
                return Ok(());
            }
            "vector_size" if self.is_punct(Punct::LParen) => {
                self.bump();
                let bytes = self.vector_bytes(t.span())?;
                self.expect_punct(Punct::RParen, "to close `vector_size(`")?;
                attrs.vector = Some((bytes, self.span_from(t.start)));
                return Ok(());
            }
            "stdcall" if self.module.target.is_x86_32() => {
                attrs.stdcall = Some(t.span());
            }
            // Clang refuses every use of what is unavailable (here): so is its binding.
            "unavailable" => return Err(unavailable(t.span(), "")),
            "availability" if self.is_punct(Punct::LParen) => {
                if let Some(platform) = self.unavailable_here()? {
                    return Err(unavailable(t.span(), &platform));
                }
                return Ok(());
            }
            _ if NEUTRAL.contains(&name) || self.neutral_here(name) => {}
            _ => return Err(unmodelled(&format!("__attribute__(({name}))"), t.span())),
        }
        if self.is_punct(Punct::LParen) {
            self.skip_balanced()?;
        }
        Ok(())
    }

    /// Reads `availability(platform, ...)` from its `(`: the platform's name if the target is
    /// that platform and the arguments say `unavailable` (Apple's `__API_UNAVAILABLE(macos)`).
    /// Other platforms' availability, and versions (a use past `introduced` is only a
    /// warning), change nothing here.
    fn unavailable_here(&mut self) -> PResult<Option<String>> {
        let open = self.bump();
        let platform = self.text(self.peek()).to_string();
        let mut unavailable = false;
        let mut depth = 1usize;
        while depth > 0 {
            let t = self.bump();
            match t.kind {
                Tok::P(Punct::LParen) => depth += 1,
                Tok::P(Punct::RParen) => depth -= 1,
                Tok::Ident if depth == 1 && self.text(t) == "unavailable" => unavailable = true,
                Tok::Eof => {
                    return Err(Error::new(
                        ErrorKind::UnexpectedToken,
                        open.span(),
                        "unclosed `availability(`",
                    ));
                }
                _ => {}
            }
        }
        let here = availability_platforms(self.module.target.triple()).contains(&platform.as_str());
        Ok((unavailable && here).then_some(platform))
    }

    /// Calling conventions the target ignores, or that are its own default: gcc (and MSVC)
    /// drop `stdcall`, `fastcall` and `thiscall` on 64-bit x86, and `ms_abi` is Windows' own
    /// convention.
    fn neutral_here(&self, name: &str) -> bool {
        let t = &self.module.target;
        let x86_64 = t.triple().starts_with("x86_64");
        match name {
            "stdcall" | "fastcall" | "thiscall" | "cdecl" => x86_64,
            "regparm" | "sseregparm" | "vectorcall" => x86_64 && !t.is_windows(),
            "ms_abi" => t.is_windows(),
            "sysv_abi" => x86_64 && !t.is_windows(),
            _ => false,
        }
    }

    /// `__declspec(align(16) dllimport ...)`, after the keyword.
    fn declspec_into(&mut self, attrs: &mut Attrs) -> PResult<()> {
        self.expect_punct(Punct::LParen, "after `__declspec`")?;
        loop {
            let t = self.peek();
            match t.kind {
                Tok::P(Punct::RParen) => {
                    self.bump();
                    return Ok(());
                }
                Tok::P(Punct::Comma) => {
                    self.bump();
                }
                Tok::Ident | Tok::Kw(_) => {
                    self.bump();
                    let name = self.text(t);
                    if name == "align" {
                        self.expect_punct(Punct::LParen, "after `align`")?;
                        let a = self.align_value(t.span())?;
                        self.expect_punct(Punct::RParen, "to close `align(`")?;
                        attrs.aligned = Some(attrs.aligned.unwrap_or(0).max(a));
                        continue;
                    }
                    if !NEUTRAL_DECLSPEC.contains(&name) {
                        return Err(unmodelled(&format!("__declspec({name})"), t.span()));
                    }
                    if self.is_punct(Punct::LParen) {
                        self.skip_balanced()?;
                    }
                }
                _ => return Err(self.unexpected("a `__declspec` name")),
            }
        }
    }

    /// An alignment: a constant power of two.
    pub(super) fn align_value(&mut self, at: Span) -> PResult<u64> {
        self.power_of_two(at, 1 << 28, "alignment", "use 1, 2, 4, 8, 16, ...")
    }

    /// The size of a vector: a constant power of two, in bytes.
    fn vector_bytes(&mut self, at: Span) -> PResult<u64> {
        self.power_of_two(at, 1 << 16, "`vector_size`", "use 4, 8, 16, ...")
    }

    /// A constant expression whose value is a power of two up to `limit`: `what` names it in
    /// the error, `hint` says what to write.
    fn power_of_two(&mut self, at: Span, limit: i128, what: &str, hint: &str) -> PResult<u64> {
        let e = self.const_expr()?;
        let span = e.span();
        match eval::eval(&e, &self.module)? {
            Value::Int(v, _) if v > 0 && (v as u128).is_power_of_two() && v <= limit => {
                Ok(v as u64)
            }
            _ => Err(Error::new(
                ErrorKind::InvalidAttribute,
                if span.is_empty() { at } else { span },
                format!("{what} must be a positive power of two"),
            )
            .with_hint(hint)),
        }
    }
}

/// The error for an attribute the front end does not model: it may change how the C
/// compiler lays out or passes the declaration, so the declaration is not bound as if it
/// were absent.
/// The error for a declaration clang will not let C use: unavailable everywhere, or on
/// `platform` (the target's).
fn unavailable(span: Span, platform: &str) -> Error {
    let on = if platform.is_empty() {
        String::new()
    } else {
        format!(" on {platform}")
    };
    Error::new(
        ErrorKind::Unsupported,
        span,
        format!("declared unavailable{on}: the C compiler refuses every use of it"),
    )
    .with_hint("leave the declaration out; the library does not provide it for this target")
}

/// The names `availability(...)` gives the target's platform, if it is one of Apple's.
fn availability_platforms(triple: &str) -> &'static [&'static str] {
    if !(triple.contains("apple") || triple.contains("darwin")) {
        &[]
    } else if triple.contains("-ios") {
        &["ios"]
    } else if triple.contains("-tvos") {
        &["tvos"]
    } else if triple.contains("-watchos") {
        &["watchos"]
    } else if triple.contains("-visionos") {
        &["visionos", "xros"]
    } else {
        &["macos", "macosx"]
    }
}

fn unmodelled(spelled: &str, span: Span) -> Error {
    Error::new(
        ErrorKind::Unsupported,
        span,
        format!("`{spelled}` is not supported: it may change how the C compiler lays out or calls this declaration"),
    )
    .with_hint("remove the attribute if it changes neither, or declare the type as the compiler lays it out")
}

/// Attributes that change the declared type itself.
impl Parser<'_> {
    /// Applies the attributes that change the declared base type: `mode(...)`, which
    /// changes the width of an integer type, then `vector_size(N)`, which makes a vector of
    /// it.
    pub(super) fn apply_type_attributes(
        &self,
        base: Type,
        spec_attrs: &Attrs,
        decl_attrs: &Attrs,
    ) -> PResult<Type> {
        let base = self.apply_int_mode(base, spec_attrs, decl_attrs)?;
        let Some((bytes, span)) = decl_attrs.vector.as_ref().or(spec_attrs.vector.as_ref()) else {
            return Ok(base);
        };
        let elem = match crate::layout::layout_of(&self.module, &base) {
            Ok(l)
                if matches!(
                    self.module.resolve(&base).kind,
                    TypeKind::Int(_) | TypeKind::Float(_)
                ) =>
            {
                l
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidAttribute,
                    span.clone(),
                    "`vector_size` applies to integer and floating types only",
                ));
            }
        };
        if elem.size == 0 || bytes % elem.size != 0 {
            return Err(Error::new(
                ErrorKind::InvalidAttribute,
                span.clone(),
                format!(
                    "`vector_size({bytes})` is not a multiple of the element's size ({})",
                    elem.size
                ),
            ));
        }
        let quals = base.quals;
        let elem = Type {
            quals: Quals::NONE,
            ..base
        };
        Ok(Type::new(TypeKind::Vector(Box::new(elem), *bytes)).with_quals(quals))
    }

    fn apply_int_mode(&self, base: Type, spec_attrs: &Attrs, decl_attrs: &Attrs) -> PResult<Type> {
        let Some((mode, span)) = decl_attrs.mode.as_ref().or(spec_attrs.mode.as_ref()) else {
            return Ok(base);
        };
        let t = &self.module.target;
        let signed = match self.module.resolve(&base).kind {
            TypeKind::Int(k) => k.is_signed(t),
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidAttribute,
                    span.clone(),
                    format!("`mode({mode})` applies to integer types only"),
                ));
            }
        };
        let size = match mode.trim_matches('_') {
            "QI" | "byte" => 1,
            "HI" => 2,
            "SI" => 4,
            "DI" => 8,
            "TI" => 16,
            "word" | "pointer" | "unwind_word" => t.pointer.into(),
            _ => {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    span.clone(),
                    format!("unsupported `mode({mode})`"),
                ));
            }
        };
        let kind = IntKind::of_size(size, signed, t);
        Ok(Type::new(TypeKind::Int(kind)).with_quals(base.quals))
    }
}
