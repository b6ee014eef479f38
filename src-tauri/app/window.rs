//! The main window: shown, rebuilt after it was closed to the tray, opened on a reminder, and
//! closed to the tray instead of quitting — on Linux, where the tray is the resident part's,
//! closing it ends this program (see [`crate::resident`]). It reopens where the user left it
//! and at that size (Tauri's window-state plugin, on the Rust side only: the page asks nothing
//! of it).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Emitter, Manager, WebviewWindow, Window, WindowEvent, Wry};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::first_view;
use crate::flush::{self, Leaving};
use crate::hidden_page;
use crate::notifications;
use crate::resident;
use crate::state::AppState;

pub const MAIN: &str = "main";

/// The command-line flag the login item starts the app with: straight to the tray.
pub const HIDDEN_ARG: &str = "--hidden";

/// The command-line option that opens the window on a reminder, `--reminder ID`: the resident
/// part's tray and notifications start the window with it, or hand it to the running one.
pub const REMINDER_ARG: &str = "--reminder";

/// The command-line option that ends the running app as the tray's Quit does (the page saves
/// first): the resident part's Quit sends it to the window, and it works from a terminal too.
pub const QUIT_ARG: &str = "--quit";

/// The command-line option that tells the running app the data changed behind its back (the
/// resident part marked a note sent or snoozed reminders): Today is read again.
pub const CHANGED_ARG: &str = "--changed";

/// What is remembered of the window: its place, its size and whether it is maximized. Not
/// whether it is visible (the app decides that: not at a hidden start at login).
const REMEMBERED: StateFlags = StateFlags::POSITION
    .union(StateFlags::SIZE)
    .union(StateFlags::MAXIMIZED);

/// The plugin that puts every window built, the first or one rebuilt from the tray, where the
/// last one was (saved in the config folder's `.window-state.json`).
pub fn remember_place() -> TauriPlugin<Wry> {
    tauri_plugin_window_state::Builder::new()
        .with_state_flags(REMEMBERED)
        .build()
}

/// Shows the main window, building it again if it was closed, and brings it to the front.
pub fn show(app: &AppHandle) {
    let handle = app.clone();
    let shown = app.run_on_main_thread(move || {
        if let Err(error) = show_now(&handle) {
            log::error!("cannot open the window: {error}");
        }
    });
    if let Err(error) = shown {
        log::error!("cannot open the window: {error}");
    }
}

fn show_now(app: &AppHandle) -> tauri::Result<()> {
    let window = match app.get_webview_window(MAIN) {
        Some(window) => window,
        None => {
            let config = app
                .config()
                .app
                .windows
                .iter()
                .find(|w| w.label == MAIN)
                .cloned()
                .ok_or_else(|| tauri::Error::WindowNotFound)?;
            let builder = tauri::WebviewWindowBuilder::from_config(app, &config)?;
            // Today's first view is drawn from what the page is handed, not after calls, and the
            // window is built hidden and shown once that view is in place (see `reveal`). A page
            // that must ask instead (the data file still opening: another program may hold it
            // for seconds) is shown at once, saying what it waits for as soon as it can.
            match first_view::script(&app.state::<AppState>()) {
                Some(script) => {
                    let window = builder
                        .initialization_script(&script)
                        .visible(false)
                        .build()?;
                    hidden_page::size_to_window(&window);
                    reveal_at_the_latest(&window, HIDDEN.built());
                    return Ok(());
                }
                None => builder.build()?,
            }
        }
    };
    bring_up(&window)
}

/// Shows the window, restored if it was minimised, in front with the focus.
fn bring_up(window: &WebviewWindow) -> tauri::Result<()> {
    window.unminimize()?;
    window.show()?;
    window.set_focus()
}

/// How long a window being built may stay hidden at most, its page not yet drawn.
const HIDDEN_AT_MOST: Duration = Duration::from_secs(2);

/// Which window build, if any, is still hidden waiting for its page.
static HIDDEN: HiddenBuild = HiddenBuild::new();

