//! The import pipeline on real SQLite files, whatever the source: the dry run's verdict per row,
//! duplicates within the file and against the data, filling only empty fields, LinkedIn's
//! invitations as stages, all-or-nothing, and undoing an import through the trash.

mod common;

use chrono::NaiveDate;
use coffeechat_core::exchange::import::{ImportPreview, RowAction};
use coffeechat_core::exchange::{Candidate, LinkedinActivity, Parsed, Rejected, Source};
use coffeechat_core::people::PersonInput;
use coffeechat_core::trash::TrashKind;
use coffeechat_core::{Error, Stage};
use common::{person, store_at, Db};

fn candidate(line: usize, name: &str, organisation: &str) -> Candidate {
    Candidate {
        line,
        name: name.into(),
        organisation: organisation.into(),
        ..Candidate::default()
    }
}

fn parsed(candidates: Vec<Candidate>) -> Parsed {
    Parsed {
        source: Source::Linkedin,
        candidates,
        rejected: vec![],
        notices: vec![],
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A user with two people already typed in: Dana (e-mail, her own title, no phone) and Sam
/// (a LinkedIn address at Acme).
fn user_with_two_people() -> Db {
    let mut db = store_at("2026-03-02 10:00");
    db.add_person(&PersonInput {
        email: "dana@example.com".into(),
        title: "Head of research (my words)".into(),
        ..person("Dana Whitfield")
    })
    .unwrap();
    db.add_person(&PersonInput {
        organisation: "Acme".into(),
        linkedin_url: "https://www.linkedin.com/in/sam-lee".into(),
        ..person("Sam Lee")
    })
    .unwrap();
    db.add_at("José Núñez", "Initech");
    db
}

/// The file the tests import: one of each verdict.
fn mixed_file() -> Parsed {
    let mut file = parsed(vec![
        Candidate {
            title: "Designer".into(),
            email: "ada@example.com".into(),
            ..candidate(4, "Ada Lovelace", "Analytical Engines, Ltd.")
        },
        Candidate {
            email: "DANA@Example.com".into(),
            phone: "+1 555 0100".into(),
            title: "Research lead".into(),
            ..candidate(5, "Dana W.", "")
        },
        Candidate {
            linkedin_url: "http://linkedin.com/in/sam-lee/?trk=public".into(),
            ..candidate(6, "Samuel Lee", "Acme")
        },
        candidate(7, "jose nunez", "INITECH"),
        Candidate {
            email: "ADA@example.com".into(),
            ..candidate(9, "Ada L.", "")
        },
    ]);
    file.rejected.push(Rejected {
        line: 8,
        reason: "LinkedIn hides this member's name.".into(),
    });
    file
}

fn verdicts(preview: &ImportPreview) -> Vec<(usize, RowAction)> {
    preview.rows.iter().map(|r| (r.line, r.action)).collect()
}

#[test]
fn the_dry_run_says_what_each_row_would_do_and_changes_nothing() {
    let db = user_with_two_people();
    let before = db.count("people");
    let preview = db.preview_import(&mixed_file()).unwrap();
    assert_eq!(
        verdicts(&preview),
        vec![
            (4, RowAction::Add),
            (5, RowAction::Update),
            (6, RowAction::Duplicate),
            (7, RowAction::Duplicate),
            (8, RowAction::Rejected),
            (9, RowAction::Duplicate),
        ]
    );
    assert_eq!(
        (
            preview.added,
            preview.updated,
            preview.duplicates,
            preview.rejected
        ),
        (1, 1, 3, 1)
    );
    let detail = |line| &preview.rows.iter().find(|r| r.line == line).unwrap().detail;
    assert_eq!(
        detail(5),
        "Already in Coffee Chat as Dana Whitfield; fills in: phone."
    );
    assert!(detail(6).contains("as Sam Lee"), "{}", detail(6));
    assert!(detail(7).contains("as José Núñez"), "{}", detail(7));
    assert_eq!(detail(9), "The same person as line 4 of this file.");
    assert_eq!(detail(8), "LinkedIn hides this member's name.");
    assert_eq!(db.count("people"), before);
}

#[test]
fn importing_adds_and_fills_in_but_never_overwrites() {
    let mut db = user_with_two_people();
    let file = mixed_file();
    let preview = db.preview_import(&file).unwrap();
    let outcome = db
        .import(&file, "Connections.csv", &mut |_, _| true)
        .unwrap();
    assert_eq!(
        (
            outcome.added,
            outcome.updated,
            outcome.duplicates,
            outcome.rejected
        ),
        (
            preview.added,
            preview.updated,
            preview.duplicates,
            preview.rejected
        )
    );
    assert_eq!(
        db.found(""),
        ["Ada Lovelace", "Dana Whitfield", "José Núñez", "Sam Lee"]
    );
    let ada = db.people("Lovelace").unwrap()[0].id;
    let ada = db.person(ada).unwrap();
    assert_eq!(ada.organisation, "Analytical Engines, Ltd.");
    assert_eq!(ada.title, "Designer");
    assert_eq!(ada.tags, "linkedin");
    assert!(
        ada.interviews.is_empty(),
        "a plain connection is no interview yet"
    );
    let dana = db.people("Dana").unwrap()[0].id;
    let dana = db.person(dana).unwrap();
    assert_eq!(dana.phone, "+1 555 0100");
    assert_eq!(dana.title, "Head of research (my words)");
    assert_eq!(dana.name, "Dana Whitfield");
    assert_eq!(
        db.found("Analytical"),
        ["Ada Lovelace"],
        "imported people are searchable"
    );
}

#[test]
fn importing_the_same_file_twice_adds_nobody_the_second_time() {
    let mut db = store_at("2026-03-02 10:00");
    let file = parsed(vec![
        candidate(2, "Ada Lovelace", ""),
        candidate(3, "Grace Hopper", "US Navy"),
    ]);
    db.import(&file, "contacts.vcf", &mut |_, _| true).unwrap();
    let again = db.preview_import(&file).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 2));
    let outcome = db.import(&file, "contacts.vcf", &mut |_, _| true).unwrap();
    assert_eq!(outcome.added, 0);
    assert_eq!(db.count("people"), 2);
}

