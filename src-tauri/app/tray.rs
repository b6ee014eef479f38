//! The tray icon and its menu, as `coffeechat_core::tray_menu` computes them: how many reminders
//! are due, the first five (click: the window opens on it), "Snooze all 1 hour", "Launch at
//! login", "Open Coffee Chat" and "Quit". The menu is rebuilt when what it shows changes; the
//! scheduler asks after every wake-up. When the data file has a problem, the first line says so
//! ("Coffee Chat can't open your data").
//!
//! No lock is held while the main thread is waited for: menus are built and set on the main
//! thread, posted there without waiting, and the menu's handlers (which run on the main
//! thread) do nothing that waits for the store.

use std::sync::Mutex;

use coffeechat_core::reminder_rules::Snooze;
use coffeechat_core::tray_menu::{self, Action, Entry, Shown};
use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Wry};
use tauri_plugin_autostart::ManagerExt;

use crate::flush::{self, Leaving};
use crate::state::{AppState, DataProblem};
use crate::window;

const TRAY: &str = "main";

/// The tray's first line (and a notification's title) for a problem with the data file.
pub fn problem_label(problem: &DataProblem) -> &'static str {
    tray_menu::problem_label(problem.opened, problem.error.code)
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
        let changed = shown.reminders_differ(last.as_ref());
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
            let _ = tray.set_tooltip(Some(tray_menu::tooltip(shown)));
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
            .with(|store| store.due_overview(tray_menu::LISTED))
            .unwrap_or_default(),
    };
    Shown::new(
        problem.as_ref().map(problem_label),
        due,
        &first,
        app.autolaunch().is_enabled().unwrap_or(false),
    )
}

/// The menu's entries as Tauri menu items.
fn menu(app: &AppHandle, shown: &Shown) -> tauri::Result<Menu<Wry>> {
    let mut items: Vec<Box<dyn IsMenuItem<Wry>>> = Vec::new();
    for entry in tray_menu::entries(shown) {
        items.push(match entry {
            Entry::Note { id, text } => {
                Box::new(MenuItem::with_id(app, id, text, false, None::<&str>)?)
            }
            Entry::Item {
                action,
                text,
                enabled,
            } => Box::new(MenuItem::with_id(
                app,
                action.id(),
                text,
                enabled,
                None::<&str>,
            )?),
            Entry::Check {
                action,
                text,
                checked,
            } => Box::new(CheckMenuItem::with_id(
                app,
                action.id(),
                text,
                true,
                checked,
                None::<&str>,
            )?),
            Entry::Separator => Box::new(PredefinedMenuItem::separator(app)?),
        });
    }
    let refs: Vec<&dyn IsMenuItem<Wry>> = items.iter().map(|item| item.as_ref()).collect();
    Menu::with_items(app, &refs)
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    let Some(action) = Action::from_id(event.id().as_ref()) else {
        return;
    };
    match action {
        Action::Open => window::show(app),
        Action::Quit => flush::leave(app, Leaving::Quit),
        Action::Reminder(reminder) => window::open_on_reminder(app, Some(reminder)),
        Action::SnoozeAll => {
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
        Action::LaunchAtLogin => {
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
    }
}
