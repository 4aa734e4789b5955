//! Function-like macros expanded inside `#define` bodies, as the preprocessor would, so that
//! `#define A_BOLD NCURSES_BITS(1U, 13)` evaluates: each invocation is replaced by the macro's
//! body with the arguments (themselves expanded, object-like macros included) put in for the
//! parameters. Outside arguments, object-like names are left in place (the constant evaluator
//! looks them up), except those defined empty, which are nothing. `a ## b` pastes two tokens into one, as PCRE2's
//! `#define pcre2_compile PCRE2_SUFFIX(pcre2_compile_)` makes `pcre2_compile_8`: tokens here
//! are places in the text, so a pasted token is one the text writes somewhere (a declared
//! name, a defined macro, a literal); one it never writes is reported. `#` (stringizing) is
//! reported, not guessed at.

use super::Parser;
use crate::error::{Error, ErrorKind};
use crate::token::{Punct, Tok, Token};

/// How deep invocations may nest, and how many tokens one `#define` may produce in all (its
/// arguments' expansions included): real headers stay far below both, and the work on hostile
/// input (a macro repeating its argument, nested) stays bounded.
const MAX_DEPTH: usize = 32;
const MAX_TOKENS: usize = 20_000;

/// The state of one expansion: the macros being expanded (not expanded again inside
/// themselves), the tokens it may still produce, and whether object-like macros are
/// expanded (in arguments, as the preprocessor does before putting them in).
struct Expansion<'e> {
    active: &'e mut Vec<String>,
    budget: &'e mut usize,
    objects: bool,
}

/// The arguments of an invocation, one token list per parameter.
type Arguments = Vec<Vec<Token>>;

/// A function-like macro: its parameters (`...` as `__VA_ARGS__`) and replacement tokens.
struct Macro<'t> {
    params: Vec<String>,
    variadic: bool,
    body: &'t [Token],
}

impl<'a> Parser<'a> {
    /// `tokens` with every function-like macro invocation expanded.
    pub(super) fn expand_macros(&self, tokens: &[Token]) -> Result<Vec<Token>, Error> {
        let mut active = Vec::new();
        let mut out = Vec::new();
        let mut budget = MAX_TOKENS;
        let mut e = Expansion {
            active: &mut active,
            budget: &mut budget,
            objects: false,
        };
        self.expand_into(tokens, 0, &mut e, &mut out)?;
        Ok(out)
    }

