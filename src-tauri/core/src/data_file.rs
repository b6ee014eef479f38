//! The data file as a file on disk, apart from what it holds: which file the store opened (so a
//! write notices when it was moved or deleted underneath), what SQLite's failures to open or use
//! it mean for the user (held by another program, damaged, read-only), and how to put the data
//! back at its place when the file went away while the app ran.
//!
//! Architecture invariant: nothing is written into a data file that is no longer at its path.
//! SQLite keeps writing to an open file that was deleted (the bytes vanish when it closes) or
//! moved (they land somewhere the next start does not look), so [`crate::Store`] compares the
//! file's identity with the one it opened before every write.

use std::io;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::error::Error;

/// What identifies one file, whatever its name: device and inode on Unix; elsewhere its
/// creation time, which a copy put in its place does not share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileId {
    #[cfg(unix)]
    device: u64,
    #[cfg(unix)]
    inode: u64,
    #[cfg(not(unix))]
    created: Option<std::time::SystemTime>,
}

impl FileId {
    pub(crate) fn of(path: &Path) -> io::Result<Self> {
        let metadata = std::fs::metadata(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Ok(Self {
                device: metadata.dev(),
                inode: metadata.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Self {
                created: metadata.created().ok(),
            })
        }
    }
}

/// The data file a store opened: its path and which file was there.
#[derive(Debug, Clone)]
pub(crate) struct DataFile {
    pub path: PathBuf,
    pub id: FileId,
}

impl DataFile {
    pub(crate) fn opened(path: &Path) -> Result<Self, Error> {
        let id = FileId::of(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            id,
        })
    }

    /// Fails with [`Error::DataFileGone`] when the file at the path is no longer the one
    /// opened: deleted, moved away, or replaced by another file.
    pub(crate) fn check(&self) -> Result<(), Error> {
        match FileId::of(&self.path) {
            Ok(id) if id == self.id => Ok(()),
            Ok(_) => Err(self.gone()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Err(self.gone()),
            Err(source) => Err(Error::Io {
                path: self.path.clone(),
                source,
            }),
        }
    }

    fn gone(&self) -> Error {
        Error::DataFileGone {
            path: self.path.clone(),
        }
    }
}

/// Whether the file at `path` could be opened for writing now (a read-only file was made
/// writable again). Opening for writing changes nothing in the file.
pub(crate) fn writable(path: &Path) -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .is_ok()
}

/// The SQLite failure inside `error`, if there is one.
fn sqlite_code(error: &Error) -> Option<ErrorCode> {
    let sqlite = match error {
        Error::Database(error) => error,
        Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => err,
        _ => return None,
    };
    match sqlite {
        rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
        _ => None,
    }
}

/// Says what a database failure means for the data file at `path`: held by another program
/// past the busy timeout, damaged, or read-only. Other errors pass unchanged.
pub(crate) fn explain(path: &Path, error: Error) -> Error {
    let path = path.to_path_buf();
    match sqlite_code(&error) {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked { path },
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path,
            detail: detail(&error),
        },
        Some(ErrorCode::NotADatabase) => Error::NotADatabase { path },
        Some(ErrorCode::ReadOnly) => Error::ReadOnly { path },
        // SQLite could not open the file, or the -wal and -shm files it needs beside it: a
        // read-only file or folder, when the file is there.
        Some(ErrorCode::CannotOpen) if path.exists() && !writable(&path) => {
            Error::ReadOnly { path }
        }
        _ => error,
    }
}

fn detail(error: &Error) -> String {
    match error {
        Error::Database(rusqlite::Error::SqliteFailure(_, Some(message))) => message.clone(),
        other => other.to_string(),
    }
}
