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

    /// Names what the declaration from token `start` left out (from entry `listed` of the
    /// list on) by the name it declares, rather than by the token that could not be read:
    /// `take_either`, not the `either` it uses; so the list says what is missing and `allow`
    /// filters it by that name.
    pub(super) fn name_left_out(&mut self, start: usize, listed: usize) {
        let Some(name) = self.declared_name(start) else {
            return;
        };
        for s in &mut self.module.skipped[listed..] {
            if s.name != name {
                if !s.reason.contains(&format!("`{}`", s.name)) {
                    s.reason = format!("`{}`: {}", s.name, s.reason);
                }
                s.name = name.clone();
            }
        }
    }

    /// The name a declaration between token `start` and the current one declares: the
    /// identifier before its parameter list, or its last identifier outside parentheses and
    /// braces.
    fn declared_name(&self, start: usize) -> Option<String> {
        let toks = &self.toks[start..self.pos.min(self.toks.len())];
        let mut depth = 0usize;
        let mut last = None;
        for (i, t) in toks.iter().enumerate() {
            match t.kind {
                Tok::P(Punct::LParen | Punct::LBrace | Punct::LBracket) => {
                    if depth == 0
                        && t.kind == Tok::P(Punct::LParen)
                        && let Some(prev) = i.checked_sub(1).map(|p| toks[p])
                        && prev.kind == Tok::Ident
                        && !self.is_type_name(self.text(prev))
                    {
                        return Some(self.text(prev).to_string());
                    }
                    depth += 1;
                }
                Tok::P(Punct::RParen | Punct::RBrace | Punct::RBracket) => {
                    depth = depth.saturating_sub(1)
                }
                Tok::Ident if depth == 0 => last = Some(self.text(*t).to_string()),
                _ => {}
            }
        }
        last
    }
}
