//! Coffee Chat's resident part on Linux (issue 13): the reminder scheduler, its notifications
//! and the tray icon, in a program that links neither GTK nor WebKit, so living in the tray
//! costs a few MiB. The window is the Tauri app (`coffeechat`), started on demand.
//!
//!     coffeechat-resident [DATA_FILE]
//!
//! Without DATA_FILE it uses the app's own, in the platform's app-data folder. One runs at a
//! time per session: a second start finds the first on the session bus and exits.

#[cfg(target_os = "linux")]
mod events;
#[cfg(target_os = "linux")]
mod instance;
#[cfg(target_os = "linux")]
mod login_item;
#[cfg(target_os = "linux")]
mod notices;
#[cfg(target_os = "linux")]
mod scheduler;
#[cfg(target_os = "linux")]
mod tray;
#[cfg(target_os = "linux")]
mod window;

use std::process::ExitCode;

#[cfg(target_os = "linux")]
fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let path = match std::env::args_os().nth(1) {
        Some(arg) if arg == "--help" || arg == "-h" => {
            println!("usage: coffeechat-resident [DATA_FILE]");
            return ExitCode::SUCCESS;
        }
        Some(path) => std::path::PathBuf::from(path),
        None => match window::default_data_file() {
            Some(path) => path,
            None => {
                eprintln!("error: neither XDG_DATA_HOME nor HOME is set: name the data file");
                return ExitCode::from(2);
            }
        },
    };
    let (events, received) = std::sync::mpsc::channel();
    let _name = match instance::claim(events.clone()) {
        Ok(instance::Claim::Ours(connection)) => connection,
        Ok(instance::Claim::Running) => {
            log::info!("Coffee Chat's resident part is already running in this session");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("error: no session bus to run the tray on: {error}");
            return ExitCode::from(1);
        }
    };
    log::info!("data file: {}", path.display());
    scheduler::run(&path, events, &received);
    ExitCode::SUCCESS
}

#[cfg(not(target_os = "linux"))]
fn main() -> ExitCode {
    eprintln!("The resident part runs on Linux only; elsewhere the app is one program.");
    ExitCode::from(2)
}
