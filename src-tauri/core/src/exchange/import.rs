//! The one import pipeline for every source. A parsed file is planned against the data — the
//! dry run the preview shows, row by row: add, update (which empty fields get filled), duplicate,
//! or rejected with line and reason — and then applied in one transaction as one batch. The
//! people a batch added can be sent to the trash together ("undo the import") and restored
//! together.
//!
//! Nothing the user wrote is overwritten: an update only fills fields that are empty.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use super::linkedin::normalise_profile_url;
use super::{parse_file, Candidate, Parsed, Source};
use crate::clock::Clock;
use crate::error::{Error, FieldError, OptionalRow, Result};
use crate::lookups::Lookup;
use crate::people::{CleanPerson, PersonInput};
use crate::stage::Stage;
use crate::store::{collect, Store};
use crate::{reminder_sync, search, settings};

/// What the import will do with one row of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Add,
    Update,
    Duplicate,
    Rejected,
}

/// One line of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewRow {
    pub line: usize,
    pub name: String,
    pub organisation: String,
    pub action: RowAction,
    /// Plain words: what an update fills in, who a duplicate already is, why a row is refused,
    /// what was left out of a row and why, the stage an added person starts at.
    pub detail: String,
}

/// The dry run: what importing the file would do, changing nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    pub source: Source,
    pub notices: Vec<String>,
    pub added: usize,
    pub updated: usize,
    pub duplicates: usize,
    pub rejected: usize,
    /// Every row, in file order.
    pub rows: Vec<PreviewRow>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// The batch the added people belong to: [`Store::undo_import`] sends them to the trash.
    pub batch_id: i64,
    pub added: usize,
    pub updated: usize,
    pub duplicates: usize,
    pub rejected: usize,
}

/// Called with (rows done, rows in all) while an import is applied; returning `false` cancels
/// it, and nothing is changed.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

impl Store {
    /// The dry run of importing `parsed`: nothing is written.
    pub fn preview_import(&self, parsed: &Parsed) -> Result<ImportPreview> {
        self.read(|conn, _| {
            let plan = plan(conn, parsed)?;
            Ok(preview(parsed, &plan))
        })
    }

    /// Imports `parsed` in one transaction: all of it lands, or (on an error or a cancel)
    /// nothing does. `file_name` is kept with the batch so the trash can name it.
    pub fn import(
        &mut self,
        parsed: &Parsed,
        file_name: &str,
        progress: Progress<'_>,
    ) -> Result<ImportOutcome> {
        self.write(|tx, clock| {
            let plan = plan(tx, parsed)?;
            let counts = preview(parsed, &plan);
            let now = clock.now();
            tx.execute(
                "INSERT INTO import_batches (source, file_name, added, updated, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                (
                    parsed.source.tag(),
                    file_name,
                    counts.added as i64,
                    counts.updated as i64,
                    now,
                ),
            )?;
            let batch_id = tx.last_insert_rowid();
            let total = plan.len();
            let mut writer = Writer {
                conn: tx,
                clock,
                source: parsed.source,
                batch_id,
                now,
                organisations: HashMap::new(),
            };
            for (done, planned) in plan.iter().enumerate() {
                if done % 100 == 0 && !progress(done, total) {
                    return Err(Error::Cancelled);
                }
                writer.apply(planned)?;
            }
            progress(total, total);
            Ok(ImportOutcome {
                batch_id,
                added: counts.added,
                updated: counts.updated,
                duplicates: counts.duplicates,
                rejected: counts.rejected,
            })
        })
    }

    /// Reads the file at `path` and says what importing it would do (see [`parse_file`]).
    pub fn preview_import_file(&self, path: &Path) -> Result<ImportPreview> {
        self.preview_import(&parse_file(path)?)
    }

    /// Reads the file at `path` again and imports it.
    pub fn import_file(&mut self, path: &Path, progress: Progress<'_>) -> Result<ImportOutcome> {
        let parsed = parse_file(path)?;
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.import(&parsed, &name, progress)
    }

    /// Sends the people an import added to the trash, as one batch the trash can restore.
    /// Fields an import filled in on people already there stay filled.
    pub fn undo_import(&mut self, batch_id: i64) -> Result<usize> {
        self.write(|tx, clock| {
            let now = clock.now();
            tx.query_row(
                "UPDATE import_batches SET undone_at = ?2 WHERE id = ?1 AND undone_at IS NULL
                 RETURNING id",
                (batch_id, now),
                |row| row.get::<_, i64>(0),
            )
            .or_not_found("import")?;
            let moved = tx.execute(
                "UPDATE people SET deleted_at = ?2 WHERE import_batch_id = ?1 AND deleted_at IS NULL",
                (batch_id, now),
            )?;
            Ok(moved)
        })
    }
}

