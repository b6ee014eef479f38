//! What the tray shows, computed in one place for every tray that draws it: the first line (the
//! data file's problem, or how many reminders are due), the first few due reminders (a click
//! opens the window on one), "Snooze all 1 hour", "Launch at login", "Open Coffee Chat" and
//! "Quit", and the tooltip. A tray turns [`entries`] into its own menu items and hands a click
//! back as an [`Action`], by its [`Action::id`].

use crate::reminders::Reminder;

/// Reminders listed by name in the menu.
pub const LISTED: usize = 5;
/// The longest a reminder's line may be, in characters.
const LABEL_MAX: usize = 60;

/// What the menu shows; a tray redraws only when it changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    /// What is wrong with the data file, said in place of the count.
    pub problem: Option<&'static str>,
    /// The first [`LISTED`] due reminders: their ids and lines.
    pub reminders: Vec<(i64, String)>,
    /// How many reminders are due in all.
    pub due: usize,
    pub launch_at_login: bool,
}

impl Shown {
    /// The menu for `due` reminders due, of which `first` are the first; the data file's
    /// `problem`, if any (see [`problem_label`]).
    pub fn new(
        problem: Option<&'static str>,
        due: usize,
        first: &[Reminder],
        launch_at_login: bool,
    ) -> Self {
        Self {
            problem,
            // Names between Unicode isolates: a right-to-left name cannot reorder the line.
            reminders: first
                .iter()
                .take(LISTED)
                .map(|r| (r.id, shorten(&r.text_with_isolated_name())))
                .collect(),
            due,
            launch_at_login,
        }
    }

    /// Whether the reminders it lists (or their count) differ from `other`'s: the window's
    /// Today then follows.
    pub fn reminders_differ(&self, other: Option<&Shown>) -> bool {
        other.is_none_or(|other| other.reminders != self.reminders || other.due != self.due)
    }
}

/// What a click on the menu asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open the window on this reminder.
    Reminder(i64),
    SnoozeAll,
    LaunchAtLogin,
    Open,
    Quit,
}

impl Action {
    /// The menu item's id, which [`Action::from_id`] reads back.
    pub fn id(self) -> String {
        match self {
            Action::Reminder(id) => format!("reminder:{id}"),
            Action::SnoozeAll => "snooze-all".into(),
            Action::LaunchAtLogin => "launch-at-login".into(),
            Action::Open => "open".into(),
            Action::Quit => "quit".into(),
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Some(match id {
            "snooze-all" => Action::SnoozeAll,
            "launch-at-login" => Action::LaunchAtLogin,
            "open" => Action::Open,
            "quit" => Action::Quit,
            other => Action::Reminder(other.strip_prefix("reminder:")?.parse().ok()?),
        })
    }
}

/// One line of the menu, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A line that says something and does nothing (greyed out).
    Note {
        id: &'static str,
        text: String,
    },
    Item {
        action: Action,
        text: String,
        enabled: bool,
    },
    Check {
        action: Action,
        text: String,
        checked: bool,
    },
    Separator,
}

/// The menu's lines for what is shown.
pub fn entries(shown: &Shown) -> Vec<Entry> {
    let mut entries = Vec::new();
    if let Some(problem) = shown.problem {
        entries.push(Entry::Note {
            id: "problem",
            text: problem.to_owned(),
        });
    }
    // A file that could not be opened has no count to show.
    if shown.problem.is_none() || shown.due > 0 || !shown.reminders.is_empty() {
        let count = match shown.due {
            0 => "Nothing due".to_owned(),
            n => format!("{n} due"),
        };
        entries.push(Entry::Note {
            id: "count",
            text: count,
        });
    }
    for (id, text) in &shown.reminders {
        entries.push(Entry::Item {
            action: Action::Reminder(*id),
            text: text.clone(),
            enabled: true,
        });
    }
    entries.push(Entry::Separator);
    entries.push(Entry::Item {
        action: Action::SnoozeAll,
        text: "Snooze all 1 hour".into(),
        enabled: shown.due > 0 && shown.problem.is_none(),
    });
    entries.push(Entry::Check {
        action: Action::LaunchAtLogin,
        text: "Launch at login".into(),
        checked: shown.launch_at_login,
    });
    entries.push(Entry::Separator);
    entries.push(Entry::Item {
        action: Action::Open,
        text: "Open Coffee Chat".into(),
        enabled: true,
    });
    entries.push(Entry::Item {
        action: Action::Quit,
        text: "Quit".into(),
        enabled: true,
    });
    entries
}

/// The icon's tooltip.
pub fn tooltip(shown: &Shown) -> String {
    match (shown.problem, shown.due) {
        (Some(problem), _) => format!("Coffee Chat — {problem}"),
        (None, 0) => "Coffee Chat".to_owned(),
        (None, n) => format!("Coffee Chat — {n} due"),
    }
}

