//! The question bank and the questions prepared for each interview.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, OptionalRow, Result};
use crate::interviews;
use crate::stage::Direction;
use crate::store::{collect, Store};
use crate::validate;

/// A question in the bank.
#[derive(Debug, Clone, Serialize)]
pub struct BankQuestion {
    pub id: i64,
    pub text: String,
    /// "article", "tiara_trends" … "tiara_assignments", "own", or a category of the user's.
    pub category: String,
    /// One of the questions the app comes with (they can be archived too, never deleted).
    pub builtin: bool,
    /// When it was archived; `None` while it is in the bank.
    pub archived_at: Option<DateTime<Utc>>,
}

/// A question prepared for one interview, with what was heard.
#[derive(Debug, Clone, Serialize)]
pub struct PreparedQuestion {
    pub id: i64,
    pub question_id: Option<i64>,
    pub text: String,
    pub position: i64,
    pub asked: bool,
    pub answer: String,
}

/// A question to prepare: one from the bank, or the user's own text for this interview only.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PrepareQuestion {
    pub question_id: Option<i64>,
    pub text: String,
}

pub const QUESTION_MAX: usize = 500;
pub const CATEGORY_MAX: usize = 40;
pub const ANSWER_MAX: usize = 20_000;

/// The category of a question the user adds without naming one.
pub const OWN_CATEGORY: &str = "own";

impl Store {
    /// The questions of the bank that are not archived: the built-in ones first.
    pub fn question_bank(&self) -> Result<Vec<BankQuestion>> {
        self.read(|conn, _| {
            collect(
                conn,
                "SELECT id, text, category, builtin, archived_at FROM questions
                 WHERE archived_at IS NULL ORDER BY builtin DESC, id",
                [],
                bank_question_from_row,
            )
        })
    }

    /// The archived questions, most recently archived first, so one can be brought back.
    pub fn archived_bank_questions(&self) -> Result<Vec<BankQuestion>> {
        self.read(|conn, _| {
            collect(
                conn,
                "SELECT id, text, category, builtin, archived_at FROM questions
                 WHERE archived_at IS NOT NULL ORDER BY archived_at DESC, id",
                [],
                bank_question_from_row,
            )
        })
    }

