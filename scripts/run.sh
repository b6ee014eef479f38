#!/usr/bin/env bash
# Sets up what Coffee Chat needs (first time only), builds it the way the .deb ships it and
# launches it. After scripts/test.sh (whose package test makes the same build) nothing is
# compiled again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=lib/release-build.sh
. scripts/lib/release-build.sh
release_build --no-bundle
exec target/release/coffeechat "$@"
