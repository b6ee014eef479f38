# Sourced by scripts/run.sh and scripts/test-package.sh. release_build [TAURI BUILD OPTIONS]:
# the release build exactly as the .deb ships it. `tauri build` runs
# `cargo build --bins --features tauri/custom-protocol --release` (the feature embeds ui/ in the
# binary), with or without bundling; a plain `cargo build --release` would lack the feature and
# compile Tauri and everything above it again. One command for both scripts keeps them in step:
# running the app after the tests reuses the package's build, and is the binary the .deb holds.
release_build() {
  npx tauri build --ci "$@" -- --locked
}
