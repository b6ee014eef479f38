//! Reminders: the table the rules fill (see `reminder_sync`), and what Today, the tray, the
//! scheduler and notifications do with it: list what is due, claim it to notify it once, snooze
//! it, finish it.

use std::time::Duration as SleepDuration;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::error::{Error, OptionalRow, Result};
use crate::interviews;
use crate::live;
use crate::reminder_rules::{self as rules, Snooze};
use crate::reminder_sync;
use crate::settings;
use crate::stage::Stage;
use crate::store::{collect, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    ThankYou,
    ThankYouFinal,
    Tip,
    FollowUpNote,
    #[serde(rename = "no_response_3")]
    NoResponse3,
    #[serde(rename = "no_response_7")]
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

    /// Whether this is the last, stronger kind of reminder (shown as urgent).
    pub fn is_urgent(self) -> bool {
        matches!(
            self,
            ReminderKind::ThankYouFinal | ReminderKind::NoResponse7
        )
    }

    /// What finishing it is called on its button: sending something, or just done.
    pub fn done_label(self) -> &'static str {
        match self {
            ReminderKind::ThankYou | ReminderKind::ThankYouFinal | ReminderKind::FollowUpNote => {
                "Mark sent"
            }
            _ => "Done",
        }
    }

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

/// A reminder as Today, the tray and a notification show it.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    pub id: i64,
    pub kind: ReminderKind,
    /// What to do, naming the person: "Send your thank-you note to Dana Whitfield".
    pub text: String,
    /// The context that helps do it: "You met yesterday at 14:00."
    pub detail: String,
    /// "Mark sent" or "Done".
    pub done_label: &'static str,
    pub person_id: Option<i64>,
    pub person_name: String,
    pub interview_id: Option<i64>,
    pub tip_id: Option<i64>,
    pub due_at: DateTime<Utc>,
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Due on an earlier day than today: it stands out.
    pub overdue: bool,
    pub urgent: bool,
}

impl Reminder {
    /// [`Reminder::text`] with the person's name between Unicode isolates, for plain-text
    /// places such as the tray menu: a right-to-left or mixed-direction name then cannot
    /// reorder the words around it.
    pub fn text_with_isolated_name(&self) -> String {
        if self.person_name.is_empty() {
            return self.text.clone();
        }
        self.kind.describe(&isolate(&self.person_name))
    }
}

/// `text` between FIRST STRONG ISOLATE (U+2068) and POP DIRECTIONAL ISOLATE (U+2069): laid out
/// in its own direction, as one unit within the text around it.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// What one wake-up of the scheduler found.
#[derive(Debug, Clone)]
pub struct Tick {
    /// Reminders that fell due and are now claimed: show them, once.
    pub claimed: Vec<Reminder>,
    /// Live-mode cues that fell due and are now claimed: post them, once. Quiet hours do not
    /// hold them back: the user is in the conversation.
    pub cues: Vec<live::Cue>,
    /// How long to sleep before the next look: until the next reminder or live-mode cue is due
    /// (or the quiet hours end), never longer than [`MAX_SLEEP`].
    pub sleep: SleepDuration,
}

/// The scheduler looks at the wall clock at least this often: a suspended machine stops
/// monotonic timers, and the user may change the clock or the time zone.
pub const MAX_SLEEP: SleepDuration = SleepDuration::from_secs(60);

const SELECT: &str = "SELECT r.id, r.kind, COALESCE(p.name, ''), p.id, r.interview_id, r.tip_id,
        r.due_at, r.snoozed_until, i.scheduled_at, i.ended_at, i.request_date, t.text,
        (SELECT max(at) FROM contacts c WHERE c.person_id = p.id)
     FROM reminders r
     LEFT JOIN interviews i ON i.id = r.interview_id
     LEFT JOIN people p ON p.id = COALESCE(r.person_id, i.person_id)
     LEFT JOIN tips t ON t.id = r.tip_id";

