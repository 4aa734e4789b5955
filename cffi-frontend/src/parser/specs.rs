//! Declaration specifiers (`static const unsigned long`, `struct s`, a typedef name) and the
//! GNU attributes that may stand among them.

use super::builtin_types::{BUILTIN_NAMES, builtin_type};
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind, Span, closest};

use crate::model::{FloatKind, IntKind, Quals, Type, TypeKind, UnknownKind};
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

/// The attributes cffi-rs acts on; those known to change no layout or call (`deprecated`,
/// `nonnull`, ...) are read and dropped, and the rest refused ([`super::attributes`]).
#[derive(Clone, Debug, Default)]
pub(super) struct Attrs {
    pub packed: bool,
    pub aligned: Option<u64>,
    pub mode: Option<(String, Span)>,
    /// `vector_size(N)`: the bytes, and where it was written.
    pub vector: Option<(u64, Span)>,
}

impl Attrs {
    /// Whether any attribute here changes the declared type itself.
    pub fn changes_type(&self) -> bool {
        self.mode.is_some() || self.vector.is_some()
    }
}

#[derive(Clone, Debug, Default)]
struct Counts {
    void: u8,
    char: u8,
    short: u8,
    int: u8,
    long: u8,
    signed: u8,
    unsigned: u8,
    float: u8,
    double: u8,
    bool: u8,
    complex: u8,
    int128: u8,
    float128: u8,
    half: u8,
    va_list: u8,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Specs {
    pub storage: Option<Storage>,
    pub inline: bool,
    pub quals: Quals,
    counts: Counts,
    /// The builtin type keywords as written, for error messages.
    words: Vec<Token>,
    named: Option<TypeKind>,
    unknown: Option<UnknownKind>,
    pub attrs: Attrs,
    /// A struct, union or enum tag was declared or defined.
    pub declares_tag: bool,
    /// A struct or union with no tag was defined here (an anonymous member, in a struct).
    pub anonymous_record: bool,
    pub span: Span,
}

impl Specs {
    fn has_type(&self) -> bool {
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
            match t.kind {
                Tok::Kw(k) => match k.canonical() {
                    Kw::Typedef
                    | Kw::Extern
                    | Kw::Static
                    | Kw::Auto
                    | Kw::Register
                    | Kw::ThreadLocal
                    | Kw::Thread => {
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
                    }
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
                    k if k.is_calling_convention() => self.calling_convention()?,
                    Kw::Extension => {
                        self.bump();
                    }
                    Kw::Alignas => {
                        self.bump();
                        self.expect_punct(Punct::LParen, "after `_Alignas`")?;
                        let align = if self.starts_type(self.peek()) {
                            let ty = self.type_name()?;
                            crate::layout::type_align(&self.module, &ty)
                                .map_err(|e| e.at(t.span()))?
                        } else {
                            self.align_value(t.span())?
                        };
                        self.expect_punct(Punct::RParen, "to close `_Alignas(`")?;
                        s.attrs.aligned = Some(s.attrs.aligned.unwrap_or(0).max(align));
                    }
                    Kw::Struct | Kw::Union | Kw::Enum => {
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
                    }
                    _ if is_type_keyword(k) => {
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
                            Kw::Float | Kw::Float32 => &mut c.float,
                            Kw::Double | Kw::Float64 | Kw::Float32x => &mut c.double,
                            Kw::Float64x => {
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
                            _ => &mut c.half,
                        };
                        *slot += 1;
                        s.words.push(t);
                        self.bump();
                    }
                    _ => break,
                },
                Tok::Ident => {
                    if s.has_type() {
                        break;
                    }
                    let name = self.text(t);
                    if let Some(&id) = self.typedefs.get(name) {
                        s.named = Some(TypeKind::Typedef(id));
                        self.bump();
                        continue;
                    }
                    if let Some(kind) = self.builtin(name) {
                        s.named = Some(kind);
                        self.bump();
                        continue;
                    }
                    let next = self.peek_at(1).kind;
                    let looks_like_type = matches!(next, Tok::Ident | Tok::P(Punct::Star))
                        || (ctx == Context::Param
                            && matches!(next, Tok::P(Punct::Comma | Punct::RParen))
                            && self.suggest_type(name).is_some());
                    if looks_like_type {
                        return Err(self.unknown_type(t));
                    }
                    break;
                }
                Tok::P(Punct::Ellipsis)
                    if s.storage == Some(Storage::Typedef)
                        && matches!(self.peek_at(1).kind, Tok::Ident | Tok::P(Punct::Star)) =>
                {
                    self.unknown_typedef(&mut s, t)?;
                }
                _ => break,
            }
        }
        s.span = start..self.span_from(start as u32).end;
        Ok(s)
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

