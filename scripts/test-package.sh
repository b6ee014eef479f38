#!/usr/bin/env bash
# Builds Coffee Chat's Debian package and checks it the way a user meets it: installs it with
# apt, validates its desktop entry, checks its icons and that the resident part
# (coffeechat-resident) is installed beside the app. Then, each time on its own Xvfb display
# with temporary XDG folders and a private session bus: starts only the resident part, as its
# login item does, on a fresh data folder (it must stay up, own its bus name and open no window);
# and launches exactly what the desktop entry's Exec= line says, waits for the "Coffee Chat"
# window and for the one resident part the window starts, and starts the resident part once more
# as a login item would (it must exit 0 and leave the first one alone). Prints the .deb's size and
# how long the window, its content and the resident part took.
#   scripts/test-package.sh              build (release), install, check, launch
#   SKIP_BUILD=1 scripts/test-package.sh check the .deb already in target/release/bundle/deb/
# Exits non-zero on the first failure. Installs the package system-wide (sudo when not root) and
# leaves it installed; `apt-get remove coffee-chat` removes it. Screenshot:
# target/package-screenshot.png. Needs `scripts/setup.sh --test` first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

title="Coffee Chat"
window_timeout=30
resident_timeout=15 # the window starts the resident part after its first paint
second_timeout=5    # a second resident part finds the first on the bus and exits
resident_name=org.coffeechat.desktop.Resident
logs="$root/target/package-logs"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
seconds_since() { awk -v start="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.2f", now - start }'; }

