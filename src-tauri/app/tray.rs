//! The tray icon and its menu: how many reminders are due, the first five (click: the window
//! opens on it), "Snooze all 1 hour", "Launch at login", "Open Coffee Chat" and "Quit". The
//! menu is rebuilt when what it shows changes; the scheduler asks after every wake-up. When the
//! data file has a problem, the first line says so ("Coffee Chat can't open your data").
//!
//! No lock is held while the main thread is waited for: menus are built and set on the main
//! thread, posted there without waiting, and the menu's handlers (which run on the main
//! thread) do nothing that waits for the store.

use std::sync::Mutex;

use coffeechat_core::reminder_rules::Snooze;
use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Wry};
use tauri_plugin_autostart::ManagerExt;

use crate::flush::{self, Leaving};
use crate::state::{AppState, DataProblem};
use crate::window;

const TRAY: &str = "main";
/// Reminders listed by name in the menu.
const LISTED: usize = 5;
const LABEL_MAX: usize = 60;

/// What the menu shows, to rebuild it only when that changes.
#[derive(Clone, PartialEq, Eq, Default)]
struct Shown {
    /// What is wrong with the data file, said in place of the count.
    problem: Option<&'static str>,
    reminders: Vec<(i64, String)>,
    due: usize,
    launch_at_login: bool,
}

/// The tray's first line (and a notification's title) for a problem with the data file.
pub fn problem_label(problem: &DataProblem) -> &'static str {
    match (problem.opened, problem.error.code) {
        (false, _) => "Coffee Chat can't open your data",
        (true, "data_file_read_only") => "Coffee Chat can't save: your data is read-only",
        (true, _) => "Coffee Chat can't save your data",
    }
}

/// The tray's state, managed by the app.
#[derive(Default)]
pub struct TrayState {
    shown: Mutex<Option<Shown>>,
}

/// Builds the tray on the main thread at start-up. The data file may not be open yet, so the
/// menu says so; the scheduler's first refresh fills it in.
pub fn build(app: &AppHandle) -> tauri::Result<()> {
    app.manage(TrayState::default());
    let shown = Shown {
        problem: Some("Opening your data…"),
        launch_at_login: app.autolaunch().is_enabled().unwrap_or(false),
        ..Shown::default()
    };
    let mut builder = TrayIconBuilder::with_id(TRAY)
        .tooltip("Coffee Chat")
        .menu(&menu(app, &shown)?)
        .show_menu_on_left_click(true)
        .on_menu_event(on_menu_event);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    *app.state::<TrayState>()
        .shown
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some(shown);
    Ok(())
}

/// Brings the menu up to date; tells the window when the due reminders changed. Called off the
/// main thread (by the scheduler); the new menu is built and set on the main thread, which is
/// not waited for, so no lock is held while the main thread is busy.
pub fn refresh(app: &AppHandle) {
    let Some(tray_state) = app.try_state::<TrayState>() else {
        return;
    };
    let shown = current(app);
    let reminders_changed = {
        let mut last = tray_state.shown.lock().unwrap_or_else(|p| p.into_inner());
        if last.as_ref() == Some(&shown) {
            return;
        }
        let changed = last.as_ref().map(|l| &l.reminders) != Some(&shown.reminders)
            || last.as_ref().map(|l| l.due) != Some(shown.due);
        *last = Some(shown.clone());
        changed
    };
    let handle = app.clone();
    let posted = app.run_on_main_thread(move || show(&handle, &shown));
    if let Err(error) = posted {
        log::warn!("cannot update the tray menu: {error}");
    }
    if reminders_changed {
        let _ = app.emit("reminders-changed", ());
    }
}

/// Sets the menu and tooltip; on the main thread.
fn show(app: &AppHandle, shown: &Shown) {
    let Some(tray) = app.tray_by_id(TRAY) else {
        return;
    };
    match menu(app, shown) {
        Ok(menu) => {
            let _ = tray.set_menu(Some(menu));
            let tooltip = match (shown.problem, shown.due) {
                (Some(problem), _) => format!("Coffee Chat — {problem}"),
                (None, 0) => "Coffee Chat".to_owned(),
                (None, n) => format!("Coffee Chat — {n} due"),
            };
            let _ = tray.set_tooltip(Some(tooltip));
        }
        Err(error) => log::warn!("cannot update the tray menu: {error}"),
    }
}

