#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (scripts/deps.sh), then
# runs every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
source scripts/wine_env.sh
# The crates of every target, Windows' included: the tests' own cross builds run offline.
cargo fetch --quiet
cargo test --workspace "$@"
