#!/usr/bin/env bash
# Sets up what Coffee Chat needs (first time only) and launches it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
exec cargo run --release --locked
