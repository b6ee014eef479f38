//! Opening the data file: a new file, an existing one, one from a newer version, and files that
//! are not Coffee Chat data at all.

mod common;

use std::path::{Path, PathBuf};

use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::settings::Settings;
use coffeechat_core::store::{schema_version, DATABASE_FILE};
use coffeechat_core::{Error, Store};

use common::{clock_at, interview_form, store_at, utc};

fn pragma(path: &Path, name: &str) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("PRAGMA {name}"), [], |row| {
        row.get::<_, rusqlite::types::Value>(0)
    })
    .map(|value| match value {
        rusqlite::types::Value::Integer(n) => n.to_string(),
        rusqlite::types::Value::Text(text) => text,
        other => format!("{other:?}"),
    })
    .unwrap()
}

/// The files SQLite keeps beside a database while it is in use.
fn side_files(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", path.display())))
        .filter(|side| side.exists())
        .collect()
}

#[test]
fn a_new_file_gets_the_current_schema_in_wal_mode() {
    let db = store_at("2026-05-04 10:00");
    assert!(db.path().is_file());
    assert_eq!(
        pragma(&db.path(), "user_version"),
        schema_version().to_string()
    );
    assert_eq!(pragma(&db.path(), "journal_mode"), "wal");
    // The migration ran as a whole: its last statement filled the question bank.
    assert_eq!(db.question_bank().unwrap().len(), 8);
}

#[test]
fn foreign_keys_are_on_so_purging_a_person_leaves_nothing_about_them() {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add("Dana Whitfield");
    let interview = db.create_interview(dana).unwrap();
    db.prepare_question(
        interview,
        &coffeechat_core::questions::PrepareQuestion {
            question_id: None,
            text: "What surprised you?".into(),
        },
    )
    .unwrap();
    db.add_tip(interview, "Read the team's blog", None).unwrap();
    assert_eq!(db.count("reminders"), 1, "the tip's follow-up");
    let sam = db
        .add_person(&PersonInput {
            referred_by_id: Some(dana),
            ..common::person("Sam Ortiz")
        })
        .unwrap();

    db.delete_person(dana).unwrap();
    db.set_now("2026-06-04 10:00");
    assert_eq!(db.purge_old_trash().unwrap(), 1);

    for table in [
        format!("people WHERE id = {dana}"),
        format!("person_search WHERE rowid = {dana}"),
        "interviews".into(),
        "interview_events".into(),
        "interview_questions".into(),
        "tips".into(),
        "reminders".into(),
    ] {
        assert_eq!(db.count(&table), 0, "{table}");
    }
    // Who Dana referred stays, without a link to someone who is gone.
    assert_eq!(db.person(sam).unwrap().referred_by_id, None);
}

#[test]
fn reopening_a_file_keeps_the_data() {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db
        .add_person(&PersonInput {
            organisation: "Acme Robotics".into(),
            email: "dana@example.com".into(),
            notes: "Knows everyone in UX research.".into(),
            ..common::person("Dana Whitfield")
        })
        .unwrap();
    let interview = db.create_interview(dana).unwrap();
    db.update_interview(
        interview,
        &InterviewInput {
            scheduled_local: Some("2026-05-12T14:00".into()),
            notes: "Ask about the research ops team.".into(),
            ..interview_form()
        },
    )
    .unwrap();
    db.update_settings(&Settings {
        default_planned_minutes: 30,
        ..Settings::default()
    })
    .unwrap();
    let before = serde_json::to_value(db.person(dana).unwrap()).unwrap();
    let interview_before = serde_json::to_value(db.interview(interview).unwrap()).unwrap();
    let common::Db { dir, .. } = db;

    let path = dir.path().join(DATABASE_FILE);
    let reopened = Store::open(&path)
        .unwrap()
        .with_clock(clock_at(utc("2026-05-05 10:00")));
    assert_eq!(
        serde_json::to_value(reopened.person(dana).unwrap()).unwrap(),
        before
    );
    assert_eq!(
        serde_json::to_value(reopened.interview(interview).unwrap()).unwrap(),
        interview_before
    );
    assert_eq!(reopened.settings().unwrap().default_planned_minutes, 30);
    assert_eq!(
        common::names(&reopened.people("acme").unwrap()),
        ["Dana Whitfield"]
    );
    assert_eq!(
        reopened.question_bank().unwrap().len(),
        8,
        "migrations ran once"
    );
    drop(reopened);
    assert_eq!(pragma(&path, "user_version"), schema_version().to_string());
}

/// Writes a database as a newer Coffee Chat would, in `journal_mode`, with `user_version`.
fn newer_database(path: &Path, journal_mode: &str, user_version: i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", journal_mode)
        .unwrap();
    conn.execute_batch(&format!(
        "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, pronouns TEXT);
         INSERT INTO people (name, pronouns) VALUES ('Dana Whitfield', 'she/her');
         PRAGMA user_version = {user_version};"
    ))
    .unwrap();
}

