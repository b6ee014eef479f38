//! One resident part per session: it owns the well-known name [`NAME`] on the session bus, and
//! a second start that finds the name taken exits. The name also carries a small interface, so
//! the window can say the data changed (the loop looks again at once; its ≤ 60 s tick stays the
//! safety net) and Quit can end it:
//!
//!     busctl --user call org.coffeechat.desktop.Resident /org/coffeechat/Resident \
//!         org.coffeechat.desktop.Resident Changed

use zbus::blocking::connection;
use zbus::fdo::{RequestNameFlags, RequestNameReply};

use crate::events::{Event, Events};

pub const NAME: &str = "org.coffeechat.desktop.Resident";
const PATH: &str = "/org/coffeechat/Resident";

pub enum Claim {
    /// The name is ours as long as this connection lives.
    Ours(zbus::blocking::Connection),
    /// Another resident part owns it.
    Running,
}

struct Resident {
    events: Events,
}

#[zbus::interface(name = "org.coffeechat.desktop.Resident")]
impl Resident {
    /// The data changed: the tray and the reminders are looked at again now.
    fn changed(&self) {
        let _ = self.events.send(Event::Changed);
    }

    /// Ends the resident part.
    fn quit(&self) {
        let _ = self.events.send(Event::Quit);
    }
}

/// Claims [`NAME`] without queueing: the first start keeps it, later ones learn it is taken
/// and tell the running one to look now (the window starts the resident part each time it
/// opens: what changed in the file meanwhile shows at once).
pub fn claim(events: Events) -> zbus::Result<Claim> {
    let connection = connection::Builder::session()?
        .serve_at(PATH, Resident { events })?
        .build()?;
    match connection.request_name_with_flags(NAME, RequestNameFlags::DoNotQueue.into()) {
        Ok(RequestNameReply::PrimaryOwner | RequestNameReply::AlreadyOwner) => {
            Ok(Claim::Ours(connection))
        }
        Ok(RequestNameReply::Exists | RequestNameReply::InQueue) | Err(zbus::Error::NameTaken) => {
            if let Err(error) = connection.call_method(Some(NAME), PATH, Some(NAME), "Changed", &())
            {
                log::warn!("the running resident part did not answer: {error}");
            }
            Ok(Claim::Running)
        }
        Err(error) => Err(error),
    }
}
