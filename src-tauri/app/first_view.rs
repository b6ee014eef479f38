//! What the window's first view needs — the app's status, Today's data and the reminder the
//! window was opened on — handed to its page before the page's scripts run (an initialisation
//! script of the window), so that Today is drawn without waiting for calls to the app (issue 12:
//! launch → painted Today). The page takes it once (`ui/js/early.js`); a reload asks by calls,
//! since this was read when the window was built.

use std::time::Duration;

use serde_json::{json, Value};

use crate::commands::{status_of, UPCOMING_SHOWN};
use crate::state::AppState;

/// How long building the window waits for the data file to be opened: it is opened off the
/// main thread at the same moment and takes a few milliseconds, unless another program holds it.
const WAIT_FOR_THE_DATA_FILE: Duration = Duration::from_millis(50);

/// The name the page finds the handed state under.
const GLOBAL: &str = "__COFFEECHAT_FIRST_VIEW__";

/// The initialisation script that hands the first view's state to the page, or `None` when the
/// data file's opening did not end in time (the page then asks by calls, as a reload does).
pub fn script(state: &AppState) -> Option<String> {
    let handed = handed(state, WAIT_FOR_THE_DATA_FILE)?;
    Some(format!("window.{GLOBAL} = {handed};"))
}

/// `{ status, today, upcoming, pending }`: `today` and `upcoming` are null when they cannot be
/// read (the page asks again and shows why); `pending` is the reminder to open on, taken.
fn handed(state: &AppState, wait: Duration) -> Option<Value> {
    if !state.opened_within(wait) {
        return None;
    }
    let today = state.with(|store| store.today()).ok();
    let upcoming = state
        .with(|store| store.upcoming_reminders(UPCOMING_SHOWN))
        .ok();
    let pending = state
        .pending_reminder
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    Some(json!({
        "status": status_of(state),
        "today": today,
        "upcoming": upcoming,
        "pending": pending,
    }))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn data_file(name: &str) -> PathBuf {
        let folder = std::env::temp_dir().join(format!(
            "coffeechat-first-view-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        folder.join("coffeechat.sqlite3")
    }

    #[test]
    fn an_opened_data_file_hands_today_the_status_and_the_reminder_once() {
        let state = AppState::new(data_file("opened"));
        assert!(state.open_store());
        *state.pending_reminder.lock().unwrap() = Some(7);

        let handed = handed(&state, Duration::ZERO).expect("the file is open");
        assert_eq!(handed["status"]["error"], Value::Null);
        assert_eq!(handed["today"]["people_count"], 0);
        assert_eq!(handed["today"]["reminders"], json!([]));
        assert_eq!(handed["upcoming"], json!([]));
        assert_eq!(handed["pending"], 7);
        assert_eq!(*state.pending_reminder.lock().unwrap(), None, "taken");

        let script = script(&state).unwrap();
        assert!(script.starts_with("window.__COFFEECHAT_FIRST_VIEW__ = {"));
        assert!(script.contains("\"pending\":null"), "handed once: {script}");
    }

    #[test]
    fn a_data_file_that_cannot_be_opened_hands_why_and_no_data() {
        let path = data_file("damaged");
        std::fs::write(&path, b"not a database, but a file a user put here").unwrap();
        let state = AppState::new(path);
        assert!(!state.open_store());

        let handed = handed(&state, Duration::ZERO).expect("the attempt ended");
        assert!(handed["status"]["error"]["code"].is_string(), "{handed}");
        assert_eq!(handed["today"], Value::Null);
        assert_eq!(handed["upcoming"], Value::Null);
    }

    #[test]
    fn a_data_file_still_opening_hands_nothing_and_keeps_the_reminder() {
        let state = AppState::new(data_file("opening"));
        *state.pending_reminder.lock().unwrap() = Some(3);

        let started = std::time::Instant::now();
        assert!(handed(&state, Duration::from_millis(20)).is_none());
        assert!(
            started.elapsed() >= Duration::from_millis(20),
            "waited its time"
        );
        assert_eq!(
            *state.pending_reminder.lock().unwrap(),
            Some(3),
            "left for the page"
        );
    }
}
