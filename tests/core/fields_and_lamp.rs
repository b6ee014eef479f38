//! Target fields and their insights board, and the LAMP list of organisations, on a real file
//! with a data set built here and the exact results a user should see.

mod common;

use coffeechat_core::after::{InsightCategory, Referral};
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::lamp::LampRow;
use coffeechat_core::people::PersonInput;
use coffeechat_core::target_fields::{
    comparable, gather, Board, FieldForm, Gathered, Said, Source,
};
use coffeechat_core::{Error, Stage, Store};
use common::*;

fn in_field(name: &str, organisation: &str, field: &str) -> PersonInput {
    PersonInput {
        organisation: organisation.into(),
        field: field.into(),
        ..person(name)
    }
}

/// (text, [(interview, person name, said at)], people) of a list on the board.
type Row = (String, Vec<(i64, String, String)>, usize);

fn rows(items: &[Gathered]) -> Vec<Row> {
    items
        .iter()
        .map(|item| {
            let sources = item
                .sources
                .iter()
                .map(|s| {
                    (
                        s.interview_id,
                        s.person_name.clone(),
                        s.said_at.format("%Y-%m-%d %H:%M").to_string(),
                    )
                })
                .collect();
            (item.text.clone(), sources, item.people)
        })
        .collect()
}

fn section(board: &Board, category: InsightCategory) -> Vec<Row> {
    let section = board
        .insights
        .iter()
        .find(|s| s.category == category)
        .expect("every kind has its section");
    rows(&section.items)
}

fn row(text: &str, sources: &[(i64, &str, &str)], people: usize) -> Row {
    (
        text.into(),
        sources
            .iter()
            .map(|(id, name, at)| (*id, name.to_string(), at.to_string()))
            .collect(),
        people,
    )
}

/// The data set: three fields; Ana, Ben and Dev's interviews are in UX research (Dev's by the
/// interview's own field), Cleo's in HR, Eve's too but Eve is in the trash; Gus is in Data
/// science with no interview. Returns the interview ids (Ana, Ana again, Ben, Cleo, Dev).
struct Data {
    db: Db,
    ana: i64,
    ana_again: i64,
    ben: i64,
    cleo: i64,
    dev: i64,
    fay_person: i64,
}

fn data() -> Data {
    let mut db = store_at("2026-03-01 09:00");
    let ana_p = db
        .add_person(&in_field("Ana", "Acme", "UX research"))
        .unwrap();
    let ben_p = db
        .add_person(&in_field("Ben", "Acme", "UX research"))
        .unwrap();
    let cleo_p = db.add_person(&in_field("Cleo", "Globex", "HR")).unwrap();
    let dev_p = db.add("Dev");
    let eve_p = db
        .add_person(&in_field("Eve", "Hooli", "UX research"))
        .unwrap();
    db.add_person(&in_field("Gus", "", "Data science")).unwrap();
    let ana = db.create_interview(ana_p).unwrap();
    let ben = db.create_interview(ben_p).unwrap();
    let cleo = db.create_interview(cleo_p).unwrap();
    let dev = db.create_interview(dev_p).unwrap();
    let eve = db.create_interview(eve_p).unwrap();
    // Ben's interview has a time (10:00 in the +02:00 zone): what he said is dated by it.
    db.update_interview(
        ben,
        &InterviewInput {
            field: "UX research".into(),
            scheduled_local: Some("2026-03-05T10:00".into()),
            ..interview_form()
        },
    )
    .unwrap();
    db.update_interview(
        dev,
        &InterviewInput {
            field: "ux RESEARCH".into(),
            ..interview_form()
        },
    )
    .unwrap();

    db.set_now("2026-03-02 10:00");
    db.add_insight(ana, InsightCategory::Qualification, "Learn SQL.")
        .unwrap();
    db.add_insight(ana, InsightCategory::Advice, "Build a portfolio")
        .unwrap();
    db.add_tip(ana, "Join the ResearchOps Slack", None).unwrap();

    db.set_now("2026-03-03 11:00");
    db.add_insight(cleo, InsightCategory::Qualification, "Learn SQL")
        .unwrap();
    db.add_insight(eve, InsightCategory::Qualification, "Learn SQL")
        .unwrap();
    db.delete_person(eve_p).unwrap();

    db.set_now("2026-03-06 15:00");
    db.add_insight(ben, InsightCategory::Qualification, "  learn   sql ")
        .unwrap();
    db.add_insight(ben, InsightCategory::PositionInDemand, "Research ops")
        .unwrap();
    let fay_person = db
        .add_referral(
            ben,
            &Referral {
                name: "Fay".into(),
                organisation: "Initech".into(),
                note: String::new(),
            },
        )
        .unwrap();

    db.set_now("2026-03-07 12:00");
    db.add_insight(dev, InsightCategory::Qualification, "Figma")
        .unwrap();
    db.add_tip(dev, "join the researchops slack!", None)
        .unwrap();

    db.set_now("2026-03-08 09:00");
    let ana_again = db.create_interview(ana_p).unwrap();
    db.add_insight(ana_again, InsightCategory::Advice, "build a PORTFOLIO!")
        .unwrap();
    Data {
        db,
        ana,
        ana_again,
        ben,
        cleo,
        dev,
        fay_person,
    }
}

