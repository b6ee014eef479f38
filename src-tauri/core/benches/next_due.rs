//! How fast the scheduler's step stays with a big reminder table: 100,000 reminders (done,
//! notified, snoozed, open; due over a year either side of now) on a real SQLite file, then
//! `Store::tick` (claim what is due, find the next due), `due_reminders`, `due_overview(5)` and
//! `upcoming_reminders(10)`, and the query plan of the next-due query. Prints figures; it is not
//! a test.
//!
//!     cargo bench -p coffeechat-core --bench next_due

use std::time::{Duration as Elapsed, Instant};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use coffeechat_core::{FixedClock, Store};
use rusqlite::Connection;

const REMINDERS: usize = 100_000;
const PEOPLE: usize = 1_000;
const TICKS: usize = 200;
const UPCOMING_RUNS: usize = 200;
const DUE_RUNS: usize = 20;
const QUERY_RUNS: usize = 2_000;

/// The scheduler's own queries, for their plans.
use coffeechat_core::reminders::{CLAIM_SQL as CLAIM, NEXT_DUE_SQL as NEXT_DUE};

const KINDS: [&str; 7] = [
    "thank_you",
    "thank_you_final",
    "tip",
    "follow_up_note",
    "no_response_3",
    "no_response_7",
    "keep_in_touch",
];

/// A small deterministic generator (xorshift64*), so every run builds the same table.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[derive(Default)]
struct Counts {
    done: usize,
    notified: usize,
    snoozed: usize,
    open_past: usize,
    open_future: usize,
}

fn main() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("coffeechat.sqlite3");
    // Noon UTC, so the default quiet hours (21:00–08:00) never hold the claim back.
    let now = Utc::now()
        .date_naive()
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon"))
        .and_utc();
    let mut store = Store::open(&path)
        .expect("a new store")
        .with_clock(FixedClock { now, zone: Utc });

    let started = Instant::now();
    let counts = fill(&path, now);
    println!(
        "filled {} with {REMINDERS} reminders about {PEOPLE} people in {}",
        path.display(),
        ms(started.elapsed())
    );
    println!(
        "  done {}, notified and open {}, snoozed past the due time {}, \
         due and never notified {}, open in the future {}",
        counts.done, counts.notified, counts.snoozed, counts.open_past, counts.open_future
    );
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("sqlite3-wal")).map_or(0, |m| m.len());
    println!("  database + WAL: {:.1} MiB", size as f64 / 1_048_576.0);

    let raw = Connection::open(&path).expect("a second connection");
    println!();
    print_plan(&raw, "next-due query (Store::tick)", NEXT_DUE, now);
    print_plan(&raw, "claim (Store::tick)", CLAIM, now);

    println!();
    let started = Instant::now();
    let first = store.tick().expect("the first tick");
    println!(
        "first tick (claims everything past due): {} — claimed {}, sleep {:?}",
        ms(started.elapsed()),
        first.claimed.len(),
        first.sleep
    );

    let mut times = Vec::with_capacity(TICKS);
    let mut claimed = 0;
    for _ in 0..TICKS {
        let started = Instant::now();
        let tick = store.tick().expect("a tick");
        times.push(started.elapsed());
        claimed += tick.claimed.len();
    }
    report(
        "steady-state tick",
        &mut times,
        &format!("claimed {claimed}"),
    );

    let mut times = Vec::with_capacity(QUERY_RUNS);
    let mut statement = raw.prepare(NEXT_DUE).expect("the next-due query");
    let mut next: Option<DateTime<Utc>> = None;
    for _ in 0..QUERY_RUNS {
        let started = Instant::now();
        next = statement
            .query_row([now], |row| row.get(0))
            .expect("the next due");
        times.push(started.elapsed());
    }
    let next = next.map_or("none".to_owned(), |at| at.to_rfc3339());
    report(
        "next-due query alone (prepared)",
        &mut times,
        &format!("next due {next}"),
    );

    let mut times = Vec::with_capacity(DUE_RUNS);
    let mut due = 0;
    for _ in 0..DUE_RUNS {
        let started = Instant::now();
        due = store.due_reminders().expect("due reminders").len();
        times.push(started.elapsed());
    }
    report("due_reminders()", &mut times, &format!("{due} rows"));

    // What the tray reads after every wake of the scheduler: the count and the first five.
    let mut times = Vec::with_capacity(DUE_RUNS);
    let mut count = 0;
    for _ in 0..DUE_RUNS {
        let started = Instant::now();
        count = store.due_overview(5).expect("due overview").0;
        times.push(started.elapsed());
    }
    report(
        "due_overview(5) (the tray)",
        &mut times,
        &format!("{count} due"),
    );

    let mut times = Vec::with_capacity(UPCOMING_RUNS);
    let mut upcoming = 0;
    for _ in 0..UPCOMING_RUNS {
        let started = Instant::now();
        upcoming = store
            .upcoming_reminders(10)
            .expect("upcoming reminders")
            .len();
        times.push(started.elapsed());
    }
    report(
        "upcoming_reminders(10)",
        &mut times,
        &format!("{upcoming} rows"),
    );
}

