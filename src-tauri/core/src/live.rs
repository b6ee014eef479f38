//! Live mode: the interview's timer, the "offer them an out" cue two minutes before the planned
//! end, and ending it, which records the real length and moves the interview to *done*.
//!
//! The timer is stored as instants (when the current run started, what earlier runs added up
//! to), never as a count kept in memory, so closing the window or killing the app mid-interview
//! loses nothing: the time goes on, as the conversation did.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::clock::Clock;
use crate::error::{Error, OptionalRow, Result};
use crate::interviews;
use crate::reminder_sync;
use crate::stage::Stage;
use crate::store::Store;

/// The cue comes this many seconds before the planned end.
pub const CUE_LEAD_SECONDS: i64 = 2 * 60;

/// The longest real length recorded; a timer left running longer was forgotten.
pub const ACTUAL_MAX_MINUTES: i64 = 600;

/// Live mode's timer as of now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LiveState {
    /// The timer was started at least once.
    pub started: bool,
    /// The timer is running now (started, not paused, not ended).
    pub running: bool,
    pub paused: bool,
    /// The interview was ended in live mode.
    pub ended: bool,
    /// The time talked so far, pauses left out, computed from the clock.
    pub elapsed_seconds: i64,
    pub planned_minutes: i64,
    /// How far into the interview the cue is due: the planned length less two minutes.
    pub cue_at_seconds: i64,
    /// Whether it is time to offer them an out.
    pub cue_due: bool,
    /// Whether the cue was shown already (it is shown once).
    pub cue_shown: bool,
}

/// What ending the interview recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ended {
    /// The real length in whole minutes, rounded up, at least 1.
    pub actual_minutes: i64,
    pub ended_at: DateTime<Utc>,
    /// Whether the person is (now) a warm contact.
    pub person_warm: bool,
}

/// The timer columns of one interview.
struct Timer {
    person_id: i64,
    stage: Stage,
    planned_minutes: i64,
    run_started_at: Option<DateTime<Utc>>,
    paused_at: Option<DateTime<Utc>>,
    elapsed_before: i64,
    cue_shown_at: Option<DateTime<Utc>>,
    ended_at: Option<DateTime<Utc>>,
}

impl Timer {
    fn read(conn: &Connection, id: i64) -> Result<Timer> {
        let (person_id, stage) = interviews::live(conn, id)?;
        conn.query_row(
            "SELECT planned_minutes, live_started_at, live_paused_at, live_elapsed_seconds,
                    cue_shown_at, ended_at
             FROM interviews WHERE id = ?1",
            [id],
            |row| {
                Ok(Timer {
                    person_id,
                    stage,
                    planned_minutes: row.get(0)?,
                    run_started_at: row.get(1)?,
                    paused_at: row.get(2)?,
                    elapsed_before: row.get(3)?,
                    cue_shown_at: row.get(4)?,
                    ended_at: row.get(5)?,
                })
            },
        )
        .or_not_found("interview")
    }

    fn started(&self) -> bool {
        self.run_started_at.is_some()
    }

    fn running(&self) -> bool {
        self.started() && self.paused_at.is_none() && self.ended_at.is_none()
    }

    /// Seconds talked by `now`. A clock set back during a run adds nothing rather than
    /// taking time away.
    fn elapsed(&self, now: DateTime<Utc>) -> i64 {
        let current_run = match self.run_started_at {
            Some(start) if self.running() => (now - start).num_seconds().max(0),
            _ => 0,
        };
        self.elapsed_before + current_run
    }

    fn state(&self, now: DateTime<Utc>) -> LiveState {
        let elapsed_seconds = self.elapsed(now);
        let cue_at_seconds = (self.planned_minutes * 60 - CUE_LEAD_SECONDS).max(0);
        LiveState {
            started: self.started(),
            running: self.running(),
            paused: self.started() && self.paused_at.is_some() && self.ended_at.is_none(),
            ended: self.ended_at.is_some(),
            elapsed_seconds,
            planned_minutes: self.planned_minutes,
            cue_at_seconds,
            cue_due: self.started() && elapsed_seconds >= cue_at_seconds,
            cue_shown: self.cue_shown_at.is_some(),
        }
    }

