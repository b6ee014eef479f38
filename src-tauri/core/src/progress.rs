//! Progress: how far the user came. Interviews per month, the funnel through the method's stages,
//! how quickly people answer requests (3B7), thank-you notes on time, real length against the
//! planned one, and a weekly goal of requests with its streak. Read with a few queries; the
//! figures are worked out by pure functions, so each rule is tested on its own.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::reminder_rules::{self, Responsiveness};
use crate::settings;
use crate::stage::Stage;
use crate::store::{collect, Store};

/// How many months the chart of interviews shows, the current one last.
pub const MONTHS: usize = 12;
/// How many weeks the weekly goal's chart shows, the current one last.
pub const WEEKS: usize = 8;
/// The weekly goal of requests when the user has not set one.
pub const DEFAULT_WEEKLY_GOAL: i64 = 2;
pub const WEEKLY_GOAL_MAX: i64 = 50;
const GOAL_KEY: &str = "weekly_request_goal";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub months: Vec<MonthCount>,
    pub funnel: Vec<FunnelStep>,
    pub responses: Responses,
    pub thank_yous: ThankYous,
    pub lengths: Lengths,
    pub goal: WeeklyGoal,
}

/// Interviews that took place in a month ("2026-05"), in the user's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    pub month: String,
    pub count: i64,
}

/// How many interviews reached a stage of the method (or went past it), and what share of
/// those that reached the stage before did (`None` for the first, or when none reached it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunnelStep {
    pub stage: Stage,
    pub count: i64,
    pub conversion_percent: Option<i64>,
}

/// How the people asked answered (3B7): boosters within 3 business days, late after that,
/// silent after 7 without an answer, waiting inside the 7.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Responses {
    pub booster: i64,
    pub late: i64,
    pub silent: i64,
    pub waiting: i64,
}

/// Thank-you notes: sent within `hours` of the interview's end, sent later, and not sent
/// although the time is past.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ThankYous {
    pub hours: i64,
    pub on_time: i64,
    pub late: i64,
    pub missing: i64,
    /// Not sent yet, and there is still time.
    pub pending: i64,
}

/// The interviews whose real length is known, and their average real and planned minutes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lengths {
    pub interviews: i64,
    pub average_actual: Option<f64>,
    pub average_planned: Option<f64>,
}

/// Requests a week (by the day they were asked for), the goal, and the streak of weeks that
/// met it: counted back from this week when it already met it, else from last week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeeklyGoal {
    pub per_week: i64,
    pub this_week: i64,
    pub streak: i64,
    /// The last [`WEEKS`] weeks, oldest first, each by its Monday.
    pub weeks: Vec<WeekCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekCount {
    pub monday: NaiveDate,
    pub count: i64,
}

/// One interview as the figures need it.
#[derive(Debug, Clone)]
pub struct InterviewFacts {
    /// How far along the method it came: the index in [`Stage::MAIN_LINE`] of the furthest
    /// stage it was ever in (0 for identified).
    pub reached: usize,
    pub request_date: Option<NaiveDate>,
    pub reply_date: Option<NaiveDate>,
    /// When the meeting ended: as live mode recorded it, else its start plus the planned
    /// length, else when it was marked done.
    pub ended: Option<DateTime<Utc>>,
    /// When the thank-you went out: as recorded, else when it was marked thanked.
    pub thanked: Option<DateTime<Utc>>,
    pub planned_minutes: i64,
    pub actual_minutes: Option<i64>,
}

const DONE: usize = 5;

/// The funnel: how many reached each stage of the main line, and the conversion between steps.
pub fn funnel(facts: &[InterviewFacts]) -> Vec<FunnelStep> {
    let mut steps: Vec<FunnelStep> = Vec::new();
    for (i, stage) in Stage::MAIN_LINE.into_iter().enumerate() {
        let count = facts.iter().filter(|f| f.reached >= i).count() as i64;
        let conversion_percent = steps
            .last()
            .filter(|previous| previous.count > 0)
            .map(|previous| (count * 100 + previous.count / 2) / previous.count);
        steps.push(FunnelStep {
            stage,
            count,
            conversion_percent,
        });
    }
    steps
}

