//! GNU attributes on declarations: `__attribute__((packed, aligned(N), mode(QI)))` and
//! `__declspec(...)`. The ones that change a layout or a type are kept in [`Attrs`]; the rest
//! are read past.

use super::specs::Attrs;
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::eval::{self, Value};
use crate::token::{Kw, Punct, Tok};

impl Parser<'_> {
    /// Reads any number of `__attribute__((...))` at the current token into `attrs`.
    pub(super) fn attributes_into(&mut self, attrs: &mut Attrs) -> PResult<()> {
        while self.is_kw(Kw::Attribute) || self.is_kw(Kw::Declspec) {
            let kw = self.bump();
            if matches!(kw.kind, Tok::Kw(Kw::Declspec)) {
                if self.is_punct(Punct::LParen) {
                    self.skip_balanced()?;
                }
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
                                continue;
                            }
                            "mode" if self.peek_at(1).kind == Tok::Ident => {
                                self.bump();
                                let m = self.bump();
                                attrs.mode = Some((self.text(m).to_string(), m.span()));
                                self.expect_punct(Punct::RParen, "to close `mode(`")?;
                                continue;
                            }
                            _ => {}
                        }
                        if self.is_punct(Punct::LParen) {
                            self.skip_balanced()?;
                        }
                    }
                    _ => return Err(self.unexpected("an attribute name")),
                }
            }
            self.expect_punct(Punct::RParen, "to close `__attribute__((`")?;
            self.expect_punct(Punct::RParen, "to close `__attribute__(`")?;
        }
        Ok(())
    }

    /// An alignment: a constant power of two.
    pub(super) fn align_value(&mut self, at: Span) -> PResult<u64> {
        let e = self.const_expr()?;
        let span = e.span();
        match eval::eval(&e, &self.module)? {
            Value::Int(v, _) if v > 0 && (v as u128).is_power_of_two() && v <= 1 << 28 => {
                Ok(v as u64)
            }
            _ => Err(Error::new(
                ErrorKind::InvalidAttribute,
                if span.is_empty() { at } else { span },
                "alignment must be a positive power of two",
            )
            .with_hint("use 1, 2, 4, 8, 16, ...")),
        }
    }
}