/// Inserts the people and reminders through a second connection, in one transaction.
fn fill(path: &std::path::Path, now: DateTime<Utc>) -> Counts {
    let mut conn = Connection::open(path).expect("a second connection");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("a busy timeout");
    let tx = conn.transaction().expect("a transaction");
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut counts = Counts::default();
    {
        let mut person = tx
            .prepare("INSERT INTO people (name, created_at, updated_at) VALUES (?1, ?2, ?2)")
            .expect("insert person");
        for n in 0..PEOPLE {
            person
                .execute((format!("Person {n}"), now - Duration::days(400)))
                .expect("a person");
        }
        let mut reminder = tx
            .prepare(
                "INSERT INTO reminders
                     (kind, person_id, due_at, done_at, snoozed_until, notified_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .expect("insert reminder");
        let year = 365 * 24 * 3600;
        for _ in 0..REMINDERS {
            let kind = KINDS[random.below(KINDS.len() as u64) as usize];
            let person = 1 + random.below(PEOPLE as u64) as i64;
            let offset = random.below(2 * year) as i64 - year as i64;
            let due = now + Duration::seconds(offset);
            let mut done = None;
            let mut snoozed = None;
            let mut notified = None;
            if due <= now {
                // In the past: most were shown and finished; some were shown and are still on
                // Today; a few were snoozed; the rest fell due while the app was closed.
                match random.below(100) {
                    0..60 => {
                        notified = Some(due);
                        done = Some(due + Duration::hours(2));
                        counts.done += 1;
                    }
                    60..80 => {
                        notified = Some(due);
                        counts.notified += 1;
                    }
                    80..82 => {
                        snoozed = Some(now + Duration::minutes(random.below(7 * 24 * 60) as i64));
                        counts.snoozed += 1;
                    }
                    _ => counts.open_past += 1,
                }
            } else if random.chance(10) {
                // Finished early.
                done = Some(now - Duration::days(1));
                counts.done += 1;
            } else {
                counts.open_future += 1;
            }
            reminder
                .execute((
                    kind,
                    person,
                    due,
                    done,
                    snoozed,
                    notified,
                    now - Duration::days(400),
                ))
                .expect("a reminder");
        }
    }
    tx.commit().expect("commit");
    counts
}

fn print_plan(conn: &Connection, name: &str, sql: &str, now: DateTime<Utc>) {
    let mut statement = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .expect("a query plan");
    let rows: Vec<(i64, i64, String)> = statement
        .query_map([now], |row| Ok((row.get(0)?, row.get(1)?, row.get(3)?)))
        .expect("the plan")
        .collect::<rusqlite::Result<_>>()
        .expect("the plan's rows");
    println!("EXPLAIN QUERY PLAN, {name}:");
    let mut depth: Vec<(i64, usize)> = Vec::new();
    for (id, parent, detail) in &rows {
        let level = depth
            .iter()
            .find(|(node, _)| node == parent)
            .map_or(0, |(_, level)| level + 1);
        depth.push((*id, level));
        println!("  {}{detail}", "  ".repeat(level));
    }
    let indexed = rows
        .iter()
        .any(|(_, _, detail)| detail.contains("reminders_to_notify"));
    println!(
        "  uses the index reminders_to_notify: {}",
        if indexed { "yes" } else { "NO" }
    );
}

fn report(name: &str, times: &mut [Elapsed], note: &str) {
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "{name}: median {}, min {}, p95 {}, max {} over {} runs ({note})",
        ms(median),
        ms(times[0]),
        ms(p95),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn ms(elapsed: Elapsed) -> String {
    format!("{:.3} ms", elapsed.as_secs_f64() * 1000.0)
}
