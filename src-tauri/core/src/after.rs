//! After the interview: the business card copied into the person, whether they asked for the
//! resume, the insights tagged for the field's board, the insight the thank-you note mentions,
//! and referrals that become new people linked to who referred them.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{OptionalRow, Result};
use crate::interviews;
use crate::lookups::Lookup;
use crate::people;
use crate::prep::RESUME_VERSION_MAX;
use crate::search;
use crate::store::{collect, Store};
use crate::validate;

/// What the method says to listen for, so the insights board can gather it per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InsightCategory {
    Qualification,
    PositionInDemand,
    Advice,
    PersonToMeet,
}

impl InsightCategory {
    pub const ALL: [InsightCategory; 4] = [
        InsightCategory::Qualification,
        InsightCategory::PositionInDemand,
        InsightCategory::Advice,
        InsightCategory::PersonToMeet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InsightCategory::Qualification => "qualification",
            InsightCategory::PositionInDemand => "position_in_demand",
            InsightCategory::Advice => "advice",
            InsightCategory::PersonToMeet => "person_to_meet",
        }
    }
}

impl rusqlite::types::ToSql for InsightCategory {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for InsightCategory {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        InsightCategory::ALL
            .into_iter()
            .find(|category| category.as_str() == text)
            .ok_or(rusqlite::types::FromSqlError::InvalidType)
    }
}

/// Something an interview taught, tagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Insight {
    pub id: i64,
    pub interview_id: i64,
    pub category: InsightCategory,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// The details of a business card. An empty field leaves what the person has unchanged, since a
/// card rarely holds everything and should not wipe what the user already knew.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Card {
    pub title: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub linkedin_url: String,
}

/// Someone the person suggested talking to.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Referral {
    pub name: String,
    pub organisation: String,
    /// Why or how to contact them, as the person said it.
    pub note: String,
}

pub const INSIGHT_MAX: usize = 1_000;

impl Store {
    /// Copies a business card's details into the person the interview was with, and ticks the
    /// card off the checklist.
    pub fn capture_card(&mut self, interview_id: i64, card: &Card) -> Result<()> {
        let title = validate::text("title", "The job title", &card.title, 150)?;
        let organisation =
            validate::text("organisation", "The organisation", &card.organisation, 150)?;
        let email = validate::email("email", &card.email)?;
        let phone = validate::phone("phone", &card.phone)?;
        let linkedin_url = validate::linkedin_url("linkedin_url", &card.linkedin_url)?;
        self.write(|tx, clock| {
            let now = clock.now();
            let (person_id, _) = interviews::live(tx, interview_id)?;
            let organisation_id = Lookup::Organisations.find_or_create(tx, &organisation, now)?;
            tx.execute(
                "UPDATE people SET
                     title = CASE WHEN ?2 = '' THEN title ELSE ?2 END,
                     organisation_id = COALESCE(?3, organisation_id),
                     email = CASE WHEN ?4 = '' THEN email ELSE ?4 END,
                     phone = CASE WHEN ?5 = '' THEN phone ELSE ?5 END,
                     linkedin_url = CASE WHEN ?6 = '' THEN linkedin_url ELSE ?6 END,
                     updated_at = ?7
                 WHERE id = ?1",
                rusqlite::params![
                    person_id,
                    title,
                    organisation_id,
                    email,
                    phone,
                    linkedin_url,
                    now
                ],
            )?;
            tx.execute(
                "UPDATE interviews SET card_captured = 1, updated_at = ?2 WHERE id = ?1",
                (interview_id, now),
            )?;
            search::reindex_person(tx, person_id)
        })
    }

    /// Records whether they asked for the resume (`None`: not known yet) and, when given, which
    /// version the user brought.
    pub fn set_resume_asked(
        &mut self,
        interview_id: i64,
        asked: Option<bool>,
        resume_version: &str,
    ) -> Result<()> {
        let version = validate::text(
            "resume_version",
            "The resume version",
            resume_version,
            RESUME_VERSION_MAX,
        )?;
        self.write(|tx, clock| {
            interviews::live(tx, interview_id)?;
            tx.execute(
                "UPDATE interviews SET resume_asked = ?2,
                     resume_version = CASE WHEN ?3 = '' THEN resume_version ELSE ?3 END,
                     updated_at = ?4
                 WHERE id = ?1",
                (interview_id, asked, &version, clock.now()),
            )?;
            Ok(())
        })
    }

