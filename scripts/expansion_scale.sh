#!/usr/bin/env bash
# Expansion time and peak memory of `cdef!` over 0.5, 1, 2 and 4 MB of generated declarations
# (structs, typedefs, enums, functions), to show they grow linearly with the input.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release -p cffi-codegen --example expand_scale
echo "| input | expansion | output tokens | peak memory |"
echo "| --- | --- | --- | --- |"
for bytes in 500000 1000000 2000000 4000000; do
  report=$( { /usr/bin/time -f "%M" target/release/examples/expand_scale "$bytes"; } 2>&1 )
  line=$(echo "$report" | grep '^input')
  peak_kb=$(echo "$report" | tail -n 1)
  secs=$(echo "$line" | sed -E 's/.*expanded in ([0-9.]+) s.*/\1/')
  out=$(echo "$line" | sed -E 's/.* to ([0-9]+) bytes.*/\1/')
  echo "| $((bytes / 1000)) kB | ${secs} s | $((out / 1000000)) MB | $((peak_kb / 1024)) MiB |"
done
