//! LinkedIn's data export: `Connections.csv` on its own, or the whole export archive (.zip), whose
//! complete form also says when the user invited each person and when they first wrote back.
//!
//! The files as LinkedIn writes them (checked against real exports quoted in public parsers):
//!
//! - `Connections.csv` starts with a preamble (`Notes:`, one quoted paragraph about missing
//!   e-mail addresses, a blank line), then `First Name,Last Name,URL,Email Address,Company,
//!   Position,Connected On`, with days like `05 Mar 2024`. Older exports have no preamble and
//!   no `URL` column; members who hide themselves come out with empty names; company names carry
//!   quoted commas and quotes. A spreadsheet re-save may use `;` and Windows-1252 and rewrite the
//!   days (`05/03/2024`, `05.03.2024`, `2024-03-05`).
//! - `Invitations.csv`: `From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl`,
//!   `Sent At` like `1/29/26, 2:37 PM` (US order, no time zone), `Direction` INCOMING/OUTGOING.
//! - `messages.csv`: `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,
//!   RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,…` (newer ones add `ATTACHMENTS`,
//!   `IS MESSAGE DRAFT`, `IS CONVERSATION DRAFT`), `DATE` like `2024-01-15 15:45:12 UTC`.
//!
//! Every table is found by its column names, wherever its header line is, and read by name,
//! never by position, because LinkedIn has added, dropped and moved columns over the years.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use chrono::{Datelike, NaiveDate};
use csv::StringRecord;
use percent_encoding::percent_decode_str;

use super::{text, Candidate, LinkedinActivity, Parsed, Rejected, Source, MAX_IMPORT_BYTES};
use crate::error::{Error, Result};

/// Reads LinkedIn's `Connections.csv`.
///
/// Each row with a name becomes a [`Candidate`] whose `line` is the physical line of the file
/// where the row starts (preamble included), so the preview points at what the user sees in an
/// editor. Rows without a name (members LinkedIn hides) are rejected with a reason; empty rows
/// are skipped silently. A day that cannot be read does not cost the person: they are imported
/// without `connected_on`, and one notice lists the lines concerned.
pub fn parse_connections(bytes: &[u8]) -> Result<Parsed> {
    read_connections(bytes, "This CSV file")
}

/// Reads LinkedIn's export archive, Basic or Complete: `Connections.csv` (in any folder, any
/// case) is required; `Invitations.csv` and `messages.csv`, when present, add each person's
/// [`LinkedinActivity`] when the user invited them, and a notice says which are missing.
///
/// People the user invited who have not accepted yet are not in `Connections.csv`; they are
/// added as candidates too (no `connected_on`, activity set), and their `line` is their line in
/// `Invitations.csv`, not in `Connections.csv`.
pub fn parse_archive(bytes: &[u8]) -> Result<Parsed> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
        Error::BadFile(format!(
            "This .zip file is damaged or incomplete ({error}). Download your export from \
             LinkedIn again and import the new file."
        ))
    })?;
    let connections = find_entry(&archive, "Connections.csv").ok_or_else(|| {
        Error::BadFile(
            "This zip has no Connections.csv. Is it LinkedIn's data export? On LinkedIn, open \
             Settings & Privacy, Data privacy, Get a copy of your data, tick Connections, and \
             import the .zip LinkedIn sends you."
                .to_owned(),
        )
    })?;
    let connections = read_entry(&mut archive, connections, "Connections.csv")?;
    let mut parsed = read_connections(&connections, "Connections.csv in this zip")?;
    // Replies only matter after an invitation, so messages.csv is not even read without one.
    let Some(invitations) = read_optional(&mut archive, "Invitations.csv", &mut parsed.notices)?
    else {
        return Ok(parsed);
    };
    let messages = read_optional(&mut archive, "messages.csv", &mut parsed.notices)?;
    add_activity(&mut parsed, &invitations, messages.as_deref());
    Ok(parsed)
}

/// A LinkedIn profile address in one spelling, so two spellings of one profile match: no scheme,
/// no `www.` or country subdomain, no query, fragment or trailing slash, percent-decoded and
/// lowercase (`https://de.linkedin.com/in/J%C3%B6rg-M/?trk=x` becomes `linkedin.com/in/jörg-m`).
/// Other text goes through the same steps, so it stays stable; empty stays empty.
pub fn normalise_profile_url(url: &str) -> String {
    let url = url.trim();
    let url = match url.split_once("://") {
        Some((scheme, rest)) if is_scheme(scheme) => rest,
        _ => url,
    };
    let url = url.trim_start_matches('/');
    let url = url.split(['?', '#']).next().unwrap_or("");
    let (host, path) = url.split_at(url.find('/').unwrap_or(url.len()));
    let host = host.to_lowercase();
    let host = if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        "linkedin.com"
    } else {
        host.strip_prefix("www.").unwrap_or(&host)
    };
    let path = percent_decode_str(path).decode_utf8_lossy();
    format!("{host}{}", path.trim_end_matches('/')).to_lowercase()
}

