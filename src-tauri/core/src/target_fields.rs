//! Target fields ("UX research", "HR"): why the user wants one, the transferable skills to put
//! forward for it, and its insights board, which gathers what every interview in the field
//! taught, so the user reads it before writing a resume or the next request.
//!
//! An interview is in a field when its own field is that one, or, when it has none, when its
//! person's field is. Interviews and people in the trash are left out.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::after::InsightCategory;
use crate::error::{OptionalRow, Result};
use crate::store::{collect, Store};
use crate::validate;

pub const WHY_MAX: usize = 2_000;
pub const SKILLS_MAX: usize = 2_000;

/// A field as the Fields screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldSummary {
    pub id: i64,
    pub name: String,
    /// People whose field this is.
    pub people: i64,
    /// Interviews in the field.
    pub interviews: i64,
    /// Insights noted in those interviews.
    pub insights: i64,
}

/// A field's own page: what the user wrote about it and its board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetField {
    pub id: i64,
    pub name: String,
    pub why: String,
    pub transferable_skills: String,
    pub board: Board,
}

/// What the user writes about a field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FieldForm {
    pub why: String,
    pub transferable_skills: String,
}

/// Who said something, and when: the interview opens from here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub interview_id: i64,
    pub person_id: i64,
    pub person_name: String,
    /// When they said it: the interview's time, or when it was noted if the interview had none.
    pub said_at: DateTime<Utc>,
}

/// One thing learned, as said by one person in one interview: what the board is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub category: Option<InsightCategory>,
    pub text: String,
    pub source: Source,
}

/// The same thing said once or more: its text as first said, and every source, earliest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gathered {
    pub text: String,
    pub sources: Vec<Source>,
    /// How many different people said it; more than one stands out on the board.
    pub people: usize,
}

/// One kind of insight and what was learned of that kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardSection {
    pub category: InsightCategory,
    pub items: Vec<Gathered>,
}

/// Someone a person in the field suggested meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardReferral {
    pub person_id: i64,
    pub name: String,
    pub organisation: String,
    pub referred_by: Source,
}

/// Everything the field's interviews taught.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board {
    /// One section per insight kind, in [`InsightCategory::ALL`]'s order, empty ones included.
    pub insights: Vec<BoardSection>,
    pub tips: Vec<Gathered>,
    pub referrals: Vec<BoardReferral>,
    /// Interviews in the field, so the page can tell "nothing noted yet" from "no interviews".
    pub interviews: i64,
}

/// The text two sayings are compared by: lower case, punctuation dropped, runs of spaces made
/// one, so "Learn SQL." and "learn  sql" are the same thing said twice.
pub fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Gathers sayings with the same comparable text. Things said by more people come first, then
/// the most recently said; each keeps the text and sources in the order they were said.
pub fn gather(mut said: Vec<Said>) -> Vec<Gathered> {
    said.sort_by(|a, b| {
        (a.source.said_at, a.source.interview_id).cmp(&(b.source.said_at, b.source.interview_id))
    });
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut gathered: Vec<Gathered> = Vec::new();
    for saying in said {
        let key = comparable(&saying.text);
        match index.get(&key) {
            Some(&at) => gathered[at].sources.push(saying.source),
            None => {
                index.insert(key, gathered.len());
                gathered.push(Gathered {
                    text: saying.text,
                    sources: vec![saying.source],
                    people: 0,
                });
            }
        }
    }
    for item in &mut gathered {
        let mut people: Vec<i64> = item.sources.iter().map(|s| s.person_id).collect();
        people.sort_unstable();
        people.dedup();
        item.people = people.len();
    }
    gathered.sort_by(|a, b| {
        let last = |g: &Gathered| g.sources.last().map(|s| s.said_at);
        b.people
            .cmp(&a.people)
            .then_with(|| last(b).cmp(&last(a)))
            .then_with(|| a.text.cmp(&b.text))
    });
    gathered
}

/// The interviews in field `?1`, as a subquery over `interviews i` joined to `people p`.
const IN_FIELD: &str = "i.deleted_at IS NULL AND p.deleted_at IS NULL
     AND COALESCE(i.field_id, p.field_id) = ?1";

