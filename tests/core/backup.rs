//! Automatic backups and restoring one: what is copied while the app runs, when a backup is due,
//! how many are kept, what the list shows, and which backups a restore refuses.

mod common;

use std::path::{Path, PathBuf};

use coffeechat_core::exchange::backup::{backup_folder, list_backups, restore, BackupInfo};
use coffeechat_core::store::{schema_version, DATABASE_FILE};
use coffeechat_core::{Error, Store};

use common::{clock_at, expect_invalid, store_at, utc, Db};

/// The backups folder of `db`'s data file.
fn folder(db: &Db) -> PathBuf {
    backup_folder(&db.path())
}

fn file_names(backups: &[BackupInfo]) -> Vec<String> {
    backups.iter().map(|b| b.file_name.clone()).collect()
}

/// The names of the people in the SQLite file at `path`, read without writing to it.
fn people_in(path: &Path) -> Vec<String> {
    let conn = read_only(path);
    let mut statement = conn
        .prepare("SELECT name FROM people WHERE deleted_at IS NULL ORDER BY name")
        .unwrap();
    let names = statement.query_map([], |row| row.get(0)).unwrap();
    names.map(Result::unwrap).collect()
}

fn read_only(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn pragma_text(path: &Path, pragma: &str) -> String {
    read_only(path)
        .query_row(&format!("PRAGMA {pragma}"), [], |row| {
            row.get::<_, rusqlite::types::Value>(0)
        })
        .map(|value| match value {
            rusqlite::types::Value::Integer(n) => n.to_string(),
            rusqlite::types::Value::Text(text) => text,
            other => format!("{other:?}"),
        })
        .unwrap()
}

/// Every file in `folder`, by name, sorted.
fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Closes the store but keeps its folder, as the app does before a restore.
fn close(db: Db) -> (tempfile::TempDir, PathBuf) {
    let path = db.path();
    let Db { dir, .. } = db;
    (dir, path)
}

fn open_at(path: &Path, now: &str) -> Store {
    Store::open(path).unwrap().with_clock(clock_at(utc(now)))
}

// --- Taking a backup ----------------------------------------------------------------------

#[test]
fn a_backup_taken_while_another_connection_writes_holds_exactly_the_committed_data() {
    let mut db = store_at("2026-12-02 18:30");
    db.add("Dana Whitfield");
    db.add("Sam Ortiz");
    let wal = PathBuf::from(format!("{}-wal", db.path().display()));
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "set-up: committed data still in the log"
    );
    let writer = db.raw();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO people (name, created_at, updated_at)
                 VALUES ('Not Yet Saved', '2026-12-02 18:30:00+00:00', '2026-12-02 18:30:00+00:00');",
        )
        .unwrap();

    let info = db.back_up(&folder(&db)).unwrap();
    writer.execute_batch("COMMIT").unwrap();

    assert_eq!(info.file_name, "coffeechat-2026-12-02T183000Z.sqlite3");
    assert_eq!(info.path, folder(&db).join(&info.file_name));
    assert_eq!(info.taken_at, utc("2026-12-02 18:30"));
    assert_eq!((info.people, info.interviews), (2, 0));
    assert_eq!(info.schema_version, schema_version());
    assert!(info.restorable && info.problem.is_none(), "{info:?}");
    assert_eq!(
        info.size_bytes,
        std::fs::metadata(&info.path).unwrap().len()
    );
    assert_eq!(people_in(&info.path), ["Dana Whitfield", "Sam Ortiz"]);
    assert_eq!(pragma_text(&info.path, "integrity_check"), "ok");
    assert_eq!(
        pragma_text(&info.path, "user_version"),
        schema_version().to_string()
    );
    // One self-contained file: no log beside it, nothing temporary left over.
    assert_eq!(pragma_text(&info.path, "journal_mode"), "delete");
    assert_eq!(files_in(&folder(&db)), [info.file_name.as_str()]);
    assert_eq!(
        db.people("").unwrap().len(),
        3,
        "the writer's person did land"
    );
}

#[test]
fn two_backups_in_the_same_second_are_both_kept() {
    let mut db = store_at("2026-12-02 18:30");
    db.add("Dana Whitfield");
    let first = db.back_up(&folder(&db)).unwrap();
    db.add("Sam Ortiz");
    let second = db.back_up(&folder(&db)).unwrap();

    assert_eq!(first.file_name, "coffeechat-2026-12-02T183000Z.sqlite3");
    assert_eq!(second.file_name, "coffeechat-2026-12-02T183000Z-2.sqlite3");
    assert_eq!(people_in(&first.path), ["Dana Whitfield"]);
    assert_eq!(people_in(&second.path), ["Dana Whitfield", "Sam Ortiz"]);
    assert_eq!(
        file_names(&list_backups(&folder(&db)).unwrap()),
        [second.file_name, first.file_name],
        "the later one is listed first"
    );
}

