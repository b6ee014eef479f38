//! Crash cycles: a writer on the real store (`Store::open`, `add_person`, `update_person`, as
//! the app makes them) is killed with SIGKILL at a random moment while it writes, then the file
//! is opened again as the next start does. Every cycle checks `PRAGMA integrity_check` and that
//! every write the writer acknowledged (printed after its transaction committed) is there.
//!
//! The writer is this same test binary, started again with `CRASH_WRITER_DB` set, so no other
//! program is needed. `CRASH_CYCLES` sets the number of cycles (30 in the suite;
//! `scripts/crash-cycles.sh` runs 1,000) and `CRASH_SEED` replays a run.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use coffeechat_core::people::PersonInput;
use coffeechat_core::Store;

use common::person;

const WRITER_DB: &str = "CRASH_WRITER_DB";
const WRITER_CYCLE: &str = "CRASH_WRITER_CYCLE";
/// A fresh data file every this many cycles keeps the file (and each start's check) small.
const CYCLES_PER_FILE: usize = 50;
/// The person whose notes each writer updates with its running count.
const COUNTER: &str = "Crash Counter";

/// The writer: adds people and updates the counter as fast as it can, printing each write once
/// it is committed, until it is killed. A plain run of the suite skips it.
#[test]
fn writer_until_killed() {
    let Some(path) = std::env::var_os(WRITER_DB) else {
        return;
    };
    let cycle: usize = std::env::var(WRITER_CYCLE).unwrap().parse().unwrap();
    let mut store = Store::open(Path::new(&path)).expect("the data file opens after a crash");
    let counter = match store.people(COUNTER).unwrap().first() {
        Some(found) => found.id,
        None => store.add_person(&person(COUNTER)).unwrap(),
    };
    let mut random = Random::new(cycle as u64 + 1);
    for n in 0.. {
        let name = format!("Crash {cycle}-{n}");
        let notes = "note ".repeat(random.below(200) as usize);
        store
            .add_person(&PersonInput {
                notes,
                ..person(&name)
            })
            .unwrap();
        println!("added {name}");
        if n % 4 == 0 {
            store
                .update_person(
                    counter,
                    &PersonInput {
                        notes: format!("{cycle}-{n}"),
                        ..person(COUNTER)
                    },
                )
                .unwrap();
            println!("counted {cycle}-{n}");
        }
    }
}

#[test]
fn a_writer_killed_at_random_moments_loses_no_acknowledged_write() {
    let cycles: usize = std::env::var("CRASH_CYCLES").map_or(30, |n| n.parse().unwrap());
    let seed: u64 = std::env::var("CRASH_SEED").map_or_else(
        |_| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        },
        |s| s.parse().unwrap(),
    );
    let mut random = Random::new(seed);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let (mut acknowledged, mut lost, mut intact) = (0usize, 0usize, 0usize);
    for cycle in 0..cycles {
        let path = dir
            .path()
            .join(format!("data-{}.sqlite3", cycle / CYCLES_PER_FILE));
        let after_first_write = Duration::from_micros(random.below(60_000));
        let acked = run_and_kill(&path, cycle, after_first_write);
        let found = check(&path);
        intact += usize::from(found.integrity == "ok");
        let missing: Vec<&String> = acked
            .added
            .iter()
            .filter(|name| !found.names.contains(*name))
            .collect();
        let counted_back = acked
            .last_count
            .as_ref()
            .is_some_and(|count| !found.count_at_least(count));
        acknowledged += acked.added.len() + acked.counted;
        lost += missing.len() + usize::from(counted_back);
        assert_eq!(
            found.integrity, "ok",
            "cycle {cycle} (seed {seed}): integrity_check"
        );
        assert!(
            missing.is_empty() && !counted_back,
            "cycle {cycle} (seed {seed}): acknowledged writes missing after the kill: {missing:?}, \
             counter {:?} (acknowledged {:?})",
            found.counter,
            acked.last_count
        );
    }
    println!(
        "\ncrash cycles: {cycles}, acknowledged writes: {acknowledged}, lost: {lost}, \
         integrity_check ok: {intact}/{cycles}, seed {seed}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// What one writer acknowledged before it was killed.
struct Acknowledged {
    added: Vec<String>,
    counted: usize,
    last_count: Option<String>,
}

/// Starts a writer on `path`, lets it write for `after_first_write` once its first write is
/// acknowledged, and kills it with SIGKILL.
fn run_and_kill(path: &Path, cycle: usize, after_first_write: Duration) -> Acknowledged {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "writer_until_killed",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WRITER_DB, path)
        .env(WRITER_CYCLE, cycle.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let reader = {
        let lines = Arc::clone(&lines);
        let stdout = child.stdout.take().unwrap();
        thread::spawn(move || {
            // A line cut by the kill has no newline and was never acknowledged.
            for line in BufReader::new(stdout).split(b'\n').map_while(Result::ok) {
                lines
                    .lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&line).into_owned());
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while !lines
        .lock()
        .unwrap()
        .iter()
        .any(|l| l.starts_with("added "))
    {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the writer of cycle {cycle} ended by itself: {status}");
        }
        assert!(Instant::now() < deadline, "the writer never wrote");
        thread::sleep(Duration::from_millis(1));
    }
    thread::sleep(after_first_write);
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    let lines = lines.lock().unwrap();
    let added = lines
        .iter()
        .filter_map(|l| l.strip_prefix("added "))
        .map(str::to_owned)
        .collect();
    let counts: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("counted "))
        .collect();
    Acknowledged {
        added,
        counted: counts.len(),
        last_count: counts.last().map(|c| (*c).to_owned()),
    }
}

/// The data file as the next start finds it.
struct Found {
    integrity: String,
    names: HashSet<String>,
    counter: String,
}

impl Found {
    /// Whether the counter holds `count` ("cycle-n") or a later one.
    fn count_at_least(&self, count: &str) -> bool {
        let parse = |text: &str| -> Option<(usize, usize)> {
            let (cycle, n) = text.split_once('-')?;
            Some((cycle.parse().ok()?, n.parse().ok()?))
        };
        parse(&self.counter) >= parse(count)
    }
}

fn check(path: &PathBuf) -> Found {
    // The next start: recovery of the write-ahead log, migrations, the quick check, the purge.
    let store = Store::open(path).expect("the data file opens after the kill");
    drop(store);
    let conn = rusqlite::Connection::open(path).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    let mut statement = conn.prepare("SELECT name, notes FROM people").unwrap();
    let mut names = HashSet::new();
    let mut counter = String::new();
    let rows = statement
        .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get(1)?)))
        .unwrap();
    for row in rows {
        let (name, notes) = row.unwrap();
        if name == COUNTER {
            counter = notes;
        }
        names.insert(name);
    }
    Found {
        integrity,
        names,
        counter,
    }
}

/// xorshift64*: enough randomness for kill moments, reproducible from the printed seed.
struct Random(u64);

impl Random {
    fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % bound
    }
}