    fn expand_into(
        &self,
        tokens: &[Token],
        depth: usize,
        e: &mut Expansion<'_>,
        out: &mut Vec<Token>,
    ) -> Result<(), Error> {
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let name = self.text(t);
            let inactive = t.kind == Tok::Ident && !e.active.iter().any(|a| a == name);
            // An object-like macro defined empty (`#define _CUSTOMIZED`) is nothing, as the
            // preprocessor makes it: `#define VERSION "3.87.1" _CUSTOMIZED` is the string.
            if inactive && self.defines.object_body(name).is_some_and(|b| b.is_empty()) {
                i += 1;
                continue;
            }
            if e.objects
                && inactive
                && let Some(body) = self.defines.object_body(name)
            {
                // An object-like macro in an argument: replaced by its body, expanded.
                if depth >= MAX_DEPTH {
                    return Err(self.expansion_error(t, "nests too deeply"));
                }
                let body: &[Token] = self.lexed.directive_tokens.get(body).unwrap_or(&[]);
                e.active.push(name.to_string());
                let result = self.expand_into(body, depth + 1, e, out);
                e.active.pop();
                result?;
                i += 1;
                continue;
            }
            let invoked =
                inactive && tokens.get(i + 1).map(|n| n.kind) == Some(Tok::P(Punct::LParen));
            let Some(m) = invoked.then(|| self.function_macro(name)).flatten() else {
                *e.budget = e
                    .budget
                    .checked_sub(1)
                    .ok_or_else(|| self.expansion_error(t, "expands to too many tokens"))?;
                out.push(t);
                i += 1;
                continue;
            };
            let m = m?;
            if depth >= MAX_DEPTH {
                return Err(self.expansion_error(t, "nests too deeply"));
            }
            let (args, end) = self.macro_args(tokens, i + 1, t)?;
            let replacement = self.substitute(&m, &args, t, depth, e)?;
            e.active.push(name.to_string());
            let result = self.expand_into(&replacement, depth + 1, e, out);
            e.active.pop();
            result?;
            i = end;
        }
        Ok(())
    }

    /// The function-like macro `name`, if there is one.
    fn function_macro(&self, name: &str) -> Option<Result<Macro<'a>, Error>> {
        let body = self.defines.function_body(name)?;
        let body: &'a [Token] = self.lexed.directive_tokens.get(body).unwrap_or(&[]);
        // `( a , b , ... ) replacement`
        let mut params = Vec::new();
        let mut variadic = false;
        let mut i = 1;
        while let Some(t) = body.get(i) {
            i += 1;
            match t.kind {
                Tok::P(Punct::RParen) => {
                    return Some(Ok(Macro {
                        params,
                        variadic,
                        body: &body[i..],
                    }));
                }
                Tok::P(Punct::Comma) => {}
                Tok::P(Punct::Ellipsis) => variadic = true,
                _ => params.push(self.text(*t).to_string()),
            }
        }
        Some(Err(Error::new(
            ErrorKind::InvalidDefine,
            body.first().map_or(0..0, |t| t.span()),
            format!("the parameters of macro `{name}` are not closed"),
        )))
    }

    /// The arguments of the invocation whose `(` is at `open`: token lists split at top-level
    /// commas, and the index after the closing `)`.
    fn macro_args(
        &self,
        tokens: &[Token],
        open: usize,
        name: Token,
    ) -> Result<(Vec<Vec<Token>>, usize), Error> {
        let mut args = vec![Vec::new()];
        let mut nesting = 0usize;
        for (j, t) in tokens.iter().enumerate().skip(open + 1) {
            match t.kind {
                Tok::P(Punct::LParen) => nesting += 1,
                Tok::P(Punct::RParen) if nesting == 0 => {
                    if args.len() == 1 && args[0].is_empty() {
                        args.clear();
                    }
                    return Ok((args, j + 1));
                }
                Tok::P(Punct::RParen) => nesting -= 1,
                Tok::P(Punct::Comma) if nesting == 0 => {
                    args.push(Vec::new());
                    continue;
                }
                _ => {}
            }
            if let Some(last) = args.last_mut() {
                last.push(*t);
            }
        }
        Err(self.expansion_error(name, "has no closing `)`"))
    }

    /// Each parameter's argument as written and as expanded (object-like macros included),
    /// `__VA_ARGS__` last: the rest of the arguments, with their commas.
    fn arguments(
        &self,
        m: &Macro<'_>,
        args: &[Vec<Token>],
        name: Token,
        depth: usize,
        e: &mut Expansion<'_>,
    ) -> Result<(Arguments, Arguments), Error> {
        let arity_ok = if m.variadic {
            args.len() >= m.params.len()
        } else {
            args.len() == m.params.len() || (m.params.is_empty() && args.is_empty())
        };
        if !arity_ok {
            return Err(self.expansion_error(
                name,
                &format!("takes {} arguments, given {}", m.params.len(), args.len()),
            ));
        }
        let mut written: Vec<Vec<Token>> = args.iter().take(m.params.len()).cloned().collect();
        if m.variadic {
            let mut rest = Vec::new();
            for (k, a) in args.iter().enumerate().skip(m.params.len()) {
                if k > m.params.len() {
                    rest.push(Token {
                        kind: Tok::P(Punct::Comma),
                        start: name.start,
                        end: name.start,
                    });
                }
                rest.extend_from_slice(a);
            }
            written.push(rest);
        }
        let mut expanded = Vec::with_capacity(written.len());
        for a in &written {
            let mut out = Vec::new();
            let outer = std::mem::replace(&mut e.objects, true);
            let result = self.expand_into(a, depth + 1, e, &mut out);
            e.objects = outer;
            result?;
            expanded.push(out);
        }
        Ok((written, expanded))
    }

    /// The macro's body with each parameter replaced by its argument: expanded, except
    /// beside `##`, where the argument's tokens are pasted as written.
    fn substitute(
        &self,
        m: &Macro<'_>,
        args: &[Vec<Token>],
        name: Token,
        depth: usize,
        e: &mut Expansion<'_>,
    ) -> Result<Vec<Token>, Error> {
        let (written, expanded) = self.arguments(m, args, name, depth, e)?;
        let param = |t: &Token| -> Option<usize> {
            let text = self.text(*t);
            if t.kind != Tok::Ident {
                return None;
            }
            if m.variadic && text == "__VA_ARGS__" {
                return Some(m.params.len());
            }
            m.params.iter().position(|p| p == text)
        };
        let mut out = Vec::new();
        // The left operand of a `##` was an empty argument: the right one stands alone.
        let mut placemarker = false;
        let mut i = 0;
        while let Some(&t) = m.body.get(i) {
            let before_paste = m.body.get(i + 1).map(|n| n.kind) == Some(Tok::P(Punct::HashHash));
            match t.kind {
                Tok::P(Punct::Hash) => {
                    return Err(self.expansion_error(
                        name,
                        "uses `#`, which constants cannot be built with here",
                    ));
                }
                Tok::P(Punct::HashHash) => {
                    let right = m.body.get(i + 1).ok_or_else(|| {
                        self.expansion_error(name, "ends with `##`, which needs a token after it")
                    })?;
                    let right = match param(right) {
                        Some(k) => written[k].clone(),
                        None => vec![*right],
                    };
                    if !std::mem::take(&mut placemarker) {
                        let left = out.pop().ok_or_else(|| {
                            self.expansion_error(
                                name,
                                "starts with `##`, which needs a token before it",
                            )
                        })?;
                        self.paste(left, &right, name, &mut out)?;
                    } else {
                        out.extend(right);
                    }
                    i += 2;
                }
                _ => {
                    match param(&t) {
                        Some(k) if before_paste => {
                            placemarker = written[k].is_empty();
                            out.extend_from_slice(&written[k]);
                        }
                        Some(k) => out.extend_from_slice(&expanded[k]),
                        None => out.push(t),
                    }
                    i += 1;
                }
            }
            if out.len() > *e.budget {
                return Err(self.expansion_error(name, "expands to too many tokens"));
            }
        }
        Ok(out)
    }

    /// `left ## right[0]`, then the rest of `right`.
    fn paste(
        &self,
        left: Token,
        right: &[Token],
        name: Token,
        out: &mut Vec<Token>,
    ) -> Result<(), Error> {
        let Some((first, rest)) = right.split_first() else {
            out.push(left);
            return Ok(());
        };
        let text = format!("{}{}", self.text(left), self.text(*first));
        let token = self.written_token(&text).ok_or_else(|| {
            self.expansion_error(
                name,
                &format!("pastes `{text}`, a token the text never writes, so what it means cannot be read here"),
            )
        })?;
        out.push(token);
        out.extend_from_slice(rest);
        Ok(())
    }

    /// A token of the text spelled `text`, to stand for a pasted one.
    fn written_token(&self, text: &str) -> Option<Token> {
        let index = self.written.get_or_init(|| {
            let mut index = super::Map::default();
            let names = self.defines.name_tokens();
            for t in self
                .lexed
                .tokens
                .iter()
                .chain(&self.lexed.directive_tokens)
                .chain(&names)
            {
                index.entry(self.text(*t)).or_insert(*t);
            }
            index
        });
        index.get(text).copied()
    }

    fn expansion_error(&self, name: Token, what: &str) -> Error {
        Error::new(
            ErrorKind::InvalidDefine,
            name.span(),
            format!("macro `{}` {what}", self.text(name)),
        )
    }
}
