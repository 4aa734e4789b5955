//! The parser: tokens to the [`Module`] model, with every error located and the rest kept.
//!
//! One declaration at a time; a declaration that fails is reported and skipped up to its `;`,
//! so one bad line is one error. Function bodies are skipped, their prototypes kept.

mod attributes;
mod base_type;
mod builtin_types;
mod compiler_known;
mod cursor;
mod declaration;
mod declarator;
mod define;
mod depth;
mod enums;
mod expr;
mod forward;
mod linkage;
mod macros;
mod neutral_attributes;
mod object_consts;
mod record;
mod recovery;
mod register;
mod saved;
mod specs;

pub(crate) use saved::Saved;

/// Maps and sets of the parser: keyed by names from the input, hashed with a seeded hash
/// (hostile input cannot pick colliding names) that is faster than the standard library's.
pub(super) type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub(super) type Set<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

use crate::Options;
use crate::error::{Error, ErrorKind, Span};
use crate::lexer::{Lexed, PackAction};
use crate::model::{EnumId, IntKind, Module, RecordId, Type, TypedefId};
use crate::token::{Kw, Punct, Tok, Token};

pub(crate) type PResult<T> = Result<T, Error>;

/// What a tag names.
#[derive(Clone, Copy, Debug)]
enum Tag {
    Record(RecordId),
    Enum(EnumId),
}

/// What an ordinary identifier names, for finding conflicting redeclarations.
#[derive(Clone, Copy, Debug)]
enum Ordinary {
    Function(usize),
    Var(usize),
    EnumConst,
    /// `static const int FOO = 1;` in declarations: [`object_consts`].
    Const,
}

pub(crate) struct Parser<'a> {
    src: &'a str,
    lexed: &'a Lexed,
    /// The stream being parsed: the main tokens, or a `#define` body.
    /// The tokens being read: the declarations, or a `#define` body, macros expanded.
    toks: std::borrow::Cow<'a, [Token]>,
    pos: usize,
    opts: &'a Options,
    pub module: Module,
    pub errors: Vec<Error>,
    typedefs: Map<String, TypedefId>,
    tags: Map<String, Tag>,
    ordinary: Map<String, (Ordinary, Span)>,
    enum_consts: Map<String, (i128, IntKind)>,
    /// Enumerators whose value only the C compiler knows (`B = ...`, and those after it).
    compiler_enum_consts: Set<String>,
    defines: define::Defines,
    pack: Option<u64>,
    pack_stack: Vec<Option<u64>>,
    next_pragma: usize,
    /// Nesting of parameter lists being read.
    param_depth: u32,
    /// Nesting of recursive constructs (declarators, expressions, struct bodies).
    depth: u32,
    expr_depth: u32,
    expr_nodes: u32,
    /// How deep each typedef's and record's type is, so no type nests beyond [`MAX_DEPTH`].
    typedef_depth: Vec<u32>,
    record_depth: Map<RecordId, u32>,
    /// Members of a struct type not yet defined where they were declared.
    forward_members: Vec<forward::ForwardMember>,
    /// The `extern "Python"` linkage of the declarations being read.
    linkage: Option<crate::model::ExternPython>,
    /// Names a failed `typedef` would have declared: a use of one is a consequence of the
    /// error already reported, not another error (a chain of typedefs gives one error).
    failed_typedefs: Set<String>,
    /// Every spelling the text writes, with a token of it: what a `##` paste stands for.
    written: std::cell::OnceCell<Map<&'a str, Token>>,
}

/// How deeply declarations may nest. Real C stays far below it; the bound keeps every
/// recursive walk of a type or expression (parse, layout, evaluation, drop) off the stack's
/// limit, whatever the input.
pub(crate) const MAX_DEPTH: u32 = 200;

