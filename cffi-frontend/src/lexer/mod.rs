//! The lexer: source text to tokens, with the few preprocessor lines declarations may carry.
//!
//! Declarations are lexed in one pass. `#define` bodies go to a stream of their own, so the
//! parser sees declarations only; line markers feed the [`SourceMap`]; `#pragma pack` is kept
//! with the index of the token it precedes, because it changes the layout of what follows.

use crate::error::{Error, ErrorKind, Span};
use crate::source::{LineMarker, SourceMap};
use crate::token::{Kw, Punct, Tok, Token};

mod directives;

/// A `#define` or `#undef` line.
#[derive(Clone, Debug)]
pub(crate) enum MacroEvent {
    Define {
        name: Span,
        /// Range of `Lexed::directive_tokens` holding the body.
        body: std::ops::Range<usize>,
        /// The whole directive line.
        span: Span,
        /// `#define F(x) ...`: not a constant.
        function_like: bool,
    },
    Undef {
        name: Span,
    },
}

/// A `#pragma pack` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PackAction {
    /// `#pragma pack(N)`, or `#pragma pack()` with `None`.
    Set(Option<u64>),
    /// `#pragma pack(push)` or `#pragma pack(push, N)`.
    Push(Option<u64>),
    /// `#pragma pack(pop)`.
    Pop,
}

/// A `/** ... */` or `///` comment, its text without the comment markers.
#[derive(Clone, Debug)]
pub(crate) struct DocComment {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub directive_tokens: Vec<Token>,
    pub macros: Vec<MacroEvent>,
    /// Each pack pragma with the index of the first main-stream token after it.
    pub pragmas: Vec<(usize, PackAction)>,
    pub docs: Vec<DocComment>,
    pub errors: Vec<Error>,
    pub source_map: SourceMap,
}

pub(crate) fn lex(src: &str) -> Lexed {
    let mut lexer = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        out: Lexed::default(),
        markers: Vec::new(),
        files: Vec::new(),
    };
    lexer.run();
    let mut out = lexer.out;
    out.source_map = SourceMap::new(src, lexer.markers, lexer.files);
    out
}

/// Lexes `src[from..]`, a part added after the text `lexed` holds (which ends at `from`, on
/// a line boundary), and appends its tokens, directives and comments to `lexed` with their
/// places in the whole of `src`. The line map is not extended: parts are read by run-time
/// mode, which reports places within the part.
pub(crate) fn lex_more(lexed: &mut Lexed, src: &str, from: usize) {
    let part = lex(&src[from..]);
    let at = |s: &Span| s.start + from..s.end + from;
    let shift = |t: &Token| Token {
        kind: t.kind,
        start: t.start + from as u32,
        end: t.end + from as u32,
    };
    if lexed.tokens.last().is_some_and(|t| t.kind == Tok::Eof) {
        lexed.tokens.pop();
    }
    let (tokens, directives) = (lexed.tokens.len(), lexed.directive_tokens.len());
    lexed.tokens.extend(part.tokens.iter().map(shift));
    lexed
        .directive_tokens
        .extend(part.directive_tokens.iter().map(shift));
    lexed.macros.extend(part.macros.iter().map(|m| match m {
        MacroEvent::Define {
            name,
            body,
            span,
            function_like,
        } => MacroEvent::Define {
            name: at(name),
            body: body.start + directives..body.end + directives,
            span: at(span),
            function_like: *function_like,
        },
        MacroEvent::Undef { name } => MacroEvent::Undef { name: at(name) },
    }));
    lexed
        .pragmas
        .extend(part.pragmas.iter().map(|&(i, a)| (i + tokens, a)));
    lexed.docs.extend(part.docs.iter().map(|d| DocComment {
        span: at(&d.span),
        text: d.text.clone(),
    }));
    lexed.errors.extend(part.errors.iter().map(|e| {
        let mut e = e.clone();
        e.span = at(&e.span);
        if let Some((span, _)) = &mut e.note {
            *span = at(span);
        }
        e
    }));
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    out: Lexed,
    markers: Vec<LineMarker>,
    files: Vec<String>,
}

