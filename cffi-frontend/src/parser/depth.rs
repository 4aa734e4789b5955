//! How deep declarations may nest: deeper than [`MAX_DEPTH`] is an error, not a stack
//! overflow, in the parser and in everything that walks its types after it.

use super::{MAX_DEPTH, PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::model::Type;

impl Parser<'_> {
    /// Runs `f` one nesting level deeper, refusing input nested beyond [`MAX_DEPTH`].
    pub(super) fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= MAX_DEPTH {
            return Err(self.too_deep(self.peek().span()));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    pub(super) fn too_deep(&self, span: Span) -> Error {
        Error::new(
            ErrorKind::Unsupported,
            span,
            format!("declaration nests more than {MAX_DEPTH} levels deep"),
        )
        .with_hint("split it with typedefs")
    }

    /// How many levels `ty` nests, counting through typedefs and struct members.
    pub(super) fn type_depth(&self, ty: &Type) -> u32 {
        use crate::model::TypeKind;
        match &ty.kind {
            TypeKind::Pointer(t) | TypeKind::Array(t, _) => 1 + self.type_depth(t),
            TypeKind::Function(f) => {
                1 + std::iter::once(&f.ret)
                    .chain(f.params.iter().map(|p| &p.ty))
                    .map(|t| self.type_depth(t))
                    .max()
                    .unwrap_or(0)
            }
            TypeKind::Typedef(id) => {
                1 + self.typedef_depth.get(id.0 as usize).copied().unwrap_or(0)
            }
            TypeKind::Record(id) => 1 + self.record_depth.get(id).copied().unwrap_or(0),
            _ => 1,
        }
    }

    /// Rejects a declared type nested beyond [`MAX_DEPTH`]; returns its depth.
    pub(super) fn check_depth(&self, ty: &Type, span: &Span) -> PResult<u32> {
        let d = self.type_depth(ty);
        if d > MAX_DEPTH {
            return Err(self.too_deep(span.clone()));
        }
        Ok(d)
    }

    // ----- top level -----
}
