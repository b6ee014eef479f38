#!/usr/bin/env bash
# Builds Coffee Chat's Debian package and checks it the way a user meets it: installs it with
# apt, validates its desktop entry, checks its icons, then launches exactly what the desktop
# entry's Exec= line says, on its own Xvfb display with temporary XDG folders, and waits for the
# "Coffee Chat" window. Prints the .deb's size and how long the window took to appear.
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
logs="$root/target/package-logs"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
seconds_since() { awk -v start="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.2f", now - start }'; }

# --- Second pass, on a private session bus: launch the installed app ---------------------------
if [ -n "${COFFEECHAT_PACKAGE_EXEC:-}" ]; then
  tmp=$(mktemp -d /tmp/coffeechat-package.XXXXXX)
  xvfb_pid=""
  app_pid=""
  # shellcheck source=lib/stop.sh
  . "$root/scripts/lib/stop.sh"
  cleanup() {
    local status=$?
    stop "$app_pid"
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

  echo "==> Launching \`$COFFEECHAT_PACKAGE_EXEC\` on display $DISPLAY"
  launched=$(date +%s.%N)
  # The Exec= value, field codes removed, run by the shell as a launcher would run it.
  sh -c "exec $COFFEECHAT_PACKAGE_EXEC" >"$logs/app.log" 2>&1 &
  app_pid=$!

  # Poll every 50 ms (xdotool's own --sync waits half a second between tries).
  window=""
  deadline=$(($(date +%s) + window_timeout))
  while [ -z "$window" ]; do
    kill -0 "$app_pid" 2>/dev/null || {
      wait "$app_pid" && status=0 || status=$?
      app_pid=""
      cat "$logs/app.log" >&2
      fail "the app exited with status $status before showing a window"
    }
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
  stop "$app_pid"
  app_pid=""
  echo "TIMING launch_to_window_s=$window_time launch_to_paint_s=$painted_time"
  exit 0
fi

# --- First pass: build, install, check ----------------------------------------------------------
for tool in npx dpkg-deb apt-get desktop-file-validate Xvfb xdotool xprop import convert identify \
  dbus-run-session; do
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

export COFFEECHAT_PACKAGE_EXEC="$exec_command"
COFFEECHAT_PACKAGE_WMCLASS=$(grep -m1 '^StartupWMClass=' "$desktop" | cut -d= -f2- || true)
export COFFEECHAT_PACKAGE_WMCLASS
dbus-run-session --config-file="$root/tests/e2e/session.conf" -- "$0" | tee "$logs/launch.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
echo "==> Package test passed: $(basename "$deb"), $size bytes${build_time:+, built in ${build_time} s}"
