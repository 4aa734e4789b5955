//! The run-time `ffi` object: declarations read while the program runs, and what is made
//! from them (types, objects, casts, constants, opened libraries, callbacks).

use std::sync::Arc;

use cffi_frontend::{ConstValue, Module, Options, Session, Target, TypeKind};

use super::api_only;
use super::buffer::{self, Element};
use super::callback::Callback;
use super::cdata::CData;
use super::convert;
use super::ctype::{CType, Shape};
use super::error::{Error, Result};
use super::library::Lib;
use super::type_cache::TypeCache;
use super::type_names;
use super::value::{Pointed, Pointer, Value};
use crate::{Library, LoadOptions};

/// Declarations read at run time: Python cffi's `ffi = FFI(); ffi.cdef(...)`.
///
/// ```
/// use cffi_core::runtime::{Ffi, Value};
///
/// let mut ffi = Ffi::new();
/// ffi.cdef("struct point { int x, y; }; double cos(double x);").unwrap();
/// assert_eq!(ffi.sizeof("struct point").unwrap(), 8);
/// let m = unsafe { ffi.dlopen("m") }.unwrap();
/// // SAFETY: `cos` is declared as libm defines it.
/// let r = unsafe { m.call("cos", &[Value::Float(0.0)]) }.unwrap();
/// assert_eq!(r, Value::Float(1.0));
/// ```
#[derive(Clone, Debug)]
pub struct Ffi {
    /// Every `cdef` so far: the text, and the front end's state to read the next one in.
    session: Session,
    /// A whole header was read: the text is parsed as headers are, passing over what cannot
    /// be bound.
    lenient: bool,
    /// Where the declarations of the next `cdef` will begin.
    counts: api_only::Counts,
    types: TypeCache,
}

impl Default for Ffi {
    fn default() -> Ffi {
        Ffi::new()
    }
}

impl Ffi {
    /// No declarations yet.
    pub fn new() -> Ffi {
        Ffi {
            session: Session::new(&options(false)),
            lenient: false,
            counts: api_only::Counts::default(),
            types: TypeCache::default(),
        }
    }

    /// An `Ffi` with `declarations` read ([`Ffi::new`] then [`Ffi::cdef`]).
    pub fn from_cdef(declarations: &str) -> Result<Ffi> {
        let mut ffi = Ffi::new();
        ffi.cdef(declarations)?;
        Ok(ffi)
    }

    /// Reads more declarations, which may use the earlier ones (`ffi.cdef`): functions,
    /// globals, structs, unions, enums, typedefs and `#define` constants, with gcc's
    /// `__attribute__`s and `__asm__` names (a whole preprocessed header goes to
    /// [`Ffi::cdef_header`]). On an error nothing is added; the error gives the line and
    /// column in `declarations`. Each call reads only its own text (the front end keeps what
    /// the earlier ones declared), so declaring one line at a time costs what declaring them
    /// at once does; while types, libraries or functions of this `Ffi` are alive, the next
    /// call copies the declarations once (they keep the ones they were made from).
    pub fn cdef(&mut self, declarations: &str) -> Result<()> {
        self.read(declarations, false).map(drop)
    }

    /// Reads a whole preprocessed header (what `cc -E -dD header.h` prints): what it declares
    /// that run-time mode cannot bind (function-like macros, `_Atomic` members, conditionals
    /// left by `-dD`) is passed over and returned, each with the reason, as `cdef!`'s imports
    /// list what they leave out. Read several headers as one text, the preprocessor's output
    /// for all their `#include`s together: preprocessed apart, they would repeat what they
    /// share, and a repeated `typedef struct { ... } t;` is a second, different type in C.
    pub fn cdef_header(&mut self, text: &str) -> Result<Vec<String>> {
        self.read(text, true)
    }

    /// The declarations of every `cdef` so far.
    pub(super) fn module(&self) -> &Arc<Module> {
        self.session.module()
    }

    /// The text of every `cdef` so far, one after the other.
    pub(super) fn text(&self) -> &str {
        self.session.text()
    }

