//! The trash: deleted people and interviews, restorable for [`TRASH_DAYS`] days.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{OptionalRow, Result};
use crate::exchange::import;
use crate::reminder_sync;
use crate::search;
use crate::store::{collect, Store, TRASH_DAYS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrashKind {
    Person,
    Interview,
    /// The people one import added, sent to the trash together by undoing the import.
    Import,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrashItem {
    pub kind: TrashKind,
    pub id: i64,
    /// What the user recognises it by: the person's name, or "Interview with …".
    pub title: String,
    pub deleted_at: DateTime<Utc>,
    /// When it will be removed for good.
    pub purge_at: DateTime<Utc>,
}

impl Store {
    /// What is in the trash, most recently deleted first. An interview deleted with its person
    /// comes back with them, so it is not listed on its own; nor is a person of an undone
    /// import, which comes back with the whole import.
    pub fn trash(&self) -> Result<Vec<TrashItem>> {
        self.read(|conn, _| {
            collect(
                conn,
                "SELECT 'person', p.id, p.name, p.deleted_at FROM people p
                 WHERE p.deleted_at IS NOT NULL AND NOT EXISTS (
                     SELECT 1 FROM import_batches b
                     WHERE b.id = p.import_batch_id AND b.undone_at = p.deleted_at)
                 UNION ALL
                 SELECT 'import', b.id,
                        'Import of ' || b.file_name || ' (' || count(p.id) ||
                        CASE count(p.id) WHEN 1 THEN ' person)' ELSE ' people)' END,
                        b.undone_at
                 FROM import_batches b
                 JOIN people p ON p.import_batch_id = b.id AND p.deleted_at = b.undone_at
                 WHERE b.undone_at IS NOT NULL GROUP BY b.id
                 UNION ALL
                 SELECT 'interview', i.id, 'Interview with ' || p.name, i.deleted_at
                 FROM interviews i JOIN people p ON p.id = i.person_id
                 WHERE i.deleted_at IS NOT NULL AND p.deleted_at IS NULL
                 ORDER BY 4 DESC",
                [],
                |row| {
                    let kind: String = row.get(0)?;
                    let deleted_at: DateTime<Utc> = row.get(3)?;
                    Ok(TrashItem {
                        kind: match kind.as_str() {
                            "person" => TrashKind::Person,
                            "import" => TrashKind::Import,
                            _ => TrashKind::Interview,
                        },
                        id: row.get(1)?,
                        title: row.get(2)?,
                        deleted_at,
                        purge_at: deleted_at + Duration::days(TRASH_DAYS),
                    })
                },
            )
        })
    }

    /// Brings a person or an interview back from the trash.
    pub fn restore(&mut self, kind: TrashKind, id: i64) -> Result<()> {
        self.write(|tx, clock| {
            let person_id: i64 = match kind {
                TrashKind::Import => return import::restore_batch(tx, clock, id),
                TrashKind::Person => tx
                    .query_row(
                        "UPDATE people SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL
                         RETURNING id",
                        [id],
                        |row| row.get(0),
                    )
                    .or_not_found("person")?,
                TrashKind::Interview => tx
                    .query_row(
                        "UPDATE interviews SET deleted_at = NULL
                         WHERE id = ?1 AND deleted_at IS NOT NULL
                           AND person_id IN (SELECT id FROM people WHERE deleted_at IS NULL)
                         RETURNING person_id",
                        [id],
                        |row| row.get(0),
                    )
                    .or_not_found("interview")?,
            };
            search::reindex_person(tx, person_id)?;
            reminder_sync::sync_person(tx, clock, person_id)
        })
    }
}
