//! The Today screen in one read: what is due, what is coming, and how far the user has got.

use serde::Serialize;

use crate::error::Result;
use crate::interviews::InterviewCard;
use crate::prep::PrepWarning;
use crate::reminders::Reminder;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct Today {
    pub reminders: Vec<Reminder>,
    pub scheduled: Vec<InterviewCard>,
    /// Interviews within a day that are not ready yet.
    pub prep_warnings: Vec<PrepWarning>,
    pub people_count: i64,
    pub interview_count: i64,
}

impl Store {
    pub fn today(&self) -> Result<Today> {
        let (people_count, interview_count) = self.read(|conn, _| {
            Ok(conn.query_row(
                // The interviews are counted from an index, leaving out the few people in the
                // trash as a set, not by looking up the person of every interview (3 ms at
                // 20,000 interviews).
                "SELECT (SELECT count(*) FROM people WHERE deleted_at IS NULL),
                        (SELECT count(*) FROM interviews INDEXED BY interviews_latest_by_person
                         WHERE deleted_at IS NULL
                           AND person_id NOT IN (SELECT id FROM people INDEXED BY people_trashed
                                                 WHERE deleted_at IS NOT NULL))",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?)
        })?;
        Ok(Today {
            reminders: self.due_reminders()?,
            scheduled: self.scheduled_interviews(10)?,
            prep_warnings: self.interviews_needing_prep()?,
            people_count,
            interview_count,
        })
    }
}
