//! Nothing typed is lost on the way out. Before the window's web view goes (its window closed,
//! Quit in the tray, SIGTERM at log-out or shutdown), the page is asked to save what it holds
//! (the `flush-now` event) and the shell waits for its answer (the `flushed` command), at most
//! [`WAIT`]. A page says `flushed(0, …)` once it listens; a window whose page does not listen
//! yet (it is still loading) holds nothing typed and closes at once. When something could not be saved the page may hold a close or a Quit: it says
//! what and why, and the user decides (`flushed` again, with `proceed`). A signal is never held.
//! The app checkpoints the database as it exits, so the data file alone is then a full copy.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;
use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Emitter, Manager, Webview};

use crate::state::AppState;
use crate::window;

/// How long the shell waits for the page to save before it goes on regardless (a page that
/// hangs must not keep the app from closing or the session from ending).
pub const WAIT: Duration = Duration::from_secs(2);

/// Why the web view is about to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Leaving {
    /// The window is closed; the app stays in the tray.
    Close,
    /// "Quit" in the tray.
    Quit,
    /// The system asks the app to end (SIGTERM, SIGINT, SIGHUP). It cannot be held.
    Signal,
}

/// The `flush-now` event's payload: the page answers `flushed(request, proceed)`.
#[derive(Clone, Serialize)]
struct FlushNow {
    request: u64,
    reason: Leaving,
}

struct Pending {
    reason: Leaving,
    /// A thread waits for the answer; false once the page held the request.
    waiting: bool,
    answer: Option<bool>,
}

/// The flush requests sent to the page and not settled yet; managed by the app.
#[derive(Default)]
pub struct Flushes {
    pending: Mutex<(u64, HashMap<u64, Pending>)>,
    answered: Condvar,
    /// The main window's page listens for `flush-now` (it said so with request 0). A page still
    /// loading holds nothing typed: its window closes at once instead of waiting [`WAIT`] in vain.
    listening: AtomicBool,
}

