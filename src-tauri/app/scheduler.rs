//! The one background thread that shows reminders: it asks the core what fell due (claiming it,
//! so it is shown once), hands that to notifications, brings the tray up to date, and sleeps
//! until the next reminder. It sleeps at most a minute and reads the wall clock on every wake,
//! because a suspended laptop stops the monotonic clock a sleep is measured with; a data change
//! wakes it at once.
//!
//! Where the resident part keeps the reminders and the tray (Linux, see [`crate::resident`]),
//! it starts that part after the first paint and keeps only, for the window, the data file's
//! opening, check and retries, and whether notifications can be shown; healthy, it then wakes
//! for a data change or every [`LOOK_AT_NOTIFICATIONS`].
//!
//! It also opens the data file first (off the main thread: a file held by another program makes
//! SQLite wait), tries again every [`RETRY_OPEN`] while that may succeed on its own, and tells
//! the window, the tray and (with no window) a notification when the file has a problem. If it
//! ever panics it is restarted, and the panic logged.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

use coffeechat_core::exchange::backup;
use coffeechat_core::reminders::MAX_SLEEP;
use tauri::{AppHandle, Emitter, Manager};

use crate::notifications;
use crate::resident;
use crate::state::{AppState, DataProblem};
use crate::tray;
use crate::window;

/// A wake-up call for the scheduler that is never lost: a wake before the wait ends it at once.
#[derive(Default)]
pub struct Wakeup {
    woken: Mutex<bool>,
    signal: Condvar,
}

impl Wakeup {
    pub fn wake(&self) {
        *self.woken.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.signal.notify_all();
    }

    /// Sleeps until woken or until `timeout` passes.
    pub fn wait(&self, timeout: Duration) {
        let woken = self.woken.lock().unwrap_or_else(|p| p.into_inner());
        let (mut woken, _) = self
            .signal
            .wait_timeout_while(woken, timeout, |woken| !*woken)
            .unwrap_or_else(|p| p.into_inner());
        *woken = false;
    }
}

/// Set once and for good: waiting for it after it was set returns at once.
#[derive(Default)]
pub struct Latch {
    set: Mutex<bool>,
    signal: Condvar,
}

impl Latch {
    pub fn set(&self) {
        *self.set.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.signal.notify_all();
    }

    /// Waits until it is set or `timeout` passed.
    pub fn wait(&self, timeout: Duration) {
        let set = self.set.lock().unwrap_or_else(|p| p.into_inner());
        let _ = self
            .signal
            .wait_timeout_while(set, timeout, |set| !*set)
            .unwrap_or_else(|p| p.into_inner());
    }
}

/// How long the start-up work that reads the whole data file (its check, the daily backup)
/// waits for the window's first paint at most, should the page never say it drew.
const FIRST_PAINT_AT_MOST: Duration = Duration::from_secs(4);

/// How often opening the data file is tried again while that may succeed (a lock may go away,
/// a read-only file become writable).
const RETRY_OPEN: Duration = Duration::from_secs(2);

/// Where the resident part keeps the reminders (Linux), how often the window asks the
/// notification server whether it answers when nothing else woke it: its banner follows a
/// server that went away within this, and the window's idle wake-ups stay near none.
const LOOK_AT_NOTIFICATIONS: Duration = Duration::from_secs(10 * 60);

/// Live mode's cue as a notification, the same whether the scheduler or the window posts it.
pub use coffeechat_core::reminder_notice::{CUE_BODY, CUE_SUMMARY};

/// How long the scheduler waits before it starts again after a panic.
const RESTART_AFTER_PANIC: Duration = Duration::from_secs(1);

pub fn start(app: AppHandle) {
    let spawned = thread::Builder::new()
        .name("reminders".into())
        .spawn(move || supervise("reminder scheduler", RESTART_AFTER_PANIC, || run(&app)));
    if let Err(error) = spawned {
        log::error!("could not start the reminder scheduler: {error}");
    }
}

/// Runs `body` until it returns; when it panics, logs the failure and runs it again after
/// `pause`, so one bad reminder or a bug in a rarely taken path never silences reminders for
/// the rest of the session. Returns how many times it restarted.
pub fn supervise(name: &str, pause: Duration, body: impl Fn()) -> usize {
    let mut restarts = 0;
    while let Err(panic) = panic::catch_unwind(AssertUnwindSafe(&body)) {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        restarts += 1;
        log::error!("the {name} panicked ({what}); restarting it (restart {restarts})");
        thread::sleep(pause);
    }
    restarts
}

