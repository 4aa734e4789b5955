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