impl Flushes {
    fn lock(&self) -> MutexGuard<'_, (u64, HashMap<u64, Pending>)> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Asks the page to save, waits (off the main thread) for its answer or [`WAIT`], then closes
/// the window or ends the app as `reason` says.
pub fn leave(app: &AppHandle, reason: Leaving) {
    let flushes = app.state::<Flushes>();
    if app.get_webview_window(window::MAIN).is_none() || !flushes.listening.load(Ordering::SeqCst) {
        // No page, or one still loading: nothing typed to save.
        log::info!("{reason:?}: no page listens, nothing to save");
        finish(app, reason);
        return;
    }
    let request = {
        let mut guard = flushes.lock();
        let (next, pending) = &mut *guard;
        // A second click on the close button while the page saves changes nothing; asking
        // again after the page held an earlier request starts over.
        if pending.values().any(|p| p.reason == reason && p.waiting) {
            return;
        }
        pending.retain(|_, p| p.reason != reason);
        *next += 1;
        pending.insert(
            *next,
            Pending {
                reason,
                waiting: true,
                answer: None,
            },
        );
        *next
    };
    if let Err(error) = app.emit_to(window::MAIN, "flush-now", FlushNow { request, reason }) {
        log::warn!("cannot ask the page to save: {error}");
        flushes.lock().1.remove(&request);
        finish(app, reason);
        return;
    }
    let app = app.clone();
    let waiter = std::thread::Builder::new()
        .name("flush".into())
        .spawn(move || wait_for_the_page(&app, request, reason));
    if let Err(error) = waiter {
        log::error!("cannot wait for the page to save: {error}");
    }
}

fn wait_for_the_page(app: &AppHandle, request: u64, reason: Leaving) {
    let flushes = app.state::<Flushes>();
    let started = Instant::now();
    let mut guard = flushes.lock();
    let answer = loop {
        match guard.1.get(&request) {
            None => return,
            Some(Pending {
                answer: Some(answer),
                ..
            }) => break Some(*answer),
            Some(_) => {}
        }
        let left = WAIT.saturating_sub(started.elapsed());
        if left.is_zero() {
            break None;
        }
        guard = flushes
            .answered
            .wait_timeout(guard, left)
            .unwrap_or_else(|p| p.into_inner())
            .0;
    };
    let waited = started.elapsed().as_millis();
    if answer == Some(false) && reason != Leaving::Signal {
        if let Some(pending) = guard.1.get_mut(&request) {
            pending.waiting = false;
            pending.answer = None;
        }
        drop(guard);
        log::info!("{reason:?} held after {waited} ms: the page has text it could not save");
        if reason == Leaving::Quit {
            window::show(app);
        }
        return;
    }
    guard.1.remove(&request);
    drop(guard);
    match answer {
        Some(_) => log::info!("{reason:?}: the page saved what it holds in {waited} ms"),
        None => log::warn!("{reason:?}: the page did not answer within {waited} ms; going on"),
    }
    finish(app, reason);
}

/// The page's answer to request `request`: it saved what it holds (`proceed`), or it asks to
/// hold the close or Quit. After a hold, `proceed` is the user's "close anyway". Request 0 is
/// the page saying it listens (it has just started, so nothing is unsaved).
pub fn answer(app: &AppHandle, request: u64, proceed: bool) {
    let flushes = app.state::<Flushes>();
    if request == 0 {
        flushes.listening.store(true, Ordering::SeqCst);
        return;
    }
    let mut guard = flushes.lock();
    let Some(pending) = guard.1.get_mut(&request) else {
        return; // Settled already (the wait ran out).
    };
    if pending.waiting {
        pending.answer = Some(proceed);
        flushes.answered.notify_all();
    } else if proceed {
        let reason = pending.reason;
        guard.1.remove(&request);
        drop(guard);
        log::info!("{reason:?} confirmed by the user with unsaved text");
        finish(app, reason);
    }
}

fn finish(app: &AppHandle, reason: Leaving) {
    match reason {
        Leaving::Close => window::close_now(app),
        Leaving::Quit | Leaving::Signal => app.exit(0),
    }
}

/// A page that (re)loads does not listen until it says so.
pub fn on_page_load(webview: &Webview, payload: &PageLoadPayload<'_>) {
    if webview.label() != window::MAIN || !matches!(payload.event(), PageLoadEvent::Started) {
        return;
    }
    if let Some(flushes) = webview.try_state::<Flushes>() {
        flushes.listening.store(false, Ordering::SeqCst);
    }
}

/// The main window's page is being destroyed; a window built again loads a new one.
pub fn page_gone(app: &AppHandle) {
    app.state::<Flushes>()
        .listening
        .store(false, Ordering::SeqCst);
}

/// The app is ending: everything in the write-ahead log goes into the data file.
pub fn on_exit(app: &AppHandle) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    let started = Instant::now();
    match state.with(|store| store.checkpoint()) {
        Ok(()) => log::info!(
            "data file checkpointed in {} ms",
            started.elapsed().as_millis()
        ),
        Err(error) => log::warn!("cannot checkpoint the data file: {}", error.message),
    }
}

/// SIGTERM (log-out, shutdown), SIGINT and SIGHUP save like Quit, without asking; a second
/// signal ends the app at once.
#[cfg(unix)]
pub fn on_signals(app: AppHandle) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
        Ok(signals) => signals,
        Err(error) => {
            log::warn!("cannot listen for SIGTERM: {error}");
            return;
        }
    };
    let listener = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let mut first = true;
            for signal in signals.forever() {
                log::info!("signal {signal}: saving, then quitting");
                if std::mem::take(&mut first) {
                    leave(&app, Leaving::Signal);
                } else {
                    app.exit(0);
                }
            }
        });
    if let Err(error) = listener {
        log::warn!("cannot listen for SIGTERM: {error}");
    }
}
