#!/usr/bin/env bash
# What Coffee Chat's window costs beside any Tauri app's: launch → first paint and the whole
# process tree's memory with the window open, against the hello-world Tauri app in
# benches/hello-world/ (same Tauri, same features, same window size, same release profile).
# Prints figures; it is not a test.
#   benches/window.sh [runs]            default 7
# COFFEECHAT_BENCH_APP=PATH measures another build of the app (one kept from before a change,
# say) against the same hello-world; COFFEECHAT_BENCH_SETTLE=SECONDS changes the wait before
# the memory is read; COFFEECHAT_BENCH_WAKEUPS=SECONDS then also counts the whole tree's idle
# wake-ups per minute with the window open (context switches of every thread, issue 13). For
# idle figures let start-up settle first (the first half minute after the paint is busier in
# both programs): COFFEECHAT_BENCH_SETTLE=20 COFFEECHAT_BENCH_WAKEUPS=60.
# COFFEECHAT_BENCH_THREADS=1 also prints, for each run, the threads that woke, busiest first.
#
# It builds nothing. Build the app, the hello-world and the data set generator first, the app
# exactly as `tauri build` does (tauri/custom-protocol embeds the page), both in one command so
# they share one compiled Tauri:
#   cargo build --release --locked --bins -p coffeechat -p coffeechat-hello-world \
#     --features tauri/custom-protocol
#   cargo build --release --locked -p coffeechat-core --example dataset
# (CARGO_TARGET_DIR is honoured, for the build and for where this script looks.)
#
# For each data file — an empty one, and the benchmarks' shared data set (5,000 people,
# 20,000 interviews, 100,000 reminders; src-tauri/core/examples/dataset.rs) — it launches the
# hello-world and the app alternately RUNS times, each on fresh XDG folders and HOME (a fresh copy
# of the data file for the app), and measures launch → window mapped, launch → first paint (the
# 220×50 area where Today's heading, and the hello-world's, appear stops being one flat colour)
# and RSS and PSS summed over the process tree (the program, WebKitWebProcess,
# WebKitNetworkProcess) 5 seconds after the first paint. It
# prints every run, then the medians and the ratios app / hello-world beside issue 12's goals,
# and the first paints' medians over the launches WebKit did not stall for 500 ms (a stall hits
# any WebKitGTK program at random where there is no GPU compositing: see benches/window.py).
# Everything runs on a private D-Bus session with a tray watcher and its own Xvfb display, as
# benches/tray.sh does; no notification server runs. Run it on a quiet machine: other WebKit
# processes lower PSS, and any load stretches the timings.
set -euo pipefail
script=$(realpath "$0")
cd "$(dirname "$script")/.."
root=$PWD

runs=${1:-7}
settle=${COFFEECHAT_BENCH_SETTLE:-5}
target=$(realpath "${CARGO_TARGET_DIR:-target}")
app=$(realpath "${COFFEECHAT_BENCH_APP:-$target/release/coffeechat}")
hello=$target/release/coffeechat-hello-world
generator=$target/release/examples/dataset

case $runs in
  '' | *[!0-9]* | 0) echo "error: RUNS must be a whole number above 0, not '$runs'" >&2; exit 2 ;;
esac

# First pass: check the tools and the programs, then run this script again on a private bus.
if [ -z "${COFFEECHAT_BENCH_INNER:-}" ]; then
  for tool in Xvfb dbus-run-session status-notifier-watcher xdotool python3 gdbus; do
    command -v "$tool" >/dev/null || {
      echo "error: $tool is missing; run scripts/setup.sh --test" >&2
      exit 2
    }
  done
  for program in "$app" "$hello" "$generator"; do
    [ -x "$program" ] || {
      echo "error: $program is missing; build it first (see the top of $0)" >&2
      exit 2
    }
  done
  export COFFEECHAT_BENCH_INNER=1
  exec dbus-run-session --config-file="$root/tests/e2e/session.conf" -- "$script" "$runs"
fi

# Second pass, on the private bus.
tmp=$(mktemp -d /tmp/coffeechat-window.XXXXXX)
xvfb_pid=""
watcher_pid=""

# shellcheck source=../scripts/lib/stop.sh
. "$root/scripts/lib/stop.sh"

cleanup() {
  local status=$?
  trap - EXIT
  stop "$watcher_pid" status-notifier-watcher
  stop "$xvfb_pid" Xvfb
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$tmp/logs" "$tmp/data"
# shellcheck source=../scripts/lib/xvfb.sh
. "$root/scripts/lib/xvfb.sh"
start_xvfb "$tmp" "$tmp/logs/xvfb.log" || exit 1

status-notifier-watcher >"$tmp/logs/watcher.log" 2>&1 &
watcher_pid=$!
gdbus wait --session --timeout 10 org.kde.StatusNotifierWatcher

echo "app: $app"
echo "hello-world: $hello"
echo "display $DISPLAY, $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "==> Writing the data files"
"$generator" "$tmp/data/empty.sqlite3" 0 0 0
"$generator" "$tmp/data/dataset.sqlite3"

python3 "$root/benches/window.py" "$app" "$hello" "$tmp" "$runs" "$settle" \
  "empty data file" "$tmp/data/empty.sqlite3" \
  "5,000 people (data set)" "$tmp/data/dataset.sqlite3"
echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
