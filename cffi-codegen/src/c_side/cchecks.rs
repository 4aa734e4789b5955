//! The C that makes the compiler check an API-mode module's declarations against the C it
//! binds: every field's type and offset, every record's size and alignment, every global's
//! type and qualifiers, every typedef, enum and constant.
//!
//! A type is checked by declaring one name twice, once with the C's type (`__typeof__` of the
//! field or global) and once with the type the Rust side was generated from. When they differ,
//! the compiler reports "conflicting types", naming both, on the `#line` of the declaration
//! in the user's file.

use std::fmt::Write;

use cffi_frontend::render::c_decl;
use cffi_frontend::{ConstValue, IntKind, Module, RecordId, RecordKind, Type, TypeKind};

use crate::c_side::c_messages::check_name;
use crate::rust_model::repr::{Repr, Reprs};

/// Writes checks for one module into `c`; `line_of` gives the `#line` argument for a byte
/// offset of the declarations.
pub struct Checks<'a> {
    pub m: &'a Module,
    pub key: &'a str,
    pub c: &'a mut String,
    pub line_of: &'a dyn Fn(usize) -> String,
    /// Declarations before it are a used module's, checked by that module's C...
    pub from: usize,
    /// ...but for the header's types that start at these offsets, which the module adopted
    /// (the used import leaves them out): they are checked here.
    pub adopted: &'a std::collections::HashSet<usize>,
}

/// Whether global `v` is one of Python cffi's constants of a type other than an integer
/// (`static char *const NAME;`, `static const double PI;`): read by value through C, so the C
/// may define it as a macro (`#define NAME NULL`), which has no address.
pub fn read_by_value(m: &Module, v: &cffi_frontend::Var) -> bool {
    let ty = m.resolve(&v.ty);
    v.storage == cffi_frontend::Storage::Static
        && ty.quals.is_const
        && !matches!(
            ty.kind,
            TypeKind::Array(..) | TypeKind::Record(_) | TypeKind::Function(_)
        )
}

/// Whether the C spelling of a type can be written again (no anonymous record or enum, no
/// type only the compiler knows).
fn spellable(m: &Module, ty: &Type) -> bool {
    let text = cffi_frontend::render::c_type(m, ty);
    !text.contains("{...}") && !text.contains("...")
}

impl<'a> Checks<'a> {
    fn line(&mut self, offset: usize) {
        let line = (self.line_of)(offset);
        let _ = writeln!(self.c, "#line {line}");
    }

    /// A `_Static_assert` on the `#line` of `offset`; `message` says what differs.
    fn assert_at(&mut self, offset: usize, condition: &str, message: &str) {
        self.line(offset);
        let _ = writeln!(
            self.c,
            "_Static_assert({condition}, \"cffi-rs: {message}\");"
        );
    }

    /// `c_side` (an expression) has type `declared`, qualifiers included; on one line. `what`
    /// is the check's kind and what it names ([`check_name`]).
    fn same_type(&mut self, what: (&str, &[&str]), c_side: &str, declared: &Type) {
        self.same_as(what, &format!("__typeof__({c_side})"), declared);
    }

    /// Both `c_type` (a C type expression) and `declared` are the same type.
    fn same_as(&mut self, (kind, parts): (&str, &[&str]), c_type: &str, declared: &Type) {
        let check = check_name(kind, parts, self.key);
        let ours = c_decl(self.m, &declared.clone().pointer_to(), &check);
        let _ = writeln!(self.c, "extern {c_type} *{check}; extern {ours};");
    }

