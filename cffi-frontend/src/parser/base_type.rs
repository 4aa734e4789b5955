//! The type the declaration specifiers name, before any declarator: the built-in type the
//! keywords spell (`unsigned long long`), a typedef or tag named, or what only the compiler
//! knows (`typedef int... t;`).

use super::specs::Specs;
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind};
use crate::model::{FloatKind, IntKind, Type, TypeKind};
use crate::token::Tok;

impl Parser<'_> {
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
        } else if c.float + c.double + c.float128 + c.half + c.fp16 + c.bf16 > 0 {
            if sign > 0
                || c.char + c.short + c.int + c.int128 > 0
                || c.float + c.double + c.float128 + c.half + c.fp16 + c.bf16 > 1
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
            } else if c.fp16 > 0 {
                FloatKind::Fp16
            } else if c.bf16 > 0 {
                FloatKind::BFloat16
            } else {
                FloatKind::Half
            };
            if k == FloatKind::Float && c.long > 0 {
                return Err(invalid("`long float` does not exist; use `double`"));
            }
            // `_Float32` and its kin are the standard type they count as, spelled as written;
            // with other words (`long _Float64`) they are no type.
            let k = match c.float_n {
                Some(n) if n.base() == k && c.long == u8::from(k == FloatKind::LongDouble) => n,
                Some(n) => {
                    return Err(invalid(&format!(
                        "`{}` takes no other specifier",
                        n.c_name()
                    )));
                }
                None => k,
            };
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
}
