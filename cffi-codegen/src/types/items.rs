//! Types and constants: the part of a module both back ends generate the same way.

use cffi_frontend::layout::record_layout;
use cffi_frontend::{Item, Module, RecordId, RecordKind, TypeKind, TypedefId};
use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;

use crate::c_side::probe::{self, Probes};
use crate::rust_model::names::{Names, anon_field, ident};
use crate::rust_model::repr::Repr;
use crate::rust_model::rust_types::{Mapper, Position};
use crate::rust_model::targets;
use crate::text::ctext::CText;
use crate::text::diag::{self, Errors};
use crate::text::doc_text::docs;
use std::rc::Rc;

/// The used module: where the module's own declarations start in the text, and the used
/// module's name (a sibling: `super::name`).
pub struct Used {
    pub own_start: usize,
    pub module: syn::Ident,
    /// The used module imports a header (or uses one that does): which of the header's
    /// types it generated depends on its `allow`, so all of its items are re-exported, and
    /// the module's own shadow them.
    pub imported: bool,
    /// Where the header's types start that the module's own declarations need but the used
    /// import leaves out: the module generates them.
    pub adopted: std::collections::HashSet<usize>,
}

/// The C library records `cffi_core::ffi` defines, one Rust type in every module, with their
/// fields in C's order and the type of each (as `cffi_core/src/ffi/c_records.rs` declares
/// them).
const SHARED_RECORDS: &[(&str, &[(&str, SharedField)])] = &[
    (
        "tm",
        &[
            ("tm_sec", SharedField::Int),
            ("tm_min", SharedField::Int),
            ("tm_hour", SharedField::Int),
            ("tm_mday", SharedField::Int),
            ("tm_mon", SharedField::Int),
            ("tm_year", SharedField::Int),
            ("tm_wday", SharedField::Int),
            ("tm_yday", SharedField::Int),
            ("tm_isdst", SharedField::Int),
            ("tm_gmtoff", SharedField::Long),
            ("tm_zone", SharedField::CharPointer),
        ],
    ),
    (
        "timespec",
        &[
            ("tv_sec", SharedField::Long),
            ("tv_nsec", SharedField::Long),
        ],
    ),
    (
        "timeval",
        &[
            ("tv_sec", SharedField::Long),
            ("tv_usec", SharedField::Microseconds),
        ],
    ),
];

/// The type of a field of a shared C library record.
#[derive(Clone, Copy)]
enum SharedField {
    /// `int`.
    Int,
    /// `long`.
    Long,
    /// `suseconds_t`: an `int` on Apple's C library, a `long` on the others.
    Microseconds,
    /// `const char *` (or `char *`).
    CharPointer,
}

impl SharedField {
    /// Whether a field of C type `ty` is this type: a signed integer of the size, or a
    /// pointer to `char`.
    fn matches(self, m: &Module, ty: &cffi_frontend::Type) -> bool {
        let t = &m.target;
        let long = t.long_size();
        let size = match self {
            SharedField::Int => 4,
            SharedField::Long => long,
            SharedField::Microseconds if t.triple().contains("apple") => 4,
            SharedField::Microseconds => long,
            SharedField::CharPointer => {
                return matches!(
                    m.resolve(ty).kind,
                    TypeKind::Pointer(to) if matches!(m.resolve(&to).kind, TypeKind::Int(cffi_frontend::IntKind::Char))
                );
            }
        };
        matches!(m.resolve(ty).kind, TypeKind::Int(k) if k.is_signed(t) && k.size(t) == size)
    }
}

pub struct Generator<'a> {
    pub m: &'a Module,
    pub names: &'a Names,
    pub ctext: &'a CText,
    pub errors: &'a mut Errors,
    /// API mode: what the C compiler said about the module's `...`.
    pub probes: Option<&'a Probes>,
    /// API mode: a number the build script should have measured is missing, rather than
    /// out of reach.
    pub api: bool,
    /// The module as laid out for each target that layouts are checked for, made once.
    per_target: Option<Rc<Vec<(Module, TokenStream)>>>,
    /// For imported headers: what cannot be bound is noted here instead of being an error.
    pub skips: Option<Vec<String>>,
    /// For imports with declarations of their own: where those start in the text. Problems
    /// there are errors, not notes.
    pub body_start: Option<usize>,
    /// The module whose types this one uses (`uses = "..."`), read before its own.
    pub used: Option<Used>,
    /// Which functions the user vouched are safe to call.
    pub vouched: Vouched,
    /// Every enumerator's value and enum, by name: a `#define` of the same name (`#define
    /// FP_NAN FP_NAN`, as `<math.h>` has) is the enumerator again, bound once, and a
    /// `#define` naming one takes its type.
    pub(crate) enumerators: std::collections::HashMap<&'a str, (i128, cffi_frontend::EnumId)>,
}