/// Whether `text` (what comes before `://`) is a URL scheme such as `https`.
fn is_scheme(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

// ---------------------------------------------------------------------------------------------
// Tables: finding the header line and reading columns by name.
// ---------------------------------------------------------------------------------------------

/// Separators a LinkedIn file may carry: LinkedIn writes commas; a spreadsheet in a European
/// locale re-saves with semicolons; a few tools save tabs.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// How many rows are searched for the header: LinkedIn's preamble is three lines, so a header
/// much further down means this is some other file.
const HEADER_SEARCH_ROWS: usize = 50;

/// A row that spans more lines than this holds a quote mark that was never closed: no field of
/// these files is that long.
const MAX_LINE_BREAKS_IN_ROW: usize = 5;

/// The names of a table's columns, normalised by [`column_key`].
struct Columns(Vec<String>);

impl Columns {
    /// The position of the first column called by one of `names` (normalised spellings).
    fn find(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|name| self.0.iter().position(|column| column == name))
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|column| column == name)
    }
}

/// One spelling per column name: case, spaces, underscores and hyphens do not matter, so
/// `Email Address`, `email_address` and `E-mail Address` are one column.
fn column_key(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Finds the first line (within [`HEADER_SEARCH_ROWS`]) that names all `required` columns and
/// returns its columns and the rows below it, each with the line where it starts. Each
/// separator is tried in turn: with the wrong one the header line is a single cell and never
/// matches.
fn open_table<'t>(
    text: &'t str,
    required: &[&str],
) -> Option<(Columns, impl Iterator<Item = (usize, StringRecord)> + 't)> {
    DELIMITERS.iter().find_map(|&delimiter| {
        let mut rows = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes())
            .into_records()
            .filter_map(std::result::Result::ok);
        let columns = rows
            .by_ref()
            .take(HEADER_SEARCH_ROWS)
            .map(|header| Columns(header.iter().map(column_key).collect()))
            .find(|columns| required.iter().all(|name| columns.has(name)))?;
        let mut lines = LineCounter::new(text);
        Some((columns, rows.map(move |row| (lines.line_of(&row), row))))
    })
}

/// Finds the physical line where each row starts. The csv crate's own line number counts from
/// the end of the previous row, so it points at the blank line before a row, or at the `\n` of a
/// `\r\n`; here line breaks after that point are stepped over. Rows come in file order, so the
/// count moves forward only once over the text.
struct LineCounter<'t> {
    text: &'t str,
    byte: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text,
            byte: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, row: &StringRecord) -> usize {
        let start = row
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.byte)
            .clamp(self.byte, self.text.len());
        let rest = &self.text.as_bytes()[start..];
        let breaks = rest
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let first_byte = start + breaks;
        let passed = &self.text.as_bytes()[self.byte..first_byte];
        self.line += passed.iter().filter(|&&b| b == b'\n').count();
        self.byte = first_byte;
        self.line
    }
}

/// The trimmed text of `column` in `row`, or '' when the column is missing or the row short.
fn cell(row: &StringRecord, column: Option<usize>) -> &str {
    column.and_then(|i| row.get(i)).unwrap_or("").trim()
}

fn is_empty_row(row: &StringRecord) -> bool {
    row.iter().all(|cell| cell.trim().is_empty())
}

