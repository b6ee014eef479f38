//! The resident part's loop: opens the data file (again, while it cannot be), claims the
//! reminders that fall due and posts them, takes the daily backup, keeps the tray current, and
//! between times waits for a click, a notification's answer or a call on its D-Bus name, never
//! longer than the core's tick says (at most a minute).

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use coffeechat_core::exchange::backup;
use coffeechat_core::reminder_notice::{Answer, Notice, Then, CUE_BODY, CUE_SUMMARY};
use coffeechat_core::reminder_rules::Snooze;
use coffeechat_core::reminders::MAX_SLEEP;
use coffeechat_core::tray_menu::{self, Action, Shown};
use coffeechat_core::{Error, Store};

use crate::events::{Event, Events};
use crate::notices::{self, OnScreen};
use crate::tray::TrayIcon;
use crate::{login_item, window};

/// How soon opening the data file is tried again when another program holds it.
const RETRY_LOCKED: Duration = Duration::from_secs(2);

/// The data file, open or not, and the problem last told to the user.
struct DataFile<'a> {
    path: &'a Path,
    store: Option<Store>,
    /// The file was open once: gone since (moved or deleted), it is waited for, never created
    /// again empty; the window's "Save my data here again" is the way back.
    had_one: bool,
    told: Option<&'static str>,
}

impl DataFile<'_> {
    /// The store, opened now if it is not; else the tray's problem line and when to try again.
    fn store(&mut self) -> Result<&mut Store, (&'static str, Duration)> {
        if self.store.is_none() {
            if self.had_one && !self.path.exists() {
                let gone = Error::DataFileGone {
                    path: self.path.to_path_buf(),
                };
                return Err((self.problem(true, &gone), MAX_SLEEP));
            }
            match Store::open(self.path) {
                Ok(store) => {
                    self.store = Some(store);
                    self.had_one = true;
                }
                Err(error) => {
                    let again = match error.code() {
                        "data_file_locked" => RETRY_LOCKED,
                        _ => MAX_SLEEP,
                    };
                    return Err((self.problem(false, &error), again));
                }
            }
        }
        Ok(self.store.as_mut().expect("opened above"))
    }

    /// Says a problem once, in a notification unless the window shows it (the tray keeps
    /// saying it), and logs it.
    fn problem(&mut self, opened: bool, error: &Error) -> &'static str {
        let label = tray_menu::problem_label(opened, error.code());
        if self.told != Some(label) {
            log::error!("{label}: {error}");
            if !window::is_open() {
                notices::plain(&Notice::plain(label, &error.to_string()));
            }
            self.told = Some(label);
        }
        label
    }
}

/// Runs until Quit, or until every sender of events is gone.
pub fn run(path: &Path, events: Events, received: &Receiver<Event>) {
    let mut tray = TrayIcon::spawn(events.clone());
    let on_screen = OnScreen::default();
    let mut data = DataFile {
        path,
        store: None,
        had_one: false,
        told: None,
    };
    loop {
        let (shown, sleep) = match look(&mut data, &on_screen, &events) {
            Ok(looked) => {
                data.told = None;
                looked
            }
            Err((problem, again)) => (
                Shown::new(Some(problem), 0, &[], login_item::enabled()),
                again,
            ),
        };
        tray.show(shown);
        let event = match wait(&mut tray, received, sleep) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if !answer(&mut data, event) {
            break;
        }
    }
    tray.remove();
}

/// The next event for the loop, waiting at most SLEEP; the tray host's news is taken on the
/// way, and a refused tray icon put up again when it is time.
fn wait(
    tray: &mut TrayIcon,
    received: &Receiver<Event>,
    sleep: Duration,
) -> Result<Event, RecvTimeoutError> {
    let deadline = Instant::now() + sleep;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let until_retry = tray.retry_if_due();
        match received.recv_timeout(until_retry.map_or(left, |retry| retry.min(left))) {
            Ok(Event::Tray(news)) => tray.news(news),
            Err(RecvTimeoutError::Timeout) if Instant::now() < deadline => continue,
            other => return other,
        }
    }
}