/// [`SELECT`] reading only the open reminders shown by now, through their index: ordered by due
/// time, the planner would otherwise walk every open reminder, most of them in the future
/// (100 ms → under 1 ms for Today at 100,000 reminders).
const SELECT_SHOWN: &str =
    "SELECT r.id, r.kind, COALESCE(p.name, ''), p.id, r.interview_id, r.tip_id,
        r.due_at, r.snoozed_until, i.scheduled_at, i.ended_at, i.request_date, t.text,
        (SELECT max(at) FROM contacts c WHERE c.person_id = p.id)
     FROM reminders r INDEXED BY reminders_open_by_shown
     LEFT JOIN interviews i ON i.id = r.interview_id
     LEFT JOIN people p ON p.id = COALESCE(r.person_id, i.person_id)
     LEFT JOIN tips t ON t.id = r.tip_id";

/// The scheduler's claim: marks every due, not yet notified reminder notified at `?1` and
/// returns their ids. Reminders about someone or an interview in the trash wait. The partial
/// index on what is left to notify is named: the planner would otherwise pick the wider index of
/// open reminders and read every one already shown (0.1 ms → 36 ms at 100,000 reminders).
pub const CLAIM_SQL: &str = "UPDATE reminders SET notified_at = ?1 WHERE id IN (
     SELECT r.id FROM reminders r INDEXED BY reminders_to_notify
     LEFT JOIN interviews i ON i.id = r.interview_id
     LEFT JOIN people p ON p.id = COALESCE(r.person_id, i.person_id)
     WHERE r.done_at IS NULL
       AND (p.id IS NULL OR p.deleted_at IS NULL)
       AND (i.id IS NULL OR i.deleted_at IS NULL)
       AND r.notified_at IS NULL
       AND COALESCE(r.snoozed_until, r.due_at) <= ?1)
     RETURNING id";

/// When the next reminder left to notify falls due, after `?1`. Those due already but waiting
/// (their person is in the trash) are skipped.
pub const NEXT_DUE_SQL: &str = "SELECT min(COALESCE(snoozed_until, due_at))
     FROM reminders INDEXED BY reminders_to_notify
     WHERE done_at IS NULL AND notified_at IS NULL
       AND COALESCE(snoozed_until, due_at) > ?1";

/// Reminders that may be shown: not done, and neither their person nor interview in the trash.
const LIVE: &str = "r.done_at IS NULL
     AND (p.id IS NULL OR p.deleted_at IS NULL)
     AND (i.id IS NULL OR i.deleted_at IS NULL)";

impl Store {
    /// Open reminders that are due now (a snoozed one when its snooze ends), oldest first. Those
    /// about someone in the trash wait with them. A reminder about an interview is about its
    /// person even when it names no person itself.
    pub fn due_reminders(&self) -> Result<Vec<Reminder>> {
        self.read(|conn, clock| {
            let sql = format!(
                "{SELECT_SHOWN} WHERE {LIVE} AND COALESCE(r.snoozed_until, r.due_at) <= ?1
                 ORDER BY r.due_at, r.id"
            );
            collect(conn, &sql, [clock.now()], |row| {
                reminder_from_row(row, clock)
            })
        })
    }

    /// How many reminders are due now, and the first `limit` of them: what the tray shows.
    pub fn due_overview(&self, limit: usize) -> Result<(usize, Vec<Reminder>)> {
        self.read(|conn, clock| {
            let now = clock.now();
            let count: i64 = conn.query_row(
                &format!(
                    "SELECT count(*) FROM reminders r INDEXED BY reminders_open_by_shown
                     LEFT JOIN interviews i ON i.id = r.interview_id
                     LEFT JOIN people p ON p.id = COALESCE(r.person_id, i.person_id)
                     WHERE {LIVE} AND COALESCE(r.snoozed_until, r.due_at) <= ?1"
                ),
                [now],
                |row| row.get(0),
            )?;
            let sql = format!(
                "{SELECT_SHOWN} WHERE {LIVE} AND COALESCE(r.snoozed_until, r.due_at) <= ?1
                 ORDER BY r.due_at, r.id LIMIT ?2"
            );
            let first = collect(conn, &sql, (now, limit as i64), |row| {
                reminder_from_row(row, clock)
            })?;
            Ok((count as usize, first))
        })
    }

    /// Every open reminder not yet due, soonest first: what is coming.
    pub fn upcoming_reminders(&self, limit: usize) -> Result<Vec<Reminder>> {
        self.read(|conn, clock| {
            let sql = format!(
                "{SELECT} WHERE {LIVE} AND COALESCE(r.snoozed_until, r.due_at) > ?1
                 ORDER BY COALESCE(r.snoozed_until, r.due_at) LIMIT ?2"
            );
            collect(conn, &sql, (clock.now(), limit as i64), |row| {
                reminder_from_row(row, clock)
            })
        })
    }

