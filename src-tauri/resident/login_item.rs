//! "Launch at login": a desktop entry in the XDG autostart folder that starts the resident part
//! (and so the reminders and the tray), never the window.

use std::io;
use std::path::PathBuf;

const FILE_NAME: &str = "coffeechat-resident.desktop";

fn path() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(config.join("autostart").join(FILE_NAME))
}

pub fn enabled() -> bool {
    path().is_some_and(|path| path.is_file())
}

/// Writes or removes the login item.
pub fn set(on: bool) -> io::Result<()> {
    let path = path().ok_or_else(|| io::Error::other("neither XDG_CONFIG_HOME nor HOME is set"))?;
    if !on {
        return match std::fs::remove_file(&path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        };
    }
    let program = std::env::current_exe()?;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::write(
        &path,
        format!(
            "[Desktop Entry]\nType=Application\nName=Coffee Chat reminders\n\
             Comment=Reminds you from the tray when a thank-you note or a follow-up is due\n\
             Exec=\"{}\"\nIcon=coffeechat\nTerminal=false\nNoDisplay=true\n\
             X-GNOME-Autostart-enabled=true\n",
            program.display()
        ),
    )
}
