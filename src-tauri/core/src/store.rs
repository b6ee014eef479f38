//! Opening the SQLite file: pragmas, migrations, the newer-version refusal, and the transaction
//! helpers every write goes through.

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Row, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};

/// The file name of the database inside the app's data folder.
pub const DATABASE_FILE: &str = "coffeechat.sqlite3";

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
    ])
});

/// The schema version this build writes (`PRAGMA user_version`).
pub fn schema_version() -> i64 {
    5
}

pub struct Store {
    conn: Connection,
    clock: Box<dyn Clock>,
}

impl Store {
    /// Opens (or creates) the database at `path`, creating its folder, and upgrades it to the
    /// current schema. A database from a newer version is refused before anything is written.
    pub fn open(path: &Path) -> Result<Self> {
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
        store.purge_old_trash()?;
        Ok(store)
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    /// `data_file`: a file gets write-ahead logging (an in-memory database cannot have it) and a
    /// backup before an upgrade.
    fn prepare(mut conn: Connection, data_file: Option<&Path>) -> Result<Self> {
        conn.busy_timeout(Duration::from_secs(5))?;
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

    /// Runs `work` in a `BEGIN IMMEDIATE` transaction: it either all lands or none of it does.
    pub(crate) fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>, &dyn Clock) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx, self.clock.as_ref())?;
        tx.commit()?;
        Ok(value)
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
        self.checkpoint()?;
        self.conn.close().map_err(|(_, error)| error.into())
    }

    /// Runs `work` against one consistent snapshot.
    pub(crate) fn read<T>(
        &self,
        work: impl FnOnce(&Connection, &dyn Clock) -> Result<T>,
    ) -> Result<T> {
        work(&self.conn, self.clock.as_ref())
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