# --- Later passes, each on a private session bus: launch the installed programs ----------------
# COFFEECHAT_PACKAGE_PASS=login-item: the resident part alone; window: the desktop entry's Exec=.
if [ -n "${COFFEECHAT_PACKAGE_PASS:-}" ]; then
  resident=$COFFEECHAT_PACKAGE_RESIDENT
  tmp=$(mktemp -d /tmp/coffeechat-package.XXXXXX)
  xvfb_pid=""
  app_pid=""
  # shellcheck source=lib/stop.sh
  . "$root/scripts/lib/stop.sh"
  # The processes of this pass running PROGRAM: its executable (compared by inode, no fork per
  # process) and this pass's XDG_RUNTIME_DIR in their environment.
  ours() {
    local proc
    for proc in /proc/[0-9]*; do
      [ "$proc/exe" -ef "$1" ] || continue
      grep -qzxF "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR" "$proc/environ" 2>/dev/null || continue
      echo "${proc#/proc/}"
    done
  }
  # The process that owns the resident part's bus name, if any.
  bus_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetConnectionUnixProcessID "string:$resident_name" 2>/dev/null \
      | awk '$1 == "uint32" { print $2 }' || true
  }
  # ended_early LOG MESSAGE: fails, showing LOG, when app_pid ended before it should have;
  # MESSAGE's %s is its exit status.
  ended_early() {
    kill -0 "$app_pid" 2>/dev/null && return 0
    local status
    wait "$app_pid" && status=0 || status=$?
    app_pid=""
    cat "$1" >&2
    # shellcheck disable=SC2059 # the message is the format
    fail "$(printf "$2" "$status")"
  }
  cleanup() {
    local status=$? pid
    stop "$app_pid"
    # The resident part outlives the window: stopped here, whoever started it.
    for pid in $(ours "$resident"); do stop "$pid" coffeechat-resident; done
    stop "$xvfb_pid"
    rm -rf "$tmp"
    exit "$status"
  }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # shellcheck source=lib/xvfb.sh
  . "$root/scripts/lib/xvfb.sh"
  start_xvfb "$tmp" "$logs/xvfb.log" || fail "no X display for the app"
  export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
  export XDG_RUNTIME_DIR="$tmp/runtime"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"

  if [ "$COFFEECHAT_PACKAGE_PASS" = login-item ]; then
    echo "==> Starting only \`$resident\`, as its login item does, on a fresh data folder"
    launched=$(date +%s.%N)
    # A login item's Exec= is the resident part's own path, without arguments.
    "$resident" >"$logs/login-item.log" 2>&1 &
    app_pid=$!
    deadline=$(($(date +%s) + resident_timeout))
    until [ "$(bus_owner)" = "$app_pid" ]; do
      ended_early "$logs/login-item.log" "it exited with status %s without taking $resident_name"
      [ "$(date +%s)" -lt "$deadline" ] || fail "it did not take $resident_name within ${resident_timeout} s"
      sleep 0.05
    done
    name_time=$(seconds_since "$launched")
    echo "    it owns $resident_name after ${name_time} s"
    data_file="$XDG_DATA_HOME/org.coffeechat.desktop/coffeechat.sqlite3"
    until [ -s "$data_file" ]; do
      [ "$(date +%s)" -lt "$deadline" ] || fail "it did not create $data_file within ${resident_timeout} s"
      sleep 0.1
    done
    sleep 2
    kill -0 "$app_pid" 2>/dev/null || fail "it exited on its own, see $logs/login-item.log"
    [ "$(bus_owner)" = "$app_pid" ] || fail "it no longer owns $resident_name"
    [ -z "$(ours "$COFFEECHAT_PACKAGE_PROGRAM")" ] || fail "it started the window program"
    [ -z "$(xdotool search --onlyvisible --name "^${title}\$" 2>/dev/null || true)" ] \
      || fail "a \"$title\" window appeared"
    grep -qi "panicked" "$logs/login-item.log" && fail "it panicked, see $logs/login-item.log"
    echo "    after $(seconds_since "$launched") s it still runs and owns the name, created its data file, and no window appeared"
    echo "TIMING login_item_to_name_s=$name_time"
    exit 0
  fi

  echo "==> Launching \`$COFFEECHAT_PACKAGE_EXEC\` on display $DISPLAY"
  launched=$(date +%s.%N)
  # The Exec= value, field codes removed, run by the shell as a launcher would run it.
  sh -c "exec $COFFEECHAT_PACKAGE_EXEC" >"$logs/app.log" 2>&1 &
  app_pid=$!

  # Poll every 50 ms (xdotool's own --sync waits half a second between tries).
  window=""
  deadline=$(($(date +%s) + window_timeout))
  while [ -z "$window" ]; do
    ended_early "$logs/app.log" "the app exited with status %s before showing a window"
    [ "$(date +%s)" -lt "$deadline" ] || fail "no visible window named \"$title\" within ${window_timeout} s"
    window=$(xdotool search --onlyvisible --name "^${title}\$" 2>/dev/null | head -n1 || true)
    [ -n "$window" ] || sleep 0.05
  done
  window_time=$(seconds_since "$launched")
  echo "    window \"$(xdotool getwindowname "$window")\" ($window) appeared after ${window_time} s"
  # Docks group the window under the desktop entry by StartupWMClass: it must be the window's.
  wm_class=$(xprop -id "$window" WM_CLASS | cut -d= -f2-)
  if [ -n "${COFFEECHAT_PACKAGE_WMCLASS:-}" ]; then
    grep -qF "\"$COFFEECHAT_PACKAGE_WMCLASS\"" <<<"$wm_class" \
      || fail "StartupWMClass=$COFFEECHAT_PACKAGE_WMCLASS but the window's WM_CLASS is$wm_class"
    echo "    WM_CLASS$wm_class matches StartupWMClass=$COFFEECHAT_PACKAGE_WMCLASS"
  fi

  # Until the page is painted the window is one flat colour; the first view has text and a logo.
  painted_time=""
  while [ "$(date +%s)" -lt "$deadline" ]; do
    colours=$(import -window "$window" png:- 2>/dev/null | convert png:- -format '%k' info: 2>/dev/null || echo 0)
    if [ "${colours:-0}" -gt 32 ]; then
      painted_time=$(seconds_since "$launched")
      break
    fi
    sleep 0.1
  done
  [ -n "$painted_time" ] || fail "the window stayed blank for ${window_timeout} s"
  echo "    its content was painted after ${painted_time} s ($colours colours)"
  sleep 0.5
  import -window "$window" "$root/target/package-screenshot.png"
  echo "    screenshot: target/package-screenshot.png"

  kill -0 "$app_pid" 2>/dev/null || fail "the app exited on its own after showing its window"
  grep -qi "panicked" "$logs/app.log" && fail "the app panicked, see $logs/app.log"
  echo "TIMING launch_to_window_s=$window_time launch_to_paint_s=$painted_time"

  echo "==> The resident part"
  # The window starts exactly one, from beside its own executable, once painted.
  deadline=$(($(date +%s) + resident_timeout))
  while :; do
    residents=$(ours "$resident")
    [ -n "$residents" ] && [ "$(bus_owner)" = "$residents" ] && break
    [ "$(date +%s)" -lt "$deadline" ] \
      || fail "expected one $resident started by the window and owning $resident_name within ${resident_timeout} s; running: ${residents:-none}, owner: $(bus_owner)"
    sleep 0.1
  done
  resident_pid=$residents
  resident_time=$(seconds_since "$launched")
  echo "    the window started $resident (pid $resident_pid), which owns $resident_name, ${resident_time} s after launch"

  # A login item starts it once more: the second finds the first on the bus and exits 0.
  started=$(date +%s.%N)
  "$resident" >"$logs/resident-second.log" 2>&1 &
  second_pid=$!
  deadline=$(($(date +%s) + second_timeout))
  while kill -0 "$second_pid" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "a second $resident still runs after ${second_timeout} s"
    sleep 0.05
  done
  wait "$second_pid" && status=0 || status=$?
  second_time=$(seconds_since "$started")
  [ "$status" -eq 0 ] || { cat "$logs/resident-second.log" >&2; fail "a second $resident exited with status $status"; }
  [ "$(ours "$resident")" = "$resident_pid" ] || fail "after a second start, running: $(ours "$resident" | xargs)"
  [ "$(bus_owner)" = "$resident_pid" ] || fail "after a second start, $resident_name is not the first one's"
  echo "    a second start (as the login item) exited 0 after ${second_time} s; the first still runs and owns the name"

  # Ending the window leaves the reminders and the tray running.
  stop "$app_pid"
  app_pid=""
  if ! kill -0 "$resident_pid" 2>/dev/null || [ "$(bus_owner)" != "$resident_pid" ]; then
    fail "the resident part did not outlive the window"
  fi
  echo "    it outlives the window"
  grep -qi "panicked" "$logs/app.log" && fail "the app or the resident part panicked, see $logs/app.log"
  echo "TIMING launch_to_resident_s=$resident_time second_resident_exit_s=$second_time"
  exit 0