    /// The scheduler's step: claims every reminder that is due and not yet notified, unless it
    /// is quiet hours, and says how long to sleep. Claiming marks `notified_at` in one
    /// `BEGIN IMMEDIATE` transaction, so a reminder is handed out once, even to two processes.
    pub fn tick(&mut self) -> Result<Tick> {
        self.write(|tx, clock| {
            let now = clock.now();
            let settings = settings::read(tx)?;
            let mut claimed = Vec::new();
            if !rules::is_quiet(clock, now, &settings) {
                let ids: Vec<i64> = collect(tx, CLAIM_SQL, [now], |row| row.get(0))?;
                for id in ids {
                    claimed.push(reminder_by_id(tx, clock, id)?);
                }
                claimed.sort_by_key(|r| (r.due_at, r.id));
            }
            let (cues, next_cue) = live::claim_due_cues(tx, clock)?;
            let next: Option<DateTime<Utc>> =
                tx.query_row(NEXT_DUE_SQL, [now], |row| row.get(0))?;
            let wake = if rules::is_quiet(clock, now, &settings) {
                rules::shown_at(clock, now, &settings)
            } else {
                next.map_or(now + Duration::seconds(60), |at| {
                    rules::shown_at(clock, at, &settings)
                })
            };
            let wake = next_cue.map_or(wake, |cue| wake.min(cue));
            let sleep = (wake - now)
                .to_std()
                .unwrap_or(SleepDuration::ZERO)
                .clamp(SleepDuration::from_secs(1), MAX_SLEEP);
            Ok(Tick {
                claimed,
                cues,
                sleep,
            })
        })
    }

    /// Puts a reminder off: it comes back, and is shown again, when the snooze ends.
    pub fn snooze_reminder(&mut self, id: i64, snooze: Snooze) -> Result<DateTime<Utc>> {
        self.write(|tx, clock| {
            open(tx, id)?;
            let until = rules::snooze_until(clock, clock.now(), snooze);
            tx.execute(
                "UPDATE reminders SET snoozed_until = ?2, notified_at = NULL WHERE id = ?1",
                (id, until),
            )?;
            Ok(until)
        })
    }

    /// Snoozes every reminder that is due now; returns how many.
    pub fn snooze_all_due(&mut self, snooze: Snooze) -> Result<usize> {
        self.write(|tx, clock| {
            let now = clock.now();
            let until = rules::snooze_until(clock, now, snooze);
            let changed = tx.execute(
                &format!(
                    "UPDATE reminders SET snoozed_until = ?2, notified_at = NULL WHERE id IN (
                         SELECT r.id FROM reminders r
                         LEFT JOIN interviews i ON i.id = r.interview_id
                         LEFT JOIN people p ON p.id = COALESCE(r.person_id, i.person_id)
                         WHERE {LIVE} AND COALESCE(r.snoozed_until, r.due_at) <= ?1)"
                ),
                (now, until),
            )?;
            Ok(changed)
        })
    }

    /// Finishes a reminder, with what finishing it means: a thank-you or follow-up note is
    /// marked sent (the interview moves on), a tip is followed up, keeping in touch logs a
    /// contact. The reminders that hang on it follow.
    pub fn complete_reminder(&mut self, id: i64) -> Result<()> {
        self.write(|tx, clock| {
            let OpenReminder {
                kind,
                person,
                interview,
                tip,
            } = open(tx, id)?;
            let now = clock.now();
            tx.execute("UPDATE reminders SET done_at = ?2 WHERE id = ?1", (id, now))?;
            match (kind, interview, tip) {
                (ReminderKind::ThankYou | ReminderKind::ThankYouFinal, Some(interview), _) => {
                    interviews::advance_to(tx, clock, interview, Stage::Thanked)?;
                }
                (ReminderKind::FollowUpNote, Some(interview), _) => {
                    interviews::advance_to(tx, clock, interview, Stage::FollowedUp)?;
                }
                (ReminderKind::Tip, _, Some(tip)) => {
                    tx.execute(
                        "UPDATE tips SET done_at = COALESCE(done_at, ?2) WHERE id = ?1",
                        (tip, now),
                    )?;
                }
                (ReminderKind::KeepInTouch, _, _) => {
                    if let Some(person) = person {
                        crate::contacts::record(tx, person, now, "Kept in touch")?;
                    }
                }
                _ => {}
            }
            if let Some(person) = person {
                reminder_sync::sync_person(tx, clock, person)?;
            }
            Ok(())
        })
    }
}