/// One look at the data: posts what fell due, withdraws what no longer is, takes the daily
/// backup; the tray's content and how long to wait.
fn look(
    data: &mut DataFile,
    on_screen: &OnScreen,
    events: &Events,
) -> Result<(Shown, Duration), (&'static str, Duration)> {
    let path = data.path;
    let store = data.store()?;
    let looked = (|| {
        let tick = store.tick()?;
        if !tick.claimed.is_empty() {
            log::info!("{} reminder(s) due", tick.claimed.len());
            notices::reminders(&tick.claimed, on_screen, events);
        }
        for cue in &tick.cues {
            log::info!("live-mode cue due (interview {})", cue.interview_id);
            notices::plain(&Notice::plain(CUE_SUMMARY, CUE_BODY));
        }
        let due: Vec<i64> = store.due_reminders()?.iter().map(|r| r.id).collect();
        on_screen.withdraw_finished(&due);
        back_up_if_due(store, path);
        let (count, first) = store.due_overview(tray_menu::LISTED)?;
        let shown = Shown::new(None, count, &first, login_item::enabled());
        Ok::<_, Error>((shown, tick.sleep))
    })();
    looked.map_err(|error| {
        let label = data.problem(true, &error);
        // A file moved, deleted or damaged under us is opened afresh next time.
        if matches!(error.code(), "data_file_gone" | "data_file_corrupt") {
            data.store = None;
        }
        (label, MAX_SLEEP)
    })
}

/// The daily backup, beside the data file, when the last one is a day old.
fn back_up_if_due(store: &Store, path: &Path) {
    let taken = store
        .due_backup(&backup::backup_folder(path))
        .and_then(|due| due.map(|due| due.take()).transpose());
    match taken {
        Ok(Some(taken)) => log::info!("daily backup taken: {}", taken.file_name),
        Ok(None) => {}
        Err(error) => log::warn!("the daily backup failed: {error}"),
    }
}

/// Does what an event asks; false when the resident part should end.
fn answer(data: &mut DataFile, event: Event) -> bool {
    // Opening needs no data file: the window opens even when the file has a problem to show.
    let open = match event {
        Event::Quit => return false,
        // Quit in the tray ends Coffee Chat: the window too.
        Event::Menu(Action::Quit) => {
            window::quit();
            return false;
        }
        // The tray's own news never gets here: wait() takes it.
        Event::Changed | Event::Tray(_) => None,
        Event::Menu(Action::Open) => Some(None),
        Event::Menu(Action::Reminder(id)) => Some(Some(id)),
        Event::Notice(Answer::Open(reminder)) => Some(reminder),
        Event::Menu(Action::LaunchAtLogin) => {
            if let Err(error) = login_item::set(!login_item::enabled()) {
                log::error!("cannot change the login item: {error}");
            }
            None
        }
        Event::Menu(Action::SnoozeAll) => write(data, |store| {
            store.snooze_all_due(Snooze::OneHour)?;
            Ok(Then::Nothing)
        }),
        Event::Notice(answer) => write(data, |store| store.answer_notice(&answer)),
    };
    if let Some(reminder) = open {
        window::open(reminder);
    }
    true
}

/// Writes into the data file and tells the window; the reminder to open the window on, if the
/// write asks for it. A file that cannot be written is said in the tray already.
fn write(
    data: &mut DataFile,
    work: impl FnOnce(&mut Store) -> coffeechat_core::Result<Then>,
) -> Option<Option<i64>> {
    let store = data.store().ok()?;
    let done = work(store);
    if done.is_ok() {
        window::tell_changed();
    }
    match done {
        Ok(Then::OpenWindow(reminder)) => Some(reminder),
        Ok(Then::Nothing) => None,
        Err(error) => {
            log::error!("{error}");
            None
        }
    }
}
