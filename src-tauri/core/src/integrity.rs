//! The data file's integrity check (`PRAGMA quick_check`), run when the file is opened.
//!
//! It reads every page of the file: milliseconds for a small file, but 0.2–1.3 s for the
//! benchmarks' 92 MB one, and at start the window's first reads would wait behind it. So the
//! app opens the file with [`crate::Store::open_checking_later`] and runs the check on a
//! connection of its own while the window reads: every write waits until the check passed, and
//! is refused if it failed, so nothing is written into a damaged file.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use rusqlite::{Connection, OpenFlags};

use crate::data_file;
use crate::error::{Error, Result};
use crate::store::BUSY_TIMEOUT;

/// `PRAGMA quick_check`'s findings: one "ok" when the file is sound.
pub(crate) fn findings(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare("PRAGMA quick_check")?;
    let found = statement
        .query_map([], |row| row.get::<_, String>(0))?
        .collect();
    found
}

/// Checks the file on `conn`: [`Error::Corrupt`] with SQLite's first findings when it is damaged.
fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let found = findings(conn)?;
    match found.first().map(String::as_str) {
        Some("ok") => Ok(()),
        _ => Err(Error::Corrupt {
            path: path.to_path_buf(),
            detail: found.into_iter().take(3).collect::<Vec<_>>().join("; "),
        }),
    }
}

enum Outcome {
    Pending,
    Passed,
    /// What SQLite found, for the error every later write gets.
    Failed(String),
}

/// Where a store opened before its check learns how the check went; shared by the store (its
/// writes wait here) and the [`IntegrityCheck`].
#[derive(Clone)]
pub(crate) struct Gate(Arc<(Mutex<Outcome>, Condvar)>);

impl Gate {
    pub(crate) fn pending() -> Self {
        Self(Arc::new((Mutex::new(Outcome::Pending), Condvar::new())))
    }

    /// Waits until the check ended: `Ok` once it passed, [`Error::Corrupt`] if it failed.
    pub(crate) fn wait(&self, path: &Path) -> Result<()> {
        let (outcome, ended) = &*self.0;
        let outcome = ended
            .wait_while(lock(outcome), |o| matches!(o, Outcome::Pending))
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match &*outcome {
            Outcome::Failed(detail) => Err(Error::Corrupt {
                path: path.to_path_buf(),
                detail: detail.clone(),
            }),
            _ => Ok(()),
        }
    }

    fn settle(&self, outcome: Outcome) {
        let (slot, ended) = &*self.0;
        *lock(slot) = outcome;
        ended.notify_all();
    }
}

fn lock(outcome: &Mutex<Outcome>) -> std::sync::MutexGuard<'_, Outcome> {
    outcome
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The check of a file opened with [`crate::Store::open_checking_later`], still to run. Run it
/// off the thread that serves the window; until it ends, the store's writes wait. Dropped
/// without running, it runs then, so writes never wait forever.
#[must_use = "the store's writes wait until the check has run"]
pub struct IntegrityCheck {
    path: PathBuf,
    gate: Option<Gate>,
}

impl IntegrityCheck {
    pub(crate) fn new(path: &Path, gate: Gate) -> Self {
        Self {
            path: path.to_path_buf(),
            gate: Some(gate),
        }
    }

    /// Reads the whole file on a read-only connection of its own, then lets the store's writes
    /// go on, or refuses them if the file is damaged. The error says what is wrong, as
    /// [`crate::Store::open`]'s would.
    pub fn run(mut self) -> Result<()> {
        self.run_once()
    }

    fn run_once(&mut self) -> Result<()> {
        let Some(gate) = self.gate.take() else {
            return Ok(());
        };
        let checked = check_file(&self.path).map_err(|e| data_file::explain(&self.path, e));
        gate.settle(match &checked {
            Ok(()) => Outcome::Passed,
            Err(Error::Corrupt { detail, .. }) => Outcome::Failed(detail.clone()),
            Err(other) => Outcome::Failed(other.to_string()),
        });
        checked
    }
}

impl Drop for IntegrityCheck {
    fn drop(&mut self) {
        // A failure is kept in the gate: every write says it.
        let _ = self.run_once();
    }
}

fn check_file(path: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    quick_check(&conn, path)
}