    fn read(&mut self, declarations: &str, header: bool) -> Result<Vec<String>> {
        let lenient = self.lenient || header;
        // Types of the earlier declarations hold them: dropped first, so they are not copied.
        self.types.clear();
        let part = self.session.add(declarations, &options(lenient));
        match self.check_part(declarations, header, part, &self.counts) {
            Ok(left_out) => {
                self.session.commit();
                self.lenient = lenient;
                self.counts = api_only::Counts::of(self.module(), &self.counts);
                Ok(left_out)
            }
            Err(e) => {
                self.session.rollback(&options(self.lenient));
                Err(e)
            }
        }
    }

    /// The errors of a part just read, and what it leaves out (for a header).
    fn check_part(
        &self,
        declarations: &str,
        header: bool,
        part: cffi_frontend::Part,
        before: &api_only::Counts,
    ) -> Result<Vec<String>> {
        let start = part.start;
        let located = |e: &cffi_frontend::Error| match e.span.start.checked_sub(start) {
            Some(_) => {
                let mut e = e.clone();
                e.span = e.span.start - start..e.span.end.saturating_sub(start);
                Error::front(declarations, &e)
            }
            None => Error::front(self.text(), e),
        };
        if let Some(e) = part.errors.first() {
            return Err(located(e));
        }
        let module = self.module();
        let skipped = module.skipped.iter().filter(|s| s.span.start >= start);
        let mut left_out = Vec::new();
        for s in skipped {
            if !header {
                let e = cffi_frontend::Error::new(
                    cffi_frontend::ErrorKind::Unsupported,
                    s.span.clone(),
                    format!("`{}`: {}", s.name, s.reason),
                );
                return Err(located(&e));
            }
            left_out.push(format!("{}: {}", s.name, s.reason));
        }
        if let Some(e) = api_only::first(module, before) {
            return Err(located(&e));
        }
        Ok(left_out)
    }

    /// The type a C type name spells (`"struct point *"`, `"int[10]"`, `"int (*)(int)"`):
    /// `ffi.typeof`.
    /// Each spelling is read once; most (a declared or standard name, `*`s, one `[N]`) are
    /// read without parsing the declarations again.
    pub fn typeof_(&self, spelling: &str) -> Result<CType> {
        if let Some(ty) = self.types.get(spelling) {
            return Ok(ty);
        }
        let opts = options(self.lenient);
        let ty = match type_names::quick(self.module(), &opts, spelling) {
            Some(ty) => ty,
            None => self.parsed_type(spelling, &opts)?,
        };
        let ty = CType::new(self.module().clone(), ty);
        self.types.insert(spelling, &ty);
        Ok(ty)
    }

    /// `spelling` read by the front end after the declarations.
    fn parsed_type(&self, spelling: &str, opts: &Options) -> Result<cffi_frontend::Type> {
        let (module, ty) = cffi_frontend::parse_type_name(self.text(), opts, spelling)
            .map_err(|e| Error::front(spelling, &e))?;
        if module.records.len() != self.module().records.len()
            || module.enums.len() != self.module().enums.len()
        {
            return Err(Error::Value(format!(
                "`{spelling}` names a struct, union or enum the declarations do not: declare it with `cdef` first"
            )));
        }
        Ok(ty)
    }

    /// The names of the declared functions, in declaration order (Python's `dir(lib)`).
    pub fn functions(&self) -> impl Iterator<Item = &str> {
        self.module().functions.iter().map(|f| f.name.as_str())
    }

    /// `sizeof(spelling)`.
    pub fn sizeof(&self, spelling: &str) -> Result<usize> {
        self.typeof_(spelling)?.size()
    }

    /// `_Alignof(spelling)`.
    pub fn alignof(&self, spelling: &str) -> Result<usize> {
        self.typeof_(spelling)?.align()
    }

    /// `offsetof(spelling, path)`, in bytes; `path` may go through nested structs (`"pos.x"`).
    pub fn offsetof(&self, spelling: &str, path: &str) -> Result<usize> {
        let ty = self.typeof_(spelling)?;
        let place = super::place::Place::new(std::ptr::null_mut(), ty.clone()).field_path(path)?;
        if place.bits.is_some() {
            return Err(Error::Value(format!(
                "`{path}` of `{}` is a bit-field, which has no byte offset",
                ty.name()
            )));
        }
        Ok(place.addr as usize)
    }

