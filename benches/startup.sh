#!/usr/bin/env bash
# Measures how long Coffee Chat takes from launch to its window, and to the first painted Today
# screen (the heading's pixels appear), over several runs. Prints figures; it is not a test.
#   benches/startup.sh [binary] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/release/coffeechat}
runs=${2:-5}
[ -x "$binary" ] || { echo "build it first: $binary not found" >&2; exit 1; }

work=$(mktemp -d)
# Xvfb picks a free display and writes its number to fd 3 once it accepts connections.
xvfb_pid=""
trap 'kill $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
# shellcheck source=../scripts/lib/xvfb.sh
. scripts/lib/xvfb.sh
start_xvfb "$work" /dev/null || exit 1

now_ms() { date +%s%3N; }

for run in $(seq "$runs"); do
  export XDG_DATA_HOME=$work/$run/data XDG_CONFIG_HOME=$work/$run/config
  export XDG_CACHE_HOME=$work/$run/cache XDG_RUNTIME_DIR=$work/$run/run
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  start=$(now_ms)
  "$binary" >/dev/null 2>&1 &
  app=$!
  window=$(xdotool search --sync --onlyvisible --name '^Coffee Chat' | head -1)
  mapped=$(now_ms)
  eval "$(xdotool getwindowgeometry --shell "$window")"
  # The Today heading sits in the top left of the content area; while the page is blank that
  # area is one flat colour.
  painted=""
  for _ in $(seq 300); do
    deviation=$(import -silent -window root -crop "220x50+$((X + 230))+$((Y + 20))" png:- \
      | convert - -format '%[fx:standard_deviation]' info:)
    if awk -v d="$deviation" 'BEGIN { exit !(d > 0.02) }'; then painted=$(now_ms); break; fi
    sleep 0.02
  done
  kill "$app"; wait "$app" 2>/dev/null || true
  printf 'run %d: window after %d ms, Today painted after %s ms\n' "$run" \
    $((mapped - start)) "${painted:+$((painted - start))}"
done