fn run(app: &AppHandle) {
    let state = app.state::<AppState>();
    // First thing, off the main thread: a file held by another program makes SQLite wait, and
    // the check reads the whole file while the window already reads from it.
    state.open_store();
    // The check and the daily backup read the whole file (about a second and three at 90 MB)
    // and, on two cores, would take them from the window while it draws Today: they wait for
    // its first paint. Writes wait for the check meanwhile; reads do not.
    if !std::env::args().any(|arg| arg == window::HIDDEN_ARG) {
        state.first_paint.wait(FIRST_PAINT_AT_MOST);
    }
    if resident::SEPARATE {
        resident::start();
    }
    state.check_opened_file();
    let mut failing = false;
    let mut problem_shown: Option<&'static str> = None;
    let mut first = true;
    loop {
        if state.retry(false) {
            failing = false;
        }
        let problem = state.data_problem();
        let code = problem.as_ref().map(|p| p.error.code);
        if code != problem_shown || first {
            data_status_changed(app, problem.as_ref(), first);
            problem_shown = code;
            first = false;
        }
        let healthy = problem.is_none();
        let sleep = match problem {
            // Nothing can be claimed into a file that cannot be written: the window and the
            // tray say why, and opening is tried again when that may help.
            Some(problem) if problem.retrying => RETRY_OPEN,
            Some(_) => MAX_SLEEP,
            // The resident part claims and posts the reminders, and takes the backup: this
            // loop only wakes for a write, a word from the resident part, or a look at the
            // notification server now and then.
            None if resident::SEPARATE => LOOK_AT_NOTIFICATIONS,
            None => match state.with(|store| store.tick()) {
                Ok(tick) => {
                    failing = false;
                    if !tick.claimed.is_empty() {
                        log::info!("{} reminder(s) due", tick.claimed.len());
                        notifications::notify_reminders(app, &tick.claimed);
                    }
                    // Live mode's cue is posted from here, on time: the window's own timers
                    // are throttled while it is hidden behind the video call.
                    for cue in &tick.cues {
                        log::info!("live-mode cue due (interview {})", cue.interview_id);
                        notifications::notify_notice(app, CUE_SUMMARY, CUE_BODY);
                    }
                    tick.sleep
                }
                Err(error) => {
                    // Said once, not every minute; the window shows the data file's problem.
                    if !failing {
                        log::error!("reminders cannot be read: {}", error.message);
                        failing = true;
                    }
                    MAX_SLEEP
                }
            },
        };
        if resident::SEPARATE {
            // The window says when notifications fail; the resident part posts them.
            notifications::probe_server(app);
            state.wakeup.wait(sleep);
            continue;
        }
        // A change in the window (a note marked sent, a snooze, a deletion) woke the loop: the
        // notifications about reminders no longer due leave the screen.
        if healthy {
            notifications::withdraw_finished(app, || {
                let due = state.with(|store| store.due_reminders()).ok()?;
                Some(due.iter().map(|r| r.id).collect())
            });
        }
        // A file that cannot be opened or written is not backed up every few seconds.
        if healthy {
            back_up_if_due(&state);
        }
        tray::refresh(app);
        state.wakeup.wait(sleep);
    }
}

/// The data file's problem appeared, changed or went away: the window is told (it shows the
/// problem, or reloads), and when no window shows it (the app started hidden at login, or
/// lives in the tray) one notification says it.
fn data_status_changed(app: &AppHandle, problem: Option<&DataProblem>, at_start: bool) {
    let _ = app.emit("data-status-changed", ());
    let Some(problem) = problem else {
        return;
    };
    let window_shows_it = if at_start {
        !std::env::args().any(|arg| arg == window::HIDDEN_ARG)
    } else {
        app.get_webview_window(window::MAIN)
            .is_some_and(|w| w.is_visible().unwrap_or(false))
    };
    if !window_shows_it {
        notifications::notify_notice(app, tray::problem_label(problem), &problem.error.message);
    }
}

/// The daily backup: taken at start when the last one is older than a day, and while the app
/// runs once a day has passed (checked on every wake, at most a minute apart). It is taken on a
/// connection of its own, without holding the store: copying a large file takes seconds (3.4 s
/// for the benchmarks' 5,000 people here), and at start the window's first reads would wait for
/// it before Today could paint.
fn back_up_if_due(state: &AppState) {
    let folder = backup::backup_folder(&state.database_path);
    let taken = match state.with(|store| store.due_backup(&folder)) {
        Ok(Some(due)) => due.take().map_err(|error| error.to_string()),
        Ok(None) => return,
        Err(error) => Err(error.message),
    };
    match taken {
        Ok(taken) => log::info!("daily backup taken: {}", taken.file_name),
        Err(message) => log::warn!("the daily backup failed: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn a_latch_holds_back_until_set_and_never_again() {
        let latch = Latch::default();
        let started = std::time::Instant::now();
        latch.wait(Duration::from_millis(50));
        assert!(
            started.elapsed() >= Duration::from_millis(50),
            "waited its time"
        );
        latch.set();
        let started = std::time::Instant::now();
        latch.wait(Duration::from_secs(60));
        latch.wait(Duration::from_secs(60));
        assert!(started.elapsed() < Duration::from_secs(5), "set: no wait");
    }

    #[test]
    fn a_panicking_body_is_restarted_until_it_returns() {
        let runs = AtomicUsize::new(0);
        let restarts = supervise("test body", Duration::ZERO, || {
            if runs.fetch_add(1, Ordering::SeqCst) < 2 {
                panic!("a bug in a rarely taken path");
            }
        });
        assert_eq!(restarts, 2);
        assert_eq!(runs.load(Ordering::SeqCst), 3);
    }
}