/// Which functions a user-written `unsafe` vouches for. The bindings make a function safe
/// only if its shape allows it (scalars, or annotated pointers) and the user vouched for it:
/// the C compiler proving a declaration right does not make calling it safe (`close(fd)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Vouched {
    /// No `unsafe` on the module: every method is an `unsafe fn`.
    Nothing,
    /// `unsafe mod` over hand-written declarations: each one the user wrote.
    All,
    /// `unsafe mod` with `safe = "cos|sin"` over an imported header: the functions named.
    Named(String),
}

impl Vouched {
    pub fn covers(&self, name: &str) -> bool {
        match self {
            Vouched::Nothing => false,
            Vouched::All => true,
            Vouched::Named(pattern) => crate::text::patterns::matches(pattern, name),
        }
    }
}

impl<'a> Generator<'a> {
    pub fn new(
        m: &'a Module,
        names: &'a Names,
        ctext: &'a CText,
        errors: &'a mut Errors,
        probes: Option<&'a Probes>,
    ) -> Generator<'a> {
        Generator {
            m,
            names,
            ctext,
            errors,
            probes,
            api: false,
            per_target: None,
            skips: None,
            body_start: None,
            used: None,
            vouched: Vouched::Nothing,
            enumerators: m.enumerators(),
        }
    }

    /// The module with each checked target's data model, with the `cfg` that selects it.
    pub(crate) fn per_target(&mut self) -> Rc<Vec<(Module, TokenStream)>> {
        let m = self.m;
        self.per_target
            .get_or_insert_with(|| {
                Rc::new(
                    targets::all()
                        .into_iter()
                        .map(|(target, cfg)| {
                            // Layouts need the types only: functions, globals and constants
                            // (most of a big header) are not copied for each target.
                            let copy = cffi_frontend::Module {
                                target,
                                items: Vec::new(),
                                functions: Vec::new(),
                                vars: Vec::new(),
                                consts: Vec::new(),
                                records: m.records.clone(),
                                enums: m.enums.clone(),
                                typedefs: m.typedefs.clone(),
                                skipped: Vec::new(),
                                aliases: Vec::new(),
                            };
                            (copy, cfg)
                        })
                        .collect(),
                )
            })
            .clone()
    }

    pub(crate) fn mapper(&self) -> Mapper<'_> {
        Mapper {
            m: self.m,
            names: self.names,
        }
    }

    pub fn error(&mut self, span: std::ops::Range<usize>, message: impl std::fmt::Display) {
        let written = self.body_start.is_some_and(|b| span.start >= b);
        if let (Some(skips), false) = (&mut self.skips, written) {
            skips.push(message.to_string());
            return;
        }
        let e = diag::at(self.ctext, span, message);
        self.errors.push(e);
    }

    /// What to do when a number only the C compiler knows was not given: in ABI mode, move to
    /// API mode; in API mode, the build script has not measured the module yet.
    pub fn measure_hint(&self) -> &'static str {
        if self.api {
            "the build script has not measured this module yet: check that build.rs calls `cffi_build::compile()`, and rebuild"
        } else {
            "use API mode"
        }
    }

    /// Every type and constant of the module.
    pub fn types_and_constants(&mut self) -> TokenStream {
        let mut out = self.used_types();
        let mut checks = Vec::new();
        for item in self.m.items.clone() {
            let start = self.item_start(item);
            let used = match item {
                Item::Record(_) | Item::Enum(_) | Item::Typedef(_) => {
                    self.is_used_module_s_type(start)
                }
                _ => self.is_used_module_s(start),
            };
            if used {
                continue;
            }
            match item {
                Item::Record(id) => {
                    let (def, check) = self.record(id);
                    out.extend(def);
                    checks.extend(check);
                }
                Item::Enum(id) => out.extend(self.enumeration(id)),
                Item::Typedef(id) => out.extend(self.typedef(id)),
                Item::Const(i) => out.extend(self.constant(i)),
                Item::Function(_) | Item::Var(_) => {}
            }
        }
        out.extend(self.layout_assertions(checks));
        out
    }

    /// Where an item's declaration starts in the text.
    fn item_start(&self, item: Item) -> usize {
        let m = self.m;
        match item {
            Item::Record(id) => m.record(id).span.start,
            Item::Enum(id) => m.enum_(id).span.start,
            Item::Typedef(id) => m.typedef(id).span.start,
            Item::Const(i) => m.consts[i].span.start,
            Item::Function(i) => m.functions[i].span.start,
            Item::Var(i) => m.vars[i].span.start,
        }
    }

    fn record(&mut self, id: RecordId) -> (TokenStream, Vec<RecordId>) {
        let r = self.m.record(id);
        let name = self.names.record(id);
        let doc = docs(&r.doc, None);
        if let Some(kind) = self.shared_pthread(id) {
            // Only the size and alignment are checked: the union's members are the C
            // library's private ones.
            return (self.pthread_alias(id, kind, &doc), vec![id]);
        }
        if let Some(shared) = self.shared_record(id) {
            // The layout checks of the record hold the shared type to the header's layout.
            return (
                quote!(#doc pub type #name = ::cffi_core::ffi::#shared;),
                vec![id],
            );
        }
        let Some(fields) = &r.fields else {
            return (opaque(&doc, &name), vec![]);
        };
        let depth = self.names.reprs.depth(id);
        if depth > crate::rust_model::repr::MAX_RECORD_DEPTH {
            // One error, on the outermost record: the ones it holds fail with it.
            if self.names.reprs.is_held(id) {
                return (TokenStream::new(), vec![]);
            }
            self.error(
                r.span.clone(),
                format!(
                    "`{name}` nests {depth} records by value; Rust's compiler stops at its recursion limit past about {}: hold the inner records through pointers",
                    crate::rust_model::repr::MAX_RECORD_DEPTH
                ),
            );
            return (TokenStream::new(), vec![]);
        }
        match self.names.reprs.of(id) {
            Repr::Measured => {
                if let Some(p) = self.probes {
                    return (self.probed_record(id, p), vec![]);
                }
                let why = if r.left_out_member {
                    "has a member cffi-rs cannot read (listed as left out)"
                } else if r.partial {
                    "has `...`"
                } else {
                    "holds a record, array or type that only the C compiler can size"
                };
                self.error(
                    r.span.clone(),
                    format!(
                        "`{name}` {why}: its layout is only known to the C compiler; {}",
                        self.measure_hint()
                    ),
                );
                // An import leaves it out as a value, but its pointers are still bound.
                return (opaque(&doc, &name), vec![]);
            }
            Repr::Bytes => return (self.byte_record(id), vec![]),
            Repr::Fields | Repr::Opaque => {}
        }
        if let Err(e) = record_layout(self.m, id) {
            let e = e.at(r.span.clone());
            self.error(r.span.clone(), e.message);
            return (TokenStream::new(), vec![]);
        }
        let mapper = self.mapper();
        let mut rust_fields = Vec::new();
        let mut problems = Vec::new();
        let mut anon = 0;
        for f in fields {
            let fname = match &f.name {
                Some(n) => ident(n, Span::call_site()),
                None => {
                    anon += 1;
                    anon_field(anon)
                }
            };
            match mapper.member(&f.ty) {
                Ok(t) => rust_fields.push(quote!(pub #fname: #t)),
                Err(why) => problems.push((f.span.clone(), why)),
            }
        }
        for (span, why) in problems {
            self.error(span, format!("unsupported field type: {why}; declare the field through a pointer, or as bytes"));
        }
        let repr = repr_of(r);
        let keyword = match r.kind {
            RecordKind::Struct => quote!(struct),
            RecordKind::Union => quote!(union),
        };
        let flattened = self.anonymous_member_accessors(id);
        let flattened = (!flattened.is_empty()).then(|| quote!(impl #name { #flattened }));
        let def = quote! {
            #doc
            #[repr(#(#repr),*)]
            #[derive(Clone, Copy)]
            pub #keyword #name { #(#rust_fields,)* }

            // SAFETY: every field type of a generated record is valid when all zero.
            __cffi::zeroable!(unsafe #name);

            #flattened
        };
        (def, vec![id])
    }

    /// The C library record a header's `struct tm`, `struct timespec` or `struct timeval` is,
    /// one Rust type in every module: only a record of an imported header, with exactly the
    /// fields of the shared type (a record declared in the module is the module's own).
    fn shared_record(&self, id: RecordId) -> Option<syn::Ident> {
        let r = self.m.record(id);
        let tag = r.tag.as_deref()?;
        let from_header = self.body_start.is_some_and(|b| r.span.start < b);
        let (_, wanted) = SHARED_RECORDS.iter().find(|(t, _)| *t == tag)?;
        let fields = r.fields.as_ref()?;
        // The same fields, in order, of the same types, with no attribute that moves them.
        let same = fields.len() == wanted.len()
            && fields.iter().zip(wanted.iter()).all(|(f, (name, ty))| {
                f.name.as_deref() == Some(*name)
                    && f.bit_width.is_none()
                    && f.aligned.is_none()
                    && !f.packed
                    && ty.matches(self.m, &f.ty)
            });
        let plain = !r.packed && r.aligned.is_none() && r.max_field_align.is_none();
        (from_header && same && plain && r.kind == RecordKind::Struct)
            .then(|| syn::Ident::new(tag, Span::call_site()))
    }

    fn typedef(&mut self, id: TypedefId) -> TokenStream {
        let td = self.m.typedef(id);
        // `typedef struct { ... } name;` and `typedef struct name name;` already named the type.
        match &td.ty.kind {
            TypeKind::Record(r) if self.names.records[r.0 as usize] == td.name => {
                return TokenStream::new();
            }
            TypeKind::Enum(e)
                if self.names.enums[e.0 as usize].as_deref() == Some(td.name.as_str()) =>
            {
                return TokenStream::new();
            }
            _ => {}
        }
        if let Some(why) = cffi_frontend::layout::misaligned_typedef(self.m, id) {
            self.error(td.span.clone(), why);
            return TokenStream::new();
        }
        let name = ident(&td.name, Span::call_site());
        let doc = docs(&td.doc, None);
        if let (
            TypeKind::Unknown(
                kind @ (cffi_frontend::UnknownKind::Int | cffi_frontend::UnknownKind::Float),
            ),
            Some(p),
        ) = (&td.ty.kind, self.probes)
        {
            return match probe::unknown_typedef(p, &td.name, *kind) {
                Some(t) => quote!(#doc pub type #name = #t;),
                None => {
                    self.error(
                        td.span.clone(),
                        format!(
                            "the build script gave no size for `{}` that Rust has a type for",
                            td.name
                        ),
                    );
                    TokenStream::new()
                }
            };
        }
        if let Some(t) = pointer_sized(self.m, &td.name, &td.ty) {
            return quote!(#doc pub type #name = #t;);
        }
        // `<stdio.h>`'s `FILE` is one Rust type in every module (used only through pointers),
        // so that a `fopen` result from one module passes to another module's `FILE *`.
        if td.name == "FILE" && matches!(self.m.resolve(&td.ty).kind, TypeKind::Record(_)) {
            return quote!(#doc pub type #name = __cffi::FILE;);
        }
        match self.mapper().ty(&td.ty, Position::Pointee) {
            Ok(t) => quote!(#doc pub type #name = #t;),
            Err(why) => {
                self.error(
                    td.span.clone(),
                    format!("unsupported type in `typedef {}`: {why}", td.name),
                );
                TokenStream::new()
            }
        }
    }
}

/// `size_t` and its kin, as a header declares them (`typedef unsigned long size_t;`): the
/// Rust type is `usize` or `isize`, as for the built-in names of hand-written declarations,
/// so that one C type is one Rust type in every module.
fn pointer_sized(m: &Module, name: &str, ty: &cffi_frontend::Type) -> Option<TokenStream> {
    let signed = match name {
        "size_t" | "uintptr_t" => false,
        "ssize_t" | "ptrdiff_t" | "intptr_t" => true,
        _ => return None,
    };
    let TypeKind::Int(k) = m.resolve(ty).kind else {
        return None;
    };
    let t = &m.target;
    (k.size(t) == t.pointer_size() && k.is_signed(t) == signed)
        .then(|| if signed { quote!(isize) } else { quote!(usize) })
}

/// `#[repr(...)]` of a record Rust lays out: C, and its packing and alignment.
fn repr_of(r: &cffi_frontend::Record) -> Vec<TokenStream> {
    let mut repr = vec![quote!(C)];
    if r.packed {
        repr.push(quote!(packed));
    } else if let Some(n) = r.max_field_align {
        let n = Literal::u64_unsuffixed(n);
        repr.push(quote!(packed(#n)));
    }
    if let Some(a) = r.aligned {
        let a = Literal::u64_unsuffixed(a);
        repr.push(quote!(align(#a)));
    }
    repr
}

/// A record usable only through pointers: no size Rust could copy, not `Send`, `Sync` or
/// `Unpin`.
pub(crate) fn opaque(doc: &TokenStream, name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        #doc
        #[repr(C)]
        pub struct #name {
            _opaque: [u8; 0],
            _not_send_sync_unpin: ::core::marker::PhantomData<(*mut u8, ::core::marker::PhantomPinned)>,
        }
    }
}
