//! Reminders: the table the rules fill and Today, the tray and notifications read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, OptionalRow, Result};
use crate::store::{collect, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    ThankYou,
    ThankYouFinal,
    Tip,
    FollowUpNote,
    NoResponse3,
    NoResponse7,
    KeepInTouch,
}

impl ReminderKind {
    const ALL: [ReminderKind; 7] = [
        ReminderKind::ThankYou,
        ReminderKind::ThankYouFinal,
        ReminderKind::Tip,
        ReminderKind::FollowUpNote,
        ReminderKind::NoResponse3,
        ReminderKind::NoResponse7,
        ReminderKind::KeepInTouch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::ThankYou => "thank_you",
            ReminderKind::ThankYouFinal => "thank_you_final",
            ReminderKind::Tip => "tip",
            ReminderKind::FollowUpNote => "follow_up_note",
            ReminderKind::NoResponse3 => "no_response_3",
            ReminderKind::NoResponse7 => "no_response_7",
            ReminderKind::KeepInTouch => "keep_in_touch",
        }
    }

    /// What the user is asked to do, about `person`.
    pub fn describe(self, person: &str) -> String {
        match self {
            ReminderKind::ThankYou => format!("Send your thank-you note to {person}"),
            ReminderKind::ThankYouFinal => {
                format!("Last call: your thank-you note to {person} is still not sent")
            }
            ReminderKind::Tip => format!("Follow up on a tip from {person}"),
            ReminderKind::FollowUpNote => {
                format!("Tell {person} how you followed up on their tips")
            }
            ReminderKind::NoResponse3 => {
                format!("No reply from {person} yet: reach out to a second person at the same organisation")
            }
            ReminderKind::NoResponse7 => format!("Send one follow-up to {person}"),
            ReminderKind::KeepInTouch => format!("Keep in touch with {person}"),
        }
    }
}

impl rusqlite::types::ToSql for ReminderKind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for ReminderKind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        ReminderKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or(rusqlite::types::FromSqlError::InvalidType)
    }
}

/// A reminder as Today shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    pub id: i64,
    pub kind: ReminderKind,
    pub text: String,
    pub person_id: Option<i64>,
    pub interview_id: Option<i64>,
    pub due_at: DateTime<Utc>,
    pub snoozed_until: Option<DateTime<Utc>>,
}

/// A reminder to store.
#[derive(Debug, Clone)]
pub struct NewReminder {
    pub kind: ReminderKind,
    pub person_id: Option<i64>,
    pub interview_id: Option<i64>,
    pub tip_id: Option<i64>,
    pub due_at: DateTime<Utc>,
}

impl Store {
    pub fn add_reminder(&mut self, reminder: &NewReminder) -> Result<i64> {
        self.write(|tx, clock| {
            tx.execute(
                "INSERT INTO reminders (kind, person_id, interview_id, tip_id, due_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![
                    reminder.kind,
                    reminder.person_id,
                    reminder.interview_id,
                    reminder.tip_id,
                    reminder.due_at,
                    clock.now()
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Open reminders that are due now (a snoozed one when its snooze ends), oldest first. Those
    /// about someone in the trash wait with them. A reminder about an interview is about its
    /// person even when it names no person itself.
    pub fn due_reminders(&self) -> Result<Vec<Reminder>> {
        self.read(|conn, clock| {
            collect(
                conn,
                "SELECT r.id, r.kind, COALESCE(p.name, ''), r.person_id, r.interview_id, r.due_at,
                        r.snoozed_until
                 FROM reminders r
                 LEFT JOIN interviews i ON i.id = r.interview_id
                 LEFT JOIN people p ON p.id = COALESCE(r.person_id, i.person_id)
                 WHERE r.done_at IS NULL
                   AND COALESCE(r.snoozed_until, r.due_at) <= ?1
                   AND (p.id IS NULL OR p.deleted_at IS NULL)
                   AND (i.id IS NULL OR i.deleted_at IS NULL)
                 ORDER BY r.due_at, r.id",
                [clock.now()],
                |row| {
                    let kind: ReminderKind = row.get(1)?;
                    let person: String = row.get(2)?;
                    Ok(Reminder {
                        id: row.get(0)?,
                        kind,
                        text: kind.describe(&person),
                        person_id: row.get(3)?,
                        interview_id: row.get(4)?,
                        due_at: row.get(5)?,
                        snoozed_until: row.get(6)?,
                    })
                },
            )
        })
    }

    /// Marks a reminder done.
    pub fn complete_reminder(&mut self, id: i64) -> Result<()> {
        self.write(|tx, clock| {
            let done: Option<DateTime<Utc>> = tx
                .query_row("SELECT done_at FROM reminders WHERE id = ?1", [id], |row| {
                    row.get(0)
                })
                .or_not_found("reminder")?;
            if done.is_some() {
                return Err(Error::invalid("reminder", "This reminder is already done."));
            }
            tx.execute(
                "UPDATE reminders SET done_at = ?2 WHERE id = ?1",
                (id, clock.now()),
            )?;
            Ok(())
        })
    }
}