/// Line breaks inside a cell become spaces: a title typed on two lines is one title.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How people are compared by name when no profile address links them.
fn name_key(name: &str) -> String {
    one_line(name).to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Connections.csv
// ---------------------------------------------------------------------------------------------

/// Where each field of `Connections.csv` is, by name. Older spellings (the Outlook-style export
/// before 2018: `E-mail Address`, `Job Title`) are accepted too.
struct ConnectionColumns {
    first: Option<usize>,
    last: Option<usize>,
    url: Option<usize>,
    email: Option<usize>,
    company: Option<usize>,
    position: Option<usize>,
    connected_on: Option<usize>,
}

impl ConnectionColumns {
    fn of(columns: &Columns) -> Self {
        ConnectionColumns {
            first: columns.find(&["firstname"]),
            last: columns.find(&["lastname"]),
            url: columns.find(&["url", "profileurl", "linkedinurl"]),
            email: columns.find(&["emailaddress", "email"]),
            company: columns.find(&["company", "companyname", "organization"]),
            position: columns.find(&["position", "jobtitle", "title"]),
            connected_on: columns.find(&["connectedon"]),
        }
    }
}

fn read_connections(bytes: &[u8], what: &str) -> Result<Parsed> {
    let decoded = text::decode(bytes, what)?;
    let (columns, rows) =
        open_table(&decoded.text, &["firstname", "lastname"]).ok_or_else(|| {
            Error::BadFile(
                "This does not look like LinkedIn's Connections.csv: no line names the columns \
             First Name and Last Name. Choose Connections.csv from LinkedIn's data export (or \
             the whole .zip) as LinkedIn sent it."
                    .to_owned(),
            )
        })?;
    refuse_profile_csv(&columns)?;
    let fields = ConnectionColumns::of(&columns);
    let rows: Vec<(usize, StringRecord)> = rows.filter(|(_, row)| !is_empty_row(row)).collect();
    let order = SlashOrder::of(rows.iter().map(|(_, row)| cell(row, fields.connected_on)));
    let mut parsed = Parsed {
        source: Source::Linkedin,
        candidates: Vec::new(),
        rejected: Vec::new(),
        notices: decoded.notice.into_iter().collect(),
    };
    let mut unreadable_days = Vec::new();
    for (line, row) in &rows {
        match read_connection(*line, row, &fields, order) {
            Ok((candidate, None)) => parsed.candidates.push(candidate),
            Ok((candidate, Some(day))) => {
                unreadable_days.push((candidate.line, day));
                parsed.candidates.push(candidate);
            }
            Err(rejected) => parsed.rejected.push(rejected),
        }
    }
    parsed
        .notices
        .extend(connection_notices(rows.is_empty(), order, &unreadable_days));
    Ok(parsed)
}

/// `Profile.csv` (the user's own profile) also starts with First Name and Last Name; importing
/// it would add the user as their own contact.
fn refuse_profile_csv(columns: &Columns) -> Result<()> {
    if columns.has("headline") && columns.has("birthdate") && !columns.has("connectedon") {
        return Err(Error::BadFile(
            "This is LinkedIn's Profile.csv (your own profile), not your connections. Choose \
             Connections.csv from the same export, or the whole .zip."
                .to_owned(),
        ));
    }
    Ok(())
}

/// What one row of `Connections.csv` gives: a person (with the day's text when it could not be
/// read), or the reason it was rejected.
fn read_connection(
    line: usize,
    row: &StringRecord,
    fields: &ConnectionColumns,
    order: SlashOrder,
) -> std::result::Result<(Candidate, Option<String>), Rejected> {
    if let Some(reason) = unclosed_quote(row) {
        return Err(Rejected { line, reason });
    }
    let name = one_line(&format!(
        "{} {}",
        cell(row, fields.first),
        cell(row, fields.last)
    ));
    let organisation = one_line(cell(row, fields.company));
    if name.is_empty() {
        return Err(Rejected {
            line,
            reason: hidden_member(&organisation),
        });
    }
    let day_text = cell(row, fields.connected_on);
    let connected_on = parse_day(day_text, order);
    let unreadable = (connected_on.is_none() && !day_text.is_empty()).then(|| day_text.to_owned());
    let candidate = Candidate {
        line,
        name,
        title: one_line(cell(row, fields.position)),
        organisation,
        email: cell(row, fields.email).to_owned(),
        linkedin_url: cell(row, fields.url).to_owned(),
        connected_on,
        ..Candidate::default()
    };
    Ok((candidate, unreadable))
}

/// The reason for a row without a name: LinkedIn leaves the names out for members who limit
/// who may see or export their profile.
fn hidden_member(organisation: &str) -> String {
    let at = if organisation.is_empty() {
        String::new()
    } else {
        format!(" (at {organisation})")
    };
    format!(
        "LinkedIn hides this member's name{at}: their privacy settings keep it out of exports, \
         so there is nobody to add. If you know who it is, add them by hand."
    )
}

/// A row holding more line breaks than any field has swallowed the lines after it: a quote
/// mark was opened and never closed (usually by editing the file by hand).
fn unclosed_quote(row: &StringRecord) -> Option<String> {
    let breaks: usize = row.iter().map(|cell| cell.matches('\n').count()).sum();
    (breaks > MAX_LINE_BREAKS_IN_ROW).then(|| {
        format!(
            "A quote mark on this line is never closed, so the {breaks} lines after it were \
             read as part of this row. Close the quote in a text editor and import the file \
             again."
        )
    })
}

/// What the user should know about the rows as a whole: no rows at all, days read in a guessed
/// order, days that could not be read.
fn connection_notices(
    no_rows: bool,
    order: SlashOrder,
    unreadable: &[(usize, String)],
) -> Vec<String> {
    let mut notices = Vec::new();
    if no_rows {
        notices.push(
            "This Connections.csv names its columns but lists no connections. If you have \
             connections on LinkedIn, request the export again."
                .to_owned(),
        );
    }
    if order == SlashOrder::Undecided {
        notices.push(
            "Connection days written like 03/05/2024 were read as month/day/year (how LinkedIn \
             and US spreadsheets write them). If your file uses day/month/year, check the days \
             after importing."
                .to_owned(),
        );
    }
    if let Some(notice) = unreadable_days_notice(unreadable) {
        notices.push(notice);
    }
    notices
}

fn unreadable_days_notice(unreadable: &[(usize, String)]) -> Option<String> {
    let ((first_line, first_text), rest) = unreadable.split_first()?;
    if rest.is_empty() {
        return Some(format!(
            "The day you connected could not be read on line {first_line} (\"{first_text}\"); \
             that person is imported without it."
        ));
    }
    let shown: Vec<String> = unreadable
        .iter()
        .take(5)
        .map(|(line, _)| line.to_string())
        .collect();
    let more = if unreadable.len() > 5 { ", …" } else { "" };
    Some(format!(
        "The day you connected could not be read on {} lines ({}{more}; e.g. \"{first_text}\"); \
         those people are imported without it.",
        unreadable.len(),
        shown.join(", ")
    ))
}

// ---------------------------------------------------------------------------------------------
// Days.
// ---------------------------------------------------------------------------------------------

/// How a day written with slashes (`03/05/2024`) is read. LinkedIn itself writes month first
/// (`Invitations.csv`); in `Connections.csv` slashes only come from a spreadsheet re-save, in
/// the user's locale, so the file itself decides when one of its days settles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SlashOrder {
    MonthFirst,
    DayFirst,
    /// Every slashed day could be read both ways: they are read month first and the user is
    /// told.
    Undecided,
}

