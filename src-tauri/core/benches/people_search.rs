//! How fast the People list and its search-as-you-type stay at a real user's scale, and Today
//! at 100,000 reminders. Builds data files with the shared generator (`coffeechat_core::dataset`):
//! 5,000 people with 20,000 interviews and 100,000 reminders (also the Pipeline board there), and 50,000 people with 200,000
//! interviews with notes. For the empty list, "d", "da" and a full name it times the store's
//! People read and, alternating with it, bare SQLite doing the read the list needs on its own
//! connection (the first 100 names in order and the count): the reference. Prints medians and
//! p95; it is not a test.
//!
//!     cargo bench -p coffeechat-core --bench people_search

use std::path::Path;
use std::time::{Duration, Instant};

use coffeechat_core::dataset::{self, Size};
use coffeechat_core::interviews::PIPELINE_PER_STAGE;
use coffeechat_core::people::PAGE_SIZE;
use coffeechat_core::Store;
use rusqlite::Connection;

/// Runs per figure, fewer when one run is slow (at most about `BUDGET` per figure).
const RUNS: usize = 200;
const MIN_RUNS: usize = 9;
const BUDGET: Duration = Duration::from_secs(4);

fn main() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    for (label, size) in [("app", Size::APP), ("core", Size::CORE)] {
        let path = folder.path().join(format!("{label}.sqlite3"));
        let started = Instant::now();
        dataset::fill(&path, size, 12).expect("the data set");
        println!(
            "\n== {} ({} to build, {:.1} MiB)",
            dataset::describe(size),
            ms(started.elapsed()),
            file_size(&path) as f64 / 1_048_576.0
        );
        let store = Store::open(&path).expect("the store");
        let raw = Connection::open(&path).expect("a bare connection");
        let full_name: String = raw
            .query_row(
                "SELECT name FROM people WHERE name LIKE 'D%' ORDER BY id LIMIT 1",
                [],
                |row| row.get(0),
            )
            .expect("a name starting with D");
        for query in ["", "d", "da", full_name.as_str()] {
            compare(&store, &raw, query);
        }
        if size.reminders > 0 {
            let mut times = Vec::new();
            let mut due = 0;
            run(&mut times, || {
                due = store.today().expect("today").reminders.len();
            });
            report(
                &format!("today() at {} reminders", size.reminders),
                &mut times,
                &format!("{due} due"),
            );
            // Its parts, to see where the time goes.
            let mut times = Vec::new();
            run(&mut times, || {
                store.due_reminders().expect("due reminders");
            });
            report("  due_reminders()", &mut times, "");
            let mut times = Vec::new();
            run(&mut times, || {
                store.scheduled_interviews(10).expect("scheduled");
            });
            report("  scheduled_interviews(10)", &mut times, "");
            let mut times = Vec::new();
            run(&mut times, || {
                store.interviews_needing_prep().expect("prep warnings");
            });
            report("  interviews_needing_prep()", &mut times, "");
            let mut times = Vec::new();
            let mut shown = 0;
            run(&mut times, || {
                shown = store
                    .pipeline_board(PIPELINE_PER_STAGE)
                    .expect("board")
                    .cards
                    .len();
            });
            report(
                &format!("pipeline_board({PIPELINE_PER_STAGE})"),
                &mut times,
                &format!("{shown} cards"),
            );
            let mut times = Vec::new();
            run(&mut times, || {
                shown = store.pipeline().expect("pipeline").len();
            });
            report(
                "pipeline() (every card)",
                &mut times,
                &format!("{shown} cards"),
            );
        }
    }
}

/// The store's read and the reference, alternating run by run.
fn compare(store: &Store, raw: &Connection, query: &str) {
    let (mut ours, mut reference) = (Vec::new(), Vec::new());
    let (mut shown, mut total) = (0, 0);
    let mut reference_shown = 0;
    let started = Instant::now();
    let mut runs = 0;
    while runs < RUNS && (runs < MIN_RUNS || started.elapsed() < BUDGET) {
        let at = Instant::now();
        let page = store
            .people_page(query, 0, PAGE_SIZE)
            .expect("the people list");
        ours.push(at.elapsed());
        shown = page.people.len();
        total = page.total;
        let at = Instant::now();
        reference_shown = bare(raw, query);
        reference.push(at.elapsed());
        runs += 1;
    }
    let label = if query.is_empty() {
        "empty list".to_owned()
    } else {
        format!("{query:?}")
    };
    report(
        &format!("{label} — store"),
        &mut ours,
        &format!("{shown} shown of {total}"),
    );
    report(
        &format!("{label} — bare SQLite"),
        &mut reference,
        &format!("{reference_shown} shown"),
    );
}

/// The read the list needs, on a bare connection: the first 100 matches by name, and the count.
fn bare(raw: &Connection, query: &str) -> usize {
    let terms: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    let names: Vec<String> = if terms.is_empty() {
        let _count: i64 = raw
            .query_row(
                "SELECT count(*) FROM people WHERE deleted_at IS NULL",
                [],
                |row| row.get(0),
            )
            .expect("the count");
        let mut statement = raw
            .prepare_cached(
                "SELECT name FROM people WHERE deleted_at IS NULL
                 ORDER BY name COLLATE NOCASE, id LIMIT 100",
            )
            .expect("the list");
        let rows = statement.query_map([], |row| row.get(0)).expect("rows");
        rows.map(|row| row.expect("a name")).collect()
    } else {
        let expression = terms.join(" ");
        let _count: i64 = raw
            .query_row(
                "SELECT count(*) FROM person_search WHERE person_search MATCH ?1",
                [&expression],
                |row| row.get(0),
            )
            .expect("the count");
        let mut statement = raw
            .prepare_cached(
                "SELECT p.name FROM person_search s JOIN people p ON p.id = s.rowid
                 WHERE person_search MATCH ?1 LIMIT 100",
            )
            .expect("the search");
        let rows = statement
            .query_map([&expression], |row| row.get(0))
            .expect("rows");
        rows.map(|row| row.expect("a name")).collect()
    };
    names.len()
}

fn run(times: &mut Vec<Duration>, mut once: impl FnMut()) {
    let started = Instant::now();
    while times.len() < RUNS && (times.len() < MIN_RUNS || started.elapsed() < BUDGET) {
        let at = Instant::now();
        once();
        times.push(at.elapsed());
    }
}

fn report(label: &str, times: &mut [Duration], what: &str) {
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95).div_ceil(100) - 1];
    println!(
        "{label:<40} median {:>9}  p95 {:>9}  ({} runs; {what})",
        ms(median),
        ms(p95),
        times.len()
    );
}

fn ms(elapsed: Duration) -> String {
    format!("{:.2} ms", elapsed.as_secs_f64() * 1000.0)
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
        + std::fs::metadata(path.with_extension("sqlite3-wal")).map_or(0, |m| m.len())
}
