//! Finding people by what the user remembers about them: part of a name, where they work, what
//! they do, or something written in a note.

mod common;

use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::trash::TrashKind;

use common::{interview_form, person, store_at, Db};

struct People {
    db: Db,
    dana: i64,
    jurgen: i64,
    ana: i64,
    ana_interview: i64,
}

fn people() -> People {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db
        .add_person(&PersonInput {
            title: "UX Researcher".into(),
            organisation: "Acme Robotics".into(),
            field: "Design".into(),
            email: "dw@acmelabs.example".into(),
            tags: "mentor".into(),
            notes: "Met at the accessibility meetup.".into(),
            ..person("Dana Whitfield")
        })
        .unwrap();
    let jurgen = db
        .add_person(&PersonInput {
            title: "Data Engineer".into(),
            organisation: "Globex".into(),
            location: "Zürich".into(),
            ..person("Jürgen Müller")
        })
        .unwrap();
    let ana = db
        .add_person(&PersonInput {
            title: "Recruiter".into(),
            organisation: "Initech".into(),
            field: "HR".into(),
            ..person("Ana López")
        })
        .unwrap();
    let ana_interview = db.create_interview(ana).unwrap();
    db.update_interview(
        ana_interview,
        &InterviewInput {
            notes: "Recommended the book Thinking in Systems.".into(),
            ..interview_form()
        },
    )
    .unwrap();
    People {
        db,
        dana,
        jurgen,
        ana,
        ana_interview,
    }
}

/// Searching for `query` finds exactly `expected`, in any order.
#[track_caller]
fn check(db: &Db, query: &str, expected: &[&str]) {
    let mut found = db.found(query);
    found.sort();
    let mut expected: Vec<&str> = expected.to_vec();
    expected.sort();
    assert_eq!(found, expected, "query {query:?}");
}

#[test]
fn people_are_found_by_the_start_of_any_word_they_are_known_by() {
    let p = people();
    let db = &p.db;
    // Name, first or last, whole or begun (one letter also finds Jürgen, a "Data Engineer").
    check(db, "dana", &["Dana Whitfield"]);
    check(db, "whit", &["Dana Whitfield"]);
    check(db, "D", &["Dana Whitfield", "Jürgen Müller"]);
    // Organisation.
    check(db, "acme", &["Dana Whitfield"]);
    check(db, "robot", &["Dana Whitfield"]);
    check(db, "initech", &["Ana López"]);
    // Title, field, tags, e-mail, location.
    check(db, "researcher", &["Dana Whitfield"]);
    check(db, "engineer", &["Jürgen Müller"]);
    check(db, "design", &["Dana Whitfield"]);
    check(db, "hr", &["Ana López"]);
    check(db, "mentor", &["Dana Whitfield"]);
    check(db, "dw@acmelabs.example", &["Dana Whitfield"]);
    check(db, "acmelabs", &["Dana Whitfield"]);
    check(db, "zurich", &["Jürgen Müller"]);
    // The person's own notes and their interviews' notes.
    check(db, "accessib", &["Dana Whitfield"]);
    check(db, "systems", &["Ana López"]);
    // Not the middle of a word, and nothing unrelated.
    check(db, "field", &[]);
    check(db, "astronaut", &[]);
}

#[test]
fn case_and_accents_do_not_matter() {
    let p = people();
    let db = &p.db;
    check(db, "muller", &["Jürgen Müller"]);
    check(db, "MÜLLER", &["Jürgen Müller"]);
    check(db, "Jurgen", &["Jürgen Müller"]);
    check(db, "lopez", &["Ana López"]);
    check(db, "LÓPEZ", &["Ana López"]);
    check(db, "ACME", &["Dana Whitfield"]);
    check(db, "dÁnA", &["Dana Whitfield"]);
}

#[test]
fn every_word_typed_must_match() {
    let p = people();
    let db = &p.db;
    check(db, "dana acme", &["Dana Whitfield"]);
    check(db, "acme dana", &["Dana Whitfield"]);
    check(db, "ana thinking", &["Ana López"]);
    check(db, "dana globex", &[]);
    check(db, "ana engineer", &[]);
}