    /// Adds the user's own question to the bank, under `category` ("own" when empty), and
    /// returns its id.
    pub fn add_bank_question(&mut self, text: &str, category: &str) -> Result<i64> {
        let text = validate::required("question", "The question", text, QUESTION_MAX)?;
        let category = validate::text("category", "The category", category, CATEGORY_MAX)?;
        let category = if category.is_empty() {
            OWN_CATEGORY.to_owned()
        } else {
            category
        };
        self.write(|tx, clock| {
            let already = tx
                .query_row(
                    "SELECT archived_at IS NOT NULL FROM questions WHERE text = ?1",
                    [&text],
                    |row| row.get::<_, bool>(0),
                )
                .optional()?;
            match already {
                Some(false) => {
                    return Err(Error::invalid(
                        "question",
                        "This question is already in the bank.",
                    ))
                }
                Some(true) => {
                    return Err(Error::invalid(
                        "question",
                        "This question is in the archive: bring it back from there.",
                    ))
                }
                None => {}
            }
            tx.execute(
                "INSERT INTO questions (text, category, created_at) VALUES (?1, ?2, ?3)",
                (&text, &category, clock.now()),
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Takes a question out of the bank. It is archived, never deleted, so interviews that
    /// used it keep it; the built-in questions can be archived too.
    pub fn archive_bank_question(&mut self, id: i64) -> Result<()> {
        self.set_archived(id, true)
    }

    /// Brings an archived question back into the bank.
    pub fn restore_bank_question(&mut self, id: i64) -> Result<()> {
        self.set_archived(id, false)
    }

    fn set_archived(&mut self, id: i64, archive: bool) -> Result<()> {
        self.write(|tx, clock| {
            let archived: bool = tx
                .query_row(
                    "SELECT archived_at IS NOT NULL FROM questions WHERE id = ?1",
                    [id],
                    |row| row.get(0),
                )
                .or_not_found("question")?;
            match (archive, archived) {
                (true, true) => Err(Error::invalid(
                    "question",
                    "This question is already archived.",
                )),
                (false, false) => Err(Error::invalid(
                    "question",
                    "This question is already in the bank.",
                )),
                (true, false) => {
                    tx.execute(
                        "UPDATE questions SET archived_at = ?2 WHERE id = ?1",
                        (id, clock.now()),
                    )?;
                    Ok(())
                }
                (false, true) => {
                    tx.execute(
                        "UPDATE questions SET archived_at = NULL WHERE id = ?1",
                        [id],
                    )?;
                    Ok(())
                }
            }
        })
    }

    /// Saves whether a prepared question was asked and what was answered. Live mode calls it
    /// as the user types; it writes only this question's row, so it never overwrites the notes
    /// or another answer saved at the same moment.
    pub fn answer_question(&mut self, prepared_id: i64, asked: bool, answer: &str) -> Result<()> {
        let answer = validate::text("answer", "The answer", answer, ANSWER_MAX)?;
        self.write(|tx, _| {
            owner(tx, prepared_id)?;
            tx.execute(
                "UPDATE interview_questions SET asked = ?2, answer = ?3 WHERE id = ?1",
                (prepared_id, asked, &answer),
            )?;
            Ok(())
        })
    }

    /// Adds a question at the end of an interview's list.
    pub fn prepare_question(
        &mut self,
        interview_id: i64,
        question: &PrepareQuestion,
    ) -> Result<i64> {
        let own_text = validate::text("question", "The question", &question.text, QUESTION_MAX)?;
        self.write(|tx, _| {
            interviews::live(tx, interview_id)?;
            let text = match question.question_id {
                Some(bank_id) => tx
                    .query_row(
                        "SELECT text FROM questions WHERE id = ?1 AND archived_at IS NULL",
                        [bank_id],
                        |row| row.get::<_, String>(0),
                    )
                    .or_not_found("question")?,
                None if own_text.is_empty() => {
                    return Err(Error::invalid("question", "Write the question first."))
                }
                None => own_text,
            };
            let already = tx
                .query_row(
                    "SELECT 1 FROM interview_questions WHERE interview_id = ?1 AND text = ?2",
                    (interview_id, &text),
                    |_| Ok(()),
                )
                .optional()?;
            if already.is_some() {
                return Err(Error::invalid(
                    "question",
                    "This question is already on the list.",
                ));
            }
            tx.execute(
                "INSERT INTO interview_questions (interview_id, question_id, text, position)
                 VALUES (?1, ?2, ?3,
                     (SELECT COALESCE(MAX(position), 0) + 1 FROM interview_questions
                      WHERE interview_id = ?1))",
                (interview_id, question.question_id, &text),
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Takes a question off an interview's list.
    pub fn remove_prepared_question(&mut self, id: i64) -> Result<()> {
        self.write(|tx, _| {
            owner(tx, id)?;
            tx.execute("DELETE FROM interview_questions WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Swaps a prepared question with its neighbour above (back) or below (forward).
    pub fn move_prepared_question(&mut self, id: i64, direction: Direction) -> Result<()> {
        self.write(|tx, _| {
            let (interview_id, position) = owner(tx, id)?;
            let neighbour_sql = match direction {
                Direction::Back => {
                    "SELECT id, position FROM interview_questions
                     WHERE interview_id = ?1 AND position < ?2 ORDER BY position DESC LIMIT 1"
                }
                Direction::Forward => {
                    "SELECT id, position FROM interview_questions
                     WHERE interview_id = ?1 AND position > ?2 ORDER BY position LIMIT 1"
                }
            };
            let neighbour: Option<(i64, i64)> = tx
                .query_row(neighbour_sql, (interview_id, position), |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            if let Some((other, other_position)) = neighbour {
                let set = "UPDATE interview_questions SET position = ?2 WHERE id = ?1";
                tx.execute(set, (id, other_position))?;
                tx.execute(set, (other, position))?;
            }
            Ok(())
        })
    }
}

/// The questions prepared for an interview, in order.
pub(crate) fn prepared(conn: &Connection, interview_id: i64) -> Result<Vec<PreparedQuestion>> {
    collect(
        conn,
        "SELECT id, question_id, text, position, asked, answer FROM interview_questions
         WHERE interview_id = ?1 ORDER BY position, id",
        [interview_id],
        |row| {
            Ok(PreparedQuestion {
                id: row.get(0)?,
                question_id: row.get(1)?,
                text: row.get(2)?,
                position: row.get(3)?,
                asked: row.get(4)?,
                answer: row.get(5)?,
            })
        },
    )
}

fn bank_question_from_row(row: &Row<'_>) -> rusqlite::Result<BankQuestion> {
    Ok(BankQuestion {
        id: row.get(0)?,
        text: row.get(1)?,
        category: row.get(2)?,
        builtin: row.get(3)?,
        archived_at: row.get(4)?,
    })
}

/// The interview and position of a prepared question whose interview is live.
fn owner(conn: &Connection, id: i64) -> Result<(i64, i64)> {
    let (interview_id, position) = conn
        .query_row(
            "SELECT interview_id, position FROM interview_questions WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .or_not_found("question")?;
    interviews::live(conn, interview_id)?;
    Ok((interview_id, position))
}
