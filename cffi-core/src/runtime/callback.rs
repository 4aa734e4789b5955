//! C function pointers that call Rust closures, for signatures given as text.

use std::ffi::c_void;
use std::fmt;
use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind};

use libffi::middle::{Cif, Closure};
use libffi::raw::{ffi_arg, ffi_cif};

use super::convert;
use super::ctype::{CType, Shape};
use super::error::{Error, Result};
use super::libffi_types::{ffi_type, result_type};
use super::value::{Pointed, Pointer, Value};

type Body = dyn Fn(&[Value]) -> Value + Send + Sync;

/// What the trampoline needs: the closure and the C types of its parameters and result.
struct Data {
    body: Box<Body>,
    params: Vec<(CType, Shape)>,
    /// How each argument is read, worked out once.
    reads: Vec<Read>,
    ret: (CType, Shape),
    signature: String,
}

/// How one argument of a callback becomes a [`Value`].
enum Read {
    /// An integer of `size` bytes (not `_Bool`).
    Int { size: u8, signed: bool },
    /// A pointer, to the type given.
    Pointer(CType),
    /// Every other shape, through the general conversion.
    Shaped,
}

impl Read {
    fn of(ty: &CType, shape: &Shape) -> Read {
        match *shape {
            Shape::Int {
                size,
                signed,
                bool_: false,
            } if matches!(size, 1 | 2 | 4 | 8) => Read::Int { size, signed },
            Shape::Pointer(ref to) => Read::Pointer(ty.with(to.clone())),
            _ => Read::Shaped,
        }
    }

    /// The argument at `at`, into `out` (written in place: a `Value` moved after it is
    /// built is read back before its halves are stored, which stalls).
    ///
    /// # Safety
    ///
    /// `at` holds a value of the parameter's type.
    #[inline]
    unsafe fn read(&self, param: &(CType, Shape), at: *const u8, out: &mut Value) -> Result<()> {
        *out = match *self {
            Read::Int { size, signed } => {
                // SAFETY: the caller's promise: `size` readable bytes, read as one value of
                // that width (a copy of a variable length would stall the load after it).
                let raw = unsafe {
                    match size {
                        1 => u64::from(at.read()),
                        2 => u64::from(at.cast::<u16>().read_unaligned()),
                        4 => u64::from(at.cast::<u32>().read_unaligned()),
                        _ => at.cast::<u64>().read_unaligned(),
                    }
                };
                let shift = 64 - 8 * u32::from(size);
                let raw = raw << shift;
                Value::Int(match signed {
                    true => i128::from((raw as i64) >> shift),
                    false => i128::from(raw >> shift),
                })
            }
            Read::Pointer(ref pointee) => Value::Pointer(Pointer {
                // SAFETY: the caller's promise: a pointer's bytes.
                addr: unsafe { at.cast::<*mut c_void>().read_unaligned() },
                pointee: Pointed::new(pointee.clone()),
            }),
            // SAFETY: the caller's promise.
            Read::Shaped => unsafe { convert::load_shaped(&param.0, &param.1, at) }?,
        };
        Ok(())
    }
}

/// Arguments kept without allocating, for callbacks of up to this many parameters.
const STACK_ARGS: usize = 8;

/// A C function pointer that calls a Rust closure (`ffi.callback`). C may call it while the
/// `Callback` lives; [`Callback::ptr`] is the value to pass.
///
/// A closure that panics, or returns a value that does not fit the C result type, has the
/// error printed to standard error and returns zero to C, as Python cffi does: unwinding into
/// C is undefined behaviour.
pub struct Callback {
    closure: ManuallyDrop<Closure<'static>>,
    data: *mut Data,
    ty: CType,
}

// SAFETY: the closure is `Send + Sync`; the libffi closure and the data it reads are only
// read once made, and freed together when the `Callback` is dropped, on any thread.
unsafe impl Send for Callback {}
// SAFETY: as above.
unsafe impl Sync for Callback {}

impl fmt::Debug for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Callback({})", self.ty.name())
    }
}

impl Drop for Callback {
    fn drop(&mut self) {
        // SAFETY: the closure goes first, then the data it referred to, leaked in `new`.
        unsafe {
            ManuallyDrop::drop(&mut self.closure);
            drop(Box::from_raw(self.data));
        }
    }
}

