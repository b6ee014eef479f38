//! Automatic backups of the data file, and restoring one.
//!
//! A backup is a consistent snapshot taken with `VACUUM INTO` while the app runs (readers never
//! see another connection's uncommitted work), written under a temporary name, checked with
//! `PRAGMA quick_check`, synced and renamed into `<data folder>/backups`. Names carry the instant
//! from the store's clock, `coffeechat-2026-12-02T183000Z.sqlite3`, with `-2`, `-3`… for a second
//! backup in the same second and a label saying why when it was not a routine one
//! (`-before-upgrade-to-5`, `-before-restore`). Only files named this way are ever listed or
//! deleted, so nothing else the user keeps in the folder is at risk.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::integrity;
use crate::store::{schema_version, Store};

/// How many backups are kept when the user never chose.
pub const DEFAULT_BACKUPS_KEPT: u32 = 7;
/// The range the "backups kept" setting accepts.
pub const BACKUPS_KEPT_MIN: u32 = 1;
pub const BACKUPS_KEPT_MAX: u32 = 60;

/// A routine backup is due when the newest one is older than this.
const BACKUP_INTERVAL_HOURS: i64 = 24;

const PREFIX: &str = "coffeechat-";
const SUFFIX: &str = ".sqlite3";
/// The instant in a backup's name: UTC, whole seconds, without colons (Windows forbids them).
const STAMP_FORMAT: &str = "%Y-%m-%dT%H%M%SZ";
const STAMP_LEN: usize = "2026-12-02T183000Z".len();
const SETTING_KEY: &str = "backups_kept";

/// One backup as the Settings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub file_name: String,
    pub path: PathBuf,
    /// When it was taken (from its name, so it survives copying the folder elsewhere).
    pub taken_at: DateTime<Utc>,
    pub size_bytes: u64,
    /// People and interviews it holds, trash left out.
    pub people: i64,
    pub interviews: i64,
    /// Its data format (`PRAGMA user_version`); 0 when it could not be read.
    pub schema_version: i64,
    /// Whether this version of Coffee Chat can restore it.
    pub restorable: bool,
    /// Why it cannot be restored, in plain words.
    pub problem: Option<String>,
}

/// Where the backups of the data file at `data_file` are kept.
pub fn backup_folder(data_file: &Path) -> PathBuf {
    data_file
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// Whether a backup in `folder` was taken in the [`BACKUP_INTERVAL_HOURS`] before `now`.
fn taken_recently(folder: &Path, now: DateTime<Utc>) -> Result<bool> {
    let since = now - Duration::hours(BACKUP_INTERVAL_HOURS);
    Ok(backup_names(folder)?
        .iter()
        .any(|name| since < name.taken_at && name.taken_at <= now))
}

impl Store {
    /// Takes a backup now ("Back up now", and the daily one) into `folder`, then keeps only the
    /// newest [`Store::backups_kept`].
    pub fn back_up(&self, folder: &Path) -> Result<BackupInfo> {
        let kept = self.backups_kept()?;
        let now = self.clock().now();
        let info = self.read(|conn, _| snapshot(conn, folder, now, None))?;
        rotate(folder, kept, &info.file_name);
        Ok(info)
    }

    /// Takes a backup when none in `folder` was taken in the last 24 hours by the store's clock.
    /// The app calls this at start and then from time to time while it runs.
    pub fn back_up_if_due(&self, folder: &Path) -> Result<Option<BackupInfo>> {
        let now = self.clock().now();
        if taken_recently(folder, now)? {
            return Ok(None);
        }
        self.back_up(folder).map(Some)
    }

    /// The daily backup, to be taken apart from the store: when none in `folder` was taken in
    /// the last 24 hours, a [`DueBackup`] that holds a read-only connection of its own to the data
    /// file. Taking it ([`DueBackup::take`]) needs no `&Store`, so the app takes it without
    /// holding the store: at start, the window's first reads do not wait seconds for the copy of
    /// a large file (WAL lets the store read and write meanwhile; the copy is the file as it was
    /// when the copy began). `None` too for a store in memory.
    pub fn due_backup(&self, folder: &Path) -> Result<Option<DueBackup>> {
        let Some(path) = self.file_path() else {
            return Ok(None);
        };
        let now = self.clock().now();
        if taken_recently(folder, now)? {
            return Ok(None);
        }
        let kept = self.backups_kept()?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
        Ok(Some(DueBackup {
            conn,
            folder: folder.to_path_buf(),
            now,
            kept,
        }))
    }

    /// How many backups are kept (older ones are deleted after each backup).
    pub fn backups_kept(&self) -> Result<u32> {
        self.read(|conn, _| {
            let stored: Option<String> = conn
                .query_row(
                    "SELECT value FROM settings WHERE key = ?1",
                    [SETTING_KEY],
                    |row| row.get(0),
                )
                .map(Some)
                .or_else(|error| match error {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    other => Err(other),
                })?;
            // A value this build cannot read falls back to the default rather than failing every
            // backup.
            Ok(stored
                .and_then(|text| text.parse::<u32>().ok())
                .filter(|n| (BACKUPS_KEPT_MIN..=BACKUPS_KEPT_MAX).contains(n))
                .unwrap_or(DEFAULT_BACKUPS_KEPT))
        })
    }

    pub fn set_backups_kept(&mut self, kept: u32) -> Result<()> {
        if !(BACKUPS_KEPT_MIN..=BACKUPS_KEPT_MAX).contains(&kept) {
            return Err(Error::invalid(
                SETTING_KEY,
                format!(
                    "Keep between {BACKUPS_KEPT_MIN} and {BACKUPS_KEPT_MAX} backups (one is \
                     taken each day)."
                ),
            ));
        }
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (SETTING_KEY, kept.to_string()),
            )?;
            Ok(())
        })
    }
}

