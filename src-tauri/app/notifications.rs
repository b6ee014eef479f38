//! Native notifications for reminders, through notify-rust.
//!
//! Every call to the notification server runs on its own thread and is waited for at most
//! [`SERVER_TIMEOUT`]: a stuck server (it happens: a frozen notification daemon) blocks that
//! thread forever, never the app. With no server, or no D-Bus at all, the app keeps working and
//! the window shows the reminders with a banner that says why; the problem is logged once.
//!
//! On Linux a reminder carries actions — "Mark sent" or "Done", "Snooze 1 h", and the default
//! action that opens the window on it — and the thread that showed it waits for the answer.
//! A reminder's notification stays on screen only while the reminder is due: finished, snoozed
//! or deleted in the window, it is withdrawn from the server ([`withdraw_finished`]), so the
//! desktop never offers "Mark sent" on a note already sent.

use std::sync::{mpsc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use coffeechat_core::reminder_notice::{Answer, Notice, Then};
use coffeechat_core::reminders::Reminder;
use notify_rust::Notification;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;
use crate::window;

/// How long a notification server may take to answer before it is treated as absent.
pub const SERVER_TIMEOUT: Duration = Duration::from_secs(2);

/// The reverse-DNS identity notifications are shown under, where the platform asks for one.
#[cfg_attr(target_os = "linux", allow(dead_code))]
const IDENTIFIER: &str = "org.coffeechat.desktop";

/// Whether notifications can be shown, and if not, why.
#[derive(Default)]
pub struct NotificationHealth {
    problem: Mutex<Option<String>>,
    /// One call to the server at a time.
    calls: OneCall,
    /// The reminders' notifications on screen.
    #[cfg(all(unix, not(target_os = "macos")))]
    on_screen: Mutex<Vec<OnScreen>>,
}

/// A notification about reminders that the server shows now.
#[cfg(all(unix, not(target_os = "macos")))]
struct OnScreen {
    /// The server's id of the notification.
    id: u32,
    reminders: Vec<i64>,
}

impl NotificationHealth {
    /// Why notifications cannot be shown right now, if they cannot.
    pub fn problem(&self) -> Option<String> {
        self.problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Records the outcome of a call; tells the log and the window only when it changes.
    fn record(&self, app: &AppHandle, outcome: Result<(), String>) {
        let mut problem = self.problem.lock().unwrap_or_else(|p| p.into_inner());
        let changed = match (&*problem, &outcome) {
            (None, Ok(())) => false,
            (Some(_), Ok(())) => {
                log::info!("notifications work again");
                true
            }
            (None, Err(error)) => {
                log::warn!("cannot show notifications, reminders stay in the window: {error}");
                true
            }
            (Some(_), Err(_)) => false,
        };
        *problem = outcome.err();
        drop(problem);
        if changed {
            let _ = app.emit("notifications-changed", ());
        }
    }
}

/// One call to the notification server at a time. A call that comes while another has not
/// returned waits for it, at most [`SERVER_TIMEOUT`] (the window's check of the server and live
/// mode's cue may come together, and the cue must not be lost); after that the server is stuck,
/// and no more threads are piled up on it.
#[derive(Default)]
struct OneCall {
    busy: Mutex<bool>,
    returned: Condvar,
}

impl OneCall {
    /// Whether this call may go now, after waiting at most `wait` for the one before it.
    fn begin(&self, wait: Duration) -> bool {
        let busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        let (mut busy, _) = self
            .returned
            .wait_timeout_while(busy, wait, |busy| *busy)
            .unwrap_or_else(|p| p.into_inner());
        if *busy {
            return false;
        }
        *busy = true;
        true
    }

    /// The call returned.
    fn end(&self) {
        *self.busy.lock().unwrap_or_else(|p| p.into_inner()) = false;
        self.returned.notify_all();
    }
}

/// Sets the identity notifications are shown under, once, at start-up.
pub fn init_platform() {
    #[cfg(target_os = "macos")]
    if let Err(error) = notify_rust::set_application(IDENTIFIER) {
        log::warn!("notifications: cannot set the application identity: {error}");
    }
}

/// Shows reminders that just fell due: one notification with actions for a single reminder,
/// one grouped notification for several (as after the app was closed for a while); the core's
/// `reminder_notice` says what they say.
pub fn notify_reminders(app: &AppHandle, reminders: &[Reminder]) {
    let ids: Vec<i64> = reminders.iter().map(|r| r.id).collect();
    show(
        app,
        notification(&Notice::for_reminders(reminders)),
        Some(ids),
    );
}

/// Shows a plain notice without actions, such as "Coffee Chat keeps running in the tray".
pub fn notify_notice(app: &AppHandle, summary: &str, body: &str) {
    show(app, notification(&Notice::plain(summary, body)), None);
}

/// The platform's notification for `notice`: its actions where the platform has them.
fn notification(notice: &Notice) -> Notification {
    let mut notification = Notification::new();
    notification
        .appname("Coffee Chat")
        .icon("coffeechat")
        .summary(&notice.summary)
        .body(&notice.body);
    #[cfg(target_os = "windows")]
    notification.app_id(IDENTIFIER);
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        for (id, label) in &notice.actions {
            notification.action(id, label);
        }
        if notice.urgent {
            notification.urgency(notify_rust::Urgency::Critical);
        }
    }
    notification
}

/// Sends `notification` on its own thread and waits for the server at most [`SERVER_TIMEOUT`].
/// `reminders`: the reminders it is about, whose actions the same thread then waits for.
fn show(app: &AppHandle, notification: Notification, reminders: Option<Vec<i64>>) {
    let thread_app = app.clone();
    on_server(
        app,
        move || {
            let handle = notification.show().map_err(|error| error.to_string())?;
            // Known before the scheduler can ask which notifications to withdraw.
            let shown = track(&thread_app, &handle, reminders);
            Ok((handle, shown))
        },
        |app, (handle, shown)| wait_for_answer(app, handle, shown),
    );
}

/// Asks the notification server who it is, to know whether notifications can be shown: where
/// the resident part posts them (Linux), the window learns this way whether to say they fail.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn probe_server(app: &AppHandle) {
    on_server(
        app,
        || {
            notify_rust::get_server_information()
                .map(|_| ())
                .map_err(|error| error.to_string())
        },
        |_, ()| {},
    );
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn probe_server(_app: &AppHandle) {}

/// Runs `call` (a call to the notification server) on a thread of its own and waits for it at
/// most [`SERVER_TIMEOUT`], recording the outcome; then, on that thread, `then` with what the
/// call returned. One call at a time ([`OneCall`]).
fn on_server<T: 'static>(
    app: &AppHandle,
    call: impl FnOnce() -> Result<T, String> + Send + 'static,
    then: impl FnOnce(&AppHandle, T) + Send + 'static,
) {
    let state = app.state::<AppState>();
    let health = &state.notifications;
    if !health.calls.begin(SERVER_TIMEOUT) {
        health.record(
            app,
            Err("the notification server did not answer an earlier call yet".into()),
        );
        return;
    }
    let (sent, outcome) = mpsc::sync_channel::<Result<(), String>>(1);
    let thread_app = app.clone();
    let spawned = thread::Builder::new()
        .name("notification".into())
        .spawn(move || {
            let result = call();
            thread_app.state::<AppState>().notifications.calls.end();
            match result {
                Ok(value) => {
                    let _ = sent.send(Ok(()));
                    then(&thread_app, value);
                }
                Err(error) => {
                    let _ = sent.send(Err(error));
                }
            }
        });
    let result = match spawned {
        Ok(_) => match outcome.recv_timeout(SERVER_TIMEOUT) {
            Ok(result) => result,
            Err(_) => Err(format!(
                "the notification server did not answer within {} s",
                SERVER_TIMEOUT.as_secs()
            )),
        },
        Err(error) => {
            health.calls.end();
            Err(format!("could not start a thread: {error}"))
        }
    };
    health.record(app, result);
}

