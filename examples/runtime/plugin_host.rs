//! A plugin host in run-time mode: the plugin's declarations are text read while the program
//! runs, its functions called with values checked against them, a Rust closure passed as its
//! callback. `plugin/plugin_host.py` is the same program in Python cffi.
//!
//! `cargo run -p cffi-runtime-examples --example plugin_host [path/to/libplugin.so]`

use std::sync::{Arc, Mutex};

use cffi_core::runtime::{Ffi, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut ffi = Ffi::new();
    ffi.cdef(r"
        struct point { double x, y; };
        const char *plugin_name(void);
        struct point plugin_transform(struct point p, double scale);
        double plugin_norm(const struct point *p);
        int plugin_filter(const int *values, int n, int (*keep)(void *ctx, int value), void *ctx);
        int plugin_log(char *out, int size, const char *fmt, ...);
    ")?;
    let path = std::env::args().nth(1).unwrap_or(env!("CFFI_EXAMPLE_PLUGIN_LIB").into());
    // SAFETY (here and in each call below): the plugin is one these declarations describe.
    let lib = unsafe { ffi.dlopen(&path) }?;
    let name = unsafe { lib.call("plugin_name", &[]) }?;
    println!("plugin: {}", String::from_utf8_lossy(&unsafe { name.string() }?));
    let p = ffi.new_with("struct point *", [3, 4])?.into();
    let p = unsafe { lib.call("plugin_transform", &[p, 2.0.into()]) }?;
    println!("transformed: {} {}", p.field("x")?, p.field("y")?);
    let q = ffi.new_with("struct point *", [p.field("x")?, p.field("y")?])?;
    println!("norm: {}", unsafe { lib.call("plugin_norm", &[q.ptr()]) }?);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let keep = ffi.callback("int(void *, int)", move |args| {
        log.lock().unwrap().push(args[1].clone());
        Value::from(args[1].as_int() > Some(10))
    })?;
    let values = ffi.new_with("int[]", [5, 12, 7, 30])?;
    let args = [values.ptr(), 4.into(), keep.ptr(), Value::Null];
    println!("kept: {} of {:?}", unsafe { lib.call("plugin_filter", &args) }?, seen.lock()?);
    let out = ffi.new_array("char[]", 64)?;
    let args = [out.ptr(), 64.into(), "%s scaled %d points by %g".into(), name, 1.into(), 2.0.into()];
    unsafe { lib.call_variadic("plugin_log", &args) }?;
    println!("log: {}", String::from_utf8_lossy(&out.string()?));
    Ok(())
}