impl<'a> Lexer<'a> {
    fn run(&mut self) {
        let mut at_line_start = true;
        loop {
            self.skip_trivia(false, &mut at_line_start);
            if self.pos >= self.bytes.len() {
                break;
            }
            if at_line_start && self.bytes[self.pos] == b'#' {
                self.directive();
                at_line_start = true;
                continue;
            }
            at_line_start = false;
            let tok = self.token();
            self.out.tokens.push(tok);
        }
        let end = self.bytes.len() as u32;
        self.out.tokens.push(Token {
            kind: Tok::Eof,
            start: end,
            end,
        });
    }

    /// Skips whitespace and comments. With `stop_at_newline`, an unescaped newline is not
    /// skipped; otherwise crossing one sets `at_line_start`.
    fn skip_trivia(&mut self, stop_at_newline: bool, at_line_start: &mut bool) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\n' => {
                    if stop_at_newline {
                        break;
                    }
                    *at_line_start = true;
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' | b'\x0c' | b'\x0b' => self.pos += 1,
                b'\\' if self.line_continuation_len() > 0 => {
                    self.pos += self.line_continuation_len();
                }
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'/') => self.line_comment(),
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'*') => self.block_comment(),
                _ => break,
            }
        }
    }

    /// The length of the line splice at `self.pos` (a backslash ending the line), or 0. As
    /// gcc does, spaces between the backslash and the newline still make a splice.
    fn line_continuation_len(&self) -> usize {
        let rest = &self.bytes[self.pos..];
        if rest.first() != Some(&b'\\') {
            return 0;
        }
        let blanks = rest[1..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        match &rest[1 + blanks..] {
            [b'\n', ..] => 2 + blanks,
            [b'\r', b'\n', ..] => 3 + blanks,
            _ => 0,
        }
    }

    /// A `//` comment. It ends at the first newline that is not spliced: a backslash ending
    /// the line carries the comment on, because splicing comes before comments in C.
    fn line_comment(&mut self) {
        let start = self.pos;
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == b'\n' {
                break;
            }
            self.pos += self.line_continuation_len().max(1);
        }
        let text = &self.src[start..self.pos];
        if let Some(doc) = text.strip_prefix("///")
            && !doc.starts_with('/')
        {
            self.out.docs.push(DocComment {
                span: start..self.pos,
                text: doc.strip_prefix(' ').unwrap_or(doc).trim_end().to_string(),
            });
        }
    }

    fn block_comment(&mut self) {
        let start = self.pos;
        match self.src[start + 2..].find("*/") {
            Some(i) => self.pos = start + 2 + i + 2,
            None => {
                self.pos = self.bytes.len();
                self.out.errors.push(
                    Error::new(
                        ErrorKind::UnterminatedComment,
                        start..start + 2,
                        "unterminated comment",
                    )
                    .with_hint("close it with `*/`"),
                );
                return;
            }
        }
        let text = &self.src[start..self.pos];
        if text.len() > 5 && text.starts_with("/**") && !text.starts_with("/***") {
            let inner = &text[3..text.len() - 2];
            let lines: Vec<&str> = inner
                .lines()
                .map(|l| {
                    let l = l.trim();
                    let l = l.strip_prefix('*').unwrap_or(l);
                    l.strip_prefix(' ').unwrap_or(l).trim_end()
                })
                .collect();
            let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
            let last = lines
                .iter()
                .rposition(|l| !l.is_empty())
                .map_or(0, |i| i + 1);
            self.out.docs.push(DocComment {
                span: start..self.pos,
                text: lines[first..last.max(first)].join("\n"),
            });
        }
    }

    /// Lexes one token at `self.pos`, which is not trivia.
    fn token(&mut self) -> Token {
        let start = self.pos;
        let b = self.bytes[start];
        let kind = match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.ident_or_prefixed_literal(),
            b'0'..=b'9' => self.number(),
            b'.' if self.bytes.get(start + 1).is_some_and(u8::is_ascii_digit) => self.number(),
            b'\'' => self.quoted(b'\''),
            b'"' => self.quoted(b'"'),
            _ => self.punct(),
        };
        Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
        }
    }

    fn ident_or_prefixed_literal(&mut self) -> Tok {
        let start = self.pos;
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$')
        {
            self.pos += 1;
        }
        let word = &self.src[start..self.pos];
        if matches!(word, "L" | "u" | "U" | "u8") {
            match self.bytes.get(self.pos) {
                Some(b'\'') => return self.quoted(b'\''),
                Some(b'"') => return self.quoted(b'"'),
                _ => {}
            }
        }
        match Kw::from_str(word) {
            Some(kw) => Tok::Kw(kw),
            None => Tok::Ident,
        }
    }

    fn number(&mut self) -> Tok {
        let mut is_float = false;
        let hex = self.bytes[self.pos] == b'0'
            && matches!(self.bytes.get(self.pos + 1), Some(b'x' | b'X'));
        while let Some(&b) = self.bytes.get(self.pos) {
            let exp = if hex {
                matches!(b, b'p' | b'P')
            } else {
                matches!(b, b'e' | b'E')
            };
            if exp && matches!(self.bytes.get(self.pos + 1), Some(b'+' | b'-')) {
                is_float = true;
                self.pos += 2;
            } else if b == b'.' {
                is_float = true;
                self.pos += 1;
            } else if b.is_ascii_alphanumeric() || b == b'_' {
                if exp {
                    is_float = true;
                }
                self.pos += 1;
            } else {
                break;
            }
        }
        if is_float { Tok::Float } else { Tok::Int }
    }

    fn quoted(&mut self, quote: u8) -> Tok {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.bytes.get(self.pos) {
                Some(&b) if b == quote => {
                    self.pos += 1;
                    return if quote == b'"' { Tok::Str } else { Tok::Char };
                }
                Some(b'\\') if self.bytes.get(self.pos + 1).is_some_and(|&c| c != b'\n') => {
                    self.pos += 2;
                    while !self.src.is_char_boundary(self.pos) {
                        self.pos += 1;
                    }
                }
                Some(b'\n') | None => {
                    let what = if quote == b'"' {
                        "string literal"
                    } else {
                        "character constant"
                    };
                    self.out.errors.push(
                        Error::new(
                            ErrorKind::UnterminatedLiteral,
                            start..self.pos,
                            format!("unterminated {what}"),
                        )
                        .with_hint(format!("close it with `{}`", quote as char)),
                    );
                    return if quote == b'"' { Tok::Str } else { Tok::Char };
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn punct(&mut self) -> Tok {
        use Punct::*;
        let rest = &self.bytes[self.pos..];
        let three: &[(&[u8], Punct)] = &[
            (b"...", Ellipsis),
            (b"<<=", OtherOp),
            (b">>=", OtherOp),
            (b"->*", OtherOp),
        ];
        let two: &[(&[u8], Punct)] = &[
            (b"->", Arrow),
            (b"<<", Shl),
            (b">>", Shr),
            (b"<=", Le),
            (b">=", Ge),
            (b"==", EqEq),
            (b"!=", Ne),
            (b"&&", AndAnd),
            (b"||", OrOr),
            (b"::", ColonColon),
            (b"##", HashHash),
            (b"++", OtherOp),
            (b"--", OtherOp),
            (b"+=", OtherOp),
            (b"-=", OtherOp),
            (b"*=", OtherOp),
            (b"/=", OtherOp),
            (b"%=", OtherOp),
            (b"&=", OtherOp),
            (b"|=", OtherOp),
            (b"^=", OtherOp),
        ];
        for (len, table) in [(3, three), (2, two)] {
            if let Some(&(_, p)) = table.iter().find(|(s, _)| rest.starts_with(s)) {
                self.pos += len;
                return Tok::P(p);
            }
        }
        let p = match rest[0] {
            b'(' => LParen,
            b')' => RParen,
            b'[' => LBracket,
            b']' => RBracket,
            b'{' => LBrace,
            b'}' => RBrace,
            b';' => Semi,
            b',' => Comma,
            b':' => Colon,
            b'?' => Question,
            b'.' => Dot,
            b'*' => Star,
            b'&' => Amp,
            b'+' => Plus,
            b'-' => Minus,
            b'~' => Tilde,
            b'!' => Bang,
            b'/' => Slash,
            b'%' => Percent,
            b'<' => Lt,
            b'>' => Gt,
            b'^' => Caret,
            b'|' => Pipe,
            b'=' => Eq,
            b'#' => Hash,
            _ => {
                self.pos += 1;
                while !self.src.is_char_boundary(self.pos) {
                    self.pos += 1;
                }
                return Tok::Other;
            }
        };
        self.pos += 1;
        Tok::P(p)
    }
}

#[cfg(test)]
mod tests;