/// Brings back the people of an undone import (the trash's restore of a batch).
pub(crate) fn restore_batch(conn: &Connection, clock: &dyn Clock, batch_id: i64) -> Result<()> {
    let undone_at: DateTime<Utc> = conn
        .query_row(
            "SELECT undone_at FROM import_batches WHERE id = ?1 AND undone_at IS NOT NULL",
            [batch_id],
            |row| row.get(0),
        )
        .or_not_found("import")?;
    conn.execute(
        "UPDATE import_batches SET undone_at = NULL WHERE id = ?1",
        [batch_id],
    )?;
    let people: Vec<i64> = collect(
        conn,
        "UPDATE people SET deleted_at = NULL WHERE import_batch_id = ?1 AND deleted_at = ?2
         RETURNING id",
        (batch_id, undone_at),
        |row| row.get(0),
    )?;
    for person in people {
        search::reindex_person(conn, person)?;
        reminder_sync::sync_person(conn, clock, person)?;
    }
    Ok(())
}

/// How an interview starts for someone LinkedIn's archive says the user invited.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Opening {
    stage: Stage,
    invited_on: Option<NaiveDate>,
    message: String,
    connected_on: Option<NaiveDate>,
    replied_on: Option<NaiveDate>,
}

/// The fields an update fills in (each was empty).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Fills {
    title: Option<String>,
    organisation: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    linkedin_url: Option<String>,
    location: Option<String>,
    notes: Option<String>,
}

impl Fills {
    fn names(&self) -> Vec<&'static str> {
        [
            (self.title.is_some(), "job title"),
            (self.organisation.is_some(), "organisation"),
            (self.email.is_some(), "e-mail"),
            (self.phone.is_some(), "phone"),
            (self.linkedin_url.is_some(), "LinkedIn address"),
            (self.location.is_some(), "location"),
            (self.notes.is_some(), "notes"),
        ]
        .into_iter()
        .filter_map(|(filled, name)| filled.then_some(name))
        .collect()
    }
}

enum Step {
    Add {
        person: Box<CleanPerson>,
        opening: Option<Opening>,
    },
    Fill {
        id: i64,
        fills: Fills,
        opening: Option<Opening>,
    },
    Skip,
}

struct Planned {
    row: PreviewRow,
    step: Step,
}

/// A person already in the data, as the matching needs them.
struct Existing {
    id: i64,
    name: String,
    title: String,
    organisation: String,
    email: String,
    phone: String,
    linkedin_url: String,
    location: String,
    notes: String,
    has_interview: bool,
}

/// Who a key already belongs to: a person in the data, or an earlier row of the file.
#[derive(Clone, Copy)]
enum Owner {
    Data(usize),
    Row(usize),
}

/// The keys duplicates are recognised by.
#[derive(Default)]
struct Keys {
    email: HashMap<String, Owner>,
    linkedin: HashMap<String, Owner>,
    name_organisation: HashMap<String, Vec<(Owner, String, String)>>,
}

