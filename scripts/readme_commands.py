#!/usr/bin/env python3
"""Every shell command README.md shows, run as written from the repository root (where the
README says to run them), or skipped with the reason printed.

    python3 scripts/readme_commands.py          # run them all
    python3 scripts/readme_commands.py --list   # what would run, and what is skipped and why

The commands are the lines of the README's ```sh blocks and the inline code spans that start
with `cargo`, `bash`, `python3` or `mpirun`. `export` lines of a block set the environment of
the commands after them, as a shell would; an inline command in the same section as a block's
exports runs with them (the README's "Tell cargo the linker"). A command the table below does
not know fails the check: a new README command is either run here or given a reason.
Benchmarks run each benchmark once (criterion's `--test`): their commands are measurements of
minutes, and a broken one still fails. What a command writes into the working tree (the
showcase's `heat_output/`) is removed afterwards.
"""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

RUN = "run"
BENCH = "bench"  # run with `-- --test` (or `--test` added to the arguments after `--`)

# What each command is checked by: (RUN or BENCH, text its output must contain), or a reason
# for not running it.
COMMANDS = {
    "cargo run --release --example heat_equation": (RUN, "field checksum:"),
    "bash scripts/test.sh": "the test command itself: CI runs it, and this check is one of its steps",
    "cargo run --target aarch64-unknown-linux-gnu --example heat_equation": (RUN, "field checksum:"),
    "cargo build --target aarch64-unknown-linux-gnu": (RUN, ""),
    "cargo build --target x86_64-pc-windows-gnu --example heat_equation": (RUN, ""),
    "cargo package --workspace": "run by scripts/release_check.sh, a CI step, with the test and example crates excluded",
    "cargo build --release --example heat_mpi": (RUN, ""),
    "mpirun -n 2 target/release/examples/heat_mpi --size 2000 --steps 100": (RUN, "checksum"),
    "mpirun.mpich -n 2": "a fragment: the command above with MPICH's launcher, which the tests run too",
    "mpirun -n 2": "a fragment of the command in the MPI section",
    "mpirun": "the launcher's name in prose",
    "cargo run --release -p cffi-difftest -- --seeds 2500 --records 40":
        "a long run of the differential tester (tens of minutes); `cargo test -p cffi-difftest`, "
        "part of the test command, runs the same code on fewer seeds",
    "cargo run --release -p cffi-difftest -- --crate --seeds 100 --records 40":
        "a long run, as above",
    "cargo run --release -p cffi-difftest -- --calls --crate --seeds 300 --functions 60":
        "a long run, as above",
    "cargo run --release -p cffi-difftest -- --help": (RUN, "--seeds"),
    "cargo run --release -p cffi-difftest -- --apple": (RUN, "0 disagree"),
    "cargo run --release -p cffi-difftest -- --apple --seeds 2500 --records 40":
        "a long run, as above",
    "cargo expand": "a third-party tool (cargo-expand) the README suggests for reading expansions",
    "cargo test --workspace": "run by the test command (`bash scripts/test.sh`)",
    "cargo test -p cffi-difftest": "run by the test command (`cargo test --workspace`)",
    "cargo test -p cffi-frontend --test cffi_suite": "run by the test command (`cargo test --workspace`)",
    "CFLAGS=-O0": "an environment setting the README explains, not a command",
    "CFLAGS=-ffp-contract=off": "an environment setting the README explains, not a command",
    "bash scripts/debug_c_speed.sh":
        "a measurement: five debug and release builds of the heat step, minutes; its figures are in the README",
    "cargo build": (RUN, ""),
    "cargo fmt": "the formatter, named as a measure of line counts; CI checks formatting with `cargo fmt --all --check`",
    "python3 scripts/readme_commands.py": "this check itself",
    "cargo check": (RUN, ""),
    "cargo bench -p cffi-tests --bench call -- \"run-time parse\"": (BENCH, ""),
    "cargo bench -p cffi-tests --bench call -- run-time": (BENCH, ""),
    "cargo bench -p cffi-tests --bench call --bench kernels": (BENCH, ""),
    "cargo bench -p cffi-frontend --bench parse": (BENCH, ""),
    "cargo bench -p cffi-codegen --bench expand": (BENCH, ""),
    "python3 scripts/compare_runtime.py":
        "a measurement of several minutes (criterion, LuaJIT, Python); its Rust side runs above as benchmarks",
    "python3 scripts/compare_bindgen.py":
        "a measurement of several minutes (cold builds of bindgen and cffi-rs crates, five edits each); "
        "the reuse it measures is tested in cffi-build/tests/reuse.rs",
    "python3-embed": "a pkg-config package name in prose (the corpus reads <Python.h> with it)",
    "python3 scripts/compare_python.py":
        "a measurement of several minutes (criterion and Python cffi); its Rust side runs above as benchmarks",
    "cargo run -p cffi-runtime-examples --example ccall -- m \"double cos(double x);\" 0.5":
        (RUN, "0.8775825618903728"),
    "cargo run --release -p cffi-runtime-examples --example runtime": (RUN, ""),
    "cargo run -p cffi-runtime-examples --example plugin_host": (RUN, "kept: 2 of [5, 12, 7, 30]"),
    "cargo run --release --example NAME":
        "a pattern for each example; every example runs as a process in `examples/tests/run_examples.rs`",
    "cargo run --release --example heat_equation -- --size 2000 --threads 2": (RUN, "field checksum:"),
    "cargo run --release -p cffi-codegen --example import_times":
        "a measurement of every corpus import beside the preprocessor (minutes); the imports themselves are tested",
    "cargo +nightly fuzz run parse": "runs until stopped, on nightly with cargo-fuzz",
    "cargo +nightly fuzz run cdef": "runs until stopped, on nightly with cargo-fuzz",
    "cargo +nightly fuzz run runtime": "runs until stopped, on nightly with cargo-fuzz",
}