impl SlashOrder {
    /// The order the slashed days among `days` call for: a first number above 12 means day
    /// first, a second above 12 means month first; neither means a guess.
    fn of<'a>(days: impl Iterator<Item = &'a str>) -> SlashOrder {
        let (mut day_first, mut month_first, mut slashed) = (false, false, false);
        for day in days {
            let first_word = day.split([' ', ',']).next().unwrap_or("");
            let Some((a, b, _)) =
                numeric_parts(first_word, '/').or_else(|| numeric_parts(first_word, '-'))
            else {
                continue;
            };
            // A year first (2024-03-05) is ISO order, which needs no deciding.
            if a > 31 {
                continue;
            }
            slashed = true;
            day_first |= a > 12;
            month_first |= b > 12;
        }
        match (day_first, month_first) {
            (true, false) => SlashOrder::DayFirst,
            (false, false) if slashed => SlashOrder::Undecided,
            _ => SlashOrder::MonthFirst,
        }
    }
}

/// The three numbers of `text` split by `separator`, when it is exactly that.
fn numeric_parts(text: &str, separator: char) -> Option<(u32, u32, &str)> {
    let mut parts = text.trim().split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let all_digits = [a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    if parts.next().is_some() || !all_digits {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, c))
}

/// Reads a day in any spelling LinkedIn or a spreadsheet writes: `05 Mar 2024`, `5 March 2024`,
/// `Mar 5, 2024`, `05-Mar-24`, `2024-03-05`, `2024/03/05`, `05.03.2024`, `3/5/24` (by `order`),
/// each possibly followed by a time (`1/29/26, 2:37 PM`, `2024-01-15 15:45:12 UTC`).
fn parse_day(text: &str, order: SlashOrder) -> Option<NaiveDate> {
    // Non-breaking and narrow spaces (newer exports put one before "PM") count as spaces.
    let text = one_line(text);
    let before_comma = text.split(',').next().unwrap_or("");
    let first_word = text.split(' ').next().unwrap_or("");
    let found = [text.as_str(), before_comma, first_word]
        .into_iter()
        .filter(|piece| !piece.is_empty())
        .find_map(|piece| numeric_day(piece, order).or_else(|| named_month_day(piece)));
    found.filter(|day| (1990..=2200).contains(&day.year()))
}