impl Keys {
    fn insert(&mut self, owner: Owner, email: &str, linkedin_url: &str, name: &str, org: &str) {
        if !email.is_empty() {
            self.email.entry(email.to_lowercase()).or_insert(owner);
        }
        if !linkedin_url.is_empty() {
            self.linkedin
                .entry(normalise_profile_url(linkedin_url))
                .or_insert(owner);
        }
        self.name_organisation
            .entry(name_key(name, org))
            .or_default()
            .push((
                owner,
                email.to_lowercase(),
                normalise_profile_url(linkedin_url),
            ));
    }

    /// The first owner of any key of this person: e-mail, then LinkedIn address, then name and
    /// organisation (unless both sides carry a different e-mail or LinkedIn address: two people
    /// can share a name).
    fn find(&self, email: &str, linkedin_url: &str, name: &str, org: &str) -> Option<Owner> {
        let email = email.to_lowercase();
        let url = normalise_profile_url(linkedin_url);
        if let Some(owner) = (!email.is_empty())
            .then(|| self.email.get(&email))
            .flatten()
        {
            return Some(*owner);
        }
        if let Some(owner) = (!url.is_empty()).then(|| self.linkedin.get(&url)).flatten() {
            return Some(*owner);
        }
        let differs = |mine: &str, theirs: &str| !mine.is_empty() && !theirs.is_empty();
        self.name_organisation
            .get(&name_key(name, org))?
            .iter()
            .find(|(_, their_email, their_url)| {
                !differs(&email, their_email) && !differs(&url, their_url)
            })
            .map(|(owner, _, _)| *owner)
    }
}

/// Name and organisation compared without case, accents or extra spaces.
fn name_key(name: &str, org: &str) -> String {
    format!("{}\u{1f}{}", fold(name), fold(org))
}