fn field_id(db: &Store, name: &str) -> i64 {
    db.target_fields()
        .unwrap()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
        .id
}

#[test]
fn the_fields_list_counts_people_interviews_and_insights_of_each_field() {
    let d = data();
    let listed: Vec<(String, i64, i64, i64)> =
        d.db.target_fields()
            .unwrap()
            .into_iter()
            .map(|f| (f.name, f.people, f.interviews, f.insights))
            .collect();
    assert_eq!(
        listed,
        vec![
            ("Data science".into(), 1, 0, 0),
            ("HR".into(), 1, 1, 1),
            // Ana, Ben and Fay (Eve is in the trash, Dev has no field of his own); the interviews
            // of Ana (2), Ben, Dev and Fay; Ana's 3, Ben's 2 and Dev's 1 insights.
            ("UX research".into(), 3, 5, 6),
        ]
    );
}

#[test]
fn the_board_gathers_what_was_said_in_the_field_once_with_every_source() {
    let d = data();
    let ux = d.db.target_field(field_id(&d.db, "UX research")).unwrap();
    let board = &ux.board;
    assert_eq!(board.interviews, 5);
    assert_eq!(
        section(board, InsightCategory::Qualification),
        vec![
            // Said by two people: first, with both sources, as first written.
            row(
                "Learn SQL.",
                &[
                    (d.ana, "Ana", "2026-03-02 10:00"),
                    (d.ben, "Ben", "2026-03-05 08:00"),
                ],
                2
            ),
            row("Figma", &[(d.dev, "Dev", "2026-03-07 12:00")], 1),
        ]
    );
    assert_eq!(
        section(board, InsightCategory::PositionInDemand),
        vec![row(
            "Research ops",
            &[(d.ben, "Ben", "2026-03-05 08:00")],
            1
        )]
    );
    // Said twice, but by the same person: two sources, one person, so it does not stand out.
    assert_eq!(
        section(board, InsightCategory::Advice),
        vec![row(
            "Build a portfolio",
            &[
                (d.ana, "Ana", "2026-03-02 10:00"),
                (d.ana_again, "Ana", "2026-03-08 09:00"),
            ],
            1
        )]
    );
    assert_eq!(section(board, InsightCategory::PersonToMeet), vec![]);
    assert_eq!(
        rows(&board.tips),
        vec![row(
            "Join the ResearchOps Slack",
            &[
                (d.ana, "Ana", "2026-03-02 10:00"),
                (d.dev, "Dev", "2026-03-07 12:00"),
            ],
            2
        )]
    );
    let referrals: Vec<(i64, String, String, i64, String)> = board
        .referrals
        .iter()
        .map(|r| {
            (
                r.person_id,
                r.name.clone(),
                r.organisation.clone(),
                r.referred_by.interview_id,
                r.referred_by.person_name.clone(),
            )
        })
        .collect();
    assert_eq!(
        referrals,
        vec![(
            d.fay_person,
            "Fay".into(),
            "Initech".into(),
            d.ben,
            "Ben".into()
        )]
    );

    // Another field's board holds only its own interviews.
    let hr = d.db.target_field(field_id(&d.db, "HR")).unwrap();
    assert_eq!(
        section(&hr.board, InsightCategory::Qualification),
        vec![row("Learn SQL", &[(d.cleo, "Cleo", "2026-03-03 11:00")], 1)]
    );
    assert!(hr.board.tips.is_empty() && hr.board.referrals.is_empty());
    let empty = d.db.target_field(field_id(&d.db, "Data science")).unwrap();
    assert_eq!(empty.board.interviews, 0);
    assert!(empty.board.insights.iter().all(|s| s.items.is_empty()));
}

