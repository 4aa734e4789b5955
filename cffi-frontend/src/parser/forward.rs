//! Members of a struct type defined later in the same text.
//!
//! C needs a member's struct to be complete where the member is declared. Python cffi reads a
//! `cdef` whole and lets the definition come later (`struct a { struct b x; }; struct b { int
//! y; };`), and so does cffi-rs: such a member is checked once the text is read. Then the
//! type must be complete, and no struct may contain itself through such members, nor nest
//! deeper than [`MAX_DEPTH`], so the layout engine's recursion stays bounded.

use super::Map;

use super::{MAX_DEPTH, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::model::{Module, RecordId, TypeKind};

/// A member whose struct or union type was incomplete where it was declared.
pub(super) struct ForwardMember {
    /// The record the member is in.
    pub owner: RecordId,
    /// The member's (incomplete) record type.
    pub ty: RecordId,
    pub name: String,
    pub span: Span,
}

impl Parser<'_> {
    /// Checks every forward member now that the whole text is read.
    pub(super) fn check_forward_members(&mut self) {
        let pending = std::mem::take(&mut self.forward_members);
        let mut owners = Vec::new();
        for f in pending {
            if self.module.record(f.ty).fields.is_none() {
                let what = crate::render::c_type(
                    &self.module,
                    &crate::model::Type::new(TypeKind::Record(f.ty)),
                );
                self.report(
                    Error::new(
                        ErrorKind::IncompleteType,
                        f.span,
                        format!("field `{}` has incomplete type `{what}`", f.name),
                    )
                    .with_hint("define the type in these declarations, or use a pointer to it"),
                );
                self.make_opaque(f.owner);
            } else {
                owners.push(f.owner);
            }
        }
        let mut depths = Map::default();
        for owner in owners {
            if let Err(at) = nesting(&self.module, owner, 0, &mut depths) {
                let r = self.module.record(at);
                let what = crate::render::c_type(
                    &self.module,
                    &crate::model::Type::new(TypeKind::Record(at)),
                );
                let e = Error::new(
                    ErrorKind::IncompleteType,
                    r.span.clone(),
                    format!("`{what}` contains itself, or nests deeper than {MAX_DEPTH} levels"),
                )
                .with_hint("hold the inner struct through a pointer");
                self.report(e);
                self.make_opaque(at);
            }
        }
    }

    /// Leaves a record the checks rejected without fields, so nothing lays it out.
    fn make_opaque(&mut self, id: RecordId) {
        self.module.records[id.0 as usize].fields = None;
    }
}

/// How deeply record `id` nests records by value. `Err` names a record that contains itself
/// or nests too deep. `depths` holds finished records, and `None` for those being visited.
fn nesting(
    m: &Module,
    id: RecordId,
    level: u32,
    depths: &mut Map<RecordId, Option<u32>>,
) -> Result<u32, RecordId> {
    match depths.get(&id) {
        Some(Some(d)) => return Ok(*d),
        Some(None) => return Err(id),
        None if level > MAX_DEPTH => return Err(id),
        None => {}
    }
    depths.insert(id, None);
    let mut depth = 0;
    for f in m.record(id).fields.iter().flatten() {
        let mut ty = m.resolve(&f.ty);
        while let TypeKind::Array(elem, _) = &ty.kind {
            ty = m.resolve(elem);
        }
        if let TypeKind::Record(inner) = ty.kind {
            depth = depth.max(1 + nesting(m, inner, level + 1, depths)?);
        }
    }
    depths.insert(id, Some(depth));
    Ok(depth)
}