fn source(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Source> {
    Ok(Source {
        interview_id: row.get(first)?,
        person_id: row.get(first + 1)?,
        person_name: row.get(first + 2)?,
        said_at: row.get(first + 3)?,
    })
}

/// The field's board, read in one snapshot.
pub(crate) fn board(conn: &Connection, field_id: i64) -> Result<Board> {
    let insights = collect(
        conn,
        &format!(
            "SELECT n.category, n.text, i.id, p.id, p.name, COALESCE(i.scheduled_at, n.created_at)
             FROM insights n JOIN interviews i ON i.id = n.interview_id
             JOIN people p ON p.id = i.person_id
             WHERE {IN_FIELD}"
        ),
        [field_id],
        |row| {
            Ok(Said {
                category: Some(row.get(0)?),
                text: row.get(1)?,
                source: source(row, 2)?,
            })
        },
    )?;
    let tips = collect(
        conn,
        &format!(
            "SELECT t.text, i.id, p.id, p.name, COALESCE(i.scheduled_at, t.created_at)
             FROM tips t JOIN interviews i ON i.id = t.interview_id
             JOIN people p ON p.id = i.person_id
             WHERE {IN_FIELD}"
        ),
        [field_id],
        |row| {
            Ok(Said {
                category: None,
                text: row.get(0)?,
                source: source(row, 1)?,
            })
        },
    )?;
    // A referral is a person whose referrer had an interview in the field; its source is the
    // referrer's latest such interview.
    let referrals = collect(
        conn,
        &format!(
            "SELECT r.id, r.name, COALESCE(o.name, ''), i.id, p.id, p.name,
                    COALESCE(i.scheduled_at, r.created_at)
             FROM people r
             JOIN people p ON p.id = r.referred_by_id
             JOIN interviews i ON i.id = (
                 SELECT i.id FROM interviews i
                 WHERE i.person_id = p.id AND {IN_FIELD}
                 ORDER BY COALESCE(i.scheduled_at, i.created_at) DESC, i.id DESC LIMIT 1)
             LEFT JOIN organisations o ON o.id = r.organisation_id
             WHERE r.deleted_at IS NULL
             ORDER BY r.created_at, r.id"
        ),
        [field_id],
        |row| {
            Ok(BoardReferral {
                person_id: row.get(0)?,
                name: row.get(1)?,
                organisation: row.get(2)?,
                referred_by: source(row, 3)?,
            })
        },
    )?;
    let interviews: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM interviews i JOIN people p ON p.id = i.person_id
             WHERE {IN_FIELD}"
        ),
        [field_id],
        |row| row.get(0),
    )?;
    let sections = InsightCategory::ALL
        .into_iter()
        .map(|category| BoardSection {
            category,
            items: gather(
                insights
                    .iter()
                    .filter(|s| s.category == Some(category))
                    .cloned()
                    .collect(),
            ),
        })
        .collect();
    Ok(Board {
        insights: sections,
        tips: gather(tips),
        referrals,
        interviews,
    })
}

impl Store {
    /// Every target field with how much is known about it, by name.
    pub fn target_fields(&self) -> Result<Vec<FieldSummary>> {
        self.read(|conn, _| {
            collect(
                conn,
                // One pass over the interviews for every field, not one per field.
                "WITH iv AS (
                     SELECT i.id, COALESCE(i.field_id, p.field_id) AS field_id
                     FROM interviews i JOIN people p ON p.id = i.person_id
                     WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL)
                 SELECT f.id, f.name, COALESCE(pc.n, 0), COALESCE(ic.n, 0), COALESCE(nc.n, 0)
                 FROM target_fields f
                 LEFT JOIN (SELECT field_id, count(*) AS n FROM people
                            WHERE deleted_at IS NULL AND field_id IS NOT NULL
                            GROUP BY field_id) pc ON pc.field_id = f.id
                 LEFT JOIN (SELECT field_id, count(*) AS n FROM iv
                            GROUP BY field_id) ic ON ic.field_id = f.id
                 LEFT JOIN (SELECT iv.field_id, count(*) AS n
                            FROM insights n JOIN iv ON iv.id = n.interview_id
                            GROUP BY iv.field_id) nc ON nc.field_id = f.id
                 ORDER BY f.name COLLATE NOCASE",
                [],
                |row| {
                    Ok(FieldSummary {
                        id: row.get(0)?,
                        name: row.get(1)?,
                        people: row.get(2)?,
                        interviews: row.get(3)?,
                        insights: row.get(4)?,
                    })
                },
            )
        })
    }

    /// A field with its board.
    pub fn target_field(&self, id: i64) -> Result<TargetField> {
        self.read(|conn, _| {
            let (name, why, transferable_skills) = conn
                .query_row(
                    "SELECT name, why, transferable_skills FROM target_fields WHERE id = ?1",
                    [id],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .or_not_found("target field")?;
            Ok(TargetField {
                id,
                name,
                why,
                transferable_skills,
                board: board(conn, id)?,
            })
        })
    }

    /// Saves why the user wants the field and the skills to put forward for it.
    pub fn update_target_field(&mut self, id: i64, form: &FieldForm) -> Result<()> {
        let mut problems = validate::Problems::default();
        let why = problems.check(validate::text(
            "why",
            "Why you want this field",
            &form.why,
            WHY_MAX,
        ));
        let skills = problems.check(validate::text(
            "transferable_skills",
            "The transferable skills",
            &form.transferable_skills,
            SKILLS_MAX,
        ));
        problems.finish(())?;
        self.write(|tx, _| {
            let changed = tx.execute(
                "UPDATE target_fields SET why = ?2, transferable_skills = ?3 WHERE id = ?1",
                (id, &why, &skills),
            )?;
            if changed == 0 {
                return Err(crate::Error::NotFound {
                    what: "target field",
                });
            }
            Ok(())
        })
    }
}
