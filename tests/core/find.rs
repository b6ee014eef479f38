//! Find anything (Ctrl+K): people, organisations, fields and what was said in interviews, best
//! match first, each interview hit saying where the words were found.

mod common;

use coffeechat_core::after::InsightCategory;
use coffeechat_core::find::{Hit, HitKind, MatchedIn, MARK_END, MARK_START};
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::questions::PrepareQuestion;

use common::{interview_form, person, store_at, Db};

struct Data {
    db: Db,
    dana: i64,
    danielle: i64,
    dana_interview: i64,
    ana_interview: i64,
    acme: i64,
}

fn data() -> Data {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db
        .add_person(&PersonInput {
            title: "UX Researcher".into(),
            organisation: "Acme Robotics".into(),
            field: "UX research".into(),
            ..person("Dana Whitfield")
        })
        .unwrap();
    let danielle = db
        .add_person(&PersonInput {
            organisation: "Globex".into(),
            ..person("Danielle Abbot")
        })
        .unwrap();
    db.add_person(&PersonInput {
        organisation: "Acme".into(),
        notes: "Knows Dana from the meetup.".into(),
        ..person("Ana López")
    })
    .unwrap();
    let ana = db.people("lopez").unwrap()[0].id;
    let dana_interview = db.create_interview(dana).unwrap();
    db.update_interview(
        dana_interview,
        &InterviewInput {
            notes: "She swears by the kanban method for research ops.".into(),
            ..interview_form()
        },
    )
    .unwrap();
    let question = db
        .prepare_question(
            dana_interview,
            &PrepareQuestion {
                question_id: None,
                text: "Which tools do you use?".into(),
            },
        )
        .unwrap();
    db.answer_question(question, true, "Mostly Figma and a whiteboard.")
        .unwrap();
    let ana_interview = db.create_interview(ana).unwrap();
    db.add_insight(
        ana_interview,
        InsightCategory::Qualification,
        "A portfolio of kanban boards beats a certificate.",
    )
    .unwrap();
    let acme = db
        .find_anything("acme")
        .unwrap()
        .into_iter()
        .find(|h| h.kind == HitKind::Organisation && h.title == "Acme")
        .unwrap()
        .id;
    Data {
        db,
        dana,
        danielle,
        dana_interview,
        ana_interview,
        acme,
    }
}

fn summary(hits: &[Hit]) -> Vec<(HitKind, String)> {
    hits.iter().map(|h| (h.kind, h.title.clone())).collect()
}

fn s(kind: HitKind, title: &str) -> (HitKind, String) {
    (kind, title.to_owned())
}

#[test]
fn the_name_typed_in_full_comes_before_names_that_begin_so_and_mentions() {
    let d = data();
    let hits = d.db.find_anything("dana").unwrap();
    use HitKind::*;
    assert_eq!(
        summary(&hits),
        [s(Person, "Dana Whitfield"), s(Person, "Ana López")],
        "{hits:#?}"
    );
    assert_eq!(hits[0].id, d.dana);
    assert_eq!(hits[0].matched_in, MatchedIn::Name);
    assert_eq!(hits[0].detail, "UX Researcher · Acme Robotics");
    // Ana is found by her notes, not her name.
    assert_eq!(hits[1].matched_in, MatchedIn::Details);

    // "dan": Dana and Danielle both begin so; by the search's own rank between them.
    let hits = d.db.find_anything("dan").unwrap();
    let people: Vec<i64> = hits.iter().take(2).map(|h| h.id).collect();
    assert!(
        people.contains(&d.dana) && people.contains(&d.danielle),
        "{hits:#?}"
    );
    assert!(hits[..2].iter().all(|h| h.tier == 1));
    assert_eq!(hits[2].title, "Ana López");
}

