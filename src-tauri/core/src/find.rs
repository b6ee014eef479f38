//! Find anything (Ctrl+K): one query over people, organisations, target fields and what was said
//! in interviews (notes, answers, insights), ranked so that what the user most likely means
//! comes first, and saying which interview a word came from.

use chrono::{DateTime, Utc};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::Result;
use crate::search;
use crate::store::{collect, Store};

/// At most this many hits of each kind: the box shows a short list, not a report.
pub const PER_KIND: usize = 8;

/// Marks around the matched words in a [`Hit::excerpt`]; the page turns them into highlights.
/// Characters from Unicode's private use area, which typed text does not hold.
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Person,
    Organisation,
    Field,
    Interview,
}

/// Where the words were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedIn {
    /// The name of the person, organisation or field.
    Name,
    /// Something else about a person: their organisation, title, field, e-mail, notes.
    Details,
    /// An interview's notes (or its place).
    Notes,
    /// An answer heard to one of the interview's questions.
    Answers,
    /// An insight the interview gave.
    Insights,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// The id of the person, organisation, field or interview.
    pub id: i64,
    /// The person for an interview hit (for the others, their own id or none).
    pub person_id: Option<i64>,
    /// "Dana Whitfield", "Acme", "UX research", "Interview with Dana Whitfield".
    pub title: String,
    /// What helps tell it apart: a person's title and organisation, how many people work at an
    /// organisation.
    pub detail: String,
    /// For interviews: their stage.
    pub stage: Option<crate::Stage>,
    /// For interviews: the words around the match, the matched words between
    /// [`MARK_START`] and [`MARK_END`].
    pub excerpt: String,
    pub matched_in: MatchedIn,
    /// For interviews: when it took place or is planned (or was created).
    pub when: Option<DateTime<Utc>>,
    /// 0 the name is what was typed, 1 the name starts with it, 2 every typed word starts a
    /// word of the name, 3 found elsewhere. Lower comes first.
    pub tier: u8,
}

/// Lower case without accents: "Müller" and "muller" compare equal, as FTS5 matches them.
fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How well `name` matches what was typed (see [`Hit::tier`]); `None` when some typed word
/// starts no word of the name.
pub fn name_tier(name: &str, typed: &str) -> Option<u8> {
    let (name_words, typed_words) = (words(name), words(typed));
    if typed_words.is_empty() {
        return None;
    }
    if name_words == typed_words {
        return Some(0);
    }
    if name_words.len() >= typed_words.len()
        && name_words
            .iter()
            .zip(&typed_words)
            .enumerate()
            .all(|(i, (n, t))| {
                if i + 1 == typed_words.len() {
                    n.starts_with(t.as_str())
                } else {
                    n == t
                }
            })
    {
        return Some(1);
    }
    typed_words
        .iter()
        .all(|t| name_words.iter().any(|n| n.starts_with(t.as_str())))
        .then_some(2)
}

/// Puts hits in the order the box shows them: by tier; within a tier, people before
/// organisations before fields before interviews; then in the order each query ranked them.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_by_key(|hit| (hit.tier, hit.kind));
}

