//! The window's side of the resident part (`coffeechat-resident`, Linux; see ARCHITECTURE.md).
//! On Linux the app is two programs: the resident part keeps the tray, the reminders, their
//! notifications and the daily backup, and this one is only the window, started on demand and
//! ending when its window closes. The window starts the resident part once it has painted (a
//! second one exits by itself), and after each write tells it the data changed, so its tray and
//! notifications follow at once (its own tick, at most a minute, stays the safety net). One
//! thread sends the calls, on one session-bus connection; changes that come while a call is on
//! its way are folded into the next one. With no resident part running the call fails at once
//! and nothing else happens.
//!
//! Windows and macOS keep one program (tray and reminders in the app): written for, unverified.

/// Whether the tray and the reminders live in the resident part (Linux) rather than here.
pub const SEPARATE: bool = cfg!(target_os = "linux");

/// The resident part's program, installed beside this one.
const PROGRAM: &str = "coffeechat-resident";

#[cfg(target_os = "linux")]
mod linux {
    use std::sync::mpsc::{self, Sender};
    use std::sync::{Mutex, OnceLock};
    use std::thread;

    /// The resident part's name, object and interface (src-tauri/resident/instance.rs).
    const NAME: &str = "org.coffeechat.desktop.Resident";
    const PATH: &str = "/org/coffeechat/Resident";

    static SENDER: OnceLock<Option<Mutex<Sender<()>>>> = OnceLock::new();

    pub fn data_changed() {
        let sender = SENDER.get_or_init(|| {
            let (sender, received) = mpsc::channel::<()>();
            let spawned = thread::Builder::new()
                .name("resident".into())
                .spawn(move || {
                    let mut bus: Option<zbus::Connection> = None;
                    while received.recv().is_ok() {
                        while received.try_recv().is_ok() {}
                        if let Err(error) = tell(&mut bus) {
                            log::debug!("the resident part did not hear the change: {error}");
                        }
                    }
                });
            spawned.ok().map(|_| Mutex::new(sender))
        });
        if let Some(sender) = sender {
            let _ = sender.lock().unwrap_or_else(|p| p.into_inner()).send(());
        }
    }

    fn tell(bus: &mut Option<zbus::Connection>) -> zbus::Result<()> {
        futures_lite::future::block_on(async {
            if bus.is_none() {
                *bus = Some(zbus::Connection::session().await?);
            }
            let connection = bus.as_ref().expect("connected above");
            connection
                .call_method(Some(NAME), PATH, Some(NAME), "Changed", &())
                .await?;
            Ok(())
        })
    }
}

/// Starts the resident part from beside this program, without waiting for it: a second one
/// finds the first on the session bus, tells it to look at the data now, and exits.
pub fn start() {
    let program = match std::env::current_exe() {
        Ok(exe) => exe.with_file_name(PROGRAM),
        Err(error) => {
            log::error!("cannot find the resident part: {error}");
            return;
        }
    };
    let mut command = std::process::Command::new(&program);
    command.stdin(std::process::Stdio::null());
    // A process group of its own: a terminal or launcher ending the window's group (Ctrl+C,
    // a test driver) leaves the tray and the reminders running.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    match command.spawn() {
        // Reaped when it ends (a second one ends at once), so no zombie is left behind.
        Ok(mut child) => {
            let _ = std::thread::Builder::new()
                .name("resident-start".into())
                .spawn(move || child.wait());
        }
        Err(error) => log::error!(
            "cannot start the resident part {}: {error}; reminders wait until it runs",
            program.display()
        ),
    }
}

/// The data changed: the resident part, if one runs, looks again now.
pub fn data_changed() {
    #[cfg(target_os = "linux")]
    linux::data_changed();
}
