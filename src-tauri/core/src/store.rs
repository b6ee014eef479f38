//! Opening the SQLite file: pragmas, migrations, the newer-version refusal, the integrity check
//! (see [`crate::integrity`]), and the transaction helpers every write goes through.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Row, Transaction, TransactionBehavior, MAIN_DB};
use rusqlite_migration::{Migrations, M};

use crate::clock::{Clock, SystemClock};
use crate::data_file::{self, DataFile};
use crate::error::{Error, Result};
use crate::integrity::{Gate, IntegrityCheck};

/// The file name of the database inside the app's data folder.
pub const DATABASE_FILE: &str = "coffeechat.sqlite3";

/// How long a statement waits for another connection to let go of the file before it fails.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long trashed records are kept before they are purged for good.
pub const TRASH_DAYS: i64 = 30;

/// Numbered migrations, embedded in the binary. A shipped migration is never edited: add a file.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001_initial.sql")),
        M::up(include_str!("../migrations/0002_reminders.sql")),
        M::up(include_str!("../migrations/0003_interview_method.sql")),
        M::up(include_str!("../migrations/0004_upcoming_index.sql")),
        M::up(include_str!("../migrations/0005_imports.sql")),
        M::up(include_str!("../migrations/0006_edited_messages.sql")),
        M::up(include_str!("../migrations/0007_search_at_scale.sql")),
        M::up(include_str!("../migrations/0008_interview_search.sql")),
        M::up(include_str!("../migrations/0009_progress_index.sql")),
    ])
});

/// The schema version this build writes (`PRAGMA user_version`).
pub fn schema_version() -> i64 {
    9
}

pub struct Store {
    conn: Connection,
    clock: Box<dyn Clock>,
    /// The file opened and its identity (`None` in memory): every write first checks it is
    /// still the one at the path.
    file: Option<DataFile>,
    /// The file could only be opened for reading: writes are refused with [`Error::ReadOnly`].
    read_only: bool,
    /// Opened before its integrity check ended ([`Store::open_checking_later`]): writes wait
    /// for the check, and are refused if it failed.
    checked: Option<Gate>,
}

/// What [`Store::reattach`] did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Reattached {
    /// The data file is where it was opened: nothing to do.
    Unchanged,
    /// Nothing was at the path any more: everything the store held was written there again
    /// and the store now uses that file.
    WrittenBack,
    /// Another file had been put at the path: the store now uses it, and what it held before
    /// was copied to `kept` beside it.
    OpenedTheFileThere { kept: PathBuf },
}

impl Store {
    /// Opens (or creates) the database at `path`, creating its folder, upgrades it to the
    /// current schema and checks it is not damaged. A database from a newer version is refused
    /// before anything is written. A file that cannot be written is opened for reading only
    /// (writes are then refused with [`Error::ReadOnly`]); one held by another program, damaged
    /// or read-only and in need of an upgrade is refused with an error that says so.
    pub fn open(path: &Path) -> Result<Self> {
        let (mut store, check) = Self::open_checking_later(path)?;
        check.run()?;
        store.finish_opening()?;
        Ok(store)
    }

    /// [`Store::open`] without waiting for the integrity check, which reads the whole file:
    /// the store reads at once, and its writes wait until the returned check has run (and are
    /// refused if it failed). Run the check on another thread, then call
    /// [`Store::finish_opening`].
    pub fn open_checking_later(path: &Path) -> Result<(Self, IntegrityCheck)> {
        let mut store = Self::open_file(path).map_err(|error| data_file::explain(path, error))?;
        let gate = Gate::pending();
        store.checked = Some(gate.clone());
        Ok((store, IntegrityCheck::new(path, gate)))
    }

    /// What opening does once the file passed its check: the trash older than [`TRASH_DAYS`]
    /// is purged (a write; a read-only file keeps it).
    pub fn finish_opening(&mut self) -> Result<()> {
        if !self.read_only {
            self.purge_old_trash()?;
        }
        Ok(())
    }

    fn open_file(path: &Path) -> Result<Self> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| Error::Io {
                path: folder.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        // SQLite falls back to reading only when the file cannot be opened for writing.
        if conn.is_readonly(MAIN_DB)? {
            return Self::open_read_only(conn, path);
        }
        let mut store = Self::prepare(conn, Some(path)).map_err(|error| match error {
            Error::Database(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                Error::NotADatabase {
                    path: path.to_path_buf(),
                }
            }
            other => other,
        })?;
        store.file = Some(DataFile::opened(path)?);
        Ok(store)
    }