impl Store {
    /// Everything that matches what the user typed, best first (see [`rank`]): at most
    /// [`PER_KIND`] of each kind. Nothing for text with nothing searchable in it; what was said
    /// in interviews only once a typed word has three letters.
    pub fn find_anything(&self, typed: &str) -> Result<Vec<Hit>> {
        let Some(expression) = search::match_expression(typed) else {
            return Ok(Vec::new());
        };
        let per_kind = i64::try_from(PER_KIND).unwrap_or(8);
        self.read(|conn, _| {
            let mut hits = Vec::new();

            // People: the search index, best first, names weighing most.
            let people = collect(
                conn,
                "SELECT p.id, p.name, p.title, COALESCE(o.name, '') FROM person_search s
                 JOIN people p ON p.id = s.rowid
                 LEFT JOIN organisations o ON o.id = p.organisation_id
                 WHERE person_search MATCH ?1 AND p.deleted_at IS NULL
                 ORDER BY bm25(person_search, 10.0, 5.0, 2.0, 1.0), p.name COLLATE NOCASE, p.id
                 LIMIT ?2",
                (&expression, per_kind),
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                },
            )?;
            for (id, name, title, organisation) in people {
                let tier = name_tier(&name, typed);
                let detail = [title, organisation]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                hits.push(Hit {
                    kind: HitKind::Person,
                    id,
                    person_id: Some(id),
                    title: name,
                    detail,
                    excerpt: String::new(),
                    stage: None,
                    matched_in: if tier.is_some() {
                        MatchedIn::Name
                    } else {
                        MatchedIn::Details
                    },
                    when: None,
                    tier: tier.unwrap_or(3),
                });
            }

            // Organisations and fields: few, so their names are read and compared here.
            let organisations = collect(
                conn,
                "SELECT o.id, o.name,
                        (SELECT count(*) FROM people p
                         WHERE p.organisation_id = o.id AND p.deleted_at IS NULL)
                 FROM organisations o ORDER BY o.name COLLATE NOCASE",
                [],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get(2)?)),
            )?;
            let fields = collect(
                conn,
                "SELECT f.id, f.name,
                        (SELECT count(*) FROM people p
                         WHERE p.field_id = f.id AND p.deleted_at IS NULL)
                 FROM target_fields f ORDER BY f.name COLLATE NOCASE",
                [],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get(2)?)),
            )?;
            for (kind, rows) in [
                (HitKind::Organisation, organisations),
                (HitKind::Field, fields),
            ] {
                let mut named: Vec<(u8, i64, String, i64)> = rows
                    .into_iter()
                    .filter_map(|(id, name, count): (i64, String, i64)| {
                        name_tier(&name, typed).map(|tier| (tier, id, name, count))
                    })
                    .collect();
                named.sort_by_key(|(tier, ..)| *tier);
                for (tier, id, name, count) in named.into_iter().take(PER_KIND) {
                    hits.push(Hit {
                        kind,
                        id,
                        person_id: None,
                        title: name,
                        detail: match count {
                            0 => "No one yet".to_owned(),
                            1 => "1 person".to_owned(),
                            n => format!("{n} people"),
                        },
                        excerpt: String::new(),
                        stage: None,
                        matched_in: MatchedIn::Name,
                        when: None,
                        tier,
                    });
                }
            }

            // Interviews: what was said in them, with the words around the match. Not for one
            // or two letters: nearly every interview has a word that begins so, and the list
            // would only bury the names.
            if words(typed).iter().all(|w| w.chars().count() < 3) {
                rank(&mut hits);
                return Ok(hits);
            }
            let snippet = |column: usize| {
                format!("snippet(interview_search, {column}, char(57344), char(57345), '…', 12)")
            };
            let sql = format!(
                "SELECT i.id, i.person_id, p.name, i.stage,
                        COALESCE(i.scheduled_at, i.created_at),
                        {}, {}, {}
                 FROM interview_search s
                 JOIN interviews i ON i.id = s.rowid
                 JOIN people p ON p.id = i.person_id
                 WHERE interview_search MATCH ?1
                   AND i.deleted_at IS NULL AND p.deleted_at IS NULL
                 ORDER BY bm25(interview_search), i.id DESC
                 LIMIT ?2",
                snippet(0),
                snippet(1),
                snippet(2)
            );
            let interviews = collect(conn, &sql, (&expression, per_kind), |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, crate::Stage>(3)?,
                    row.get::<_, DateTime<Utc>>(4)?,
                    [
                        row.get::<_, String>(5)?,
                        row.get::<_, String>(6)?,
                        row.get::<_, String>(7)?,
                    ],
                ))
            })?;
            for (id, person_id, name, stage, when, excerpts) in interviews {
                let columns = [MatchedIn::Notes, MatchedIn::Answers, MatchedIn::Insights];
                let found = excerpts
                    .iter()
                    .position(|e| e.contains(MARK_START))
                    .unwrap_or(0);
                hits.push(Hit {
                    kind: HitKind::Interview,
                    id,
                    person_id: Some(person_id),
                    title: format!("Interview with {name}"),
                    detail: String::new(),
                    stage: Some(stage),
                    excerpt: excerpts[found].trim().to_owned(),
                    matched_in: columns[found],
                    when: Some(when),
                    tier: 3,
                });
            }
            rank(&mut hits);
            Ok(hits)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_rank_by_how_closely_they_match() {
        assert_eq!(name_tier("Dana Whitfield", "dana whitfield"), Some(0));
        assert_eq!(name_tier("Dana Whitfield", "Dana Whit"), Some(1));
        assert_eq!(name_tier("Dana Whitfield", "da"), Some(1));
        assert_eq!(name_tier("Dana Whitfield", "whit"), Some(2));
        assert_eq!(name_tier("Dana Whitfield", "whit dana"), Some(2));
        assert_eq!(name_tier("Jürgen Müller", "muller"), Some(2));
        assert_eq!(name_tier("Jürgen Müller", "jurgen"), Some(1));
        assert_eq!(name_tier("Dana Whitfield", "ana"), None);
        assert_eq!(name_tier("Dana Whitfield", ""), None);
    }
}
