//! Calling declared C functions through libffi: the call interface built once per function
//! from its declaration, and each call's arguments checked against it.

use std::ffi::c_void;
use std::fmt;
use std::sync::Arc;

use cffi_frontend::{FnType, Module};
use libffi::middle::Cif;

use super::convert;
use super::ctype::{CType, Shape};
use super::direct::{self, Plan};
use super::error::{Error, Result};
use super::libffi_types::{ffi_type, result_type};
use super::typed::{CFn, Typed};
use super::value::{Pointed, Pointer, Value};
use crate::Library;

/// The most arguments passed from stack storage; calls with more allocate.
const STACK_ARGS: usize = 8;

/// One argument's bytes: every value run-time mode passes (integers, floats, pointers) fits.
type Slot = [u64; 2];

/// A declared function of an opened library, ready to call: its call interface is built
/// once, so each call only checks and converts its arguments.
pub struct Function {
    name: String,
    cif: Cif,
    code: *mut c_void,
    params: Vec<(CType, Shape)>,
    ret: (CType, Shape),
    variadic: bool,
    /// The function's own type, for [`Function::ptr`].
    fn_type: CType,
    /// The checks and registers of a call made without libffi, when the signature allows one.
    direct: Option<Plan>,
    /// For a pointer result, the type it points to.
    ret_pointee: Option<CType>,
    _lib: Arc<Library>,
}

// SAFETY: the call interface is prepared once and only read by libffi's calls, which may run
// on any thread at once; the code address and the library (held by an `Arc`) are shared.
unsafe impl Send for Function {}
// SAFETY: as above.
unsafe impl Sync for Function {}

impl fmt::Debug for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Function({} at {:p})", self.name, self.code)
    }
}

/// Why libffi would pass these arguments wrongly, if it would ([`super::sysv`]).
fn libffi_refusal(params: &[(CType, Shape)], ret: &(CType, Shape)) -> Option<Error> {
    let i = super::sysv::libffi_corrupts(params, ret)?;
    Some(Error::Unsupported(format!(
        "argument {} (`{}`), a record of more than 8 bytes starting in the sixth integer register, is passed wrongly by libffi before 3.4.7 (it overwrites the first floating-point argument); pass it through a pointer, or move it earlier in the parameter list",
        i + 1,
        params[i].0.name()
    )))
}

/// A parameter's or result's type and shape (arrays and functions decay to pointers).
fn typed(module: &Arc<Module>, ty: &cffi_frontend::Type) -> (CType, Shape) {
    let ty = CType::new(module.clone(), ty.clone());
    let ty = match ty.shape() {
        Shape::Function => ty.with((*ty.ty).clone().pointer_to()),
        _ => ty.decayed(),
    };
    let shape = ty.shape();
    (ty, shape)
}

/// Why a `__stdcall` function (32-bit x86) is not called in run-time mode: its calls go
/// through libffi's C convention.
pub(crate) const STDCALL: &str = "`__stdcall` functions are not called in run-time mode (libffi would call them by the C convention); use ABI or API mode";

impl Function {
    pub(crate) fn new(
        name: &str,
        fn_ty: &FnType,
        code: *mut c_void,
        module: Arc<Module>,
        lib: Arc<Library>,
    ) -> Result<Function> {
        let in_fn = |e: Error| match e {
            Error::Unsupported(m) => Error::Unsupported(format!("function `{name}`: {m}")),
            e => e,
        };
        if fn_ty.stdcall {
            return Err(in_fn(Error::Unsupported(STDCALL.into())));
        }
        let params: Vec<_> = fn_ty.params.iter().map(|p| typed(&module, &p.ty)).collect();
        let ret = typed(&module, &fn_ty.ret);
        let arg_types = params
            .iter()
            .map(|(t, s)| ffi_type(t, s))
            .collect::<Result<Vec<_>>>()
            .map_err(in_fn)?;
        let ret_type = result_type(&ret.0, &ret.1).map_err(in_fn)?;
        if let Some(e) = libffi_refusal(&params, &ret) {
            return Err(in_fn(e));
        }
        let direct = match fn_ty.variadic {
            false => direct::plan(params.iter().map(|(_, s)| s), &ret.1),
            true => None,
        };
        let ret_pointee = ret.0.pointee();
        Ok(Function {
            direct,
            ret_pointee,
            name: name.to_string(),
            cif: Cif::new(arg_types, ret_type),
            code,
            params,
            ret,
            variadic: fn_ty.variadic,
            fn_type: CType::new(
                module,
                cffi_frontend::Type::new(cffi_frontend::TypeKind::Function(Box::new(
                    fn_ty.clone(),
                ))),
            ),
            _lib: lib,
        })
    }

