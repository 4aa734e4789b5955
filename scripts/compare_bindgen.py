#!/usr/bin/env python3
"""cffi-rs beside bindgen on the same header, in the same kind of crate: a binary whose own
source binds the header (cffi-rs: an `import` in `src/main.rs`, ABI mode and API mode;
bindgen: a build script writing the bindings, `include!`d by `src/main.rs`), each calling one
function of the library.

A fourth crate pair puts the cffi-rs import (ABI mode) in a library crate of its own, which
the binary depends on, as the README advises for big headers. For each header it prints, as
medians:
  - cold build: the crate and all its dependencies from an empty target directory (once);
  - crate build: the crate alone, its dependencies built (`cargo clean -p`, then `cargo build`);
  - edit, check: a line added to `src/main.rs`, then `cargo check` (five edits);
  - edit, build: the same, then `cargo build` (five edits);
and each cffi-rs figure as a ratio of bindgen's.

Needs libclang for bindgen (Debian's `libclang-dev`, installed if missing) and the headers'
packages (`scripts/deps.sh`). Crates and target directories are under `target/tmp/`.
Usage: python3 scripts/compare_bindgen.py [--edits N] [sqlite3|glib ...]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "tmp" / "compare-bindgen"

HEADERS = {
    "sqlite3": {
        "header": "<sqlite3.h>",
        "lib": "sqlite3",
        "pkg": None,
        "call": ("sqlite3_libversion_number()", "lib.sqlite3_libversion_number()"),
    },
    "glib": {
        "header": "<glib.h>",
        "lib": "glib-2.0",
        "pkg": "glib-2.0",
        "call": ("g_ascii_digit_value(b'7' as _)", "lib.g_ascii_digit_value(b'7' as _)"),
    },
}

BINDGEN_VERSION = "0.72"


def sh(cmd, cwd, env=None, check=True):
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if check and out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{out.stdout}\n{out.stderr}")
    return out


def pkg_cflags(pkg):
    if not pkg:
        return []
    return sh(["pkg-config", "--cflags", pkg], ROOT).stdout.split()


def ensure_libclang():
    found = list(Path("/usr/lib").glob("llvm-*/lib/libclang.so")) + list(
        Path("/usr/lib").glob("x86_64-linux-gnu/libclang*.so")
    )
    if found:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    sh(sudo + ["apt-get", "update", "-qq"], ROOT, env)
    sh(sudo + ["apt-get", "install", "-y", "-qq", "libclang-dev"], ROOT, env)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def manifest(name, deps, build_deps=""):
    return (
        f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2024"\n\n'
        f"[dependencies]\n{deps}\n[build-dependencies]\n{build_deps}\n[workspace]\n"
    )


def bindgen_crate(key, h):
    d = WORK / f"bindgen-{key}"
    args = "".join(f"        .clang_arg({a!r})\n".replace("'", '"') for a in pkg_cflags(h["pkg"]))
    write(d / "Cargo.toml", manifest(f"bindgen-{key}", "", f'bindgen = "{BINDGEN_VERSION}"\n'))
    write(
        d / "build.rs",
        "fn main() {\n"
        "    let out = std::path::PathBuf::from(std::env::var(\"OUT_DIR\").unwrap());\n"
        "    bindgen::Builder::default()\n"
        f"        .header_contents(\"wrapper.h\", \"#include {h['header']}\\n\")\n"
        f"{args}"
        "        .parse_callbacks(Box::new(bindgen::CargoCallbacks::new()))\n"
        "        .generate()\n"
        "        .expect(\"bindgen\")\n"
        "        .write_to_file(out.join(\"bindings.rs\"))\n"
        "        .unwrap();\n"
        f"    println!(\"cargo:rustc-link-lib={h['lib']}\");\n"
        "}\n",
    )
    write(
        d / "src" / "main.rs",
        "#![allow(non_upper_case_globals, non_camel_case_types, non_snake_case, dead_code)]\n"
        "#![allow(unnecessary_transmutes, clippy::all)]\n"
        "mod sys {\n    include!(concat!(env!(\"OUT_DIR\"), \"/bindings.rs\"));\n}\n\n"
        "fn main() {\n"
        f"    // SAFETY: a function without pointer arguments.\n"
        f"    println!(\"{{}}\", unsafe {{ sys::{h['call'][0]} }});\n"
        "}\n",
    )
    return d


def cffi_crate(key, h, mode):
    d = WORK / f"cffi-{mode}-{key}"
    core = ROOT / "cffi-core"
    build = ROOT / "cffi-build"
    settings = f', pkg_config = "{h["pkg"]}"' if h["pkg"] else ""
    if mode == "abi":
        attrs = f'abi, lib = "{h["lib"]}", import = "{h["header"]}"{settings}'
        build_deps = ""
    else:
        link = "" if h["pkg"] else f', link = "{h["lib"]}"'
        attrs = f'api, import = "{h["header"]}"{settings}{link}'
        build_deps = f"cffi-build = {{ path = {str(build)!r} }}\n".replace("'", '"')
        write(d / "build.rs", "fn main() {\n    cffi_build::compile();\n}\n")
    write(
        d / "Cargo.toml",
        manifest(
            f"cffi-{mode}-{key}",
            f"cffi-core = {{ path = {str(core)!r} }}\n".replace("'", '"'),
            build_deps,
        ),
    )
    module = f"cffi_core::cdef! {{\n    #[cffi({attrs})]\n    pub unsafe mod {key} {{}}\n}}\n\n"
    write(d / "src" / "main.rs", module + cffi_main(key, h))
    return d


def cffi_main(key, h):
    """The `main` of a cffi-rs crate: loads the library and prints the call's result."""
    return (
        "fn main() {\n"
        f"    let lib = {key}::Lib::load().unwrap();\n"
        "    // SAFETY: a function without pointer arguments.\n"
        f"    println!(\"{{}}\", unsafe {{ {h['call'][1]} }});\n"
        "}\n"
    )


