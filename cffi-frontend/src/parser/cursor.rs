//! Moving through the tokens: looking ahead, consuming, expecting, and the spans and
//! errors that name where the parser is.

use super::{PResult, Parser, punct_text};
use crate::error::{Error, ErrorKind, Span};
use crate::token::{Kw, Punct, Tok, Token};

impl<'a> Parser<'a> {
    pub(super) fn peek(&self) -> Token {
        self.peek_at(0)
    }

    pub(super) fn peek_at(&self, n: usize) -> Token {
        self.toks.get(self.pos + n).copied().unwrap_or_else(|| {
            let end = self.toks.last().map_or(self.src.len() as u32, |t| t.end);
            Token {
                kind: Tok::Eof,
                start: end,
                end,
            }
        })
    }

    pub(super) fn bump(&mut self) -> Token {
        let t = self.peek();
        if t.kind != Tok::Eof {
            self.pos += 1;
        }
        t
    }

    pub(super) fn text(&self, t: Token) -> &'a str {
        self.src.get(t.span()).unwrap_or("")
    }

    pub(super) fn is_punct(&self, p: Punct) -> bool {
        self.peek().kind == Tok::P(p)
    }

    pub(super) fn is_kw(&self, kw: Kw) -> bool {
        matches!(self.peek().kind, Tok::Kw(k) if k.canonical() == kw)
    }

    pub(super) fn eat_punct(&mut self, p: Punct) -> bool {
        if self.is_punct(p) {
            self.bump();
            true
        } else {
            false
        }
    }

    pub(super) fn expect_punct(&mut self, p: Punct, context: &str) -> PResult<Token> {
        if self.is_punct(p) {
            return Ok(self.bump());
        }
        Err(self.unexpected(&format!("`{}` {context}", punct_text(p))))
    }

    /// "expected X, found Y" at the current token. A missing `;` is reported after the
    /// previous token, where it belongs.
    pub(super) fn unexpected(&self, expected: &str) -> Error {
        let t = self.peek();
        let found = match t.kind {
            Tok::Eof => "end of input".to_string(),
            _ => format!("`{}`", self.text(t)),
        };
        let span = if expected.starts_with("`;`") && self.pos > 0 {
            let prev = self.toks[self.pos - 1];
            prev.span()
        } else {
            t.span()
        };
        Error::new(
            ErrorKind::UnexpectedToken,
            span,
            format!("expected {expected}, found {found}"),
        )
    }

    pub(super) fn span_from(&self, start: u32) -> Span {
        let end = if self.pos > 0 {
            self.toks
                .get(self.pos - 1)
                .map_or(start as usize, |t| t.end as usize)
        } else {
            start as usize
        };
        start as usize..end.max(start as usize)
    }

    /// Skips a balanced `(...)`, `[...]` or `{...}` starting at the current token.
    pub(super) fn skip_balanced(&mut self) -> PResult<()> {
        let open = self.bump();
        let mut depth = 1usize;
        loop {
            let t = self.bump();
            match t.kind {
                Tok::P(Punct::LParen | Punct::LBracket | Punct::LBrace) => depth += 1,
                Tok::P(Punct::RParen | Punct::RBracket | Punct::RBrace) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Tok::Eof => {
                    return Err(Error::new(
                        ErrorKind::UnexpectedToken,
                        open.span(),
                        format!("unclosed `{}`", self.text(open)),
                    ));
                }
                _ => {}
            }
        }
    }
}
