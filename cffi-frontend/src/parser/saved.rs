//! The parser's state between parts of the declarations ([`crate::Session`]): what it knows
//! after a part, and a parser that goes on from there.

use super::{Map, Ordinary, Parser, Set, Tag, define};
use crate::Options;
use crate::error::{Error, Span};
use crate::lexer::Lexed;
use crate::model::{IntKind, Module, RecordId, TypedefId};

/// What the parser knows after reading a part of the declarations, for reading the next part
/// in their scope ([`Parser::resume`]): the names declared, the macros, `#pragma pack`.
#[derive(Clone, Debug)]
pub(crate) struct Saved {
    typedefs: Map<String, TypedefId>,
    tags: Map<String, Tag>,
    ordinary: Map<String, (Ordinary, Span)>,
    enum_consts: Map<String, (i128, IntKind)>,
    compiler_enum_consts: Set<String>,
    defines: define::Defines,
    pack: Option<u64>,
    pack_stack: Vec<Option<u64>>,
    next_pragma: usize,
    typedef_depth: Vec<u32>,
    record_depth: Map<RecordId, u32>,
    failed_typedefs: Set<String>,
}

impl Saved {
    /// Nothing read yet.
    pub fn new(opts: &Options) -> Saved {
        Saved {
            typedefs: Map::default(),
            tags: Map::default(),
            ordinary: Map::default(),
            enum_consts: Map::default(),
            compiler_enum_consts: Set::default(),
            defines: define::Defines::default(),
            pack: opts.pack,
            pack_stack: Vec::new(),
            next_pragma: 0,
            typedef_depth: Vec::new(),
            record_depth: Map::default(),
            failed_typedefs: Set::default(),
        }
    }

    /// Takes in the `#define`s and `#undef`s of `lexed.macros[from..]`.
    pub fn add_macros(&mut self, src: &str, lexed: &Lexed, from: usize) {
        self.defines.add(src, lexed, from);
    }
}

impl<'a> Parser<'a> {
    /// A parser that goes on from token `pos` of `lexed`, with `module` and `saved` as an
    /// earlier parser of the text before left them.
    pub fn resume(
        src: &'a str,
        lexed: &'a Lexed,
        opts: &'a Options,
        module: Module,
        saved: Saved,
        pos: usize,
    ) -> Parser<'a> {
        Parser {
            src,
            lexed,
            toks: std::borrow::Cow::Borrowed(&lexed.tokens),
            pos,
            opts,
            module,
            errors: Vec::new(),
            typedefs: saved.typedefs,
            tags: saved.tags,
            ordinary: saved.ordinary,
            enum_consts: saved.enum_consts,
            compiler_enum_consts: saved.compiler_enum_consts,
            defines: saved.defines,
            pack: saved.pack,
            pack_stack: saved.pack_stack,
            next_pragma: saved.next_pragma,
            param_depth: 0,
            depth: 0,
            expr_depth: 0,
            expr_nodes: 0,
            typedef_depth: saved.typedef_depth,
            record_depth: saved.record_depth,
            forward_members: Vec::new(),
            linkage: None,
            failed_typedefs: saved.failed_typedefs,
            written: std::cell::OnceCell::new(),
        }
    }

    /// Reads the declarations to the end of the text: the module, what the parser knows for
    /// a next part, and the errors.
    pub fn parse_part(mut self) -> (Module, Saved, Vec<Error>) {
        self.declarations_before(usize::MAX);
        let saved = Saved {
            typedefs: self.typedefs,
            tags: self.tags,
            ordinary: self.ordinary,
            enum_consts: self.enum_consts,
            compiler_enum_consts: self.compiler_enum_consts,
            defines: self.defines,
            pack: self.pack,
            pack_stack: self.pack_stack,
            next_pragma: self.next_pragma,
            typedef_depth: self.typedef_depth,
            record_depth: self.record_depth,
            failed_typedefs: self.failed_typedefs,
        };
        (self.module, saved, self.errors)
    }
}