def split_crates(key, h):
    """cffi-rs ABI mode with the import in a library crate of its own, which the binary
    depends on: an edit of the binary leaves the library's expansion alone."""
    sys_dir = WORK / f"cffi-sys-{key}"
    core = ROOT / "cffi-core"
    settings = f', pkg_config = "{h["pkg"]}"' if h["pkg"] else ""
    write(
        sys_dir / "Cargo.toml",
        manifest(f"cffi-sys-{key}", f"cffi-core = {{ path = {str(core)!r} }}\n".replace("'", '"')),
    )
    write(
        sys_dir / "src" / "lib.rs",
        "cffi_core::cdef! {\n"
        f'    #[cffi(abi, lib = "{h["lib"]}", import = "{h["header"]}"{settings})]\n'
        f"    pub unsafe mod {key} {{}}\n"
        "}\n",
    )
    d = WORK / f"cffi-app-{key}"
    deps = (
        f"cffi-sys-{key} = {{ path = {str(sys_dir)!r} }}\n".replace("'", '"')
    )
    write(d / "Cargo.toml", manifest(f"cffi-app-{key}", deps))
    write(d / "src" / "main.rs", f"use cffi_sys_{key}::{key};\n\n" + cffi_main(key, h))
    return d


def timed(cmd, cwd, env):
    start = time.perf_counter()
    sh(cmd, cwd, env)
    return time.perf_counter() - start


def measure(d, edits):
    target = d / "target"
    env = dict(os.environ, CARGO_TARGET_DIR=str(target), CARGO_TERM_COLOR="never")
    for var in ("RUSTFLAGS", "CFLAGS", "CC"):
        env.pop(var, None)
    name = d.name
    shutil.rmtree(target, ignore_errors=True)
    cold = timed(["cargo", "build", "-q"], d, env)
    run = sh([str(target / "debug" / name)], d, env).stdout.strip()
    crate = []
    for _ in range(3):
        sh(["cargo", "clean", "-q", "-p", name], d, env)
        crate.append(timed(["cargo", "build", "-q"], d, env))
    main = d / "src" / "main.rs"
    text = main.read_text()
    results = {}
    for step in ("check", "build"):
        sh(["cargo", step, "-q"], d, env)
        runs = []
        for i in range(edits):
            main.write_text(text + f"// edit {step} {i}\n")
            runs.append(timed(["cargo", step, "-q"], d, env))
        main.write_text(text)
        results[step] = statistics.median(runs)
    return {
        "cold build": cold,
        "crate build": statistics.median(crate),
        "edit, check": results["check"],
        "edit, build": results["build"],
        "output": run,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("headers", nargs="*", default=list(HEADERS))
    parser.add_argument("--edits", type=int, default=5)
    a = parser.parse_args()
    ensure_libclang()
    for key in a.headers:
        h = HEADERS[key]
        crates = {
            "bindgen": bindgen_crate(key, h),
            "cffi-rs ABI": cffi_crate(key, h, "abi"),
            "cffi-rs API": cffi_crate(key, h, "api"),
            "cffi-rs ABI, own crate": split_crates(key, h),
        }
        figures = {who: measure(d, a.edits) for who, d in crates.items()}
        outputs = {who: f["output"] for who, f in figures.items()}
        if len(set(outputs.values())) != 1:
            sys.exit(f"{h['header']}: the crates disagree: {outputs}")
        print(f"\n{h['header']} (each prints {outputs['bindgen']})")
        print("| step | bindgen | cffi-rs ABI mode | cffi-rs API mode | cffi-rs ABI, import in a crate of its own |")
        print("| --- | --- | --- | --- | --- |")
        for step in ("cold build", "crate build", "edit, check", "edit, build"):
            base = figures["bindgen"][step]
            cells = [f"{base:.2f} s"]
            for who in ("cffi-rs ABI", "cffi-rs API", "cffi-rs ABI, own crate"):
                v = figures[who][step]
                cells.append(f"{v:.2f} s ({v / base:.2f}×)")
            print(f"| {step} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
