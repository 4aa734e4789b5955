//! Declarations read in parts, each in the scope of the parts before: what run-time mode's
//! `cdef` does call after call. The lexer's output and the parser's knowledge (names, tags,
//! macros, `#pragma pack`) are kept between parts, so a part costs in proportion to its own
//! text, not to everything declared before it.

use std::sync::Arc;

use crate::Options;
use crate::error::{Error, ErrorKind};
use crate::lexer::{self, Lexed};
use crate::model::{Module, Skipped};
use crate::parser::{Parser, Saved};

/// Declarations read part by part ([`Session::add`]); a part with errors is taken back
/// ([`Session::rollback`]) and the declarations are as before it.
///
/// ```
/// use cffi_frontend::{Options, Session};
///
/// let mut s = Session::new(&Options::default());
/// assert!(s.add("typedef int count_t;\n#define LIMIT 4", &Options::default()).errors.is_empty());
/// s.commit();
/// // The second part uses the first's typedef and macro.
/// let part = s.add("count_t counts[LIMIT];", &Options::default());
/// assert!(part.errors.is_empty());
/// s.commit();
/// assert_eq!(s.module().vars.len(), 1);
/// // A part with an error is taken back whole.
/// assert!(!s.add("count_t ok; undeclared_t bad;", &Options::default()).errors.is_empty());
/// s.rollback(&Options::default());
/// assert_eq!(s.module().vars.len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Session {
    text: String,
    lexed: Lexed,
    saved: Saved,
    module: Arc<Module>,
    /// The length of the text of the parts committed.
    committed: usize,
}

/// What [`Session::add`] found in a part.
#[derive(Debug)]
pub struct Part {
    /// Where the part starts in [`Session::text`] (spans of its errors and declarations are
    /// into the whole text).
    pub start: usize,
    /// Every error in the part, in order.
    pub errors: Vec<Error>,
}

impl Session {
    /// No declarations yet; `opts` gives the target and the `#pragma pack` at the start.
    pub fn new(opts: &Options) -> Session {
        Session {
            text: String::new(),
            lexed: lexer::lex(""),
            saved: Saved::new(opts),
            module: Arc::new(Module::new(opts.target.clone())),
            committed: 0,
        }
    }

    /// The text of every part read, one per line.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The declarations of every part read. Shared: while a clone of it is held elsewhere,
    /// the next [`Session::add`] copies it once.
    pub fn module(&self) -> &Arc<Module> {
        &self.module
    }

    /// Reads `part` after the parts before, in their scope, with `opts` (whose target must be
    /// the one the session started with). The declarations it adds are in [`Session::module`]
    /// at once; [`Session::commit`] keeps them, [`Session::rollback`] takes them back.
    pub fn add(&mut self, part: &str, opts: &Options) -> Part {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(part);
        let (macros, lex_errors) = (self.lexed.macros.len(), self.lexed.errors.len());
        // The first token of the part takes the place of the end of the text before.
        let first = self.lexed.tokens.len().saturating_sub(1);
        lexer::lex_more(&mut self.lexed, &self.text, start);
        let mut saved = std::mem::replace(&mut self.saved, Saved::new(opts));
        saved.add_macros(&self.text, &self.lexed, macros);
        let module = Arc::make_mut(&mut self.module);
        let module = std::mem::replace(module, Module::new(opts.target.clone()));
        let parser = Parser::resume(&self.text, &self.lexed, opts, module, saved, first);
        let (mut module, saved, parse_errors) = parser.parse_part();
        let mut errors = Vec::new();
        for e in &self.lexed.errors[lex_errors..] {
            if opts.lenient && e.kind == ErrorKind::UnsupportedDirective {
                module.skipped.push(Skipped {
                    name: self.text.get(e.span.clone()).unwrap_or("").to_string(),
                    reason: e.to_string(),
                    span: e.span.clone(),
                });
            } else {
                errors.push(e.clone());
            }
        }
        errors.extend(parse_errors);
        errors.sort_by_key(|e| e.span.start);
        *Arc::make_mut(&mut self.module) = module;
        self.saved = saved;
        Part { start, errors }
    }

    /// Keeps every part read so far.
    pub fn commit(&mut self) {
        self.committed = self.text.len();
    }

    /// Takes back the parts read since the last [`Session::commit`]: the committed text is
    /// read again (with `opts`), which costs what reading it the first time did.
    pub fn rollback(&mut self, opts: &Options) {
        let mut text = std::mem::take(&mut self.text);
        text.truncate(self.committed);
        *self = Session::new(opts);
        if !text.is_empty() {
            self.add(&text, opts);
        }
        self.commit();
    }
}
