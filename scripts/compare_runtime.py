#!/usr/bin/env python3
"""Run-time FFIs side by side: cffi-rs's run-time mode, LuaJIT's FFI, Python cffi's
ffi.dlopen and ctypes, on the same shared library (tests/c/bench.c built with -O3) and the
same loops:

- a call of `int bench_add1(int)` from the host language, the result fed to the next call;
- a call from C into a callback of the host language (`bench_apply_n` calls `x = f(x)`
  1000 times; the time is per callback).

    python3 scripts/compare_runtime.py            # everything (runs cargo bench first)
    python3 scripts/compare_runtime.py --no-rust  # the others, Rust from the last bench run

It installs Debian's luajit with apt-get if it is missing (as root or with sudo). Every side
reports the same statistic: the median, over samples, of the time per call within a sample
(a sample is a batch of calls timed together). criterion's median estimate is that statistic
for the Rust side.
"""

import argparse
import ctypes
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import timeit

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "runtime-compare"
SOURCE = ROOT / "tests" / "c" / "bench.c"
CALLS = 1_000_000
CALLBACKS = 1000
SAMPLES = 7

LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
int bench_add1(int x);
int bench_apply_n(int (*f)(int), int x, int n);
]]
local lib = ffi.load(arg[1])
local calls, callbacks, samples = tonumber(arg[2]), tonumber(arg[3]), tonumber(arg[4])
local function median(t) table.sort(t); return t[math.floor(#t / 2) + 1] end
local function add1_loop()
  local x = 0
  local add1 = lib.bench_add1
  for _ = 1, calls do x = add1(x) end
  return x
end
local function per_call(f, n)
  f()
  local times = {}
  for s = 1, samples do
    local t0 = os.clock()
    f()
    times[s] = (os.clock() - t0) / n * 1e9
  end
  return median(times)
end
local on = per_call(add1_loop, calls)
local cb = ffi.cast("int (*)(int)", function(x) return x + 1 end)
local function callback_loop()
  for _ = 1, 100 do lib.bench_apply_n(cb, 0, callbacks) end
end
local callback = per_call(callback_loop, 100 * callbacks)
jit.off()
local off = per_call(add1_loop, calls / 10)
print(string.format("%.3f %.3f %.3f", on, off, callback))
"""


def build_library():
    WORK.mkdir(parents=True, exist_ok=True)
    so = WORK / "libbench.so"
    subprocess.check_call(["cc", "-O3", "-fPIC", "-shared", "-o", str(so), str(SOURCE)])
    return so


def ensure_luajit():
    if shutil.which("luajit"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.check_call(sudo + ["apt-get", "update", "-qq"])
    subprocess.check_call(sudo + ["apt-get", "install", "-y", "-qq", "luajit"])


def luajit(so):
    ensure_luajit()
    script = WORK / "bench.lua"
    script.write_text(LUA)
    out = subprocess.check_output(
        ["luajit", str(script), str(so), str(CALLS), str(CALLBACKS), str(SAMPLES)], text=True
    )
    on, off, callback = (float(v) for v in out.split())
    return on, off, callback


def per_call(loop, n):
    """The median over samples of the time per call, as criterion reports it."""
    times = timeit.repeat(loop, number=1, repeat=SAMPLES)
    return statistics.median(times) / n * 1e9


def python_cffi(so):
    from cffi import FFI

    ffi = FFI()
    ffi.cdef("int bench_add1(int x); int bench_apply_n(int (*f)(int), int x, int n);")
    lib = ffi.dlopen(str(so))
    n = CALLS // 10

    def add1_loop():
        x = 0
        add1 = lib.bench_add1
        for _ in range(n):
            x = add1(x)

    callback = ffi.callback("int(int)", lambda x: x + 1)
    return per_call(add1_loop, n), per_call(
        lambda: lib.bench_apply_n(callback, 0, CALLBACKS), CALLBACKS
    )


def python_ctypes(so):
    lib = ctypes.CDLL(str(so))
    add1 = lib.bench_add1
    add1.argtypes, add1.restype = [ctypes.c_int], ctypes.c_int
    callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)
    apply = lib.bench_apply_n
    apply.argtypes = [callback_type, ctypes.c_int, ctypes.c_int]
    apply.restype = ctypes.c_int
    n = CALLS // 10

    def add1_loop():
        x = 0
        for _ in range(n):
            x = add1(x)

    callback = callback_type(lambda x: x + 1)
    return per_call(add1_loop, n), per_call(lambda: apply(callback, 0, CALLBACKS), CALLBACKS)


def criterion(group, name):
    """criterion's median estimate for one bench, in ns (criterion writes `"` as `_`)."""
    path = ROOT / "target" / "criterion" / group / name / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"]


def rust(run):
    if run:
        subprocess.check_call(
            ["cargo", "bench", "-p", "cffi-tests", "--bench", "call", "--",
             "add1/(cffi-rs run-time|libloading)|callback"],
            cwd=ROOT,
        )
    group = "callback from C, per call (1000 calls)"
    return {
        "untyped": criterion("add1", "cffi-rs run-time mode"),
        "typed": criterion("add1", "cffi-rs run-time mode, typed handle"),
        "pointer": criterion("add1", "libloading stored pointer"),
        "callback": criterion(group, "cffi-rs run-time mode, ffi.callback") / CALLBACKS,
        "rust_callback": criterion(group, 'Rust extern _C_ fn') / CALLBACKS,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-rust", action="store_true", help="use the last cargo bench run")
    args = parser.parse_args()
    so = build_library()
    r = rust(not args.no_rust)
    lua_on, lua_off, lua_callback = luajit(so)
    cffi_call, cffi_callback = python_cffi(so)
    ctypes_call, ctypes_callback = python_ctypes(so)
    base = r["pointer"]
    print(f"{'int bench_add1(int), one call':<48} {'ns/call':>9} {'× stored pointer':>17}")
    rows = [
        ("Rust, libloading pointer stored once", base),
        ("cffi-rs run-time mode, typed handle", r["typed"]),
        ("cffi-rs run-time mode, Function::call", r["untyped"]),
        ("LuaJIT FFI, JIT on", lua_on),
        ("LuaJIT FFI, JIT off", lua_off),
        ("Python cffi, ffi.dlopen", cffi_call),
        ("Python ctypes", ctypes_call),
    ]
    for name, ns in rows:
        print(f"{name:<48} {ns:>9.2f} {ns / base:>17.1f}")
    print()
    print(f"{'C calling a callback int (int), one call':<48} {'ns/call':>9} {'× LuaJIT':>17}")
    rows = [
        ("Rust extern \"C\" fn (a typed callback)", r["rust_callback"]),
        ("cffi-rs run-time mode, Ffi::callback", r["callback"]),
        ("LuaJIT FFI, ffi.cast of a Lua function", lua_callback),
        ("Python cffi, ffi.callback", cffi_callback),
        ("Python ctypes, CFUNCTYPE", ctypes_callback),
    ]
    for name, ns in rows:
        print(f"{name:<48} {ns:>9.2f} {ns / lua_callback:>17.2f}")


if __name__ == "__main__":
    sys.exit(main())