/// `2024-03-05`, `2024/03/05`, `05.03.2024` (day first, as German spreadsheets write), and
/// slashed or hyphenated days in `order`.
fn numeric_day(text: &str, order: SlashOrder) -> Option<NaiveDate> {
    let (separator, (a, b, c)) = ['-', '/', '.']
        .into_iter()
        .find_map(|s| numeric_parts(text, s).map(|parts| (s, parts)))?;
    if text.trim().split(separator).next()?.len() == 4 {
        return NaiveDate::from_ymd_opt(i32::try_from(a).ok()?, b, c.parse().ok()?);
    }
    let year = full_year(c)?;
    let (month, day) = if separator == '.' || order == SlashOrder::DayFirst {
        (b, a)
    } else {
        (a, b)
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A four-digit year as written; a two-digit one is in this century, since LinkedIn began in
/// 2003.
fn full_year(text: &str) -> Option<i32> {
    let number: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(number),
        2 => Some(2000 + number),
        _ => None,
    }
}

/// Days with an English month name, as LinkedIn writes `Connected On`.
fn named_month_day(text: &str) -> Option<NaiveDate> {
    // Two-digit years are tried first: chrono's %Y would read "24" as the year 24.
    const FORMATS: [&str; 10] = [
        "%d %b %y",
        "%d %b %Y",
        "%d %B %Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%b %d %y",
        "%b %d %Y",
        "%B %d %Y",
        "%d. %b %Y",
        "%d. %B %Y",
    ];
    let text = text.replace(',', " ");
    let text = one_line(&text);
    FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&text, format).ok())
}

// ---------------------------------------------------------------------------------------------
// The archive.
// ---------------------------------------------------------------------------------------------

/// The entry whose file name (in any folder, any case) is `file_name`, leaving out the copies
/// macOS adds under `__MACOSX/`.
fn find_entry<R: Read + std::io::Seek>(
    archive: &zip::ZipArchive<R>,
    file_name: &str,
) -> Option<usize> {
    (0..archive.len()).find(|&index| {
        let Some(Ok(path)) = archive.name_for_index(index) else {
            return false;
        };
        let base = path.rsplit(['/', '\\']).next().unwrap_or("");
        !path.starts_with("__MACOSX") && base.eq_ignore_ascii_case(file_name)
    })
}

/// The bytes of entry `index`, refusing one that would unpack to more than
/// [`MAX_IMPORT_BYTES`] (whatever its header claims) so that a zip bomb cannot fill the memory.
fn read_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    label: &str,
) -> Result<Vec<u8>> {
    let damaged = |error: &dyn std::fmt::Display| {
        Error::BadFile(format!(
            "{label} in this zip cannot be read ({error}). The download may be damaged: \
             download your export from LinkedIn again, or unzip it and choose {label} itself."
        ))
    };
    let too_big = || {
        Error::BadFile(format!(
            "{label} in this zip would unpack to more than {} MB, far more than any LinkedIn \
             export holds. This is not a file Coffee Chat can import.",
            MAX_IMPORT_BYTES / (1024 * 1024)
        ))
    };
    let entry = archive.by_index(index).map_err(|e| damaged(&e))?;
    if entry.size() > MAX_IMPORT_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    entry
        .take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(&e))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The text of an entry the archive may or may not hold. Its absence, or text that cannot be
/// read, is said in a notice; a damaged entry or zip bomb refuses the whole file.
fn read_optional<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    file_name: &str,
    notices: &mut Vec<String>,
) -> Result<Option<String>> {
    let Some(index) = find_entry(archive, file_name) else {
        notices.push(missing_notice(file_name));
        return Ok(None);
    };
    let bytes = read_entry(archive, index, file_name)?;
    match text::decode(&bytes, &format!("{file_name} in this zip")) {
        Ok(decoded) => {
            if let Some(notice) = decoded.notice {
                notices.push(format!("{file_name}: {notice}"));
            }
            Ok(Some(decoded.text))
        }
        Err(_) => {
            notices.push(format!(
                "{file_name} in this zip is empty or not text, so it was left out."
            ));
            Ok(None)
        }
    }
}

