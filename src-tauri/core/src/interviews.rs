//! Informational interviews and their way through the pipeline.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

use crate::after::{self, Insight};
use crate::clock::Clock;
use crate::error::{Error, OptionalRow, Result};
use crate::live::{self, LiveState};
use crate::lookups::Lookup;
use crate::people;
use crate::prep::{self, Prep, Readiness};
use crate::questions::{self, PreparedQuestion};
use crate::reminder_rules::{self, Responsiveness};
use crate::reminder_sync;
use crate::search;
use crate::settings;
use crate::stage::{Direction, Stage};
use crate::store::{collect, Store};
use crate::tips::{self, Tip};
use crate::validate;

/// What the interview form sends.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InterviewInput {
    pub field: String,
    /// The day the interview was asked for, "YYYY-MM-DD", or empty.
    pub request_date: Option<String>,
    pub request_message: String,
    /// The start, as the user's wall-clock time "YYYY-MM-DDTHH:MM", or empty.
    pub scheduled_local: Option<String>,
    pub medium: String,
    pub place: String,
    pub planned_minutes: i64,
    pub actual_minutes: Option<i64>,
    pub notes: String,
}

/// An interview with everything its page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Interview {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub organisation: String,
    pub field: String,
    pub stage: Stage,
    pub request_date: Option<NaiveDate>,
    pub request_message: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// `scheduled_at` as the user's wall-clock time "YYYY-MM-DDTHH:MM", for the form.
    pub scheduled_local: Option<String>,
    pub medium: String,
    pub place: String,
    pub planned_minutes: i64,
    pub actual_minutes: Option<i64>,
    pub notes: String,
    pub stage_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub questions: Vec<PreparedQuestion>,
    pub history: Vec<StageEvent>,
    /// The person's e-mail address, where drafts go.
    pub person_email: String,
    /// Whether the person is a warm contact (an interview with them ran 45 minutes or more).
    pub person_warm: bool,
    /// The day the person replied to the request.
    pub reply_date: Option<NaiveDate>,
    /// How quickly they answered the request (3B7: boosters answer within 3 business days).
    pub responsiveness: Option<Responsiveness>,
    /// When the interview ended, as live mode recorded it.
    pub ended_at: Option<DateTime<Utc>>,
    /// Whether they asked for the resume: unknown until the user says.
    pub resume_asked: Option<bool>,
    /// Whether the business card's details were copied into the person.
    pub card_captured: bool,
    pub thank_you_sent_at: Option<DateTime<Utc>>,
    /// The insight the thank-you note mentions; empty for the first insight noted.
    pub insight_to_mention: String,
    /// The preparation checklist as the user filled it in.
    pub prep: Prep,
    /// What the checklist still misses.
    pub readiness: Readiness,
    /// Live mode's timer, as of now.
    pub live: LiveState,
    pub insights: Vec<Insight>,
    pub tips: Vec<Tip>,
    /// The people this person suggested talking to, each added as a person of their own.
    pub referrals: Vec<after::Referred>,
}

/// An interview as a card: on the pipeline board, a person's page and Today.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewCard {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub organisation: String,
    pub stage: Stage,
    pub request_date: Option<NaiveDate>,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub planned_minutes: i64,
    pub medium: String,
    pub stage_changed_at: DateTime<Utc>,
}

/// What the Pipeline page shows: the first cards of every stage, and how many each holds.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineBoard {
    /// Stage by stage (the main line, then the early endings), most recently moved first.
    pub cards: Vec<InterviewCard>,
    /// Every stage that holds an interview, with how many.
    pub totals: Vec<StageTotal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageTotal {
    pub stage: Stage,
    pub count: usize,
}

/// How many cards a stage shows on the Pipeline page; the rest are counted.
pub const PIPELINE_PER_STAGE: usize = 25;

/// One step of an interview's history.
#[derive(Debug, Clone, Serialize)]
pub struct StageEvent {
    pub stage: Stage,
    pub at: DateTime<Utc>,
}

