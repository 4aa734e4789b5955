//! Run-time mode's side of the call test: the header read with `cdef_header`, the library
//! opened, each function looked up and called with the driver's arguments (records filled
//! by the library's `init_rN`, callbacks forwarding to `fwd_fN`).

use cffi_core::runtime::{Error, Ffi, Lib, Value};

use crate::c_side::Built;
use crate::calls::{CTy, CallSet, Func, Shape, Val};
use crate::compare::Report;

/// Calls every function of `set` through run-time mode and compares with the driver.
pub fn compare(set: &CallSet, built: &Built) -> Report {
    let mut report = Report::default();
    let mut ffi = Ffi::new();
    if let Err(e) = ffi.cdef_header(&set.header()) {
        report
            .disagreements
            .push(format!("run-time mode rejects the header: {e}"));
        return report;
    }
    // SAFETY: the library's initialisers are gcc's, and it declares what the header says.
    let lib = match unsafe { ffi.dlopen(&built.library.display().to_string()) } {
        Ok(lib) => lib,
        Err(e) => {
            report.disagreements.push(format!("run-time dlopen: {e}"));
            return report;
        }
    };
    for f in &set.functions {
        let Some(&want) = built.expected.get(&f.name) else {
            continue;
        };
        match call(&ffi, &lib, set, f) {
            Ok(got) if got == want => report.agreed += 1,
            Ok(got) => report
                .disagreements
                .push(format!("run-time: {}: {got}, gcc {want}", f.name)),
            Err(Error::Unsupported(why)) => {
                report.refused.push(format!("run-time: {}: {why}", f.name))
            }
            Err(e) => report
                .disagreements
                .push(format!("run-time: {}: {e}", f.name)),
        }
    }
    report
}

fn call(ffi: &Ffi, lib: &Lib, set: &CallSet, f: &Func) -> Result<u64, Error> {
    let func = lib.function(&f.name)?;
    let types: Vec<CTy> = match &f.shape {
        Shape::Variadic(extra) => f.params.iter().chain(extra).cloned().collect(),
        _ => f.params.clone(),
    };
    let mut args = Vec::new();
    let mut keep = Vec::new();
    if f.shape == Shape::Callback {
        let fwd = lib.function(&format!("fwd_{}", f.name))?;
        let types: Vec<String> = f.params.iter().map(|t| t.c(set)).collect();
        let signature = format!("unsigned long long({})", types.join(", "));
        // SAFETY (of the call inside): `fwd_` takes exactly the callback's parameters.
        let cb = ffi.callback(&signature, move |a| {
            unsafe { fwd.call(a) }.unwrap_or(Value::Int(0))
        })?;
        args.push(cb.ptr());
        keep.push(cb);
    }
    for (v, t) in f.args.iter().zip(&types) {
        args.push(value(ffi, lib, set, v, t)?);
    }
    // SAFETY: the library defines each function as the header declares it; records and
    // callbacks live until the call returns.
    let result = unsafe {
        match &f.shape {
            Shape::Variadic(extra) => {
                let extra = extra
                    .iter()
                    .map(|t| ffi.typeof_(&t.c(set)))
                    .collect::<Result<Vec<_>, _>>()?;
                func.call_variadic(&args, &extra)?
            }
            _ => func.call(&args)?,
        }
    };
    drop(keep);
    match (f.ret, result) {
        (Some(i), Value::Data(d)) => {
            let hash = format!("hash_{}", set.records[i].tag);
            // SAFETY: `d` is a live record of the type `hash_` reads.
            as_u64(unsafe { lib.call(&hash, &[d.ptr()]) }?)
        }
        (_, v) => as_u64(v),
    }
}

fn as_u64(v: Value) -> Result<u64, Error> {
    v.as_int()
        .map(|i| i as u64)
        .ok_or_else(|| Error::Value(format!("not an integer result: {v:?}")))
}

fn value(ffi: &Ffi, lib: &Lib, set: &CallSet, v: &Val, t: &CTy) -> Result<Value, Error> {
    Ok(match (v, t) {
        (Val::Int(i), _) => Value::Int(*i),
        (Val::Float(x), _) => Value::Float(*x),
        (Val::Pointer(p), _) => ffi.cast("void *", &Value::Int(i128::from(*p)))?,
        (Val::Record(seed), CTy::Record(i)) => {
            let r = &set.records[*i];
            let obj = ffi.new_object(&format!("{} *", r.spelling()))?;
            // SAFETY: `obj` is a live record of the type `init_` fills.
            unsafe {
                lib.call(
                    &format!("init_{}", r.tag),
                    &[obj.ptr(), Value::Int(i128::from(*seed))],
                )
            }?;
            Value::from(obj)
        }
        (Val::Record(_), _) => return Err(Error::Value("a record value for a scalar".into())),
    })
}