/// A daily backup found due by [`Store::due_backup`], taken apart from the store.
pub struct DueBackup {
    conn: Connection,
    folder: PathBuf,
    now: DateTime<Utc>,
    kept: u32,
}

impl DueBackup {
    /// Takes the backup (named by the instant it was found due), then keeps only the newest
    /// ones, as [`Store::back_up`] does.
    pub fn take(self) -> Result<BackupInfo> {
        let info = snapshot(&self.conn, &self.folder, self.now, None)?;
        rotate(&self.folder, self.kept, &info.file_name);
        Ok(info)
    }
}

/// The backups in `folder`, newest first, each checked and counted. A missing folder has none.
pub fn list_backups(folder: &Path) -> Result<Vec<BackupInfo>> {
    backup_names(folder)?
        .into_iter()
        .map(|name| describe(folder, name))
        .collect()
}

/// Puts the backup at `backup` in place of the data file at `data_file`. The caller must have
/// closed every [`Store`] on `data_file` first, and opens it again afterwards.
///
/// The backup is copied beside the data file and checked there, so a damaged backup or one from
/// a newer version is refused before anything changes, and the backup itself is only ever read.
/// The current data is backed up first (labelled `before-restore`, restorable like any other);
/// that backup is returned, or `None` when there was no data file.
pub fn restore(data_file: &Path, backup: &Path, clock: &dyn Clock) -> Result<Option<BackupInfo>> {
    let staged = sibling(data_file, ".restoring");
    remove_if_present(&staged)?;
    copy_synced(backup, &staged).inspect_err(|_| {
        let _ = std::fs::remove_file(&staged);
    })?;
    let checked = inspect(&staged).and_then(|contents| contents.problem.map_or(Ok(()), Err));
    if let Err(problem) = checked {
        let _ = std::fs::remove_file(&staged);
        return Err(problem.into_restore_error(backup));
    }
    let outcome = save_current(data_file, clock).and_then(|safety| {
        swap_in(&staged, data_file)?;
        Ok(safety)
    });
    if outcome.is_err() {
        let _ = std::fs::remove_file(&staged);
    }
    outcome
}

/// Takes the backup made before migrations upgrade an existing file, so the user can go back to
/// the data as the previous version left it.
/// `Store::open` has no injected clock yet, so the name carries the system's time.
pub(crate) fn before_upgrade(conn: &Connection, data_file: &Path, clock: &dyn Clock) -> Result<()> {
    let label = format!("before-upgrade-to-{}", schema_version());
    snapshot(conn, &backup_folder(data_file), clock.now(), Some(&label)).map(|_| ())
}

// --- Taking a snapshot --------------------------------------------------------------------

