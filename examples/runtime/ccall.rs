//! Calls any C function named on the command line, with declarations read at run time: the
//! library, the function's declaration, then its arguments.
//!
//! `cargo run --example ccall -- m "double cos(double x);" 0.5` prints `0.8775825618903728`.
//! `cargo run --example ccall -- c "int abs(int);" -7` prints `7`.
//! `cargo run --example ccall -- z "const char *zlibVersion(void);"` prints zlib's version.
//!
//! Integers are checked against their C type, so `ccall c "int abs(int);" 9999999999` is an
//! error, not a truncation. Strings go to `char *` parameters; a `char *` result is printed as
//! text.

use cffi_core::runtime::{CType, Ffi, Kind, Value};

fn main() {
    if let Err(e) = run(std::env::args().skip(1).collect()) {
        eprintln!("ccall: {e}");
        std::process::exit(1);
    }
}

fn run(args: Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    let [lib, declaration, values @ ..] = &args[..] else {
        return Err("usage: ccall LIBRARY \"DECLARATION;\" [ARGUMENT...]".into());
    };
    let mut ffi = Ffi::new();
    ffi.cdef(declaration)?;
    let name = match ffi.functions().collect::<Vec<_>>()[..] {
        [name] => name.to_string(),
        _ => return Err("declare exactly one function".into()),
    };
    // SAFETY: opening a library the user named runs its initialisers, as `dlopen` would.
    let lib = unsafe { ffi.dlopen(lib) }?;
    let f = lib.function(&name)?;
    if f.is_variadic() {
        return Err(format!("`{name}` is variadic: its extra arguments have no types").into());
    }
    let args = f
        .params()
        .zip(values)
        .map(|(ty, text)| argument(ty, text))
        .collect::<Result<Vec<_>, _>>()?;
    // SAFETY: the user vouches that the declaration is the library's; the arguments are
    // checked against it (count, kinds, ranges) before C runs.
    let result = unsafe { f.call(&args) }?;
    println!("{}", shown(f.result(), &result)?);
    Ok(())
}

/// A command-line argument as a value of parameter type `ty`.
fn argument(ty: &CType, text: &str) -> Result<Value, String> {
    let bad = || format!("`{text}` is not a value of `{ty}`");
    match ty.kind() {
        Kind::Int { .. } => text.parse::<i128>().map(Value::Int).map_err(|_| bad()),
        Kind::Float { .. } => text.parse::<f64>().map(Value::Float).map_err(|_| bad()),
        Kind::Pointer if is_char(ty) => Ok(Value::from(text)),
        Kind::Pointer if text == "NULL" => Ok(Value::Null),
        _ => Err(format!(
            "ccall cannot make a value of `{ty}` from the command line"
        )),
    }
}

fn is_char(pointer: &CType) -> bool {
    pointer
        .pointee()
        .is_some_and(|t| matches!(t.kind(), Kind::Int { size: 1, .. }))
}

/// A result as text: numbers as Rust prints them, `char *` as its string.
fn shown(ty: &CType, v: &Value) -> Result<String, Box<dyn std::error::Error>> {
    Ok(match v {
        Value::Void => String::new(),
        Value::Int(x) => x.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Pointer(p) if is_char(ty) && !p.is_null() => {
            // SAFETY: a function declared to return `char *` returns a string (the user
            // vouched for the declaration).
            String::from_utf8_lossy(&unsafe { p.string() }?).into_owned()
        }
        Value::Pointer(p) => format!("({ty}) {:p}", p.addr()),
        other => format!("{other:?}"),
    })
}
