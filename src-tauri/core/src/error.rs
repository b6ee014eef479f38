//! The core's one error type. Every variant has a stable [`Error::code`] the UI branches on, and a
//! message written for the user.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input the user can fix; `field` names the form field the message belongs next to.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    /// Input with more than one mistake: every field's problem at once, in the form's order,
    /// so the user fixes them all before saving again rather than one per try.
    #[error("{}", join_messages(.0))]
    InvalidFields(Vec<FieldError>),

    #[error(
        "This {what} no longer exists. It may have been deleted; look in the trash in Settings."
    )]
    NotFound { what: &'static str },

    #[error(
        "This data file was written by a newer version of Coffee Chat (data format {found}; this \
         version reads up to {supported}). Install the newer version to open it. The file was \
         left untouched."
    )]
    TooNew { found: i64, supported: i64 },

    #[error("{path} is not a Coffee Chat data file (it is not an SQLite database). Move it away and start again.")]
    NotADatabase { path: PathBuf },

    /// Another program held the data file past the busy timeout (a backup or sync tool, a
    /// database viewer). Trying again helps once it lets go.
    #[error(
        "Another program is holding your data file {path} and did not let go of it within 5 \
         seconds, so Coffee Chat cannot use it. Close the other program (a backup or sync tool, \
         a database viewer) and try again."
    )]
    Locked { path: PathBuf },

    /// SQLite found the data file damaged (`detail`: what it found, for the log). Nothing was
    /// written to it.
    #[error(
        "Your data file {path} is damaged: SQLite found errors in it. Coffee Chat has not \
         changed it. Restore a backup, or move the file out of its folder (keep it: it may \
         still be rescued) to start with an empty one."
    )]
    Corrupt { path: PathBuf, detail: String },

    /// The data file (or its folder) cannot be written: the store is open for reading only, or
    /// could not be opened at all when it needed a write (an upgrade).
    #[error(
        "Your data file is read-only, so nothing can be saved into it. Make it writable again \
         (check the file's and its folder's permissions), then choose Try again."
    )]
    ReadOnly { path: PathBuf },

    /// The data file was deleted, moved or replaced while the app ran: a write now would be
    /// lost, so none is made.
    #[error(
        "Your data file was moved or deleted while Coffee Chat was running, so nothing more can \
         be saved into it. Coffee Chat still has all your data open: choose Save my data here \
         again to write it back to its place."
    )]
    DataFileGone { path: PathBuf },

    #[error("Could not use the data folder {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A file the user chose to import or restore that cannot be used; the message says why and
    /// what to do. Nothing was written.
    #[error("{0}")]
    BadFile(String),

    /// The user cancelled a long operation; nothing was changed.
    #[error("Cancelled; nothing was changed.")]
    Cancelled,

    #[error("The database reported an error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("Could not upgrade the data file: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl Error {
    /// A short, stable name for the kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } | Error::InvalidFields(_) => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::TooNew { .. } => "database_too_new",
            Error::NotADatabase { .. } => "not_a_database",
            Error::Locked { .. } => "data_file_locked",
            Error::Corrupt { .. } => "data_file_corrupt",
            Error::ReadOnly { .. } => "data_file_read_only",
            Error::DataFileGone { .. } => "data_file_gone",
            Error::Io { .. } => "io",
            Error::BadFile(_) => "bad_file",
            Error::Cancelled => "cancelled",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
        }
    }

    /// The form field an [`Error::Invalid`] belongs to (the first one, when several are wrong).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::InvalidFields(errors) => errors.first().map(|e| e.field),
            _ => None,
        }
    }

    /// Every field's problem, each with the field it belongs next to; empty for an error that
    /// is not about input.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            Error::Invalid { field, message } => vec![FieldError {
                field,
                message: message.clone(),
            }],
            Error::InvalidFields(errors) => errors.clone(),
            _ => Vec::new(),
        }
    }

    /// Whether opening the data file again may succeed without the user doing anything in
    /// Coffee Chat: another program lets go of it, or someone makes it writable.
    pub fn retry_may_help(&self) -> bool {
        matches!(self, Error::Locked { .. } | Error::ReadOnly { .. })
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }
}

/// One field's problem, said next to the field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn join_messages(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Turns "no row" into a [`Error::NotFound`] for `what`.
pub(crate) trait OptionalRow<T> {
    fn or_not_found(self, what: &'static str) -> Result<T>;
}

impl<T> OptionalRow<T> for rusqlite::Result<T> {
    fn or_not_found(self, what: &'static str) -> Result<T> {
        match self {
            Ok(value) => Ok(value),
            Err(rusqlite::Error::QueryReturnedNoRows) => Err(Error::NotFound { what }),
            Err(other) => Err(other.into()),
        }
    }
}
