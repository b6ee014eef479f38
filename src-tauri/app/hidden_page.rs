//! The page of a window built hidden, laid out at the window's size before it is shown.
//!
//! WebKitGTK gives a page the size GTK allocates to its view, and GTK allocates sizes to shown
//! windows only: the page of a window built hidden is 0 × 0 until the window is mapped. So
//! Today could only be laid out once the window was on screen, after the app had shown it.
//! Given the window's size at once, the page lays itself out while the window is mapped, and
//! the window's first paint comes sooner (issue 12). The size is the one the window will be
//! mapped at, the window-state plugin's included, so showing the window allocates the same size
//! again, which changes nothing. (A window restored maximized is laid out again once mapped, at
//! the screen's size, as every window was before.)

use tauri::WebviewWindow;

/// Allocates the window's size to its web view while the window is still hidden (Linux; other
/// platforms size a hidden window's web view themselves).
pub fn size_to_window(window: &WebviewWindow) {
    #[cfg(target_os = "linux")]
    if let Err(error) = window.with_webview(|webview| allocate(webview.inner())) {
        log::warn!("cannot size the hidden window's page: {error}");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(target_os = "linux")]
fn allocate(view: webkit2gtk::WebView) {
    // Once what the main loop has pending is done: the size the window-state plugin restored
    // reaches the window as a request that is still waiting there.
    gtk::glib::idle_add_local_once(move || {
        use gtk::prelude::{Cast, GtkWindowExt, WidgetExt};
        let Some(toplevel) = view
            .toplevel()
            .and_then(|w| w.downcast::<gtk::Window>().ok())
        else {
            return;
        };
        // What the window will be mapped at: its default size, or the last one asked for.
        let (width, height) = toplevel.size();
        // GTK wants a widget's preferred size asked before it is given one.
        let _ = view.preferred_width();
        let _ = view.preferred_height();
        view.size_allocate(&gtk::Allocation::new(0, 0, width, height));
    });
}