    /// The function's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parameters' types, as the function receives them (arrays as pointers).
    pub fn params(&self) -> impl ExactSizeIterator<Item = &CType> {
        self.params.iter().map(|(t, _)| t)
    }

    /// The result type.
    pub fn result(&self) -> &CType {
        &self.ret.0
    }

    /// Whether the function takes extra arguments (`...`).
    pub fn is_variadic(&self) -> bool {
        self.variadic
    }

    /// The function's address, as a C function pointer value (to pass as a callback). Valid
    /// while the library is open: keep this `Function` (or its [`Lib`](super::Lib)) alive.
    pub fn ptr(&self) -> Value {
        Value::Pointer(Pointer {
            addr: self.code,
            pointee: Pointed::new(self.fn_type.clone()),
        })
    }

    /// The function as Rust function pointer type `F` (`unsafe extern "C" fn(c_int) -> c_int`),
    /// checked now against the declaration: the number of parameters, each one's and the
    /// result's kind, size and signedness, what pointers point to (`c_void` for any; `*const`
    /// only where C's pointee is `const`) and function pointers' signatures. A mismatch is an
    /// error naming both types. Calls through the handle cost a plain indirect call and are
    /// not checked further: the types are.
    pub fn typed<F: CFn>(&self) -> Result<Typed<F>> {
        let params: Vec<CType> = self.params.iter().map(|(t, _)| t.clone()).collect();
        Typed::new(
            &self.name,
            (&params, &self.ret.0, self.variadic),
            &self.fn_type,
            self.code,
            self._lib.clone(),
        )
    }

    /// Calls the function. The arguments are checked against the declaration: their number,
    /// their kinds, integers against their C type's range, pointers against the parameter's
    /// pointer type; a mismatch is an error and C is not called.
    ///
    /// # Safety
    ///
    /// The call runs C code, which can do anything its declaration does not say: the caller
    /// vouches that the declaration matches the library's function and that the pointers
    /// passed are valid for what the function does with them (and for as long as it keeps
    /// them).
    #[inline(always)]
    pub unsafe fn call(&self, args: &[Value]) -> Result<Value> {
        // Integer and pointer arguments, the most common signatures, in the caller's code:
        // one comparison per argument, the registers loaded from where they were worked out.
        if let Some(plan) = &self.direct
            && plan.ints_only
            && args.len() == plan.args.len()
            && let Some(ints) = plan.int_registers(&self.params, args)
        {
            // SAFETY: the caller's promise; every parameter is of the integer class and
            // `ints` holds the arguments in order.
            let results = unsafe { direct::call_ints(self.code, ints) };
            return plan.result(&results, self.ret_pointee.as_ref());
        }
        // SAFETY: the caller's promise.
        unsafe { self.call_planned(args) }
    }

    /// A direct call with floating arguments, or else the general path.
    #[inline(never)]
    unsafe fn call_planned(&self, args: &[Value]) -> Result<Value> {
        if let Some(plan) = &self.direct
            && !plan.ints_only
            && args.len() == plan.args.len()
            && let Some(regs) = plan.registers(&self.params, args)
        {
            // SAFETY: the caller's promise; the registers hold the arguments as the plan
            // classified the declared parameters.
            let results = unsafe { direct::call(self.code, &regs) };
            return plan.result(&results, self.ret_pointee.as_ref());
        }
        // SAFETY: the caller's promise.
        unsafe { self.call_general(args) }
    }