#[test]
fn a_backup_is_due_once_none_was_taken_in_the_last_24_hours_by_the_clock() {
    let mut db = store_at("2026-12-02 18:30");
    let backups = folder(&db);
    let taken = |db: &Db| {
        db.back_up_if_due(&backups)
            .unwrap()
            .map(|info| info.file_name)
    };

    assert_eq!(
        taken(&db).as_deref(),
        Some("coffeechat-2026-12-02T183000Z.sqlite3"),
        "at the first start"
    );
    db.set_now("2026-12-02 19:30");
    assert_eq!(taken(&db), None, "an hour later");
    db.set_now("2026-12-03 18:29");
    assert_eq!(taken(&db), None, "a minute short of a day");
    db.set_now("2026-12-03 18:31");
    assert_eq!(
        taken(&db).as_deref(),
        Some("coffeechat-2026-12-03T183100Z.sqlite3"),
        "a day later"
    );
    db.set_now("2026-12-03 20:00");
    db.back_up(&backups).unwrap();
    db.set_now("2026-12-04 19:00");
    assert_eq!(taken(&db), None, "'Back up now' counts too");
    // A clock set back by a week still gets its daily backup: backups dated in its future do
    // not count as recent.
    db.set_now("2026-11-25 12:00");
    assert_eq!(
        taken(&db).as_deref(),
        Some("coffeechat-2026-11-25T120000Z.sqlite3")
    );
    assert_eq!(list_backups(&backups).unwrap().len(), 4);
}

#[test]
fn the_daily_backup_is_taken_apart_from_the_store_which_writes_meanwhile() {
    let mut db = store_at("2026-12-02 18:30");
    let backups = folder(&db);
    db.add("Dana Whitfield");
    let due = db
        .due_backup(&backups)
        .unwrap()
        .expect("due at the first start");
    // Found due, not taken yet: the store writes on, and the copy is the file as it is when
    // the copy begins.
    db.add("Sam Ortiz");
    db.set_now("2026-12-02 18:35");
    let info = due.take().unwrap();

    assert_eq!(info.file_name, "coffeechat-2026-12-02T183000Z.sqlite3");
    assert_eq!(people_in(&info.path), ["Dana Whitfield", "Sam Ortiz"]);
    assert_eq!(pragma_text(&info.path, "integrity_check"), "ok");
    assert_eq!(pragma_text(&info.path, "journal_mode"), "delete");
    assert_eq!(files_in(&backups), [info.file_name.as_str()]);
    assert!(
        db.due_backup(&backups).unwrap().is_none(),
        "not due again the same day"
    );
    db.add("Noor Haddad");
    assert_eq!(db.people("").unwrap().len(), 3, "the store still writes");
}

// --- Keeping the newest -------------------------------------------------------------------

#[test]
fn after_each_backup_only_the_newest_n_are_kept_and_other_files_are_left_alone() {
    let mut db = store_at("2026-12-01 09:00");
    let backups = folder(&db);
    std::fs::create_dir_all(&backups).unwrap();
    let others = [
        "coffeechat-my-copy.sqlite3",
        "coffeechat-2026-11-01T090000Z.sqlite3.bak",
        "notes.txt",
    ];
    for other in others {
        std::fs::write(backups.join(other), b"the user's own file").unwrap();
    }
    assert_eq!(db.backups_kept().unwrap(), 7, "the default");
    db.set_backups_kept(3).unwrap();

    for day in 1..=5 {
        db.set_now(&format!("2026-12-0{day} 09:00"));
        db.back_up_if_due(&backups).unwrap().unwrap();
    }

    let kept = file_names(&list_backups(&backups).unwrap());
    assert_eq!(
        kept,
        [
            "coffeechat-2026-12-05T090000Z.sqlite3",
            "coffeechat-2026-12-04T090000Z.sqlite3",
            "coffeechat-2026-12-03T090000Z.sqlite3",
        ]
    );
    let mut expected: Vec<String> = kept.into_iter().chain(others.map(String::from)).collect();
    expected.sort();
    assert_eq!(files_in(&backups), expected);
}

