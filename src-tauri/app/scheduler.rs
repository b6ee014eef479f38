//! The one background thread that shows reminders: it asks the core what fell due (claiming it,
//! so it is shown once), hands that to notifications, brings the tray up to date, and sleeps
//! until the next reminder. It sleeps at most a minute and reads the wall clock on every wake,
//! because a suspended laptop stops the monotonic clock a sleep is measured with; a data change
//! wakes it at once.

use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

use coffeechat_core::reminders::MAX_SLEEP;
use tauri::{AppHandle, Manager};

use crate::notifications;
use crate::state::AppState;
use crate::tray;

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

pub fn start(app: AppHandle) {
    let spawned = thread::Builder::new()
        .name("reminders".into())
        .spawn(move || run(app));
    if let Err(error) = spawned {
        log::error!("could not start the reminder scheduler: {error}");
    }
}

fn run(app: AppHandle) {
    let mut failing = false;
    loop {
        let state = app.state::<AppState>();
        let sleep = match state.with(|store| store.tick()) {
            Ok(tick) => {
                failing = false;
                if !tick.claimed.is_empty() {
                    log::info!("{} reminder(s) due", tick.claimed.len());
                    notifications::notify_reminders(&app, &tick.claimed);
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
        };
        tray::refresh(&app);
        state.wakeup.wait(sleep);
    }
}
