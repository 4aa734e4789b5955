//! Whether a type of one set of declarations is the same C type as a type of another: C's
//! compatibility of types across translation units (C11 6.2.7). A record or enum is named by
//! its index in its own [`Module`], so two modules' indices say nothing of each other: two
//! records are the same type when they have the same tag, kind, attributes and members, in
//! order, of compatible types; two enums, the same tag and enumerators.

use crate::model::{FnType, Module, RecordId, Type, TypeKind};

/// Whether `a` (of `ma`'s declarations) and `b` (of `mb`'s) are the same C type, qualifiers
/// on the outermost level aside.
pub fn compatible(ma: &Module, a: &Type, mb: &Module, b: &Type) -> bool {
    let same_module = std::ptr::eq(ma, mb);
    // The common case, without resolving (and copying) either type: one type of one module.
    if same_module && a.kind == b.kind {
        return true;
    }
    Compat {
        ma,
        mb,
        same_module,
        assumed: Vec::new(),
    }
    .types(a, b, true)
}

struct Compat<'m> {
    ma: &'m Module,
    mb: &'m Module,
    same_module: bool,
    /// Record pairs being compared further up: a record reached again through a pointer
    /// member is taken as equal there, as C's rule does for self-referential structs.
    assumed: Vec<(RecordId, RecordId)>,
}

impl Compat<'_> {
    fn types(&mut self, a: &Type, b: &Type, outer: bool) -> bool {
        let (ra, rb) = (self.ma.resolve(a), self.mb.resolve(b));
        if !outer
            && (ra.quals.is_const != rb.quals.is_const
                || ra.quals.is_volatile != rb.quals.is_volatile)
        {
            return false;
        }
        match (&ra.kind, &rb.kind) {
            (TypeKind::Pointer(x), TypeKind::Pointer(y)) => self.types(x, y, false),
            (TypeKind::Array(x, lx), TypeKind::Array(y, ly)) => lx == ly && self.types(x, y, false),
            (TypeKind::Vector(x, nx), TypeKind::Vector(y, ny)) => {
                nx == ny && self.types(x, y, false)
            }
            (TypeKind::Function(f), TypeKind::Function(g)) => self.functions(f, g),
            (TypeKind::Record(x), TypeKind::Record(y)) => self.records(*x, *y),
            (TypeKind::Enum(x), TypeKind::Enum(y)) => {
                let (e, f) = (self.ma.enum_(*x), self.mb.enum_(*y));
                (self.same_module && x == y)
                    || (e.tag == f.tag
                        && e.packed == f.packed
                        && e.partial == f.partial
                        && e.variants
                            .as_ref()
                            .map(|v| v.iter().map(|v| (&v.name, v.value)).collect::<Vec<_>>())
                            == f.variants
                                .as_ref()
                                .map(|v| v.iter().map(|v| (&v.name, v.value)).collect::<Vec<_>>()))
            }
            (x, y) => x == y,
        }
    }

    fn functions(&mut self, f: &FnType, g: &FnType) -> bool {
        f.variadic == g.variadic
            && f.params.len() == g.params.len()
            && self.types(&f.ret, &g.ret, true)
            && f.params
                .iter()
                .zip(&g.params)
                .all(|(p, q)| self.types(&p.ty, &q.ty, true))
    }

    fn records(&mut self, x: RecordId, y: RecordId) -> bool {
        if (self.same_module && x == y) || self.assumed.contains(&(x, y)) {
            return true;
        }
        let (r, s) = (self.ma.record(x), self.mb.record(y));
        let alike = r.kind == s.kind
            && r.tag == s.tag
            && r.packed == s.packed
            && r.aligned == s.aligned
            && r.max_field_align == s.max_field_align
            && r.partial == s.partial
            && r.left_out_member == s.left_out_member;
        if !alike {
            return false;
        }
        let (Some(fr), Some(fs)) = (&r.fields, &s.fields) else {
            // A record declared without its members is the same type as any of its tag.
            return r.tag.is_some();
        };
        // Members of compatible types can still lie elsewhere (a typedef's alignment, which
        // resolving the typedef drops): the layouts must agree too.
        if fr.len() != fs.len()
            || crate::layout::record_layout(self.ma, x) != crate::layout::record_layout(self.mb, y)
        {
            return false;
        }
        self.assumed.push((x, y));
        let same = fr.iter().zip(fs).all(|(f, g)| {
            f.name == g.name
                && f.bit_width == g.bit_width
                && f.aligned == g.aligned
                && f.packed == g.packed
                && self.types(&f.ty, &g.ty, false)
        });
        self.assumed.pop();
        same
    }
}
