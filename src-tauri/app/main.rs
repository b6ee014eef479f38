// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    set_webkit_defaults();
    coffeechat_lib::run();
}

/// WebKitGTK settings read from the environment when WebKit starts: they must be set before
/// that and while no other thread exists, which is why this is the first thing `main` does. A
/// user who sets one themselves (even to 0) keeps their choice.
///
/// - `WEBKIT_DISABLE_DMABUF_RENDERER`: the DMA-BUF renderer fails on many Linux GPU stacks (a
///   blank window) and, where there is no GPU, took 5–7 s to first paint Today here against
///   ~2 s without it. The shared-memory path costs one copy per frame, nothing on lists.
/// - `WEBKIT_DISABLE_MEMORY_PRESSURE_MONITOR`: once a web context exists, its monitor thread
///   wakes every 5 s for the life of the process, also in the tray with no window; an app that
///   waits all day for a reminder should sleep instead (issue 13).
fn set_webkit_defaults() {
    if !cfg!(target_os = "linux") {
        return;
    }
    for name in [
        "WEBKIT_DISABLE_DMABUF_RENDERER",
        "WEBKIT_DISABLE_MEMORY_PRESSURE_MONITOR",
    ] {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, "1");
        }
    }
}
