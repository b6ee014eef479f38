//! Finding people by what the user remembers about them: part of a name, where they work, what
//! they do, or something written in a note.

mod common;

use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::trash::TrashKind;

use common::{interview_form, names, person, store_at, Db};

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

/// A list as big as an imported network: 1,200 people, half of them with a first name that
/// begins with "Da" or "da" (more than are ranked, so they come by name), two of those in the
/// trash, and a quarter named Zoë (few enough to be ranked).
struct Network {
    db: Db,
    /// Every person not in the trash, as (name, id).
    live: Vec<(String, i64)>,
}

fn network() -> Network {
    let mut db = store_at("2026-05-04 10:00");
    let mut live = Vec::new();
    for n in 0..1_200 {
        // Out of name order on purpose, so the order comes from the names, not from the ids.
        let number = (n * 7) % 1_200;
        let name = format!("{} {number:04}", ["Dana", "daniel", "Bob", "Zoë"][n % 4]);
        live.push((name.clone(), db.add(&name)));
    }
    for trashed in ["Dana 0000", "daniel 0007"] {
        let at = live.iter().position(|(name, _)| name == trashed).unwrap();
        db.delete_person(live.remove(at).1).unwrap();
    }
    Network { db, live }
}

impl Network {
    /// The people not in the trash whose name begins with one of `starts`, by name as the
    /// list sorts it (ASCII letters in any case alike, then by id).
    fn by_name(&self, starts: &[&str]) -> Vec<String> {
        let mut found: Vec<&(String, i64)> = self
            .live
            .iter()
            .filter(|(name, _)| starts.iter().any(|start| name.starts_with(start)))
            .collect();
        found.sort_by_key(|(name, id)| (name.to_ascii_lowercase(), *id));
        found.into_iter().map(|(name, _)| name.clone()).collect()
    }

    /// Every page of `query`, `size` at a time, checking each page's total and offset.
    fn pages(&self, query: &str, size: usize, total: usize, ranked: bool) -> Vec<String> {
        let mut all = Vec::new();
        for offset in (0..total + size).step_by(size) {
            let page = self.db.people_page(query, offset, size).unwrap();
            assert_eq!(page.total, total, "{query:?} from {offset}: the count");
            assert_eq!(page.everyone, 1_198, "{query:?}: everyone not in the trash");
            assert_eq!(page.offset, offset, "{query:?} from {offset}");
            assert_eq!(page.ranked, ranked, "{query:?}: best first or by name");
            let expected = size.min(total.saturating_sub(offset));
            assert_eq!(page.people.len(), expected, "{query:?} from {offset}");
            all.extend(names(&page.people));
        }
        all
    }
}

#[test]
fn one_and_two_letters_find_everyone_they_begin_by_name_a_page_at_a_time_with_the_count() {
    let n = network();
    let dana_and_daniel = n.by_name(&["Dana", "daniel"]);
    assert_eq!(
        dana_and_daniel.len(),
        598,
        "600 begin with Da, two are in the trash"
    );
    for query in ["d", "D", "da", "DA", "dan"] {
        assert_eq!(
            n.pages(query, 100, 598, false),
            dana_and_daniel,
            "{query:?}"
        );
    }
    // Odd page sizes join up just as well, and the whole list is the pages end to end.
    assert_eq!(n.pages("da", 37, 598, false), dana_and_daniel);
    assert_eq!(n.db.found("da"), dana_and_daniel);
    let first = n.db.people_page("d", 0, 100).unwrap();
    // Dana takes every fourth number; Dana 0000 is in the trash.
    assert_eq!(names(&first.people)[..2], ["Dana 0004", "Dana 0008"]);

    // Fewer matches than are ranked: still paged and counted.
    let bob = n.pages("b", 100, 300, true);
    let mut expected = n.by_name(&["Bob"]);
    assert_eq!(bob.len(), 300);
    let mut sorted = bob.clone();
    sorted.sort_by_key(|name| name.to_ascii_lowercase());
    expected.sort_by_key(|name| name.to_ascii_lowercase());
    assert_eq!(sorted, expected, "every Bob once, no one else");
    assert_eq!(n.pages("zo", 100, 300, true).len(), 300);
    assert_eq!(n.pages("zoe 0005", 100, 1, true), ["Zoë 0005"]);
    assert_eq!(
        n.pages("zoe 0003", 100, 0, true),
        Vec::<String>::new(),
        "0003 is a Daniel"
    );
    assert_eq!(n.pages("q", 100, 0, true), Vec::<String>::new());

    // No query: everyone not in the trash, by name, counted.
    let everyone = n.by_name(&[""]);
    assert_eq!(everyone.len(), 1_198);
    assert_eq!(n.pages("", 100, 1_198, false), everyone);
}

#[test]
fn a_page_of_ranked_matches_keeps_the_best_first() {
    let mut db = store_at("2026-05-04 10:00");
    db.add_person(&PersonInput {
        notes: "Introduced by Dana at the conference.".into(),
        ..person("Sam Ortiz")
    })
    .unwrap();
    db.add("Dana Whitfield");
    let first = db.people_page("dana", 0, 1).unwrap();
    assert_eq!(
        (names(&first.people), first.total),
        (vec!["Dana Whitfield".to_owned()], 2)
    );
    let second = db.people_page("dana", 1, 1).unwrap();
    assert_eq!(
        (names(&second.people), second.total),
        (vec!["Sam Ortiz".to_owned()], 2)
    );
    assert!(db.people_page("dana", 2, 1).unwrap().people.is_empty());
}
