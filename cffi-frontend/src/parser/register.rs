//! Declarations entered into the module: typedefs, functions, globals and enumerators, each
//! checked against an earlier declaration of the same name.

use super::{Ordinary, PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::model::{Function, IntKind, Item, Type, TypedefId, Var};

impl Parser<'_> {
    pub(super) fn conflict(&self, name: &str, span: Span, first: Span, what: &str) -> Error {
        Error::new(
            ErrorKind::ConflictingDeclaration,
            span,
            format!("`{name}` is declared again {what}"),
        )
        .with_note(first, format!("`{name}` is first declared here"))
        .with_hint("make the declarations agree, or remove one")
    }

    pub(super) fn add_typedef(
        &mut self,
        name: String,
        ty: Type,
        aligned: Option<u64>,
        span: Span,
        name_span: Span,
        doc: Option<String>,
    ) -> PResult<()> {
        if let Some(&id) = self.typedefs.get(&name) {
            let first = self.module.typedef(id);
            if self.module.same_type(&first.ty, &ty) {
                return Ok(());
            }
            return Err(self.conflict(&name, name_span, first.span.clone(), "as a different type"));
        }
        if let Some((_, first)) = self.ordinary.get(&name) {
            return Err(self.conflict(&name, name_span, first.clone(), "as a type"));
        }
        let depth = self.check_depth(&ty, &name_span)?;
        self.typedef_depth.push(depth);
        let aligned = self.fold_alignment_into_record(&ty, aligned);
        let id = TypedefId(self.module.typedefs.len() as u32);
        self.module.typedefs.push(crate::model::Typedef {
            name: name.clone(),
            ty,
            aligned,
            span,
            doc,
        });
        self.module.items.push(Item::Typedef(id));
        self.typedefs.insert(name, id);
        Ok(())
    }

    /// `typedef struct { ... } name __attribute__((aligned(16)));`: the record has no other
    /// name, so when its size is already a multiple of the alignment (so that `sizeof` does
    /// not change), the alignment becomes the record's own and Rust's struct carries it.
    /// Otherwise gcc gives the typedef a size that is not a multiple of its alignment (glibc's
    /// `__pthread_unwind_buf_t`: 104 bytes aligned to 16), which no Rust type has, and the
    /// alignment stays on the typedef. Returns what is left for the typedef.
    fn fold_alignment_into_record(&mut self, ty: &Type, aligned: Option<u64>) -> Option<u64> {
        let (Some(a), crate::model::TypeKind::Record(id)) = (aligned, &ty.kind) else {
            return aligned;
        };
        let named_before = self
            .module
            .typedefs
            .iter()
            .any(|t| t.ty.kind == crate::model::TypeKind::Record(*id));
        let r = &self.module.records[id.0 as usize];
        if r.tag.is_some() || r.fields.is_none() || named_before {
            return aligned;
        }
        let keeps_size =
            crate::layout::record_layout(&self.module, *id).is_ok_and(|l| a > 0 && l.size % a == 0);
        if !keeps_size {
            return aligned;
        }
        let r = &mut self.module.records[id.0 as usize];
        r.aligned = Some(r.aligned.unwrap_or(1).max(a));
        None
    }

    /// Whether a declaration is among the module's own, after an imported header's or a used
    /// module's: repeating one of those, it takes its place.
    fn written_by_the_module(&self, span: &Span) -> bool {
        self.opts.own_start > 0 && span.start >= self.opts.own_start
    }

    pub(super) fn add_function(&mut self, f: Function) -> PResult<()> {
        if let Some(&(kind, ref first)) = self.ordinary.get(&f.name) {
            if let Ordinary::Function(i) = kind {
                let prev = &self.module.functions[i];
                let same = self.module.same_type(
                    &Type::new(crate::model::TypeKind::Function(Box::new(prev.ty.clone()))),
                    &Type::new(crate::model::TypeKind::Function(Box::new(f.ty.clone()))),
                );
                if same || prev.ty.unprototyped || f.ty.unprototyped {
                    let after_header = self.written_by_the_module(&f.span);
                    let prev = &mut self.module.functions[i];
                    prev.defined |= f.defined;
                    prev.declared_again_at.push(f.span.start);
                    if prev.ty.unprototyped {
                        prev.ty = f.ty.clone();
                    }
                    // A module's own declaration of what its header declares too is the one
                    // the module binds, in its own spelling of the types (and the one its
                    // errors point at).
                    if after_header {
                        if !f.ty.unprototyped {
                            prev.ty = f.ty.clone();
                        }
                        prev.span = f.span;
                        prev.name_span = f.name_span;
                        prev.asm_name = f.asm_name.or(prev.asm_name.take());
                        prev.doc = f.doc.or(prev.doc.take());
                    }
                    return Ok(());
                }
                return Err(self.conflict(
                    &f.name,
                    f.name_span.clone(),
                    first.clone(),
                    "with a different type",
                ));
            }
            return Err(self.conflict(
                &f.name,
                f.name_span.clone(),
                first.clone(),
                "as a function",
            ));
        }
        if self.typedefs.contains_key(&f.name) {
            let first = self.module.typedef(self.typedefs[&f.name]).span.clone();
            return Err(self.conflict(&f.name, f.name_span.clone(), first, "as a function"));
        }
        self.check_depth(
            &Type::new(crate::model::TypeKind::Function(Box::new(f.ty.clone()))),
            &f.name_span,
        )?;
        let i = self.module.functions.len();
        self.ordinary
            .insert(f.name.clone(), (Ordinary::Function(i), f.name_span.clone()));
        self.module.functions.push(f);
        self.module.items.push(Item::Function(i));
        Ok(())
    }

    pub(super) fn add_var(&mut self, v: Var) -> PResult<()> {
        if let Some(&(kind, ref first)) = self.ordinary.get(&v.name) {
            if let Ordinary::Var(i) = kind
                && self.module.same_type(&self.module.vars[i].ty, &v.ty)
            {
                if self.written_by_the_module(&v.span) {
                    let prev = &mut self.module.vars[i];
                    prev.ty = v.ty;
                    prev.span = v.span;
                    prev.name_span = v.name_span;
                    prev.doc = v.doc.or(prev.doc.take());
                }
                return Ok(());
            }
            return Err(self.conflict(
                &v.name,
                v.name_span.clone(),
                first.clone(),
                "with a different type",
            ));
        }
        self.check_depth(&v.ty, &v.name_span)?;
        let i = self.module.vars.len();
        self.ordinary
            .insert(v.name.clone(), (Ordinary::Var(i), v.name_span.clone()));
        self.module.vars.push(v);
        self.module.items.push(Item::Var(i));
        Ok(())
    }

    pub(super) fn add_enum_const(
        &mut self,
        name: String,
        value: i128,
        kind: IntKind,
        span: Span,
    ) -> PResult<()> {
        if let Some((_, first)) = self.ordinary.get(&name) {
            return Err(self.conflict(&name, span, first.clone(), "as an enum constant"));
        }
        self.ordinary
            .insert(name.clone(), (Ordinary::EnumConst, span));
        self.enum_consts.insert(name, (value, kind));
        Ok(())
    }
}
