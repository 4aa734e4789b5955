#!/usr/bin/env bash
# Runs every test binary of the workspace under valgrind's memcheck: no invalid read or
# write, no use of uninitialised memory, and no memory definitely leaked.
#
#   scripts/valgrind.sh
#
# The compile-fail suite (ui-tests) is left out: it runs the compiler, not our code.
# Property tests run fewer cases under valgrind (PROPTEST_CASES, default 64).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind
fi
export PROPTEST_CASES="${PROPTEST_CASES:-64}"

mapfile -t binaries < <(
  cargo test --workspace --exclude cffi-ui-tests --no-run --message-format=json 2>/dev/null |
    python3 -c '
import json, sys
for line in sys.stdin:
    msg = json.loads(line)
    kinds = msg.get("target", {}).get("kind", [])
    # Test binaries of proc-macro crates link the standard library dynamically and hold no tests.
    if "proc-macro" in kinds:
        continue
    if msg.get("reason") == "compiler-artifact" and msg.get("profile", {}).get("test") and msg.get("executable"):
        print(msg["executable"])
'
)

failed=0
for exe in "${binaries[@]}"; do
  echo "== $(basename "$exe")"
  if ! valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
      --show-leak-kinds=definite "$exe" --test-threads=2 >/dev/null; then
    echo "!! $(basename "$exe") has memory errors (above)"
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "valgrind: errors found"
  exit 1
fi
echo "valgrind: ${#binaries[@]} test binaries clean"