COMMAND = re.compile(r"`((?:cargo|bash|python3|mpirun|CFLAGS=)[^`]*)`")


def sections(text):
    """The README split at its headings, each as its text."""
    return re.split(r"\n(?=#{2,3} )", text)


def commands():
    """(command, environment) for every command of the README, in order."""
    found = []
    for section in sections((ROOT / "README.md").read_text()):
        env = {}
        for block in re.finditer(r"```(?:sh|bash)\n(.*?)```", section, re.S):
            for line in block.group(1).splitlines():
                line = line.strip()
                if not line:
                    continue
                if line.startswith("export "):
                    name, _, value = line[len("export "):].partition("=")
                    env[name] = value.strip('"')
                    continue
                found.append((line, dict(env)))
        prose = re.sub(r"```.*?```", "", section, flags=re.S)
        for m in COMMAND.finditer(prose):
            found.append((" ".join(m.group(1).split()), dict(env)))
    seen, unique = set(), []
    for command, env in found:
        if command not in seen:
            seen.add(command)
            unique.append((command, env))
    return unique


def bench_test(command):
    """A benchmark command that runs each benchmark once."""
    return command + (" --test" if " -- " in command else " -- --test")


def run(command, env, expect):
    before = {p.name for p in ROOT.iterdir()}
    full_env = dict(os.environ, **env)
    # mpirun of Open MPI refuses to run as root unless told: CI runs as root.
    full_env.setdefault("OMPI_ALLOW_RUN_AS_ROOT", "1")
    full_env.setdefault("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
    print(f"== {command}", flush=True)
    out = subprocess.run(
        command, shell=True, cwd=ROOT, env=full_env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    # What the command wrote beside the sources (the showcase's `heat_output/`), not the
    # build it made (`target/`), which the next commands use.
    for name in {p.name for p in ROOT.iterdir()} - before - {"target"}:
        shutil.rmtree(ROOT / name, ignore_errors=True)
    if out.returncode != 0 or expect not in out.stdout:
        print(out.stdout[-4000:])
        why = f"exit status {out.returncode}" if out.returncode else f"no `{expect}` in its output"
        print(f"FAILED: `{command}`: {why}")
        return False
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list, do not run")
    args = parser.parse_args()
    ok = True
    for command, env in commands():
        what = COMMANDS.get(command)
        if what is None:
            print(f"FAILED: `{command}` is in README.md but not in scripts/readme_commands.py: "
                  "run it there, or give the reason it is not run")
            ok = False
            continue
        if isinstance(what, str):
            print(f"-- skipped `{command}`: {what}")
            continue
        kind, expect = what
        line = bench_test(command) if kind == BENCH else command
        if args.list:
            print(f"-- would run `{line}`" + (f" with {env}" if env else ""))
            continue
        ok &= run(line, env, expect)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