pub const PLANNED_MIN: i64 = 5;
pub const PLANNED_MAX: i64 = 240;

struct CleanInterview {
    field: String,
    request_date: Option<NaiveDate>,
    request_message: String,
    scheduled_at: Option<DateTime<Utc>>,
    medium: String,
    place: String,
    planned_minutes: i64,
    actual_minutes: Option<i64>,
    notes: String,
}

impl InterviewInput {
    fn clean(&self, clock: &dyn Clock) -> Result<CleanInterview> {
        let actual_minutes = self
            .actual_minutes
            .map(|m| validate::minutes("actual_minutes", "The real length", m, 1, 600))
            .transpose()?;
        Ok(CleanInterview {
            field: validate::text("field", "The field", &self.field, 80)?,
            request_date: validate::date(
                "request_date",
                "The request date",
                self.request_date.as_deref(),
            )?,
            request_message: validate::text(
                "request_message",
                "The request message",
                &self.request_message,
                5_000,
            )?,
            scheduled_at: validate::local_datetime(
                clock,
                "scheduled_local",
                "The start",
                self.scheduled_local.as_deref(),
            )?,
            medium: validate::text("medium", "The medium", &self.medium, 40)?,
            place: validate::text("place", "The place or link", &self.place, 300)?,
            planned_minutes: validate::minutes(
                "planned_minutes",
                "The planned length",
                self.planned_minutes,
                PLANNED_MIN,
                PLANNED_MAX,
            )?,
            actual_minutes,
            notes: validate::text("notes", "The notes", &self.notes, people::NOTES_MAX)?,
        })
    }
}

const CARD_COLUMNS: &str = "i.id, i.person_id, p.name, COALESCE(o.name, ''), i.stage,
     i.request_date, i.scheduled_at, i.planned_minutes, i.medium, i.stage_changed_at";
const CARD_FROM: &str = "FROM interviews i
     JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
     LEFT JOIN organisations o ON o.id = p.organisation_id";

impl Store {
    /// Starts a new interview with a person, at the first stage of the method, planned for the
    /// default length from Settings.
    pub fn create_interview(&mut self, person_id: i64) -> Result<i64> {
        self.write(|tx, clock| {
            people::ensure_live(tx, person_id)?;
            insert(tx, clock, person_id)
        })
    }

    /// Replaces an interview's details (not its stage: see [`Store::move_interview`]).
    pub fn update_interview(&mut self, id: i64, input: &InterviewInput) -> Result<()> {
        let clean = input.clean(self.clock())?;
        self.write(|tx, clock| {
            let now = clock.now();
            let (person_id, stage) = live(tx, id)?;
            if stage == Stage::Scheduled && clean.scheduled_at.is_none() {
                return Err(Error::invalid(
                    "scheduled_local",
                    "A scheduled interview needs its date and time. To unschedule it, move it back a stage first.",
                ));
            }
            let field_id = Lookup::TargetFields.find_or_create(tx, &clean.field, now)?;
            tx.execute(
                "UPDATE interviews SET field_id = ?2, request_date = ?3, request_message = ?4,
                     scheduled_at = ?5, medium = ?6, place = ?7, planned_minutes = ?8,
                     actual_minutes = ?9, notes = ?10, updated_at = ?11
                 WHERE id = ?1",
                rusqlite::params![
                    id,
                    field_id,
                    clean.request_date,
                    clean.request_message,
                    clean.scheduled_at,
                    clean.medium,
                    clean.place,
                    clean.planned_minutes,
                    clean.actual_minutes,
                    clean.notes,
                    now
                ],
            )?;
            if let Some(minutes) = clean.actual_minutes {
                mark_warm_if_long(tx, person_id, minutes)?;
            }
            search::reindex_person(tx, person_id)?;
            reminder_sync::sync_person(tx, clock, person_id)
        })
    }

