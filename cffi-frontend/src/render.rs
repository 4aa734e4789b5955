//! Types back to C text: for error messages, and for the C that API mode hands the compiler.

use crate::model::{ArrayLen, Module, Quals, Type, TypeKind, UnknownKind};

/// The C spelling of `ty` as an abstract type (`int (*)(char *)`).
pub fn c_type(m: &Module, ty: &Type) -> String {
    c_decl(m, ty, "")
}

/// A C declaration of `name` with type `ty` (`int (*name)(char *)`).
pub fn c_decl(m: &Module, ty: &Type, name: &str) -> String {
    let mut out = declarator(m, ty, name.to_string());
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn quals_prefix(q: Quals) -> String {
    let mut s = String::new();
    if q.is_const {
        s.push_str("const ");
    }
    if q.is_volatile {
        s.push_str("volatile ");
    }
    if q.is_restrict {
        s.push_str("restrict ");
    }
    s
}

fn declarator(m: &Module, ty: &Type, inner: String) -> String {
    match &ty.kind {
        TypeKind::Pointer(target) => {
            let q = quals_prefix(ty.quals);
            let mut inner = format!("*{}{inner}", q);
            if matches!(target.kind, TypeKind::Array(..) | TypeKind::Function(_)) {
                inner = format!("({inner})");
            }
            declarator(m, target, inner)
        }
        TypeKind::Array(elem, len) => {
            let len = match len {
                ArrayLen::Fixed(n) => n.to_string(),
                ArrayLen::Unspecified | ArrayLen::FromCompiler => String::new(),
            };
            declarator(m, elem, format!("{inner}[{len}]"))
        }
        TypeKind::Function(f) => {
            let mut params: Vec<String> = f
                .params
                .iter()
                .map(|p| c_decl(m, &p.ty, p.name.as_deref().unwrap_or("")))
                .collect();
            if f.variadic {
                params.push("...".into());
            }
            if params.is_empty() && !f.unprototyped {
                params.push("void".into());
            }
            // The convention goes inside a pointer's parentheses: `int (__attribute__((stdcall)) *p)(int)`.
            let inner = match (f.stdcall, inner.strip_prefix('(')) {
                (false, _) => inner,
                (true, Some(rest)) => format!("(__attribute__((stdcall)) {rest}"),
                (true, None) => format!("__attribute__((stdcall)) {inner}"),
            };
            declarator(m, &f.ret, format!("{inner}({})", params.join(", ")))
        }
        _ => {
            let base = base_name(m, ty);
            let sep = if inner.is_empty() { "" } else { " " };
            format!("{}{base}{sep}{inner}", quals_prefix(ty.quals))
        }
    }
}

fn base_name(m: &Module, ty: &Type) -> String {
    match &ty.kind {
        TypeKind::Void => "void".into(),
        TypeKind::Int(k) => k.c_name().into(),
        TypeKind::Float(k) => k.c_name().into(),
        TypeKind::Complex(k) => format!("_Complex {}", k.c_name()),
        TypeKind::Record(id) => {
            let r = m.record(*id);
            match &r.tag {
                Some(tag) => format!("{} {tag}", r.kind.keyword()),
                None => format!("{} {{...}}", r.kind.keyword()),
            }
        }
        TypeKind::Enum(id) => match &m.enum_(*id).tag {
            Some(tag) => format!("enum {tag}"),
            None => "enum {...}".into(),
        },
        TypeKind::Typedef(id) => m.typedef(*id).name.clone(),
        TypeKind::VaList => "__builtin_va_list".into(),
        TypeKind::Vector(elem, bytes) => {
            format!("{} __attribute__((vector_size({bytes})))", c_type(m, elem))
        }
        TypeKind::File => "FILE".into(),
        TypeKind::Unknown(UnknownKind::Int) => "int...".into(),
        TypeKind::Unknown(UnknownKind::Float) => "float...".into(),
        TypeKind::Pointer(_) | TypeKind::Array(..) | TypeKind::Function(_) => String::new(),
    }
}

/// `name` in backquotes after the article its spelling takes when read aloud: "an `int`",
/// "an `unsigned char`", "a `union value`", "a `struct point *`".
pub fn with_article(name: &str) -> String {
    let lower = name.trim_start().to_ascii_lowercase();
    let vowel = match lower.chars().next() {
        Some('a' | 'e' | 'i' | 'o') => true,
        // "unsigned" starts with a vowel's sound, "union" and "uint8_t" with a "you".
        Some('u') => lower.starts_with("un") && !lower.starts_with("uni"),
        _ => false,
    };
    format!("{} `{name}`", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod article_tests {
    use super::with_article;

    #[test]
    fn articles_follow_the_sound() {
        assert_eq!(with_article("int"), "an `int`");
        assert_eq!(with_article("entity"), "an `entity`");
        assert_eq!(with_article("unsigned char"), "an `unsigned char`");
        assert_eq!(with_article("union value"), "a `union value`");
        assert_eq!(with_article("uint8_t"), "a `uint8_t`");
        assert_eq!(with_article("struct point *"), "a `struct point *`");
        assert_eq!(with_article("double"), "a `double`");
    }
}
