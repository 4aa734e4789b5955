#!/usr/bin/env bash
# Fetches zig (from PyPI's `ziglang` wheel, unpacked under target/zig, nothing installed):
# its clang, macOS headers and libSystem stubs compile the C of the Apple checks
# (scripts/apple_cc.sh), where no Apple SDK can be had.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.17.1
zig=target/zig/ziglang/zig
if [ -x "$zig" ] && [ "$("$zig" version)" = "$version" ]; then
  exit 0
fi
rm -rf target/zig target/zig-wheel
python3 -m pip download -q --no-deps --only-binary :all: --dest target/zig-wheel "ziglang==$version"
python3 -m zipfile -e target/zig-wheel/ziglang-*.whl target/zig
chmod +x "$zig"
rm -rf target/zig-wheel
"$zig" version
