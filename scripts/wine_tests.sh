#!/usr/bin/env bash
# Tests built for 64-bit Windows with MinGW and run under wine: cffi-core's unit tests (run-time
# mode's included) and documentation examples (ffi::new, from_buffer, casts, strings, callbacks,
# errno, library names), and the integration tests of ABI, API and run-time mode (those that
# need a POSIX system's libraries are left out by `#[cfg(unix)]`; tests/tests/windows.rs binds
# kernel32 and <windows.h>). The examples run under wine in `cargo test`
# (examples/tests/run_examples.rs); this runs what can only be run through cargo's runner.
# Needs what scripts/deps.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
dir=target/wine
mkdir -p "$dir"
# Debian's wine 8 lacks bcryptprimitives.dll's ProcessPrng, which Rust's standard library
# imports: a stand-in around RtlGenRandom, preferred to wine's own (a fact of the test set-up).
x86_64-w64-mingw32-gcc -shared -O2 -o "$dir/bcryptprimitives.dll" examples/support/wine_prng.c -ladvapi32
path="$(cd "$dir" && pwd)"
for dll in libgomp-1.dll libwinpthread-1.dll libgcc_s_seh-1.dll; do
  found=$(x86_64-w64-mingw32-gcc -print-file-name="$dll")
  [ -f "$found" ] && path="$path;$(dirname "$found")"
done
export WINEPATH="$path" WINEDLLOVERRIDES="bcryptprimitives=n,b" WINEDEBUG=-all
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
cargo test -q -p cffi-core --target "$target" --lib --features runtime
cargo test -q -p cffi-core --target "$target" --doc
cargo test -q -p cffi-tests --target "$target" --tests
