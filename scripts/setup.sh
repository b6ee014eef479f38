#!/usr/bin/env bash
# Installs what Coffee Chat needs on Debian or Ubuntu: the system libraries Tauri builds against,
# Rust and Node.js if they are missing, and the project's pinned Tauri CLI (and axe-core).
#   scripts/setup.sh          what building and running the app needs
#   scripts/setup.sh --test   also what the tests need (Xvfb, WebKitWebDriver, tauri-driver, dunst,
#                             a tray watcher, busctl (systemd) and gdbus for the D-Bus checks,
#                             a Python virtual environment with Selenium and pytest)
# Safe to run again: what is already there is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
[ "${1:-}" = "--test" ] && want_tests=true

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

app_packages=(
  libwebkit2gtk-4.1-dev build-essential curl file libssl-dev libayatana-appindicator3-dev
  librsvg2-dev libxdo-dev pkg-config
)
test_packages=(
  xvfb xauth webkit2gtk-driver dbus dbus-bin dunst libnotify-bin haskell-status-notifier-item-utils
  systemd libglib2.0-bin libx11-6 imagemagick desktop-file-utils jq xdotool x11-utils python3
  python3-venv lintian
)

packages=("${app_packages[@]}")
$want_tests && packages+=("${test_packages[@]}")
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -o DPkg::Lock::Timeout=600
  $sudo apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "==> Installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal \
      --component clippy,rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

# package.json pins them: the Tauri CLI, and axe-core for the accessibility checks of the
# end-to-end tests (tests/e2e/test_09_accessibility.py).
if [ ! -x node_modules/.bin/tauri ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  echo "==> Installing the Tauri CLI and axe-core (npm ci)"
  npm ci --no-audit --no-fund
fi

if $want_tests; then
  if ! command -v tauri-driver >/dev/null; then
    echo "==> Installing tauri-driver (cargo)"
    cargo install tauri-driver --locked
  fi
  if [ ! -x tests/e2e/.venv/bin/pytest ]; then
    echo "==> Creating the end-to-end test environment (Python)"
    python3 -m venv tests/e2e/.venv
    tests/e2e/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
  fi
fi
echo "==> Setup done"