fn fold(text: &str) -> String {
    let bare: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn existing_people(conn: &Connection) -> Result<Vec<Existing>> {
    collect(
        conn,
        "SELECT p.id, p.name, p.title, COALESCE(o.name, ''), p.email, p.phone, p.linkedin_url,
                p.location, p.notes,
                EXISTS (SELECT 1 FROM interviews i WHERE i.person_id = p.id)
         FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE p.deleted_at IS NULL ORDER BY p.id",
        [],
        |row| {
            Ok(Existing {
                id: row.get(0)?,
                name: row.get(1)?,
                title: row.get(2)?,
                organisation: row.get(3)?,
                email: row.get(4)?,
                phone: row.get(5)?,
                linkedin_url: row.get(6)?,
                location: row.get(7)?,
                notes: row.get(8)?,
                has_interview: row.get(9)?,
            })
        },
    )
}

/// Decides, row by row, what importing `parsed` does to the data `conn` holds.
fn plan(conn: &Connection, parsed: &Parsed) -> Result<Vec<Planned>> {
    let existing = existing_people(conn)?;
    let mut keys = Keys::default();
    for (index, person) in existing.iter().enumerate() {
        let owner = Owner::Data(index);
        keys.insert(
            owner,
            &person.email,
            &person.linkedin_url,
            &person.name,
            &person.organisation,
        );
    }
    let mut planned: Vec<Planned> = Vec::with_capacity(parsed.candidates.len());
    for candidate in &parsed.candidates {
        planned.push(plan_row(candidate, &existing, &mut keys, &planned));
    }
    Ok(planned)
}

fn plan_row(
    candidate: &Candidate,
    existing: &[Existing],
    keys: &mut Keys,
    earlier: &[Planned],
) -> Planned {
    let row = |action, detail: String| PreviewRow {
        line: candidate.line,
        name: candidate.name.trim().to_owned(),
        organisation: candidate.organisation.trim().to_owned(),
        action,
        detail,
    };
    let (person, left_out) = match clean(candidate) {
        Ok(clean) => clean,
        Err(reason) => {
            return Planned {
                row: row(RowAction::Rejected, reason),
                step: Step::Skip,
            }
        }
    };
    let opening = opening(candidate);
    let found = keys.find(
        &person.email,
        &person.linkedin_url,
        &person.name,
        &person.organisation,
    );
    let with_left_out = |detail: String| join_sentences(&[detail, left_out.clone()]);
    match found {
        Some(Owner::Row(index)) => Planned {
            row: row(
                RowAction::Duplicate,
                format!(
                    "The same person as line {} of this file.",
                    earlier[index].row.line
                ),
            ),
            step: Step::Skip,
        },
        Some(Owner::Data(index)) => {
            let there = &existing[index];
            let fills = fills(there, &person);
            let opening = opening.filter(|_| !there.has_interview);
            let mut what = fills.names();
            if let Some(opening) = &opening {
                what.push(stage_words(opening.stage));
            }
            if what.is_empty() {
                Planned {
                    row: row(
                        RowAction::Duplicate,
                        format!("Already in Coffee Chat as {}; nothing new.", there.name),
                    ),
                    step: Step::Skip,
                }
            } else {
                Planned {
                    row: row(
                        RowAction::Update,
                        with_left_out(format!(
                            "Already in Coffee Chat as {}; fills in: {}.",
                            there.name,
                            what.join(", ")
                        )),
                    ),
                    step: Step::Fill {
                        id: there.id,
                        fills,
                        opening,
                    },
                }
            }
        }
        None => {
            keys.insert(
                Owner::Row(earlier.len()),
                &person.email,
                &person.linkedin_url,
                &person.name,
                &person.organisation,
            );
            let starts = opening
                .as_ref()
                .map(|o| format!("Starts at “{}”.", stage_words(o.stage)))
                .unwrap_or_else(|| "New.".to_owned());
            Planned {
                row: row(RowAction::Add, with_left_out(starts)),
                step: Step::Add {
                    person: Box::new(person),
                    opening,
                },
            }
        }
    }
}

fn join_sentences(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks a candidate the way the person form does. A bad name rejects the row; any other bad
/// field is left out (and said), so one odd phone number does not cost the whole contact.
fn clean(candidate: &Candidate) -> std::result::Result<(CleanPerson, String), String> {
    let mut linkedin_url = candidate.linkedin_url.trim().to_owned();
    if !linkedin_url.is_empty() && !linkedin_url.contains("://") {
        linkedin_url = format!("https://{linkedin_url}");
    }
    let mut input = PersonInput {
        name: candidate.name.clone(),
        title: candidate.title.clone(),
        organisation: candidate.organisation.clone(),
        email: candidate.email.clone(),
        phone: candidate.phone.clone(),
        linkedin_url,
        location: candidate.location.clone(),
        notes: candidate.notes.clone(),
        ..PersonInput::default()
    };
    let mut left_out = Vec::new();
    // Each pass blanks the fields the check named; there are fewer fields than passes.
    for _ in 0..8 {
        match input.clean() {
            Ok(person) => return Ok((person, left_out.join(" "))),
            Err(error) if error.code() == "invalid" => {
                for FieldError { field, message } in error.field_errors() {
                    let slot = match field {
                        "title" => &mut input.title,
                        "organisation" => &mut input.organisation,
                        "email" => &mut input.email,
                        "phone" => &mut input.phone,
                        "linkedin_url" => &mut input.linkedin_url,
                        "location" => &mut input.location,
                        "notes" => &mut input.notes,
                        _ => return Err(rejection(candidate, &message)),
                    };
                    slot.clear();
                    left_out.push(format!("Left out: {message}"));
                }
            }
            Err(other) => return Err(other.to_string()),
        }
    }
    Err("This row could not be read as a person.".to_owned())
}

fn rejection(candidate: &Candidate, message: &str) -> String {
    if candidate.name.trim().is_empty() {
        "This row has no name, so it cannot be told apart from anyone.".to_owned()
    } else {
        message.to_owned()
    }
}

/// The empty fields of a person already there that the file can fill.
fn fills(there: &Existing, person: &CleanPerson) -> Fills {
    let fill = |mine: &str, theirs: &str| {
        (mine.is_empty() && !theirs.is_empty()).then(|| theirs.to_owned())
    };
    Fills {
        title: fill(&there.title, &person.title),
        organisation: fill(&there.organisation, &person.organisation),
        email: fill(&there.email, &person.email),
        phone: fill(&there.phone, &person.phone),
        linkedin_url: fill(&there.linkedin_url, &person.linkedin_url),
        location: fill(&there.location, &person.location),
        notes: fill(&there.notes, &person.notes),
    }
}

/// Someone the user invited on LinkedIn starts at "connection requested", or at "connected"
/// once they accepted or answered. People the archive shows no invitation to get no interview:
/// being connected long ago is not yet a step of the method.
fn opening(candidate: &Candidate) -> Option<Opening> {
    let activity = candidate.activity.as_ref()?;
    activity.invited_on?;
    let accepted = candidate.connected_on.is_some() || activity.replied_on.is_some();
    Some(Opening {
        stage: if accepted {
            Stage::Connected
        } else {
            Stage::ConnectionRequested
        },
        invited_on: activity.invited_on,
        message: activity.invitation_message.trim().to_owned(),
        connected_on: candidate.connected_on,
        replied_on: activity.replied_on,
    })
}

fn stage_words(stage: Stage) -> &'static str {
    match stage {
        Stage::Connected => "connected",
        _ => "connection requested",
    }
}

fn preview(parsed: &Parsed, plan: &[Planned]) -> ImportPreview {
    let mut rows: Vec<PreviewRow> = plan.iter().map(|p| p.row.clone()).collect();
    rows.extend(parsed.rejected.iter().map(|rejected| PreviewRow {
        line: rejected.line,
        name: String::new(),
        organisation: String::new(),
        action: RowAction::Rejected,
        detail: rejected.reason.clone(),
    }));
    rows.sort_by_key(|row| row.line);
    let count = |action| rows.iter().filter(|row| row.action == action).count();
    ImportPreview {
        source: parsed.source,
        notices: parsed.notices.clone(),
        added: count(RowAction::Add),
        updated: count(RowAction::Update),
        duplicates: count(RowAction::Duplicate),
        rejected: count(RowAction::Rejected),
        rows,
    }
}

/// What applying a plan writes with, shared by its rows: the batch, and the organisations
/// already looked up (a LinkedIn export names the same few companies thousands of times).
struct Writer<'a> {
    conn: &'a Connection,
    clock: &'a dyn Clock,
    source: Source,
    batch_id: i64,
    now: DateTime<Utc>,
    organisations: HashMap<String, Option<i64>>,
}

