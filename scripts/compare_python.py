#!/usr/bin/env python3
"""Python cffi and cffi-rs, side by side, on the same C.

Builds tests/c/bench.c for Python cffi's ABI mode (a shared library opened with
ffi.dlopen) and its API mode (an out-of-line extension built by ffibuilder.compile),
measures a call of `int bench_add1(int)`, the vector add on 2,000,000 doubles and one
heat-equation step on 2000 x 2000 there, runs the Rust benchmarks (cargo bench), and
prints one table with both and the ratios.

    python3 scripts/compare_python.py            # everything
    python3 scripts/compare_python.py --no-rust  # Python only, Rust from the last run

It installs numpy with pip if it is missing. The C is compiled with -O3, as cargo's bench
profile compiles the C of the Rust side.

Both sides report the same statistic: the median, over samples, of the time per call within
a sample (a sample is a batch of calls timed together). Python's samples are timeit's repeats;
Rust's are criterion's, whose median estimate is that statistic.
"""

import argparse
import importlib
import json
import os
import pathlib
import subprocess
import statistics
import sys
import timeit

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "python-cffi"
SOURCE = ROOT / "tests" / "c" / "bench.c"
DECLARATIONS = """
int bench_add1(int x);
void bench_vadd(double *a, const double *b, int n);
void bench_evolve(double *u, double *u_previous, int nx, int ny,
                  double a, double dt, double dx2, double dy2);
"""
N = 2_000_000
GRID = 2000


def ensure_numpy():
    try:
        return importlib.import_module("numpy")
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "numpy"])
        return importlib.import_module("numpy")


def abi_library():
    """The bench C as a shared library, opened with ffi.dlopen."""
    from cffi import FFI

    so = WORK / "libbench.so"
    subprocess.check_call(["cc", "-O3", "-fPIC", "-shared", "-o", str(so), str(SOURCE)])
    ffi = FFI()
    ffi.cdef(DECLARATIONS)
    return ffi, ffi.dlopen(str(so))


def api_library():
    """The bench C in an extension module, built out of line by ffibuilder.compile."""
    from cffi import FFI

    builder = FFI()
    builder.cdef(DECLARATIONS)
    builder.set_source(
        "_cffi_rs_bench",
        f'#include "{SOURCE}"',
        extra_compile_args=["-O3"],
    )
    builder.compile(tmpdir=str(WORK), verbose=False)
    sys.path.insert(0, str(WORK))
    module = importlib.import_module("_cffi_rs_bench")
    return module.ffi, module.lib


def median_ns(fn, number, repeat=15):
    """The median of `repeat` samples of `number` calls, per call, in nanoseconds."""
    return statistics.median(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e9


def measure_python(np, ffi, lib):
    add1 = lib.bench_add1
    call = median_ns(lambda: add1(1), number=200_000)

    a = np.arange(0, N * 0.1, 0.1)[:N].copy()
    b = np.ones_like(a)
    pa = ffi.cast("double *", ffi.from_buffer(a))
    pb = ffi.cast("double *", ffi.from_buffer(b))
    vadd = median_ns(lambda: lib.bench_vadd(pa, pb, N), number=5)

    u = np.zeros((GRID, GRID))
    prev = np.fromfunction(lambda i, j: (i * GRID + j) % 7, (GRID, GRID))
    pu = ffi.cast("double *", ffi.from_buffer(u))
    pp = ffi.cast("double *", ffi.from_buffer(prev))
    a_, dx2, dy2 = 0.5, 1e-4, 1e-4
    dt = dx2 * dy2 / (2 * a_ * (dx2 + dy2))
    heat = median_ns(lambda: lib.bench_evolve(pu, pp, GRID, GRID, a_, dt, dx2, dy2), number=2, repeat=10)
    return {"call": call, "vadd": vadd, "heat": heat}


def rust_results(run):
    """Criterion's median estimates (ns per iteration) by (group, function)."""
    if run:
        subprocess.check_call(
            ["cargo", "bench", "-p", "cffi-tests", "--bench", "call", "--bench", "kernels"],
            cwd=ROOT,
        )
    found = {}
    for bench in (ROOT / "target" / "criterion").glob("*/*/new/benchmark.json"):
        info = json.loads(bench.read_text())
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        found[(info["group_id"], info["function_id"])] = estimates["median"]["point_estimate"]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-rust", action="store_true", help="do not run cargo bench")
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    np = ensure_numpy()
    py_abi = measure_python(np, *abi_library())
    py_api = measure_python(np, *api_library())
    rust = rust_results(not args.no_rust)

    def r(group, function):
        return rust.get((group, function), float("nan"))

    rows = [
        ("call of bench_add1", "ns", "call", 1,
         r("add1", "cffi-rs ABI mode"), r("add1", "cffi-rs API mode"), r("add1", 'hand-written extern "C"')),
        ("vector add, 2M doubles", "ms", "vadd", 1e6,
         r("vector add, 2M doubles", "cffi-rs ABI mode"), r("vector add, 2M doubles", "cffi-rs API mode"),
         r("vector add, 2M doubles", "C called directly")),
        ("heat step, 2000 x 2000", "ms", "heat", 1e6,
         r("heat step, 2000 x 2000", "cffi-rs ABI mode"), r("heat step, 2000 x 2000", "cffi-rs API mode"),
         r("heat step, 2000 x 2000", "C called directly")),
    ]
    print()
    print(f"{'':26} {'Python cffi ABI':>16} {'Python cffi API':>16} {'cffi-rs ABI':>12} {'cffi-rs API':>12} {'C direct':>10} {'ABI ratio':>10} {'API ratio':>10}")
    for name, unit, key, scale, rs_abi, rs_api, direct in rows:
        pa, pi = py_abi[key] / scale, py_api[key] / scale
        ra, ri, d = rs_abi / scale, rs_api / scale, direct / scale
        print(
            f"{name + ' (' + unit + ')':26} {pa:16.3f} {pi:16.3f} {ra:12.3f} {ri:12.3f} {d:10.3f} "
            f"{pa / ra:9.1f}x {pi / ri:9.1f}x"
        )
    print()
    print("ratio: Python cffi's time over cffi-rs's, ABI mode to ABI mode and API mode to API mode")
    print("every figure: the median over samples of the time per call within a sample")
    for threads in ("1 thread", "2 threads"):
        t = r("heat step, 2000 x 2000", f"cffi-rs API mode, OpenMP, {threads}")
        if t == t:
            print(f"heat step, 2000 x 2000, cffi-rs API mode, OpenMP on {threads}: {t / 1e6:.3f} ms")
    runtime = r("add1", "cffi-rs run-time mode")
    if runtime == runtime:
        print(f"call of bench_add1, cffi-rs run-time mode (declarations read at run time): {runtime:.2f} ns, "
              f"{py_abi['call'] / runtime:.1f}x cheaper than Python cffi's ABI mode")
    lib_ffi = r("add1", "libffi dynamic call")
    if lib_ffi == lib_ffi:
        print(f"a libffi dynamic call from Rust (the mechanism of Python's ABI mode): {lib_ffi:.2f} ns")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
