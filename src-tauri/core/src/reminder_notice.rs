//! What a reminder's notification says and what its buttons do, computed in one place for
//! every program that posts it: one notification with its actions for a single reminder ("Mark
//! sent" or "Done", "Snooze 1 h", and the default action that opens the window on it), one
//! grouped notification for several (as after the app was closed for a while). A program turns
//! a [`Notice`] into its platform's notification and hands the user's choice back as an
//! [`Answer`], which [`Store::answer_notice`] carries out.

use crate::error::Result;
use crate::reminder_rules::Snooze;
use crate::reminders::Reminder;
use crate::Store;

/// How many reminders a grouped notification lists by name.
pub const LISTED: usize = 5;

/// The live-mode cue, posted when the time the user asked for is nearly up.
pub const CUE_SUMMARY: &str = "Offer them an out";
pub const CUE_BODY: &str = "Ask if they have a few more minutes.";

/// A notification's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub summary: String,
    /// Escaped for servers that read markup: a name such as `<b>` stays text.
    pub body: String,
    /// The buttons, as (action id, label); "default" is a click on the notification itself.
    pub actions: Vec<(&'static str, String)>,
    /// Shown as critical (a thank-you note's last call).
    pub urgent: bool,
}

impl Notice {
    /// The notification for reminders that just fell due.
    pub fn for_reminders(reminders: &[Reminder]) -> Self {
        match reminders {
            [one] => Self {
                summary: one.text.clone(),
                body: escape(&one.detail),
                actions: vec![
                    ("default", "Open".into()),
                    ("mark", one.done_label.into()),
                    ("snooze", "Snooze 1 h".into()),
                ],
                urgent: one.urgent,
            },
            many => {
                let mut lines: Vec<String> = many
                    .iter()
                    .take(LISTED)
                    .map(|r| format!("• {}", r.text))
                    .collect();
                if many.len() > LISTED {
                    lines.push(format!("…and {} more", many.len() - LISTED));
                }
                Self {
                    summary: format!("{} reminders are due", many.len()),
                    body: escape(&lines.join("\n")),
                    actions: vec![
                        ("default", "Open".into()),
                        ("snooze", "Snooze all 1 h".into()),
                    ],
                    urgent: false,
                }
            }
        }
    }

    /// A plain notice without actions, such as "Coffee Chat keeps running in the tray".
    pub fn plain(summary: &str, body: &str) -> Self {
        Self {
            summary: summary.to_owned(),
            body: escape(body),
            actions: Vec::new(),
            urgent: false,
        }
    }
}

/// Notification bodies may hold markup: user text is escaped so a name like `<b>` stays text.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What the user chose on a notification about the reminders `ids`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Open the window on this reminder, or on Today for several.
    Open(Option<i64>),
    /// Mark sent (or done).
    MarkDone(i64),
    Snooze(Vec<i64>),
}

impl Answer {
    /// The answer for the action id the server reported; `None` for one that asks nothing (the
    /// notification closed).
    pub fn read(action: &str, ids: &[i64]) -> Option<Self> {
        match (action, ids) {
            ("mark", [id]) => Some(Answer::MarkDone(*id)),
            ("snooze", ids) => Some(Answer::Snooze(ids.to_vec())),
            ("default", [id]) => Some(Answer::Open(Some(*id))),
            ("default", _) => Some(Answer::Open(None)),
            _ => None,
        }
    }
}

/// What is left to do after [`Store::answer_notice`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Nothing,
    /// Open the window on this reminder (or on Today).
    OpenWindow(Option<i64>),
}

impl Store {
    /// Carries out the user's answer to a notification. A notification cannot ask, so a note
    /// with "[your name]" left in it is not marked sent unseen: the window opens on the
    /// reminder instead, whose Mark sent asks first. A reminder finished in the window
    /// meanwhile is simply left alone by a snooze.
    pub fn answer_notice(&mut self, answer: &Answer) -> Result<Then> {
        match answer {
            Answer::Open(reminder) => Ok(Then::OpenWindow(*reminder)),
            Answer::MarkDone(id) => {
                if self.gaps_in_message_of(*id)?.is_empty() {
                    self.complete_reminder(*id)?;
                    Ok(Then::Nothing)
                } else {
                    Ok(Then::OpenWindow(Some(*id)))
                }
            }
            Answer::Snooze(ids) => {
                for id in ids {
                    let _ = self.snooze_reminder(*id, Snooze::OneHour);
                }
                Ok(Then::Nothing)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_as_its_answer() {
        assert_eq!(Answer::read("mark", &[3]), Some(Answer::MarkDone(3)));
        assert_eq!(
            Answer::read("snooze", &[3, 4]),
            Some(Answer::Snooze(vec![3, 4]))
        );
        assert_eq!(Answer::read("default", &[3]), Some(Answer::Open(Some(3))));
        assert_eq!(Answer::read("default", &[3, 4]), Some(Answer::Open(None)));
        assert_eq!(
            Answer::read("mark", &[3, 4]),
            None,
            "several cannot be marked at once"
        );
        assert_eq!(Answer::read("__closed", &[3]), None);
    }

    #[test]
    fn a_plain_notice_escapes_its_body() {
        let notice = Notice::plain("Coffee Chat", "a <b> & c");
        assert_eq!(notice.body, "a &lt;b&gt; &amp; c");
        assert!(notice.actions.is_empty());
    }
}
