//! Type spellings read without parsing the declarations again, where the spelling's shape
//! allows: a declared name (`z_stream`, `struct point`, `enum color`) or a name no
//! declaration can mean (`int`, `unsigned long`, `double`), followed by `*`s and at most one
//! `[N]` or `[]`. Anything else (function types, qualifiers, parentheses) is left to the
//! front end, which reads it after the declarations.

use cffi_frontend::{
    ArrayLen, EnumId, Module, Options, RecordId, RecordKind, Type, TypeKind, TypedefId,
};

/// The type `spelling` names in `m`, if it has the simple shape.
pub(crate) fn quick(m: &Module, opts: &Options, spelling: &str) -> Option<Type> {
    let (base, suffix) = split_suffix(spelling)?;
    let (base, stars) = strip_stars(base);
    if base.contains(['[', ']', '(', ')']) {
        return None;
    }
    let mut ty = declared(m, base).or_else(|| builtin(m, opts, base))?;
    for _ in 0..stars {
        ty = ty.pointer_to();
    }
    Some(match suffix {
        None => ty,
        Some(len) => Type::new(TypeKind::Array(Box::new(ty), len)),
    })
}

/// `T[N]` or `T[]` at the end: `T` and the length.
fn split_suffix(spelling: &str) -> Option<(&str, Option<ArrayLen>)> {
    let s = spelling.trim();
    let Some(inner) = s.strip_suffix(']') else {
        return Some((s, None));
    };
    let (base, len) = inner.rsplit_once('[')?;
    let len = len.trim();
    let len = match len {
        "" => ArrayLen::Unspecified,
        digits if digits.bytes().all(|b| b.is_ascii_digit()) => {
            ArrayLen::Fixed(digits.parse().ok()?)
        }
        _ => return None,
    };
    Some((base, Some(len)))
}

fn strip_stars(mut s: &str) -> (&str, usize) {
    let mut stars = 0;
    loop {
        s = s.trim_end();
        match s.strip_suffix('*') {
            Some(rest) => {
                s = rest;
                stars += 1;
            }
            None => return (s, stars),
        }
    }
}

/// A typedef name or a tagged record or enum the declarations declare.
fn declared(m: &Module, base: &str) -> Option<Type> {
    let words: Vec<&str> = base.split_whitespace().collect();
    let kind = match words[..] {
        [name] => {
            let i = m.typedefs.iter().position(|t| t.name == name)?;
            TypeKind::Typedef(TypedefId(i as u32))
        }
        [keyword @ ("struct" | "union"), tag] => {
            let wanted = if keyword == "struct" {
                RecordKind::Struct
            } else {
                RecordKind::Union
            };
            let i = m
                .records
                .iter()
                .position(|r| r.tag.as_deref() == Some(tag) && r.kind == wanted)?;
            TypeKind::Record(RecordId(i as u32))
        }
        ["enum", tag] => {
            let i = m.enums.iter().position(|e| e.tag.as_deref() == Some(tag))?;
            TypeKind::Enum(EnumId(i as u32))
        }
        _ => return None,
    };
    Some(Type::new(kind))
}

/// A type of keywords and standard names (`unsigned long`, `size_t`) that the declarations
/// do not redefine, read on its own.
fn builtin(m: &Module, opts: &Options, base: &str) -> Option<Type> {
    let redefined = base.split_whitespace().any(|w| {
        m.typedefs.iter().any(|t| t.name == w) || w == "struct" || w == "union" || w == "enum"
    });
    if redefined {
        return None;
    }
    let (_, ty) = cffi_frontend::parse_type_name("", opts, base).ok()?;
    Some(ty)
}