#[test]
fn organisations_and_fields_are_found_by_name_exact_first() {
    let d = data();
    use HitKind::*;
    let hits = d.db.find_anything("acme").unwrap();
    // "Acme" exactly, then what begins with it, then people who work there (the one whose
    // organisation is just "Acme" first).
    assert_eq!(
        summary(&hits),
        [
            s(Organisation, "Acme"),
            s(Organisation, "Acme Robotics"),
            s(Person, "Ana López"),
            s(Person, "Dana Whitfield"),
        ],
        "{hits:#?}"
    );
    assert_eq!(hits[0].id, d.acme);
    assert_eq!(hits[0].detail, "1 person");

    let hits = d.db.find_anything("research").unwrap();
    // The field "UX research" (a word of it begins so) before Dana, whose title and field say
    // it, and the interview whose notes do.
    assert_eq!(
        summary(&hits),
        [
            s(Field, "UX research"),
            s(Person, "Dana Whitfield"),
            s(Interview, "Interview with Dana Whitfield"),
        ],
        "{hits:#?}"
    );
    assert_eq!(hits[0].detail, "1 person");
}

#[test]
fn a_word_said_in_an_interview_names_the_interview_and_where_it_was_said() {
    let d = data();
    let hits = d.db.find_anything("kanban").unwrap();
    let interviews: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.kind == HitKind::Interview)
        .collect();
    assert_eq!(interviews.len(), 2, "{hits:#?}");
    let notes = interviews
        .iter()
        .find(|h| h.id == d.dana_interview)
        .unwrap();
    assert_eq!(notes.matched_in, MatchedIn::Notes);
    assert_eq!(notes.person_id, Some(d.dana));
    assert_eq!(
        notes.excerpt,
        format!("She swears by the {MARK_START}kanban{MARK_END} method for research ops.")
    );
    let insight = interviews.iter().find(|h| h.id == d.ana_interview).unwrap();
    assert_eq!(insight.matched_in, MatchedIn::Insights);
    assert_eq!(insight.title, "Interview with Ana López");

    let hits = d.db.find_anything("figm").unwrap();
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].id, d.dana_interview);
    assert_eq!(hits[0].matched_in, MatchedIn::Answers);
    assert_eq!(
        hits[0].excerpt,
        format!("Mostly {MARK_START}Figma{MARK_END} and a whiteboard.")
    );
}

#[test]
fn what_changes_or_goes_to_the_trash_is_found_as_it_is_now() {
    let mut d = data();
    d.db.save_interview_notes(d.dana_interview, "Talked about hiring loops.")
        .unwrap();
    let found = |db: &Db, q: &str| summary(&db.find_anything(q).unwrap());
    let interviews = |db: &Db, q: &str| -> Vec<i64> {
        db.find_anything(q)
            .unwrap()
            .into_iter()
            .filter(|h| h.kind == HitKind::Interview)
            .map(|h| h.id)
            .collect()
    };
    assert!(interviews(&d.db, "swears").is_empty());
    assert_eq!(interviews(&d.db, "loops"), [d.dana_interview]);
    // The answer is still found after the notes changed.
    assert_eq!(interviews(&d.db, "whiteboard"), [d.dana_interview]);

    d.db.delete_interview(d.dana_interview).unwrap();
    assert!(interviews(&d.db, "loops").is_empty());
    d.db.delete_person(d.dana).unwrap();
    assert!(!found(&d.db, "dana")
        .iter()
        .any(|(_, t)| t == "Dana Whitfield"));

    // Files made before find anything have their interviews indexed on opening: a restart
    // keeps what was indexed.
    d.db.restart();
    assert_eq!(interviews(&d.db, "certificate"), [d.ana_interview]);
}

#[test]
fn text_with_nothing_to_search_finds_nothing() {
    let d = data();
    for typed in ["", "   ", "\"*()", "NEAR("] {
        let hits = d.db.find_anything(typed).unwrap();
        assert!(typed == "NEAR(" || hits.is_empty(), "{typed:?}: {hits:#?}");
    }
    assert!(d.db.find_anything("astronaut").unwrap().is_empty());
    // One or two letters find names, not every interview with a word that begins so.
    let hits = d.db.find_anything("ka").unwrap();
    assert!(
        hits.iter().all(|h| h.kind != HitKind::Interview),
        "{hits:#?}"
    );
    assert_eq!(
        d.db.find_anything("kan")
            .unwrap()
            .iter()
            .filter(|h| h.kind == HitKind::Interview)
            .count(),
        2
    );
}
