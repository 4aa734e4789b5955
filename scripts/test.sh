#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (scripts/deps.sh), then
# runs every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo test --workspace "$@"