    /// Whether a type declared at a byte offset is this module's to check.
    fn ours(&self) -> impl Fn(usize) -> bool + 'a {
        let (from, adopted) = (self.from, self.adopted);
        move |at| at >= from || adopted.contains(&at)
    }

    pub fn all(&mut self, names: &[Option<String>], reprs: &Reprs) {
        for (i, r) in self.m.records.iter().enumerate() {
            if !self.ours()(r.span.start) {
                continue;
            }
            let id = RecordId(i as u32);
            if let (Some(name), Some(_)) = (&names[i], &r.fields) {
                self.record(id, name, reprs.of(id));
            }
        }
        self.globals();
        self.typedefs();
        self.enums();
        self.constants();
    }

    fn record(&mut self, id: RecordId, name: &str, repr: Repr) {
        let r = self.m.record(id);
        if repr != Repr::Measured
            && let Ok(mut layout) = cffi_frontend::layout::record_layout(self.m, id)
        {
            // Named through a typedef that raises the alignment (and not the size).
            if let Some(a) = self.m.typedef_named(name).and_then(|t| t.aligned) {
                layout.align = layout.align.max(a);
            }
            self.assert_at(
                r.span.start,
                &format!("sizeof({name}) == {}", layout.size),
                &format!("`{name}` has another size in C than declared in Rust"),
            );
            self.assert_at(
                r.span.start,
                &format!("_Alignof({name}) == {}", layout.align),
                &format!("`{name}` has another alignment in C than declared in Rust"),
            );
            if r.kind == RecordKind::Struct
                && let Ok(fields) = cffi_frontend::layout::flat_fields(self.m, id)
            {
                for (field, bits, width) in fields {
                    if width.is_none() {
                        let _ = writeln!(self.c, "#ifndef {field}");
                        self.assert_at(
                            r.span.start,
                            &format!("__builtin_offsetof({name}, {field}) == {}", bits / 8),
                            &format!(
                                "field `{field}` of `{name}` is elsewhere in C than declared in Rust"
                            ),
                        );
                        let _ = writeln!(self.c, "#endif");
                    }
                }
            }
        }
        self.field_types(id, &format!("(({name} *)0)->"), name, 0);
    }

    /// The type of every named field, through anonymous members and members of anonymous
    /// record type. Bit-fields have no type `__typeof__` can name; their place and width are
    /// covered by the size and offset checks around them.
    fn field_types(&mut self, id: RecordId, access: &str, record: &str, depth: usize) {
        let m = self.m;
        for f in m.record(id).fields.iter().flatten() {
            if f.bit_width.is_some() {
                continue;
            }
            let resolved = m.resolve(&f.ty);
            let inner_record = match resolved.kind {
                TypeKind::Record(inner) if m.record(inner).tag.is_none() => Some(inner),
                _ => None,
            };
            let path = match &f.name {
                Some(n) => format!("{access}{n}"),
                None => match inner_record {
                    // C reaches an anonymous member's fields as the record's own.
                    Some(inner) if depth < 64 => {
                        self.field_types(inner, access, record, depth + 1);
                        continue;
                    }
                    _ => continue,
                },
            };
            if let Some(inner) = inner_record {
                if depth < 64 {
                    self.field_types(inner, &format!("{path}."), record, depth + 1);
                }
                continue;
            }
            if !spellable(m, &f.ty) {
                continue;
            }
            let members = path.rsplit("->").next().unwrap_or("");
            let what: (&str, &[&str]) = ("field", &[record, members]);
            // A header may define a member's name as a macro (glibc's `#define si_pid
            // _sifields._kill.si_pid`), which would rewrite the access: such members are
            // checked where the macro is not defined.
            let guard: Vec<String> = members
                .split('.')
                .map(|n| format!("!defined({n})"))
                .collect();
            let _ = writeln!(self.c, "#if {}", guard.join(" && "));
            self.line(f.span.start);
            // Top-level qualifiers do not change the Rust type: a comma expression drops
            // them (arrays would decay, so they are compared as they are).
            if matches!(resolved.kind, TypeKind::Array(..)) {
                self.same_type(what, &path, &f.ty);
            } else {
                let mut unqualified = f.ty.clone();
                unqualified.quals = Default::default();
                self.same_type(what, &format!("(0, {path})"), &unqualified);
            }
            let _ = writeln!(self.c, "#endif");
        }
    }

    fn globals(&mut self) {
        let from = self.from;
        for v in self.m.vars.iter().filter(|v| v.span.start >= from) {
            // A constant read by value is checked by the return that reads it.
            if !spellable(self.m, &v.ty) || read_by_value(self.m, v) {
                continue;
            }
            self.line(v.span.start);
            // Declared `const`, a global is only read: the C may let others write it.
            let c_type = if self.m.resolve(&v.ty).quals.is_const {
                format!("const __typeof__({})", v.name)
            } else {
                format!("__typeof__({})", v.name)
            };
            self.same_as(("global", &[&v.name]), &c_type, &v.ty);
        }
    }

    fn typedefs(&mut self) {
        let m = self.m;
        let ours = self.ours();
        for t in m.typedefs.iter().filter(|t| ours(t.span.start)) {
            if !spellable(m, &t.ty) {
                continue;
            }
            self.line(t.span.start);
            let check = check_name("typedef", &[&t.name], self.key);
            let ours = c_decl(m, &t.ty.clone().pointer_to(), &check);
            let _ = writeln!(self.c, "extern {} *{check}; extern {ours};", t.name);
        }
    }

    fn enums(&mut self) {
        let m = self.m;
        let enums = m
            .enums
            .iter()
            .zip(crate::rust_model::names::c_enum_names(m));
        let ours = self.ours();
        for (e, c_name) in enums.filter(|(e, _)| ours(e.span.start)) {
            if e.partial {
                continue;
            }
            let Some(variants) = &e.variants else {
                continue;
            };
            if let Some(c_name) = c_name {
                let size = e.int_kind(&m.target).size(&m.target);
                self.assert_at(
                    e.span.start,
                    &format!("sizeof({c_name}) == {size}"),
                    &format!("`{c_name}` has another size in C than declared in Rust"),
                );
            }
            for v in variants {
                self.assert_at(
                    v.span.start,
                    &format!("{} == {}LL", v.name, v.value),
                    &format!(
                        "enumerator `{}` has another value in C than declared in Rust",
                        v.name
                    ),
                );
            }
        }
    }

    /// A constant must exist in the C (as a macro, an enumerator or a `static const`), with
    /// the value and the type the Rust constant has.
    fn constants(&mut self) {
        let m = self.m;
        let from = self.from;
        for k in m.consts.iter().filter(|k| k.span.start >= from) {
            if k.spelled_as_object {
                // Compared with the value the build script reads (`probe`).
                continue;
            }
            let (value, ty) = match &k.value {
                ConstValue::Int { value, kind } => match i64::try_from(*value) {
                    Ok(v) => (format!("{v}LL"), Type::new(TypeKind::Int(*kind))),
                    // `-0x8000000000000000` has no literal; its neighbour has.
                    Err(_) if *value == i128::from(u64::MAX) => (
                        "0xFFFFFFFFFFFFFFFFULL".into(),
                        Type::new(TypeKind::Int(*kind)),
                    ),
                    Err(_) if *value > 0 => {
                        (format!("{value}ULL"), Type::new(TypeKind::Int(*kind)))
                    }
                    Err(_) => continue,
                },
                // What the Rust side leaves out is not checked either.
                ConstValue::Float { kind, .. }
                    if !crate::rust_model::rust_types::float_constant_bound(*kind) =>
                {
                    continue;
                }
                ConstValue::Float { value, kind } if value.is_finite() => {
                    let suffix = if kind.base() == cffi_frontend::FloatKind::Float {
                        "f"
                    } else {
                        ""
                    };
                    (
                        format!("{value:?}{suffix}"),
                        Type::new(TypeKind::Float(*kind)),
                    )
                }
                ConstValue::Str(bytes) => {
                    let len = bytes.len() as u64 + 1;
                    let ty = Type::new(TypeKind::Array(
                        Box::new(Type::new(TypeKind::Int(IntKind::Char))),
                        cffi_frontend::ArrayLen::Fixed(len),
                    ));
                    self.line(k.span.start);
                    self.same_type(("const", &[&k.name]), &k.name, &ty);
                    continue;
                }
                // A pointer's value is no integer constant expression in C: its type is
                // checked, and the value is what the same cast of the same integer gives.
                ConstValue::Pointer { ty, .. } | ConstValue::Address { ty, .. }
                    if spellable(m, ty) =>
                {
                    self.line(k.span.start);
                    self.same_type(("const", &[&k.name]), &format!("({})", k.name), ty);
                    continue;
                }
                _ => continue,
            };
            self.assert_at(
                k.span.start,
                &format!("({}) == {value}", k.name),
                &format!("`{}` has another value in C than declared in Rust", k.name),
            );
            self.line(k.span.start);
            self.same_type(("const", &[&k.name]), &format!("(0, ({}))", k.name), &ty);
        }
    }
}