#[test]
fn two_people_who_share_a_name_but_not_an_address_are_both_kept() {
    let mut db = store_at("2026-03-02 10:00");
    db.add_person(&PersonInput {
        email: "alex@one.example".into(),
        ..person("Alex Kim")
    })
    .unwrap();
    let file = parsed(vec![Candidate {
        email: "alex@two.example".into(),
        ..candidate(2, "Alex Kim", "")
    }]);
    assert_eq!(db.preview_import(&file).unwrap().added, 1);
}

#[test]
fn a_bad_field_is_left_out_and_said_while_a_row_without_a_name_is_rejected() {
    let mut db = store_at("2026-03-02 10:00");
    let file = parsed(vec![
        Candidate {
            email: "not an address".into(),
            phone: "+49 30 1234567".into(),
            ..candidate(2, "Grace Hopper", "")
        },
        Candidate {
            email: "someone@example.com".into(),
            ..candidate(3, "   ", "Acme")
        },
    ]);
    let preview = db.preview_import(&file).unwrap();
    assert_eq!(
        verdicts(&preview),
        [(2, RowAction::Add), (3, RowAction::Rejected)]
    );
    assert!(
        preview.rows[0]
            .detail
            .contains("Left out: \"not an address\""),
        "{}",
        preview.rows[0].detail
    );
    assert!(preview.rows[1].detail.contains("no name"));
    db.import(&file, "x.csv", &mut |_, _| true).unwrap();
    let grace = db.person(db.people("Grace").unwrap()[0].id).unwrap();
    assert_eq!(
        (grace.email.as_str(), grace.phone.as_str()),
        ("", "+49 30 1234567")
    );
}

#[test]
fn a_linkedin_address_without_a_scheme_is_kept_as_a_web_address() {
    let mut db = store_at("2026-03-02 10:00");
    let file = parsed(vec![Candidate {
        linkedin_url: "www.linkedin.com/in/grace".into(),
        ..candidate(2, "Grace Hopper", "")
    }]);
    db.import(&file, "x.vcf", &mut |_, _| true).unwrap();
    let grace = db.person(db.people("Grace").unwrap()[0].id).unwrap();
    assert_eq!(grace.linkedin_url, "https://www.linkedin.com/in/grace");
}

#[test]
fn invitations_put_people_at_their_stage_with_date_message_and_reply() {
    let mut db = store_at("2026-03-02 10:00");
    let invited = |line, name: &str, connected: Option<&str>, replied: Option<&str>| Candidate {
        connected_on: connected.map(date),
        activity: Some(LinkedinActivity {
            invited_on: Some(date("2026-02-02")),
            invitation_message: format!("Hi {name}, I'm moving into UX research."),
            replied_on: replied.map(date),
        }),
        ..candidate(line, name, "Acme")
    };
    let file = parsed(vec![
        invited(2, "Waiting Wendy", None, None),
        invited(3, "Accepted Alan", Some("2026-02-03"), None),
        invited(4, "Replied Rita", Some("2026-02-03"), Some("2026-02-04")),
        candidate(5, "Old Friend", "Acme"),
    ]);
    let preview = db.preview_import(&file).unwrap();
    assert_eq!(preview.rows[0].detail, "Starts at “connection requested”.");
    assert_eq!(preview.rows[1].detail, "Starts at “connected”.");
    db.import(&file, "linkedin.zip", &mut |_, _| true).unwrap();

    let interview_of = |db: &Db, name: &str| {
        let id = db.people(name).unwrap()[0].id;
        let cards = db.person(id).unwrap().interviews;
        cards.first().map(|card| db.interview(card.id).unwrap())
    };
    let wendy = interview_of(&db, "Wendy").unwrap();
    assert_eq!(wendy.stage, Stage::ConnectionRequested);
    assert_eq!(wendy.request_date, Some(date("2026-02-02")));
    assert_eq!(
        wendy.request_message,
        "Hi Waiting Wendy, I'm moving into UX research."
    );
    assert_eq!(wendy.reply_date, None);
    let alan = interview_of(&db, "Alan").unwrap();
    assert_eq!(alan.stage, Stage::Connected);
    let stages: Vec<Stage> = alan.history.iter().map(|e| e.stage).collect();
    assert_eq!(stages, [Stage::ConnectionRequested, Stage::Connected]);
    let rita = interview_of(&db, "Rita").unwrap();
    assert_eq!(rita.stage, Stage::Connected);
    assert_eq!(rita.reply_date, Some(date("2026-02-04")));
    assert!(interview_of(&db, "Old Friend").is_none());
    assert!(
        db.open_reminders().is_empty(),
        "no nudges for connection requests"
    );
}

