#!/usr/bin/env bash
# Runs Coffee Chat's end-to-end tests: the real debug app in a real window, driven through
# WebDriver as a user would drive it.
#   scripts/test-e2e.sh                 build the app, then run every test in tests/e2e/
#   scripts/test-e2e.sh -k journey -x   extra arguments go to pytest
#   KEEP_E2E_DATA=1 scripts/test-e2e.sh keep the temporary data folder to look at afterwards
#
# The tests run on a private D-Bus session without auto-activation (nothing is started behind
# their back), on their own Xvfb display and with temporary XDG folders, so they never touch the
# user's data, desktop or session bus. The XDG folders live for the whole run: restarting the app
# inside a test reopens the same data. Screenshots go to target/e2e-screenshots/, logs to
# target/e2e-logs/. Needs `scripts/setup.sh --test` first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Another run on the same machine (another worktree) may hold the default ports: set
# COFFEECHAT_E2E_PORT to use that port and the next one instead.
driver_port=${COFFEECHAT_E2E_PORT:-4444}
native_port=$((driver_port + 1))
native_driver=/usr/bin/WebKitWebDriver
app="$root/target/debug/coffeechat"
screenshots="$root/target/e2e-screenshots"
logs="$root/target/e2e-logs"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# First pass: check the tools, build, then run this script again inside a private session bus.
if [ -z "${COFFEECHAT_E2E_INNER:-}" ]; then
  for tool in cargo Xvfb dbus-run-session tauri-driver xdotool "$native_driver"; do
    command -v "$tool" >/dev/null || {
      echo "error: $tool is missing; run scripts/setup.sh --test" >&2
      exit 2
    }
  done
  [ -x tests/e2e/.venv/bin/pytest ] || {
    echo "error: tests/e2e/.venv is missing; run scripts/setup.sh --test" >&2
    exit 2
  }
  echo "==> Building the debug app and the resident part"
  cargo build
  cargo build -p coffeechat-resident
  # The data set generator, for the test at a real user's scale (test_12_people_at_scale.py).
  cargo build --quiet -p coffeechat-core --example dataset
  export COFFEECHAT_E2E_INNER=1
  exec dbus-run-session --config-file="$root/tests/e2e/session.conf" -- "$0" "$@"
fi

# Second pass, on the private bus: Xvfb, temporary XDG folders, tauri-driver, pytest.
for port in "$driver_port" "$native_port"; do
  if port_open "$port"; then
    echo "error: port $port is already in use (a tauri-driver or WebKitWebDriver left running?)" >&2
    exit 2
  fi
done

tmp=$(mktemp -d /tmp/coffeechat-e2e.XXXXXX)
xvfb_pid=""
driver_pid=""

# shellcheck source=lib/stop.sh
. "$root/scripts/lib/stop.sh"

# An app this run launched and that outlived its session: found by its binary and this run's
# data folder in its environment, never by name alone (other runs may use the same binary).
leftover_apps() {
  local pid
  for pid in $(pgrep -f "^$app( |\$)" || true); do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "XDG_DATA_HOME=$tmp/data" && echo "$pid"
  done
  return 0
}

# The resident parts this run's windows started: found by their binary and this run's session
# bus in their environment.
leftover_residents() {
  local pid
  for pid in $(pgrep -f "^$app-resident( |\$)" || true); do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null \
      | grep -qxF "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS" && echo "$pid"
  done
  return 0
}

cleanup() {
  local status=$?
  # SIGTERM, never SIGKILL, first: a killed tauri-driver leaves WebKitWebDriver on its port.
  stop "$driver_pid" tauri-driver
  for pid in $(leftover_apps); do
    echo "warning: the app (pid $pid) outlived tauri-driver; stopping it" >&2
    stop "$pid" coffeechat
  done
  # The resident part the windows started lives on after them, as it does for a user.
  for pid in $(leftover_residents); do
    stop "$pid" coffeechat-resident
  done
  stop "$xvfb_pid" Xvfb
  if [ -n "${KEEP_E2E_DATA:-}" ]; then
    echo "==> Kept the test data in $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$screenshots" "$logs"
rm -f "$screenshots"/*.png

# shellcheck source=lib/xvfb.sh
. "$root/scripts/lib/xvfb.sh"
start_xvfb "$tmp" "$logs/xvfb.log" || exit 1

export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
# Some libraries ignore XDG_CONFIG_HOME and write under $HOME (the login item goes to
# ~/.config/autostart): the app gets a home of its own too.
export HOME="$tmp/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" "$HOME"
chmod 700 "$XDG_RUNTIME_DIR"

# What the app asks the desktop to open (a mailto: draft, a LinkedIn page) is written to a file
# instead of starting a mail client or a browser: the opener plugin runs xdg-open, or gio open
# where there is none, found on PATH.
mkdir -p "$tmp/bin"
export COFFEECHAT_E2E_OPENED="$tmp/opened.txt"
: >"$COFFEECHAT_E2E_OPENED"
cat >"$tmp/bin/xdg-open" <<'FAKE'
#!/bin/sh
# A stand-in for xdg-open during the end-to-end tests: records its argument, opens nothing.
[ "$#" -eq 0 ] && exit 0
[ "$1" = open ] && [ "$(basename "$0")" = gio ] && shift
printf '%s\n' "$@" >>"$COFFEECHAT_E2E_OPENED"
FAKE
chmod +x "$tmp/bin/xdg-open"
cp "$tmp/bin/xdg-open" "$tmp/bin/gio"
export PATH="$tmp/bin:$PATH"

# Native file dialogs cannot be clicked through WebDriver: the app answers them from this file
# instead (src-tauri/app/files.rs). Empty means "cancelled"; a test writes the path it wants.
export COFFEECHAT_TEST_DIALOG="$tmp/dialog-answer.txt"
: >"$COFFEECHAT_TEST_DIALOG"

export COFFEECHAT_E2E_APP="$app"
export COFFEECHAT_E2E_DRIVER="http://127.0.0.1:$driver_port"
export COFFEECHAT_E2E_SCREENSHOTS="$screenshots"

tauri-driver --port "$driver_port" --native-port "$native_port" --native-driver "$native_driver" \
  >"$logs/tauri-driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 200); do
  port_open "$driver_port" && break
  kill -0 "$driver_pid" 2>/dev/null || {
    echo "error: tauri-driver exited, see $logs/tauri-driver.log" >&2
    exit 1
  }
  sleep 0.1
done
port_open "$driver_port" || { echo "error: tauri-driver is not listening after 20 s" >&2; exit 1; }

echo "==> Running the end-to-end tests on display $DISPLAY (data in $tmp)"
started=$(date +%s)
set +e
tests/e2e/.venv/bin/pytest tests/e2e -v "$@"
status=$?
set -e
echo "==> End-to-end tests finished in $(($(date +%s) - started)) s with status $status;" \
  "screenshots in $screenshots"
exit "$status"
