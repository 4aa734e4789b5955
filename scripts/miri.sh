#!/usr/bin/env bash
# Miri over the code that does unsafe pointer work without calling C: cffi-core's unit tests
# (run-time mode's objects, fields, bit-fields and pointers among them)
# and the examples in its ffi docs (new, from_buffer, cast, string, callbacks, ...), and the
# byte-backed records, unions, bit-fields and enums of tests/tests/records.rs, and the record
# and run-time ffi tests mirrored from Python cffi (tests/tests/cffi_parity_records.rs,
# cffi_parity_ffi.rs).
# Needs a nightly toolchain with the miri component; installs it when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo +nightly miri --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal --component miri,rust-src
fi
# Library lookup reads /etc/ld.so.conf and the library directories.
export MIRIFLAGS="${MIRIFLAGS:--Zmiri-disable-isolation}"
cargo +nightly miri test -p cffi-core --lib --features runtime
cargo +nightly miri test -p cffi-core --doc -- src/ffi
cargo +nightly miri test -p cffi-tests --test records --test cffi_parity_records --test cffi_parity_ffi
