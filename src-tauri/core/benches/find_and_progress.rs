//! How fast find anything (Ctrl+K), the Progress screen and the referral network are at a real
//! user's scale: 5,000 people and 20,000 interviews with notes (the shared generator,
//! `coffeechat_core::dataset`), a tenth of the people introduced by someone. Prints medians and
//! p95 for each; it is not a test.
//!
//!     cargo bench -p coffeechat-core --bench find_and_progress

use std::time::{Duration, Instant};

use coffeechat_core::dataset::{self, Size};
use coffeechat_core::Store;
use rusqlite::Connection;

const RUNS: usize = 200;
const MIN_RUNS: usize = 9;
const BUDGET: Duration = Duration::from_secs(4);

fn main() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let size = Size {
        reminders: 0,
        ..Size::APP
    };
    let path = folder.path().join("app.sqlite3");
    let started = Instant::now();
    dataset::fill(&path, size, 12).expect("the data set");
    // Referrals: every tenth person introduced by someone added before them.
    let raw = Connection::open(&path).expect("a bare connection");
    raw.execute(
        "UPDATE people SET referred_by_id = (id * 7) % (id - 1) + 1 WHERE id % 10 = 0",
        [],
    )
    .expect("referrals");
    println!(
        "\n== {} ({:.1} s to build)",
        dataset::describe(size),
        started.elapsed().as_secs_f64()
    );
    let store = Store::open(&path).expect("the store");
    let word: String = raw
        .query_row(
            "SELECT notes FROM interviews WHERE notes <> '' ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("notes");
    let word = word
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() > 5)
        .unwrap_or("meeting")
        .to_owned();
    let name: String = raw
        .query_row(
            "SELECT name FROM people WHERE name LIKE 'D%' ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("a name");
    for typed in ["d", "da", name.as_str(), word.as_str(), "zzzz"] {
        let mut times = Vec::new();
        let mut found = 0;
        run(&mut times, || {
            found = store.find_anything(typed).expect("find").len();
        });
        report(
            &format!("find_anything({typed:?})"),
            &mut times,
            &format!("{found} hits"),
        );
    }
    let mut times = Vec::new();
    run(&mut times, || {
        store.progress().expect("progress");
    });
    report("progress()", &mut times, "every figure of the screen");
    let mut times = Vec::new();
    let mut nodes = 0;
    run(&mut times, || {
        nodes = store.referral_network().expect("network").nodes.len();
    });
    report(
        "referral_network()",
        &mut times,
        &format!("{nodes} people drawn"),
    );
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

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}