    /// Saves just the notes of an interview. Live mode calls it as the user types, so it
    /// touches nothing else: an answer, the timer or a form saved at the same moment is never
    /// overwritten by an older copy.
    pub fn save_interview_notes(&mut self, id: i64, notes: &str) -> Result<()> {
        let notes = validate::text("notes", "The notes", notes, people::NOTES_MAX)?;
        self.write(|tx, clock| {
            let (person_id, _) = live(tx, id)?;
            tx.execute(
                "UPDATE interviews SET notes = ?2, updated_at = ?3 WHERE id = ?1",
                (id, &notes, clock.now()),
            )?;
            search::reindex_person(tx, person_id)
        })
    }

    /// An interview's page.
    pub fn interview(&self, id: i64) -> Result<Interview> {
        self.read(|conn, clock| {
            let mut interview = conn
                .query_row(
                    "SELECT i.id, i.person_id, p.name, COALESCE(o.name, ''), COALESCE(f.name, ''),
                            i.stage, i.request_date, i.request_message, i.scheduled_at, i.medium,
                            i.place, i.planned_minutes, i.actual_minutes, i.notes,
                            i.stage_changed_at, i.created_at, i.updated_at,
                            p.email, p.warm, i.reply_date, i.ended_at, i.resume_asked,
                            i.card_captured, i.thank_you_sent_at, i.insight_to_mention,
                            i.prep_resume_ready, i.prep_dress, i.prep_opening_line,
                            i.resume_version
                     FROM interviews i
                     JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
                     LEFT JOIN organisations o ON o.id = p.organisation_id
                     LEFT JOIN target_fields f ON f.id = i.field_id
                     WHERE i.id = ?1 AND i.deleted_at IS NULL",
                    [id],
                    interview_from_row,
                )
                .or_not_found("interview")?;
            interview.scheduled_local = interview
                .scheduled_at
                .map(|at| clock.utc_to_local(at).format("%Y-%m-%dT%H:%M").to_string());
            interview.questions = questions::prepared(conn, id)?;
            interview.readiness = prep::readiness(&interview.prep, interview.questions.len());
            interview.live = live::state(conn, clock, id)?;
            interview.insights = after::insights_of(conn, id)?;
            interview.tips = tips::of_interview(conn, id)?;
            interview.referrals = after::referred_by(conn, interview.person_id)?;
            let holidays = settings::read(conn)?.holidays;
            interview.responsiveness = interview.request_date.map(|asked| {
                reminder_rules::responsiveness(
                    asked,
                    interview.reply_date,
                    clock.today(),
                    &holidays,
                )
            });
            interview.history = collect(
                conn,
                "SELECT stage, at FROM interview_events WHERE interview_id = ?1 ORDER BY at, id",
                [id],
                |row| {
                    Ok(StageEvent {
                        stage: row.get(0)?,
                        at: row.get(1)?,
                    })
                },
            )?;
            Ok(interview)
        })
    }

    /// Moves an interview one stage forward or back along the method, and returns the stage it
    /// is now in.
    pub fn move_interview(&mut self, id: i64, direction: Direction) -> Result<Stage> {
        self.write(|tx, clock| {
            let (_, stage) = live(tx, id)?;
            let target = stage.step(direction).ok_or_else(|| {
                let message = match direction {
                    Direction::Forward => "This interview is already at the last stage.",
                    Direction::Back => "This interview is already at the first stage.",
                };
                Error::invalid("stage", message)
            })?;
            enter_stage(tx, clock, id, target)?;
            reminder_sync::sync_interview(tx, clock, id)?;
            Ok(target)
        })
    }

    /// Puts an interview in any stage, such as *declined* or *cancelled*.
    pub fn set_interview_stage(&mut self, id: i64, stage: Stage) -> Result<()> {
        self.write(|tx, clock| {
            let (_, current) = live(tx, id)?;
            if current != stage {
                enter_stage(tx, clock, id, stage)?;
                reminder_sync::sync_interview(tx, clock, id)?;
            }
            Ok(())
        })
    }