    /// The type the specifiers name, before any declarator.
    pub(super) fn base_type(&mut self, s: &Specs) -> PResult<Type> {
        if let Some(u) = s.unknown {
            return Ok(Type::new(TypeKind::Unknown(u)).with_quals(s.quals));
        }
        let kind = match (&s.named, s.words.is_empty()) {
            (Some(k), _) => k.clone(),
            (None, false) => self.builtin_kind(s)?,
            (None, true) => {
                let t = self.peek();
                let e = match t.kind {
                    Tok::Ident => Error::new(
                        ErrorKind::UnknownType,
                        t.span(),
                        format!("missing type before `{}`", self.text(t)),
                    )
                    .with_hint(format!("C needs a type here, e.g. `int {}`", self.text(t))),
                    Tok::Kw(_) => Error::new(
                        ErrorKind::KeywordAsName,
                        t.span(),
                        format!("expected a type, found keyword `{}`", self.text(t)),
                    ),
                    _ => self.unexpected("a type"),
                };
                return Err(e);
            }
        };
        Ok(Type::new(kind).with_quals(s.quals))
    }

    fn builtin_kind(&self, s: &Specs) -> PResult<TypeKind> {
        let c = &s.counts;
        let words: Vec<&str> = s.words.iter().map(|t| self.text(*t)).collect();
        let span = s.words.first().map_or(0, |t| t.start as usize)
            ..s.words.last().map_or(0, |t| t.end as usize);
        let invalid = |why: &str| {
            Error::new(
                ErrorKind::InvalidSpecifiers,
                span.clone(),
                format!("invalid type `{}`: {why}", words.join(" ")),
            )
        };
        for (n, w) in [
            (c.void, "void"),
            (c.char, "char"),
            (c.short, "short"),
            (c.int, "int"),
            (c.signed, "signed"),
            (c.unsigned, "unsigned"),
            (c.float, "float"),
            (c.double, "double"),
            (c.bool, "_Bool"),
            (c.complex, "_Complex"),
        ] {
            if n > 1 {
                return Err(invalid(&format!("`{w}` appears twice")));
            }
        }
        if c.long > 2 {
            return Err(invalid("`long long long` is too long"));
        }
        if c.signed + c.unsigned > 1 {
            return Err(invalid("both `signed` and `unsigned`"));
        }
        let sign = c.signed + c.unsigned;
        let unsigned = c.unsigned > 0;
        let int_words = c.char + c.short + c.int + c.long + c.int128;
        let alone = |n: u8| n as usize == s.words.len();
        use IntKind::*;
        let pick = |s: IntKind, u: IntKind| TypeKind::Int(if unsigned { u } else { s });
        Ok(if c.void > 0 {
            if !alone(1) {
                return Err(invalid("`void` takes no other specifier"));
            }
            TypeKind::Void
        } else if c.bool > 0 {
            if !alone(1) {
                return Err(invalid("`_Bool` takes no other specifier"));
            }
            TypeKind::Int(Bool)
        } else if c.va_list > 0 {
            if !alone(1) {
                return Err(invalid("`__builtin_va_list` takes no other specifier"));
            }
            TypeKind::VaList
        } else if c.float + c.double + c.float128 + c.half > 0 {
            if sign > 0
                || c.char + c.short + c.int + c.int128 > 0
                || c.float + c.double + c.float128 + c.half > 1
            {
                return Err(invalid("a floating type takes no integer specifier"));
            }
            let k = if c.float > 0 {
                FloatKind::Float
            } else if c.double > 0 {
                match c.long {
                    0 => FloatKind::Double,
                    1 => FloatKind::LongDouble,
                    _ => return Err(invalid("`long long double` does not exist")),
                }
            } else if c.float128 > 0 {
                FloatKind::Float128
            } else {
                FloatKind::Half
            };
            if k == FloatKind::Float && c.long > 0 {
                return Err(invalid("`long float` does not exist; use `double`"));
            }
            if c.complex > 0 {
                TypeKind::Complex(k)
            } else {
                TypeKind::Float(k)
            }
        } else if c.complex > 0 {
            if int_words + sign > 0 {
                return Err(invalid("complex integers are not supported"));
            }
            TypeKind::Complex(FloatKind::Double)
        } else if c.char > 0 {
            if c.short + c.long + c.int + c.int128 > 0 {
                return Err(invalid("`char` takes no size specifier"));
            }
            TypeKind::Int(match (c.signed, c.unsigned) {
                (1, _) => SChar,
                (_, 1) => UChar,
                _ => Char,
            })
        } else if c.int128 > 0 {
            if c.short + c.long > 0 {
                return Err(invalid("`__int128` takes no size specifier"));
            }
            pick(Int128, UInt128)
        } else if c.short > 0 {
            if c.long > 0 {
                return Err(invalid("both `short` and `long`"));
            }
            pick(Short, UShort)
        } else if c.long == 1 {
            pick(Long, ULong)
        } else if c.long == 2 {
            pick(LongLong, ULongLong)
        } else {
            pick(Int, UInt)
        })
    }

