//! The data file itself going wrong, on real files: deleted, moved or replaced while the store is
//! open (the next write is refused, and the data can be written back); held by another
//! connection past the busy timeout; damaged in the middle; read-only. Each says so with its own
//! error code, and none is changed by the attempt.

mod common;

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use coffeechat_core::people::PersonInput;
use coffeechat_core::store::{Reattached, DATABASE_FILE};
use coffeechat_core::{Error, Store};

use common::{names, person};

/// A store on a new file in its own temporary folder.
fn new_store() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn add(store: &mut Store, name: &str) -> Result<i64, Error> {
    store.add_person(&person(name))
}

#[track_caller]
fn expect_code<T>(result: Result<T, Error>, code: &str) -> Error {
    match result {
        Err(error) if error.code() == code => error,
        Err(error) => panic!("expected {code}, got {error:?}"),
        Ok(_) => panic!("expected {code}, got success"),
    }
}

fn people_on_disk(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut statement = conn.prepare("SELECT name FROM people ORDER BY id").unwrap();
    let rows = statement.query_map([], |row| row.get(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

fn digest(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_data_file_deleted_while_open_refuses_the_next_write_and_can_be_written_back() {
    let (_dir, path, mut store) = new_store();
    add(&mut store, "Dana Whitfield").unwrap();

    // A user deletes the file in their file manager (the -wal and -shm beside it stay).
    std::fs::remove_file(&path).unwrap();

    let refused = expect_code(add(&mut store, "Sam Ortiz"), "data_file_gone");
    assert!(
        refused.to_string().contains("moved or deleted"),
        "{refused}"
    );
    assert!(!refused.retry_may_help());
    assert!(store.check_writable().is_err());
    // Nothing pretended to save, and nothing was created at the path.
    assert!(!path.exists());
    // What the store holds can still be read, and written back where it belongs.
    assert_eq!(names(&store.people("").unwrap()), ["Dana Whitfield"]);
    assert_eq!(store.reattach().unwrap(), Reattached::WrittenBack);
    add(&mut store, "Sam Ortiz").unwrap();
    drop(store);
    assert_eq!(people_on_disk(&path), ["Dana Whitfield", "Sam Ortiz"]);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.people("").unwrap().len(), 2);
}

#[test]
fn deleting_the_file_and_its_log_loses_nothing_the_store_holds() {
    let (_dir, path, mut store) = new_store();
    for name in ["Dana Whitfield", "Sam Ortiz", "Lee Park"] {
        add(&mut store, name).unwrap();
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(side(&path, suffix));
    }
    expect_code(add(&mut store, "Kim Lopez"), "data_file_gone");
    // A tick of the scheduler is a write too: it claims nothing into the void.
    expect_code(store.tick(), "data_file_gone");

    assert_eq!(store.reattach().unwrap(), Reattached::WrittenBack);
    assert_eq!(store.reattach().unwrap(), Reattached::Unchanged);
    drop(store);
    assert_eq!(
        people_on_disk(&path),
        ["Dana Whitfield", "Sam Ortiz", "Lee Park"]
    );
}

#[test]
fn a_data_file_moved_away_refuses_writes_until_it_is_back() {
    let (dir, path, mut store) = new_store();
    add(&mut store, "Dana Whitfield").unwrap();
    let elsewhere = dir.path().join("moved.sqlite3");
    std::fs::rename(&path, &elsewhere).unwrap();

    expect_code(add(&mut store, "Sam Ortiz"), "data_file_gone");

    // Moved back, it is the same file again: writes go on.
    std::fs::rename(&elsewhere, &path).unwrap();
    store.check_writable().unwrap();
    add(&mut store, "Sam Ortiz").unwrap();
    drop(store);
    assert_eq!(people_on_disk(&path), ["Dana Whitfield", "Sam Ortiz"]);
}

#[test]
fn another_file_put_in_its_place_is_not_written_into_but_opened_keeping_a_copy() {
    let (dir, path, mut store) = new_store();
    add(&mut store, "Dana Whitfield").unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let other = other_dir.path().join(DATABASE_FILE);
    let mut other_store = Store::open(&other).unwrap();
    add(&mut other_store, "Restored Person").unwrap();
    other_store.close().unwrap();

    std::fs::rename(&path, dir.path().join("old.sqlite3")).unwrap();
    std::fs::copy(&other, &path).unwrap();
    expect_code(add(&mut store, "Sam Ortiz"), "data_file_gone");
    // Not even looked at with another connection: the -wal beside it is the old file's, and
    // SQLite would read the new file through it.
    assert!(
        digest(&path) == digest(&other),
        "the file put there was written into"
    );

    let Reattached::OpenedTheFileThere { kept } = store.reattach().unwrap() else {
        panic!("expected the file put there to be opened");
    };
    assert_eq!(people_on_disk(&kept), ["Dana Whitfield"]);
    add(&mut store, "Sam Ortiz").unwrap();
    assert_eq!(
        names(&store.people("").unwrap()),
        ["Restored Person", "Sam Ortiz"]
    );
}

#[test]
fn a_data_file_held_by_another_connection_past_the_busy_timeout_is_refused_then_opens() {
    let (_dir, path, mut store) = new_store();
    add(&mut store, "Dana Whitfield").unwrap();
    store.close().unwrap();

    // Another program (a sync tool, a database viewer) holds an exclusive transaction.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN EXCLUSIVE; INSERT INTO settings (key, value) VALUES ('x', '1');")
        .unwrap();
    let started = std::time::Instant::now();
    let refused = expect_code(Store::open(&path), "data_file_locked");
    assert!(started.elapsed() >= std::time::Duration::from_secs(4));
    assert!(refused.retry_may_help());
    assert!(
        refused.to_string().contains("Another program is holding"),
        "{refused}"
    );

    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    let store = Store::open(&path).unwrap();
    assert_eq!(names(&store.people("").unwrap()), ["Dana Whitfield"]);
}

/// A closed data file with enough people that it spans many pages.
fn file_with_people() -> (tempfile::TempDir, PathBuf) {
    let (dir, path, mut store) = new_store();
    for n in 0..300 {
        store
            .add_person(&PersonInput {
                notes: format!("Notes about person {n}: {}", "words ".repeat(60)),
                ..person(&format!("Person {n}"))
            })
            .unwrap();
    }
    store.close().unwrap();
    (dir, path)
}

#[test]
fn a_data_file_damaged_in_the_middle_is_refused_untouched() {
    let (_dir, path) = file_with_people();
    damage_the_middle(&path);
    let before = digest(&path);

    let refused = expect_code(Store::open(&path), "data_file_corrupt");
    assert!(refused.to_string().contains("is damaged"), "{refused}");
    assert!(
        refused.to_string().contains("Restore a backup"),
        "{refused}"
    );
    assert!(!refused.retry_may_help());
    assert!(digest(&path) == before, "the damaged file was changed");
}

/// Damages a page in the middle of the closed file at `path`.
fn damage_the_middle(path: &Path) {
    let length = std::fs::metadata(path).unwrap().len();
    assert!(length > 100_000, "{length} bytes");
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(length / 2 / 4096 * 4096))
        .unwrap();
    file.write_all(&[0xA5; 4096]).unwrap();
}

#[test]
fn opened_before_its_check_the_store_reads_at_once_and_its_writes_wait_for_the_check() {
    let (_dir, path) = file_with_people();
    let (mut store, check) = Store::open_checking_later(&path).unwrap();
    assert_eq!(store.today().unwrap().people_count, 300);

    let (done, written) = std::sync::mpsc::channel();
    let writer = std::thread::spawn(move || {
        let added = add(&mut store, "Written while the check ran");
        done.send(()).unwrap();
        added.map(|_| store)
    });
    assert!(
        written
            .recv_timeout(std::time::Duration::from_millis(300))
            .is_err(),
        "a write went through before the file was checked"
    );
    check.run().unwrap();
    let mut store = writer.join().unwrap().unwrap();
    store.finish_opening().unwrap();
    store.close().unwrap();
    assert!(people_on_disk(&path).contains(&"Written while the check ran".to_owned()));
}

#[test]
fn a_damaged_file_opened_before_its_check_refuses_every_write_once_the_check_fails() {
    let (_dir, path) = file_with_people();
    damage_the_middle(&path);
    let before = digest(&path);

    let (mut store, check) = Store::open_checking_later(&path).unwrap();
    let failed = expect_code(check.run(), "data_file_corrupt");
    assert!(failed.to_string().contains("is damaged"), "{failed}");
    expect_code(add(&mut store, "Not written"), "data_file_corrupt");
    expect_code(store.finish_opening(), "data_file_corrupt");
    drop(store);
    assert!(digest(&path) == before, "the damaged file was changed");
}

#[test]
fn a_check_dropped_without_running_runs_then_so_writes_never_wait_forever() {
    let (_dir, path) = file_with_people();
    let (mut store, check) = Store::open_checking_later(&path).unwrap();
    drop(check);
    add(&mut store, "Written after the check").unwrap();
}

#[test]
fn a_data_file_whose_header_is_overwritten_is_not_a_database() {
    let (_dir, path) = file_with_people();
    let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.write_all(&[0u8; 100]).unwrap();
    drop(file);
    expect_code(Store::open(&path), "not_a_database");
}

/// Makes a file read-only for as long as it lives. chmod 0444 stops an ordinary user; root
/// writes through it, so there the file is made immutable with `chattr +i` (ext4, btrfs, xfs).
struct ReadOnlyFile {
    path: PathBuf,
    immutable: bool,
}

impl ReadOnlyFile {
    fn new(path: &Path) -> Self {
        let mut permissions = std::fs::metadata(path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(path, permissions).unwrap();
        let mut guard = Self {
            path: path.to_path_buf(),
            immutable: false,
        };
        if writable(path) {
            let status = Command::new("chattr").arg("+i").arg(path).status();
            guard.immutable = status.is_ok_and(|s| s.success());
        }
        assert!(
            !writable(path),
            "cannot make {} read-only here: chmod does not stop this user and chattr +i failed",
            path.display()
        );
        guard
    }
}

impl Drop for ReadOnlyFile {
    fn drop(&mut self) {
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.path).status();
        }
        if let Ok(metadata) = std::fs::metadata(&self.path) {
            let mut permissions = metadata.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            let _ = std::fs::set_permissions(&self.path, permissions);
        }
    }
}

fn writable(path: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

#[test]
fn a_read_only_data_file_opens_for_reading_and_refuses_writes_until_it_is_writable() {
    let (_dir, path, mut store) = new_store();
    add(&mut store, "Dana Whitfield").unwrap();
    store.close().unwrap();
    let before = digest(&path);
    let read_only = ReadOnlyFile::new(&path);

    let mut store = Store::open(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(names(&store.people("").unwrap()), ["Dana Whitfield"]);
    let refused = expect_code(add(&mut store, "Sam Ortiz"), "data_file_read_only");
    assert!(refused.to_string().contains("read-only"), "{refused}");
    assert!(refused.retry_may_help());
    expect_code(store.tick(), "data_file_read_only");
    assert!(!store.writable_again());
    assert!(digest(&path) == before, "the read-only file was changed");

    drop(read_only);
    assert!(store.writable_again());
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert!(!store.is_read_only());
    add(&mut store, "Sam Ortiz").unwrap();
}

#[test]
fn a_read_only_data_file_that_needs_an_upgrade_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE old (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;")
        .unwrap();
    drop(conn);
    let before = digest(&path);
    let _read_only = ReadOnlyFile::new(&path);

    let refused = expect_code(Store::open(&path), "data_file_read_only");
    assert!(
        refused.to_string().contains("Make it writable"),
        "{refused}"
    );
    assert!(digest(&path) == before);
}