/// What an open reminder is about.
struct OpenReminder {
    kind: ReminderKind,
    person: Option<i64>,
    interview: Option<i64>,
    tip: Option<i64>,
}

/// An open reminder; an error if it is done or gone.
fn open(conn: &Connection, id: i64) -> Result<OpenReminder> {
    let (reminder, done) = conn
        .query_row(
            "SELECT r.kind, COALESCE(r.person_id, i.person_id), r.interview_id, r.tip_id,
                    r.done_at IS NOT NULL
             FROM reminders r LEFT JOIN interviews i ON i.id = r.interview_id WHERE r.id = ?1",
            [id],
            |row| {
                let reminder = OpenReminder {
                    kind: row.get(0)?,
                    person: row.get(1)?,
                    interview: row.get(2)?,
                    tip: row.get(3)?,
                };
                Ok((reminder, row.get::<_, bool>(4)?))
            },
        )
        .or_not_found("reminder")?;
    if done {
        return Err(Error::invalid("reminder", "This reminder is already done."));
    }
    Ok(reminder)
}

fn reminder_by_id(conn: &Connection, clock: &dyn Clock, id: i64) -> Result<Reminder> {
    conn.query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], |row| {
        reminder_from_row(row, clock)
    })
    .or_not_found("reminder")
}

fn reminder_from_row(row: &rusqlite::Row<'_>, clock: &dyn Clock) -> rusqlite::Result<Reminder> {
    let kind: ReminderKind = row.get(1)?;
    let person_name: String = row.get(2)?;
    let due_at: DateTime<Utc> = row.get(6)?;
    let scheduled: Option<DateTime<Utc>> = row.get(8)?;
    let ended: Option<DateTime<Utc>> = row.get(9)?;
    let requested: Option<NaiveDate> = row.get(10)?;
    let tip: Option<String> = row.get(11)?;
    let last_contact: Option<DateTime<Utc>> = row.get(12)?;
    let today = clock.today();
    let detail = match kind {
        ReminderKind::ThankYou | ReminderKind::ThankYouFinal => scheduled
            .or(ended)
            .map(|at| format!("You met {}.", when(clock, at, today)))
            .unwrap_or_default(),
        ReminderKind::Tip => tip.map(|t| format!("Their tip: {t}")).unwrap_or_default(),
        ReminderKind::FollowUpNote => "Every tip they gave you is followed up.".to_owned(),
        ReminderKind::NoResponse3 | ReminderKind::NoResponse7 => requested
            .map(|d| format!("You asked for an interview on {}.", d.format("%a %-d %b")))
            .unwrap_or_default(),
        ReminderKind::KeepInTouch => last_contact
            .map(|at| format!("Last logged contact {}.", when(clock, at, today)))
            .unwrap_or_else(|| "It has been a while since your interview.".to_owned()),
    };
    Ok(Reminder {
        id: row.get(0)?,
        kind,
        text: kind.describe(&person_name),
        detail,
        done_label: kind.done_label(),
        person_id: row.get(3)?,
        person_name,
        interview_id: row.get(4)?,
        tip_id: row.get(5)?,
        due_at,
        snoozed_until: row.get(7)?,
        overdue: clock.utc_to_local(due_at).date() < today,
        urgent: kind.is_urgent(),
    })
}

/// "today at 14:00", "yesterday at 14:00", "on Wed 25 Nov at 14:00", in the user's zone.
fn when(clock: &dyn Clock, at: DateTime<Utc>, today: NaiveDate) -> String {
    let local = clock.utc_to_local(at);
    let time = local.format("%H:%M");
    let days = (today - local.date()).num_days();
    match days {
        0 => format!("today at {time}"),
        1 => format!("yesterday at {time}"),
        _ => format!("on {} at {time}", local.format("%a %-d %b")),
    }
}