    /// Applies the attributes that change the declared base type: `mode(...)`, which
    /// changes the width of an integer type, then `vector_size(N)`, which makes a vector of
    /// it.
    pub(super) fn apply_type_attributes(
        &self,
        base: Type,
        spec_attrs: &Attrs,
        decl_attrs: &Attrs,
    ) -> PResult<Type> {
        let base = self.apply_int_mode(base, spec_attrs, decl_attrs)?;
        let Some((bytes, span)) = decl_attrs.vector.as_ref().or(spec_attrs.vector.as_ref()) else {
            return Ok(base);
        };
        let elem = match crate::layout::layout_of(&self.module, &base) {
            Ok(l)
                if matches!(
                    self.module.resolve(&base).kind,
                    TypeKind::Int(_) | TypeKind::Float(_)
                ) =>
            {
                l
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidAttribute,
                    span.clone(),
                    "`vector_size` applies to integer and floating types only",
                ));
            }
        };
        if elem.size == 0 || bytes % elem.size != 0 {
            return Err(Error::new(
                ErrorKind::InvalidAttribute,
                span.clone(),
                format!(
                    "`vector_size({bytes})` is not a multiple of the element's size ({})",
                    elem.size
                ),
            ));
        }
        let quals = base.quals;
        let elem = Type {
            quals: Quals::NONE,
            ..base
        };
        Ok(Type::new(TypeKind::Vector(Box::new(elem), *bytes)).with_quals(quals))
    }

    fn apply_int_mode(&self, base: Type, spec_attrs: &Attrs, decl_attrs: &Attrs) -> PResult<Type> {
        let Some((mode, span)) = decl_attrs.mode.as_ref().or(spec_attrs.mode.as_ref()) else {
            return Ok(base);
        };
        let t = &self.module.target;
        let signed = match self.module.resolve(&base).kind {
            TypeKind::Int(k) => k.is_signed(t),
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidAttribute,
                    span.clone(),
                    format!("`mode({mode})` applies to integer types only"),
                ));
            }
        };
        let size = match mode.trim_matches('_') {
            "QI" | "byte" => 1,
            "HI" => 2,
            "SI" => 4,
            "DI" => 8,
            "TI" => 16,
            "word" | "pointer" | "unwind_word" => t.pointer.into(),
            _ => {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    span.clone(),
                    format!("unsupported `mode({mode})`"),
                ));
            }
        };
        let kind = IntKind::of_size(size, signed, t);
        Ok(Type::new(TypeKind::Int(kind)).with_quals(base.quals))
    }
}
