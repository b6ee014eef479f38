#!/usr/bin/env bash
# Sets up and runs every test of Coffee Chat:
#   formatting and lints, the core's tests on real SQLite files, the tidy invariants, the UI's
#   autosave helper (Node's test runner),
#   the end-to-end tests of the real app in a real window (Xvfb + WebDriver),
#   and the .deb package: built, installed, validated and started from its desktop entry.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
started=$(date +%s)

step() { printf '\n==> %s\n' "$*"; }

step "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "Lints (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Core, shell and tidy tests (cargo test)"
cargo test --workspace --locked

step "The UI's autosave helper (node --test)"
node --test tests/ui/

step "End-to-end tests in a real window"
scripts/test-e2e.sh

step "The .deb package"
scripts/test-package.sh

printf '\n==> Every test passed in %s s\n' "$(( $(date +%s) - started ))"
