//! Moving the user's data in and out: imports (LinkedIn's export, vCards), exports (a full JSON
//! backup, CSV for spreadsheets, iCalendar for calendars) and the daily backups of the data file.
//!
//! Every importer turns a file into a [`Parsed`] list of [`Candidate`] people (and the rows it
//! rejected, with line and reason); `import` then plans (the dry run the preview shows) and
//! applies that list in one transaction, whatever the source was.

pub mod backup;
pub mod csv_export;
pub mod ics;
pub mod import;
pub mod json;
pub mod linkedin;
pub mod text;
pub mod vcard;

use chrono::NaiveDate;
use serde::Serialize;

/// Files larger than this are refused before they are read: no contact list comes near it.
pub const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

/// Where an import's people came from; stored with each person it added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// LinkedIn's `Connections.csv`, alone or inside the export archive.
    Linkedin,
    /// A vCard file (.vcf) from a phone, an address book or a card-scanning app.
    Vcard,
}

impl Source {
    /// The tag imported people carry, so the user can find them again.
    pub fn tag(self) -> &'static str {
        match self {
            Source::Linkedin => "linkedin",
            Source::Vcard => "vcard",
        }
    }
}

/// What LinkedIn's archive says about the user's contact with one person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LinkedinActivity {
    /// The day the user sent them an invitation (`Invitations.csv`, direction OUTGOING).
    pub invited_on: Option<NaiveDate>,
    /// The text the user wrote with that invitation ('' when none).
    pub invitation_message: String,
    /// The first day they wrote to the user after the invitation (`messages.csv`).
    pub replied_on: Option<NaiveDate>,
}

/// One person found in a file, before it is matched against the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The line of the file where this person starts (1-based), for the preview.
    pub line: usize,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub linkedin_url: String,
    pub location: String,
    pub notes: String,
    /// LinkedIn's "Connected On": the day they accepted.
    pub connected_on: Option<NaiveDate>,
    /// Invitation and reply, when the LinkedIn archive holds them.
    pub activity: Option<LinkedinActivity>,
}

/// A row or card that could not be read as a person, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub line: usize,
    pub reason: String,
}

/// What a parser made of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub source: Source,
    pub candidates: Vec<Candidate>,
    pub rejected: Vec<Rejected>,
    /// Things the user should know about how the file was read, in plain words
    /// (e.g. "The file was not UTF-8; it was read as Windows-1252.").
    pub notices: Vec<String>,
}

/// Reads the file at `path` with the importer its content calls for.
pub fn parse_file(path: &std::path::Path) -> crate::Result<Parsed> {
    let unreadable = |error: std::io::Error| {
        crate::Error::BadFile(format!("Could not read {}: {error}.", path.display()))
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(crate::Error::BadFile(format!(
            "This file is {} MB; an address book or LinkedIn export is far smaller (at most {} MB \
             is read). Check that you chose the right file.",
            size / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    parse_bytes(name, &bytes)
}

/// Reads a file's bytes: a zip is LinkedIn's export archive, text with `BEGIN:VCARD` (or a `.vcf`
/// name) is vCard, and any other text is LinkedIn's `Connections.csv`.
pub fn parse_bytes(file_name: &str, bytes: &[u8]) -> crate::Result<Parsed> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return linkedin::parse_archive(bytes);
    }
    let lower = file_name.to_ascii_lowercase();
    let says_vcard = lower.ends_with(".vcf") || lower.ends_with(".vcard");
    let holds_vcard = bytes
        .windows(11)
        .take(64 * 1024)
        .any(|w| w.eq_ignore_ascii_case(b"BEGIN:VCARD"));
    if says_vcard || holds_vcard {
        vcard::parse(bytes)
    } else {
        linkedin::parse_connections(bytes)
    }
}

/// Writes `bytes` to `path` so that the file is either the old one or the whole new one: a
/// temporary file beside it is written, synced and renamed over it.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> crate::Result<()> {
    use std::io::Write;
    let io = |source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let folder = path.parent().unwrap_or_else(|| std::path::Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    let temporary = folder.join(format!(".{name}.partial"));
    let mut file = std::fs::File::create(&temporary).map_err(io)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|error| {
            let _ = std::fs::remove_file(&temporary);
            io(error)
        })
}

/// The files the user can export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// Everything, restorable into an empty data file.
    Json,
    /// People, for a spreadsheet.
    PeopleCsv,
    /// Interviews, for a spreadsheet.
    InterviewsCsv,
    /// Scheduled interviews and open reminders, for any calendar.
    Calendar,
}