impl Writer<'_> {
    fn apply(&mut self, planned: &Planned) -> Result<()> {
        match &planned.step {
            Step::Skip => Ok(()),
            Step::Add { person, opening } => {
                let id = self.insert(person)?;
                if let Some(opening) = opening {
                    open_interview(self.conn, self.clock, id, opening, self.now)?;
                    search::reindex_person(self.conn, id)?;
                }
                Ok(())
            }
            Step::Fill { id, fills, opening } => {
                fill(self.conn, *id, fills, self.now)?;
                if let Some(opening) = opening {
                    open_interview(self.conn, self.clock, *id, opening, self.now)?;
                }
                search::reindex_person(self.conn, *id)
            }
        }
    }

    fn organisation(&mut self, name: &str) -> Result<Option<i64>> {
        let key = name.to_lowercase();
        if let Some(id) = self.organisations.get(&key) {
            return Ok(*id);
        }
        let id = Lookup::Organisations.find_or_create(self.conn, name, self.now)?;
        self.organisations.insert(key, id);
        Ok(id)
    }

    /// Adds a checked person with their search document in two cached statements: the same
    /// row and document `people::CleanPerson::store` and `search::reindex_person` write for a
    /// person without a field or interviews, at a fraction of the cost for thousands of rows.
    fn insert(&mut self, person: &CleanPerson) -> Result<i64> {
        let organisation_id = self.organisation(&person.organisation)?;
        let tags = self.source.tag();
        self.conn
            .prepare_cached(
                "INSERT INTO people (name, title, organisation_id, email, phone, linkedin_url,
                     location, tags, notes, source, import_batch_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?10, ?11, ?11)",
            )?
            .execute(rusqlite::params![
                person.name,
                person.title,
                organisation_id,
                person.email,
                person.phone,
                person.linkedin_url,
                person.location,
                tags,
                person.notes,
                self.batch_id,
                self.now
            ])?;
        let id = self.conn.last_insert_rowid();
        // The document reindex_person builds: concat_ws skips only the missing field (NULL).
        let details = [
            person.title.as_str(),
            &person.email,
            &person.location,
            "",
            tags,
        ]
        .join(" ");
        self.conn
            .prepare_cached(
                "INSERT INTO person_search (rowid, name, organisation, details, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute((
                id,
                &person.name,
                &person.organisation,
                details,
                &person.notes,
            ))?;
        Ok(id)
    }
}