impl<'a> Parser<'a> {
    pub fn new(src: &'a str, lexed: &'a Lexed, opts: &'a Options) -> Parser<'a> {
        let mut saved = Saved::new(opts);
        saved.add_macros(src, lexed, 0);
        Parser::resume(src, lexed, opts, Module::new(opts.target.clone()), saved, 0)
    }

    pub fn parse(mut self) -> (Module, Vec<Error>) {
        self.declarations_before(usize::MAX);
        (self.module, self.errors)
    }

    /// The declarations before byte `at`, then the rest of the text as one type name (as in a
    /// cast): the type, if the rest is exactly one.
    pub fn parse_then_type_name(mut self, at: usize) -> (Module, Vec<Error>, Option<Type>) {
        self.declarations_before(at);
        let ty = match self.type_name() {
            Ok(ty) if self.peek().kind == Tok::Eof => Some(ty),
            Ok(_) => {
                let e = self.unexpected("the end of the type name");
                self.report(e);
                None
            }
            Err(e) => {
                self.report(e);
                None
            }
        };
        (self.module, self.errors, ty)
    }

    fn declarations_before(&mut self, at: usize) {
        while self.peek().kind != Tok::Eof && (self.peek().start as usize) < at {
            self.apply_pragmas();
            let start = self.pos;
            let listed = self.module.skipped.len();
            if let Err(e) = self.external_declaration() {
                self.report(e);
                self.recover(start);
                self.remember_failed_typedef(start);
                self.name_left_out(start, listed);
            }
        }
        self.finish_defines();
        self.check_forward_members();
    }

    // ----- tokens -----

    fn apply_pragmas(&mut self) {
        while let Some(&(at, action)) = self.lexed.pragmas.get(self.next_pragma) {
            if at > self.pos {
                break;
            }
            self.next_pragma += 1;
            match action {
                PackAction::Set(n) => self.pack = n,
                PackAction::Push(n) => {
                    self.pack_stack.push(self.pack);
                    if n.is_some() {
                        self.pack = n;
                    }
                }
                PackAction::Pop => self.pack = self.pack_stack.pop().flatten(),
            }
        }
    }

    /// The doc comments right before byte `start`, with only whitespace between.
    fn doc_before(&self, start: usize) -> Option<String> {
        let docs = &self.lexed.docs;
        let mut i = docs.partition_point(|d| d.span.end <= start);
        let mut end = start;
        let mut parts = Vec::new();
        while i > 0 {
            let d = &docs[i - 1];
            if !self
                .src
                .get(d.span.end..end)
                .is_some_and(|s| s.trim().is_empty())
            {
                break;
            }
            parts.push(d.text.as_str());
            end = d.span.start;
            i -= 1;
        }
        if parts.is_empty() {
            return None;
        }
        parts.reverse();
        Some(parts.join("\n"))
    }

    fn external_declaration(&mut self) -> PResult<()> {
        let t = self.peek();
        match t.kind {
            Tok::P(Punct::Semi) => {
                self.bump();
                return Ok(());
            }
            Tok::Kw(Kw::Extension) => {
                self.bump();
                return Ok(());
            }
            Tok::Kw(Kw::StaticAssert) => return self.skip_static_assert(),
            Tok::Kw(k) if k.canonical() == Kw::Asm => {
                self.bump();
                if self.is_punct(Punct::LParen) {
                    self.skip_balanced()?;
                }
                self.eat_punct(Punct::Semi);
                return Ok(());
            }
            Tok::Ident => self.reject_cpp()?,
            Tok::Kw(Kw::Extern) if self.peek_at(1).kind == Tok::Str => {
                return self.linkage_declarations();
            }
            _ => {}
        }
        let doc = self.doc_before(t.start as usize);
        let specs = self.decl_specifiers(specs::Context::Declaration)?;
        if self.eat_punct(Punct::Semi) {
            if specs.declares_tag {
                return Ok(());
            }
            return Err(Error::new(
                ErrorKind::InvalidDeclaration,
                self.span_from(t.start),
                "declaration does not declare anything",
            )
            .with_hint("give it a name"));
        }
        let base = self.base_type(&specs)?;
        let mut first = true;
        loop {
            let d = self.declarator(declarator::Naming::Required)?;
            let mut attrs = d.attrs.clone();
            self.attributes_into(&mut attrs)?;
            let asm_name = self.asm_label()?;
            self.attributes_into(&mut attrs)?;
            let Some((name, name_span)) = d.name.clone() else {
                return Err(self.unexpected("a name"));
            };
            let ty = self.apply_type_attributes(base.clone(), &specs.attrs, &attrs)?;
            let stdcall = specs.attrs.stdcall.as_ref().or(attrs.stdcall.as_ref());
            let ty = declarator::apply_with_convention(ty, &d.ops, stdcall)?;
            let span = self.span_from(t.start);
            match specs.storage {
                _ if self.linkage.is_some()
                    && !matches!(
                        self.module.resolve(&ty).kind,
                        crate::model::TypeKind::Function(_)
                    ) =>
                {
                    return Err(self.not_a_function_in_linkage(&name, name_span));
                }
                Some(specs::Storage::Typedef) => {
                    let aligned = attrs.aligned.or(specs.attrs.aligned);
                    self.add_typedef(name, ty, aligned, span, name_span, doc.clone())?;
                }
                storage => {
                    let one = declaration::One {
                        name,
                        name_span,
                        ty,
                        asm_name,
                        start: t.start,
                        doc: doc.clone(),
                    };
                    if self.declare(one, storage, specs.inline, first)? {
                        return Ok(());
                    }
                }
            }
            first = false;
            if self.eat_punct(Punct::Comma) {
                continue;
            }
            self.expect_punct(Punct::Semi, "after a declaration")?;
            return Ok(());
        }
    }

    /// A C keyword where a name belongs.
    fn keyword_as_name(&self, t: Token) -> Error {
        Error::new(
            ErrorKind::KeywordAsName,
            t.span(),
            format!(
                "`{}` is a C keyword and cannot be used as a name",
                self.text(t)
            ),
        )
        .with_hint(format!("rename it, e.g. `{}_`", self.text(t)))
    }

    /// Rejects C++ keywords at the start of a declaration.
    fn reject_cpp(&self) -> PResult<()> {
        let t = self.peek();
        let word = self.text(t);
        let hint = match word {
            "class" => "declare a C `struct` instead",
            "namespace" | "using" => "C has no namespaces; declare the names at top level",
            "template" => "C has no templates; declare each instantiation with its own name",
            "public" | "private" | "protected" => "C structs have no access specifiers",
            _ if self.peek_at(1).kind == Tok::P(Punct::ColonColon) => {
                "C has no scope operator; use the plain C name"
            }
            _ => return Ok(()),
        };
        let what = if self.peek_at(1).kind == Tok::P(Punct::ColonColon) {
            "`::`".to_string()
        } else {
            format!("`{word}`")
        };
        Err(Error::new(
            ErrorKind::CppConstruct,
            t.span(),
            format!("{what} is C++, not C"),
        )
        .with_hint(hint))
    }

    fn skip_static_assert(&mut self) -> PResult<()> {
        self.bump();
        if self.is_punct(Punct::LParen) {
            self.skip_balanced()?;
        }
        self.expect_punct(Punct::Semi, "after `_Static_assert(...)`")?;
        Ok(())
    }

    fn skip_initializer(&mut self) -> PResult<()> {
        loop {
            match self.peek().kind {
                Tok::P(Punct::Comma | Punct::Semi) | Tok::Eof => return Ok(()),
                Tok::P(Punct::LParen | Punct::LBracket | Punct::LBrace) => self.skip_balanced()?,
                _ => {
                    self.bump();
                }
            }
        }
    }

    /// `__asm__("name")` after a declarator: the symbol the linker sees.
    fn asm_label(&mut self) -> PResult<Option<String>> {
        if !self.is_kw(Kw::Asm) {
            return Ok(None);
        }
        self.bump();
        self.expect_punct(Punct::LParen, "after `__asm__`")?;
        let mut name = String::new();
        while self.peek().kind == Tok::Str {
            let t = self.bump();
            let text = self.text(t);
            name.push_str(text.get(1..text.len().saturating_sub(1)).unwrap_or(""));
        }
        self.expect_punct(Punct::RParen, "to close `__asm__(`")?;
        Ok(Some(name))
    }
}

fn punct_text(p: Punct) -> &'static str {
    use Punct::*;
    match p {
        LParen => "(",
        RParen => ")",
        LBracket => "[",
        RBracket => "]",
        LBrace => "{",
        RBrace => "}",
        Semi => ";",
        Comma => ",",
        Colon => ":",
        ColonColon => "::",
        Question => "?",
        Dot => ".",
        Ellipsis => "...",
        Arrow => "->",
        Star => "*",
        Amp => "&",
        Plus => "+",
        Minus => "-",
        Tilde => "~",
        Bang => "!",
        Slash => "/",
        Percent => "%",
        Shl => "<<",
        Shr => ">>",
        Lt => "<",
        Gt => ">",
        Le => "<=",
        Ge => ">=",
        EqEq => "==",
        Ne => "!=",
        Caret => "^",
        Pipe => "|",
        AndAnd => "&&",
        OrOr => "||",
        Eq => "=",
        OtherOp => "operator",
        Hash => "#",
        HashHash => "##",
    }
}
