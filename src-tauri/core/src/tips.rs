//! Tips a person gave in an interview: each one is something to follow up on.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, OptionalRow, Result};
use crate::interviews;
use crate::reminder_sync;
use crate::store::{collect, Store};
use crate::validate;

#[derive(Debug, Clone, Serialize)]
pub struct Tip {
    pub id: i64,
    pub interview_id: i64,
    pub text: String,
    /// The date the user chose, if any.
    pub due_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    /// When the follow-up reminder comes (the chosen date, or the default delay after the
    /// interview, or when it was snoozed to), while the tip is open.
    pub follow_up_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Records a tip from an interview, optionally due at a local "YYYY-MM-DDTHH:MM".
    pub fn add_tip(
        &mut self,
        interview_id: i64,
        text: &str,
        due_local: Option<&str>,
    ) -> Result<i64> {
        let text = validate::required("tip", "The tip", text, 1_000)?;
        let due_at = validate::local_datetime(self.clock(), "tip_due", "The due date", due_local)?;
        self.write(|tx, clock| {
            interviews::live(tx, interview_id)?;
            tx.execute(
                "INSERT INTO tips (interview_id, text, due_at, created_at) VALUES (?1, ?2, ?3, ?4)",
                (interview_id, &text, due_at, clock.now()),
            )?;
            let id = tx.last_insert_rowid();
            reminder_sync::sync_interview(tx, clock, interview_id)?;
            Ok(id)
        })
    }

    /// Marks a tip followed up.
    pub fn complete_tip(&mut self, id: i64) -> Result<()> {
        self.write(|tx, clock| {
            let (interview_id, done): (i64, Option<DateTime<Utc>>) = tx
                .query_row(
                    "SELECT interview_id, done_at FROM tips WHERE id = ?1",
                    [id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .or_not_found("tip")?;
            interviews::live(tx, interview_id)?;
            if done.is_some() {
                return Err(Error::invalid("tip", "This tip is already done."));
            }
            tx.execute(
                "UPDATE tips SET done_at = ?2 WHERE id = ?1",
                (id, clock.now()),
            )?;
            reminder_sync::sync_interview(tx, clock, interview_id)
        })
    }

    /// The tips of an interview, in the order they were noted.
    pub fn tips(&self, interview_id: i64) -> Result<Vec<Tip>> {
        self.read(|conn, _| of_interview(conn, interview_id))
    }
}

/// The tips of an interview, in the order they were noted.
pub(crate) fn of_interview(conn: &Connection, interview_id: i64) -> Result<Vec<Tip>> {
    collect(
        conn,
        "SELECT t.id, t.interview_id, t.text, t.due_at, t.done_at,
                (SELECT COALESCE(r.snoozed_until, r.due_at) FROM reminders r
                 WHERE r.tip_id = t.id AND r.done_at IS NULL ORDER BY r.id DESC LIMIT 1)
         FROM tips t
         WHERE t.interview_id = ?1 ORDER BY t.id",
        [interview_id],
        |row| {
            Ok(Tip {
                id: row.get(0)?,
                interview_id: row.get(1)?,
                text: row.get(2)?,
                due_at: row.get(3)?,
                done_at: row.get(4)?,
                follow_up_at: row.get(5)?,
            })
        },
    )
}