#[test]
fn a_cancelled_import_changes_nothing() {
    let mut db = user_with_two_people();
    let before = db.count("people");
    let file = parsed(
        (0..450)
            .map(|i| candidate(i + 2, &format!("Person {i}"), "Acme"))
            .collect(),
    );
    let mut seen = vec![];
    let result = db.import(&file, "big.csv", &mut |done, total| {
        seen.push((done, total));
        done < 200
    });
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert_eq!(seen, [(0, 450), (100, 450), (200, 450)]);
    assert_eq!(db.count("people"), before);
    assert_eq!(db.count("import_batches"), 0);
    assert_eq!(
        db.count("organisations"),
        2,
        "Acme and Initech, from before"
    );
}

#[test]
fn progress_reaches_the_end() {
    let mut db = store_at("2026-03-02 10:00");
    let file = parsed(
        (0..250)
            .map(|i| candidate(i + 2, &format!("Person {i}"), ""))
            .collect(),
    );
    let mut last = (0, 0);
    db.import(&file, "big.csv", &mut |done, total| {
        last = (done, total);
        true
    })
    .unwrap();
    assert_eq!(last, (250, 250));
}

#[test]
fn an_import_is_undone_to_the_trash_and_restored_as_one_batch() {
    let mut db = user_with_two_people();
    let file = mixed_file();
    let outcome = db
        .import(&file, "Connections.csv", &mut |_, _| true)
        .unwrap();
    db.set_now("2026-03-02 11:00");
    assert_eq!(db.undo_import(outcome.batch_id).unwrap(), 1);
    assert_eq!(db.found(""), ["Dana Whitfield", "José Núñez", "Sam Lee"]);
    let trash = db.trash().unwrap();
    assert_eq!(trash.len(), 1, "{trash:?}");
    assert_eq!(trash[0].kind, TrashKind::Import);
    assert_eq!(trash[0].title, "Import of Connections.csv (1 person)");
    // What the import filled in on someone already there stays.
    let dana = db.people("Dana").unwrap()[0].id;
    assert_eq!(db.person(dana).unwrap().phone, "+1 555 0100");

    db.restore(TrashKind::Import, outcome.batch_id).unwrap();
    assert_eq!(
        db.found(""),
        ["Ada Lovelace", "Dana Whitfield", "José Núñez", "Sam Lee"]
    );
    assert_eq!(db.found("Analytical"), ["Ada Lovelace"]);
    assert!(db.trash().unwrap().is_empty());
}

#[test]
fn a_person_deleted_by_hand_after_an_import_is_listed_on_their_own() {
    let mut db = store_at("2026-03-02 10:00");
    let file = parsed(vec![
        candidate(2, "Ada Lovelace", ""),
        candidate(3, "Grace Hopper", ""),
    ]);
    db.import(&file, "contacts.vcf", &mut |_, _| true).unwrap();
    let ada = db.people("Ada").unwrap()[0].id;
    db.delete_person(ada).unwrap();
    let trash = db.trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(
        (trash[0].kind, trash[0].title.as_str()),
        (TrashKind::Person, "Ada Lovelace")
    );
}

#[test]
fn an_imported_person_is_found_exactly_as_one_typed_by_hand() {
    let mut db = store_at("2026-03-02 10:00");
    let file = parsed(vec![Candidate {
        title: "Data Engineer".into(),
        email: "grace@navy.example".into(),
        location: "Arlington".into(),
        notes: "Talked about compilers".into(),
        ..candidate(2, "Grace Hopper", "US Navy")
    }]);
    db.import(&file, "x.csv", &mut |_, _| true).unwrap();
    let id = db.people("").unwrap()[0].id;
    let document = |db: &Db| -> Vec<String> {
        db.raw()
            .query_row(
                "SELECT name, organisation, details, notes FROM person_search WHERE rowid = ?1",
                [id],
                |row| Ok(vec![row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?]),
            )
            .unwrap()
    };
    let imported = document(&db);
    // Saving the person unchanged rebuilds the document the ordinary way.
    let person = db.person(id).unwrap();
    db.update_person(
        id,
        &PersonInput {
            title: person.title,
            organisation: person.organisation,
            email: person.email,
            location: person.location,
            tags: person.tags,
            notes: person.notes,
            ..common::person(&person.name)
        },
    )
    .unwrap();
    assert_eq!(imported, document(&db));
    for word in ["Grace", "Navy", "Arlington", "compilers", "linkedin"] {
        assert_eq!(db.found(word), ["Grace Hopper"], "{word}");
    }
}
