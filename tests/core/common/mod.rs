//! What every core integration test needs: a store on a real temporary SQLite file, a clock
//! stopped at a chosen instant in a fixed zone, and short ways to check errors.

// Each test file uses its own share of these helpers.
#![allow(dead_code)]

use std::fmt::Debug;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::{PersonInput, PersonSummary};
use coffeechat_core::reminders::ReminderKind;
use coffeechat_core::store::DATABASE_FILE;
use coffeechat_core::{Error, FixedClock, Result, Store};
use tempfile::TempDir;

/// The user's zone in these tests: two hours east of UTC, like Berlin in summer. A fixed offset
/// has no daylight-saving gaps, so those are left to the clock's own unit tests.
pub fn zone() -> FixedOffset {
    FixedOffset::east_opt(2 * 3600).unwrap()
}

/// The instant written "YYYY-MM-DD HH:MM" in UTC.
pub fn utc(text: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .unwrap_or_else(|e| panic!("bad test instant {text:?}: {e}"))
        .and_utc()
}

pub fn clock_at(now: DateTime<Utc>) -> FixedClock<FixedOffset> {
    FixedClock { now, zone: zone() }
}

/// A store on a fresh SQLite file in its own temporary folder. It derefs to [`Store`].
pub struct Db {
    pub dir: TempDir,
    store: Store,
}

/// A new, empty store whose clock stands at `now` ("YYYY-MM-DD HH:MM" UTC).
pub fn store_at(now: &str) -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join(DATABASE_FILE))
        .unwrap()
        .with_clock(clock_at(utc(now)));
    Db { dir, store }
}

impl Db {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join(DATABASE_FILE)
    }

    /// Moves the clock to `now` ("YYYY-MM-DD HH:MM" UTC).
    pub fn set_now(&mut self, now: &str) {
        self.set_instant(utc(now));
    }

    pub fn set_instant(&mut self, now: DateTime<Utc>) {
        let placeholder = Store::open_in_memory().unwrap();
        let store = std::mem::replace(&mut self.store, placeholder);
        self.store = store.with_clock(clock_at(now));
    }

    /// Closes the store and opens its file again, as the next start of the app does.
    pub fn restart(&mut self) {
        let now = self.clock().now();
        let placeholder = Store::open_in_memory().unwrap();
        drop(std::mem::replace(&mut self.store, placeholder));
        self.store = Store::open(&self.path()).unwrap().with_clock(clock_at(now));
    }

    /// Another store on the same file at the same instant: a second process.
    pub fn second_process(&self) -> Store {
        Store::open(&self.path())
            .unwrap()
            .with_clock(clock_at(self.clock().now()))
    }

    /// A second connection to the same file, to look at (or arrange) what the API does not show.
    pub fn raw(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.path()).unwrap()
    }

    /// Open reminders as stored, soonest first: (kind, due in UTC).
    pub fn open_reminders(&self) -> Vec<(ReminderKind, DateTime<Utc>)> {
        let conn = self.raw();
        let mut statement = conn
            .prepare("SELECT kind, due_at FROM reminders WHERE done_at IS NULL ORDER BY due_at, id")
            .unwrap();
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    }

    /// The id of the open reminder of `kind` (there must be exactly one).
    pub fn open_reminder_id(&self, kind: ReminderKind) -> i64 {
        self.raw()
            .query_row(
                "SELECT id FROM reminders WHERE kind = ?1 AND done_at IS NULL",
                [kind.as_str()],
                |row| row.get(0),
            )
            .unwrap()
    }

    /// How many rows `table` holds, trash included.
    pub fn count(&self, table: &str) -> i64 {
        self.raw()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })
            .unwrap()
    }

    /// Adds a person with just a name.
    pub fn add(&mut self, name: &str) -> i64 {
        self.add_person(&person(name)).unwrap()
    }

    /// Adds a person with a name and an organisation.
    pub fn add_at(&mut self, name: &str, organisation: &str) -> i64 {
        self.add_person(&PersonInput {
            organisation: organisation.into(),
            ..person(name)
        })
        .unwrap()
    }

    /// The names `people(query)` finds, in the order it lists them.
    pub fn found(&self, query: &str) -> Vec<String> {
        names(&self.people(query).unwrap())
    }
}

impl Deref for Db {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for Db {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

pub fn person(name: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        ..PersonInput::default()
    }
}

/// An interview form as a user leaves it untouched: the planned length is the only required value.
pub fn interview_form() -> InterviewInput {
    InterviewInput {
        planned_minutes: 20,
        ..InterviewInput::default()
    }
}

pub fn names(people: &[PersonSummary]) -> Vec<String> {
    people.iter().map(|p| p.name.clone()).collect()
}

/// Asserts that `result` was refused as invalid input for the form field `field`.
#[track_caller]
pub fn expect_invalid<T: Debug>(result: Result<T>, field: &str) {
    match result {
        Err(error @ Error::Invalid { .. }) => {
            assert_eq!(error.code(), "invalid");
            assert_eq!(error.field(), Some(field), "message: {error}");
            assert!(!error.to_string().is_empty());
        }
        other => panic!("expected invalid input for {field:?}, got {other:?}"),
    }
}

/// Asserts that `result` failed because the `what` it names does not exist (or is in the trash).
#[track_caller]
pub fn expect_not_found<T: Debug>(result: Result<T>, what: &str) {
    match result {
        Err(Error::NotFound { what: found }) => assert_eq!(found, what),
        other => panic!("expected {what} not found, got {other:?}"),
    }
}

/// A zip archive holding `files` (path inside the archive, bytes), deflated as LinkedIn's export
/// is.
pub fn zip_archive(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}