    /// A new zeroed object owned by Rust (`ffi.new`): `"struct point *"` or `"int *"` makes
    /// one object of the pointed-to type, `"int[10]"` an array.
    pub fn new_object(&self, spelling: &str) -> Result<CData> {
        let ty = self.typeof_(spelling)?;
        match ty.shape() {
            Shape::Pointer(to) => CData::zeroed(ty.with(to)),
            Shape::Array(_, Some(_)) => CData::zeroed(ty),
            Shape::Array(_, None) => Err(Error::Value(format!(
                "`{spelling}` has no length: use `new_array(\"{spelling}\", len)`"
            ))),
            _ => Err(Error::Value(format!(
                "`new_object` needs a pointer or array type (`\"{spelling} *\"`), not `{spelling}`"
            ))),
        }
    }

    /// A new object owned by Rust with its first members or elements given, the rest zero
    /// (`ffi.new("struct point *", [1, 2])`, `ffi.new("int[]", [5, 12, 7])`): `"T *"` makes
    /// one `T` (a struct's members in declaration order, or the value of a scalar), `"T[]"`
    /// an array of as many elements as given, `"T[N]"` an array of `N`. Each value is checked
    /// as a call's argument is; `.into()` makes the object a struct value to pass by value.
    pub fn new_with<V: Into<Value>>(
        &self,
        spelling: &str,
        init: impl IntoIterator<Item = V>,
    ) -> Result<CData> {
        let init: Vec<Value> = init.into_iter().map(Into::into).collect();
        let mut object = match self.typeof_(spelling)?.shape() {
            Shape::Array(_, None) => self.new_array(spelling, init.len())?,
            _ => self.new_object(spelling)?,
        };
        object.initialise(init)?;
        Ok(object)
    }

    /// A new zeroed array of `len` elements owned by Rust (`ffi.new("int[]", len)`): the
    /// spelling is an array type without its length (`"int[]"`) or a pointer (`"int *"`).
    pub fn new_array(&self, spelling: &str, len: usize) -> Result<CData> {
        let ty = self.typeof_(spelling)?;
        let elem = match ty.shape() {
            Shape::Array(elem, None) | Shape::Pointer(elem) => elem,
            _ => {
                return Err(Error::Value(format!(
                    "`new_array` needs `T[]` or `T *`, not `{spelling}`"
                )));
            }
        };
        let array = cffi_frontend::Type::new(TypeKind::Array(
            Box::new(elem),
            cffi_frontend::ArrayLen::Fixed(len as u64),
        ));
        CData::zeroed(ty.with(array))
    }

    /// A pointer to the elements of `buf` for C (`ffi.from_buffer`): `spelling` is the C
    /// pointer or array type (`"double *"`, `"double[]"`), whose elements must be `T` (an
    /// `f64` buffer as `double`, an `i32` one as `int`, ...). C may read the buffer through
    /// it while `buf` is neither dropped nor changed; it is not tied to `buf`'s lifetime, so
    /// passing it to C after that is the call's `unsafe` to answer for.
    pub fn from_buffer<T: Element>(&self, spelling: &str, buf: &[T]) -> Result<Value> {
        let elem = buffer::element_of::<T>(&self.typeof_(spelling)?, spelling)?;
        Ok(Value::Pointer(buffer::pointer_to(elem, buf)))
    }

    /// As [`Ffi::from_buffer`], for C that writes into the buffer: valid while `buf` is
    /// neither dropped nor otherwise used.
    pub fn from_buffer_mut<T: Element>(&self, spelling: &str, buf: &mut [T]) -> Result<Value> {
        let elem = buffer::element_of::<T>(&self.typeof_(spelling)?, spelling)?;
        Ok(Value::Pointer(buffer::pointer_to(elem, buf as *mut [T])))
    }

