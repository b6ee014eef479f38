//! People and interviews as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads
//! accents right), a header row in plain words, CRLF line ends, and quoting by the `csv` crate.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a
//! formula by a spreadsheet ("CSV injection"): such user text gets a leading `'`, which the
//! spreadsheet shows as text. Values the app writes itself (dates, numbers) are left as they are.

use chrono::{DateTime, NaiveDate, Utc};
use csv::{Terminator, WriterBuilder};
use rusqlite::Row;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::stage::Stage;
use crate::store::{collect, Store};

/// UTF-8's byte-order mark: without it, Excel reads the file in the system's legacy encoding.
const BOM: &[u8] = b"\xEF\xBB\xBF";

const PEOPLE_HEADER: [&str; 15] = [
    "Name",
    "Title",
    "Organisation",
    "Field",
    "E-mail",
    "Phone",
    "LinkedIn",
    "Location",
    "How we met",
    "Referred by",
    "Tags",
    "Warm contact",
    "Notes",
    "Source",
    "Added",
];

const PEOPLE_SQL: &str = "SELECT p.name, p.title, COALESCE(o.name, ''), COALESCE(f.name, ''),
        p.email, p.phone, p.linkedin_url, p.location, p.how_met, COALESCE(r.name, ''), p.tags,
        p.warm, p.notes, p.source, p.created_at
     FROM people p
     LEFT JOIN organisations o ON o.id = p.organisation_id
     LEFT JOIN target_fields f ON f.id = p.field_id
     LEFT JOIN people r ON r.id = p.referred_by_id AND r.deleted_at IS NULL
     WHERE p.deleted_at IS NULL
     ORDER BY p.name COLLATE NOCASE, p.id";

const INTERVIEWS_HEADER: [&str; 12] = [
    "Person",
    "Organisation",
    "Field",
    "Stage",
    "Requested on",
    "Scheduled for",
    "Medium",
    "Place",
    "Planned minutes",
    "Real minutes",
    "Thank-you sent",
    "Notes",
];

const INTERVIEWS_SQL: &str = "SELECT p.name, COALESCE(o.name, ''), COALESCE(f.name, ''),
        i.stage, i.request_date, i.scheduled_at, i.medium, i.place, i.planned_minutes,
        i.actual_minutes, i.thank_you_sent_at, i.notes
     FROM interviews i
     JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
     LEFT JOIN organisations o ON o.id = p.organisation_id
     LEFT JOIN target_fields f ON f.id = i.field_id
     WHERE i.deleted_at IS NULL
     ORDER BY p.name COLLATE NOCASE, p.id, i.created_at, i.id";

impl Store {
    /// Everyone not in the trash, by name, one row each.
    pub fn export_people_csv(&self) -> Result<Vec<u8>> {
        self.read(|conn, clock| {
            let rows = collect(conn, PEOPLE_SQL, [], |row| person_cells(row, clock))?;
            sheet(&PEOPLE_HEADER, &rows)
        })
    }

    /// Every interview not in the trash (nor its person), grouped by person, oldest first.
    pub fn export_interviews_csv(&self) -> Result<Vec<u8>> {
        self.read(|conn, clock| {
            let rows = collect(conn, INTERVIEWS_SQL, [], |row| interview_cells(row, clock))?;
            sheet(&INTERVIEWS_HEADER, &rows)
        })
    }
}

fn person_cells(row: &Row<'_>, clock: &dyn Clock) -> rusqlite::Result<Vec<String>> {
    let mut cells = Vec::with_capacity(PEOPLE_HEADER.len());
    for index in 0..=10 {
        cells.push(inert(row.get(index)?));
    }
    cells.push(yes_no(row.get(11)?));
    cells.push(inert(row.get(12)?));
    cells.push(source_label(&row.get::<_, String>(13)?));
    cells.push(local_time(clock, row.get(14)?));
    Ok(cells)
}

fn interview_cells(row: &Row<'_>, clock: &dyn Clock) -> rusqlite::Result<Vec<String>> {
    let request_date: Option<NaiveDate> = row.get(4)?;
    let scheduled_at: Option<DateTime<Utc>> = row.get(5)?;
    let actual_minutes: Option<i64> = row.get(9)?;
    let thanked_at: Option<DateTime<Utc>> = row.get(10)?;
    Ok(vec![
        inert(row.get(0)?),
        inert(row.get(1)?),
        inert(row.get(2)?),
        stage_label(row.get(3)?).to_owned(),
        request_date.map(|d| d.to_string()).unwrap_or_default(),
        scheduled_at
            .map(|at| local_time(clock, at))
            .unwrap_or_default(),
        inert(row.get(6)?),
        inert(row.get(7)?),
        row.get::<_, i64>(8)?.to_string(),
        actual_minutes.map(|m| m.to_string()).unwrap_or_default(),
        thanked_at
            .map(|at| local_time(clock, at))
            .unwrap_or_default(),
        inert(row.get(11)?),
    ])
}

/// The CSV file: the byte-order mark, the header and the rows.
fn sheet(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(BOM.to_vec());
    writer.write_record(header).map_err(not_written)?;
    for row in rows {
        writer.write_record(row).map_err(not_written)?;
    }
    writer
        .into_inner()
        .map_err(|error| not_written(error.into_error().into()))
}

/// Writing into memory fails only if a row is malformed, which would be a bug here; it is
/// still reported rather than panicking.
fn not_written(error: csv::Error) -> Error {
    Error::invalid(
        "export",
        format!("The spreadsheet could not be written: {error}."),
    )
}

/// User text as a spreadsheet shows it and never runs it: a cell a spreadsheet would read as a
/// formula gets a leading apostrophe.
fn inert(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// An instant as the user's wall-clock time, in the form spreadsheets read as a date and time.
fn local_time(clock: &dyn Clock, at: DateTime<Utc>) -> String {
    clock.utc_to_local(at).format("%Y-%m-%d %H:%M").to_string()
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// Where a person came from, in words.
fn source_label(source: &str) -> String {
    match source {
        "" => "Added by hand".to_owned(),
        "linkedin" => "LinkedIn import".to_owned(),
        "vcard" => "vCard import".to_owned(),
        other => other.to_owned(),
    }
}

/// A stage as the pipeline board names it (`ui/js/stages.js`).
fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Identified => "Identified",
        Stage::ConnectionRequested => "Connection requested",
        Stage::Connected => "Connected",
        Stage::InterviewRequested => "Interview requested",
        Stage::Scheduled => "Scheduled",
        Stage::Done => "Done",
        Stage::Thanked => "Thanked",
        Stage::FollowedUp => "Followed up",
        Stage::Declined => "Declined",
        Stage::NoResponse => "No response",
        Stage::Cancelled => "Cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        assert_eq!(inert(text.to_owned()), expected, "{text:?}");
    }

    #[test]
    fn only_cells_a_spreadsheet_would_run_are_changed() {
        check("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
        check("+49 30 1234", "'+49 30 1234");
        check("-2+3", "'-2+3");
        check("@SUM(A1)", "'@SUM(A1)");
        check("\tx", "'\tx");
        check("\rx", "'\rx");
        check("Dana = boss", "Dana = boss");
        check("", "");
        check("Zoë", "Zoë");
    }
}
