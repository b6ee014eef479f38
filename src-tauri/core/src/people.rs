//! People the user wants to learn from: add, edit, list, find, delete to the trash.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, OptionalRow, Result};
use crate::interviews::{self, InterviewCard};
use crate::lookups::Lookup;
use crate::search;
use crate::stage::Stage;
use crate::store::{collect, Store};
use crate::validate;

/// What the person form sends. Every text is trimmed and checked before anything is written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub field: String,
    pub email: String,
    pub phone: String,
    pub linkedin_url: String,
    pub location: String,
    pub how_met: String,
    pub referred_by_id: Option<i64>,
    pub tags: String,
    pub warm: bool,
    pub notes: String,
}

/// A person with everything their page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub field: String,
    pub email: String,
    pub phone: String,
    pub linkedin_url: String,
    pub location: String,
    pub how_met: String,
    pub referred_by_id: Option<i64>,
    pub referred_by_name: Option<String>,
    pub tags: String,
    pub warm: bool,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub interviews: Vec<InterviewCard>,
}

/// One line of the people list.
#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub warm: bool,
    /// The stage of their most recent interview, if any.
    pub stage: Option<Stage>,
}

/// A page of the people list, and how many people the list holds in all.
#[derive(Debug, Clone, Serialize)]
pub struct PeoplePage {
    pub people: Vec<PersonSummary>,
    /// Everyone not in the trash without a query; with one, everyone who matches.
    pub total: usize,
    /// Everyone not in the trash, query or not: "34 of 5,000 match".
    pub everyone: usize,
    /// The position of the page's first person in the whole list.
    pub offset: usize,
    /// Best match first (few matched); otherwise by name.
    pub ranked: bool,
}

/// How many people a page of the list holds.
pub const PAGE_SIZE: usize = 100;

/// Up to this many matches are ranked best first; more come by name, which reads only the page.
pub const RANKED_AT_MOST: usize = 500;

/// A person's line in the list, with the stage of their latest interview (read from the
/// `interviews_latest_by_person` index).
const SUMMARY_COLUMNS: &str = "p.id, p.name, p.title, COALESCE(o.name, ''), p.warm,
     (SELECT i.stage FROM interviews i WHERE i.person_id = p.id AND i.deleted_at IS NULL
      ORDER BY i.created_at DESC, i.id DESC LIMIT 1)";

pub const NAME_MAX: usize = 120;
pub const NOTES_MAX: usize = 20_000;

/// A [`PersonInput`] after every check passed.
pub(crate) struct CleanPerson {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) organisation: String,
    pub(crate) field: String,
    pub(crate) email: String,
    pub(crate) phone: String,
    pub(crate) linkedin_url: String,
    pub(crate) location: String,
    pub(crate) how_met: String,
    pub(crate) referred_by_id: Option<i64>,
    pub(crate) tags: String,
    pub(crate) warm: bool,
    pub(crate) notes: String,
}

impl PersonInput {
    /// The details as they are stored, or every field's problem at once.
    pub(crate) fn clean(&self) -> Result<CleanPerson> {
        let mut problems = validate::Problems::default();
        let person = CleanPerson {
            name: problems.check(validate::required("name", "The name", &self.name, NAME_MAX)),
            title: problems.check(validate::text("title", "The job title", &self.title, 150)),
            organisation: problems.check(validate::text(
                "organisation",
                "The organisation",
                &self.organisation,
                150,
            )),
            field: problems.check(validate::text("field", "The field", &self.field, 80)),
            email: problems.check(validate::email("email", &self.email)),
            phone: problems.check(validate::phone("phone", &self.phone)),
            linkedin_url: problems
                .check(validate::linkedin_url("linkedin_url", &self.linkedin_url)),
            location: problems.check(validate::text(
                "location",
                "The location",
                &self.location,
                120,
            )),
            how_met: problems.check(validate::text("how_met", "How you met", &self.how_met, 300)),
            referred_by_id: self.referred_by_id,
            tags: problems.check(validate::text("tags", "The tags", &self.tags, 300)),
            warm: self.warm,
            notes: problems.check(validate::text("notes", "The notes", &self.notes, NOTES_MAX)),
        };
        problems.finish(person)
    }
}

