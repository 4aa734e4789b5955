//! The type model: one representation of every declaration the parser understands.
//!
//! Types keep the names the user wrote (`size_t`, a typedef) so that bindings can use them;
//! [`Module::resolve`] strips typedefs when the underlying type is what matters.

use crate::error::Span;
use crate::target::Target;

pub use crate::scalars::{FloatKind, IntKind};

/// `const`, `volatile` and `restrict`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Quals {
    pub is_const: bool,
    pub is_volatile: bool,
    pub is_restrict: bool,
}

impl Quals {
    pub const NONE: Quals = Quals {
        is_const: false,
        is_volatile: false,
        is_restrict: false,
    };

    pub fn union(self, other: Quals) -> Quals {
        Quals {
            is_const: self.is_const || other.is_const,
            is_volatile: self.is_volatile || other.is_volatile,
            is_restrict: self.is_restrict || other.is_restrict,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypedefId(pub u32);

/// The length of an array type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArrayLen {
    Fixed(u64),
    /// `T x[]`: a flexible array member, or an array parameter or global of unknown length.
    Unspecified,
    /// `T x[...]` (API mode): the C compiler knows the length.
    FromCompiler,
}

/// The parts of an integer or float type whose size only the C compiler knows (API mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnknownKind {
    /// `typedef int... t;`
    Int,
    /// `typedef float... t;`
    Float,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Void,
    Int(IntKind),
    Float(FloatKind),
    /// `_Complex float` and friends: laid out, never bound by value.
    Complex(FloatKind),
    Pointer(Box<Type>),
    Array(Box<Type>, ArrayLen),
    Function(Box<FnType>),
    Record(RecordId),
    Enum(EnumId),
    Typedef(TypedefId),
    /// `__builtin_va_list`.
    VaList,
    /// `T __attribute__((vector_size(N)))`: a GNU vector of `N` bytes of scalars `T`, laid
    /// out and passed as the C compiler's vector registers hold it; never bound by value.
    Vector(Box<Type>, u64),
    /// `FILE`: the standard library's opaque stream type.
    File,
    Unknown(UnknownKind),
}

/// A type with its qualifiers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Type {
    pub kind: TypeKind,
    pub quals: Quals,
}

impl Type {
    pub fn new(kind: TypeKind) -> Type {
        Type {
            kind,
            quals: Quals::NONE,
        }
    }

    pub fn pointer_to(self) -> Type {
        Type::new(TypeKind::Pointer(Box::new(self)))
    }

    pub fn with_quals(mut self, quals: Quals) -> Type {
        self.quals = self.quals.union(quals);
        self
    }
}

/// A function type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FnType {
    pub ret: Type,
    pub params: Vec<Param>,
    pub variadic: bool,
    /// `int f()`: no prototype in C; bound as taking no parameters, as Python cffi does.
    pub unprototyped: bool,
    /// `__stdcall` (`WINAPI`, `__attribute__((stdcall))`) on 32-bit x86, where the callee
    /// pops its arguments; everywhere else the front end reads it as the C convention.
    pub stdcall: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Param {
    pub name: Option<String>,
    pub ty: Type,
    /// The parameter's declaration, for errors about its type.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Struct,
    Union,
}

impl RecordKind {
    pub fn keyword(self) -> &'static str {
        match self {
            RecordKind::Struct => "struct",
            RecordKind::Union => "union",
        }
    }
}

/// A struct or union.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub kind: RecordKind,
    pub tag: Option<String>,
    /// `None` until the body is seen: an opaque type.
    pub fields: Option<Vec<Field>>,
    /// `__attribute__((packed))`.
    pub packed: bool,
    /// The `#pragma pack` in force at the definition.
    pub max_field_align: Option<u64>,
    /// `__attribute__((aligned(N)))`.
    pub aligned: Option<u64>,
    /// `struct s { int a; ...; }` (API mode): the compiler knows the rest.
    pub partial: bool,
    /// In a header: a member the front end cannot read (`_Atomic long refs[32];`) was left
    /// out, and listed in [`Module::skipped`]. The record is then `partial`: only the C
    /// compiler knows its layout, never the layout without the member.
    pub left_out_member: bool,
    pub span: Span,
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// `None` for an anonymous struct or union member, or an unnamed bit-field.
    pub name: Option<String>,
    pub ty: Type,
    pub bit_width: Option<u32>,
    pub aligned: Option<u64>,
    pub packed: bool,
    pub span: Span,
}

