//! C declarations written as Rust tokens, turned back into C text.
//!
//! Rust's tokenizer drops newlines and comments; a `#define` ends at its line, so the text is
//! rebuilt from the tokens' line and column positions. Each token's byte range in the text is
//! kept with its span, so front-end errors land on the token the user wrote. `///` comments
//! arrive as `#[doc]` attributes and go back in as C doc comments; `#[cffi(...)]` attributes
//! annotate the declaration that follows them.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

/// An annotation in the declarations: `#[cffi(optional)]` before a function.
pub struct Annotation {
    /// Byte offset in the text where the annotated declaration starts.
    pub at: usize,
    pub meta: syn::Meta,
}

pub struct CText {
    pub text: String,
    /// Byte range in `text` and span of each token, in order.
    spans: Vec<(usize, usize, Span)>,
    pub annotations: Vec<Annotation>,
    pub errors: Vec<syn::Error>,
    /// Line and column (0-based) where the last token ended.
    last: Option<(usize, usize)>,
    pending: Vec<syn::Meta>,
}

impl CText {
    pub fn new(tokens: TokenStream) -> CText {
        let mut c = CText {
            text: String::new(),
            spans: Vec::new(),
            annotations: Vec::new(),
            errors: Vec::new(),
            last: None,
            pending: Vec::new(),
        };
        c.stream(tokens);
        c
    }

    /// C text that did not come from tokens (a string literal, a file): every part of it is
    /// reported at `span`.
    pub fn single(text: String, span: Span) -> CText {
        let len = text.len();
        CText {
            text,
            spans: vec![(0, len.max(1), span)],
            annotations: Vec::new(),
            errors: Vec::new(),
            last: None,
            pending: Vec::new(),
        }
    }

    /// A header's preprocessed text (reported at `span`) followed by declarations written as
    /// tokens, which keep their own spans: an import with declarations of its own.
    pub fn after(header: String, span: Span, tokens: TokenStream) -> CText {
        let mut body = CText::new(tokens);
        let shift = header.len() + 1;
        let mut text = header;
        text.push('\n');
        text.push_str(&body.text);
        let mut spans = vec![(0, shift, span)];
        spans.extend(
            body.spans
                .iter()
                .map(|&(a, b, s)| (a + shift, b + shift, s)),
        );
        for a in &mut body.annotations {
            a.at += shift;
        }
        CText {
            text,
            spans,
            annotations: body.annotations,
            errors: body.errors,
            last: None,
            pending: Vec::new(),
        }
    }

    /// `parts` one after another, each on lines of its own, keeping their spans.
    pub fn concat(parts: Vec<CText>) -> CText {
        let mut all = CText::new(TokenStream::new());
        for part in parts {
            if !all.text.is_empty() {
                all.text.push('\n');
            }
            let shift = all.text.len();
            all.text.push_str(&part.text);
            all.spans.extend(
                part.spans
                    .iter()
                    .map(|&(a, b, s)| (a + shift, b + shift, s)),
            );
            all.annotations
                .extend(part.annotations.into_iter().map(|a| Annotation {
                    at: a.at + shift,
                    meta: a.meta,
                }));
            all.errors.extend(part.errors);
        }
        all
    }

    fn stream(&mut self, tokens: TokenStream) {
        let mut iter = tokens.into_iter().peekable();
        while let Some(tt) = iter.next() {
            // `# [ ... ]` is a Rust attribute (`#define` is `#` then an identifier).
            if let TokenTree::Punct(p) = &tt
                && p.as_char() == '#'
                && let Some(TokenTree::Group(g)) = iter.peek()
                && g.delimiter() == Delimiter::Bracket
            {
                let g = g.clone();
                iter.next();
                self.attribute(p.span(), g.stream());
                continue;
            }
            self.tree(tt);
        }
    }

    fn attribute(&mut self, hash: Span, inner: TokenStream) {
        let meta: syn::Meta = match syn::parse2(inner.clone()) {
            Ok(m) => m,
            Err(e) => {
                self.errors.push(e);
                return;
            }
        };
        if meta.path().is_ident("doc") {
            if let syn::Meta::NameValue(nv) = &meta
                && let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
            {
                let text = s.value().replace("*/", "* /");
                self.gap(hash);
                self.text.push_str(&format!("/**{text} */"));
                self.last = Some(line_col_end(hash));
            }
            return;
        }
        if meta.path().is_ident("cffi") {
            self.pending.push(meta);
            return;
        }
        self.errors.push(syn::Error::new_spanned(
            meta,
            "only `#[doc]` and `#[cffi(...)]` attributes may stand among C declarations",
        ));
    }

    fn tree(&mut self, tt: TokenTree) {
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                self.token(open, g.span_open());
                self.stream(g.stream());
                self.token(close, g.span_close());
            }
            TokenTree::Ident(i) => self.token(&i.to_string(), i.span()),
            TokenTree::Punct(p) => self.token(&p.as_char().to_string(), p.span()),
            TokenTree::Literal(l) => self.token(&l.to_string(), l.span()),
        }
    }

    /// Whitespace between the previous token and one starting at `span`, as the source had it.
    fn gap(&mut self, span: Span) {
        let start = span.start();
        match self.last {
            None => {}
            Some((line, _)) if start.line > line => self.text.push('\n'),
            Some((_, col)) if start.line > 0 && start.column <= col => {}
            Some(_) => self.text.push(' '),
        }
    }

    fn token(&mut self, text: &str, span: Span) {
        if text.is_empty() {
            return;
        }
        self.gap(span);
        let at = self.text.len();
        if !self.pending.is_empty() {
            for meta in self.pending.drain(..) {
                self.annotations.push(Annotation { at, meta });
            }
        }
        self.text.push_str(text);
        self.spans.push((at, self.text.len(), span));
        self.last = Some(line_col_end(span));
    }

    /// The span of the first token on line `line` of the Rust file, among the tokens from
    /// text offset `from` on; for a line inside the declarations without a token of its own,
    /// the last token before it; `None` for a line outside them.
    pub fn span_on_line(&self, from: usize, line: usize) -> Option<Span> {
        let mut before = None;
        let mut after = false;
        for &(_, _, span) in self.spans.iter().filter(|s| s.0 >= from) {
            let l = span.start().line;
            if l == line {
                return Some(span);
            }
            if l < line {
                before = Some(span);
            } else {
                after = true;
            }
        }
        before.filter(|_| after)
    }

    /// The first and last spans of the tokens overlapping `range` of the text.
    pub fn spans_of(&self, range: std::ops::Range<usize>) -> (Span, Span) {
        let first = self
            .spans
            .partition_point(|&(_, end, _)| end <= range.start);
        let mut last = self
            .spans
            .partition_point(|&(start, _, _)| start < range.end.max(range.start + 1));
        last = last.saturating_sub(1).max(first);
        let get = |i: usize| {
            self.spans
                .get(i)
                .or_else(|| self.spans.last())
                .map_or_else(Span::call_site, |s| s.2)
        };
        (get(first), get(last))
    }
}

fn line_col_end(span: Span) -> (usize, usize) {
    let end = span.end();
    (end.line, end.column)
}
