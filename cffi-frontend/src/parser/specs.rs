//! Declaration specifiers (`static const unsigned long`, `struct s`, a typedef name) and the
//! GNU attributes that may stand among them.

use super::builtin_types::{BUILTIN_NAMES, builtin_type};
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind, Span, closest};

use super::attributes::Attrs;
use crate::model::{FloatKind, Quals, TypeKind, UnknownKind};
use crate::token::{Kw, Punct, Tok, Token};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Context {
    Declaration,
    Member,
    Param,
    TypeName,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Storage {
    Typedef,
    Extern,
    Static,
    Other,
}

/// How many times each built-in type keyword was written.
#[derive(Clone, Debug, Default)]
pub(super) struct Counts {
    pub(super) void: u8,
    pub(super) char: u8,
    pub(super) short: u8,
    pub(super) int: u8,
    pub(super) long: u8,
    pub(super) signed: u8,
    pub(super) unsigned: u8,
    pub(super) float: u8,
    pub(super) double: u8,
    pub(super) bool: u8,
    pub(super) complex: u8,
    pub(super) int128: u8,
    pub(super) float128: u8,
    /// `_Float16`, `__fp16` and `__bf16`, each its own type.
    pub(super) half: u8,
    pub(super) fp16: u8,
    pub(super) bf16: u8,
    /// `_Float32`, `_Float64`, `_Float32x` or `_Float64x`: counted as `float`, `double` or
    /// `long double`, and spelled as written.
    pub(super) float_n: Option<FloatKind>,
    pub(super) va_list: u8,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Specs {
    pub storage: Option<Storage>,
    pub inline: bool,
    pub quals: Quals,
    pub(super) counts: Counts,
    /// The builtin type keywords as written, for error messages.
    pub(super) words: Vec<Token>,
    pub(super) named: Option<TypeKind>,
    pub(super) unknown: Option<UnknownKind>,
    pub attrs: Attrs,
    /// A struct, union or enum tag was declared or defined.
    pub declares_tag: bool,
    /// A struct or union with no tag was defined here (an anonymous member, in a struct).
    pub anonymous_record: bool,
    pub span: Span,
}

impl Specs {
    pub(super) fn has_type(&self) -> bool {
        self.named.is_some() || !self.words.is_empty() || self.unknown.is_some()
    }

    /// No type written yet (`typedef ... t`).
    pub(super) fn is_untyped(&self) -> bool {
        self.words.is_empty() && self.named.is_none()
    }

    /// The number the keywords say before `...` (`typedef unsigned long... t`).
    pub(super) fn number_kind(&self) -> Option<UnknownKind> {
        let c = &self.counts;
        if self.named.is_some() {
            None
        } else if c.float + c.double > 0 {
            Some(UnknownKind::Float)
        } else if c.int + c.char + c.short + c.long + c.signed + c.unsigned > 0 {
            Some(UnknownKind::Int)
        } else {
            None
        }
    }

    /// The type is `kind`, whatever keywords were read.
    pub(super) fn set_unknown(&mut self, kind: UnknownKind) {
        self.unknown = Some(kind);
        self.words.clear();
        self.counts = Counts::default();
    }

    pub(super) fn set_named(&mut self, kind: TypeKind) {
        self.named = Some(kind);
    }
}

fn is_type_keyword(k: Kw) -> bool {
    matches!(
        k.canonical(),
        Kw::Void
            | Kw::Char
            | Kw::Short
            | Kw::Int
            | Kw::Long
            | Kw::Signed
            | Kw::Unsigned
            | Kw::Float
            | Kw::Double
            | Kw::Bool
            | Kw::Complex
            | Kw::Int128
            | Kw::UInt128b
            | Kw::Float128
            | Kw::Float64
            | Kw::Float32
            | Kw::Float64x
            | Kw::Float32x
            | Kw::Float16
            | Kw::Float128x
            | Kw::Bf16
            | Kw::Fp16
            | Kw::VaList
    )
}

impl<'a> Parser<'a> {
    /// A standard type name used without a declaration. A preprocessed header (before
    /// [`Options::header_end`](crate::Options::header_end)) declares every type it uses, so
    /// there only its own declarations count: a name it never declares (`ssize_t` without
    /// `<sys/types.h>`) is unknown to the C compiler too.
    fn builtin(&self, name: &str) -> Option<TypeKind> {
        if (self.peek().start as usize) < self.opts.header_end {
            return None;
        }
        builtin_type(name, &self.module.target)
    }

    pub(super) fn is_type_name(&self, name: &str) -> bool {
        self.typedefs.contains_key(name) || self.builtin(name).is_some()
    }

    /// Whether `t` can start a type name (for casts, `sizeof` and parameter lists).
    pub(super) fn starts_type(&self, t: Token) -> bool {
        match t.kind {
            Tok::Kw(k) => {
                is_type_keyword(k)
                    || matches!(
                        k.canonical(),
                        Kw::Struct
                            | Kw::Union
                            | Kw::Enum
                            | Kw::Const
                            | Kw::Volatile
                            | Kw::Restrict
                            | Kw::Attribute
                            | Kw::Atomic
                            | Kw::Register
                            | Kw::Extension
                            | Kw::Typeof
                    )
            }
            Tok::Ident => self.is_type_name(self.text(t)),
            _ => false,
        }
    }

    pub(super) fn decl_specifiers(&mut self, ctx: Context) -> PResult<Specs> {
        let start = self.peek().start as usize;
        let mut s = Specs::default();
        loop {
            let t = self.peek();
            let more = match t.kind {
                Tok::Kw(k) => self.keyword_specifier(ctx, t, k, &mut s)?,
                // Clang's nullability of a pointer typedef (`dispatch_queue_t _Nullable q`),
                // as after a `*`: a promise about the value, not a change of type.
                Tok::Ident if is_nullability(self.text(t)) => {
                    self.bump();
                    true
                }
                Tok::Ident => self.named_specifier(ctx, t, &mut s)?,
                Tok::P(Punct::Ellipsis)
                    if s.storage == Some(Storage::Typedef)
                        && matches!(self.peek_at(1).kind, Tok::Ident | Tok::P(Punct::Star)) =>
                {
                    self.unknown_typedef(&mut s, t)?;
                    true
                }
                _ => false,
            };
            if !more {
                break;
            }
        }
        s.span = start..self.span_from(start as u32).end;
        Ok(s)
    }

    /// One keyword among the specifiers, read into `s`; `false` when it ends them.
    fn keyword_specifier(&mut self, ctx: Context, t: Token, k: Kw, s: &mut Specs) -> PResult<bool> {
        match k.canonical() {
            Kw::Typedef
            | Kw::Extern
            | Kw::Static
            | Kw::Auto
            | Kw::Register
            | Kw::ThreadLocal
            | Kw::Thread => self.storage_class(ctx, t, k, s)?,
            Kw::Inline | Kw::Noreturn => {
                s.inline |= k.canonical() == Kw::Inline;
                self.bump();
            }
            Kw::Const => {
                s.quals.is_const = true;
                self.bump();
            }
            Kw::Volatile => {
                s.quals.is_volatile = true;
                self.bump();
            }
            Kw::Restrict => {
                s.quals.is_restrict = true;
                self.bump();
            }
            Kw::Atomic => {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    t.span(),
                    "`_Atomic` types are not supported",
                )
                .with_hint("declare the plain type, and use Rust's atomics on it"));
            }
            Kw::Typeof => {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    t.span(),
                    "`typeof` is not supported",
                )
                .with_hint("write the type out"));
            }
            Kw::Attribute | Kw::Declspec => self.attributes_into(&mut s.attrs)?,
            k if k.is_calling_convention() => self.calling_convention(&mut s.attrs)?,
            Kw::Extension => {
                self.bump();
            }
            Kw::Alignas => self.alignas(t, s)?,
            Kw::Struct | Kw::Union | Kw::Enum => self.tag_specifier(t, k, s)?,
            _ if is_type_keyword(k) => self.type_keyword(t, k, s)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// `typedef`, `extern`, `static`, ...: once, and where the context allows it.
    fn storage_class(&mut self, ctx: Context, t: Token, k: Kw, s: &mut Specs) -> PResult<()> {
        let storage = match k.canonical() {
            Kw::Typedef => Storage::Typedef,
            Kw::Extern => Storage::Extern,
            Kw::Static => Storage::Static,
            _ => Storage::Other,
        };
        let allowed = match ctx {
            Context::Declaration => true,
            Context::Param => k.canonical() == Kw::Register,
            _ => false,
        };
        if !allowed {
            return Err(Error::new(
                ErrorKind::InvalidSpecifiers,
                t.span(),
                format!("`{}` is not allowed here", self.text(t)),
            )
            .with_hint("remove it"));
        }
        if s.storage.is_some() && k.canonical() != Kw::Register {
            return Err(Error::new(
                ErrorKind::InvalidSpecifiers,
                t.span(),
                format!("more than one storage class: `{}`", self.text(t)),
            ));
        }
        s.storage = Some(storage);
        self.bump();
        Ok(())
    }

    /// `_Alignas(N)` or `_Alignas(type)`.
    fn alignas(&mut self, t: Token, s: &mut Specs) -> PResult<()> {
        self.bump();
        self.expect_punct(Punct::LParen, "after `_Alignas`")?;
        let align = if self.starts_type(self.peek()) {
            let ty = self.type_name()?;
            crate::layout::type_align(&self.module, &ty).map_err(|e| e.at(t.span()))?
        } else {
            self.align_value(t.span())?
        };
        self.expect_punct(Punct::RParen, "to close `_Alignas(`")?;
        s.attrs.aligned = Some(s.attrs.aligned.unwrap_or(0).max(align));
        Ok(())
    }

    /// `struct ...`, `union ...` or `enum ...`, with its body if it has one.
    fn tag_specifier(&mut self, t: Token, k: Kw, s: &mut Specs) -> PResult<()> {
        if s.has_type() {
            return Err(self.two_types(t));
        }
        let (kind, anonymous) = if k == Kw::Enum {
            (TypeKind::Enum(self.enum_specifier()?), false)
        } else {
            let (id, defined) = self.record_specifier()?;
            (
                TypeKind::Record(id),
                defined && self.module.record(id).tag.is_none(),
            )
        };
        s.declares_tag = true;
        s.anonymous_record = anonymous;
        s.named = Some(kind);
        Ok(())
    }

    /// A word of a built-in type (`unsigned`, `long`, `double`, ...), counted.
    fn type_keyword(&mut self, t: Token, k: Kw, s: &mut Specs) -> PResult<()> {
        if s.named.is_some() || s.unknown.is_some() {
            return Err(self.two_types(t));
        }
        let c = &mut s.counts;
        let slot = match k.canonical() {
            Kw::Void => &mut c.void,
            Kw::Char => &mut c.char,
            Kw::Short => &mut c.short,
            Kw::Int => &mut c.int,
            Kw::Long => &mut c.long,
            Kw::Signed => &mut c.signed,
            Kw::Unsigned => &mut c.unsigned,
            Kw::Float => &mut c.float,
            Kw::Double => &mut c.double,
            Kw::Float32 => {
                c.float_n = Some(FloatKind::Float32);
                &mut c.float
            }
            Kw::Float64 => {
                c.float_n = Some(FloatKind::Float64);
                &mut c.double
            }
            Kw::Float32x => {
                c.float_n = Some(FloatKind::Float32x);
                &mut c.double
            }
            Kw::Float64x => {
                c.float_n = Some(FloatKind::Float64x);
                c.long += 1;
                &mut c.double
            }
            Kw::Bool => &mut c.bool,
            Kw::Complex => &mut c.complex,
            Kw::Int128 => &mut c.int128,
            Kw::UInt128b => {
                c.unsigned += 1;
                &mut c.int128
            }
            Kw::Float128 | Kw::Float128x => &mut c.float128,
            Kw::VaList => &mut c.va_list,
            Kw::Fp16 => &mut c.fp16,
            Kw::Bf16 => &mut c.bf16,
            _ => &mut c.half,
        };
        *slot += 1;
        s.words.push(t);
        self.bump();
        Ok(())
    }

    /// A name among the specifiers: a typedef or standard type name, or the declared name
    /// that ends them; `false` when it ends them.
    fn named_specifier(&mut self, ctx: Context, t: Token, s: &mut Specs) -> PResult<bool> {
        if s.has_type() {
            return Ok(false);
        }
        let name = self.text(t);
        if let Some(&id) = self.typedefs.get(name) {
            s.named = Some(TypeKind::Typedef(id));
            self.bump();
            return Ok(true);
        }
        if let Some(kind) = self.builtin(name) {
            s.named = Some(kind);
            self.bump();
            return Ok(true);
        }
        let next = self.peek_at(1).kind;
        let looks_like_type = matches!(next, Tok::Ident | Tok::P(Punct::Star))
            || (ctx == Context::Param
                && matches!(next, Tok::P(Punct::Comma | Punct::RParen))
                && self.suggest_type(name).is_some());
        if looks_like_type {
            return Err(self.unknown_type(t));
        }
        Ok(false)
    }

    fn two_types(&self, t: Token) -> Error {
        Error::new(
            ErrorKind::InvalidSpecifiers,
            t.span(),
            format!(
                "two types in one declaration: `{}` after another type",
                self.text(t)
            ),
        )
        .with_hint("a declaration names one type; check for a missing `;` or `,`")
    }

    pub(super) fn suggest_type(&self, name: &str) -> Option<&str> {
        let names = self
            .typedefs
            .keys()
            .map(String::as_str)
            .chain(BUILTIN_NAMES.iter().copied());
        closest(name, names)
    }

    pub(super) fn unknown_type(&self, t: Token) -> Error {
        let name = self.text(t);
        let e = Error::new(
            ErrorKind::UnknownType,
            t.span(),
            format!("unknown type name `{name}`"),
        );
        match self.suggest_type(name) {
            Some(s) => e.with_hint(format!("did you mean `{s}`?")),
            None => e.with_hint(format!(
                "declare it first, e.g. `typedef struct {name} {name};` for an opaque type"
            )),
        }
    }
}

/// Clang's nullability qualifiers, which say whether a pointer may be null and change
/// neither its type nor how it is passed.
pub(super) fn is_nullability(word: &str) -> bool {
    matches!(
        word,
        "_Nullable" | "_Nonnull" | "_Null_unspecified" | "_Nullable_result"
    )
}