/// An enum: its constants, and whether its values decide the integer type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    pub tag: Option<String>,
    pub variants: Option<Vec<Enumerator>>,
    pub packed: bool,
    pub partial: bool,
    pub span: Span,
    pub doc: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enumerator {
    pub name: String,
    pub value: i128,
    pub span: Span,
}

impl Enum {
    /// The integer type gcc gives the enum: `unsigned int` if no value is negative, else `int`,
    /// widened when the values need it; the smallest fitting type when packed.
    pub fn int_kind(&self, target: &Target) -> IntKind {
        let values = self.variants.iter().flatten().map(|v| v.value);
        let (min, max) = values.fold((0i128, 0i128), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let candidates: &[IntKind] = if self.packed {
            &[
                IntKind::UChar,
                IntKind::SChar,
                IntKind::UShort,
                IntKind::Short,
                IntKind::UInt,
                IntKind::Int,
                IntKind::ULong,
                IntKind::Long,
                IntKind::ULongLong,
                IntKind::LongLong,
            ]
        } else {
            &[
                IntKind::UInt,
                IntKind::Int,
                IntKind::ULong,
                IntKind::Long,
                IntKind::ULongLong,
                IntKind::LongLong,
            ]
        };
        candidates
            .iter()
            .copied()
            .find(|k| {
                let (lo, hi) = k.range(target);
                min >= lo && max <= hi
            })
            .unwrap_or(IntKind::Int128)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typedef {
    pub name: String,
    pub ty: Type,
    /// `__attribute__((aligned(N)))` on the typedef.
    pub aligned: Option<u64>,
    pub span: Span,
    pub doc: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    /// No storage class, or `extern`: visible to the linker.
    Extern,
    /// `static`: not exported (only reachable through generated C in API mode).
    Static,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub ty: FnType,
    /// `__asm__("symbol")`: the name the linker sees.
    pub asm_name: Option<String>,
    pub storage: Storage,
    pub inline: bool,
    /// The source gave a body (C source in API mode).
    pub defined: bool,
    /// `extern "Python"`: C calls this function, and the host (Rust) defines it.
    pub extern_python: Option<ExternPython>,
    pub span: Span,
    pub name_span: Span,
    pub doc: Option<String>,
    /// Where later declarations of the same function start: a library's header may declare
    /// again what a system header declared first (libtirpc's `bindresvport` after
    /// `<netinet/in.h>`'s), and is then one of the places that declare it.
    pub declared_again_at: Vec<usize>,
}

/// Python cffi's `extern "Python"` linkages: a function C code calls by name, defined by the
/// host language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternPython {
    /// `extern "Python"`: visible to the module's own C only (`static` there).
    Python,
    /// `extern "Python+C"` (or `"C+Python"`): visible to other C files too.
    PythonAndC,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub name: String,
    pub ty: Type,
    pub asm_name: Option<String>,
    /// `#define stdin __stdinp`, `__stdinp` a declared global: this global is that one under
    /// the macro's name, which C reaches through the macro and a library by `asm_name`.
    pub macro_of: Option<String>,
    pub storage: Storage,
    pub span: Span,
    pub name_span: Span,
    pub doc: Option<String>,
}

/// A constant's value, typed as C types it.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Int {
        value: i128,
        kind: IntKind,
    },
    Float {
        value: f64,
        kind: FloatKind,
    },
    /// A narrow string literal, without its terminating NUL.
    Str(Vec<u8>),
    /// `#define X ...` (API mode): the compiler gives the value.
    FromCompiler,
    /// An integer cast to a pointer type (`((void *)-1)`), the address wrapped to the
    /// target's pointer width.
    Pointer {
        value: i128,
        ty: Type,
    },
    /// The address of global `symbol`, as pointer type `ty` (`((MPI_Comm)&ompi_mpi_comm_world)`).
    Address {
        symbol: String,
        ty: Type,
    },
}

