//! Full-text search over people: one FTS5 document per person holding their name, organisation,
//! details and every note about them (their interviews' notes and insights too).

use rusqlite::Connection;

use crate::error::Result;
use crate::store::collect;

/// Rebuilds the search document of one person. Call it in the same transaction as any write that
/// changes what the document holds.
pub(crate) fn reindex_person(conn: &Connection, person_id: i64) -> Result<()> {
    conn.execute("DELETE FROM person_search WHERE rowid = ?1", [person_id])?;
    conn.execute(
        "INSERT INTO person_search (rowid, name, organisation, details, notes)
         SELECT p.id, p.name, COALESCE(o.name, ''),
                concat_ws(' ', p.title, f.name, p.email, p.location, p.how_met, p.tags),
                concat_ws(' ', p.notes,
                    (SELECT group_concat(concat_ws(' ', i.notes, i.insights, i.place), ' ')
                     FROM interviews i WHERE i.person_id = p.id AND i.deleted_at IS NULL),
                    (SELECT group_concat(n.text, ' ') FROM insights n
                     JOIN interviews i ON i.id = n.interview_id
                     WHERE i.person_id = p.id AND i.deleted_at IS NULL))
         FROM people p
         LEFT JOIN organisations o ON o.id = p.organisation_id
         LEFT JOIN target_fields f ON f.id = p.field_id
         WHERE p.id = ?1",
        [person_id],
    )?;
    Ok(())
}

/// The ids, in order, of the people not in the trash whose document matches `expression`.
/// Reads only the index (and the few trashed ids), so it stays fast when thousands match.
pub(crate) fn live_matches(conn: &Connection, expression: &str) -> Result<Vec<i64>> {
    let mut matches = collect(
        conn,
        "SELECT rowid FROM person_search WHERE person_search MATCH ?1",
        [expression],
        |row| row.get::<_, i64>(0),
    )?;
    matches.sort_unstable();
    let trashed = collect(
        conn,
        "SELECT id FROM people INDEXED BY people_trashed WHERE deleted_at IS NOT NULL ORDER BY id",
        [],
        |row| row.get::<_, i64>(0),
    )?;
    if !trashed.is_empty() {
        matches.retain(|id| trashed.binary_search(id).is_err());
    }
    Ok(matches)
}

/// The FTS5 query for what the user typed: every word must appear as the start of a word, in any
/// column. Words are quoted, so no character the user types is read as FTS5 syntax. `None` when
/// nothing searchable was typed.
pub(crate) fn match_expression(typed: &str) -> Option<String> {
    let terms: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(typed: &str, expected: Option<&str>) {
        assert_eq!(match_expression(typed).as_deref(), expected, "{typed:?}");
    }

    #[test]
    fn typed_text_becomes_prefix_terms() {
        check("", None);
        check("  \"*() ", None);
        check("acme", Some("\"acme\"*"));
        check("Acme  eng", Some("\"Acme\"* \"eng\"*"));
        check("o'brien", Some("\"o\"* \"brien\"*"));
        check(
            "NEAR(a b) OR c",
            Some("\"NEAR\"* \"a\"* \"b\"* \"OR\"* \"c\"*"),
        );
        check("Müller", Some("\"Müller\"*"));
    }
}