/// Writes a checked, synced copy of `conn`'s database into `folder` under a fresh backup name.
fn snapshot(
    conn: &Connection,
    folder: &Path,
    now: DateTime<Utc>,
    label: Option<&str>,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    let name = fresh_name(folder, now, label)?;
    let target = folder.join(name.file_name());
    let partial = folder.join(format!(".{}.partial", name.file_name()));
    remove_if_present(&partial)?;
    let written = write_snapshot(conn, &partial).and_then(|()| {
        // A name taken meanwhile (another process, same second) must not be overwritten.
        if target.exists() {
            return Err(Error::BadFile(format!(
                "Another backup named {} appeared while this one was written. Try again.",
                name.file_name()
            )));
        }
        std::fs::rename(&partial, &target).map_err(io(&target))
    });
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    sync_folder(folder);
    describe(folder, name)
}

/// `VACUUM INTO` the file at `partial`, then makes it a self-contained, checked, synced file.
fn write_snapshot(conn: &Connection, partial: &Path) -> Result<()> {
    let Some(target) = partial.to_str() else {
        return Err(Error::BadFile(format!(
            "The backup folder {} has a name SQLite cannot use. Move the data folder to a \
             plainer path.",
            partial.display()
        )));
    };
    conn.execute("VACUUM INTO ?1", [target])?;
    let copy = Connection::open_with_flags(
        partial,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // A copy in rollback-journal mode needs no -wal or -shm beside it, so it can be opened
    // read-only, copied or moved as one file.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let verdict = quick_check(&copy)?;
    drop(copy);
    if verdict != "ok" {
        return Err(Error::BadFile(format!(
            "The backup failed its integrity check ({verdict}), so it was not kept. The data \
             file may be damaged: restore an earlier backup in Settings."
        )));
    }
    File::open(partial)
        .and_then(|file| file.sync_all())
        .map_err(io(partial))
}

/// Deletes all but the newest `kept` backups in `folder`, never the one just taken.
fn rotate(folder: &Path, kept: u32, just_taken: &str) {
    let Ok(names) = backup_names(folder) else {
        return;
    };
    for name in names.iter().skip(kept as usize) {
        if name.file_name() != just_taken {
            // A backup that cannot be deleted now is tried again after the next one; failing the
            // backup that did succeed would only confuse.
            let _ = std::fs::remove_file(folder.join(name.file_name()));
        }
    }
}

// --- Restoring ----------------------------------------------------------------------------

/// Backs up the data file as it is before a restore replaces it, including what a crash left in
/// its write-ahead log. A file SQLite can no longer read is kept as a plain copy, so restoring
/// over a damaged file loses nothing.
fn save_current(data_file: &Path, clock: &dyn Clock) -> Result<Option<BackupInfo>> {
    if !data_file.exists() {
        return Ok(None);
    }
    let folder = backup_folder(data_file);
    let now = clock.now();
    // Read-only, so closing it cannot checkpoint a log into a damaged file before it is copied.
    let opened = Connection::open_with_flags(
        data_file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    );
    let vacuumed = opened
        .map_err(Error::from)
        .and_then(|conn| snapshot(&conn, &folder, now, Some("before-restore")));
    match vacuumed {
        Ok(info) => Ok(Some(info)),
        Err(_) => copy_as_is(data_file, &folder, now).map(Some),
    }
}

/// Copies the data file byte for byte into the backups, for a file that cannot be vacuumed.
fn copy_as_is(data_file: &Path, folder: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    let name = fresh_name(folder, now, Some("before-restore-as-is"))?;
    let target = folder.join(name.file_name());
    let partial = folder.join(format!(".{}.partial", name.file_name()));
    remove_if_present(&partial)?;
    let copied = copy_synced(data_file, &partial)
        .and_then(|()| std::fs::rename(&partial, &target).map_err(io(&target)));
    if let Err(error) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    sync_folder(folder);
    describe(folder, name)
}

/// Replaces the data file with the checked copy at `staged`.
fn swap_in(staged: &Path, data_file: &Path) -> Result<()> {
    // The old file's write-ahead log must go first: left beside the restored file, SQLite would
    // replay it into data it does not belong to. Its contents are in the backup just taken.
    for side in ["-wal", "-shm", "-journal"] {
        remove_if_present(&sibling(data_file, side))?;
    }
    std::fs::rename(staged, data_file).map_err(io(data_file))?;
    if let Some(folder) = data_file.parent() {
        sync_folder(folder);
    }
    Ok(())
}

// --- Reading a backup ---------------------------------------------------------------------

/// What a backup file holds, read without writing a byte.
struct Contents {
    schema_version: i64,
    people: i64,
    interviews: i64,
    problem: Option<Problem>,
}

/// Why a file cannot be restored.
enum Problem {
    Unreadable(String),
    Damaged(String),
    TooNew(i64),
    NotCoffeeChat,
}

impl Problem {
    fn words(&self) -> String {
        match self {
            Problem::Unreadable(detail) => format!(
                "This file cannot be read as a Coffee Chat backup ({detail}). Choose another \
                 backup."
            ),
            Problem::Damaged(detail) => format!(
                "This backup is damaged (the integrity check found: {detail}). Choose another \
                 backup."
            ),
            Problem::TooNew(found) => format!(
                "This backup was made by a newer version of Coffee Chat (data format {found}; \
                 this version reads up to {}). Install the newer version to restore it.",
                schema_version()
            ),
            Problem::NotCoffeeChat => {
                "This file holds no Coffee Chat data. Choose another backup.".into()
            }
        }
    }

    fn into_restore_error(self, backup: &Path) -> Error {
        match self {
            Problem::TooNew(found) => Error::TooNew {
                found,
                supported: schema_version(),
            },
            other => Error::BadFile(format!(
                "{} Nothing was changed; {} was left as it is.",
                other.words(),
                backup.display()
            )),
        }
    }
}

/// Opens `path` read-only and reads its version and counts, after an integrity check.
fn inspect(path: &Path) -> std::result::Result<Contents, Problem> {
    let unreadable = |error: rusqlite::Error| Problem::Unreadable(error.to_string());
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(unreadable)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(unreadable)?;
    let verdict = quick_check(&conn).map_err(|error| Problem::Damaged(error.to_string()))?;
    let mut contents = Contents {
        schema_version: version,
        people: 0,
        interviews: 0,
        problem: None,
    };
    if verdict != "ok" {
        contents.problem = Some(Problem::Damaged(verdict));
        return Ok(contents);
    }
    if version > schema_version() {
        contents.problem = Some(Problem::TooNew(version));
        return Ok(contents);
    }
    match (count(&conn, "people"), count(&conn, "interviews")) {
        (Ok(people), Ok(interviews)) if version >= 1 => {
            contents.people = people;
            contents.interviews = interviews;
        }
        _ => contents.problem = Some(Problem::NotCoffeeChat),
    }
    Ok(contents)
}

fn count(conn: &Connection, table: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL"),
        [],
        |row| row.get(0),
    )
}

