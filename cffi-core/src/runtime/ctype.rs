//! C types at run time: a front-end type together with the declarations that give it meaning,
//! and the shape the rest of run-time mode works with (integer, float, pointer, array, record).

use std::fmt;
use std::sync::Arc;

use cffi_frontend::layout;
use cffi_frontend::{ArrayLen, FloatKind, IntKind, Module, RecordId, Type, TypeKind};

use super::error::{Error, Result};

/// A C type, as a run-time [`Ffi`](super::Ffi) knows it (`ffi.typeof`): its size, alignment
/// and spelling. Cheap to clone.
#[derive(Clone)]
pub struct CType {
    pub(crate) module: Arc<Module>,
    /// Shared, so that values carrying a type (pointers) stay small and cheap to move.
    pub(crate) ty: Arc<Type>,
}

impl fmt::Debug for CType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CType({})", self.name())
    }
}

impl fmt::Display for CType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// What kind of type a [`CType`] is: what [`Value`](super::Value) its values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// `void`: what a function returning nothing returns.
    Void,
    /// An integer, enum or `_Bool`: [`Value::Int`](super::Value::Int).
    Int {
        /// Bytes.
        size: usize,
        /// Whether it holds negative values.
        signed: bool,
    },
    /// `float` or `double`: [`Value::Float`](super::Value::Float).
    Float {
        /// Bytes: 4 or 8.
        size: usize,
    },
    /// [`Value::Pointer`](super::Value::Pointer) (or `Null`, or `Bytes` for `char *`).
    Pointer,
    /// An array.
    Array {
        /// The number of elements, if the type says.
        len: Option<usize>,
    },
    /// A struct or union: [`Value::Data`](super::Value::Data).
    Record,
    /// A function type (values are pointers to functions).
    Function,
    /// A type run-time mode holds no value of (`_Complex`, `va_list`, AArch64's `long
    /// double`).
    Unsupported,
}

/// What a type is, for reading, writing and passing values of it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Shape {
    Void,
    /// An integer (or enum, or `_Bool`) of `size` bytes.
    Int {
        size: u8,
        signed: bool,
        bool_: bool,
    },
    /// `float` (4) or `double` (8).
    Float(u8),
    /// x86's `long double`: the x87 80-bit format, held as an `f64` in Rust.
    LongDouble,
    /// A pointer to the type.
    Pointer(Type),
    /// Elements and their count (`None`: `T[]`).
    Array(Type, Option<u64>),
    Record(RecordId),
    Function,
    /// A type run-time mode cannot hold a value of (`_Complex`, `va_list`), and why.
    Other(String),
}

impl CType {
    pub(crate) fn new(module: Arc<Module>, ty: Type) -> CType {
        CType {
            module,
            ty: Arc::new(ty),
        }
    }

    /// The type as C spells it (`struct point *`).
    pub fn name(&self) -> String {
        cffi_frontend::render::c_type(&self.module, &self.ty)
    }

    /// `sizeof` the type.
    pub fn size(&self) -> Result<usize> {
        let l = layout::layout_of(&self.module, &self.ty).map_err(|e| self.layout_error(e))?;
        // The layout engine bounds sizes by the target's pointer width, which is this
        // program's: never truncated.
        usize::try_from(l.size).map_err(|_| self.layout_error(layout::LayoutError::TooLarge))
    }

    /// `_Alignof` the type.
    pub fn align(&self) -> Result<usize> {
        let a = layout::type_align(&self.module, &self.ty).map_err(|e| self.layout_error(e))?;
        usize::try_from(a).map_err(|_| self.layout_error(layout::LayoutError::TooLarge))
    }

    fn layout_error(&self, e: layout::LayoutError) -> Error {
        Error::Value(e.at(0..0).message)
    }

    /// Another type of the same declarations.
    pub(crate) fn with(&self, ty: Type) -> CType {
        CType::new(self.module.clone(), ty)
    }