/// Interviews that took place, by the month they ended in the user's zone: the [`MONTHS`]
/// months up to `today`'s, oldest first.
pub fn per_month(clock: &dyn Clock, facts: &[InterviewFacts]) -> Vec<MonthCount> {
    let today = clock.today();
    let index = |date: NaiveDate| i64::from(date.year()) * 12 + i64::from(date.month0());
    let last = index(today);
    let first = last - MONTHS as i64 + 1;
    let mut counts = vec![0i64; MONTHS];
    for ended in facts
        .iter()
        .filter(|f| f.reached >= DONE)
        .filter_map(|f| f.ended)
    {
        let at = index(clock.utc_to_local(ended).date());
        if (first..=last).contains(&at) {
            counts[(at - first) as usize] += 1;
        }
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, count)| {
            let month = first + i as i64;
            MonthCount {
                month: format!(
                    "{:04}-{:02}",
                    month.div_euclid(12),
                    month.rem_euclid(12) + 1
                ),
                count,
            }
        })
        .collect()
}

pub fn responses(facts: &[InterviewFacts], today: NaiveDate, holidays: &[NaiveDate]) -> Responses {
    let mut r = Responses::default();
    for f in facts {
        let Some(asked) = f.request_date else {
            continue;
        };
        match reminder_rules::responsiveness(asked, f.reply_date, today, holidays) {
            Responsiveness::Booster => r.booster += 1,
            Responsiveness::Late => r.late += 1,
            Responsiveness::Silent => r.silent += 1,
            Responsiveness::Waiting => r.waiting += 1,
        }
    }
    r
}

pub fn thank_yous(facts: &[InterviewFacts], now: DateTime<Utc>, hours: i64) -> ThankYous {
    let mut t = ThankYous {
        hours,
        ..ThankYous::default()
    };
    let window = Duration::hours(hours);
    for f in facts.iter().filter(|f| f.reached >= DONE) {
        let Some(ended) = f.ended else { continue };
        match f.thanked {
            Some(sent) if sent - ended <= window => t.on_time += 1,
            Some(_) => t.late += 1,
            None if now - ended > window => t.missing += 1,
            None => t.pending += 1,
        }
    }
    t
}

pub fn lengths(facts: &[InterviewFacts]) -> Lengths {
    let timed: Vec<(i64, i64)> = facts
        .iter()
        .filter_map(|f| f.actual_minutes.map(|a| (a, f.planned_minutes)))
        .collect();
    let n = timed.len() as f64;
    let average = |pick: fn(&(i64, i64)) -> i64| {
        (!timed.is_empty()).then(|| {
            let sum: i64 = timed.iter().map(pick).sum();
            (sum as f64 / n * 10.0).round() / 10.0
        })
    };
    Lengths {
        interviews: timed.len() as i64,
        average_actual: average(|(a, _)| *a),
        average_planned: average(|(_, p)| *p),
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The weekly goal of requests, from the days requests were asked for.
pub fn weekly_goal(requests: &[NaiveDate], today: NaiveDate, per_week: i64) -> WeeklyGoal {
    let this_monday = monday_of(today);
    let count_in =
        |monday: NaiveDate| requests.iter().filter(|d| monday_of(**d) == monday).count() as i64;
    let this_week = count_in(this_monday);
    let mut monday = if this_week >= per_week {
        this_monday
    } else {
        this_monday - Duration::weeks(1)
    };
    let mut streak = 0;
    let earliest = requests.iter().min().copied();
    while earliest.is_some_and(|first| monday_of(first) <= monday) && count_in(monday) >= per_week {
        streak += 1;
        monday -= Duration::weeks(1);
    }
    let weeks = (0..WEEKS as i64)
        .rev()
        .map(|back| {
            let monday = this_monday - Duration::weeks(back);
            WeekCount {
                monday,
                count: count_in(monday),
            }
        })
        .collect();
    WeeklyGoal {
        per_week,
        this_week,
        streak,
        weeks,
    }
}

/// The main-line stage an event's stage stands for: its index, if it is on the main line.
fn main_line_index(stage: &str) -> Option<usize> {
    Stage::MAIN_LINE.iter().position(|s| s.as_str() == stage)
}

impl Store {
    /// Everything the Progress screen shows.
    pub fn progress(&self) -> Result<Progress> {
        self.read(|conn, clock| {
            let settings = settings::read(conn)?;
            let per_week = weekly_goal_setting(conn)?;
            // Each interview not in the trash, with the furthest stage it was ever in (from its
            // history and its stage now) and when it was marked done and thanked.
            let rows = collect(
                conn,
                "SELECT i.stage, i.request_date, i.reply_date, i.ended_at, i.scheduled_at,
                        i.planned_minutes, i.actual_minutes, i.thank_you_sent_at,
                        e.history, e.done_at, e.thanked_at
                 FROM interviews i INDEXED BY interviews_progress
                 JOIN people p ON p.id = i.person_id
                 LEFT JOIN (SELECT interview_id, group_concat(stage) AS history,
                                   min(CASE WHEN stage = 'done' THEN at END) AS done_at,
                                   min(CASE WHEN stage = 'thanked' THEN at END) AS thanked_at
                            FROM interview_events GROUP BY interview_id) e
                        ON e.interview_id = i.id
                 WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL",
                [],
                |row| {
                    let stage: String = row.get(0)?;
                    let history: Option<String> = row.get(8)?;
                    let reached = std::iter::once(stage.as_str())
                        .chain(history.as_deref().unwrap_or("").split(','))
                        .filter_map(main_line_index)
                        .max()
                        .unwrap_or(0);
                    let scheduled: Option<DateTime<Utc>> = row.get(4)?;
                    let planned_minutes: i64 = row.get(5)?;
                    let ended_at: Option<DateTime<Utc>> = row.get(3)?;
                    let done_at: Option<DateTime<Utc>> = row.get(9)?;
                    let sent: Option<DateTime<Utc>> = row.get(7)?;
                    let thanked_at: Option<DateTime<Utc>> = row.get(10)?;
                    Ok(InterviewFacts {
                        reached,
                        request_date: row.get(1)?,
                        reply_date: row.get(2)?,
                        ended: ended_at
                            .or(scheduled.map(|s| s + Duration::minutes(planned_minutes)))
                            .or(done_at),
                        thanked: sent.or(thanked_at),
                        planned_minutes,
                        actual_minutes: row.get(6)?,
                    })
                },
            )?;
            let today = clock.today();
            let requests: Vec<NaiveDate> = rows.iter().filter_map(|f| f.request_date).collect();
            Ok(Progress {
                months: per_month(clock, &rows),
                funnel: funnel(&rows),
                responses: responses(&rows, today, &settings.holidays),
                thank_yous: thank_yous(&rows, clock.now(), settings.thank_you_hours),
                lengths: lengths(&rows),
                goal: weekly_goal(&requests, today, per_week),
            })
        })
    }

    /// Sets how many requests a week the user aims for (1 to [`WEEKLY_GOAL_MAX`]).
    pub fn set_weekly_goal(&mut self, per_week: i64) -> Result<()> {
        if !(1..=WEEKLY_GOAL_MAX).contains(&per_week) {
            return Err(Error::invalid(
                "per_week",
                format!("Aim for 1 to {WEEKLY_GOAL_MAX} requests a week."),
            ));
        }
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (GOAL_KEY, per_week.to_string()),
            )?;
            Ok(())
        })
    }
}

