//! The window's side of the resident part (`coffeechat-resident`, Linux; see ARCHITECTURE.md):
//! after each write the window tells it the data changed, so its tray and notifications follow
//! at once (its own tick, at most a minute, stays the safety net). One thread sends the calls,
//! on one session-bus connection; changes that come while a call is on its way are folded into
//! the next one. With no resident part running the call fails at once and nothing else happens.

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

/// The data changed: the resident part, if one runs, looks again now.
pub fn data_changed() {
    #[cfg(target_os = "linux")]
    linux::data_changed();
}
