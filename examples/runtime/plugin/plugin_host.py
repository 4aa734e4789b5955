"""The plugin host of examples/runtime/plugin_host.rs, in Python cffi: the same declarations,
calls, callback and output. `python3 plugin_host.py path/to/libplugin.so`"""
import sys
from cffi import FFI

ffi = FFI()
ffi.cdef("""
    struct point { double x, y; };
    const char *plugin_name(void);
    struct point plugin_transform(struct point p, double scale);
    double plugin_dot(const struct point *p);
    int plugin_filter(const int *values, int n, int (*keep)(void *ctx, int value), void *ctx);
    int plugin_log(char *out, int size, const char *fmt, ...);
""")
lib = ffi.dlopen(sys.argv[1])
print("plugin:", ffi.string(lib.plugin_name()).decode())
p = lib.plugin_transform(ffi.new("struct point *", [3, 4])[0], 2.0)
print("transformed:", p.x, p.y)
print("dot:", lib.plugin_dot(ffi.addressof(p)))
seen = []
@ffi.callback("int(void *, int)")
def keep(ctx, value):
    seen.append(value)
    return value > 10
values = ffi.new("int[]", [5, 12, 7, 30])
print("kept:", lib.plugin_filter(values, 4, keep, ffi.NULL), "of", seen)
out = ffi.new("char[]", 64)
lib.plugin_log(out, 64, b"%s scaled %d points by %g", lib.plugin_name(), ffi.cast("int", 1),
               ffi.cast("double", 2.0))
print("log:", ffi.string(out).decode())
