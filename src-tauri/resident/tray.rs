//! The tray icon as a StatusNotifierItem over D-Bus (ksni, no GTK), drawing the core's
//! `tray_menu` entries: the same menu as the window's tray, from the same place.

use std::time::{Duration, Instant};

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

    fn watcher_online(&self) {
        log::info!("the tray host is back");
        let _ = self.events.send(Event::Tray(TrayNews::HostBack));
    }

    /// A tray host that is not there yet is waited for by ksni. One that refused the item,
    /// most often because it took its bus name a moment before it could answer (the item's
    /// registration then fails with UnknownObject and ksni does not try again), gets the item
    /// again from the loop, a little later.
    fn watcher_offline(&self, reason: ksni::OfflineReason) -> bool {
        use ksni::{Error::Watcher, OfflineReason};
        let refused = matches!(&reason, OfflineReason::Error(error)
            if !matches!(error, Watcher(zbus::fdo::Error::ServiceUnknown(_))));
        log::info!("the tray host is away: {reason:?}");
        if refused {
            let _ = self.events.send(Event::Tray(TrayNews::Refused));
        }
        true
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

/// What the tray host did to the item, told to the loop.
#[derive(Debug, PartialEq, Eq)]
pub enum TrayNews {
    /// The host refused the item (or was not ready for it): put it up again a little later.
    Refused,
    /// A host appeared after being away: its next refusal is retried promptly again.
    HostBack,
}

/// The first wait before putting a refused item up again; it doubles up to [`RETRY_MAX`].
const RETRY_FIRST: Duration = Duration::from_secs(1);
const RETRY_MAX: Duration = Duration::from_secs(300);

/// The tray icon, drawn on ksni's own thread.
pub struct TrayIcon {
    handle: Option<ksni::blocking::Handle<Tray>>,
    shown: Shown,
    events: Events,
    /// When to put the item up again, and the wait after that one.
    retry: Option<Instant>,
    next_wait: Duration,
}

impl TrayIcon {
    /// Puts the icon up; its clicks come back as [`Event::Menu`]. An icon that cannot be put up
    /// now is tried again later: the reminders go on meanwhile.
    pub fn spawn(events: Events) -> Self {
        let mut icon = Self {
            handle: None,
            shown: Shown::default(),
            events,
            retry: None,
            next_wait: RETRY_FIRST,
        };
        icon.put_up();
        icon
    }

    fn put_up(&mut self) {
        let spawned = Tray {
            shown: self.shown.clone(),
            events: self.events.clone(),
        }
        // The desktop's tray host may start after us at login: the item registers once it is.
        .assume_sni_available(true)
        .spawn();
        match spawned {
            Ok(handle) => self.handle = Some(handle),
            Err(error) => {
                log::warn!("the tray icon could not be put up: {error}");
                self.refused();
            }
        }
    }

    /// What the tray host did, from [`Event::Tray`].
    pub fn news(&mut self, news: TrayNews) {
        match news {
            TrayNews::Refused => self.refused(),
            TrayNews::HostBack => self.next_wait = RETRY_FIRST,
        }
    }

    fn refused(&mut self) {
        if self.retry.is_none() {
            log::info!("putting the tray icon up again in {:?}", self.next_wait);
            self.retry = Some(Instant::now() + self.next_wait);
            self.next_wait = (self.next_wait * 2).min(RETRY_MAX);
        }
    }

    /// Puts a refused icon up again when it is time; how long until then, if it is waited for.
    pub fn retry_if_due(&mut self) -> Option<Duration> {
        let at = self.retry?;
        let now = Instant::now();
        if at > now {
            return Some(at - now);
        }
        self.retry = None;
        if let Some(handle) = self.handle.take() {
            handle.shutdown().wait();
        }
        self.put_up();
        self.retry.map(|at| at.saturating_duration_since(now))
    }

    /// Redraws the menu and the tooltip when what they show changed.
    pub fn show(&mut self, shown: Shown) {
        if shown != self.shown {
            self.shown = shown.clone();
            if let Some(handle) = &self.handle {
                handle.update(|tray| tray.shown = shown);
            }
        }
    }

    pub fn remove(self) {
        if let Some(handle) = self.handle {
            handle.shutdown().wait();
        }
    }
}
