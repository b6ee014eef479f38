//! Preparing for an interview: the checklist the method asks for, what it still misses, and the
//! warning on Today about an interview within a day that is not ready.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::interviews::{self, InterviewCard};
use crate::store::{collect, Store};
use crate::validate;

/// The line live mode shows at the start: the method says to repeat, before anything else, that
/// the user is not looking for a job. New interviews start with it (see migration 0003).
pub const DEFAULT_OPENING_LINE: &str = "Thank you for your time. Just to say again: I'm not \
looking for a job, I'd love to learn how you got where you are.";

/// The method asks for a list of questions, even though the talk should not follow it slavishly.
pub const MIN_QUESTIONS: usize = 3;

/// Today warns about interviews that start within this many hours and are not ready.
pub const WARNING_HOURS: i64 = 24;

pub const OPENING_LINE_MAX: usize = 500;
pub const RESUME_VERSION_MAX: usize = 120;

/// The preparation checklist of one interview, as the form shows and sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prep {
    /// The resume is printed or at hand: to bring, but to offer only if they ask.
    pub resume_ready: bool,
    /// The clothes are chosen: dress professionally.
    pub dress: bool,
    /// What to say first: that the user is not looking for a job.
    pub opening_line: String,
    /// Which resume version to bring, e.g. "UX, 2026-05".
    pub resume_version: String,
}

/// One item of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrepItem {
    ResumeVersion,
    ResumeReady,
    Dress,
    Questions,
    OpeningLine,
}

/// A checklist item not done yet, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub item: PrepItem,
    pub message: String,
}

/// Whether an interview is prepared, and if not, what is left, in checklist order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Readiness {
    pub ready: bool,
    pub missing: Vec<Missing>,
}

/// A scheduled interview starting soon that is not ready: what Today warns about.
#[derive(Debug, Clone, Serialize)]
pub struct PrepWarning {
    #[serde(flatten)]
    pub card: InterviewCard,
    pub starts_at: DateTime<Utc>,
    /// What is left to do, one plain sentence each.
    pub missing: Vec<String>,
}

/// What the checklist `prep` misses when `questions` questions are prepared.
pub fn readiness(prep: &Prep, questions: usize) -> Readiness {
    let mut missing = Vec::new();
    let mut miss = |item, message: String| missing.push(Missing { item, message });
    if prep.resume_version.trim().is_empty() {
        miss(
            PrepItem::ResumeVersion,
            "Choose which version of your resume to bring.".to_owned(),
        );
    }
    if !prep.resume_ready {
        miss(
            PrepItem::ResumeReady,
            "Have your resume ready to bring, but offer it only if they ask.".to_owned(),
        );
    }
    if !prep.dress {
        miss(
            PrepItem::Dress,
            "Decide what to wear: dress professionally.".to_owned(),
        );
    }
    if questions < MIN_QUESTIONS {
        let so_far = match questions {
            0 => "none yet".to_owned(),
            1 => "only 1 so far".to_owned(),
            n => format!("only {n} so far"),
        };
        miss(
            PrepItem::Questions,
            format!("Prepare at least {MIN_QUESTIONS} questions ({so_far})."),
        );
    }
    if prep.opening_line.trim().is_empty() {
        miss(
            PrepItem::OpeningLine,
            "Write the opening line that says again you are not looking for a job.".to_owned(),
        );
    }
    Readiness {
        ready: missing.is_empty(),
        missing,
    }
}

impl Store {
    /// Saves an interview's preparation checklist.
    pub fn update_prep(&mut self, interview_id: i64, prep: &Prep) -> Result<()> {
        let opening_line = validate::text(
            "opening_line",
            "The opening line",
            &prep.opening_line,
            OPENING_LINE_MAX,
        )?;
        let resume_version = validate::text(
            "resume_version",
            "The resume version",
            &prep.resume_version,
            RESUME_VERSION_MAX,
        )?;
        self.write(|tx, clock| {
            interviews::live(tx, interview_id)?;
            tx.execute(
                "UPDATE interviews SET prep_resume_ready = ?2, prep_dress = ?3,
                     prep_opening_line = ?4, resume_version = ?5, updated_at = ?6
                 WHERE id = ?1",
                rusqlite::params![
                    interview_id,
                    prep.resume_ready,
                    prep.dress,
                    opening_line,
                    resume_version,
                    clock.now()
                ],
            )?;
            Ok(())
        })
    }

    /// Scheduled interviews that start within the next [`WARNING_HOURS`] hours and are not
    /// ready, soonest first. One that has started already is past preparing for.
    pub fn interviews_needing_prep(&self) -> Result<Vec<PrepWarning>> {
        self.read(|conn, clock| {
            let now = clock.now();
            let soon = collect(
                conn,
                "SELECT i.id, i.prep_resume_ready, i.prep_dress, i.prep_opening_line,
                        i.resume_version,
                        (SELECT count(*) FROM interview_questions q WHERE q.interview_id = i.id)
                 FROM interviews i INDEXED BY interviews_scheduled
                 JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
                 WHERE i.deleted_at IS NULL AND i.stage = 'scheduled'
                   AND i.scheduled_at > ?1 AND i.scheduled_at <= ?2
                 ORDER BY i.scheduled_at, i.id",
                (now, now + Duration::hours(WARNING_HOURS)),
                |row| {
                    let prep = Prep {
                        resume_ready: row.get(1)?,
                        dress: row.get(2)?,
                        opening_line: row.get(3)?,
                        resume_version: row.get(4)?,
                    };
                    let questions: i64 = row.get(5)?;
                    Ok((row.get::<_, i64>(0)?, prep, questions as usize))
                },
            )?;
            let mut warnings = Vec::new();
            for (id, prep, questions) in soon {
                let readiness = readiness(&prep, questions);
                if readiness.ready {
                    continue;
                }
                let card = interviews::card(conn, id)?;
                warnings.push(PrepWarning {
                    starts_at: card.scheduled_at.unwrap_or(now),
                    card,
                    missing: readiness.missing.into_iter().map(|m| m.message).collect(),
                });
            }
            Ok(warnings)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready() -> Prep {
        Prep {
            resume_ready: true,
            dress: true,
            opening_line: DEFAULT_OPENING_LINE.to_owned(),
            resume_version: "UX".to_owned(),
        }
    }

    fn items(prep: &Prep, questions: usize) -> Vec<PrepItem> {
        readiness(prep, questions)
            .missing
            .iter()
            .map(|m| m.item)
            .collect()
    }

    #[test]
    fn each_item_is_missed_on_its_own() {
        assert!(readiness(&ready(), 3).ready);
        assert_eq!(items(&ready(), 2), [PrepItem::Questions]);
        type Change = fn(&mut Prep);
        let checks: [(Change, PrepItem); 4] = [
            (|p| p.resume_version = "  ".into(), PrepItem::ResumeVersion),
            (|p| p.resume_ready = false, PrepItem::ResumeReady),
            (|p| p.dress = false, PrepItem::Dress),
            (|p| p.opening_line.clear(), PrepItem::OpeningLine),
        ];
        for (change, item) in checks {
            let mut prep = ready();
            change(&mut prep);
            assert_eq!(items(&prep, 5), [item]);
        }
    }

    #[test]
    fn the_questions_message_says_how_many_there_are() {
        let message = |n| readiness(&ready(), n).missing[0].message.clone();
        assert_eq!(message(0), "Prepare at least 3 questions (none yet).");
        assert_eq!(message(1), "Prepare at least 3 questions (only 1 so far).");
        assert_eq!(message(2), "Prepare at least 3 questions (only 2 so far).");
    }
}
