//! Errors of the front end: a byte range, what went wrong, and what to write instead.

use std::fmt;
use std::ops::Range;

/// A byte range in the source text handed to [`crate::parse`].
pub type Span = Range<usize>;

/// What kind of mistake an [`Error`] reports. Tests and tools match on it; users read
/// [`Error::message`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A `/*` comment with no `*/`.
    UnterminatedComment,
    /// A string or character literal with no closing quote on its line.
    UnterminatedLiteral,
    /// A numeric literal C does not accept (`0x`, `12abc`, `1e`).
    InvalidNumber,
    /// An escape sequence or character constant C does not accept.
    InvalidCharacter,
    /// A token where the grammar wants something else (a missing `;`, a stray `)`).
    UnexpectedToken,
    /// A name used as a type that was never declared.
    UnknownType,
    /// A combination of type specifiers C rejects (`long char`, `unsigned float`).
    InvalidSpecifiers,
    /// A construct the front end knows but cannot model (`_Atomic`, `typeof`, a wide string).
    Unsupported,
    /// K&R-style parameter lists (`int f(a, b)`).
    KnrParameters,
    /// C++ syntax (`class`, references, templates, `::`).
    CppConstruct,
    /// A C keyword where a name belongs.
    KeywordAsName,
    /// A second declaration of a name that disagrees with the first.
    ConflictingDeclaration,
    /// A struct, union or enum defined twice.
    Redefinition,
    /// An array size that is not an integer constant expression, or is negative.
    InvalidArraySize,
    /// A bit-field wider than its type, of a non-integer type, or a named zero-width one.
    InvalidBitField,
    /// A constant expression that cannot be evaluated (division by zero, unknown name, ...).
    ConstantEvaluation,
    /// A `#define` whose body is not a constant cffi-rs can bind.
    InvalidDefine,
    /// A preprocessor directive other than `#define`, `#undef`, `#pragma pack` and line markers.
    UnsupportedDirective,
    /// An attribute argument that makes no sense (`aligned(3)`).
    InvalidAttribute,
    /// A use of an incomplete type where its size is needed.
    IncompleteType,
    /// A declaration that does not declare anything useful (`int;`), or a misplaced `...`.
    InvalidDeclaration,
}

/// One mistake in the declarations, located by byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// The bytes of the offending token or construct.
    pub span: Span,
    /// What went wrong, lowercase, naming the construct as written.
    pub message: String,
    /// What to write instead, when the front end can tell.
    pub hint: Option<String>,
    /// A second place that explains the first, such as the earlier declaration of a name.
    pub note: Option<(Span, String)>,
}

impl Error {
    pub fn new(kind: ErrorKind, span: Span, message: impl Into<String>) -> Error {
        Error {
            kind,
            span,
            message: message.into(),
            hint: None,
            note: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_note(mut self, span: Span, note: impl Into<String>) -> Error {
        self.note = Some((span, note.into()));
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.len() / 3).max(1);
    candidates
        .into_iter()
        // The distance is at least the difference in length: skip the hopeless cheaply.
        .filter(|c| c.len().abs_diff(name.len()) <= limit)
        .map(|c| (edit_distance(name, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Edit distance counting a swap of two neighbouring characters as one edit, the commonest
/// typo (`uint23_t`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["uint32_t", "int32_t", "size_t", "double"];
        assert_eq!(closest("uint23_t", names), Some("uint32_t"));
        assert_eq!(closest("doubel", names), Some("double"));
        assert_eq!(closest("sizet", names), Some("size_t"));
        assert_eq!(closest("banana", names), None);
    }
}