fn current(app: &AppHandle) -> Shown {
    let state = app.state::<AppState>();
    let problem = state.data_problem();
    let (due, first) = match &problem {
        Some(problem) if !problem.opened => Default::default(),
        _ => state
            .with(|store| store.due_overview(LISTED))
            .unwrap_or_default(),
    };
    Shown {
        problem: problem.as_ref().map(problem_label),
        // Names between Unicode isolates: a right-to-left name cannot reorder the label.
        reminders: first
            .iter()
            .map(|r| (r.id, shorten(&r.text_with_isolated_name())))
            .collect(),
        due,
        launch_at_login: app.autolaunch().is_enabled().unwrap_or(false),
    }
}

/// At most [`LABEL_MAX`] characters; an isolate the cut leaves open is closed.
fn shorten(text: &str) -> String {
    if text.chars().count() <= LABEL_MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(LABEL_MAX - 1).collect();
    let open = cut.matches('\u{2068}').count() > cut.matches('\u{2069}').count();
    format!("{}{}…", cut.trim_end(), if open { "\u{2069}" } else { "" })
}

fn menu(app: &AppHandle, shown: &Shown) -> tauri::Result<Menu<Wry>> {
    let count = match shown.due {
        0 => "Nothing due".to_owned(),
        n => format!("{n} due"),
    };
    let mut items: Vec<Box<dyn IsMenuItem<Wry>>> = Vec::new();
    if let Some(problem) = shown.problem {
        items.push(Box::new(MenuItem::with_id(
            app,
            "problem",
            problem,
            false,
            None::<&str>,
        )?));
    }
    // A file that could not be opened has no count to show.
    if shown.problem.is_none() || shown.due > 0 || !shown.reminders.is_empty() {
        items.push(Box::new(MenuItem::with_id(
            app,
            "count",
            count,
            false,
            None::<&str>,
        )?));
    }
    for (id, text) in &shown.reminders {
        items.push(Box::new(MenuItem::with_id(
            app,
            format!("reminder:{id}"),
            text,
            true,
            None::<&str>,
        )?));
    }
    items.push(Box::new(PredefinedMenuItem::separator(app)?));
    items.push(Box::new(MenuItem::with_id(
        app,
        "snooze-all",
        "Snooze all 1 hour",
        shown.due > 0 && shown.problem.is_none(),
        None::<&str>,
    )?));
    items.push(Box::new(CheckMenuItem::with_id(
        app,
        "launch-at-login",
        "Launch at login",
        true,
        shown.launch_at_login,
        None::<&str>,
    )?));
    items.push(Box::new(PredefinedMenuItem::separator(app)?));
    items.push(Box::new(MenuItem::with_id(
        app,
        "open",
        "Open Coffee Chat",
        true,
        None::<&str>,
    )?));
    items.push(Box::new(MenuItem::with_id(
        app,
        "quit",
        "Quit",
        true,
        None::<&str>,
    )?));
    let refs: Vec<&dyn IsMenuItem<Wry>> = items.iter().map(|item| item.as_ref()).collect();
    Menu::with_items(app, &refs)
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref();
    match id {
        "open" => window::show(app),
        "quit" => flush::leave(app, Leaving::Quit),
        "snooze-all" => {
            // A write waits for the store (and SQLite perhaps for another program): never on
            // the main thread, which draws the window and the menu.
            let app = app.clone();
            let spawned = std::thread::Builder::new()
                .name("snooze-all".into())
                .spawn(move || {
                    let state = app.state::<AppState>();
                    match state.write(|store| store.snooze_all_due(Snooze::OneHour)) {
                        Ok(count) => log::info!("snoozed {count} reminder(s) for an hour"),
                        Err(error) => log::warn!("cannot snooze: {}", error.message),
                    }
                });
            if let Err(error) = spawned {
                log::warn!("cannot snooze: {error}");
            }
        }
        "launch-at-login" => {
            let autolaunch = app.autolaunch();
            let result = if autolaunch.is_enabled().unwrap_or(false) {
                autolaunch.disable()
            } else {
                autolaunch.enable()
            };
            if let Err(error) = result {
                log::warn!("cannot change launch at login: {error}");
            }
            // The check mark shows what is really set, also when changing it failed.
            *app.state::<TrayState>()
                .shown
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = None;
            app.state::<AppState>().wakeup.wake();
        }
        other => {
            if let Some(reminder) = other
                .strip_prefix("reminder:")
                .and_then(|id| id.parse().ok())
            {
                window::open_on_reminder(app, Some(reminder));
            }
        }
    }
}
