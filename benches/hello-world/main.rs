//! A hello-world Tauri app, the reference benches/window.sh measures Coffee Chat's window against:
//! one window the size of Coffee Chat's, a static page with a heading where Today's sits.

// Prevents an extra console window on Windows in release builds, as in the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // The same renderer choice Coffee Chat makes first thing in its `main` (see
    // src-tauri/app/main.rs), so both draw the same way.
    if cfg!(target_os = "linux") && std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running the hello-world app");
}