fn missing_notice(file_name: &str) -> String {
    if file_name.eq_ignore_ascii_case("Invitations.csv") {
        "This archive has no Invitations.csv, so the days you sent invitations are not known. \
         To add them, request LinkedIn's larger archive (it takes up to a day) and import it \
         too."
            .to_owned()
    } else {
        "This archive has no messages.csv, so whether people replied to your invitations is \
         not known. To add it, request LinkedIn's larger archive (it takes up to a day) and \
         import it too."
            .to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Invitations and replies.
// ---------------------------------------------------------------------------------------------

/// An invitation the user sent (`Invitations.csv`, direction OUTGOING).
struct Invitation {
    line: usize,
    name: String,
    url: String,
    sent_on: Option<NaiveDate>,
    message: String,
}

/// A message someone sent (`messages.csv`), reduced to who and which day.
struct Message {
    name: String,
    url: String,
    day: NaiveDate,
}

/// The user's outgoing invitations, or `None` when the file has no recognisable header.
fn read_invitations(text: &str) -> Option<Vec<Invitation>> {
    let (columns, rows) = open_table(text, &["to", "direction"])?;
    let to = columns.find(&["to"]);
    let sent_at = columns.find(&["sentat", "sent"]);
    let message = columns.find(&["message"]);
    let direction = columns.find(&["direction"]);
    let url = columns.find(&["inviteeprofileurl"]);
    let invitations = rows
        .filter(|(_, row)| cell(row, direction).eq_ignore_ascii_case("outgoing"))
        .map(|(line, row)| Invitation {
            line,
            name: one_line(cell(&row, to)),
            url: cell(&row, url).to_owned(),
            sent_on: parse_day(cell(&row, sent_at), SlashOrder::MonthFirst),
            message: cell(&row, message).to_owned(),
        })
        .collect();
    Some(invitations)
}

/// Who wrote which day, leaving out drafts and rows whose day cannot be read; `None` when the
/// file has no recognisable header.
fn read_messages(text: &str) -> Option<Vec<Message>> {
    let (columns, rows) = open_table(text, &["from", "date"])?;
    let from = columns.find(&["from"]);
    let url = columns.find(&["senderprofileurl"]);
    let date = columns.find(&["date"]);
    let draft = columns.find(&["ismessagedraft"]);
    let messages = rows
        .filter(|(_, row)| !is_draft(cell(row, draft)))
        .filter_map(|(_, row)| {
            Some(Message {
                day: parse_day(cell(&row, date), SlashOrder::MonthFirst)?,
                name: one_line(cell(&row, from)),
                url: cell(&row, url).to_owned(),
            })
        })
        .collect();
    Some(messages)
}

/// LinkedIn marks drafts "Yes"; they are the user's own unsent words, never a reply.
fn is_draft(flag: &str) -> bool {
    flag.eq_ignore_ascii_case("yes") || flag.eq_ignore_ascii_case("true")
}

/// Sets each connection's activity from the invitations and messages, and adds the people
/// invited but not connected yet.
fn add_activity(parsed: &mut Parsed, invitations: &str, messages: Option<&str>) {
    let Some(invitations) = read_invitations(invitations) else {
        parsed.notices.push(
            "Invitations.csv in this zip does not name the columns To and Direction, so the \
             days you sent invitations were left out."
                .to_owned(),
        );
        return;
    };
    let messages = match messages.map(read_messages) {
        Some(Some(messages)) => messages,
        Some(None) => {
            parsed.notices.push(
                "messages.csv in this zip does not name the columns FROM and DATE, so replies \
                 were left out."
                    .to_owned(),
            );
            Vec::new()
        }
        None => Vec::new(),
    };
    let index = InvitationIndex::new(&invitations);
    let replies = ReplyIndex::new(&messages);
    let mut used = HashSet::new();
    for candidate in &mut parsed.candidates {
        let Some(found) = index.find(&candidate.linkedin_url, &candidate.name) else {
            continue;
        };
        used.insert(found);
        let invitation = &invitations[found];
        if candidate.linkedin_url.is_empty() {
            candidate.linkedin_url.clone_from(&invitation.url);
        }
        candidate.activity = Some(activity(invitation, candidate, &replies));
    }
    add_pending(parsed, &invitations, &index, &used, &replies);
}

/// The activity one invitation and the replies after it make.
fn activity(invitation: &Invitation, person: &Candidate, replies: &ReplyIndex) -> LinkedinActivity {
    LinkedinActivity {
        invited_on: invitation.sent_on,
        invitation_message: invitation.message.clone(),
        replied_on: invitation
            .sent_on
            .and_then(|day| replies.first_on_or_after(&person.linkedin_url, &person.name, day)),
    }
}

/// Adds the people the user invited who are not among the connections: they have not accepted
/// (yet), so they enter at "connection requested". One candidate per person, from their latest
/// invitation.
fn add_pending(
    parsed: &mut Parsed,
    invitations: &[Invitation],
    index: &InvitationIndex,
    used: &HashSet<usize>,
    replies: &ReplyIndex,
) {
    let mut pending = 0;
    for (position, invitation) in invitations.iter().enumerate() {
        let latest = index.find(&invitation.url, &invitation.name) == Some(position);
        if !latest || used.contains(&position) {
            continue;
        }
        if invitation.name.is_empty() {
            parsed.rejected.push(Rejected {
                line: invitation.line,
                reason: "In Invitations.csv: this invitation you sent has no name, so there is \
                         nobody to add."
                    .to_owned(),
            });
            continue;
        }
        let mut candidate = Candidate {
            line: invitation.line,
            name: invitation.name.clone(),
            linkedin_url: invitation.url.clone(),
            ..Candidate::default()
        };
        candidate.activity = Some(activity(invitation, &candidate, replies));
        parsed.candidates.push(candidate);
        pending += 1;
    }
    let who = match pending {
        0 => return,
        1 => "1 person you invited on LinkedIn has not accepted yet; they are".to_owned(),
        n => format!("{n} people you invited on LinkedIn have not accepted yet; they are"),
    };
    parsed.notices.push(format!(
        "{who} added at \"connection requested\" (their line numbers are in Invitations.csv)."
    ));
}

/// The user's invitations by profile address and by name, keeping the latest one per person.
struct InvitationIndex {
    by_url: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    has_url: Vec<bool>,
}

impl InvitationIndex {
    fn new(invitations: &[Invitation]) -> Self {
        let sent_on: Vec<_> = invitations.iter().map(|i| i.sent_on).collect();
        let mut by_url = HashMap::new();
        let mut by_name = HashMap::new();
        for (position, invitation) in invitations.iter().enumerate() {
            let url = normalise_profile_url(&invitation.url);
            if !url.is_empty() {
                keep_latest(&mut by_url, url, position, &sent_on);
            }
            if !invitation.name.is_empty() {
                keep_latest(&mut by_name, name_key(&invitation.name), position, &sent_on);
            }
        }
        InvitationIndex {
            by_url,
            by_name,
            has_url: invitations.iter().map(|i| !i.url.is_empty()).collect(),
        }
    }

    /// The invitation to the person with this profile address and name. The address decides;
    /// the name is used only when the person or the invitation has no address, because two
    /// different addresses are two different people even with one name.
    fn find(&self, url: &str, name: &str) -> Option<usize> {
        let url = normalise_profile_url(url);
        if let Some(&found) = self.by_url.get(&url).filter(|_| !url.is_empty()) {
            return Some(found);
        }
        let found = *self
            .by_name
            .get(&name_key(name))
            .filter(|_| !name.is_empty())?;
        (url.is_empty() || !self.has_url[found]).then_some(found)
    }
}

/// Records invitation `position` under `key` unless one sent later is there already: when the
/// user invited someone twice, the latest invitation is the one that counts.
fn keep_latest(
    map: &mut HashMap<String, usize>,
    key: String,
    position: usize,
    sent_on: &[Option<NaiveDate>],
) {
    let is_later = |existing: &usize| sent_on[position] >= sent_on[*existing];
    if map.get(&key).is_none_or(is_later) {
        map.insert(key, position);
    }
}

/// The days each sender wrote, by profile address and by name.
struct ReplyIndex {
    by_url: HashMap<String, Vec<NaiveDate>>,
    /// Days by sender name, with whether that message carried a sender address.
    by_name: HashMap<String, Vec<(NaiveDate, bool)>>,
}

impl ReplyIndex {
    fn new(messages: &[Message]) -> Self {
        let mut index = ReplyIndex {
            by_url: HashMap::new(),
            by_name: HashMap::new(),
        };
        for message in messages {
            let url = normalise_profile_url(&message.url);
            if !url.is_empty() {
                index.by_url.entry(url).or_default().push(message.day);
            }
            if !message.name.is_empty() {
                let entry = index.by_name.entry(name_key(&message.name)).or_default();
                entry.push((message.day, !message.url.is_empty()));
            }
        }
        index
    }

    /// The first day on or after `since` that the person with this address and name wrote.
    /// Messages are matched by address; by name only when the person or the message has none.
    fn first_on_or_after(&self, url: &str, name: &str, since: NaiveDate) -> Option<NaiveDate> {
        let url = normalise_profile_url(url);
        let by_url = self
            .by_url
            .get(&url)
            .filter(|_| !url.is_empty())
            .into_iter()
            .flatten()
            .copied();
        let by_name = self
            .by_name
            .get(&name_key(name))
            .filter(|_| !name.trim().is_empty())
            .into_iter()
            .flatten()
            .filter(|(_, has_url)| url.is_empty() || !has_url)
            .map(|(day, _)| *day);
        by_url.chain(by_name).filter(|day| *day >= since).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn profile_addresses_have_one_spelling() {
        let same = [
            "https://www.linkedin.com/in/J%C3%B6rg-M/?trk=x",
            "linkedin.com/in/jörg-m",
            "http://de.linkedin.com/in/jorg-m"
                .replace("jorg", "jörg")
                .as_str(),
            "  HTTPS://LinkedIn.com/in/J%C3%B6rg-M#about ",
            "www.linkedin.com/in/jörg-m///",
            "//m.linkedin.com/in/jörg-m?originalSubdomain=de",
        ]
        .map(normalise_profile_url);
        for spelling in &same {
            assert_eq!(spelling, "linkedin.com/in/jörg-m");
        }
    }

    #[test]
    fn other_text_stays_stable() {
        let check = |input: &str, expected: &str| {
            assert_eq!(normalise_profile_url(input), expected, "{input:?}");
            assert_eq!(
                normalise_profile_url(expected),
                expected,
                "{expected:?} again"
            );
        };
        check("", "");
        check("   ", "");
        check("https://www.example.com/Jane/?x=1", "example.com/jane");
        check("Jane Doe", "jane doe");
        check("notlinkedin.com/in/x", "notlinkedin.com/in/x");
        check(
            "https://linkedin.com.evil.example/in/x",
            "linkedin.com.evil.example/in/x",
        );
        check(
            "linkedin.com/pub/jane-doe/1a/2b/3c",
            "linkedin.com/pub/jane-doe/1a/2b/3c",
        );
    }

    #[test]
    fn days_in_every_spelling_seen() {
        let check = |text: &str, order: SlashOrder, expected: Option<&str>| {
            assert_eq!(parse_day(text, order), expected.map(day), "{text:?}");
        };
        let us = SlashOrder::MonthFirst;
        check("05 Mar 2024", us, Some("2024-03-05"));
        check("5 Mar 2024", us, Some("2024-03-05"));
        check("05 March 2024", us, Some("2024-03-05"));
        check("Mar 5, 2024", us, Some("2024-03-05"));
        check("05-Mar-24", us, Some("2024-03-05"));
        check("05-Mar-2024", us, Some("2024-03-05"));
        check("2024-03-05", us, Some("2024-03-05"));
        check("2024/03/05 15:02:55 UTC", us, Some("2024-03-05"));
        check("2024-01-15 15:45:12 UTC", us, Some("2024-01-15"));
        check("05.03.2024", us, Some("2024-03-05"));
        check("1/29/26, 2:37 PM", us, Some("2026-01-29"));
        check("01/29/26, 02:37 PM", us, Some("2026-01-29"));
        check("1/29/26, 2:37\u{202f}PM", us, Some("2026-01-29"));
        check("3/5/2024", us, Some("2024-03-05"));
        check("3/5/2024", SlashOrder::DayFirst, Some("2024-05-03"));
        check("", us, None);
        check("yesterday", us, None);
        check("31 Feb 2024", us, None);
        check("13/13/2024", us, None);
        check("05 Mar 0024", us, None);
    }

    #[test]
    fn the_file_decides_the_order_of_slashed_days() {
        let check = |days: &[&str], expected: SlashOrder| {
            assert_eq!(SlashOrder::of(days.iter().copied()), expected, "{days:?}");
        };
        check(&["05 Mar 2024", ""], SlashOrder::MonthFirst);
        check(&["03/05/2024", "25/12/2023"], SlashOrder::DayFirst);
        check(&["03/05/2024", "12/25/2023"], SlashOrder::MonthFirst);
        check(&["03/05/2024", "04/06/2023"], SlashOrder::Undecided);
        check(&["03-05-2024", "25-12-2023"], SlashOrder::DayFirst);
        check(&["2024-03-05", "2023-12-25"], SlashOrder::MonthFirst);
    }
}
