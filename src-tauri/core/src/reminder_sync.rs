//! Reminders follow the data: after every change to a person, their interviews, tips or contacts,
//! the reminders that hang on them are recomputed from the rules and the table is brought in line
//! in the same transaction.
//!
//! A reminder is identified by its kind and what it is about (person, interview, tip). An open
//! reminder whose due time moved is updated (and may be shown again at its new time); one that is
//! no longer wanted is removed; one the user already finished is not created again for the same
//! due time.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::Connection;

use crate::clock::Clock;
use crate::error::Result;
use crate::reminder_rules as rules;
use crate::reminders::ReminderKind;
use crate::settings::{self, Settings};
use crate::stage::Stage;
use crate::store::collect;

/// A reminder the rules want to exist.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wanted {
    kind: ReminderKind,
    interview_id: Option<i64>,
    tip_id: Option<i64>,
    due_at: DateTime<Utc>,
}

/// A reminder row of the person, as stored.
struct Existing {
    id: i64,
    kind: ReminderKind,
    interview_id: Option<i64>,
    tip_id: Option<i64>,
    due_at: DateTime<Utc>,
    done: bool,
}

struct InterviewFacts {
    id: i64,
    stage: Stage,
    end: DateTime<Utc>,
    request_date: Option<NaiveDate>,
    reply_date: Option<NaiveDate>,
    thank_you_sent_at: Option<DateTime<Utc>>,
}

struct TipFacts {
    id: i64,
    interview_id: i64,
    due_at: Option<DateTime<Utc>>,
    done_at: Option<DateTime<Utc>>,
}

/// Recomputes the reminders of every person not in the trash (after a settings change).
pub(crate) fn sync_everyone(conn: &Connection, clock: &dyn Clock) -> Result<()> {
    let people: Vec<i64> = collect(
        conn,
        "SELECT id FROM people WHERE deleted_at IS NULL",
        [],
        |row| row.get(0),
    )?;
    let settings = settings::read(conn)?;
    for person in people {
        sync_with(conn, clock, &settings, person)?;
    }
    Ok(())
}

/// Recomputes the reminders about one person and their interviews.
pub(crate) fn sync_person(conn: &Connection, clock: &dyn Clock, person_id: i64) -> Result<()> {
    let settings = settings::read(conn)?;
    sync_with(conn, clock, &settings, person_id)
}

/// Recomputes the reminders of the person an interview is with.
pub(crate) fn sync_interview(
    conn: &Connection,
    clock: &dyn Clock,
    interview_id: i64,
) -> Result<()> {
    let person_id: i64 = conn.query_row(
        "SELECT person_id FROM interviews WHERE id = ?1",
        [interview_id],
        |row| row.get(0),
    )?;
    sync_person(conn, clock, person_id)
}

fn sync_with(
    conn: &Connection,
    clock: &dyn Clock,
    settings: &Settings,
    person_id: i64,
) -> Result<()> {
    let live: bool = conn.query_row(
        "SELECT count(*) FROM people WHERE id = ?1 AND deleted_at IS NULL",
        [person_id],
        |row| row.get::<_, i64>(0).map(|n| n > 0),
    )?;
    if !live {
        // A person in the trash keeps their reminders as they were, hidden, until restored.
        return Ok(());
    }
    let wanted = wanted(conn, clock, settings, person_id)?;
    reconcile(conn, clock, person_id, &wanted)
}