/// A notification shown and tracked: its server id and the reminders it is about.
#[cfg(all(unix, not(target_os = "macos")))]
type Shown = Option<(u32, Vec<i64>)>;

/// Notes a reminders' notification as on screen, so it can be withdrawn later.
#[cfg(all(unix, not(target_os = "macos")))]
fn track(
    app: &AppHandle,
    handle: &notify_rust::NotificationHandle,
    reminders: Option<Vec<i64>>,
) -> Shown {
    let reminders = reminders?;
    let id = handle.id();
    on_screen(app).push(OnScreen {
        id,
        reminders: reminders.clone(),
    });
    Some((id, reminders))
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn track<H>(_app: &AppHandle, _handle: &H, _reminders: Option<Vec<i64>>) {}

#[cfg(all(unix, not(target_os = "macos")))]
fn on_screen(app: &AppHandle) -> std::sync::MutexGuard<'_, Vec<OnScreen>> {
    app.state::<AppState>()
        .inner()
        .notifications
        .on_screen
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

/// Waits until the user acts on the notification or it closes (expired, dismissed or
/// withdrawn), then forgets it. The wait is on the connection that showed it: servers such as
/// dunst send its signals to that connection only.
#[cfg(all(unix, not(target_os = "macos")))]
fn wait_for_answer(app: &AppHandle, handle: notify_rust::NotificationHandle, shown: Shown) {
    let Some((id, ids)) = shown else { return };
    handle.wait_for_action(|action| {
        // Forgotten before the answer changes anything: the server closes a notification the
        // user acted on by itself, there is nothing left to withdraw.
        on_screen(app).retain(|n| n.id != id);
        answer(app, action, &ids);
    });
    on_screen(app).retain(|n| n.id != id);
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn wait_for_answer<H>(_app: &AppHandle, _handle: H, _shown: ()) {}

/// Withdraws the notifications none of whose reminders is still due (`due` reads the ids of
/// those that are, only when a notification is on screen): marked sent or done, snoozed or
/// deleted in the window since they were shown. Each is closed on the server
/// (CloseNotification) on a thread of its own: a stuck server blocks only that thread.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn withdraw_finished(app: &AppHandle, due: impl FnOnce() -> Option<Vec<i64>>) {
    if on_screen(app).is_empty() {
        return;
    }
    let Some(due) = due() else { return };
    let finished: Vec<OnScreen> = {
        let mut shown = on_screen(app);
        let (finished, still_due) = std::mem::take(&mut *shown)
            .into_iter()
            .partition(|n| !n.reminders.iter().any(|id| due.contains(id)));
        *shown = still_due;
        finished
    };
    for notification in finished {
        log::info!(
            "withdrawing the notification about reminder(s) {:?}: no longer due",
            notification.reminders
        );
        let closing = thread::Builder::new()
            .name("notification".into())
            .spawn(move || {
                if let Err(error) = close_on_server(notification.id) {
                    log::warn!("cannot withdraw a notification: {error}");
                }
            });
        if let Err(error) = closing {
            log::warn!("could not start a thread to withdraw a notification: {error}");
        }
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn withdraw_finished(_app: &AppHandle, _due: impl FnOnce() -> Option<Vec<i64>>) {}

/// Asks the notification server to close notification `id`. notify-rust closes only through
/// the handle, which the thread waiting for the user's answer holds; the server takes the id
/// from any connection, and the waiting thread then hears that it closed.
#[cfg(all(unix, not(target_os = "macos")))]
fn close_on_server(id: u32) -> zbus::Result<()> {
    futures_lite::future::block_on(async {
        let connection = zbus::Connection::session().await?;
        connection
            .call_method(
                Some("org.freedesktop.Notifications"),
                "/org/freedesktop/Notifications",
                Some("org.freedesktop.Notifications"),
                "CloseNotification",
                &(id,),
            )
            .await?;
        Ok(())
    })
}

/// Does what the user chose on a notification (the core's `Store::answer_notice`).
#[cfg_attr(not(all(unix, not(target_os = "macos"))), allow(dead_code))]
fn answer(app: &AppHandle, action: &str, ids: &[i64]) {
    let Some(answer) = Answer::read(action, ids) else {
        return;
    };
    let result = match answer {
        // Opening needs no data file: it opens even when the file has a problem to show.
        Answer::Open(reminder) => Ok(Then::OpenWindow(reminder)),
        answer => app
            .state::<AppState>()
            .write(|store| store.answer_notice(&answer)),
    };
    match result {
        Ok(Then::OpenWindow(reminder)) => window::open_on_reminder(app, reminder),
        Ok(Then::Nothing) => {}
        Err(error) => log::warn!("notification action {action:?} failed: {}", error.message),
    }
    log::info!("notification action {action:?} on reminder(s) {ids:?}");
    let _ = app.emit("reminders-changed", ());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Instant;

    #[test]
    fn a_call_waits_for_the_one_before_it_to_return() {
        let calls = Arc::new(OneCall::default());
        assert!(calls.begin(Duration::ZERO), "the first call goes at once");
        let first = Arc::clone(&calls);
        let returns = thread::spawn(move || {
            thread::sleep(Duration::from_millis(200));
            first.end();
        });
        let started = Instant::now();
        assert!(
            calls.begin(Duration::from_secs(5)),
            "the second call was refused"
        );
        assert!(
            started.elapsed() >= Duration::from_millis(150),
            "it did not wait its turn"
        );
        returns.join().unwrap();
    }

    #[test]
    fn a_call_behind_a_stuck_one_is_refused_after_the_wait() {
        let calls = OneCall::default();
        assert!(calls.begin(Duration::ZERO));
        let started = Instant::now();
        assert!(
            !calls.begin(Duration::from_millis(100)),
            "it went beside a stuck call"
        );
        assert!(
            started.elapsed() >= Duration::from_millis(100),
            "it gave up before the wait"
        );
        calls.end();
        assert!(
            calls.begin(Duration::ZERO),
            "once the call returned the next one goes"
        );
    }
}