#[test]
fn the_default_keeps_a_week_of_daily_backups() {
    let mut db = store_at("2026-12-01 09:00");
    let backups = folder(&db);
    for day in 1..=9 {
        db.set_now(&format!("2026-12-{day:02} 09:00"));
        db.back_up_if_due(&backups).unwrap().unwrap();
    }
    let listed = list_backups(&backups).unwrap();
    assert_eq!(listed.len(), 7);
    assert_eq!(listed[0].taken_at, utc("2026-12-09 09:00"));
    assert_eq!(listed[6].taken_at, utc("2026-12-03 09:00"));
}

#[test]
fn the_number_of_backups_kept_is_between_1_and_60_and_survives_a_restart() {
    let mut db = store_at("2026-12-01 09:00");
    for refused in [0, 61, 1000] {
        expect_invalid(db.set_backups_kept(refused), "backups_kept");
    }
    assert_eq!(
        db.backups_kept().unwrap(),
        7,
        "a refused value changes nothing"
    );
    for accepted in [1, 60, 14] {
        db.set_backups_kept(accepted).unwrap();
        assert_eq!(db.backups_kept().unwrap(), accepted);
    }
    db.restart();
    assert_eq!(db.backups_kept().unwrap(), 14);
}

// --- Listing ------------------------------------------------------------------------------

#[test]
fn the_list_shows_each_backup_with_its_date_and_counts_newest_first() {
    let mut db = store_at("2026-12-01 09:00");
    let backups = folder(&db);
    assert_eq!(list_backups(&backups).unwrap(), [], "no folder yet");

    let dana = db.add("Dana Whitfield");
    db.back_up(&backups).unwrap();
    db.set_now("2026-12-02 09:00");
    db.create_interview(dana).unwrap();
    db.add("Sam Ortiz");
    let gone = db.add("Deleted Person");
    db.delete_person(gone).unwrap();
    db.back_up(&backups).unwrap();

    let listed = list_backups(&backups).unwrap();
    let rows: Vec<_> = listed
        .iter()
        .map(|b| (b.taken_at, b.people, b.interviews, b.restorable))
        .collect();
    assert_eq!(
        rows,
        [
            (utc("2026-12-02 09:00"), 2, 1, true),
            (utc("2026-12-01 09:00"), 1, 0, true),
        ],
        "the trashed person is not counted"
    );
    assert!(listed.iter().all(|b| b.size_bytes > 0));
    let json = serde_json::to_value(&listed[0]).unwrap();
    assert_eq!(json["file_name"], "coffeechat-2026-12-02T090000Z.sqlite3");
    assert_eq!(json["people"], 2);
    assert_eq!(json["problem"], serde_json::Value::Null);
}

#[test]
fn a_file_in_the_folder_that_is_not_a_database_is_listed_as_not_restorable() {
    let db = store_at("2026-12-02 09:00");
    let backups = folder(&db);
    db.back_up(&backups).unwrap();
    let stray = backups.join("coffeechat-2026-12-01T090000Z.sqlite3");
    std::fs::write(&stray, "Name,Email\nDana,dana@example.com\n".repeat(100)).unwrap();

    let listed = list_backups(&backups).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed[0].restorable);
    assert_eq!(listed[1].path, stray);
    assert!(!listed[1].restorable);
    let problem = listed[1].problem.as_deref().unwrap();
    assert!(problem.contains("cannot be read"), "{problem}");
}

// --- Restoring ----------------------------------------------------------------------------

#[test]
fn restoring_swaps_in_the_backup_and_first_backs_up_what_was_current() {
    let mut db = store_at("2026-12-01 09:00");
    db.add("Dana Whitfield");
    let monday = db.back_up(&folder(&db)).unwrap();
    db.set_now("2026-12-02 09:00");
    db.add("Sam Ortiz");
    db.add("Lee Park");
    let backups = folder(&db);
    let (_dir, path) = close(db);

    let clock = clock_at(utc("2026-12-02 10:00"));
    let safety = restore(&path, &monday.path, &clock).unwrap().unwrap();

    assert_eq!(
        safety.file_name,
        "coffeechat-2026-12-02T100000Z-before-restore.sqlite3"
    );
    assert_eq!((safety.people, safety.restorable), (3, true));
    let store = open_at(&path, "2026-12-02 10:00");
    assert_eq!(
        common::names(&store.people("").unwrap()),
        ["Dana Whitfield"]
    );
    assert_eq!(
        file_names(&list_backups(&backups).unwrap()),
        [safety.file_name.clone(), monday.file_name.clone()],
        "the backup restored from is still there"
    );
    assert_eq!(people_in(&monday.path), ["Dana Whitfield"]);
    drop(store);

    // The backup of what was current undoes the restore.
    restore(&path, &safety.path, &clock).unwrap();
    let store = open_at(&path, "2026-12-02 10:00");
    assert_eq!(store.people("").unwrap().len(), 3);
}

