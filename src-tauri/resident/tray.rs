//! The tray icon as a StatusNotifierItem over D-Bus (ksni, no GTK), drawing the core's
//! `tray_menu` entries: the same menu as the window's tray, from the same place.

use coffeechat_core::tray_menu::{self, Action, Entry, Shown};
use ksni::blocking::TrayMethods;

use crate::events::{Event, Events};

struct Tray {
    shown: Shown,
    events: Events,
}

impl ksni::Tray for Tray {
    fn id(&self) -> String {
        "coffeechat".into()
    }

    fn title(&self) -> String {
        "Coffee Chat".into()
    }

    fn icon_name(&self) -> String {
        "coffeechat".into()
    }

    /// A click on the icon opens the window, as on the window's own tray.
    fn activate(&mut self, _x: i32, _y: i32) {
        let _ = self.events.send(Event::Menu(Action::Open));
    }

    fn tool_tip(&self) -> ksni::ToolTip {
        ksni::ToolTip {
            title: tray_menu::tooltip(&self.shown),
            ..Default::default()
        }
    }

    fn menu(&self) -> Vec<ksni::MenuItem<Self>> {
        use ksni::menu::{CheckmarkItem, StandardItem};
        let click = |action: Action| -> Box<dyn Fn(&mut Self) + Send> {
            Box::new(move |tray: &mut Self| {
                let _ = tray.events.send(Event::Menu(action));
            })
        };
        tray_menu::entries(&self.shown)
            .into_iter()
            .map(|entry| match entry {
                Entry::Note { text, .. } => StandardItem {
                    label: text,
                    enabled: false,
                    ..Default::default()
                }
                .into(),
                Entry::Item {
                    action,
                    text,
                    enabled,
                } => StandardItem {
                    label: text,
                    enabled,
                    activate: click(action),
                    ..Default::default()
                }
                .into(),
                Entry::Check {
                    action,
                    text,
                    checked,
                } => CheckmarkItem {
                    label: text,
                    checked,
                    activate: click(action),
                    ..Default::default()
                }
                .into(),
                Entry::Separator => ksni::MenuItem::Separator,
            })
            .collect()
    }
}

/// The tray icon, drawn on ksni's own thread.
pub struct TrayIcon {
    handle: ksni::blocking::Handle<Tray>,
    shown: Shown,
}

impl TrayIcon {
    /// Puts the icon up; its clicks come back as [`Event::Menu`].
    pub fn spawn(events: Events) -> Result<Self, ksni::Error> {
        let handle = Tray {
            shown: Shown::default(),
            events,
        }
        // The desktop's tray host may start after us at login: the item registers once it is.
        .assume_sni_available(true)
        .spawn()?;
        Ok(Self {
            handle,
            shown: Shown::default(),
        })
    }

    /// Redraws the menu and the tooltip when what they show changed.
    pub fn show(&mut self, shown: Shown) {
        if shown != self.shown {
            self.shown = shown.clone();
            self.handle.update(|tray| tray.shown = shown);
        }
    }

    pub fn remove(self) {
        self.handle.shutdown().wait();
    }
}
