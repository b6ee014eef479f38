//! What wakes the resident part's loop besides its timer: a click in the tray, an answer on a
//! notification, a call on its D-Bus name.

use coffeechat_core::reminder_notice::Answer;
use coffeechat_core::tray_menu::Action;

use crate::tray::TrayNews;

#[derive(Debug)]
pub enum Event {
    /// A click on the tray menu.
    Menu(Action),
    /// The user answered a reminder's notification.
    Notice(Answer),
    /// Another program (the window) changed the data: look again now.
    Changed,
    /// The tray host refused the icon, or came back.
    Tray(TrayNews),
    /// End the resident part (the window's or a script's `Quit()`).
    Quit,
}

pub type Events = std::sync::mpsc::Sender<Event>;