    /// The pipeline board: in each stage the `per_stage` most recently moved interviews, and
    /// how many each stage holds. Reads only what the board shows, so thousands of interviews
    /// cost no more than a few hundred.
    pub fn pipeline_board(&self, per_stage: usize) -> Result<PipelineBoard> {
        self.read(|conn, _| {
            let limit = i64::try_from(per_stage).unwrap_or(-1);
            let sql = format!(
                "SELECT {CARD_COLUMNS} FROM interviews i INDEXED BY interviews_by_stage
                 JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
                 LEFT JOIN organisations o ON o.id = p.organisation_id
                 WHERE i.deleted_at IS NULL AND i.stage = ?1
                 ORDER BY i.stage_changed_at DESC, i.id DESC LIMIT ?2"
            );
            let mut cards = Vec::new();
            for stage in Stage::all() {
                cards.extend(collect(conn, &sql, (stage.as_str(), limit), card_from_row)?);
            }
            let totals = collect(
                conn,
                "SELECT stage, count(*) FROM interviews INDEXED BY interviews_by_stage
                 WHERE deleted_at IS NULL
                   AND person_id NOT IN (SELECT id FROM people INDEXED BY people_trashed
                                         WHERE deleted_at IS NOT NULL)
                 GROUP BY stage",
                [],
                |row| {
                    Ok(StageTotal {
                        stage: row.get(0)?,
                        count: row.get::<_, i64>(1)?.try_into().unwrap_or(0),
                    })
                },
            )?;
            Ok(PipelineBoard { cards, totals })
        })
    }

    /// Every interview not in the trash, for the pipeline board, most recently moved first.
    pub fn pipeline(&self) -> Result<Vec<InterviewCard>> {
        self.read(|conn, _| {
            let sql = format!(
                "SELECT {CARD_COLUMNS} {CARD_FROM} WHERE i.deleted_at IS NULL
                 ORDER BY i.stage_changed_at DESC, i.id DESC"
            );
            collect(conn, &sql, [], card_from_row)
        })
    }

    /// Interviews in the *scheduled* stage, soonest first. Those whose time has passed come
    /// first: they wait to be marked done.
    pub fn scheduled_interviews(&self, limit: usize) -> Result<Vec<InterviewCard>> {
        self.read(|conn, _| {
            let sql = format!(
                // Named: the index by stage would do too, but then sorts every scheduled
                // interview by date (0.1 ms → 4 ms at 20,000 interviews).
                "SELECT {CARD_COLUMNS} FROM interviews i INDEXED BY interviews_scheduled
                 JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
                 LEFT JOIN organisations o ON o.id = p.organisation_id
                 WHERE i.deleted_at IS NULL AND i.stage = 'scheduled'
                 ORDER BY i.scheduled_at LIMIT ?1"
            );
            collect(conn, &sql, [limit as i64], card_from_row)
        })
    }

    /// Moves an interview to the trash.
    pub fn delete_interview(&mut self, id: i64) -> Result<()> {
        self.write(|tx, clock| {
            let (person_id, _) = live(tx, id)?;
            tx.execute(
                "UPDATE interviews SET deleted_at = ?2 WHERE id = ?1",
                (id, clock.now()),
            )?;
            search::reindex_person(tx, person_id)?;
            reminder_sync::sync_person(tx, clock, person_id)
        })
    }