/// A `#define` constant.
#[derive(Clone, Debug, PartialEq)]
pub struct Const {
    pub name: String,
    pub value: ConstValue,
    /// Spelled as an object (`static const int FOO = 1;`, Python cffi's spelling) rather than
    /// a `#define`: the C may define it as an object too, whose value no `_Static_assert` can
    /// read, so API mode compares the value the compiler gives instead.
    pub spelled_as_object: bool,
    /// The integer type declared for a value the compiler gives (`static const int FOO;`):
    /// the Rust constant's type, which the C value must fit. `#define FOO ...` has none.
    pub declared_kind: Option<IntKind>,
    /// `static const t X;` or `static const t X = 1;` where `t` is `typedef int... t;`: the
    /// constant has that typedef's type, whose size and signedness the compiler gives.
    pub sized_by: Option<TypedefId>,
    /// `#define CLOCK_REALTIME _CLOCK_REALTIME`: the enumerator the define's body names
    /// (after its macros expand), whose Rust type the constant takes, so that it passes where
    /// the enumerator does.
    pub enumerator: Option<String>,
    pub span: Span,
    pub name_span: Span,
    pub doc: Option<String>,
}

/// A declaration, in source order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Function(usize),
    Var(usize),
    Const(usize),
    Typedef(TypedefId),
    Record(RecordId),
    Enum(EnumId),
}

/// A declaration the parser read but left out, with the reason (lenient mode).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub reason: String,
    pub span: Span,
}

/// Everything one source text declares.
#[derive(Clone, Debug)]
pub struct Module {
    pub target: Target,
    pub items: Vec<Item>,
    pub functions: Vec<Function>,
    pub vars: Vec<Var>,
    pub consts: Vec<Const>,
    pub records: Vec<Record>,
    pub enums: Vec<Enum>,
    pub typedefs: Vec<Typedef>,
    pub skipped: Vec<Skipped>,
    /// `#define mpz_add __gmpz_add`: another name for a declared function, as GMP and the C
    /// library name theirs.
    pub aliases: Vec<Alias>,
}

/// A macro naming a declared function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    pub name: String,
    /// The function it names.
    pub function: String,
    pub span: Span,
    pub doc: Option<String>,
}

impl Module {
    pub(crate) fn new(target: Target) -> Module {
        Module {
            target,
            items: Vec::new(),
            functions: Vec::new(),
            vars: Vec::new(),
            consts: Vec::new(),
            records: Vec::new(),
            enums: Vec::new(),
            typedefs: Vec::new(),
            skipped: Vec::new(),
            aliases: Vec::new(),
        }
    }

    pub fn record(&self, id: RecordId) -> &Record {
        &self.records[id.0 as usize]
    }

    pub fn enum_(&self, id: EnumId) -> &Enum {
        &self.enums[id.0 as usize]
    }

