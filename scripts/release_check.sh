#!/usr/bin/env bash
# What a release needs, checked: every published crate packaged and verified from its
# packaged form (cargo builds each against the packaged crates it depends on), the workspace
# built with the oldest Rust its `rust-version` claims, and the crates checked for the Apple
# targets (no Linux-only code outside `cfg`s), their C compiled for macOS by zig's clang.
# Installs the toolchain and the targets it needs with rustup, and zig from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "-- cargo package (the published crates, verified)"
cargo package --workspace --allow-dirty --quiet \
  --exclude cffi-tests --exclude cffi-corpus --exclude cffi-difftest \
  --exclude cffi-ui-tests --exclude cffi-examples --exclude cffi-runtime-examples
ls target/package/*.crate

msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
echo "-- Rust $msrv, the workspace's rust-version: every target checked"
rustup toolchain install "$msrv" --profile minimal >/dev/null 2>&1 || rustup toolchain install "$msrv" --profile minimal
CARGO_TARGET_DIR=target/msrv cargo "+$msrv" check --workspace --all-targets --quiet

echo "-- Apple targets: every crate checked, its C compiled for macOS"
# The build scripts compile C for the target (API mode's modules, the tests' shared
# libraries) and the macros read its headers: zig's clang and the macOS headers zig ships
# stand in for Apple's SDK (scripts/apple_cc.sh). macOS has <sqlite3.h> and <bzlib.h>, which
# zig's copy of its headers lacks: Debian's copies of the same upstream headers stand in.
bash scripts/zig.sh >/dev/null
mkdir -p target/apple-include
for h in sqlite3.h bzlib.h; do
  cp "$(echo "#include <$h>" | cc -M -x c - | tr ' \\' '\n\n' | grep "/$h\$")" target/apple-include/
done
for target in aarch64-apple-darwin x86_64-apple-darwin; do
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  var=${target//-/_}
  export "CC_$var=$PWD/scripts/apple_cc.sh" "AR_$var=$PWD/scripts/apple_ar.sh"
  export "CFLAGS_$var=-isystem $PWD/target/apple-include"
  # The library crates, run-time mode included, the integration tests and the run-time
  # examples, every target of each.
  CARGO_TARGET_DIR=target/apple cargo check --quiet --target "$target" --all-targets \
    -p cffi-frontend -p cffi-codegen -p cffi-macros -p cffi-build -p cffi-core \
    -p cffi-tests -p cffi-runtime-examples --features cffi-core/runtime
  # The examples but heat_mpi, which needs an MPI built for the target.
  CARGO_TARGET_DIR=target/apple cargo check --quiet --target "$target" -p cffi-examples \
    --lib --tests --example sqrt --example abi_add --example api_add --example fibonacci \
    --example heat_equation --example zlib --example sqlite --example qsort
  echo "$target: checked"
done
