//! `#define` constants: evaluated on first use (a define may name one that comes later, as
//! macro expansion allows), and all turned into constants once the declarations are read.

use super::Map;

use super::{Ordinary, PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::eval::{self, Value};
use crate::lexer::{Lexed, MacroEvent};
use crate::model::{Const, ConstValue, Item};
use crate::token::{Punct, Tok, Token};

#[derive(Clone, Debug)]
enum State {
    Pending,
    Evaluating,
    Done(Result<ConstValue, Error>),
}

#[derive(Clone, Debug)]
struct Entry {
    name_span: Span,
    body: std::ops::Range<usize>,
    span: Span,
    function_like: bool,
    state: State,
}

impl Entry {
    /// A copy of the entry as defined, with its state `Pending`.
    fn without_state(&self) -> Entry {
        Entry {
            name_span: self.name_span.clone(),
            body: self.body.clone(),
            span: self.span.clone(),
            function_like: self.function_like,
            state: State::Pending,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(super) struct Defines {
    entries: Map<String, Entry>,
    /// Names in order of definition.
    order: Vec<String>,
    /// Defines whose failure was already reported where they were used.
    reported: super::Set<String>,
    /// A name defined again with another body, without `#undef` between: an error in
    /// declarations a person wrote, as in C (a header's are read as the preprocessor did).
    redefined: Vec<Error>,
    /// How many names of `order` are constants (or aliases, or left out) already: the
    /// defines of earlier parts of the declarations ([`super::Saved`]).
    finished: usize,
    /// Finished defines a later part took back (`#undef`, or a new value): their constants
    /// and aliases go, as the preprocessor forgets them.
    undone: Vec<(String, Span)>,
}

impl Defines {
    /// Takes in the `#define`s and `#undef`s of `lexed.macros[from..]`.
    pub fn add(&mut self, src: &str, lexed: &Lexed, from: usize) {
        let d = self;
        for m in lexed.macros.iter().skip(from) {
            match m {
                MacroEvent::Define {
                    name,
                    body,
                    span,
                    function_like,
                } => {
                    let n = src.get(name.clone()).unwrap_or("").to_string();
                    if let Some(old) = d.entries.get(&n) {
                        let text = |r: &std::ops::Range<usize>| {
                            lexed.directive_tokens[r.clone()]
                                .iter()
                                .map(|t| src.get(t.span()).unwrap_or(""))
                                .collect::<Vec<_>>()
                        };
                        if old.function_like != *function_like || text(&old.body) != text(body) {
                            d.redefined.push(
                                Error::new(
                                    ErrorKind::Redefinition,
                                    name.clone(),
                                    format!("`{n}` is defined again with another value"),
                                )
                                .with_note(
                                    old.name_span.clone(),
                                    format!("`{n}` is first defined here"),
                                )
                                .with_hint(format!(
                                    "remove one, or write `#undef {n}` before the new value"
                                )),
                            );
                        }
                        let old_span = old.span.clone();
                        d.remove_from_order(&n, old_span);
                    }
                    d.order.push(n.clone());
                    d.entries.insert(
                        n,
                        Entry {
                            name_span: name.clone(),
                            body: body.clone(),
                            span: span.clone(),
                            function_like: *function_like,
                            state: State::Pending,
                        },
                    );
                }
                MacroEvent::Undef { name } => {
                    let n = src.get(name.clone()).unwrap_or("");
                    if let Some(old) = d.entries.remove(n) {
                        d.remove_from_order(n, old.span);
                    }
                }
            }
        }
    }

    /// Takes `name` out of the order of definition (a redefinition or `#undef`), keeping
    /// `finished` counting the same names.
    fn remove_from_order(&mut self, name: &str, span: Span) {
        if let Some(i) = self.order.iter().position(|o| o == name) {
            self.order.remove(i);
            if i < self.finished {
                self.finished -= 1;
                self.undone.push((name.to_string(), span));
            }
        }
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    /// A token for the name of every macro.
    pub fn name_tokens(&self) -> Vec<Token> {
        self.entries
            .values()
            .map(|e| Token {
                kind: Tok::Ident,
                start: e.name_span.start as u32,
                end: e.name_span.end as u32,
            })
            .collect()
    }

    /// The body of object-like macro `name`.
    pub fn object_body(&self, name: &str) -> Option<std::ops::Range<usize>> {
        let e = self.entries.get(name)?;
        (!e.function_like).then(|| e.body.clone())
    }

    /// The tokens of function-like macro `name` (its parameter list, then its body).
    pub fn function_body(&self, name: &str) -> Option<std::ops::Range<usize>> {
        let e = self.entries.get(name)?;
        e.function_like.then(|| e.body.clone())
    }
}

impl<'a> Parser<'a> {
    /// Takes out the constant or alias an earlier part's `#define name` (at `span`) became,
    /// or its entry in what was left out.
    fn forget_define(&mut self, name: &str, span: &Span) {
        self.module.aliases.retain(|a| a.name != name);
        self.module
            .skipped
            .retain(|s| !(s.name == name && s.span == *span));
        let m = &mut self.module;
        let Some(i) = m
            .consts
            .iter()
            .position(|c| c.name == name && !c.spelled_as_object)
        else {
            return;
        };
        m.consts.remove(i);
        m.items.retain(|item| *item != Item::Const(i));
        for item in &mut m.items {
            if let Item::Const(j) = item
                && *j > i
            {
                *j -= 1;
            }
        }
    }

    /// The value of `#define name`, evaluating it now if needed; `None` if there is no such
    /// define.
    pub(super) fn define_value(&mut self, name: &str, used_at: Span) -> Option<PResult<Value>> {
        let cycle = matches!(self.defines.entries.get(name)?.state, State::Evaluating);
        let value = self.evaluate_define(name)?;
        if cycle {
            // `value` is the error naming the cycle; it is reported with the define itself.
            return Some(value.map(|_| Value::Int(0, crate::model::IntKind::Int)));
        }
        Some(match value {
            Ok(ConstValue::Int { value, kind }) => Ok(Value::Int(value, kind)),
            Ok(ConstValue::Float { value, kind }) => Ok(Value::Float(value, kind)),
            Ok(ConstValue::Str(s)) => Ok(Value::Str(s)),
            Ok(ConstValue::Pointer { value, ty }) => Ok(Value::Ptr(value, ty)),
            Ok(ConstValue::Address { symbol, ty }) => Ok(Value::Addr(symbol, ty)),
            Ok(ConstValue::FromCompiler) => Err(Error::new(
                ErrorKind::ConstantEvaluation,
                used_at,
                format!("the value of `{name}` is only known to the C compiler"),
            )),
            Err(e) => {
                self.defines.reported.insert(name.to_string());
                Err(Error::new(
                    ErrorKind::ConstantEvaluation,
                    used_at,
                    format!("`{name}` has no value: {}", e.message),
                ))
            }
        })
    }

    fn evaluate_define(&mut self, name: &str) -> Option<Result<ConstValue, Error>> {
        let entry = self.defines.entries.get_mut(name)?;
        match &entry.state {
            State::Done(r) => return Some(r.clone()),
            State::Evaluating => {
                return Some(Err(Error::new(
                    ErrorKind::InvalidDefine,
                    entry.name_span.clone(),
                    format!("`#define {name}` refers to itself"),
                )));
            }
            State::Pending => entry.state = State::Evaluating,
        }
        let entry = entry.without_state();
        let result = self.define_body(name, &entry);
        if let Some(e) = self.defines.entries.get_mut(name) {
            e.state = State::Done(result.clone());
        }
        Some(result)
    }

    fn define_body(&mut self, name: &str, entry: &Entry) -> Result<ConstValue, Error> {
        let body: &'a [Token] = self
            .lexed
            .directive_tokens
            .get(entry.body.clone())
            .unwrap_or(&[]);
        let invalid = |span: Span, msg: String| Error::new(ErrorKind::InvalidDefine, span, msg);
        if entry.function_like {
            return Err(invalid(
                entry.name_span.clone(),
                format!("function-like macro `{name}` is not a constant"),
            )
            .with_hint(format!(
                "in API mode, declare it as a function (e.g. `int {name}(int x);`) and it is called through a C wrapper"
            )));
        }
        if body.is_empty() {
            return Err(invalid(
                entry.name_span.clone(),
                format!("`#define {name}` has no value"),
            )
            .with_hint("give it a value, or remove it"));
        }
        if body.len() == 1 && body[0].kind == Tok::P(Punct::Ellipsis) {
            return Ok(ConstValue::FromCompiler);
        }
        let expanded = self.expand_macros(body).map_err(|e| {
            Error::new(
                ErrorKind::InvalidDefine,
                e.span.clone(),
                format!("cannot evaluate `#define {name}`: {}", e.message),
            )
        })?;
        let saved_toks = std::mem::replace(&mut self.toks, std::borrow::Cow::Owned(expanded));
        let saved_pos = self.pos;
        self.pos = 0;
        let parsed = self.const_expr().and_then(|e| {
            if self.peek().kind == Tok::Eof {
                Ok(e)
            } else {
                Err(self.unexpected("the end of the `#define`"))
            }
        });
        self.toks = saved_toks;
        self.pos = saved_pos;
        let body_span = body[0].start as usize..body[body.len() - 1].end as usize;
        let value = parsed
            .and_then(|e| eval::eval(&e, &self.module))
            .map_err(|e| {
                Error::new(
                    ErrorKind::InvalidDefine,
                    if e.span.is_empty() { body_span.clone() } else { e.span.clone() },
                    format!("cannot evaluate `#define {name}`: {}", e.message),
                )
                .with_hint(e.hint.unwrap_or_else(|| {
                    "a `#define` bound as a constant must be an integer, float or string constant expression".into()
                }))
            })?;
        Ok(match value {
            Value::Int(value, kind) => ConstValue::Int { value, kind },
            Value::Float(value, kind) => ConstValue::Float { value, kind },
            Value::Str(s) => ConstValue::Str(s),
            Value::Ptr(value, ty) => ConstValue::Pointer { value, ty },
            Value::Addr(symbol, ty) => ConstValue::Address { symbol, ty },
        })
    }

    /// The declared name an object-like `#define`'s body is, after its macros expand, and
    /// what that name declares: GMP's `#define mpz_add __gmpz_add` (a function, or a name made
    /// by macros, as PCRE2's `#define pcre2_compile PCRE2_SUFFIX(pcre2_compile_)`), Apple's
    /// `#define CLOCK_REALTIME _CLOCK_REALTIME` (an enumerator) and `#define stdin __stdinp`
    /// (a global).
    fn names_a_declaration(&self, entry: &Entry) -> Option<(String, &Ordinary)> {
        if entry.function_like {
            return None;
        }
        let body = self.lexed.directive_tokens.get(entry.body.clone())?;
        let expanded = self.expand_macros(body).ok()?;
        let [t] = expanded.as_slice() else {
            return None;
        };
        let name = self.text(*t);
        let (what, _) = self.ordinary.get(name)?;
        (t.kind == Tok::Ident).then(|| (name.to_string(), what))
    }

    /// `#define stdin __stdinp` where `__stdinp` is a declared global: the global again under
    /// the macro's name, resolved by the global's symbol, as a C program reaches it.
    fn global_under_macro_name(&mut self, name: &str, entry: &Entry, index: usize) {
        let mut v = self.module.vars[index].clone();
        v.macro_of = Some(v.name.clone());
        v.asm_name = Some(v.asm_name.take().unwrap_or(v.name));
        v.name = name.to_string();
        v.span = entry.span.clone();
        v.name_span = entry.name_span.clone();
        v.doc = self.doc_before(entry.span.start);
        let i = self.module.vars.len();
        self.module.vars.push(v);
        self.module.items.push(Item::Var(i));
    }

    /// Turns every `#define` into a constant, or an error (skipped, in lenient mode).
    pub(super) fn finish_defines(&mut self) {
        for e in std::mem::take(&mut self.defines.redefined) {
            if !self.opts.lenient {
                self.report(e);
            }
        }
        for (name, span) in std::mem::take(&mut self.defines.undone) {
            self.forget_define(&name, &span);
        }
        // By index: evaluating a define reads the names (for suggestions), not a copy. The
        // defines of earlier parts are finished already.
        let from = self.defines.finished;
        self.defines.finished = self.defines.order.len();
        for i in from..self.defines.order.len() {
            let name = self.defines.order[i].clone();
            let Some(result) = self.evaluate_define(&name) else {
                continue;
            };
            // The entry without its state, which holds the result again.
            let Some(entry) = self.defines.entries.get(&name).map(Entry::without_state) else {
                continue;
            };
            let named = self.names_a_declaration(&entry).map(|(n, what)| (n, *what));
            match (&result, &named) {
                (Err(_), Some((function, Ordinary::Function(_)))) => {
                    self.module.aliases.push(crate::model::Alias {
                        name,
                        function: function.clone(),
                        span: entry.span.clone(),
                        doc: self.doc_before(entry.span.start),
                    });
                    continue;
                }
                (Err(_), Some((global, Ordinary::Var(index))))
                    if *global != name && !self.ordinary.contains_key(&name) =>
                {
                    self.global_under_macro_name(&name, &entry, *index);
                    continue;
                }
                _ => {}
            }
            match result {
                Ok(value) => {
                    let i = self.module.consts.len();
                    let enumerator = match named {
                        Some((e, Ordinary::EnumConst)) => Some(e),
                        _ => None,
                    };
                    self.module.consts.push(Const {
                        name,
                        value,
                        spelled_as_object: false,
                        declared_kind: None,
                        sized_by: None,
                        enumerator,
                        span: entry.span.clone(),
                        name_span: entry.name_span,
                        doc: self.doc_before(entry.span.start),
                    });
                    self.module.items.push(Item::Const(i));
                }
                Err(e) if self.opts.lenient => self.module.skipped.push(crate::model::Skipped {
                    name,
                    reason: e.to_string(),
                    span: entry.span,
                }),
                Err(_) if self.defines.reported.contains(&name) => {}
                Err(e) => self.errors.push(e),
            }
        }
    }
}
