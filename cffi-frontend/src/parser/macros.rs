//! Function-like macros expanded inside `#define` bodies, as the preprocessor would, so that
//! `#define A_BOLD NCURSES_BITS(1U, 13)` evaluates: each invocation is replaced by the macro's
//! body with the arguments (themselves expanded) put in for the parameters. Object-like names
//! are left in place; the constant evaluator looks them up. `#` and `##` are not supported:
//! such a body is reported, not guessed at.

use super::Parser;
use crate::error::{Error, ErrorKind};
use crate::token::{Punct, Tok, Token};

/// How deep invocations may nest, and how many tokens one `#define` may produce in all (its
/// arguments' expansions included): real headers stay far below both, and the work on hostile
/// input (a macro repeating its argument, nested) stays bounded.
const MAX_DEPTH: usize = 32;
const MAX_TOKENS: usize = 20_000;

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
        self.expand_into(tokens, 0, &mut active, &mut out, &mut budget)?;
        Ok(out)
    }

    fn expand_into(
        &self,
        tokens: &[Token],
        depth: usize,
        active: &mut Vec<String>,
        out: &mut Vec<Token>,
        budget: &mut usize,
    ) -> Result<(), Error> {
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let name = self.text(t);
            let invoked = t.kind == Tok::Ident
                && tokens.get(i + 1).map(|n| n.kind) == Some(Tok::P(Punct::LParen))
                && !active.iter().any(|a| a == name);
            let Some(m) = invoked.then(|| self.function_macro(name)).flatten() else {
                *budget = budget
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
            let replacement = self.substitute(&m, &args, t, depth, active, budget)?;
            active.push(name.to_string());
            let result = self.expand_into(&replacement, depth + 1, active, out, budget);
            active.pop();
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

    /// The macro's body with each parameter replaced by its (expanded) argument.
    fn substitute(
        &self,
        m: &Macro<'_>,
        args: &[Vec<Token>],
        name: Token,
        depth: usize,
        active: &mut Vec<String>,
        budget: &mut usize,
    ) -> Result<Vec<Token>, Error> {
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
        let mut expanded_args = Vec::with_capacity(args.len());
        for a in args {
            let mut out = Vec::new();
            self.expand_into(a, depth + 1, active, &mut out, budget)?;
            expanded_args.push(out);
        }
        let mut out = Vec::new();
        for t in m.body {
            if matches!(t.kind, Tok::P(Punct::Hash | Punct::HashHash)) {
                return Err(self.expansion_error(
                    name,
                    "uses `#` or `##`, which constants cannot be built with here",
                ));
            }
            let text = self.text(*t);
            if t.kind == Tok::Ident && text == "__VA_ARGS__" && m.variadic {
                for (k, a) in expanded_args.iter().enumerate().skip(m.params.len()) {
                    if k > m.params.len() {
                        out.push(Token {
                            kind: Tok::P(Punct::Comma),
                            start: t.start,
                            end: t.start,
                        });
                    }
                    out.extend_from_slice(a);
                }
                if out.len() > *budget {
                    return Err(self.expansion_error(name, "expands to too many tokens"));
                }
                continue;
            }
            match m.params.iter().position(|p| p == text) {
                Some(k) if t.kind == Tok::Ident => out.extend_from_slice(&expanded_args[k]),
                _ => out.push(*t),
            }
            if out.len() > *budget {
                return Err(self.expansion_error(name, "expands to too many tokens"));
            }
        }
        Ok(out)
    }

    fn expansion_error(&self, name: Token, what: &str) -> Error {
        Error::new(
            ErrorKind::InvalidDefine,
            name.span(),
            format!("macro `{}` {what}", self.text(name)),
        )
    }
}
