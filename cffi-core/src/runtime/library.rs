//! A library opened at run time, with the declarations its functions and globals are read by.

use std::sync::Arc;

use cffi_frontend::Module;

use super::call::Function;
use super::ctype::CType;
use super::error::{Error, Result};
use super::typed::{CFn, Typed};
use super::value::{Pointed, Pointer, Value};
use crate::{Library, LoadError};

/// A shared library opened by [`Ffi::dlopen`](super::Ffi::dlopen) (Python cffi's `lib`).
/// Functions and globals are looked up by their declared names; the library stays open while
/// this or a [`Function`] from it lives.
#[derive(Debug, Clone)]
pub struct Lib {
    lib: Arc<Library>,
    module: Arc<Module>,
}

impl Lib {
    pub(crate) fn new(lib: Arc<Library>, module: Arc<Module>) -> Lib {
        Lib { lib, module }
    }

    /// The file that was opened.
    pub fn path(&self) -> &str {
        self.lib.path()
    }

    fn symbol(&self, name: &str) -> Result<*mut std::ffi::c_void> {
        let mut missing = Vec::new();
        self.lib.address(name, &mut missing).ok_or_else(|| {
            Error::Load(LoadError::MissingSymbols {
                library: self.lib.path().to_string(),
                symbols: missing,
            })
        })
    }

    /// The declaration of function `name` (or of the function a `#define name` names) and
    /// its address.
    fn declared(&self, name: &str) -> Result<(&cffi_frontend::Function, *mut std::ffi::c_void)> {
        let target = self
            .module
            .aliases
            .iter()
            .find(|a| a.name == name)
            .map_or(name, |a| a.function.as_str());
        let f = self
            .module
            .function(target)
            .ok_or_else(|| Error::Undeclared(name.to_string()))?;
        let code = self.symbol(f.asm_name.as_deref().unwrap_or(&f.name))?;
        Ok((f, code))
    }

    /// Declared function `name` (or a `#define` naming one), ready to call. Build it once and
    /// call it many times: this looks the symbol up and prepares the call.
    pub fn function(&self, name: &str) -> Result<Function> {
        let (f, code) = self.declared(name)?;
        Function::new(name, &f.ty, code, self.module.clone(), self.lib.clone())
    }

    /// Declared function `name` as a typed handle of Rust type `F`, checked against the
    /// declaration as [`Function::typed`] does. It needs no libffi description, so it also
    /// serves signatures [`Lib::function`] refuses for libffi's sake (a union of floats by
    /// value, which Rust's compiler passes as C's does).
    pub fn typed<F: CFn>(&self, name: &str) -> Result<Typed<F>> {
        let (f, code) = self.declared(name)?;
        let fn_type = CType::new(
            self.module.clone(),
            cffi_frontend::Type::new(cffi_frontend::TypeKind::Function(Box::new(f.ty.clone()))),
        );
        let (params, ret) = super::typed::signature(&fn_type, &f.ty);
        Typed::new(
            name,
            (&params, &ret, f.ty.variadic),
            &fn_type,
            code,
            self.lib.clone(),
        )
    }

    /// Calls declared function `name`: [`Lib::function`] then [`Function::call`].
    ///
    /// # Safety
    ///
    /// As [`Function::call`].
    pub unsafe fn call(&self, name: &str, args: &[Value]) -> Result<Value> {
        // SAFETY: the caller's promise.
        unsafe { self.function(name)?.call(args) }
    }

    /// Calls variadic function `name` with `args`, its declared parameters' values then the
    /// extra ones, each passed as C passes a value of its kind to `...` (Python cffi's
    /// `lib.printf(b"%d %s\n", 1, b"x")`): an integer as an `int` (one that does not fit
    /// is an error: give the type with [`Function::call_variadic`]), a float as a `double`,
    /// a pointer as its own type, bytes as a `char *`, NULL as a `void *`, a struct as itself.
    ///
    /// # Safety
    ///
    /// As [`Function::call`]; also the function must read the extra arguments as those types.
    pub unsafe fn call_variadic(&self, name: &str, args: &[Value]) -> Result<Value> {
        let f = self.function(name)?;
        let fixed = f.params().len();
        let Some(extra) = args.get(fixed..) else {
            return Err(Error::Value(format!(
                "`{name}` takes at least {fixed} arguments but {} were given",
                args.len()
            )));
        };
        let extra = extra
            .iter()
            .enumerate()
            .map(|(i, v)| {
                self.passed_type(v).map_err(|why| {
                    Error::Value(format!("argument {} of `{name}`: {why}", fixed + i + 1))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        // SAFETY: the caller's promise.
        unsafe { f.call_variadic(args, &extra) }
    }

    /// The C type a value of this kind is passed as to `...`.
    fn passed_type(&self, v: &Value) -> std::result::Result<CType, String> {
        use cffi_frontend::{FloatKind, IntKind, Type, TypeKind};
        let of = |kind| CType::new(self.module.clone(), Type::new(kind));
        Ok(match v {
            Value::Int(x) if i32::try_from(*x).is_ok() => of(TypeKind::Int(IntKind::Int)),
            Value::Int(x) => {
                return Err(format!(
                    "{x} does not fit an `int`: give the extra arguments' types with `Function::call_variadic`"
                ));
            }
            Value::Float(_) => of(TypeKind::Float(FloatKind::Double)),
            Value::Pointer(p) => p.ctype(),
            Value::Bytes(_) => {
                let char_ = Type::new(TypeKind::Int(IntKind::Char));
                CType::new(self.module.clone(), char_.pointer_to())
            }
            Value::Null => CType::new(self.module.clone(), Type::new(TypeKind::Void).pointer_to()),
            Value::Data(d) => d.ctype().clone(),
            Value::Void => return Err("no value (void) is not an argument".into()),
        })
    }

    /// The address of declared global `name`, typed (`ffi.addressof(lib, "name")`): read and
    /// write the global through it.
    pub fn global(&self, name: &str) -> Result<Pointer> {
        let v = self
            .module
            .vars
            .iter()
            .find(|v| v.name == name)
            .ok_or_else(|| Error::Undeclared(name.to_string()))?;
        let addr = self.symbol(v.asm_name.as_deref().unwrap_or(&v.name))?;
        Ok(Pointer {
            addr,
            pointee: Pointed::new(CType::new(self.module.clone(), v.ty.clone())),
        })
    }
}
