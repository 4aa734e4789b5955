//! A plugin host in run-time mode: the plugin's declarations are text read while the program
//! runs, its functions called with values checked against them, a Rust closure with state
//! passed as its callback. `plugin/plugin_host.py` is the same program in Python cffi.
//!
//! `cargo run -p cffi-runtime-examples --example plugin_host [path/to/libplugin.so]`

use cffi_core::runtime::{Ffi, Value};

const DECLARATIONS: &str = r"
    struct point { double x, y; };
    const char *plugin_name(void);
    struct point plugin_transform(struct point p, double scale);
    double plugin_dot(const struct point *p);
    int plugin_filter(const int *values, int n, int (*keep)(void *ctx, int value), void *ctx);
    int plugin_log(char *out, int size, const char *fmt, ...);
";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ffi = Ffi::from_cdef(DECLARATIONS)?;
    let path = std::env::args().nth(1);
    // SAFETY: the plugin is one these declarations describe (the one the build script builds
    // unless another is named); every pointer passed lives through its call.
    unsafe {
        let lib = ffi.dlopen(path.as_deref().unwrap_or(env!("CFFI_EXAMPLE_PLUGIN_LIB")))?;
        println!("plugin: {}", lib.call("plugin_name", &[])?.text()?);
        let p = ffi.new_with("struct point *", [3, 4])?.into();
        let p = lib.call("plugin_transform", &[p, 2.0.into()])?;
        println!("transformed: {} {}", p.field("x")?, p.field("y")?);
        println!("dot: {}", lib.call("plugin_dot", &[p.ptr()?])?);
        let keep = ffi.callback_with("int(void *, int)", Vec::new(), |seen, args| {
            seen.push(args[1].as_int().unwrap_or_default());
            Value::from(args[1].as_int() > Some(10))
        })?;
        let values = ffi.new_with("int[]", [5, 12, 7, 30])?;
        let args = [values.ptr(), 4.into(), keep.ptr(), Value::Null];
        let kept = lib.call("plugin_filter", &args)?;
        println!("kept: {kept} of {:?}", keep.state());
        let (out, name) = (ffi.new_array("char[]", 64)?, lib.call("plugin_name", &[])?);
        let fmt = "%s scaled %d points by %g".into();
        let args = [out.ptr(), 64.into(), fmt, name, 1.into(), 2.0.into()];
        lib.call_variadic("plugin_log", &args)?;
        println!("log: {}", out.text()?);
    }
    Ok(())
}