fi

# --- First pass: build, install, check ----------------------------------------------------------
for tool in npx dpkg-deb apt-get desktop-file-validate Xvfb xdotool xprop import convert identify \
  dbus-run-session dbus-send; do
  command -v "$tool" >/dev/null || fail "$tool is missing; run scripts/setup.sh --test"
done
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
mkdir -p "$logs"

bundle_dir=target/release/bundle/deb
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "==> Building the release .deb (npx tauri build --bundles deb)"
  rm -f "$bundle_dir"/*.deb
  started=$(date +%s.%N)
  # shellcheck source=lib/release-build.sh
  . "$root/scripts/lib/release-build.sh"
  release_build --bundles deb
  build_time=$(seconds_since "$started")
  echo "    built in ${build_time} s"
fi

shopt -s nullglob
debs=("$bundle_dir"/*.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb in $bundle_dir, found ${#debs[@]}"
deb="$root/${debs[0]}"
size=$(stat -c %s "$deb")
echo "==> $(basename "$deb"): $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }') MiB)"
package=$(dpkg-deb -f "$deb" Package)
echo "    package $package $(dpkg-deb -f "$deb" Version), depends: $(dpkg-deb -f "$deb" Depends)"

echo "==> Debian's own checker (lintian): any error fails the test, warnings are shown"
# Exit status 2 means a tag at --fail-on's level; the root warning is lintian's, not the package's.
lintian_status=0
report=$(lintian --tag-display-limit 0 --fail-on error "$deb" 2>&1) || lintian_status=$?
grep -v 'running with root privileges is not recommended' <<<"$report" | sed 's/^/    /' || true
[ "$lintian_status" -eq 0 ] || fail "lintian found errors in $(basename "$deb") (status $lintian_status)"
echo "    lintian: no errors"

echo "==> Installing it with apt"
started=$(date +%s.%N)
# --reinstall: the same version may already be installed from an earlier build.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --reinstall \
  -o DPkg::Lock::Timeout=600 "$deb" >"$logs/apt.log" 2>&1 \
  || { cat "$logs/apt.log" >&2; fail "apt-get install failed"; }
echo "    installed in $(seconds_since "$started") s"
files=$(dpkg -L "$package")

echo "==> Checking the desktop entry"
desktop=$(grep -E '^/usr/share/applications/[^/]+\.desktop$' <<<"$files" || true)
[ "$(grep -c . <<<"$desktop")" -eq 1 ] || fail "expected one .desktop file in the package, found: ${desktop:-none}"
echo "    $desktop"
sed 's/^/      /' "$desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejected $desktop"
echo "    desktop-file-validate: no errors"

echo "==> Checking the icons"
icons=$(grep -E '^/usr/share/icons/hicolor/[^/]+/apps/[^/]+\.png$' <<<"$files" || true)
[ -n "$icons" ] || fail "the package installs no hicolor PNG icon"
icon_name=$(grep -m1 '^Icon=' "$desktop" | cut -d= -f2-)
[ -n "$icon_name" ] || fail "the desktop entry has no Icon="
while read -r icon; do
  [ -s "$icon" ] || fail "$icon is listed by dpkg but missing or empty"
  [ "$(basename "$icon" .png)" = "$icon_name" ] || fail "$icon is not named after Icon=$icon_name"
  echo "    $icon ($(identify -format '%wx%h' "$icon"))"
done <<<"$icons"

exec_line=$(grep -m1 '^Exec=' "$desktop" | cut -d= -f2-)
[ -n "$exec_line" ] || fail "the desktop entry has no Exec="
# Field codes (%f, %U…) stand for files a launcher would pass: there are none here.
exec_command=$(sed -E 's/ ?%[fFuUdDnNickvm]//g' <<<"$exec_line")
program=$(command -v "${exec_command%% *}") || fail "Exec=$exec_line: ${exec_command%% *} is not on PATH"
grep -qxF "$program" <<<"$files" || fail "Exec= runs $program, which the package did not install"
echo "==> Exec=$exec_line runs $program (from $package)"

# The window starts the resident part from beside its own executable; login items start it by
# this path.
resident="$(dirname "$program")/coffeechat-resident"
grep -qxF "$resident" <<<"$files" || fail "the package does not install $resident beside $program"
if [ ! -f "$resident" ] || [ ! -x "$resident" ]; then fail "$resident is not an executable file"; fi
echo "==> $resident is installed beside it ($(stat -c '%A, %s bytes' "$resident"))"

export COFFEECHAT_PACKAGE_EXEC="$exec_command" COFFEECHAT_PACKAGE_PROGRAM="$program"
export COFFEECHAT_PACKAGE_RESIDENT="$resident"
COFFEECHAT_PACKAGE_WMCLASS=$(grep -m1 '^StartupWMClass=' "$desktop" | cut -d= -f2- || true)
export COFFEECHAT_PACKAGE_WMCLASS
: >"$logs/launch.log"
for pass in login-item window; do
  COFFEECHAT_PACKAGE_PASS=$pass dbus-run-session --config-file="$root/tests/e2e/session.conf" -- "$0" \
    | tee -a "$logs/launch.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
done
echo "==> Package test passed: $(basename "$deb"), $size bytes${build_time:+, built in ${build_time} s}"