#[test]
fn sayings_are_the_same_whatever_their_case_spaces_and_punctuation() {
    assert_eq!(comparable("  Learn, SQL!  "), "learn sql");
    assert_eq!(comparable("learn sql"), "learn sql");
    assert_eq!(comparable("Café-au-lait"), "café au lait");
    assert_eq!(comparable("...!"), "");
    assert_ne!(comparable("learn SQL"), comparable("learn SQLite"));

    let at = |person_id: i64, day: u32| Source {
        interview_id: person_id * 10 + i64::from(day),
        person_id,
        person_name: format!("P{person_id}"),
        said_at: utc(&format!("2026-04-{day:02} 09:00")),
    };
    let said = |text: &str, source: Source| Said {
        category: None,
        text: text.into(),
        source,
    };
    // A thing said by two people stays first even when a newer thing was said by one; among
    // things said by one person, the newest comes first.
    let gathered = gather(vec![
        said("Newest", at(3, 9)),
        said("shared", at(2, 5)),
        said("Older", at(1, 2)),
        said("Shared.", at(1, 3)),
    ]);
    let summary: Vec<(&str, usize, usize)> = gathered
        .iter()
        .map(|g| (g.text.as_str(), g.sources.len(), g.people))
        .collect();
    assert_eq!(
        summary,
        vec![("Shared.", 2, 2), ("Newest", 1, 1), ("Older", 1, 1)]
    );
}

#[test]
fn why_and_skills_are_saved_checked_and_kept_across_a_restart() {
    let mut d = data();
    let ux = field_id(&d.db, "UX research");
    d.db.update_target_field(
        ux,
        &FieldForm {
            why: "  I like talking to people.\nAnd finding out why.  ".into(),
            transferable_skills: "Interviewing\tsurveys".into(),
        },
    )
    .unwrap();
    d.db.restart();
    let field = d.db.target_field(ux).unwrap();
    assert_eq!(field.why, "I like talking to people.\nAnd finding out why.");
    assert_eq!(field.transferable_skills, "Interviewing\tsurveys");

    expect_invalid(
        d.db.update_target_field(
            ux,
            &FieldForm {
                why: "x".repeat(2_001),
                ..FieldForm::default()
            },
        ),
        "why",
    );
    match d.db.update_target_field(
        ux,
        &FieldForm {
            why: "a\u{0}b".into(),
            transferable_skills: "y".repeat(2_001),
        },
    ) {
        Err(Error::InvalidFields(errors)) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
            assert_eq!(fields, ["why", "transferable_skills"]);
            assert!(errors[1].message.contains("at most 2000"), "{errors:?}");
        }
        other => panic!("expected both fields refused, got {other:?}"),
    }
    // Nothing refused was written.
    assert_eq!(
        d.db.target_field(ux).unwrap().why,
        "I like talking to people.\nAnd finding out why."
    );
    expect_not_found(
        d.db.update_target_field(9_999, &FieldForm::default()),
        "target field",
    );
    expect_not_found(d.db.target_field(9_999), "target field");
}

/// A LAMP row as the list shows it: (name, Motivation, Posting, Advocacy, among the top five).
type Shown = (String, Option<u8>, Option<u8>, usize, bool);

fn order(db: &Store) -> Vec<Shown> {
    db.lamp()
        .unwrap()
        .into_iter()
        .map(|r: LampRow| (r.name, r.motivation, r.posting, r.advocacy, r.top))
        .collect()
}

fn org_id(db: &Store, name: &str) -> i64 {
    db.lamp()
        .unwrap()
        .into_iter()
        .find(|r| r.name == name)
        .unwrap()
        .id
}