impl Callback {
    /// A callback of function type `ty` (the function's type, not a pointer to it).
    pub(crate) fn new(
        ty: CType,
        fn_ty: &cffi_frontend::FnType,
        body: Box<Body>,
    ) -> Result<Callback> {
        if fn_ty.variadic {
            return Err(Error::Unsupported(
                "a variadic callback: C gives no types for the extra arguments".into(),
            ));
        }
        if fn_ty.stdcall {
            return Err(Error::Unsupported(super::call::STDCALL.into()));
        }
        let typed = |t: &cffi_frontend::Type| {
            let c = ty.with(t.clone()).decayed();
            let s = c.shape();
            (c, s)
        };
        let params: Vec<_> = fn_ty.params.iter().map(|p| typed(&p.ty)).collect();
        let ret = typed(&fn_ty.ret);
        let arg_types = params
            .iter()
            .map(|(t, s)| ffi_type(t, s))
            .collect::<Result<Vec<_>>>()?;
        let cif = Cif::new(arg_types, result_type(&ret.0, &ret.1)?);
        let reads = params.iter().map(|(t, s)| Read::of(t, s)).collect();
        let data = Box::into_raw(Box::new(Data {
            body,
            params,
            reads,
            ret,
            signature: ty.name(),
        }));
        // SAFETY: `data` lives until `drop`, which drops the closure first.
        let closure = Closure::new(cif, trampoline, unsafe { &*data });
        Ok(Callback {
            closure: ManuallyDrop::new(closure),
            data,
            ty,
        })
    }

    /// The C function pointer, typed as the callback's signature.
    pub fn ptr(&self) -> Value {
        let code: *const c_void = *self.closure.code_ptr() as *const c_void;
        Value::Pointer(Pointer {
            addr: code.cast_mut(),
            pointee: Pointed::new(self.ty.clone()),
        })
    }
}

unsafe extern "C" fn trampoline(
    _cif: &ffi_cif,
    result: &mut ffi_arg,
    args: *const *const c_void,
    data: &Data,
) {
    let out = (result as *mut ffi_arg).cast::<u8>();
    let fail = |e: &dyn fmt::Display| {
        eprintln!(
            "cffi-rs: callback `{}`: {e}; returning 0 to C",
            data.signature
        );
        // SAFETY: libffi's result buffer holds at least an `ffi_arg` and the result type.
        unsafe { std::ptr::write_bytes(out, 0, size_of::<ffi_arg>().max(8)) };
    };
    // An error is reported where it happens: only the panic's small result leaves the
    // closure, not a moved `Result`.
    let call = || {
        // SAFETY: libffi's promise: one pointer per parameter, and the result buffer.
        if let Err(e) = unsafe { run(data, args, out) } {
            fail(&e);
        }
    };
    if catch_unwind(AssertUnwindSafe(call)).is_err() {
        fail(&"the closure panicked");
    }
}

/// Reads the arguments, runs the closure and writes its result to C from where the closure
/// left it.
///
/// # Safety
///
/// `args` holds one pointer per parameter, to a value of its type; `out` is libffi's result
/// buffer.
#[inline(always)]
unsafe fn run(data: &Data, args: *const *const c_void, out: *mut u8) -> Result<()> {
    let n = data.params.len();
    let arg = |i: usize, out: &mut Value| {
        // SAFETY: the caller's promise.
        unsafe { data.reads[i].read(&data.params[i], (*args.add(i)).cast(), out) }
    };
    let result = if n <= STACK_ARGS {
        let mut values: [Value; STACK_ARGS] = std::array::from_fn(|_| Value::Void);
        for (i, v) in values[..n].iter_mut().enumerate() {
            arg(i, v)?;
        }
        (data.body)(&values[..n])
    } else {
        let mut values = vec![Value::Void; n];
        for (i, v) in values.iter_mut().enumerate() {
            arg(i, v)?;
        }
        (data.body)(&values)
    };
    write_result(&data.ret, &result, out)
}

/// Writes a callback's result where libffi expects it: integers narrower than a register
/// widened to an `ffi_arg`.
fn write_result((ty, shape): &(CType, Shape), v: &Value, out: *mut u8) -> Result<()> {
    let what = || "the callback's result".to_string();
    match (shape, v) {
        (Shape::Void, _) => Ok(()),
        (
            &Shape::Int {
                size,
                signed,
                bool_,
            },
            Value::Int(x),
        ) if usize::from(size) < size_of::<ffi_arg>() => {
            let (lo, hi) = convert::int_range(size, signed, bool_);
            if *x < lo || *x > hi {
                return Err(Error::Value(format!(
                    "{}: {x} does not fit `{}`",
                    what(),
                    ty.name()
                )));
            }
            // SAFETY: the buffer holds an `ffi_arg`; a signed value is sign-extended.
            unsafe { out.cast::<ffi_arg>().write(*x as i64 as ffi_arg) };
            Ok(())
        }
        // SAFETY: the buffer holds the result type.
        _ => unsafe { convert::store_shaped(ty, shape, v, out, &what) },
    }
}