/// `PRAGMA quick_check`'s findings in one line: "ok" when the file is sound.
fn quick_check(conn: &Connection) -> rusqlite::Result<String> {
    Ok(integrity::findings(conn)?.join("; "))
}

/// The listing entry for the backup `name` in `folder`.
fn describe(folder: &Path, name: BackupName) -> Result<BackupInfo> {
    let path = folder.join(name.file_name());
    let size_bytes = std::fs::metadata(&path).map_err(io(&path))?.len();
    let contents = inspect(&path).unwrap_or_else(|problem| Contents {
        schema_version: 0,
        people: 0,
        interviews: 0,
        problem: Some(problem),
    });
    Ok(BackupInfo {
        file_name: name.file_name(),
        path,
        taken_at: name.taken_at,
        size_bytes,
        people: contents.people,
        interviews: contents.interviews,
        schema_version: contents.schema_version,
        restorable: contents.problem.is_none(),
        problem: contents.problem.map(|problem| problem.words()),
    })
}

// --- Names --------------------------------------------------------------------------------

/// A backup's file name, taken apart: `coffeechat-<stamp>[-<sequence>][-<label>].sqlite3`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BackupName {
    taken_at: DateTime<Utc>,
    /// 1 for the first backup in a second (not written), 2, 3… for the next ones.
    sequence: u32,
    label: Option<String>,
}

impl BackupName {
    fn file_name(&self) -> String {
        let mut name = format!("{PREFIX}{}", self.taken_at.format(STAMP_FORMAT));
        if self.sequence > 1 {
            name.push_str(&format!("-{}", self.sequence));
        }
        if let Some(label) = &self.label {
            name.push('-');
            name.push_str(label);
        }
        name + SUFFIX
    }

