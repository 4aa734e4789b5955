//! Preprocessor lines: `#define`s (kept for the parser), `#pragma pack`, line markers of
//! preprocessed text, and what cannot be read (conditionals, `#include`).

use super::{Lexer, MacroEvent, PackAction};
use crate::error::{Error, ErrorKind};
use crate::source::LineMarker;
use crate::token::{Punct, Tok, Token};

impl Lexer<'_> {
    pub(super) fn directive(&mut self) {
        let start = self.pos;
        self.pos += 1;
        let mut dummy = false;
        self.skip_trivia(true, &mut dummy);
        let word_start = self.pos;
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            self.pos += 1;
        }
        let word = &self.src[word_start..self.pos];
        match word {
            "" => self.finish_directive(),
            w if w.bytes().all(|b| b.is_ascii_digit()) => {
                self.pos = word_start;
                self.line_marker(start);
            }
            "line" => self.line_marker(start),
            "define" => self.define(start),
            "undef" => {
                let toks = self.directive_rest();
                match toks.first() {
                    Some(t) if matches!(t.kind, Tok::Ident | Tok::Kw(_)) => {
                        self.out.macros.push(MacroEvent::Undef { name: t.span() })
                    }
                    _ => self.out.errors.push(Error::new(
                        ErrorKind::UnexpectedToken,
                        start..self.pos,
                        "expected a macro name after `#undef`",
                    )),
                }
            }
            "pragma" => self.pragma(),
            "ident" | "sccs" => self.finish_directive(),
            _ => {
                let word_span = word_start..self.pos;
                self.finish_directive();
                let mut e = Error::new(
                    ErrorKind::UnsupportedDirective,
                    word_span,
                    format!("unsupported preprocessor directive `#{word}` in declarations"),
                );
                e = if word == "include" {
                    e.with_hint("declarations are not preprocessed; in API mode name the header with `include = \"<header.h>\"`")
                } else {
                    e.with_hint("only `#define`, `#undef` and `#pragma pack` are read; remove the directive or resolve it by hand")
                };
                self.out.errors.push(e);
            }
        }
    }

    /// Lexes the rest of the directive line and returns its tokens.
    fn directive_rest(&mut self) -> Vec<Token> {
        let mut toks = Vec::new();
        let mut dummy = false;
        loop {
            self.skip_trivia(true, &mut dummy);
            match self.bytes.get(self.pos) {
                None | Some(b'\n') => return toks,
                _ => toks.push(self.token()),
            }
        }
    }

    fn finish_directive(&mut self) {
        self.directive_rest();
    }

    fn line_marker(&mut self, start: usize) {
        let toks = self.directive_rest();
        let line = toks
            .first()
            .filter(|t| t.kind == Tok::Int)
            .and_then(|t| self.src[t.span()].parse::<u32>().ok());
        let Some(line) = line else {
            self.out.errors.push(Error::new(
                ErrorKind::UnexpectedToken,
                start..self.pos,
                "malformed line marker",
            ));
            return;
        };
        let file = match toks.get(1) {
            Some(t) if t.kind == Tok::Str => {
                let raw = self
                    .src
                    .get(t.start as usize + 1..(t.end as usize).saturating_sub(1))
                    .unwrap_or("");
                let name = raw.replace("\\\\", "\\").replace("\\\"", "\"");
                match self.files.iter().position(|f| *f == name) {
                    Some(i) => i as u32,
                    None => {
                        self.files.push(name);
                        self.files.len() as u32 - 1
                    }
                }
            }
            _ => match self.markers.last() {
                Some(m) => m.file,
                None => {
                    self.files.push(String::new());
                    0
                }
            },
        };
        let offset = match self.bytes.get(self.pos) {
            Some(b'\n') => self.pos + 1,
            _ => self.pos,
        };
        self.markers.push(LineMarker { offset, line, file });
    }

    fn define(&mut self, start: usize) {
        let mut dummy = false;
        self.skip_trivia(true, &mut dummy);
        let name_start = self.pos;
        let name_tok = match self.bytes.get(self.pos) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => self.token(),
            _ => {
                self.finish_directive();
                self.out.errors.push(Error::new(
                    ErrorKind::InvalidDefine,
                    start..self.pos,
                    "expected a macro name after `#define`",
                ));
                return;
            }
        };
        let function_like = self.bytes.get(self.pos) == Some(&b'(');
        let body = self.directive_rest();
        let first = self.out.directive_tokens.len();
        self.out.directive_tokens.extend(body);
        let last = self.out.directive_tokens.len();
        self.out.macros.push(MacroEvent::Define {
            name: name_start..name_tok.end as usize,
            body: first..last,
            span: start..self.pos,
            function_like,
        });
    }

    fn pragma(&mut self) {
        let at = self.out.tokens.len();
        let toks = self.directive_rest();
        let text = |t: &Token| &self.src[t.span()];
        if toks.first().map(text) != Some("pack") {
            return;
        }
        let args: Vec<&str> = toks
            .iter()
            .skip(2)
            .take_while(|t| t.kind != Tok::P(Punct::RParen))
            .filter(|t| t.kind != Tok::P(Punct::Comma))
            .map(text)
            .collect();
        // gcc ignores pack values that are not powers of two; `pack(0)` restores the default.
        let number = |s: &str| {
            s.parse::<u64>()
                .ok()
                .filter(|n| n.is_power_of_two() && *n <= 1 << 16)
        };
        let action = match args.as_slice() {
            [] => PackAction::Set(None),
            ["push"] => PackAction::Push(None),
            ["push", n] => PackAction::Push(number(n)),
            ["pop", ..] => PackAction::Pop,
            [n] => PackAction::Set(number(n)),
            _ => return,
        };
        self.out.pragmas.push((at, action));
    }
}