    /// Refuses to work the timer of an interview that live mode already ended.
    fn not_ended(&self) -> Result<()> {
        if self.ended_at.is_some() {
            return Err(Error::invalid(
                "live",
                "This interview has already ended; its length is recorded.",
            ));
        }
        Ok(())
    }
}

/// A live-mode cue that fell due and was claimed: post it, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub interview_id: i64,
    pub person_name: String,
}

/// The scheduler's claim of the cues: every running timer whose cue is due by now is marked
/// shown and returned, whatever the window does (a hidden or occluded page's timers are
/// throttled, so the window alone delivered it a minute late). Also says when the next cue of a
/// running timer falls due, so the scheduler wakes for it. A cue whose conversation is already
/// past its planned end (a timer left running while the app was closed) is marked shown
/// without being returned: it would come too late to help.
pub(crate) fn claim_due_cues(
    tx: &Connection,
    clock: &dyn Clock,
) -> Result<(Vec<Cue>, Option<DateTime<Utc>>)> {
    let now = clock.now();
    let mut statement = tx.prepare(
        "SELECT i.id, p.name, i.planned_minutes, i.live_started_at, i.live_elapsed_seconds
         FROM interviews i JOIN people p ON p.id = i.person_id
         WHERE i.live_started_at IS NOT NULL AND i.live_paused_at IS NULL
           AND i.ended_at IS NULL AND i.cue_shown_at IS NULL
           AND i.deleted_at IS NULL AND p.deleted_at IS NULL",
    )?;
    let running: Vec<(i64, String, i64, DateTime<Utc>, i64)> = statement
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut cues = Vec::new();
    let mut next: Option<DateTime<Utc>> = None;
    for (id, person_name, planned_minutes, run_started_at, elapsed_before) in running {
        let cue_at = (planned_minutes * 60 - CUE_LEAD_SECONDS).max(0);
        let due = run_started_at + chrono::Duration::seconds(cue_at - elapsed_before);
        if due > now {
            next = Some(next.map_or(due, |n| n.min(due)));
            continue;
        }
        let changed = tx.execute(
            "UPDATE interviews SET cue_shown_at = ?2 WHERE id = ?1 AND cue_shown_at IS NULL",
            (id, now),
        )?;
        let planned_end = due + chrono::Duration::seconds(CUE_LEAD_SECONDS);
        if changed == 1 && now < planned_end {
            cues.push(Cue {
                interview_id: id,
                person_name,
            });
        }
    }
    Ok((cues, next))
}

/// The live-mode timer of an interview, as of now.
pub(crate) fn state(conn: &Connection, clock: &dyn Clock, id: i64) -> Result<LiveState> {
    Ok(Timer::read(conn, id)?.state(clock.now()))
}

impl Store {
    /// Starts the timer of an interview that has not happened yet.
    pub fn start_live(&mut self, id: i64) -> Result<LiveState> {
        self.write(|tx, clock| {
            let timer = Timer::read(tx, id)?;
            timer.not_ended()?;
            if timer.started() {
                return Err(Error::invalid(
                    "live",
                    "The timer has already started. Resume it instead.",
                ));
            }
            if Stage::CLOSED.contains(&timer.stage) {
                return Err(Error::invalid(
                    "live",
                    "This interview is closed (declined, no response or cancelled). Move it \
                     back into the pipeline before you start it.",
                ));
            }
            if stage_position(timer.stage) >= stage_position(Stage::Done) {
                return Err(Error::invalid(
                    "live",
                    "This interview is already done. Start a new interview to meet again.",
                ));
            }
            let now = clock.now();
            tx.execute(
                "UPDATE interviews SET live_started_at = ?2, live_paused_at = NULL,
                     live_elapsed_seconds = 0, updated_at = ?2
                 WHERE id = ?1",
                (id, now),
            )?;
            state(tx, clock, id)
        })
    }