    /// A call the direct path does not make: variadic functions (refused here), a wrong
    /// number of arguments, a value it leaves to the full conversion (and its error), and
    /// signatures libffi passes.
    #[inline(never)]
    unsafe fn call_general(&self, args: &[Value]) -> Result<Value> {
        if self.variadic {
            return Err(Error::Value(format!(
                "`{}` is variadic: call it with `Lib::call_variadic` (the extra values passed as C passes their kinds) or `Function::call_variadic` (their types given)",
                self.name
            )));
        }
        if args.len() != self.params.len() {
            return Err(self.arity(args.len()));
        }
        // SAFETY: the caller's promise; the interface matches the parameters.
        unsafe { self.call_with(&self.cif, &self.params, args) }
    }

    /// Calls a variadic function: `args` are the declared parameters' values followed by the
    /// extra ones, whose C types `extra` gives (after C's promotions: `float` is passed as
    /// `double`, integers narrower than `int` as `int`).
    ///
    /// # Safety
    ///
    /// As [`Function::call`]; also the extra types must be what the function reads.
    pub unsafe fn call_variadic(&self, args: &[Value], extra: &[CType]) -> Result<Value> {
        let fixed = self.params.len();
        if !self.variadic {
            return Err(Error::Value(format!("`{}` is not variadic", self.name)));
        }
        if args.len() != fixed + extra.len() {
            return Err(Error::Value(format!(
                "`{}` gets {} arguments but {} declared ones and {} extra types",
                self.name,
                args.len(),
                fixed,
                extra.len()
            )));
        }
        let mut params = self.params.clone();
        for t in extra {
            let t = promoted(&t.decayed());
            let s = t.shape();
            params.push((t, s));
        }
        let types = params
            .iter()
            .map(|(t, s)| ffi_type(t, s))
            .collect::<Result<Vec<_>>>()?;
        let ret = result_type(&self.ret.0, &self.ret.1)?;
        if let Some(e) = libffi_refusal(&params, &self.ret) {
            return Err(e);
        }
        let cif = Cif::new_variadic(types, fixed, ret);
        // SAFETY: the caller's promise; the interface matches `params`.
        unsafe { self.call_with(&cif, &params, args) }
    }

    fn arity(&self, given: usize) -> Error {
        Error::Value(format!(
            "`{}` takes {} argument{} but {given} {} given",
            self.name,
            self.params.len(),
            if self.params.len() == 1 { "" } else { "s" },
            if given == 1 { "was" } else { "were" }
        ))
    }

