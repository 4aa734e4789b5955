//! One declarator of a declaration with a storage class other than `typedef`: a function
//! (`int f(void);`, or `fn_t f;` through a function typedef), a constant spelled as an object
//! (see [`super::object_consts`]), or a global.

use super::object_consts::Declared;
use super::specs::Storage as Written;
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::model::{Function, Storage, Type, TypeKind, Var};
use crate::token::Punct;

/// What a declarator declares: its name and type, with where the declaration starts.
pub(super) struct One {
    pub name: String,
    pub name_span: Span,
    pub ty: Type,
    /// `__asm__("symbol")`.
    pub asm_name: Option<String>,
    /// The first token of the whole declaration (its specifiers).
    pub start: u32,
    pub doc: Option<String>,
}

impl Parser<'_> {
    /// Declares `one`. Returns whether a function body ended the declaration (C sources).
    pub(super) fn declare(
        &mut self,
        one: One,
        written: Option<Written>,
        inline: bool,
        first: bool,
    ) -> PResult<bool> {
        let storage = if written == Some(Written::Static) {
            Storage::Static
        } else {
            Storage::Extern
        };
        // `fn_t f;` with `typedef int fn_t(void *);` declares a function, as `int f(void *);`
        // does.
        let TypeKind::Function(f) = self.module.resolve(&one.ty).kind else {
            self.declare_object(one, storage)?;
            return Ok(false);
        };
        let has_body = first && self.is_punct(Punct::LBrace);
        if has_body {
            self.skip_balanced()?;
        }
        self.add_function(Function {
            name: one.name,
            ty: *f,
            asm_name: one.asm_name,
            storage,
            inline,
            defined: has_body,
            extern_python: self.linkage,
            span: self.span_from(one.start),
            name_span: one.name_span,
            doc: one.doc,
            declared_again_at: Vec::new(),
        })?;
        Ok(has_body)
    }

    /// A global, or one of cffi's constants spelled as an object.
    fn declare_object(&mut self, one: One, storage: Storage) -> PResult<()> {
        if matches!(self.module.resolve(&one.ty).kind, TypeKind::Void) {
            return Err(Error::new(
                ErrorKind::InvalidDeclaration,
                one.name_span,
                format!("variable `{}` declared void", one.name),
            )
            .with_hint("only functions can return void; use `void *` for an untyped pointer"));
        }
        let span = self.span_from(one.start);
        let constant = self.object_constant(Declared {
            name: &one.name,
            ty: &one.ty,
            storage,
            span: span.clone(),
            name_span: one.name_span.clone(),
            doc: one.doc.clone(),
        })?;
        if constant {
            return Ok(());
        }
        if self.eat_punct(Punct::Eq) {
            self.skip_initializer()?;
        }
        self.add_var(Var {
            name: one.name,
            ty: one.ty,
            asm_name: one.asm_name,
            macro_of: None,
            storage,
            span,
            name_span: one.name_span,
            doc: one.doc,
        })
    }
}