impl CleanPerson {
    /// Writes these details into the person `id`, and their search document.
    pub(crate) fn store(&self, conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
        check_referrer(conn, Some(id), self.referred_by_id)?;
        let organisation_id =
            Lookup::Organisations.find_or_create(conn, &self.organisation, now)?;
        let field_id = Lookup::TargetFields.find_or_create(conn, &self.field, now)?;
        conn.execute(
            "UPDATE people SET name = ?2, title = ?3, organisation_id = ?4, field_id = ?5,
                 email = ?6, phone = ?7, linkedin_url = ?8, location = ?9, how_met = ?10,
                 referred_by_id = ?11, tags = ?12, warm = ?13, notes = ?14, updated_at = ?15
             WHERE id = ?1",
            rusqlite::params![
                id,
                self.name,
                self.title,
                organisation_id,
                field_id,
                self.email,
                self.phone,
                self.linkedin_url,
                self.location,
                self.how_met,
                self.referred_by_id,
                self.tags,
                self.warm,
                self.notes,
                now
            ],
        )?;
        search::reindex_person(conn, id)
    }
}

impl Store {
    /// Adds a person and returns their new id.
    pub fn add_person(&mut self, input: &PersonInput) -> Result<i64> {
        let person = input.clean()?;
        self.write(|tx, clock| {
            let now = clock.now();
            tx.execute(
                "INSERT INTO people (name, created_at, updated_at) VALUES (?1, ?2, ?2)",
                (&person.name, now),
            )?;
            let id = tx.last_insert_rowid();
            person.store(tx, id, now)?;
            Ok(id)
        })
    }

    /// Replaces a person's details.
    pub fn update_person(&mut self, id: i64, input: &PersonInput) -> Result<()> {
        let person = input.clean()?;
        self.write(|tx, clock| {
            ensure_live(tx, id)?;
            person.store(tx, id, clock.now())
        })
    }

    /// A person's page: their details and interviews.
    pub fn person(&self, id: i64) -> Result<Person> {
        self.read(|conn, _| {
            let mut person = conn
                .query_row(
                    "SELECT p.id, p.name, p.title, COALESCE(o.name, ''), COALESCE(f.name, ''),
                            p.email, p.phone, p.linkedin_url, p.location, p.how_met,
                            p.referred_by_id, r.name, p.tags, p.warm, p.notes,
                            p.created_at, p.updated_at
                     FROM people p
                     LEFT JOIN organisations o ON o.id = p.organisation_id
                     LEFT JOIN target_fields f ON f.id = p.field_id
                     LEFT JOIN people r ON r.id = p.referred_by_id AND r.deleted_at IS NULL
                     WHERE p.id = ?1 AND p.deleted_at IS NULL",
                    [id],
                    person_from_row,
                )
                .or_not_found("person")?;
            person.interviews = interviews::cards_of_person(conn, id)?;
            Ok(person)
        })
    }

    /// Everyone (not in the trash), by name; or, with a query, the people whose name,
    /// organisation, details or notes contain words starting with what was typed: best first
    /// when few match, by name when many do. All of them: the list uses [`Store::people_page`].
    pub fn people(&self, query: &str) -> Result<Vec<PersonSummary>> {
        Ok(self.people_page(query, 0, usize::MAX)?.people)
    }

    /// One page of [`Store::people`]: up to `limit` people from position `offset`, and how many
    /// there are in all. Fast at tens of thousands of people: only the page is read in full.
    pub fn people_page(&self, query: &str, offset: usize, limit: usize) -> Result<PeoplePage> {
        self.read(|conn, _| {
            let (offset_sql, limit_sql) = (as_sql(offset), as_sql(limit));
            let everyone = everyone(conn)?;
            let Some(expression) = search::match_expression(query) else {
                let sql = format!(
                    "SELECT {SUMMARY_COLUMNS} FROM people p
                     LEFT JOIN organisations o ON o.id = p.organisation_id
                     WHERE p.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE, p.id
                     LIMIT ?1 OFFSET ?2"
                );
                let people = collect(conn, &sql, (limit_sql, offset_sql), summary_from_row)?;
                return Ok(PeoplePage {
                    people,
                    total: everyone,
                    everyone,
                    offset,
                    ranked: false,
                });
            };
            let matches = search::live_matches(conn, &expression)?;
            let total = matches.len();
            if total <= RANKED_AT_MOST {
                let sql = format!(
                    "SELECT {SUMMARY_COLUMNS} FROM person_search s
                     JOIN people p ON p.id = s.rowid
                     LEFT JOIN organisations o ON o.id = p.organisation_id
                     WHERE person_search MATCH ?1 AND p.deleted_at IS NULL
                     ORDER BY bm25(person_search, 10.0, 5.0, 2.0, 1.0), p.name COLLATE NOCASE, p.id
                     LIMIT ?2 OFFSET ?3"
                );
                let people = collect(
                    conn,
                    &sql,
                    (expression, limit_sql, offset_sql),
                    summary_from_row,
                )?;
                return Ok(PeoplePage {
                    people,
                    total,
                    everyone,
                    offset,
                    ranked: true,
                });
            }
            // Many match: ranking them all would cost more than the page is worth, so they
            // come by name, read in order from the name index until the page is full.
            let ids = page_by_name(conn, &matches, offset, limit)?;
            Ok(PeoplePage {
                people: summaries(conn, &ids)?,
                total,
                everyone,
                offset,
                ranked: false,
            })
        })
    }

