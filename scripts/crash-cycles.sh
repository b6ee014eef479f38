#!/usr/bin/env bash
# Crash cycles: a writer on the real store is killed with SIGKILL at random moments while it
# writes, 1,000 times; after each kill the data file is opened again as the next start opens it,
# and `PRAGMA integrity_check` and every write acknowledged before the kill are checked.
#   scripts/crash-cycles.sh             1,000 cycles (about 3 minutes here)
#   scripts/crash-cycles.sh 200         another number of cycles
#   CRASH_SEED=123 scripts/crash-cycles.sh   replay the kill moments of an earlier run
# It prints: crash cycles, acknowledged writes, lost writes, integrity checks passed, the seed.
# The suite (`cargo test`) runs the same test with 30 cycles; see tests/core/crash_cycles.rs.
set -euo pipefail
cd "$(dirname "$0")/.."

export CRASH_CYCLES="${1:-1000}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test -p coffeechat-core --test crash_cycles -- --nocapture --test-threads=1 \
  --exact a_writer_killed_at_random_moments_loses_no_acknowledged_write >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  cat "$log"
  exit "$status"
fi
grep -oE "crash cycles:.*" "$log"