#[test]
fn search_syntax_typed_by_the_user_is_just_text() {
    let p = people();
    let db = &p.db;
    for query in [
        "\"",
        "\"dana",
        "dana\"",
        "*",
        "dana*",
        "*dana",
        "NEAR(",
        "NEAR(dana acme)",
        "OR",
        "AND",
        "NOT",
        "-",
        "-dana",
        "dana -acme",
        "^dana",
        "name:dana",
        "(dana",
        "dana)",
        "{name}: x",
        "'",
        "o'brien",
        "+",
        "dana + acme",
        "\\",
        "%",
        "_",
        ";",
        "--",
    ] {
        if let Err(error) = db.people(query) {
            panic!("query {query:?} failed: {error}");
        }
    }
    check(db, "\"dana", &["Dana Whitfield"]);
    check(db, "dana*", &["Dana Whitfield"]);
    check(db, "-dana", &["Dana Whitfield"]);
    check(db, "dana -acme", &["Dana Whitfield"]);
    check(db, "^dana", &["Dana Whitfield"]);
    check(db, "NEAR(dana acme)", &[]);
    check(db, "dana OR jurgen", &[]);
    check(db, "muller NOT", &[]);
}

#[test]
fn a_query_with_nothing_to_search_for_lists_everyone() {
    let p = people();
    for query in ["", "   ", "\"*()", "-"] {
        assert_eq!(
            p.db.found(query),
            ["Ana López", "Dana Whitfield", "Jürgen Müller"],
            "{query:?}"
        );
    }
}

#[test]
fn the_list_is_by_name_whatever_the_case() {
    let mut db = store_at("2026-05-04 10:00");
    for name in ["carla Reyes", "Bob Stone", "anna Berg", "Adam Li"] {
        db.add(name);
    }
    assert_eq!(
        db.found(""),
        ["Adam Li", "anna Berg", "Bob Stone", "carla Reyes"]
    );
}

#[test]
fn a_name_match_comes_before_a_mention_in_notes() {
    let mut db = store_at("2026-05-04 10:00");
    db.add_person(&PersonInput {
        notes: "Introduced by Dana at the conference, who knows Dana's team.".into(),
        ..person("Sam Ortiz")
    })
    .unwrap();
    db.add("Dana Whitfield");
    assert_eq!(db.found("dana"), ["Dana Whitfield", "Sam Ortiz"]);
}

#[test]
fn the_index_follows_edits() {
    let mut p = people();
    p.db.update_person(
        p.dana,
        &PersonInput {
            organisation: "Globex".into(),
            ..person("Dana Whitfield")
        },
    )
    .unwrap();
    check(&p.db, "acme", &[]);
    check(&p.db, "accessib", &[]);
    check(&p.db, "globex", &["Dana Whitfield", "Jürgen Müller"]);

    p.db.update_interview(
        p.ana_interview,
        &InterviewInput {
            notes: "Suggested the HR analytics meetup.".into(),
            ..interview_form()
        },
    )
    .unwrap();
    check(&p.db, "systems", &[]);
    check(&p.db, "analytics", &["Ana López"]);
}

#[test]
fn people_in_the_trash_are_not_found_until_restored() {
    let mut p = people();
    p.db.delete_person(p.jurgen).unwrap();
    check(&p.db, "muller", &[]);
    check(&p.db, "globex", &[]);
    assert_eq!(p.db.found(""), ["Ana López", "Dana Whitfield"]);

    p.db.restore(TrashKind::Person, p.jurgen).unwrap();
    check(&p.db, "muller", &["Jürgen Müller"]);
    check(&p.db, "globex", &["Jürgen Müller"]);
}

#[test]
fn notes_of_an_interview_in_the_trash_are_not_searched() {
    let mut p = people();
    p.db.delete_interview(p.ana_interview).unwrap();
    check(&p.db, "systems", &[]);
    check(&p.db, "ana", &["Ana López"]);
    p.db.restore(TrashKind::Interview, p.ana_interview).unwrap();
    check(&p.db, "systems", &["Ana López"]);
    assert_eq!(p.ana, p.db.people("systems").unwrap()[0].id);
}