    /// A file that can only be read: opened as it is, without the pragmas, migrations and
    /// purge that write. One that would need an upgrade is refused.
    fn open_read_only(conn: Connection, path: &Path) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if found > schema_version() {
            return Err(Error::TooNew {
                found,
                supported: schema_version(),
            });
        }
        if found < schema_version() {
            return Err(Error::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Self {
            conn,
            clock: Box::new(SystemClock),
            file: Some(DataFile::opened(path)?),
            read_only: true,
            checked: None,
        })
    }

    /// Whether writes are refused because the file could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Fails when a write could not be saved: the file is read-only ([`Error::ReadOnly`]), or it
    /// is no longer the one at its path ([`Error::DataFileGone`]).
    pub fn check_writable(&self) -> Result<()> {
        if let Some(file) = &self.file {
            if self.read_only {
                return Err(Error::ReadOnly {
                    path: file.path.clone(),
                });
            }
            file.check()?;
        }
        Ok(())
    }

    /// A read-only store whose file has become writable: opening it again gives a store that
    /// can write.
    pub fn writable_again(&self) -> bool {
        match &self.file {
            Some(file) if self.read_only => data_file::writable(&file.path),
            _ => false,
        }
    }

    /// Puts the store back on its path after the file was moved or deleted while it was open
    /// (see [`Reattached`]). Nothing the store held is lost: the open connection still reads
    /// the file that went away, and a copy of it is written before anything is switched.
    pub fn reattach(&mut self) -> Result<Reattached> {
        let Some(file) = self.file.clone() else {
            return Ok(Reattached::Unchanged);
        };
        match file.check() {
            Ok(()) => return Ok(Reattached::Unchanged),
            Err(Error::DataFileGone { .. }) => {}
            Err(other) => return Err(other),
        }
        let path = &file.path;
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        // Another file may have been put at the path: it is opened, and what this store holds
        // is kept beside it. Otherwise the copy goes to the path.
        let there = path.exists();
        let copy = if there {
            let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
            path.with_file_name(format!("coffeechat-kept-{stamp}.sqlite3"))
        } else {
            path.with_file_name(format!("{DATABASE_FILE}.restoring"))
        };
        remove_if_there(&copy).map_err(io)?;
        self.copy_to(&copy)?;
        // The -wal and -shm files at the path belong to the file that went away (this store
        // still has them open, and the copy holds everything they held): a file opened at the
        // path with them would be read wrongly.
        for suffix in ["-wal", "-shm"] {
            let mut sidecar = path.clone().into_os_string();
            sidecar.push(suffix);
            remove_if_there(Path::new(&sidecar)).map_err(io)?;
        }
        if !there {
            std::fs::rename(&copy, path).map_err(io)?;
        }
        let reopened = Store::open(path)?;
        // Closing the old connection would checkpoint into the file that went away and then
        // delete the -wal file at the path by name, which is the new file's now: it is left
        // open instead, unused, until the app ends.
        std::mem::forget(self.adopt(reopened));
        Ok(if there {
            Reattached::OpenedTheFileThere { kept: copy }
        } else {
            Reattached::WrittenBack
        })
    }

