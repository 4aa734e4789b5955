#!/usr/bin/env bash
# The C compiler of the Apple checks (scripts/release_check.sh): zig's clang with the macOS
# headers and libSystem stubs zig ships (scripts/zig.sh fetches it), for the target named by
# the `--target=arm64-apple-macosx` the `cc` crate passes. zig takes the target in its own
# spelling, so the Apple spellings are read and dropped; it defines NDEBUG when optimising,
# where Apple's clang does not (a header's `#ifndef NDEBUG` declarations stay).
set -euo pipefail
zig="$(dirname "$0")/../target/zig/ziglang/zig"
# With a target, `zig cc --version` also writes an empty a.o where it runs.
if [ "$*" = "--version" ]; then
  exec "$zig" cc --version
fi
target=aarch64-macos
args=()
for a in "$@"; do
  case $a in
    --target=arm64-apple-* | --target=aarch64-apple-*) target=aarch64-macos ;;
    --target=x86_64-apple-*) target=x86_64-macos ;;
    --target=* | -mmacosx-version-min=*) ;;
    *) args+=("$a") ;;
  esac
done
exec "$zig" cc -target "$target" -UNDEBUG "${args[@]}"
