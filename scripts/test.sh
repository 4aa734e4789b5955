#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (scripts/deps.sh, and
# zig under target/), then runs every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
source scripts/wine_env.sh
# The crates of every target, Windows' included: the tests' own cross builds run offline.
cargo fetch --quiet
# zig's clang and macOS headers, for the test of Apple's headers (from PyPI, under target/).
bash scripts/zig.sh >/dev/null
cargo test --workspace "$@"