/// The window built last while it waits hidden for its page: each build gets a number, and is
/// shown once, by its page or by its own time-out, never after it was closed.
struct HiddenBuild {
    last: AtomicU64,
    waiting: AtomicU64,
}

impl HiddenBuild {
    const fn new() -> Self {
        Self {
            last: AtomicU64::new(0),
            waiting: AtomicU64::new(0),
        }
    }

    /// A window was built hidden: its number.
    fn built(&self) -> u64 {
        let build = self.last.fetch_add(1, Ordering::SeqCst) + 1;
        self.waiting.store(build, Ordering::SeqCst);
        build
    }

    /// The page says its first view is in place: whether the window is to be shown now.
    fn page_ready(&self) -> bool {
        self.waiting.swap(0, Ordering::SeqCst) != 0
    }

    /// Build `build` waited [`HIDDEN_AT_MOST`]: whether it is still hidden, to be shown now.
    fn timed_out(&self, build: u64) -> bool {
        self.waiting
            .compare_exchange(build, 0, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    /// The window was closed: nothing is to be shown any more.
    fn closed(&self) {
        self.waiting.store(0, Ordering::SeqCst);
    }
}

/// The page's first view is in place: shows the window built hidden for it (a page that loads
/// again in a window already shown changes nothing).
///
/// A window handed its first view is built hidden and shown once its page has put that view
/// in place (the `first_view_ready` command), or after [`HIDDEN_AT_MOST`] if the page never
/// says so. So it never shows an empty page; and WebKitGTK (without GPU compositing) is not
/// asked to paint a page that is still starting: it would block the main thread up to 500 ms
/// waiting for the page, which may be waiting for the main thread itself (issue 12's two-speed
/// launches).
pub fn reveal(window: &WebviewWindow) {
    if HIDDEN.page_ready() {
        show_built(window);
    }
}

fn show_built(window: &WebviewWindow) {
    if let Err(error) = bring_up(window) {
        log::error!("cannot show the window: {error}");
    }
}

/// Shows window build `build` after [`HIDDEN_AT_MOST`] if its page has not said it is drawn.
fn reveal_at_the_latest(window: &WebviewWindow, build: u64) {
    let window = window.clone();
    std::thread::spawn(move || {
        std::thread::sleep(HIDDEN_AT_MOST);
        if HIDDEN.timed_out(build) {
            log::warn!("the page did not draw its first view in time: the window is shown");
            let shown = window.clone();
            let _ = window.run_on_main_thread(move || show_built(&shown));
        }
    });
}

/// Does what a second start of the app asks of the running one (the single-instance plugin
/// hands its arguments over): quit, read the data again, open on a reminder, or show the window.
pub fn as_asked(app: &AppHandle, args: &[String]) {
    if args.iter().any(|arg| arg == QUIT_ARG) {
        flush::leave(app, Leaving::Quit);
    } else if args.iter().any(|arg| arg == CHANGED_ARG) {
        app.state::<AppState>().wakeup.wake();
        let _ = app.emit("reminders-changed", ());
    } else if args.iter().any(|arg| arg == HIDDEN_ARG) {
        // A login item starting the tray while the app runs: nothing to show.
    } else {
        show_as_asked(app, args);
    }
}

/// Whether `args` only pass a word to a running app (`--quit`, `--changed`): with none running
/// there is nothing to do.
pub fn only_for_a_running_app(args: &[String]) -> bool {
    args.iter().any(|arg| arg == QUIT_ARG || arg == CHANGED_ARG)
}

/// Shows the window as a start asked: on the reminder its arguments name, or as it was.
pub fn show_as_asked(app: &AppHandle, args: &[String]) {
    match reminder_in(args) {
        Some(id) => open_on_reminder(app, Some(id)),
        None => show(app),
    }
}

/// The reminder `args` ask to open the window on, if they name one.
fn reminder_in(args: &[String]) -> Option<i64> {
    let at = args.iter().position(|arg| arg == REMINDER_ARG)?;
    args.get(at + 1)?.parse().ok()
}

/// Opens the window on a reminder (or on Today, for `None`): a window already there is told
/// to show it; one being built asks for it when it starts (`take_pending_reminder`).
pub fn open_on_reminder(app: &AppHandle, reminder: Option<i64>) {
    let state = app.state::<AppState>();
    *state
        .pending_reminder
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some(reminder.unwrap_or(0));
    let existed = app.get_webview_window(MAIN).is_some();
    show(app);
    if existed {
        let _ = app.emit_to(MAIN, "open-reminder", reminder);
    }
}

/// Closing the main window keeps the reminders in the tray. The page first saves what it holds
/// (see [`crate::flush`]); then, where the tray is the resident part's, this program ends;
/// elsewhere the window is released (its web view's memory with it) and built again when
/// opened. The first time, a notice says where the app went.
pub fn on_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    if window.label() != MAIN {
        return;
    }
    api.prevent_close();
    flush::leave(window.app_handle(), Leaving::Close);
}

/// Closes the main window now, without asking the page (it has saved, or the user chose to
/// close anyway).
pub fn close_now(app: &AppHandle) {
    let Some(window) = app.get_webview_window(MAIN) else {
        return;
    };
    HIDDEN.closed();
    // Written now, not only when the app quits: an app ended by the system later (or killed)
    // still reopens its window where the user left it.
    if let Err(error) = app.save_window_state(REMEMBERED) {
        log::warn!("cannot save where the window is: {error}");
    }
    if resident::SEPARATE {
        // Out of sight at once; the app ends once the notice, if it is due, was posted.
        if let Err(error) = window.hide() {
            log::error!("cannot hide the window: {error}");
        }
        let app = app.clone();
        std::thread::spawn(move || {
            tell_once_where_the_app_went(&app);
            app.exit(0);
        });
        return;
    }
    flush::page_gone(app);
    if let Err(error) = window.destroy() {
        log::error!("cannot close the window: {error}");
    }
    let app = app.clone();
    // Off the main thread: the notification server may take its time.
    std::thread::spawn(move || tell_once_where_the_app_went(&app));
}

/// The first time the window closes, a notice says the reminders go on from the tray. Waits
/// for the notification server at most [`notifications::SERVER_TIMEOUT`].
fn tell_once_where_the_app_went(app: &AppHandle) {
    static TOLD: AtomicBool = AtomicBool::new(false);
    if TOLD.swap(true, Ordering::SeqCst) {
        return;
    }
    let state = app.state::<AppState>();
    if matches!(
        state.with(|store| store.flag("tray_notice_shown")),
        Ok(false)
    ) {
        notifications::notify_notice(
            app,
            "Coffee Chat is still running",
            "It stays in the system tray to remind you of thank-you notes and follow-ups. \
             Open it or quit it from the tray icon.",
        );
        let _ = state.with(|store| store.set_flag("tray_notice_shown", true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn a_window_built_hidden_is_shown_once_by_its_page_or_its_time_out() {
        let hidden = HiddenBuild::new();
        let first = hidden.built();
        assert!(
            hidden.page_ready(),
            "the page's first view shows the window"
        );
        assert!(
            !hidden.page_ready(),
            "a page loading again in it changes nothing"
        );
        assert!(
            !hidden.timed_out(first),
            "the time-out after it shows nothing more"
        );

        let second = hidden.built();
        assert_ne!(first, second);
        assert!(
            !hidden.timed_out(first),
            "an earlier build's time-out is not this one's"
        );
        assert!(
            hidden.timed_out(second),
            "a page that never says it is drawn: shown anyway"
        );
        assert!(!hidden.page_ready(), "its late page shows nothing more");

        hidden.built();
        hidden.closed();
        assert!(
            !hidden.page_ready(),
            "a window closed while hidden is not shown again"
        );
    }

    #[test]
    fn a_start_names_the_reminder_to_open_on_or_none() {
        assert_eq!(
            reminder_in(&args(&["coffeechat", "--reminder", "42"])),
            Some(42)
        );
        assert_eq!(reminder_in(&args(&["coffeechat"])), None);
        assert_eq!(reminder_in(&args(&["coffeechat", "--reminder"])), None);
        assert_eq!(reminder_in(&args(&["coffeechat", "--reminder", "x"])), None);
    }
}