    pub fn typedef(&self, id: TypedefId) -> &Typedef {
        &self.typedefs[id.0 as usize]
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    pub fn typedef_named(&self, name: &str) -> Option<&Typedef> {
        self.typedefs.iter().find(|t| t.name == name)
    }

    pub fn record_tagged(&self, tag: &str) -> Option<RecordId> {
        self.records
            .iter()
            .position(|r| r.tag.as_deref() == Some(tag))
            .map(|i| RecordId(i as u32))
    }

    /// Every enumerator, by name: its value and its enum.
    pub fn enumerators(&self) -> std::collections::HashMap<&str, (i128, EnumId)> {
        self.enums
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                let id = EnumId(i as u32);
                e.variants
                    .iter()
                    .flatten()
                    .map(move |v| (v.name.as_str(), (v.value, id)))
            })
            .collect()
    }

    pub fn constant(&self, name: &str) -> Option<&Const> {
        self.consts.iter().find(|c| c.name == name)
    }

    /// `ty` with typedefs stripped; qualifiers of the typedefs are kept.
    pub fn resolve(&self, ty: &Type) -> Type {
        let mut quals = ty.quals;
        let mut cur = ty;
        while let TypeKind::Typedef(id) = &cur.kind {
            cur = &self.typedef(*id).ty;
            quals = quals.union(cur.quals);
        }
        Type {
            kind: cur.kind.clone(),
            quals,
        }
    }

    /// Whether two types are the same C type once typedefs are resolved (qualifiers included,
    /// except on the outermost level and on parameters, as C's compatibility rules say).
    pub fn same_type(&self, a: &Type, b: &Type) -> bool {
        self.same_kind(&self.resolve(a).kind, &self.resolve(b).kind)
    }

    fn same_inner(&self, a: &Type, b: &Type) -> bool {
        let (ra, rb) = (self.resolve(a), self.resolve(b));
        ra.quals.is_const == rb.quals.is_const
            && ra.quals.is_volatile == rb.quals.is_volatile
            && self.same_kind(&ra.kind, &rb.kind)
    }

    fn same_kind(&self, a: &TypeKind, b: &TypeKind) -> bool {
        match (a, b) {
            (TypeKind::Pointer(x), TypeKind::Pointer(y)) => self.same_inner(x, y),
            (TypeKind::Array(x, lx), TypeKind::Array(y, ly)) => {
                (lx == ly || *lx == ArrayLen::Unspecified || *ly == ArrayLen::Unspecified)
                    && self.same_inner(x, y)
            }
            (TypeKind::Function(x), TypeKind::Function(y)) => {
                x.variadic == y.variadic
                    && x.params.len() == y.params.len()
                    && self.same_type(&x.ret, &y.ret)
                    && x.params
                        .iter()
                        .zip(&y.params)
                        .all(|(p, q)| self.same_type(&p.ty, &q.ty))
            }
            _ => a == b,
        }
    }

    /// The reason a type has no Rust counterpart, or `None` if bindings can use it.
    pub fn unsupported_reason(&self, ty: &Type) -> Option<String> {
        let ty = self.resolve(ty);
        match &ty.kind {
            TypeKind::Float(k)
                if matches!(
                    k.base(),
                    FloatKind::LongDouble
                        | FloatKind::Float128
                        | FloatKind::Half
                        | FloatKind::Fp16
                        | FloatKind::BFloat16
                ) =>
            {
                Some(format!("`{}` has no Rust counterpart", k.c_name()))
            }
            TypeKind::Complex(k) => {
                Some(format!("`_Complex {}` has no Rust counterpart", k.c_name()))
            }
            TypeKind::Int(IntKind::Int128 | IntKind::UInt128) => {
                Some("`__int128` has no stable C ABI in Rust".to_string())
            }
            TypeKind::VaList => Some("`va_list` cannot be passed from Rust".to_string()),
            TypeKind::Vector(..) => Some(
                "GNU vector types (`vector_size`) travel in vector registers, which cffi-rs does not bind"
                    .to_string(),
            ),
            TypeKind::Pointer(inner) => match &self.resolve(inner).kind {
                TypeKind::Function(f) => self.fn_unsupported_reason(f),
                _ => None,
            },
            TypeKind::Array(inner, _) => self.unsupported_reason(inner),
            TypeKind::Function(f) => self.fn_unsupported_reason(f),
            _ => None,
        }
    }

    fn fn_unsupported_reason(&self, f: &FnType) -> Option<String> {
        std::iter::once(&f.ret)
            .chain(f.params.iter().map(|p| &p.ty))
            .find_map(|t| self.unsupported_reason(t))
    }
}