    unsafe fn call_with(
        &self,
        cif: &Cif,
        params: &[(CType, Shape)],
        args: &[Value],
    ) -> Result<Value> {
        let mut stack_slots = [[0u64; 2]; STACK_ARGS];
        let mut heap_slots = Vec::new();
        let slots: &mut [Slot] = if args.len() <= STACK_ARGS {
            &mut stack_slots[..args.len()]
        } else {
            heap_slots.resize(args.len(), [0u64; 2]);
            &mut heap_slots
        };
        // `Bytes` arguments: NUL-terminated copies that live until the call returns.
        let mut copies: Vec<Vec<u8>> = Vec::new();
        // Records by value: passed from their own memory, or from copies padded to whole
        // eightbytes, which live until the call returns.
        let mut ptrs_to_data: Vec<(usize, *mut c_void)> = Vec::new();
        let mut records: Vec<Vec<u64>> = Vec::new();
        for (i, ((ty, shape), v)) in params.iter().zip(args).enumerate() {
            let at = slots[i].as_mut_ptr().cast::<u8>();
            let what = || format!("argument {} of `{}`", i + 1, self.name);
            match (shape, v) {
                // The common case first, without the general conversion's checks of kinds.
                (
                    &Shape::Int {
                        size,
                        signed,
                        bool_: false,
                    },
                    &Value::Int(x),
                ) if cfg!(target_endian = "little") && convert::fits(x, size, signed) => {
                    // SAFETY: a slot holds 8 bytes; libffi reads the low `size` of them.
                    unsafe { at.cast::<u64>().write(x as u64) };
                }
                (Shape::Record(_), Value::Data(d)) => {
                    convert::same_record(ty, d, &what)?;
                    let bytes = d.as_bytes();
                    if !bytes.is_empty() && bytes.len().is_multiple_of(8) {
                        // libffi copies the record from its own memory.
                        ptrs_to_data.push((i, bytes.as_ptr().cast_mut().cast()));
                        continue;
                    }
                    // libffi reads the record in whole eightbytes (since 3.4.7, even past
                    // the end of a smaller one): it reads a copy padded to them.
                    let mut padded = vec![0u64; bytes.len().div_ceil(8).max(1)];
                    // SAFETY: `padded` holds at least `bytes.len()` bytes.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            bytes.as_ptr(),
                            padded.as_mut_ptr().cast::<u8>(),
                            bytes.len(),
                        )
                    };
                    ptrs_to_data.push((i, padded.as_mut_ptr().cast()));
                    records.push(padded);
                    continue;
                }
                (Shape::Pointer(to), Value::Bytes(b)) if convert::takes_bytes(ty, to) => {
                    let mut copy = Vec::with_capacity(b.len() + 1);
                    copy.extend_from_slice(b);
                    copy.push(0);
                    // SAFETY: a slot holds a pointer.
                    unsafe { at.cast::<*const u8>().write(copy.as_ptr()) };
                    copies.push(copy);
                }
                // SAFETY: a slot holds any value of these shapes.
                _ => unsafe { convert::store_shaped(ty, shape, v, at, &what)? },
            }
        }
        let mut stack_ptrs = [std::ptr::null_mut::<c_void>(); STACK_ARGS];
        let mut heap_ptrs = Vec::new();
        let ptrs: &mut [*mut c_void] = if args.len() <= STACK_ARGS {
            &mut stack_ptrs[..args.len()]
        } else {
            heap_ptrs.resize(args.len(), std::ptr::null_mut());
            &mut heap_ptrs
        };
        for (p, slot) in ptrs.iter_mut().zip(slots.iter_mut()) {
            *p = slot.as_mut_ptr().cast();
        }
        for (i, p) in ptrs_to_data {
            ptrs[i] = p;
        }
        // The result: a register's worth, or a record's size (in words, so aligned).
        let mut small: [u64; 4] = [0; 4];
        let mut large = Vec::new();
        let ret: &mut [u64] = match self.ret.1 {
            Shape::Record(_) if self.ret.0.size()? > size_of_val(&small) => {
                large.resize(self.ret.0.size()?.div_ceil(8), 0u64);
                &mut large
            }
            _ => &mut small,
        };
        // SAFETY: the interface describes the parameters, each slot holds its argument, and
        // the result buffer is larger than any result run-time mode returns.
        unsafe {
            libffi::raw::ffi_call(
                cif.as_raw_ptr(),
                Some(std::mem::transmute::<*mut c_void, unsafe extern "C" fn()>(
                    self.code,
                )),
                ret.as_mut_ptr().cast(),
                ptrs.as_mut_ptr(),
            );
        }
        drop((copies, records));
        // SAFETY: libffi wrote the result there (widened to a register for small integers).
        unsafe { read_result(&self.ret.0, &self.ret.1, ret.as_ptr().cast()) }
    }
}

/// C's default argument promotions, for the extra arguments of a variadic call.
fn promoted(t: &CType) -> CType {
    use cffi_frontend::{FloatKind, IntKind, TypeKind};
    match t.shape() {
        Shape::Float(4) => t.with(cffi_frontend::Type::new(TypeKind::Float(FloatKind::Double))),
        Shape::Int { size, .. } if size < 4 => {
            t.with(cffi_frontend::Type::new(TypeKind::Int(IntKind::Int)))
        }
        _ => t.clone(),
    }
}

/// A result as libffi leaves it: integers narrower than a register are widened to one.
///
/// # Safety
///
/// `at` holds a result of shape `shape`, widened as libffi does.
pub(crate) unsafe fn read_result(ty: &CType, shape: &Shape, at: *const u8) -> Result<Value> {
    match *shape {
        Shape::Int {
            size,
            signed,
            bool_,
        } if usize::from(size) < size_of::<libffi::raw::ffi_arg>() => {
            // SAFETY: libffi writes a whole `ffi_arg` for small integers.
            let raw = unsafe { at.cast::<libffi::raw::ffi_arg>().read() };
            let v = convert::extend(raw as u128, size, signed);
            if bool_ && v > 1 {
                return Err(Error::Value(format!("a `_Bool` result holds {v}")));
            }
            Ok(Value::Int(v))
        }
        // SAFETY: the caller's promise.
        _ => unsafe { convert::load_shaped(ty, shape, at) },
    }
}
