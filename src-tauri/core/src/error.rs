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
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::TooNew { .. } => "database_too_new",
            Error::NotADatabase { .. } => "not_a_database",
            Error::Io { .. } => "io",
            Error::BadFile(_) => "bad_file",
            Error::Cancelled => "cancelled",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
        }
    }

    /// The form field an [`Error::Invalid`] belongs to.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }
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
