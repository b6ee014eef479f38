//! The window is the Tauri app, `coffeechat`, started on demand: from the tray, from a
//! notification, on a reminder (`--reminder ID`). A running window takes over a second start
//! (its single-instance plugin) and shows itself on that reminder; Quit in the tray ends it too.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;

/// The app's reverse-DNS identifier: its data folder's name.
const IDENTIFIER: &str = "org.coffeechat.desktop";
/// The window program, installed beside this one.
const WINDOW_PROGRAM: &str = "coffeechat";
/// Opens the window on this reminder (the window program reads it).
pub const REMINDER_ARG: &str = "--reminder";
/// Ends the window program (it saves first).
const QUIT_ARG: &str = "--quit";
/// Tells the window program the data changed.
const CHANGED_ARG: &str = "--changed";

/// The app's data file: `$XDG_DATA_HOME/org.coffeechat.desktop/coffeechat.sqlite3`, where the
/// window keeps it too.
pub fn default_data_file() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share")))?;
    Some(
        data.join(IDENTIFIER)
            .join(coffeechat_core::store::DATABASE_FILE),
    )
}

/// Starts the window (on `reminder`, or on Today); a window already open shows itself instead.
pub fn open(reminder: Option<i64>) {
    let program = window_program();
    let mut command = Command::new(&program);
    if let Some(id) = reminder {
        command.arg(REMINDER_ARG).arg(id.to_string());
    }
    match command.spawn() {
        Ok(mut child) => {
            log::info!("window started: {} (pid {})", program.display(), child.id());
            // Waited for, so an ended window leaves no zombie behind.
            let _ = thread::Builder::new()
                .name("window".into())
                .spawn(move || child.wait());
        }
        Err(error) => log::error!("cannot start the window {}: {error}", program.display()),
    }
}

/// Whether the window program runs in this session (it owns its single-instance name): it then
/// shows the data file's problems itself.
pub fn is_open() -> bool {
    let ask = || -> zbus::Result<bool> {
        let bus = zbus::blocking::Connection::session()?;
        let name = format!("{IDENTIFIER}.SingleInstance");
        let name = zbus::names::BusName::try_from(name.as_str())?;
        Ok(zbus::blocking::fdo::DBusProxy::new(&bus)?.name_has_owner(name)?)
    };
    ask().unwrap_or(false)
}

/// Ends the window, if one runs, as its own Quit does (the page saves first).
pub fn quit() {
    hand_over(QUIT_ARG);
}

/// Tells the window, if one runs, that the data changed here (a note marked sent, reminders
/// snoozed): it reads Today again.
pub fn tell_changed() {
    hand_over(CHANGED_ARG);
}

/// Hands `arg` to a running window over the bus name its single-instance plugin
/// (tauri-plugin-single-instance 2) owns, as a second `coffeechat ARG` would, without starting
/// one; with no window running, nothing happens.
fn hand_over(arg: &str) {
    let call = || -> zbus::Result<()> {
        let bus = zbus::blocking::Connection::session()?;
        bus.call_method(
            Some(format!("{IDENTIFIER}.SingleInstance").as_str()),
            format!("/{}/SingleInstance", IDENTIFIER.replace('.', "/")).as_str(),
            Some("org.SingleInstance.DBus"),
            "ExecuteCallback",
            &(vec![WINDOW_PROGRAM, arg], "/"),
        )?;
        Ok(())
    };
    match call() {
        Ok(()) => log::info!("handed {arg} to the window"),
        Err(zbus::Error::MethodError(name, _, _))
            if name.as_str() == "org.freedesktop.DBus.Error.ServiceUnknown"
                || name.as_str() == "org.freedesktop.DBus.Error.NameHasNoOwner" => {}
        Err(error) => log::warn!("cannot hand {arg} to the window: {error}"),
    }
}

/// `coffeechat` beside this program when it is there (a build folder, /usr/bin), else on PATH.
fn window_program() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(WINDOW_PROGRAM)))
        .filter(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from(WINDOW_PROGRAM))
}