#[test]
fn lamp_sorts_by_motivation_then_posting_then_advocacy_and_counts_people_there() {
    let mut db = store_at("2026-03-01 09:00");
    db.add_at("Ana", "Acme");
    db.add_at("Ben", "acme");
    db.add_at("Cleo", "Globex");
    let gone = db.add_at("Hal", "Hooli");
    db.delete_person(gone).unwrap();
    db.add_at("Ivy", "Initech");
    db.add_at("Uma", "Umbrella");
    for name in ["Walt", "Wes", "Wyn"] {
        db.add_at(name, "Wayne");
    }
    db.add_at("Zed", "Zeta");
    let uma = db
        .lamp()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Umbrella")
        .unwrap()
        .people[0]
        .id;
    db.delete_person(uma).unwrap();
    let zed = db.people("Zed").unwrap()[0].id;
    db.delete_person(zed).unwrap();

    for (name, motivation, posting) in [
        ("Acme", Some(3), Some(1)),
        ("Globex", Some(3), Some(2)),
        ("Hooli", Some(2), Some(3)),
        ("Initech", Some(2), Some(3)),
        ("Wayne", Some(1), Some(3)),
        ("Zeta", Some(3), Some(2)),
    ] {
        let id = org_id(&db, name);
        db.score_organisation(id, motivation, posting).unwrap();
    }
    let expected = vec![
        ("Globex".to_string(), Some(3), Some(2), 1, true),
        ("Zeta".to_string(), Some(3), Some(2), 0, true),
        ("Acme".to_string(), Some(3), Some(1), 2, true),
        ("Initech".to_string(), Some(2), Some(3), 1, true),
        ("Hooli".to_string(), Some(2), Some(3), 0, true),
        ("Wayne".to_string(), Some(1), Some(3), 3, false),
        ("Umbrella".to_string(), None, None, 0, false),
    ];
    assert_eq!(order(&db), expected);

    // Two people added at Hooli: its Advocacy passes Initech's, and it moves up one.
    db.add_at("Hana", "Hooli");
    db.add_at("Hugo", "HOOLI");
    let names: Vec<(String, usize)> = order(&db)
        .into_iter()
        .map(|(name, _, _, advocacy, _)| (name, advocacy))
        .collect();
    assert_eq!(
        names,
        [
            ("Globex", 1),
            ("Zeta", 0),
            ("Acme", 2),
            ("Hooli", 2),
            ("Initech", 1),
            ("Wayne", 3),
            ("Umbrella", 0),
        ]
        .map(|(n, a)| (n.to_string(), a))
    );

    // Each organisation lists its people by name and the interviews with them.
    let ana = db.people("Ana").unwrap()[0].id;
    let interview = db.create_interview(ana).unwrap();
    let acme = db
        .lamp()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Acme")
        .unwrap();
    let people: Vec<(&str, Vec<(i64, Stage)>)> = acme
        .people
        .iter()
        .map(|p| {
            let interviews = p.interviews.iter().map(|i| (i.id, i.stage)).collect();
            (p.name.as_str(), interviews)
        })
        .collect();
    assert_eq!(
        people,
        [
            ("Ana", vec![(interview, Stage::Identified)]),
            ("Ben", vec![])
        ]
    );

    // A large organisation shows its first people by name; Advocacy counts everyone.
    for name in ["Kim", "Ada", "Lou", "Bo", "Max", "Cy", "Ned", "Di", "Eli"] {
        db.add_at(name, "Big Co");
    }
    let big = db
        .lamp()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Big Co")
        .unwrap();
    assert_eq!(big.advocacy, 9);
    let shown: Vec<&str> = big.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(shown, ["Ada", "Bo", "Cy", "Di", "Eli", "Kim", "Lou", "Max"]);

    // Unscoring puts it last among the unscored, and the scores outlive a restart.
    let acme_id = acme.id;
    db.score_organisation(acme_id, None, None).unwrap();
    db.restart();
    let last_two: Vec<String> = order(&db).into_iter().rev().take(2).map(|r| r.0).collect();
    assert_eq!(last_two, ["Umbrella", "Acme"]);
    assert_eq!(
        order(&db)[5].0,
        "Big Co",
        "unscored, but with the most people there"
    );
}

#[test]
fn lamp_scores_out_of_range_are_refused_with_what_to_type() {
    let mut db = store_at("2026-03-01 09:00");
    db.add_at("Ana", "Acme");
    let acme = org_id(&db, "Acme");
    db.score_organisation(acme, Some(2), Some(2)).unwrap();
    expect_invalid(db.score_organisation(acme, Some(4), Some(2)), "motivation");
    expect_invalid(db.score_organisation(acme, Some(-1), Some(2)), "motivation");
    expect_invalid(db.score_organisation(acme, Some(1), Some(0)), "posting");
    expect_invalid(db.score_organisation(acme, Some(1), Some(4)), "posting");
    assert_eq!(order(&db), vec![("Acme".into(), Some(2), Some(2), 1, true)]);
    expect_not_found(
        db.score_organisation(9_999, Some(1), Some(1)),
        "organisation",
    );
}

#[test]
fn a_backup_restored_gives_back_the_fields_words_and_the_lamp_scores() {
    let mut d = data();
    let ux = field_id(&d.db, "UX research");
    d.db.update_target_field(
        ux,
        &FieldForm {
            why: "People".into(),
            transferable_skills: "Surveys".into(),
        },
    )
    .unwrap();
    let acme = org_id(&d.db, "Acme");
    d.db.score_organisation(acme, Some(3), Some(2)).unwrap();
    let backup = d.db.export_json().unwrap();

    let mut restored = store_at("2026-03-09 09:00");
    restored.import_json(&backup).unwrap();
    let field = restored.target_field(ux).unwrap();
    assert_eq!(
        (field.why.as_str(), field.transferable_skills.as_str()),
        ("People", "Surveys")
    );
    assert_eq!(field.board, d.db.target_field(ux).unwrap().board);
    assert_eq!(restored.lamp().unwrap(), d.db.lamp().unwrap());
    assert_eq!(restored.lamp().unwrap()[0].name, "Acme");
}
