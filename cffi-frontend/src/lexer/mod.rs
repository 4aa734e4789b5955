//! The lexer: source text to tokens, with the few preprocessor lines declarations may carry.
//!
//! Declarations are lexed in one pass. `#define` bodies go to a stream of their own, so the
//! parser sees declarations only; line markers feed the [`SourceMap`]; `#pragma pack` is kept
//! with the index of the token it precedes, because it changes the layout of what follows.

use crate::error::{Error, ErrorKind, Span};
use crate::source::{LineMarker, SourceMap};
use crate::token::{Kw, Punct, Tok, Token};

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

#[derive(Debug, Default)]
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

    fn directive(&mut self) {
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
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        lex(src).tokens.iter().map(|t| t.kind).collect()
    }

    #[test]
    fn tokens_and_spans() {
        let src = "unsigned long x[3]; /* c */ f(a, ...);";
        let lexed = lex(src);
        assert!(lexed.errors.is_empty());
        let texts: Vec<&str> = lexed.tokens.iter().map(|t| &src[t.span()]).collect();
        assert_eq!(
            texts,
            [
                "unsigned", "long", "x", "[", "3", "]", ";", "f", "(", "a", ",", "...", ")", ";",
                ""
            ]
        );
    }

    #[test]
    fn numbers_are_classified() {
        assert_eq!(
            kinds("1 0x1F 1.5 1e3 0x1p-3 .5f 1ULL 0x1e+1"),
            [
                Tok::Int,
                Tok::Int,
                Tok::Float,
                Tok::Float,
                Tok::Float,
                Tok::Float,
                Tok::Int,
                Tok::Int,
                Tok::P(Punct::Plus),
                Tok::Int,
                Tok::Eof
            ]
        );
    }

    #[test]
    fn defines_go_to_their_own_stream() {
        let src = "#define A (1 + \\\n 2)\nint x;\n#define F(x) x\n#undef A\n";
        let lexed = lex(src);
        assert!(lexed.errors.is_empty());
        assert_eq!(lexed.tokens.len(), 4);
        assert_eq!(lexed.macros.len(), 3);
        match &lexed.macros[0] {
            MacroEvent::Define {
                name,
                body,
                function_like,
                ..
            } => {
                assert_eq!(&src[name.clone()], "A");
                assert_eq!(body.len(), 5);
                assert!(!function_like);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            lexed.macros[1],
            MacroEvent::Define {
                function_like: true,
                ..
            }
        ));
        assert!(matches!(lexed.macros[2], MacroEvent::Undef { .. }));
    }

    #[test]
    fn line_markers_name_files_and_lines() {
        let src = "# 1 \"a.h\"\nint a;\n# 40 \"b.h\" 1 3\n\nint b;\n";
        let lexed = lex(src);
        let b = src.find("int b").unwrap();
        let loc = lexed.source_map.loc(src, b);
        assert_eq!((loc.file, loc.line, loc.column), (Some("b.h"), 41, 1));
        let a = src.find("a;").unwrap();
        let loc = lexed.source_map.loc(src, a);
        assert_eq!((loc.file, loc.line, loc.column), (Some("a.h"), 1, 5));
    }

    #[test]
    fn pack_pragmas_are_kept_in_place() {
        let lexed = lex("int a;\n#pragma pack(push, 2)\nint b;\n#pragma pack(pop)\n#pragma once\n");
        assert_eq!(
            lexed.pragmas,
            [(3, PackAction::Push(Some(2))), (6, PackAction::Pop)]
        );
    }

    #[test]
    fn doc_comments_are_collected() {
        let lexed =
            lex("/** Adds.\n * Two numbers. */ int add(int, int);\n/// Sub.\nint sub(int);");
        let texts: Vec<&str> = lexed.docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["Adds.\nTwo numbers.", "Sub."]);
    }

    #[test]
    fn lexical_errors() {
        let e = lex("int a; /* open").errors;
        assert_eq!(e[0].kind, ErrorKind::UnterminatedComment);
        let e = lex("char *s = \"abc\nint x;").errors;
        assert_eq!(e[0].kind, ErrorKind::UnterminatedLiteral);
        let e = lex("#include <stdio.h>\nint x;").errors;
        assert_eq!(e[0].kind, ErrorKind::UnsupportedDirective);
        assert!(e[0].hint.as_deref().unwrap().contains("include ="));
    }

    #[test]
    fn non_ascii_input_keeps_char_boundaries() {
        let src = "int é; \"ü";
        let lexed = lex(src);
        for t in &lexed.tokens {
            assert!(src.get(t.span()).is_some());
        }
    }
}
