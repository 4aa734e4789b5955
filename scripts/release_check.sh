#!/usr/bin/env bash
# What a release needs, checked: every published crate packaged and verified from its
# packaged form (cargo builds each against the packaged crates it depends on), the workspace
# built with the oldest Rust its `rust-version` claims, and the library crates checked for
# the Apple targets (no Linux-only code outside `cfg`s). Installs the toolchain and the
# targets it needs with rustup.
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

echo "-- Apple targets: the library crates checked"
for target in aarch64-apple-darwin x86_64-apple-darwin; do
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  CARGO_TARGET_DIR=target/apple cargo check --quiet --target "$target" \
    -p cffi-frontend -p cffi-codegen -p cffi-macros -p cffi-build -p cffi-core
  echo "$target: checked"
done