/// The tray's first line (and a notification's title) for a problem with the data file: it
/// could not be `opened` at all, or it is open and cannot be saved into (the error's `code`).
pub fn problem_label(opened: bool, code: &str) -> &'static str {
    match (opened, code) {
        (false, _) => "Coffee Chat can't open your data",
        (true, "data_file_read_only") => "Coffee Chat can't save: your data is read-only",
        (true, _) => "Coffee Chat can't save your data",
    }
}

/// At most [`LABEL_MAX`] characters; an isolate the cut leaves open is closed.
fn shorten(text: &str) -> String {
    if text.chars().count() <= LABEL_MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(LABEL_MAX - 1).collect();
    let open = cut.matches('\u{2068}').count() > cut.matches('\u{2069}').count();
    format!("{}{}…", cut.trim_end(), if open { "\u{2069}" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(shown: &Shown) -> Vec<String> {
        entries(shown)
            .iter()
            .map(|entry| match entry {
                Entry::Note { text, .. } => format!("({text})"),
                Entry::Item {
                    text,
                    enabled: true,
                    ..
                } => text.clone(),
                Entry::Item { text, .. } => format!("({text})"),
                Entry::Check {
                    text,
                    checked: true,
                    ..
                } => format!("[x] {text}"),
                Entry::Check { text, .. } => format!("[ ] {text}"),
                Entry::Separator => "---".into(),
            })
            .collect()
    }

    #[test]
    fn nothing_due_says_so_and_cannot_snooze() {
        assert_eq!(
            texts(&Shown::default()),
            [
                "(Nothing due)",
                "---",
                "(Snooze all 1 hour)",
                "[ ] Launch at login",
                "---",
                "Open Coffee Chat",
                "Quit"
            ]
        );
        assert_eq!(tooltip(&Shown::default()), "Coffee Chat");
    }

    #[test]
    fn due_reminders_are_counted_listed_and_snoozable() {
        let shown = Shown {
            reminders: vec![(7, "Send a thank-you note to Ana".into())],
            due: 12,
            launch_at_login: true,
            ..Shown::default()
        };
        assert_eq!(
            texts(&shown),
            [
                "(12 due)",
                "Send a thank-you note to Ana",
                "---",
                "Snooze all 1 hour",
                "[x] Launch at login",
                "---",
                "Open Coffee Chat",
                "Quit"
            ]
        );
        assert_eq!(tooltip(&shown), "Coffee Chat — 12 due");
        assert!(matches!(
            entries(&shown)[1],
            Entry::Item {
                action: Action::Reminder(7),
                ..
            }
        ));
    }

    #[test]
    fn a_problem_comes_first_and_stops_snoozing() {
        let cannot_open = Shown {
            problem: Some(problem_label(false, "data_file_locked")),
            ..Shown::default()
        };
        assert_eq!(
            texts(&cannot_open)[..3],
            [
                "(Coffee Chat can't open your data)",
                "---",
                "(Snooze all 1 hour)"
            ]
        );
        let read_only = Shown {
            problem: Some(problem_label(true, "data_file_read_only")),
            due: 2,
            ..Shown::default()
        };
        assert_eq!(
            texts(&read_only)[..4],
            [
                "(Coffee Chat can't save: your data is read-only)",
                "(2 due)",
                "---",
                "(Snooze all 1 hour)"
            ]
        );
        assert_eq!(
            tooltip(&read_only),
            "Coffee Chat — Coffee Chat can't save: your data is read-only"
        );
    }

    #[test]
    fn every_action_reads_back_from_its_id() {
        for action in [
            Action::Reminder(42),
            Action::SnoozeAll,
            Action::LaunchAtLogin,
            Action::Open,
            Action::Quit,
        ] {
            assert_eq!(Action::from_id(&action.id()), Some(action));
        }
        assert_eq!(Action::from_id("count"), None);
        assert_eq!(Action::from_id("reminder:x"), None);
    }

    #[test]
    fn long_lines_are_cut_without_leaving_an_isolate_open() {
        let name = format!("\u{2068}{}\u{2069}", "ש".repeat(80));
        let line = shorten(&format!("Send a thank-you note to {name}"));
        assert_eq!(line.chars().count(), LABEL_MAX + 1);
        assert!(line.ends_with("\u{2069}…"), "{line:?}");
        assert_eq!(shorten("Short"), "Short");
    }

    #[test]
    fn only_a_change_in_the_reminders_tells_the_window() {
        let shown = Shown {
            due: 1,
            reminders: vec![(1, "a".into())],
            ..Shown::default()
        };
        assert!(shown.reminders_differ(None));
        let toggled = Shown {
            launch_at_login: true,
            ..shown.clone()
        };
        assert!(!toggled.reminders_differ(Some(&shown)));
        let more = Shown {
            due: 2,
            ..shown.clone()
        };
        assert!(more.reminders_differ(Some(&shown)));
    }
}