    /// Notes an insight from an interview and returns its id.
    pub fn add_insight(
        &mut self,
        interview_id: i64,
        category: InsightCategory,
        text: &str,
    ) -> Result<i64> {
        let text = validate::required("insight", "The insight", text, INSIGHT_MAX)?;
        self.write(|tx, clock| {
            let (person_id, _) = interviews::live(tx, interview_id)?;
            tx.execute(
                "INSERT INTO insights (interview_id, category, text, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                (interview_id, category, &text, clock.now()),
            )?;
            let id = tx.last_insert_rowid();
            search::reindex_person(tx, person_id)?;
            Ok(id)
        })
    }

    /// Removes an insight for good: it is a line of notes, not a record worth a trash.
    pub fn remove_insight(&mut self, insight_id: i64) -> Result<()> {
        self.write(|tx, _| {
            let interview_id: i64 = tx
                .query_row(
                    "SELECT interview_id FROM insights WHERE id = ?1",
                    [insight_id],
                    |row| row.get(0),
                )
                .or_not_found("insight")?;
            let (person_id, _) = interviews::live(tx, interview_id)?;
            tx.execute("DELETE FROM insights WHERE id = ?1", [insight_id])?;
            search::reindex_person(tx, person_id)
        })
    }

    /// Chooses what the thank-you note mentions; empty goes back to the first insight noted.
    pub fn choose_insight_to_mention(&mut self, interview_id: i64, text: &str) -> Result<()> {
        let text = validate::text(
            "insight_to_mention",
            "The insight to mention",
            text,
            INSIGHT_MAX,
        )?;
        self.write(|tx, clock| {
            interviews::live(tx, interview_id)?;
            tx.execute(
                "UPDATE interviews SET insight_to_mention = ?2, updated_at = ?3 WHERE id = ?1",
                (interview_id, &text, clock.now()),
            )?;
            Ok(())
        })
    }

    /// Turns a referral ("talk to Sam at Acme") into a new person, referred by the person the
    /// interview was with, working in the interview's field, with an interview at *identified*
    /// so they show on the pipeline. Returns the new person's id.
    pub fn add_referral(&mut self, interview_id: i64, referral: &Referral) -> Result<i64> {
        let name = validate::required("name", "The name", &referral.name, people::NAME_MAX)?;
        let organisation = validate::text(
            "organisation",
            "The organisation",
            &referral.organisation,
            150,
        )?;
        let note = validate::text("notes", "The note", &referral.note, people::NOTES_MAX)?;
        self.write(|tx, clock| {
            let now = clock.now();
            let (referrer, _) = interviews::live(tx, interview_id)?;
            let organisation_id = Lookup::Organisations.find_or_create(tx, &organisation, now)?;
            tx.execute(
                "INSERT INTO people (name, organisation_id, field_id, referred_by_id, notes,
                     created_at, updated_at)
                 SELECT ?2, ?3, field_id, ?4, ?5, ?6, ?6 FROM interviews WHERE id = ?1",
                rusqlite::params![interview_id, name, organisation_id, referrer, note, now],
            )?;
            let person_id = tx.last_insert_rowid();
            search::reindex_person(tx, person_id)?;
            interviews::insert(tx, clock, person_id)?;
            Ok(person_id)
        })
    }
}

/// Someone the interviewed person suggested, as the interview page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referred {
    pub id: i64,
    pub name: String,
    pub organisation: String,
}

/// The people `person_id` referred the user to (not in the trash), in the order they were added.
pub(crate) fn referred_by(conn: &Connection, person_id: i64) -> Result<Vec<Referred>> {
    collect(
        conn,
        "SELECT p.id, p.name, COALESCE(o.name, '') FROM people p
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE p.referred_by_id = ?1 AND p.deleted_at IS NULL ORDER BY p.id",
        [person_id],
        |row| {
            Ok(Referred {
                id: row.get(0)?,
                name: row.get(1)?,
                organisation: row.get(2)?,
            })
        },
    )
}

/// The insights of an interview, in the order they were noted.
pub(crate) fn insights_of(conn: &Connection, interview_id: i64) -> Result<Vec<Insight>> {
    collect(
        conn,
        "SELECT id, interview_id, category, text, created_at FROM insights
         WHERE interview_id = ?1 ORDER BY id",
        [interview_id],
        |row| {
            Ok(Insight {
                id: row.get(0)?,
                interview_id: row.get(1)?,
                category: row.get(2)?,
                text: row.get(3)?,
                created_at: row.get(4)?,
            })
        },
    )
}