/// What the rules want for a person, from their live interviews, tips and contacts.
fn wanted(
    conn: &Connection,
    clock: &dyn Clock,
    settings: &Settings,
    person_id: i64,
) -> Result<Vec<Wanted>> {
    let interviews = collect(
        conn,
        "SELECT id, stage, ended_at, scheduled_at, COALESCE(actual_minutes, planned_minutes),
                stage_changed_at, request_date, reply_date, thank_you_sent_at
         FROM interviews WHERE person_id = ?1 AND deleted_at IS NULL",
        [person_id],
        |row| {
            let ended: Option<DateTime<Utc>> = row.get(2)?;
            let scheduled: Option<DateTime<Utc>> = row.get(3)?;
            let minutes: i64 = row.get(4)?;
            let changed: DateTime<Utc> = row.get(5)?;
            Ok(InterviewFacts {
                id: row.get(0)?,
                stage: row.get(1)?,
                // The end as recorded; else the start plus its length; else when it was marked.
                end: ended
                    .or(scheduled.map(|start| start + Duration::minutes(minutes)))
                    .unwrap_or(changed),
                request_date: row.get(6)?,
                reply_date: row.get(7)?,
                thank_you_sent_at: row.get(8)?,
            })
        },
    )?;
    let tips = collect(
        conn,
        "SELECT t.id, t.interview_id, t.due_at, t.done_at FROM tips t
         JOIN interviews i ON i.id = t.interview_id
         WHERE i.person_id = ?1 AND i.deleted_at IS NULL ORDER BY t.id",
        [person_id],
        |row| {
            Ok(TipFacts {
                id: row.get(0)?,
                interview_id: row.get(1)?,
                due_at: row.get(2)?,
                done_at: row.get(3)?,
            })
        },
    )?;
    let last_logged: Option<DateTime<Utc>> = conn.query_row(
        "SELECT max(at) FROM contacts WHERE person_id = ?1",
        [person_id],
        |row| row.get(0),
    )?;

    let mut wanted = Vec::new();
    let mut last_contact: Option<NaiveDate> = last_logged.map(|at| local_date(clock, at));
    let mut interviewed = false;
    for interview in &interviews {
        let id = Some(interview.id);
        let met = matches!(
            interview.stage,
            Stage::Done | Stage::Thanked | Stage::FollowedUp
        );
        if met {
            interviewed = true;
            let mut dates = vec![local_date(clock, interview.end)];
            dates.extend(interview.thank_you_sent_at.map(|at| local_date(clock, at)));
            dates.extend(interview.reply_date);
            last_contact = last_contact.into_iter().chain(dates).max();
        }
        if interview.stage == Stage::Done && interview.thank_you_sent_at.is_none() {
            wanted.push(Wanted {
                kind: ReminderKind::ThankYou,
                interview_id: id,
                tip_id: None,
                due_at: rules::thank_you_due(clock, interview.end, settings),
            });
            wanted.push(Wanted {
                kind: ReminderKind::ThankYouFinal,
                interview_id: id,
                tip_id: None,
                due_at: rules::thank_you_final_due(clock, interview.end, settings),
            });
        }
        if let (Stage::InterviewRequested, Some(asked), None, true) = (
            interview.stage,
            interview.request_date,
            interview.reply_date,
            settings.no_response_enabled,
        ) {
            for (kind, days) in [
                (ReminderKind::NoResponse3, 3),
                (ReminderKind::NoResponse7, 7),
            ] {
                wanted.push(Wanted {
                    kind,
                    interview_id: id,
                    tip_id: None,
                    due_at: rules::no_response_due(clock, asked, days, settings),
                });
            }
        }
        let own_tips: Vec<&TipFacts> = tips
            .iter()
            .filter(|tip| tip.interview_id == interview.id)
            .collect();
        for tip in own_tips.iter().filter(|tip| tip.done_at.is_none()) {
            let default_due = || rules::tip_due(clock, local_date(clock, interview.end), settings);
            wanted.push(Wanted {
                kind: ReminderKind::Tip,
                interview_id: id,
                tip_id: Some(tip.id),
                due_at: tip.due_at.unwrap_or_else(default_due),
            });
        }
        let last_done = own_tips
            .iter()
            .map(|tip| tip.done_at)
            .collect::<Option<Vec<_>>>();
        if let (Some(done), Stage::Done | Stage::Thanked) = (last_done, interview.stage) {
            if let Some(due_at) = done.into_iter().max() {
                wanted.push(Wanted {
                    kind: ReminderKind::FollowUpNote,
                    interview_id: id,
                    tip_id: None,
                    due_at,
                });
            }
        }
    }
    if let (true, Some(last)) = (interviewed, last_contact) {
        wanted.push(Wanted {
            kind: ReminderKind::KeepInTouch,
            interview_id: None,
            tip_id: None,
            due_at: rules::keep_in_touch_due(clock, last, settings),
        });
    }
    Ok(wanted)
}

/// Brings the stored reminders of a person in line with what the rules want.
fn reconcile(
    conn: &Connection,
    clock: &dyn Clock,
    person_id: i64,
    wanted: &[Wanted],
) -> Result<()> {
    // Reminders of interviews in the trash are left as they are, for a restore.
    let existing = collect(
        conn,
        "SELECT r.id, r.kind, r.interview_id, r.tip_id, r.due_at, r.done_at IS NOT NULL
         FROM reminders r LEFT JOIN interviews i ON i.id = r.interview_id
         WHERE r.person_id = ?1 AND (i.id IS NULL OR i.deleted_at IS NULL)
         ORDER BY r.id",
        [person_id],
        |row| {
            Ok(Existing {
                id: row.get(0)?,
                kind: row.get(1)?,
                interview_id: row.get(2)?,
                tip_id: row.get(3)?,
                due_at: row.get(4)?,
                done: row.get(5)?,
            })
        },
    )?;
    let same = |w: &Wanted, e: &Existing| {
        w.kind == e.kind && w.interview_id == e.interview_id && w.tip_id == e.tip_id
    };
    let mut kept = Vec::new();
    for want in wanted {
        if let Some(open) = existing
            .iter()
            .find(|e| !e.done && same(want, e) && !kept.contains(&e.id))
        {
            kept.push(open.id);
            if open.due_at != want.due_at {
                // Moved: it is due at its new time and will be shown then.
                conn.execute(
                    "UPDATE reminders SET due_at = ?2, snoozed_until = NULL, notified_at = NULL
                     WHERE id = ?1",
                    (open.id, want.due_at),
                )?;
            }
        } else if !existing
            .iter()
            .any(|e| e.done && same(want, e) && e.due_at == want.due_at)
        {
            conn.execute(
                "INSERT INTO reminders (kind, person_id, interview_id, tip_id, due_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![
                    want.kind,
                    person_id,
                    want.interview_id,
                    want.tip_id,
                    want.due_at,
                    clock.now()
                ],
            )?;
        }
    }
    for stale in existing.iter().filter(|e| !e.done && !kept.contains(&e.id)) {
        conn.execute("DELETE FROM reminders WHERE id = ?1", [stale.id])?;
    }
    Ok(())
}

fn local_date(clock: &dyn Clock, at: DateTime<Utc>) -> NaiveDate {
    clock.utc_to_local(at).date()
}
