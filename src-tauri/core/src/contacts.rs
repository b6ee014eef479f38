//! Contacts the user logs with a person between interviews. Each one moves the keep-in-touch
//! reminder: it is due a set number of days after the last contact.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::people;
use crate::reminder_sync;
use crate::store::{collect, Store};
use crate::validate;

#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub note: String,
}

impl Store {
    /// Logs a contact with a person now ("had coffee", "sent them an article").
    pub fn log_contact(&mut self, person_id: i64, note: &str) -> Result<i64> {
        let note = validate::text("contact_note", "The note", note, 500)?;
        self.write(|tx, clock| {
            people::ensure_live(tx, person_id)?;
            let id = record(tx, person_id, clock.now(), &note)?;
            reminder_sync::sync_person(tx, clock, person_id)?;
            Ok(id)
        })
    }

    /// A person's logged contacts, newest first.
    pub fn contacts(&self, person_id: i64) -> Result<Vec<Contact>> {
        self.read(|conn, _| {
            collect(
                conn,
                "SELECT id, at, note FROM contacts WHERE person_id = ?1 ORDER BY at DESC, id DESC",
                [person_id],
                |row| {
                    Ok(Contact {
                        id: row.get(0)?,
                        at: row.get(1)?,
                        note: row.get(2)?,
                    })
                },
            )
        })
    }
}

/// Stores a contact; the caller recomputes the reminders.
pub(crate) fn record(
    conn: &Connection,
    person_id: i64,
    at: DateTime<Utc>,
    note: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO contacts (person_id, at, note, created_at) VALUES (?1, ?2, ?3, ?2)",
        (person_id, at, note),
    )?;
    Ok(conn.last_insert_rowid())
}