    fn parse(file_name: &str) -> Option<Self> {
        let middle = file_name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
        let stamp = middle.get(..STAMP_LEN)?;
        let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT)
            .ok()?
            .and_utc();
        let mut rest = &middle[STAMP_LEN..];
        let mut sequence = 1;
        if let Some(after) = rest.strip_prefix('-') {
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 {
                sequence = after[..digits].parse().ok().filter(|n| *n > 1)?;
                rest = &after[digits..];
            }
        }
        let label = match rest {
            "" => None,
            _ => {
                let label = rest.strip_prefix('-')?;
                let plain = label.starts_with(|c: char| c.is_ascii_lowercase())
                    && label
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                Some(plain.then(|| label.to_string())?)
            }
        };
        let name = Self {
            taken_at,
            sequence,
            label,
        };
        // Only the one spelling this code writes counts, so rotation never deletes a look-alike.
        (name.file_name() == file_name).then_some(name)
    }
}

/// The backups in `folder` by name, newest first.
fn backup_names(folder: &Path) -> Result<Vec<BackupName>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io(folder)(error)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(folder))?;
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if let (true, Some(name)) = (is_file, entry.file_name().to_str()) {
            names.extend(BackupName::parse(name));
        }
    }
    names.sort_by(|a, b| {
        (b.taken_at, b.sequence, &b.label).cmp(&(a.taken_at, a.sequence, &a.label))
    });
    Ok(names)
}

/// A name no backup in `folder` has: the next sequence number within the second `now`.
fn fresh_name(folder: &Path, now: DateTime<Utc>, label: Option<&str>) -> Result<BackupName> {
    let last = backup_names(folder)?
        .iter()
        .filter(|name| name.taken_at == now)
        .map(|name| name.sequence)
        .max()
        .unwrap_or(0);
    Ok(BackupName {
        taken_at: now,
        sequence: last + 1,
        label: label.map(str::to_string),
    })
}

// --- Files --------------------------------------------------------------------------------

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// `path` with `suffix` appended to its file name (`coffeechat.sqlite3-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(io(path)(error)),
        _ => Ok(()),
    }
}

/// Copies `from` to `to` and syncs `to`, so the copy is on disk before it is renamed.
fn copy_synced(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to).map_err(|source| {
        Error::BadFile(format!(
            "Could not copy {} to {}: {source}. Nothing was changed.",
            from.display(),
            to.display()
        ))
    })?;
    File::open(to)
        .and_then(|file| file.sync_all())
        .map_err(io(to))
}

/// Syncs a folder so a rename inside it survives a power cut. Best effort: some systems cannot
/// sync a folder, and the file itself is already on disk.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
            .unwrap()
            .and_utc()
    }

    #[test]
    fn names_round_trip_and_look_alikes_do_not_parse() {
        let cases = [
            ("coffeechat-2026-12-02T183000Z.sqlite3", 1, None),
            ("coffeechat-2026-12-02T183000Z-2.sqlite3", 2, None),
            (
                "coffeechat-2026-12-02T183000Z-before-upgrade-to-5.sqlite3",
                1,
                Some("before-upgrade-to-5"),
            ),
            (
                "coffeechat-2026-12-02T183000Z-3-before-restore.sqlite3",
                3,
                Some("before-restore"),
            ),
        ];
        for (file_name, sequence, label) in cases {
            let name = BackupName::parse(file_name).expect(file_name);
            assert_eq!(name.taken_at, at("2026-12-02 18:30:00"), "{file_name}");
            assert_eq!(name.sequence, sequence, "{file_name}");
            assert_eq!(name.label.as_deref(), label, "{file_name}");
            assert_eq!(name.file_name(), file_name);
        }
        for other in [
            "coffeechat.sqlite3",
            "coffeechat-2026-12-02T183000Z.sqlite3-wal",
            ".coffeechat-2026-12-02T183000Z.sqlite3.partial",
            "coffeechat-2026-12-02T183000Z-1.sqlite3",
            "coffeechat-2026-12-02T183000Z-My Copy.sqlite3",
            "coffeechat-2026-12-02T18:30:00Z.sqlite3",
            "coffeechat-2026-13-02T183000Z.sqlite3",
            "coffeechat-2026-12-02T183000Z-.sqlite3",
            "notes.txt",
        ] {
            assert_eq!(BackupName::parse(other), None, "{other}");
        }
    }
}
