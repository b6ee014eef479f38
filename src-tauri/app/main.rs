// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    prefer_shared_memory_rendering();
    coffeechat_lib::run();
}

/// WebKitGTK's DMA-BUF renderer fails on many Linux GPU stacks (a blank window) and, where there
/// is no GPU, took 5–7 s to first paint the Today screen here against ~2 s without it. The
/// shared-memory path costs one copy per frame, nothing on a page of lists. A user who sets the
/// variable themselves (even to 0) keeps their choice. It must be set before WebKit starts and
/// while no other thread exists, which is why it is the first thing `main` does.
fn prefer_shared_memory_rendering() {
    if cfg!(target_os = "linux") && std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}