    /// Moves a person, with their interviews, to the trash.
    pub fn delete_person(&mut self, id: i64) -> Result<()> {
        self.write(|tx, clock| {
            ensure_live(tx, id)?;
            tx.execute(
                "UPDATE people SET deleted_at = ?2 WHERE id = ?1",
                (id, clock.now()),
            )?;
            Ok(())
        })
    }
}

/// Fails with "not found" unless the person exists and is not in the trash.
pub(crate) fn ensure_live(conn: &Connection, id: i64) -> Result<()> {
    conn.query_row(
        "SELECT 1 FROM people WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |_| Ok(()),
    )
    .or_not_found("person")
}

fn check_referrer(conn: &Connection, person: Option<i64>, referrer: Option<i64>) -> Result<()> {
    let Some(referrer) = referrer else {
        return Ok(());
    };
    if Some(referrer) == person {
        return Err(Error::invalid(
            "referred_by_id",
            "A person cannot refer themselves.",
        ));
    }
    // Keeping the referrer a person already has is allowed even while that referrer is in the
    // trash: the form sends it back unchanged, and deleting someone must not make everyone they
    // referred impossible to edit.
    let exists = conn
        .query_row(
            "SELECT 1 FROM people WHERE id = ?1
                AND (deleted_at IS NULL
                     OR id = (SELECT referred_by_id FROM people WHERE id = ?2))",
            (referrer, person),
            |_| Ok(()),
        )
        .optional()?;
    exists.ok_or_else(|| {
        Error::invalid(
            "referred_by_id",
            "The person who referred them no longer exists.",
        )
    })
}

fn person_from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        title: row.get(2)?,
        organisation: row.get(3)?,
        field: row.get(4)?,
        email: row.get(5)?,
        phone: row.get(6)?,
        linkedin_url: row.get(7)?,
        location: row.get(8)?,
        how_met: row.get(9)?,
        referred_by_id: row.get(10)?,
        referred_by_name: row.get(11)?,
        tags: row.get(12)?,
        warm: row.get(13)?,
        notes: row.get(14)?,
        created_at: row.get(15)?,
        updated_at: row.get(16)?,
        interviews: Vec::new(),
    })
}

/// How many people are not in the trash: everyone, less the trashed (read from their index).
/// Counting the whole table needs no index walk, so this is fast at any size.
fn everyone(conn: &Connection) -> Result<usize> {
    let count: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM people)
              - (SELECT count(*) FROM people INDEXED BY people_trashed WHERE deleted_at IS NOT NULL)",
        [],
        |row| row.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// A count or position as SQLite takes it; "no limit" (`usize::MAX`) becomes -1, which is.
fn as_sql(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(-1)
}

/// The ids at positions `offset..offset + limit`, by name, of the people in `matches` (sorted).
fn page_by_name(
    conn: &Connection,
    matches: &[i64],
    offset: usize,
    limit: usize,
) -> Result<Vec<i64>> {
    let mut statement = conn.prepare_cached(
        "SELECT id FROM people INDEXED BY people_by_name
         WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
    )?;
    let mut rows = statement.query([])?;
    let mut ids = Vec::new();
    let mut position = 0;
    while ids.len() < limit {
        let Some(row) = rows.next()? else { break };
        let id: i64 = row.get(0)?;
        if matches.binary_search(&id).is_ok() {
            if position >= offset {
                ids.push(id);
            }
            position += 1;
        }
    }
    Ok(ids)
}

/// The list lines of the people `ids`, in that order.
fn summaries(conn: &Connection, ids: &[i64]) -> Result<Vec<PersonSummary>> {
    let list = format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    );
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM json_each(?1) j
         JOIN people p ON p.id = j.value
         LEFT JOIN organisations o ON o.id = p.organisation_id
         ORDER BY j.key"
    );
    collect(conn, &sql, [list], summary_from_row)
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<PersonSummary> {
    Ok(PersonSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        title: row.get(2)?,
        organisation: row.get(3)?,
        warm: row.get(4)?,
        stage: row.get(5)?,
    })
}
