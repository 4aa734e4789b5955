#!/usr/bin/env bash
# API-mode C runs at release speed in a debug build. Builds the heat-equation showcase in the
# dev profile, in the dev profile with CFLAGS=-O0 (what the C would cost compiled as the
# Rust of a debug build is), and in the release profile, runs each five times on a
# 1000 x 1000 grid for 50 steps, and prints the median of the runs' time per step.
#
#   bash scripts/debug_c_speed.sh
set -euo pipefail
cd "$(dirname "$0")/.."

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

run() {
  local label=$1 dir=$2
  shift 2
  env "$@" cargo build -q "${build[@]}" -p cffi-examples --example heat_equation
  for _ in 1 2 3 4 5; do
    "target/$dir/examples/heat_equation" --size 1000 --steps 50 --out target/debug-c-speed |
      sed -n 's/^time per step: \(.*\) ms$/\1/p'
  done | median | xargs printf '%-28s %s ms per step (median of 5 runs)\n' "$label"
}

build=()
run "dev profile" debug CFFI_UNUSED=1
run "dev profile, CFLAGS=-O0" debug CFLAGS=-O0
build=(--release)
run "release profile" release CFFI_UNUSED=1
