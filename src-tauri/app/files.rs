//! Files the user hands over or asks for: the native open and save dialogs (opened from Rust, so
//! the window itself may not browse the disk) and files dropped onto the window.
//!
//! Tests cannot click a native dialog, so `COFFEECHAT_TEST_DIALOG` names a file whose text
//! answers it instead: the path to open, or the folder to save into. Everything after the
//! choice goes through the real window and the real core.

use std::path::PathBuf;

use tauri::{AppHandle, DragDropEvent, Emitter, Window, WindowEvent};
use tauri_plugin_dialog::DialogExt;

use crate::window::MAIN;

const TEST_DIALOG_VAR: &str = "COFFEECHAT_TEST_DIALOG";

/// What a test wrote as the dialog's answer; `None` when no test seam is set.
fn test_answer() -> Option<Option<PathBuf>> {
    let answer_file = std::env::var_os(TEST_DIALOG_VAR)?;
    let answer = std::fs::read_to_string(answer_file).unwrap_or_default();
    let answer = answer.trim();
    Some((!answer.is_empty()).then(|| PathBuf::from(answer)))
}

/// Asks for a file to open; `None` when the user cancelled.
pub fn pick_file(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(answer) = test_answer() {
        return answer;
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .add_filter("All files", &["*"])
        .blocking_pick_file()
        .and_then(|chosen| chosen.into_path().ok())
}

/// Asks where to save `suggested_name`; `None` when the user cancelled.
pub fn save_file(
    app: &AppHandle,
    title: &str,
    suggested_name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    if let Some(answer) = test_answer() {
        return answer.map(|folder| folder.join(suggested_name));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested_name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .and_then(|chosen| chosen.into_path().ok())
}

/// A file dropped onto the main window is offered for import: the page shows its preview.
pub fn on_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event else {
        return;
    };
    if window.label() != MAIN {
        return;
    }
    if let Some(path) = paths.first() {
        let _ = window.emit_to(MAIN, "file-dropped", path.display().to_string());
    }
}
