//! After an error: how far to skip, and which later errors are only its consequences.

use super::Parser;
use crate::error::{Error, ErrorKind};
use crate::model::Skipped;
use crate::token::{Kw, Punct, Tok};

impl Parser<'_> {
    /// After a `typedef` that failed: the names it would have declared (every identifier in
    /// it; a few too many only quiets errors that would follow from the first).
    pub(super) fn remember_failed_typedef(&mut self, start: usize) {
        let toks = &self.toks[start..self.pos.min(self.toks.len())];
        if !toks
            .iter()
            .any(|t| matches!(t.kind, Tok::Kw(k) if k.canonical() == Kw::Typedef))
        {
            return;
        }
        for t in toks.iter().filter(|t| t.kind == Tok::Ident) {
            self.failed_typedefs.insert(self.text(*t).to_string());
        }
    }

    /// After an error: skip to the end of the declaration that started at token `start`.
    pub(super) fn recover(&mut self, start: usize) {
        let mut depth = 0usize;
        loop {
            let t = self.peek();
            match t.kind {
                Tok::Eof => break,
                Tok::P(Punct::Semi) if depth == 0 => {
                    self.bump();
                    break;
                }
                Tok::P(Punct::LParen | Punct::LBracket | Punct::LBrace) => depth += 1,
                Tok::P(Punct::RParen | Punct::RBracket) => depth = depth.saturating_sub(1),
                Tok::P(Punct::RBrace) => {
                    if depth <= 1 {
                        self.bump();
                        // A function body ends the declaration; a struct body is followed by
                        // its declarators.
                        if depth == 1 && !self.continues_after_brace() {
                            break;
                        }
                        depth = 0;
                        continue;
                    }
                    depth -= 1;
                }
                _ => {}
            }
            self.bump();
        }
        if self.pos == start {
            self.bump();
        }
    }

    pub(super) fn continues_after_brace(&self) -> bool {
        matches!(
            self.peek().kind,
            Tok::Ident | Tok::P(Punct::Star | Punct::Semi | Punct::Comma) | Tok::Kw(Kw::Attribute)
        )
    }

    /// Records an error, or in lenient mode, a skipped declaration for what cannot be bound.
    pub(super) fn report(&mut self, e: Error) {
        let name = self.src.get(e.span.clone()).unwrap_or("");
        if e.kind == ErrorKind::UnknownType && self.failed_typedefs.contains(name) {
            // Only a consequence of the typedef's own error; in a header, the declaration is
            // still listed as left out.
            if self.opts.lenient {
                self.module.skipped.push(Skipped {
                    name: name.to_string(),
                    reason: format!("it uses `{name}`, which was left out"),
                    span: e.span,
                });
            }
            return;
        }
        if self.opts.lenient && matches!(e.kind, ErrorKind::Unsupported | ErrorKind::InvalidDefine)
        {
            self.module.skipped.push(Skipped {
                name: self.src.get(e.span.clone()).unwrap_or("").to_string(),
                reason: e.to_string(),
                span: e.span,
            });
        } else {
            self.errors.push(e);
        }
    }
}