impl ExportKind {
    /// The file name a save dialog suggests, dated `today`.
    pub fn suggested_name(self, today: NaiveDate) -> String {
        let day = today.format("%Y-%m-%d");
        match self {
            ExportKind::Json => format!("coffeechat-export-{day}.json"),
            ExportKind::PeopleCsv => format!("coffeechat-people-{day}.csv"),
            ExportKind::InterviewsCsv => format!("coffeechat-interviews-{day}.csv"),
            ExportKind::Calendar => format!("coffeechat-calendar-{day}.ics"),
        }
    }

    /// The save dialog's filter: its name and extensions.
    pub fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            ExportKind::Json => ("Coffee Chat export", &["json"]),
            ExportKind::PeopleCsv | ExportKind::InterviewsCsv => ("Spreadsheet (CSV)", &["csv"]),
            ExportKind::Calendar => ("Calendar (iCalendar)", &["ics"]),
        }
    }
}

impl crate::Store {
    /// Writes the export `kind` to `path` (whole, or not at all).
    pub fn export_to(&self, kind: ExportKind, path: &std::path::Path) -> crate::Result<()> {
        let bytes = match kind {
            ExportKind::Json => self.export_json()?.into_bytes(),
            ExportKind::PeopleCsv => self.export_people_csv()?,
            ExportKind::InterviewsCsv => self.export_interviews_csv()?,
            ExportKind::Calendar => self.export_ics()?.into_bytes(),
        };
        write_atomically(path, &bytes)
    }

    /// Restores a full JSON export from the file at `path` into this (empty) data file.
    pub fn restore_export_file(
        &mut self,
        path: &std::path::Path,
    ) -> crate::Result<json::RestoreSummary> {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > 20 * MAX_IMPORT_BYTES {
            return Err(crate::Error::BadFile(
                "This file is far larger than any Coffee Chat export. Check that you chose the right file.".into(),
            ));
        }
        let bytes = std::fs::read(path).map_err(|error| {
            crate::Error::BadFile(format!("Could not read {}: {error}.", path.display()))
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            crate::Error::BadFile(
                "This is not a Coffee Chat export (.json): it is not even text.".into(),
            )
        })?;
        self.import_json(&text)
    }

    /// Writes one interview's calendar entry into `folder` and returns its path, for the
    /// desktop's calendar app to open.
    pub fn write_interview_ics(
        &self,
        interview_id: i64,
        folder: &std::path::Path,
    ) -> crate::Result<std::path::PathBuf> {
        let ics = self.interview_ics(interview_id)?;
        std::fs::create_dir_all(folder).map_err(|source| crate::Error::Io {
            path: folder.to_path_buf(),
            source,
        })?;
        let path = folder.join(format!("coffeechat-interview-{interview_id}.ics"));
        write_atomically(&path, ics.as_bytes())?;
        Ok(path)
    }

    /// Puts the backup at `backup` in place of this store's data file and opens it; the data as
    /// it was is backed up first (returned, so the user can go back).
    pub fn restore_backup(
        &mut self,
        backup: &std::path::Path,
    ) -> crate::Result<Option<backup::BackupInfo>> {
        let clock_now = self.clock().now();
        let clock = crate::FixedClock {
            now: clock_now,
            zone: chrono::Utc,
        };
        self.reopen_around(|data_file| backup::restore(data_file, backup, &clock))
    }
}