fn check_newer_is_refused(journal_mode: &str, user_version: i64) {
    let case = format!("{journal_mode}, version {user_version}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    newer_database(&path, journal_mode, user_version);
    assert_eq!(side_files(&path), Vec::<PathBuf>::new(), "{case}: set-up");
    let bytes = std::fs::read(&path).unwrap();

    let error = Store::open(&path).err().expect(&case);
    assert!(
        matches!(error, Error::TooNew { found, supported }
            if found == user_version && supported == schema_version()),
        "{case}: {error:?}"
    );
    assert_eq!(error.code(), "database_too_new");
    let message = error.to_string();
    assert!(message.contains("newer version"), "{message}");
    assert!(message.contains("left untouched"), "{message}");

    assert!(
        std::fs::read(&path).unwrap() == bytes,
        "{case}: file changed"
    );
    assert_eq!(side_files(&path), Vec::<PathBuf>::new(), "{case}");
    assert_eq!(pragma(&path, "user_version"), user_version.to_string());
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_byte_for_byte_untouched() {
    check_newer_is_refused("delete", schema_version() + 1);
    check_newer_is_refused("wal", schema_version() + 1);
    check_newer_is_refused("delete", 99);
}

fn check_not_a_database(contents: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(&path, contents).unwrap();

    let error = Store::open(&path)
        .err()
        .expect("opened a file that is not SQLite");
    assert!(
        matches!(&error, Error::NotADatabase { path: p } if *p == path),
        "{error:?}"
    );
    assert_eq!(error.code(), "not_a_database");
    assert!(error.to_string().contains("not an SQLite database"));
    assert_eq!(std::fs::read(&path).unwrap(), contents, "file changed");
    assert_eq!(side_files(&path), Vec::<PathBuf>::new());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_kept() {
    check_not_a_database(b"First Name,Last Name,Email Address\nDana,Whitfield,dana@example.com\n");
    check_not_a_database(b"{}\n");
    check_not_a_database(&[
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13,
    ]);
    check_not_a_database(&"Coffee Chat notes. ".repeat(1_000).into_bytes());
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.people("").unwrap().is_empty());
    drop(store);
    assert_eq!(pragma(&path, "user_version"), schema_version().to_string());
}

#[test]
fn the_data_folder_is_created_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("home")
        .join("Coffee Chat")
        .join(DATABASE_FILE);
    let mut store = Store::open(&path).unwrap();
    store.add_person(&common::person("Dana Whitfield")).unwrap();
    assert!(path.is_file());
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.people("").unwrap()[0].name, "Dana Whitfield");
}

#[test]
fn a_data_folder_that_cannot_be_made_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("Coffee Chat");
    std::fs::write(&blocker, b"a file where the folder should be").unwrap();
    let error = Store::open(&blocker.join(DATABASE_FILE))
        .err()
        .expect("opened a database inside a file");
    assert!(
        matches!(&error, Error::Io { path, .. } if *path == blocker),
        "{error:?}"
    );
    assert_eq!(error.code(), "io");
}

/// Whether a copy of the data file alone, without its `-wal` and `-shm`, holds `name`.
fn copy_of_the_data_file_alone_has(path: &Path, name: &str) -> bool {
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join(DATABASE_FILE);
    std::fs::copy(path, &copy).unwrap();
    let conn = rusqlite::Connection::open_with_flags(
        format!("file:{}?mode=ro", copy.display()),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap();
    // Without a checkpoint even the tables may be missing from the data file alone.
    conn.query_row(
        "SELECT count(*) FROM people WHERE name = ?1",
        [name],
        |row| row.get::<_, i64>(0),
    )
    .is_ok_and(|count| count == 1)
}

fn wal_size(path: &Path) -> Option<u64> {
    std::fs::metadata(format!("{}-wal", path.display()))
        .ok()
        .map(|meta| meta.len())
}

#[test]
fn a_checkpoint_empties_the_log_so_the_data_file_alone_is_a_full_copy() {
    let mut db = store_at("2026-05-04 10:00");
    db.add("Dana Whitfield");
    assert!(
        wal_size(&db.path()).unwrap_or(0) > 0,
        "the write went to the log first"
    );
    assert!(
        !copy_of_the_data_file_alone_has(&db.path(), "Dana Whitfield"),
        "without a checkpoint the data file alone misses the last write"
    );

    db.checkpoint().unwrap();

    assert_eq!(wal_size(&db.path()), Some(0), "the log is emptied");
    assert!(copy_of_the_data_file_alone_has(
        &db.path(),
        "Dana Whitfield"
    ));
    // The store goes on working after a checkpoint.
    db.add("Sam Ortiz");
    assert_eq!(db.people("").unwrap().len(), 2);
}

#[test]
fn closing_checkpoints_and_removes_the_side_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let mut store = Store::open(&path).unwrap();
    store.add_person(&common::person("Dana Whitfield")).unwrap();
    assert!(wal_size(&path).unwrap_or(0) > 0);

    store.close().unwrap();

    assert_eq!(side_files(&path), Vec::<PathBuf>::new());
    assert!(copy_of_the_data_file_alone_has(&path, "Dana Whitfield"));
}