    /// Pauses a running timer; the time paused does not count.
    pub fn pause_live(&mut self, id: i64) -> Result<LiveState> {
        self.write(|tx, clock| {
            let timer = Timer::read(tx, id)?;
            timer.not_ended()?;
            if !timer.running() {
                return Err(Error::invalid("live", "The timer is not running."));
            }
            let now = clock.now();
            tx.execute(
                "UPDATE interviews SET live_elapsed_seconds = ?2, live_paused_at = ?3,
                     updated_at = ?3
                 WHERE id = ?1",
                (id, timer.elapsed(now), now),
            )?;
            state(tx, clock, id)
        })
    }

    /// Starts a paused timer again.
    pub fn resume_live(&mut self, id: i64) -> Result<LiveState> {
        self.write(|tx, clock| {
            let timer = Timer::read(tx, id)?;
            timer.not_ended()?;
            if timer.paused_at.is_none() {
                let message = if timer.started() {
                    "The timer is already running."
                } else {
                    "Start the timer first."
                };
                return Err(Error::invalid("live", message));
            }
            tx.execute(
                "UPDATE interviews SET live_started_at = ?2, live_paused_at = NULL,
                     updated_at = ?2
                 WHERE id = ?1",
                (id, clock.now()),
            )?;
            state(tx, clock, id)
        })
    }

    /// The timer of an interview as of now. The window asks every second; the shell asks to
    /// know when to post the cue's notification.
    pub fn live_state(&self, id: i64) -> Result<LiveState> {
        self.read(|conn, clock| state(conn, clock, id))
    }

    /// Records that the cue was shown, and says whether this call was the first to do so: the
    /// window and the notification both ask, and only the first shows it, also after a restart.
    pub fn mark_cue_shown(&mut self, id: i64) -> Result<bool> {
        self.write(|tx, clock| {
            let timer = Timer::read(tx, id)?;
            if !timer.started() {
                return Err(Error::invalid("live", "Start the timer first."));
            }
            let changed = tx.execute(
                "UPDATE interviews SET cue_shown_at = ?2 WHERE id = ?1 AND cue_shown_at IS NULL",
                (id, clock.now()),
            )?;
            Ok(changed == 1)
        })
    }

    /// Ends the interview: records the real length (whole minutes, rounded up) and the end,
    /// moves it to *done* so the thank-you reminder appears, due a day after this end, and
    /// marks the person warm if it ran 45 minutes or more.
    pub fn end_live(&mut self, id: i64) -> Result<Ended> {
        self.write(|tx, clock| {
            let timer = Timer::read(tx, id)?;
            timer.not_ended()?;
            if !timer.started() {
                return Err(Error::invalid("live", "Start the timer first."));
            }
            let now = clock.now();
            let elapsed = timer.elapsed(now);
            let actual_minutes = ((elapsed + 59) / 60).clamp(1, ACTUAL_MAX_MINUTES);
            tx.execute(
                "UPDATE interviews SET live_elapsed_seconds = ?2, live_paused_at = NULL,
                     ended_at = ?3, actual_minutes = ?4, updated_at = ?3
                 WHERE id = ?1",
                (id, elapsed, now, actual_minutes),
            )?;
            if stage_position(timer.stage) < stage_position(Stage::Done) {
                interviews::advance_to(tx, clock, id, Stage::Done)?;
            }
            interviews::mark_warm_if_long(tx, timer.person_id, actual_minutes)?;
            reminder_sync::sync_person(tx, clock, timer.person_id)?;
            let person_warm = tx.query_row(
                "SELECT warm FROM people WHERE id = ?1",
                [timer.person_id],
                |row| row.get(0),
            )?;
            Ok(Ended {
                actual_minutes,
                ended_at: now,
                person_warm,
            })
        })
    }
}

/// Where `stage` is on the method's main line; the early endings come after all of it.
fn stage_position(stage: Stage) -> usize {
    Stage::MAIN_LINE
        .iter()
        .position(|s| *s == stage)
        .unwrap_or(Stage::MAIN_LINE.len())
}