#[test]
fn restoring_after_a_crash_keeps_the_last_writes_that_were_still_in_the_log() {
    let mut db = store_at("2026-12-01 09:00");
    db.add("Dana Whitfield");
    let backup = db.back_up(&folder(&db)).unwrap();
    db.add("Sam Ortiz");
    // The files as a crash leaves them: the last write only in the -wal beside the data file.
    let crashed = tempfile::tempdir().unwrap();
    let path = crashed.path().join(DATABASE_FILE);
    for suffix in ["", "-wal", "-shm"] {
        std::fs::copy(
            format!("{}{suffix}", db.path().display()),
            format!("{}{suffix}", path.display()),
        )
        .unwrap();
    }
    let _backups_stay = close(db);

    let clock = clock_at(utc("2026-12-01 10:00"));
    let safety = restore(&path, &backup.path, &clock).unwrap().unwrap();

    assert_eq!(people_in(&safety.path), ["Dana Whitfield", "Sam Ortiz"]);
    assert!(!PathBuf::from(format!("{}-wal", path.display())).exists());
    let store = open_at(&path, "2026-12-01 10:00");
    assert_eq!(
        common::names(&store.people("").unwrap()),
        ["Dana Whitfield"]
    );
}

#[test]
fn restoring_over_a_file_sqlite_cannot_read_keeps_it_as_it_was_and_drops_its_log() {
    let mut db = store_at("2026-12-01 09:00");
    db.add("Dana Whitfield");
    db.raw()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let backup = db.back_up(&folder(&db)).unwrap();
    db.add("Sam Ortiz");
    // A data file overwritten by garbage, beside the log it had: the log must not be replayed
    // into the restored data.
    let broken = tempfile::tempdir().unwrap();
    let path = broken.path().join(DATABASE_FILE);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    std::fs::copy(format!("{}-wal", db.path().display()), &wal).unwrap();
    let damaged = vec![0x5a; std::fs::metadata(db.path()).unwrap().len() as usize];
    std::fs::write(&path, &damaged).unwrap();
    let _backups_stay = close(db);

    let safety = restore(&path, &backup.path, &clock_at(utc("2026-12-01 10:00")))
        .unwrap()
        .unwrap();

    assert_eq!(
        safety.file_name,
        "coffeechat-2026-12-01T100000Z-before-restore-as-is.sqlite3"
    );
    assert!(
        std::fs::read(&safety.path).unwrap() == damaged,
        "kept byte for byte"
    );
    assert!(!safety.restorable);
    assert!(!wal.exists());
    let store = open_at(&path, "2026-12-01 10:00");
    assert_eq!(
        common::names(&store.people("").unwrap()),
        ["Dana Whitfield"]
    );
    drop(store);
    assert_eq!(pragma_text(&path, "quick_check"), "ok");
}

/// Asserts that restoring `backup` over `db`'s file fails and changes neither file nor the
/// backups folder; returns the error.
fn refused_restore(db: Db, backup: &Path) -> Error {
    let backups = folder(&db);
    let (dir, path) = close(db);
    let data_before = std::fs::read(&path).unwrap();
    let backup_before = std::fs::read(backup).unwrap();
    let folder_before = files_in(&backups);
    let data_folder_before = files_in(dir.path());

    let error = restore(&path, backup, &clock_at(utc("2026-12-02 10:00")))
        .expect_err("restored a backup that should be refused");

    assert!(
        std::fs::read(&path).unwrap() == data_before,
        "data file changed"
    );
    assert!(
        std::fs::read(backup).unwrap() == backup_before,
        "backup changed"
    );
    assert_eq!(files_in(&backups), folder_before);
    assert_eq!(files_in(dir.path()), data_folder_before);
    error
}

#[test]
fn a_backup_from_a_newer_version_is_refused_and_neither_file_changes() {
    let mut db = store_at("2026-12-01 09:00");
    db.add("Dana Whitfield");
    let backup = db.back_up(&folder(&db)).unwrap();
    let newer = schema_version() + 1;
    rusqlite::Connection::open(&backup.path)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    db.add("Sam Ortiz");

    let listed = list_backups(&folder(&db)).unwrap();
    assert!(!listed[0].restorable);
    assert_eq!(listed[0].schema_version, newer);
    let problem = listed[0].problem.as_deref().unwrap();
    assert!(problem.contains("newer version"), "{problem}");

    let error = refused_restore(db, &backup.path);
    assert!(
        matches!(error, Error::TooNew { found, supported }
            if found == newer && supported == schema_version()),
        "{error:?}"
    );
    assert_eq!(error.code(), "database_too_new");
}