fn weekly_goal_setting(conn: &rusqlite::Connection) -> Result<i64> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [GOAL_KEY],
            |row| row.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    Ok(value
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|n| (1..=WEEKLY_GOAL_MAX).contains(n))
        .unwrap_or(DEFAULT_WEEKLY_GOAL))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_thank_you_not_sent_is_missing_only_once_its_time_is_past() {
        let at = |text: &str| {
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
                .unwrap()
                .and_utc()
        };
        let ended = |when: &str, thanked: Option<&str>| InterviewFacts {
            reached: DONE,
            request_date: None,
            reply_date: None,
            ended: Some(at(when)),
            thanked: thanked.map(at),
            planned_minutes: 20,
            actual_minutes: None,
        };
        let facts = [
            ended("2026-05-13 08:00", None),
            ended("2026-05-12 09:00", None),
            ended("2026-05-11 10:00", Some("2026-05-12 10:00")),
            ended("2026-05-11 10:00", Some("2026-05-12 10:01")),
        ];
        let t = thank_yous(&facts, at("2026-05-13 10:00"), 24);
        assert_eq!((t.on_time, t.late, t.missing, t.pending), (1, 1, 1, 1));
    }

    #[test]
    fn the_streak_counts_back_from_this_week_or_last() {
        // Wednesday 2026-05-13; weeks begin 05-11, 05-04, 04-27, 04-20.
        let today = d("2026-05-13");
        let requests = [
            "2026-04-20",
            "2026-04-29",
            "2026-04-30",
            "2026-05-04",
            "2026-05-10",
            "2026-05-11",
        ]
        .map(d);
        let goal = weekly_goal(&requests, today, 2);
        assert_eq!((goal.this_week, goal.streak), (1, 2));
        let goal = weekly_goal(&requests, today, 1);
        assert_eq!((goal.this_week, goal.streak), (1, 4));
        assert_eq!(goal.weeks.len(), WEEKS);
        assert_eq!(goal.weeks.last().unwrap().monday, d("2026-05-11"));
        assert_eq!(weekly_goal(&[], today, 2).streak, 0);
    }
}