    /// Records that the person replied to the request (today, or on `date` "YYYY-MM-DD"): the
    /// no-response nudges stop.
    pub fn record_reply(&mut self, id: i64, date: Option<&str>) -> Result<()> {
        let date = validate::date("reply_date", "The reply date", date)?;
        self.write(|tx, clock| {
            let (person_id, _) = live(tx, id)?;
            let date = date.unwrap_or_else(|| clock.today());
            let asked: Option<NaiveDate> = tx.query_row(
                "SELECT request_date FROM interviews WHERE id = ?1",
                [id],
                |row| row.get(0),
            )?;
            if asked.is_some_and(|asked| date < asked) {
                return Err(Error::invalid(
                    "reply_date",
                    "The reply cannot come before the request. Check the dates.",
                ));
            }
            tx.execute(
                "UPDATE interviews SET reply_date = ?2, updated_at = ?3 WHERE id = ?1",
                (id, date, clock.now()),
            )?;
            reminder_sync::sync_person(tx, clock, person_id)
        })
    }
}

/// Starts a new interview with a live person at the first stage of the method, planned for the
/// default length from Settings, and returns its id.
pub(crate) fn insert(conn: &Connection, clock: &dyn Clock, person_id: i64) -> Result<i64> {
    let now = clock.now();
    let planned = settings::read(conn)?.default_planned_minutes;
    conn.execute(
        "INSERT INTO interviews (person_id, field_id, stage, planned_minutes,
             stage_changed_at, created_at, updated_at)
         SELECT id, field_id, ?2, ?3, ?4, ?4, ?4 FROM people WHERE id = ?1",
        (person_id, Stage::Identified, planned, now),
    )?;
    let id = conn.last_insert_rowid();
    record_stage(conn, id, Stage::Identified, now)?;
    Ok(id)
}

/// An interview that ran this many minutes or more makes the person a warm contact: "if they
/// give you 45, they like you".
pub const WARM_MINUTES: i64 = 45;

/// Marks the person warm when an interview with them ran [`WARM_MINUTES`] or more. A shorter
/// one never takes the flag away: one long conversation is enough.
pub(crate) fn mark_warm_if_long(conn: &Connection, person_id: i64, minutes: i64) -> Result<()> {
    if minutes >= WARM_MINUTES {
        conn.execute("UPDATE people SET warm = 1 WHERE id = ?1", [person_id])?;
    }
    Ok(())
}

/// Moves an interview on to `target` if it has not got there yet, e.g. to *thanked* when the
/// thank-you reminder is marked sent. An interview already further along stays where it is.
pub(crate) fn advance_to(
    conn: &Connection,
    clock: &dyn Clock,
    id: i64,
    target: Stage,
) -> Result<()> {
    let (_, current) = live(conn, id)?;
    let position = |stage| Stage::MAIN_LINE.iter().position(|s| *s == stage);
    let behind = match (position(current), position(target)) {
        (Some(current), Some(target)) => current < target,
        _ => false,
    };
    if behind {
        enter_stage(conn, clock, id, target)?;
    } else if target == Stage::Thanked {
        conn.execute(
            "UPDATE interviews SET thank_you_sent_at = COALESCE(thank_you_sent_at, ?2)
             WHERE id = ?1",
            (id, clock.now()),
        )?;
    }
    Ok(())
}

/// One interview as a card.
pub(crate) fn card(conn: &Connection, id: i64) -> Result<InterviewCard> {
    let sql = format!("SELECT {CARD_COLUMNS} {CARD_FROM} WHERE i.id = ?1");
    conn.query_row(&sql, [id], card_from_row)
        .or_not_found("interview")
}

/// A person's interviews, newest first.
pub(crate) fn cards_of_person(conn: &Connection, person_id: i64) -> Result<Vec<InterviewCard>> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} {CARD_FROM} WHERE i.person_id = ?1 AND i.deleted_at IS NULL
         ORDER BY i.created_at DESC, i.id DESC"
    );
    collect(conn, &sql, [person_id], card_from_row)
}

