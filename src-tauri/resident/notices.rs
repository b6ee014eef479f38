//! Reminders' notifications, posted from the core's [`Notice`]s through notify-rust: each on a
//! thread of its own that waits for the user's answer and hands it to the loop as an
//! [`Event::Notice`]; a stuck server blocks only that thread. A notification whose reminders
//! are no longer due (marked sent, snoozed or deleted since) is withdrawn from the screen.

use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

use coffeechat_core::reminder_notice::{Answer, Notice};
use coffeechat_core::reminders::Reminder;

use crate::events::{Event, Events};

/// The reminders' notifications on screen: the server's id and the reminders each is about.
#[derive(Clone, Default)]
pub struct OnScreen(Arc<Mutex<Vec<Shown>>>);

/// A notification on screen: the server's id, and the reminders it is about.
type Shown = (u32, Vec<i64>);

impl OnScreen {
    fn lock(&self) -> MutexGuard<'_, Vec<Shown>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Withdraws the notifications none of whose reminders is among `due`.
    pub fn withdraw_finished(&self, due: &[i64]) {
        let finished: Vec<u32> = {
            let mut shown = self.lock();
            let (finished, still_due): (Vec<_>, Vec<_>) = std::mem::take(&mut *shown)
                .into_iter()
                .partition(|(_, ids)| !ids.iter().any(|id| due.contains(id)));
            *shown = still_due;
            finished.into_iter().map(|(id, _)| id).collect()
        };
        for id in finished {
            log::info!("withdrawing notification {id}: its reminders are no longer due");
            on_own_thread(move || {
                if let Err(error) = close_on_server(id) {
                    log::warn!("cannot withdraw a notification: {error}");
                }
            });
        }
    }
}

/// Posts the notification for reminders that just fell due; the answer comes back as an event.
pub fn reminders(reminders: &[Reminder], on_screen: &OnScreen, events: &Events) {
    let ids: Vec<i64> = reminders.iter().map(|r| r.id).collect();
    let notification = notification(&Notice::for_reminders(reminders));
    let (on_screen, events) = (on_screen.clone(), events.clone());
    on_own_thread(move || match notification.show() {
        Ok(handle) => {
            let id = handle.id();
            on_screen.lock().push((id, ids.clone()));
            handle.wait_for_action(|action| {
                on_screen.lock().retain(|(shown, _)| *shown != id);
                if let Some(answer) = Answer::read(action, &ids) {
                    let _ = events.send(Event::Notice(answer));
                }
            });
            on_screen.lock().retain(|(shown, _)| *shown != id);
        }
        Err(error) => log::warn!("cannot post a reminder's notification: {error}"),
    });
}

/// Posts a notice without actions (live mode's cue, a problem with the data file).
pub fn plain(notice: &Notice) {
    let notification = notification(notice);
    on_own_thread(move || {
        if let Err(error) = notification.show() {
            log::warn!("cannot post a notification: {error}");
        }
    });
}

fn notification(notice: &Notice) -> notify_rust::Notification {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Coffee Chat")
        .icon("coffeechat")
        .summary(&notice.summary)
        .body(&notice.body);
    for (id, label) in &notice.actions {
        notification.action(id, label);
    }
    if notice.urgent {
        notification.urgency(notify_rust::Urgency::Critical);
    }
    notification
}

fn on_own_thread(work: impl FnOnce() + Send + 'static) {
    if let Err(error) = thread::Builder::new()
        .name("notification".into())
        .spawn(work)
    {
        log::warn!("could not start a thread for a notification: {error}");
    }
}

/// Asks the server to close notification `id`: the handle is held by the thread waiting for
/// its answer, which then hears that it closed.
fn close_on_server(id: u32) -> zbus::Result<()> {
    let connection = zbus::blocking::Connection::session()?;
    connection.call_method(
        Some("org.freedesktop.Notifications"),
        "/org/freedesktop/Notifications",
        Some("org.freedesktop.Notifications"),
        "CloseNotification",
        &(id,),
    )?;
    Ok(())
}