    /// Writes a complete, consistent copy of the database to `target` (`VACUUM INTO`).
    fn copy_to(&self, target: &Path) -> Result<()> {
        let target = target.to_str().ok_or_else(|| Error::Io {
            path: target.to_path_buf(),
            source: std::io::Error::other("the path is not valid UTF-8"),
        })?;
        self.conn.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    /// Takes `other`'s connection and file, keeping this store's clock; returns the connection
    /// it had.
    fn adopt(&mut self, other: Store) -> Connection {
        let Store {
            conn,
            file,
            read_only,
            ..
        } = other;
        self.file = file;
        self.read_only = read_only;
        std::mem::replace(&mut self.conn, conn)
    }

    /// Closes the data file, runs `work` on its path (a restore swaps the file), and opens the
    /// file at that path again, keeping the clock — also when `work` failed, so the app goes on
    /// with whichever file is there.
    pub(crate) fn reopen_around<T>(&mut self, work: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        let path = self
            .conn
            .path()
            .filter(|path| !path.is_empty())
            .map(PathBuf::from)
            .ok_or_else(|| Error::BadFile("A data file in memory cannot be swapped.".into()))?;
        let clock = std::mem::replace(&mut self.clock, Box::new(SystemClock));
        // Dropping the old store closes its connection, and with it the file.
        drop(std::mem::replace(self, Self::open_in_memory()?));
        let outcome = work(&path);
        let mut reopened = Self::open(&path)?;
        reopened.clock = clock;
        *self = reopened;
        outcome
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    /// `data_file`: a file gets write-ahead logging (an in-memory database cannot have it) and a
    /// backup before an upgrade.
    fn prepare(mut conn: Connection, data_file: Option<&Path>) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Read the version before any pragma that writes, so a newer file stays byte-for-byte
        // untouched when it is refused.
        let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if found > schema_version() {
            return Err(Error::TooNew {
                found,
                supported: schema_version(),
            });
        }
        if data_file.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // The data as the previous version left it stays one click away if an upgrade goes wrong.
        if let Some(path) = data_file {
            if (1..schema_version()).contains(&found) {
                crate::exchange::backup::before_upgrade(&conn, path, &SystemClock)?;
            }
        }
        MIGRATIONS.to_latest(&mut conn)?;
        Ok(Self {
            conn,
            clock: Box::new(SystemClock),
            file: None,
            read_only: false,
            checked: None,
        })
    }

    /// Replaces the clock (tests use a [`crate::FixedClock`]).
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// The data file's path; `None` for a store in memory.
    pub(crate) fn file_path(&self) -> Option<&Path> {
        self.file.as_ref().map(|file| file.path.as_path())
    }

    /// Runs `work` in a `BEGIN IMMEDIATE` transaction: it either all lands or none of it does.
    /// Nothing is written when the file is read-only or no longer at its path.
    pub(crate) fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>, &dyn Clock) -> Result<T>,
    ) -> Result<T> {
        if let (Some(gate), Some(file)) = (&self.checked, &self.file) {
            gate.wait(&file.path)?;
        }
        self.check_writable()?;
        let written = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = work(&tx, self.clock.as_ref())?;
            tx.commit()?;
            Ok(value)
        })();
        written.map_err(|error| self.explain(error))
    }

    /// Says what a database failure means for the data file (see [`data_file::explain`]).
    fn explain(&self, error: Error) -> Error {
        match &self.file {
            Some(file) => data_file::explain(&file.path, error),
            None => error,
        }
    }

    /// Copies everything in the write-ahead log into the data file and empties the log
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`), so the data file alone is a full copy. The app calls
    /// it when it quits. Fails with a busy error if another connection keeps reading the log.
    pub fn checkpoint(&mut self) -> Result<()> {
        let (busy, _log_frames, _moved): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })?;
        if busy != 0 {
            return Err(Error::Database(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some("the write-ahead log is in use by another connection".into()),
            )));
        }
        Ok(())
    }

    /// Checkpoints (see [`Store::checkpoint`]) and closes the file. The last connection to close
    /// removes the `-wal` and `-shm` files beside it.
    pub fn close(mut self) -> Result<()> {
        if let Some(file) = &self.file {
            if let Err(error) = file.check() {
                // The file went away: a checkpoint would write into the void, and closing would
                // delete the -wal file at the path by name, which may belong to a file put
                // there since. Left open; its descriptors go when the app ends.
                std::mem::forget(self);
                return Err(error);
            }
        }
        if self.read_only {
            return self.conn.close().map_err(|(_, error)| error.into());
        }
        self.checkpoint()?;
        self.conn.close().map_err(|(_, error)| error.into())
    }

    /// Runs `work` against one consistent snapshot.
    pub(crate) fn read<T>(
        &self,
        work: impl FnOnce(&Connection, &dyn Clock) -> Result<T>,
    ) -> Result<T> {
        work(&self.conn, self.clock.as_ref()).map_err(|error| self.explain(error))
    }

    /// Removes for good what has been in the trash longer than [`TRASH_DAYS`].
    pub fn purge_old_trash(&mut self) -> Result<usize> {
        self.write(|tx, clock| {
            let cutoff = clock.now() - chrono::Duration::days(TRASH_DAYS);
            let interviews = tx.execute(
                "DELETE FROM interviews WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
                [cutoff],
            )?;
            let people = tx
                .execute(
                    "DELETE FROM person_search WHERE rowid IN
                     (SELECT id FROM people WHERE deleted_at IS NOT NULL AND deleted_at < ?1)",
                    [cutoff],
                )
                .and_then(|_| {
                    tx.execute(
                        "DELETE FROM people WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
                        [cutoff],
                    )
                })?;
            Ok(interviews + people)
        })
    }
}

/// Removes the file at `path`, if there is one.
fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Runs a query and collects every row through `map`.
pub(crate) fn collect<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement
        .query_map(params, map)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn schema_version_matches_the_migration_count() {
        let store = Store::open_in_memory().unwrap();
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema_version());
    }
}