/// Fills the person's empty fields; the `= ''` guards keep anything typed meanwhile.
fn fill(conn: &Connection, id: i64, fills: &Fills, now: DateTime<Utc>) -> Result<()> {
    let columns = [
        ("title", &fills.title),
        ("email", &fills.email),
        ("phone", &fills.phone),
        ("linkedin_url", &fills.linkedin_url),
        ("location", &fills.location),
        ("notes", &fills.notes),
    ];
    for (column, value) in columns {
        if let Some(value) = value {
            conn.execute(
                &format!(
                    "UPDATE people SET {column} = ?2, updated_at = ?3 WHERE id = ?1 AND {column} = ''"
                ),
                (id, value, now),
            )?;
        }
    }
    if let Some(organisation) = &fills.organisation {
        let organisation_id = Lookup::Organisations.find_or_create(conn, organisation, now)?;
        conn.execute(
            "UPDATE people SET organisation_id = ?2, updated_at = ?3
             WHERE id = ?1 AND organisation_id IS NULL",
            (id, organisation_id, now),
        )?;
    }
    Ok(())
}

/// The interview LinkedIn's archive implies: the invitation as the request (its date and text),
/// the acceptance, and the reply, each in the stage history on the day it happened.
fn open_interview(
    conn: &Connection,
    clock: &dyn Clock,
    person_id: i64,
    opening: &Opening,
    now: DateTime<Utc>,
) -> Result<()> {
    let planned = settings::read(conn)?.default_planned_minutes;
    let on_day = |date: NaiveDate| {
        clock
            .local_to_utc(date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
            .unwrap_or(now)
    };
    let changed_at = opening
        .connected_on
        .or(opening.replied_on)
        .or(opening.invited_on)
        .map(on_day)
        .unwrap_or(now);
    conn.execute(
        "INSERT INTO interviews (person_id, field_id, stage, request_date, request_message,
             reply_date, planned_minutes, stage_changed_at, created_at, updated_at)
         SELECT id, field_id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8 FROM people WHERE id = ?1",
        rusqlite::params![
            person_id,
            opening.stage,
            opening.invited_on,
            opening.message,
            opening.replied_on,
            planned,
            changed_at,
            now
        ],
    )?;
    let interview_id = conn.last_insert_rowid();
    let mut events = vec![];
    if let Some(invited) = opening.invited_on {
        events.push((Stage::ConnectionRequested, on_day(invited)));
    }
    if opening.stage == Stage::Connected {
        events.push((Stage::Connected, changed_at));
    }
    for (stage, at) in events {
        conn.execute(
            "INSERT INTO interview_events (interview_id, stage, at) VALUES (?1, ?2, ?3)",
            (interview_id, stage, at),
        )?;
    }
    reminder_sync::sync_person(conn, clock, person_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_accents_and_spaces() {
        assert_eq!(fold("  Zoë   MÜLLER "), "zoe muller");
        assert_eq!(
            name_key("José Núñez", "Acme"),
            name_key("jose nunez", "ACME")
        );
        assert_ne!(
            name_key("Jose Nunez", "Acme"),
            name_key("Jose Nunez", "Initech")
        );
    }
}