    /// `(spelling) v`, as C converts: integers wrap to the target type, floats truncate to
    /// integers, integers and pointers convert to each other (`ffi.cast`).
    pub fn cast(&self, spelling: &str, v: &Value) -> Result<Value> {
        let ty = self.typeof_(spelling)?;
        let not = || Error::Value(format!("cannot cast {} to `{}`", v.describe(), ty.name()));
        match (ty.shape(), v) {
            (
                Shape::Int {
                    size,
                    signed,
                    bool_,
                },
                _,
            ) => {
                let x = match *v {
                    Value::Int(x) => x,
                    Value::Float(f) if f.is_finite() => f as i128,
                    Value::Pointer(ref p) => p.addr as usize as i128,
                    Value::Null => 0,
                    _ => return Err(not()),
                };
                if bool_ {
                    return Ok(Value::Int((x != 0).into()));
                }
                Ok(Value::Int(convert::extend(x as u128, size, signed)))
            }
            (Shape::LongDouble, _) => Ok(Value::Float(v.as_f64().ok_or_else(not)?)),
            (Shape::Float(size), _) => {
                let x = v.as_f64().ok_or_else(not)?;
                Ok(Value::Float(if size == 4 {
                    f64::from(x as f32)
                } else {
                    x
                }))
            }
            (Shape::Pointer(to), _) => {
                let addr = match *v {
                    Value::Int(x) => x as usize as *mut std::ffi::c_void,
                    Value::Pointer(ref p) => p.addr,
                    Value::Null => std::ptr::null_mut(),
                    _ => return Err(not()),
                };
                Ok(Value::Pointer(Pointer {
                    addr,
                    pointee: Pointed::new(ty.with(to)),
                }))
            }
            _ => Err(not()),
        }
    }

    /// The value of an integer, float or string constant: an enumerator or a `#define`.
    pub fn constant(&self, name: &str) -> Result<Value> {
        for e in &self.module().enums {
            if let Some(v) = e.variants.iter().flatten().find(|v| v.name == name) {
                return Ok(Value::Int(v.value));
            }
        }
        let c = self
            .module()
            .constant(name)
            .ok_or_else(|| Error::Undeclared(name.to_string()))?;
        match &c.value {
            ConstValue::Int { value, .. } => Ok(Value::Int(*value)),
            ConstValue::Float { value, .. } => Ok(Value::Float(*value)),
            ConstValue::Str(bytes) => Ok(Value::Bytes(bytes.clone())),
            ConstValue::Pointer { value, ty } => Ok(Value::Pointer(Pointer {
                addr: *value as usize as *mut std::ffi::c_void,
                pointee: Pointed::new(pointee(&CType::new(self.module().clone(), ty.clone()))),
            })),
            ConstValue::Address { symbol, .. } => Err(Error::Value(format!(
                "`{name}` is the address of `{symbol}`: open the library and read `global(\"{symbol}\")`"
            ))),
            ConstValue::FromCompiler => Err(Error::Unsupported(format!(
                "`{name}` is given by the C compiler, which run-time mode has none of"
            ))),
        }
    }

    /// Opens a shared library by name, as ABI mode does (`"m"` finds `libm.so.6`): its
    /// functions and globals are those the declarations name (`ffi.dlopen`).
    ///
    /// # Safety
    ///
    /// Opening a library runs its initialisers, which may do anything.
    pub unsafe fn dlopen(&self, name: &str) -> Result<Lib> {
        // SAFETY: the caller accepts the library's initialisers.
        unsafe { self.dlopen_with(name, LoadOptions::new()) }
    }

    /// [`Ffi::dlopen`] with options.
    ///
    /// # Safety
    ///
    /// As [`Ffi::dlopen`].
    pub unsafe fn dlopen_with(&self, name: &str, options: LoadOptions) -> Result<Lib> {
        // SAFETY: the caller's promise.
        let lib = unsafe { Library::open(name, options) }?;
        Ok(Lib::new(Arc::new(lib), self.module().clone()))
    }

    /// A C function pointer that calls `body` (`ffi.callback`). `signature` is a function
    /// type or a pointer to one (`"int(int, int)"`, `"int (*)(const void *, const void *)"`).
    pub fn callback(
        &self,
        signature: &str,
        body: impl Fn(&[Value]) -> Value + Send + Sync + 'static,
    ) -> Result<Callback> {
        let ty = self.typeof_(signature)?;
        let ty = match ty.shape() {
            Shape::Pointer(to) => ty.with(to),
            _ => ty,
        };
        match self.module().resolve(&ty.ty).kind {
            TypeKind::Function(f) => Callback::new(ty.clone(), &f, Box::new(body)),
            _ => Err(Error::Value(format!(
                "`{signature}` is not a function type"
            ))),
        }
    }
}

/// What a pointer type points to.
fn pointee(ty: &CType) -> CType {
    match ty.shape() {
        Shape::Pointer(to) => ty.with(to),
        _ => ty.clone(),
    }
}

/// Options of run-time declarations: the host's layouts; headers read leniently.
fn options(lenient: bool) -> Options {
    Options {
        target: Target::host(),
        lenient,
        ..Options::default()
    }
}
