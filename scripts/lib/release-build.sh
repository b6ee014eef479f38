# shellcheck shell=bash
# Sourced by scripts/run.sh and scripts/test-package.sh. release_build [TAURI BUILD OPTIONS]:
# the release build exactly as the .deb ships it. `tauri build` runs
# `cargo build --bins --features tauri/custom-protocol --release` (the feature embeds ui/ in the
# binary), with or without bundling; a plain `cargo build --release` would lack the feature and
# compile Tauri and everything above it again. One command for both scripts keeps them in step:
# running the app after the tests reuses the package's build, and is the binary the .deb holds.
# On Linux the window starts the resident part, `coffeechat-resident`, from beside its own
# executable, and the .deb installs it beside the app: it is built first, into
# target/release/ too, also for `--no-bundle` (scripts/run.sh). A bundle build checks it again
# (tauri.conf.json's beforeBundleCommand, so that `npx tauri build --bundles deb` alone ships a
# current one; here that check finds nothing to do).
release_build() {
  package_docs
  cargo build --release --locked -p coffeechat-resident
  npx tauri build --ci "$@" -- --locked
}

# The Debian changelog and the manual pages, compressed as Debian wants them (gzip -9n: no name or
# time stamp) beside their sources, where tauri.conf.json's deb files take them. They are kept in
# git so that `npx tauri build --bundles deb` works alone; this keeps them current (the tidy test
# fails when one differs from its source).
package_docs() {
  gzip -9nc packaging/changelog >packaging/changelog.gz
  gzip -9nc packaging/coffeechat.1 >packaging/coffeechat.1.gz
  gzip -9nc packaging/coffeechat-resident.1 >packaging/coffeechat-resident.1.gz
}