#[test]
fn a_damaged_backup_is_refused_and_neither_file_changes() {
    let mut db = store_at("2026-12-01 09:00");
    for n in 0..300 {
        db.add(&format!(
            "Person number {n} with a long enough name to fill pages"
        ));
    }
    let backup = db.back_up(&folder(&db)).unwrap();
    // A whole page in the middle overwritten, as a failing disk or a stray write leaves it.
    let mut bytes = std::fs::read(&backup.path).unwrap();
    let page = 4096;
    assert!(bytes.len() >= 8 * page, "set-up: {} bytes", bytes.len());
    let middle = bytes.len() / 2 / page * page;
    bytes[middle..middle + page].fill(0x5a);
    std::fs::write(&backup.path, &bytes).unwrap();

    let listed = list_backups(&folder(&db)).unwrap();
    assert!(!listed[0].restorable);
    let problem = listed[0].problem.as_deref().unwrap();
    assert!(problem.contains("damaged"), "{problem}");

    let error = refused_restore(db, &backup.path);
    assert_eq!(error.code(), "bad_file", "{error:?}");
    let message = error.to_string();
    assert!(message.contains("damaged"), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_as_a_backup() {
    let db = store_at("2026-12-01 09:00");
    let stray = db.dir.path().join("contacts.csv");
    std::fs::write(&stray, "Name,Email\nDana,dana@example.com\n").unwrap();
    let error = refused_restore(db, &stray);
    assert_eq!(error.code(), "bad_file", "{error:?}");
}

// --- Before an upgrade --------------------------------------------------------------------

/// A data file as version 4 of Coffee Chat left it, with one person.
fn version_4_file(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for migration in [
        include_str!("../../src-tauri/core/migrations/0001_initial.sql"),
        include_str!("../../src-tauri/core/migrations/0002_reminders.sql"),
        include_str!("../../src-tauri/core/migrations/0003_interview_method.sql"),
        include_str!("../../src-tauri/core/migrations/0004_upcoming_index.sql"),
    ] {
        conn.execute_batch(migration).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO people (id, name, created_at, updated_at)
             VALUES (1, 'Dana Whitfield', '2026-05-01 10:00:00+00:00', '2026-05-01 10:00:00+00:00');
         PRAGMA user_version = 4;",
    )
    .unwrap();
}

#[test]
fn opening_an_older_file_backs_it_up_before_upgrading_and_that_backup_restores() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    version_4_file(&path);
    let backups = backup_folder(&path);

    let mut store = open_at(&path, "2026-12-01 09:00");
    let listed = list_backups(&backups).unwrap();
    assert_eq!(listed.len(), 1);
    let before = &listed[0];
    let label = format!("-before-upgrade-to-{}.sqlite3", schema_version());
    assert!(before.file_name.ends_with(&label), "{}", before.file_name);
    assert_eq!(before.schema_version, 4);
    assert_eq!((before.people, before.restorable), (1, true));

    // The next start has nothing to upgrade, so no further backup.
    store.add_person(&common::person("Sam Ortiz")).unwrap();
    drop(store);
    let store = open_at(&path, "2026-12-01 09:00");
    assert_eq!(list_backups(&backups).unwrap().len(), 1);
    drop(store);

    // Going back to it upgrades it again on the next open, with just its own data.
    restore(&path, &before.path, &clock_at(utc("2026-12-01 10:00"))).unwrap();
    let store = open_at(&path, "2026-12-01 10:00");
    assert_eq!(
        common::names(&store.people("").unwrap()),
        ["Dana Whitfield"]
    );
    drop(store);
    assert_eq!(
        pragma_text(&path, "user_version"),
        schema_version().to_string()
    );
}

#[test]
fn a_new_file_or_a_refused_newer_one_makes_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    drop(Store::open(&path).unwrap());
    assert_eq!(files_in(&backup_folder(&path)), Vec::<String>::new());

    let newer = tempfile::tempdir().unwrap();
    let path = newer.path().join(DATABASE_FILE);
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", schema_version() + 1)
        .unwrap();
    assert!(Store::open(&path).is_err());
    assert_eq!(files_in(newer.path()), [DATABASE_FILE]);
}
