//! Organisations worth targeting, after Steve Dalton's LAMP method: each organisation gets
//! Advocacy (someone the user knows works there: counted from the people), Motivation (0–3: how
//! much the user wants to work there) and Posting (1–3: how relevant its job postings are), and
//! the list is sorted by Motivation, then Posting, then Advocacy, so the top five are the ones
//! to reach out to first.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::stage::Stage;
use crate::store::{collect, Store};

/// The organisations marked as the first to reach out to.
pub const TOP: usize = 5;

/// How many of an organisation's people the list shows (by name); Advocacy counts them all.
pub const PEOPLE_SHOWN: usize = 8;

/// An interview with someone at an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LampInterview {
    pub id: i64,
    pub stage: Stage,
}

/// Someone who works at an organisation, with their interviews, latest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LampPerson {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub interviews: Vec<LampInterview>,
}

/// One organisation on the LAMP list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LampRow {
    pub id: i64,
    pub name: String,
    /// How many people the user knows there (not in the trash).
    pub advocacy: usize,
    /// 0–3, `None` until the user scores it.
    pub motivation: Option<u8>,
    /// 1–3, `None` until the user scores it.
    pub posting: Option<u8>,
    /// Whether it is among the first [`TOP`] of the list.
    pub top: bool,
    /// The first [`PEOPLE_SHOWN`] of its people, by name.
    pub people: Vec<LampPerson>,
}

/// LAMP's order: higher Motivation first, then higher Posting, then more Advocacy; an unscored
/// Motivation or Posting counts below every score; ties by name, in any case.
pub fn lamp_order(a: &LampRow, b: &LampRow) -> Ordering {
    b.motivation
        .cmp(&a.motivation)
        .then_with(|| b.posting.cmp(&a.posting))
        .then_with(|| b.advocacy.cmp(&a.advocacy))
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.id.cmp(&b.id))
}

/// Sorts `rows` in LAMP's order and marks the first [`TOP`].
pub fn rank(mut rows: Vec<LampRow>) -> Vec<LampRow> {
    rows.sort_by(lamp_order);
    for (index, row) in rows.iter_mut().enumerate() {
        row.top = index < TOP;
    }
    rows
}

impl Store {
    /// Every organisation, in LAMP's order, with its first people and their interviews.
    pub fn lamp(&self) -> Result<Vec<LampRow>> {
        self.read(|conn, _| {
            let mut rows = collect(
                conn,
                "SELECT o.id, o.name, o.motivation, o.posting,
                     (SELECT count(*) FROM people p
                      WHERE p.organisation_id = o.id AND p.deleted_at IS NULL)
                 FROM organisations o",
                [],
                |row| {
                    Ok(LampRow {
                        id: row.get(0)?,
                        name: row.get(1)?,
                        motivation: row.get(2)?,
                        posting: row.get(3)?,
                        advocacy: row.get::<_, i64>(4)? as usize,
                        top: false,
                        people: Vec::new(),
                    })
                },
            )?;
            let at: HashMap<i64, usize> = rows
                .iter()
                .enumerate()
                .map(|(index, row)| (row.id, index))
                .collect();
            const SHOWN: &str = "WITH shown AS (
                     SELECT organisation_id, id, name, title, ROW_NUMBER() OVER (
                         PARTITION BY organisation_id ORDER BY name COLLATE NOCASE, id) AS n
                     FROM people WHERE organisation_id IS NOT NULL AND deleted_at IS NULL)";
            let people = collect(
                conn,
                &format!(
                    "{SHOWN} SELECT organisation_id, id, name, title FROM shown
                     WHERE n <= ?1 ORDER BY organisation_id, n"
                ),
                [PEOPLE_SHOWN as i64],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        LampPerson {
                            id: row.get(1)?,
                            name: row.get(2)?,
                            title: row.get(3)?,
                            interviews: Vec::new(),
                        },
                    ))
                },
            )?;
            let mut person_at: HashMap<i64, (usize, usize)> = HashMap::new();
            for (organisation, person) in people {
                if let Some(&index) = at.get(&organisation) {
                    person_at.insert(person.id, (index, rows[index].people.len()));
                    rows[index].people.push(person);
                }
            }
            let interviews = collect(
                conn,
                &format!(
                    "{SHOWN} SELECT i.person_id, i.id, i.stage
                     FROM interviews i JOIN shown s ON s.id = i.person_id
                     WHERE s.n <= ?1 AND i.deleted_at IS NULL
                     ORDER BY i.stage_changed_at DESC, i.id DESC"
                ),
                [PEOPLE_SHOWN as i64],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        LampInterview {
                            id: row.get(1)?,
                            stage: row.get(2)?,
                        },
                    ))
                },
            )?;
            for (person, interview) in interviews {
                if let Some(&(row, slot)) = person_at.get(&person) {
                    rows[row].people[slot].interviews.push(interview);
                }
            }
            Ok(rank(rows))
        })
    }

    /// Scores an organisation: Motivation 0–3 and Posting 1–3, `None` for not scored.
    pub fn score_organisation(
        &mut self,
        id: i64,
        motivation: Option<i64>,
        posting: Option<i64>,
    ) -> Result<()> {
        if motivation.is_some_and(|m| !(0..=3).contains(&m)) {
            return Err(Error::invalid(
                "motivation",
                "Motivation is a score from 0 to 3: type 0, 1, 2 or 3, or leave it empty.",
            ));
        }
        if posting.is_some_and(|p| !(1..=3).contains(&p)) {
            return Err(Error::invalid(
                "posting",
                "Posting is a score from 1 to 3: type 1, 2 or 3, or leave it empty.",
            ));
        }
        self.write(|tx, _| {
            let changed = tx.execute(
                "UPDATE organisations SET motivation = ?2, posting = ?3 WHERE id = ?1",
                (id, motivation, posting),
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    what: "organisation",
                });
            }
            Ok(())
        })
    }
}