    /// What kind of type this is.
    pub fn kind(&self) -> Kind {
        match self.shape() {
            Shape::Void => Kind::Void,
            Shape::Int { size, signed, .. } => Kind::Int {
                size: size.into(),
                signed,
            },
            Shape::Float(size) => Kind::Float { size: size.into() },
            Shape::LongDouble => Kind::Float {
                size: self.size().unwrap_or(16),
            },
            Shape::Pointer(_) => Kind::Pointer,
            Shape::Array(_, len) => Kind::Array {
                len: len.map(|n| n as usize),
            },
            Shape::Record(_) => Kind::Record,
            Shape::Function => Kind::Function,
            Shape::Other(_) => Kind::Unsupported,
        }
    }

    /// For a pointer or array type, the type it points to or holds.
    pub fn pointee(&self) -> Option<CType> {
        match self.shape() {
            Shape::Pointer(to) | Shape::Array(to, _) => Some(self.with(to)),
            _ => None,
        }
    }

    pub(crate) fn shape(&self) -> Shape {
        shape(&self.module, &self.ty)
    }

    /// The type a value of this type becomes when passed or read: arrays decay to pointers.
    pub(crate) fn decayed(&self) -> CType {
        match self.shape() {
            Shape::Array(elem, _) => self.with(elem.pointer_to()),
            _ => self.clone(),
        }
    }
}

/// The shape of `ty` in `m`.
pub(crate) fn shape(m: &Module, ty: &Type) -> Shape {
    let t = &m.target;
    match m.resolve(ty).kind {
        TypeKind::Void => Shape::Void,
        TypeKind::Int(k) => int_shape(k, t),
        TypeKind::Enum(id) => match &m.enum_(id).variants {
            Some(_) => int_shape(m.enum_(id).int_kind(t), t),
            None => Shape::Other("an enum declared without its values".into()),
        },
        TypeKind::Float(k) if k.base() == FloatKind::Float => Shape::Float(4),
        TypeKind::Float(k) if k.base() == FloatKind::Double => Shape::Float(8),
        TypeKind::Float(k) if k.base() == FloatKind::LongDouble => long_double(m),
        TypeKind::Float(k) => Shape::Other(format!("`{}`", k.c_name())),
        TypeKind::Complex(k) => Shape::Other(format!("`_Complex {}`", k.c_name())),
        TypeKind::Pointer(to) => Shape::Pointer(*to),
        TypeKind::Array(elem, ArrayLen::Fixed(n)) => Shape::Array(*elem, Some(n)),
        TypeKind::Array(elem, _) => Shape::Array(*elem, None),
        TypeKind::Record(id) => Shape::Record(id),
        TypeKind::Function(_) => Shape::Function,
        TypeKind::VaList => Shape::Other("`va_list`".into()),
        TypeKind::Vector(..) => Shape::Other("a GNU vector type (`vector_size`)".into()),
        TypeKind::File => Shape::Other("`FILE` (use it through a pointer)".into()),
        TypeKind::Unknown(_) | TypeKind::Typedef(_) => {
            Shape::Other("a type only the C compiler knows (`...`)".into())
        }
    }
}

/// `long double` as this platform has it: a `double` (Windows, 32-bit Arm), the x87 format
/// (x86), or a format run-time mode does not convert (AArch64's 128-bit one).
fn long_double(m: &Module) -> Shape {
    let size = layout::layout_of(m, &Type::new(TypeKind::Float(FloatKind::LongDouble)))
        .map_or(0, |l| l.size);
    match size {
        8 => Shape::Float(8),
        12 | 16 if cfg!(any(target_arch = "x86", target_arch = "x86_64")) => Shape::LongDouble,
        _ => Shape::Other("`long double` in this platform's format".into()),
    }
}

fn int_shape(k: IntKind, t: &cffi_frontend::Target) -> Shape {
    let size = k.size(t);
    if size > 8 {
        return Shape::Other(format!("`{}`", k.c_name()));
    }
    Shape::Int {
        size: size as u8,
        signed: k.is_signed(t),
        bool_: k == IntKind::Bool,
    }
}
