#!/usr/bin/env bash
# Tests built for Windows with MinGW and run under wine, 64-bit and 32-bit: cffi-core's unit
# tests (run-time mode's included) and documentation examples (ffi::new, from_buffer, casts,
# strings, callbacks, errno, library names), and the integration tests of ABI, API and run-time
# mode (those that need a POSIX system's libraries are left out by `#[cfg(unix)]`;
# tests/tests/windows.rs binds kernel32 and <windows.h>, `__stdcall` on 32-bit Windows). The
# examples run under wine in `cargo test` (examples/tests/run_examples.rs); this runs what can
# only be run through cargo's runner. Needs what scripts/deps.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/wine_env.sh

# Runs the tests for Rust target $1, built with MinGW's compiler $2, whose runtime DLLs
# (OpenMP's, threads', the unwinder's) are $3.
run() {
  local target=$1 gcc=$2 dlls=$3
  local dir="target/wine-$target"
  mkdir -p "$dir"
  # Debian's wine 8 lacks bcryptprimitives.dll's ProcessPrng, which Rust's standard library
  # imports: a stand-in around RtlGenRandom, preferred to wine's own (a fact of the test
  # set-up). `--kill-at` exports it undecorated on 32-bit Windows too.
  "$gcc" -shared -O2 -Wl,--kill-at -o "$dir/bcryptprimitives.dll" examples/support/wine_prng.c -ladvapi32
  local path
  path="$(cd "$dir" && pwd)"
  for dll in $dlls; do
    found=$("$gcc" -print-file-name="$dll")
    [ -f "$found" ] && path="$path;$(dirname "$found")"
  done
  local runner
  runner="CARGO_TARGET_$(echo "$target" | tr 'a-z-' 'A-Z_')_RUNNER"
  # RUST_BACKTRACE=0: wine 8's 32-bit symbol reading crashes while a panic captures a
  # backtrace (the tests catch panics on purpose).
  env WINEPATH="$path" WINEDLLOVERRIDES="bcryptprimitives=n,b" WINEDEBUG=-all RUST_BACKTRACE=0 \
    "$runner=wine" bash -c "
      cargo test -q -p cffi-core --target $target --lib --features runtime &&
      cargo test -q -p cffi-core --target $target --doc &&
      cargo test -q -p cffi-tests --target $target --tests"
}

run x86_64-pc-windows-gnu x86_64-w64-mingw32-gcc "libgomp-1.dll libwinpthread-1.dll libgcc_s_seh-1.dll"
run i686-pc-windows-gnu i686-w64-mingw32-gcc "libgomp-1.dll libwinpthread-1.dll libgcc_s_dw2-1.dll"