/// The person and stage of a live interview (neither it nor its person in the trash).
pub(crate) fn live(conn: &Connection, id: i64) -> Result<(i64, Stage)> {
    conn.query_row(
        "SELECT i.person_id, i.stage FROM interviews i
         JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
         WHERE i.id = ?1 AND i.deleted_at IS NULL",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .or_not_found("interview")
}

/// Puts an interview in `stage`, with what entering that stage means for its data.
pub(crate) fn enter_stage(
    conn: &Connection,
    clock: &dyn Clock,
    id: i64,
    stage: Stage,
) -> Result<()> {
    let now = clock.now();
    if matches!(stage, Stage::Scheduled | Stage::Declined) {
        // Being scheduled or declined after a request is a reply to it.
        conn.execute(
            "UPDATE interviews SET reply_date = COALESCE(reply_date, ?2)
             WHERE id = ?1 AND request_date IS NOT NULL AND stage = 'interview_requested'",
            (id, clock.today()),
        )?;
    }
    match stage {
        Stage::Scheduled => {
            let scheduled: Option<DateTime<Utc>> = conn.query_row(
                "SELECT scheduled_at FROM interviews WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if scheduled.is_none() {
                return Err(Error::invalid(
                    "scheduled_local",
                    "Set the date and time of the interview first, then mark it scheduled.",
                ));
            }
        }
        Stage::InterviewRequested => {
            conn.execute(
                "UPDATE interviews SET request_date = COALESCE(request_date, ?2) WHERE id = ?1",
                (id, clock.today()),
            )?;
        }
        Stage::Thanked => {
            conn.execute(
                "UPDATE interviews SET thank_you_sent_at = COALESCE(thank_you_sent_at, ?2)
                 WHERE id = ?1",
                (id, now),
            )?;
        }
        _ => {}
    }
    conn.execute(
        "UPDATE interviews SET stage = ?2, stage_changed_at = ?3, updated_at = ?3 WHERE id = ?1",
        (id, stage, now),
    )?;
    record_stage(conn, id, stage, now)
}

fn record_stage(conn: &Connection, id: i64, stage: Stage, at: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO interview_events (interview_id, stage, at) VALUES (?1, ?2, ?3)",
        (id, stage, at),
    )?;
    Ok(())
}

fn card_from_row(row: &Row<'_>) -> rusqlite::Result<InterviewCard> {
    Ok(InterviewCard {
        id: row.get(0)?,
        person_id: row.get(1)?,
        person_name: row.get(2)?,
        organisation: row.get(3)?,
        stage: row.get(4)?,
        request_date: row.get(5)?,
        scheduled_at: row.get(6)?,
        planned_minutes: row.get(7)?,
        medium: row.get(8)?,
        stage_changed_at: row.get(9)?,
    })
}

fn interview_from_row(row: &Row<'_>) -> rusqlite::Result<Interview> {
    Ok(Interview {
        id: row.get(0)?,
        person_id: row.get(1)?,
        person_name: row.get(2)?,
        organisation: row.get(3)?,
        field: row.get(4)?,
        stage: row.get(5)?,
        request_date: row.get(6)?,
        request_message: row.get(7)?,
        scheduled_at: row.get(8)?,
        scheduled_local: None,
        medium: row.get(9)?,
        place: row.get(10)?,
        planned_minutes: row.get(11)?,
        actual_minutes: row.get(12)?,
        notes: row.get(13)?,
        stage_changed_at: row.get(14)?,
        created_at: row.get(15)?,
        updated_at: row.get(16)?,
        questions: Vec::new(),
        history: Vec::new(),
        person_email: row.get(17)?,
        person_warm: row.get(18)?,
        reply_date: row.get(19)?,
        responsiveness: None,
        ended_at: row.get(20)?,
        resume_asked: row.get(21)?,
        card_captured: row.get(22)?,
        thank_you_sent_at: row.get(23)?,
        insight_to_mention: row.get(24)?,
        prep: Prep {
            resume_ready: row.get(25)?,
            dress: row.get(26)?,
            opening_line: row.get(27)?,
            resume_version: row.get(28)?,
        },
        readiness: Readiness::default(),
        live: LiveState::default(),
        insights: Vec::new(),
        tips: Vec::new(),
        referrals: Vec::new(),
    })
}
