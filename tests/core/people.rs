//! People: adding, reading, editing and deleting them, and the checks on what the form sends.

mod common;

use coffeechat_core::lookups::Lookup;
use coffeechat_core::people::{PersonInput, NAME_MAX};

use common::{expect_invalid, expect_not_found, person, store_at, utc, Db};

fn full_person() -> PersonInput {
    PersonInput {
        name: "  Dana Whitfield ".into(),
        title: "UX Researcher".into(),
        organisation: " Acme Robotics".into(),
        field: "Design".into(),
        email: "dana.w+cc@mail.example.org".into(),
        phone: "+49 (30) 123-456".into(),
        linkedin_url: "https://www.linkedin.com/in/dana-whitfield".into(),
        location: "Berlin".into(),
        how_met: "Meetup on accessible design".into(),
        referred_by_id: None,
        tags: "research, mentor".into(),
        warm: true,
        notes: "Prefers mornings.\nAsk about research ops.".into(),
    }
}

#[test]
fn a_person_is_stored_with_every_detail_trimmed() {
    let mut db = store_at("2026-05-04 10:00");
    let id = db.add_person(&full_person()).unwrap();
    let dana = db.person(id).unwrap();
    assert_eq!(dana.id, id);
    assert_eq!(dana.name, "Dana Whitfield");
    assert_eq!(dana.title, "UX Researcher");
    assert_eq!(dana.organisation, "Acme Robotics");
    assert_eq!(dana.field, "Design");
    assert_eq!(dana.email, "dana.w+cc@mail.example.org");
    assert_eq!(dana.phone, "+49 (30) 123-456");
    assert_eq!(
        dana.linkedin_url,
        "https://www.linkedin.com/in/dana-whitfield"
    );
    assert_eq!(dana.location, "Berlin");
    assert_eq!(dana.how_met, "Meetup on accessible design");
    assert_eq!(dana.tags, "research, mentor");
    assert!(dana.warm);
    assert_eq!(dana.notes, "Prefers mornings.\nAsk about research ops.");
    assert_eq!(dana.referred_by_id, None);
    assert_eq!(dana.created_at, utc("2026-05-04 10:00"));
    assert_eq!(dana.updated_at, utc("2026-05-04 10:00"));
    assert!(dana.interviews.is_empty());

    let list = db.people("").unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "Dana Whitfield");
    assert_eq!(list[0].organisation, "Acme Robotics");
    assert_eq!(list[0].title, "UX Researcher");
    assert!(list[0].warm);
    assert_eq!(list[0].stage, None);
}

/// Adding `input` (a full person with one thing changed) is refused for `field`, and nothing is
/// written: no person, no organisation, no target field.
fn check_add_refused(db: &mut Db, change: impl FnOnce(&mut PersonInput), field: &str) {
    let mut input = PersonInput {
        organisation: "Brand New Org".into(),
        field: "Brand New Field".into(),
        ..full_person()
    };
    change(&mut input);
    let counts = |db: &Db| {
        [
            db.count("people"),
            db.count("organisations"),
            db.count("target_fields"),
        ]
    };
    let before = counts(db);
    expect_invalid(db.add_person(&input), field);
    assert_eq!(counts(db), before, "something was written for {field}");
}

#[test]
fn what_the_form_sends_is_checked_before_anything_is_written() {
    let mut db = store_at("2026-05-04 10:00");
    let trashed = db.add("Former Contact");
    db.delete_person(trashed).unwrap();

    check_add_refused(&mut db, |p| p.name = String::new(), "name");
    check_add_refused(&mut db, |p| p.name = " \t\n ".into(), "name");
    check_add_refused(&mut db, |p| p.name = "x".repeat(NAME_MAX + 1), "name");
    check_add_refused(&mut db, |p| p.name = "é".repeat(121), "name");
    check_add_refused(&mut db, |p| p.email = "dana@".into(), "email");
    check_add_refused(&mut db, |p| p.email = "dana at example.com".into(), "email");
    check_add_refused(&mut db, |p| p.email = "dana@example".into(), "email");
    check_add_refused(&mut db, |p| p.phone = "call me".into(), "phone");
    check_add_refused(
        &mut db,
        |p| p.linkedin_url = "javascript:alert(1)".into(),
        "linkedin_url",
    );
    check_add_refused(&mut db, |p| p.title = "t".repeat(151), "title");
    check_add_refused(&mut db, |p| p.notes = "n".repeat(20_001), "notes");
    check_add_refused(&mut db, |p| p.referred_by_id = Some(999), "referred_by_id");
    check_add_refused(
        &mut db,
        |p| p.referred_by_id = Some(trashed),
        "referred_by_id",
    );
}

#[test]
fn every_mistake_in_the_form_is_named_at_once_next_to_its_field() {
    let mut db = store_at("2026-05-04 10:00");
    let input = PersonInput {
        name: "  ".into(),
        email: "dana at example.com".into(),
        phone: "call me".into(),
        linkedin_url: "dana-whitfield".into(),
        tags: "t".repeat(301),
        notes: "n".repeat(20_001),
        ..full_person()
    };
    let error = db.add_person(&input).unwrap_err();
    assert_eq!(error.code(), "invalid");
    assert_eq!(
        error.field(),
        Some("name"),
        "the first field is the one to focus"
    );
    let fields: Vec<&str> = error.field_errors().iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        ["name", "email", "phone", "linkedin_url", "tags", "notes"]
    );
    let messages: Vec<String> = error
        .field_errors()
        .into_iter()
        .map(|e| e.message)
        .collect();
    assert_eq!(messages[0], "The name is required.");
    assert!(
        messages[4].starts_with("The tags are too long: 301 characters"),
        "{}",
        messages[4]
    );
    assert!(
        messages[5].starts_with("The notes are too long: 20001 characters"),
        "{}",
        messages[5]
    );
    assert_eq!(db.count("people"), 0, "a refused form wrote a person");

    // One mistake alone is still one error, named as before.
    expect_invalid(
        db.add_person(&PersonInput {
            email: "dana@".into(),
            ..full_person()
        }),
        "email",
    );
}

#[test]
fn a_linkedin_address_typed_without_https_is_stored_in_full() {
    let mut db = store_at("2026-05-04 10:00");
    for (typed, stored) in [
        ("linkedin.com/in/dana", "https://www.linkedin.com/in/dana"),
        (
            "www.linkedin.com/in/dana",
            "https://www.linkedin.com/in/dana",
        ),
        (
            " LinkedIn.com/in/Dana-W ",
            "https://www.linkedin.com/in/Dana-W",
        ),
        (
            "WWW.LINKEDIN.COM/in/dana/",
            "https://www.linkedin.com/in/dana/",
        ),
        (
            "https://www.linkedin.com/in/dana",
            "https://www.linkedin.com/in/dana",
        ),
        ("http://linkedin.com/in/dana", "http://linkedin.com/in/dana"),
        ("", ""),
    ] {
        let id = db
            .add_person(&PersonInput {
                linkedin_url: typed.into(),
                ..full_person()
            })
            .unwrap_or_else(|e| panic!("{typed:?} was refused: {e}"));
        assert_eq!(db.person(id).unwrap().linkedin_url, stored, "{typed:?}");
    }
    for refused in [
        "dana-whitfield",
        "linkedin.com /in/dana",
        "javascript:alert(1)",
    ] {
        expect_invalid(
            db.add_person(&PersonInput {
                linkedin_url: refused.into(),
                ..full_person()
            }),
            "linkedin_url",
        );
    }
}

#[test]
fn names_up_to_the_limit_are_accepted() {
    let mut db = store_at("2026-05-04 10:00");
    let long = "é".repeat(NAME_MAX);
    let id = db.add(&long);
    assert_eq!(db.person(id).unwrap().name, long);
}

#[test]
fn markup_is_stored_and_returned_literally() {
    let mut db = store_at("2026-05-04 10:00");
    let markup = "<img src=x onerror=alert(1)>";
    let notes = "<script>alert(\"hi\")</script> & 'quotes' -- ; DROP TABLE people;";
    let id = db
        .add_person(&PersonInput {
            organisation: "<b>Acme</b>".into(),
            notes: notes.into(),
            ..person(markup)
        })
        .unwrap();
    let stored = db.person(id).unwrap();
    assert_eq!(stored.name, markup);
    assert_eq!(stored.organisation, "<b>Acme</b>");
    assert_eq!(stored.notes, notes);
    assert_eq!(db.found(""), [markup]);
    assert_eq!(db.found("onerror"), [markup]);
    assert_eq!(db.count("people"), 1);
}

#[test]
fn an_edit_replaces_the_details() {
    let mut db = store_at("2026-05-04 10:00");
    let id = db.add_person(&full_person()).unwrap();
    db.set_now("2026-05-06 08:30");
    db.update_person(
        id,
        &PersonInput {
            name: "Dana Whitfield-Ng".into(),
            organisation: "Globex".into(),
            email: String::new(),
            warm: false,
            ..full_person()
        },
    )
    .unwrap();
    let dana = db.person(id).unwrap();
    assert_eq!(dana.name, "Dana Whitfield-Ng");
    assert_eq!(dana.organisation, "Globex");
    assert_eq!(dana.email, "");
    assert!(!dana.warm);
    assert_eq!(dana.created_at, utc("2026-05-04 10:00"));
    assert_eq!(dana.updated_at, utc("2026-05-06 08:30"));
    assert_eq!(
        db.names(Lookup::Organisations).unwrap(),
        ["Acme Robotics", "Globex"]
    );
}

#[test]
fn an_organisation_typed_in_another_case_is_the_same_organisation() {
    let mut db = store_at("2026-05-04 10:00");
    db.add_at("Dana Whitfield", "Acme Robotics");
    let sam = db.add_at("Sam Ortiz", "ACME robotics");
    assert_eq!(db.person(sam).unwrap().organisation, "Acme Robotics");
    assert_eq!(db.names(Lookup::Organisations).unwrap(), ["Acme Robotics"]);
}

#[test]
fn a_refused_edit_leaves_the_person_as_they_were() {
    let mut db = store_at("2026-05-04 10:00");
    let id = db.add_person(&full_person()).unwrap();
    let before = serde_json::to_value(db.person(id).unwrap()).unwrap();
    let rows = |db: &Db| [db.count("organisations"), db.count("target_fields")];
    let rows_before = rows(&db);
    db.set_now("2026-05-06 08:30");

    let edit = || PersonInput {
        name: "Dana W.".into(),
        organisation: "Globex".into(),
        field: "Product".into(),
        ..full_person()
    };
    let refused = [
        (
            PersonInput {
                referred_by_id: Some(999),
                ..edit()
            },
            "referred_by_id",
        ),
        (
            PersonInput {
                referred_by_id: Some(id),
                ..edit()
            },
            "referred_by_id",
        ),
        (
            PersonInput {
                email: "not-an-address".into(),
                ..edit()
            },
            "email",
        ),
        (
            PersonInput {
                name: String::new(),
                ..edit()
            },
            "name",
        ),
    ];
    for (input, field) in refused {
        expect_invalid(db.update_person(id, &input), field);
        assert_eq!(
            serde_json::to_value(db.person(id).unwrap()).unwrap(),
            before,
            "{field}"
        );
        assert_eq!(rows(&db), rows_before, "{field}");
        assert!(db.found("globex").is_empty(), "{field}");
    }
}

#[test]
fn a_person_cannot_refer_themselves() {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add("Dana Whitfield");
    expect_invalid(
        db.update_person(
            dana,
            &PersonInput {
                referred_by_id: Some(dana),
                ..person("Dana Whitfield")
            },
        ),
        "referred_by_id",
    );
    assert_eq!(db.person(dana).unwrap().referred_by_id, None);
}

/// Adds Dana Whitfield, and Sam Ortiz referred by her; returns their ids.
fn dana_and_her_referral(db: &mut Db) -> (i64, i64) {
    let dana = db.add("Dana Whitfield");
    let sam = db
        .add_person(&PersonInput {
            referred_by_id: Some(dana),
            ..person("Sam Ortiz")
        })
        .unwrap();
    (dana, sam)
}

#[test]
fn a_referral_names_who_referred_them() {
    let mut db = store_at("2026-05-04 10:00");
    let (dana, sam) = dana_and_her_referral(&mut db);
    let stored = db.person(sam).unwrap();
    assert_eq!(stored.referred_by_id, Some(dana));
    assert_eq!(stored.referred_by_name.as_deref(), Some("Dana Whitfield"));

    // While Dana is in the trash her name is not shown, and she comes back with it.
    db.delete_person(dana).unwrap();
    assert_eq!(db.person(sam).unwrap().referred_by_name, None);
    db.restore(coffeechat_core::trash::TrashKind::Person, dana)
        .unwrap();
    assert_eq!(
        db.person(sam).unwrap().referred_by_name.as_deref(),
        Some("Dana Whitfield")
    );
}

#[test]
fn someone_referred_by_a_person_in_the_trash_can_still_be_edited() {
    let mut db = store_at("2026-05-04 10:00");
    let (dana, sam) = dana_and_her_referral(&mut db);
    db.delete_person(dana).unwrap();

    // The person form sends back the referrer it was given, unchanged.
    let mut form = PersonInput {
        phone: "+1 555 0100".into(),
        referred_by_id: db.person(sam).unwrap().referred_by_id,
        ..person("Sam Ortiz")
    };
    db.update_person(sam, &form).unwrap();
    assert_eq!(db.person(sam).unwrap().phone, "+1 555 0100");

    // A new link to someone in the trash is still refused.
    let lee = db.add("Lee Park");
    form.referred_by_id = Some(dana);
    expect_invalid(db.update_person(lee, &form), "referred_by_id");
}

#[test]
fn a_person_who_does_not_exist_or_is_in_the_trash_is_not_found() {
    let mut db = store_at("2026-05-04 10:00");
    expect_not_found(db.person(42), "person");
    expect_not_found(db.update_person(42, &person("Dana")), "person");
    expect_not_found(db.delete_person(42), "person");

    let dana = db.add("Dana Whitfield");
    db.delete_person(dana).unwrap();
    expect_not_found(db.person(dana), "person");
    expect_not_found(db.update_person(dana, &person("Dana W.")), "person");
    expect_not_found(db.delete_person(dana), "person");
    expect_not_found(db.create_interview(dana), "person");
    assert!(db.found("").is_empty());
    assert_eq!(db.count("people WHERE name = 'Dana W.'"), 0);
}

#[test]
fn the_list_shows_each_persons_latest_stage() {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add("Dana Whitfield");
    let first = db.create_interview(dana).unwrap();
    db.set_interview_stage(first, coffeechat_core::Stage::Declined)
        .unwrap();
    db.set_now("2026-05-05 10:00");
    let second = db.create_interview(dana).unwrap();
    db.move_interview(second, coffeechat_core::stage::Direction::Forward)
        .unwrap();
    let list = db.people("").unwrap();
    assert_eq!(
        list[0].stage,
        Some(coffeechat_core::Stage::ConnectionRequested)
    );
    let page = db.person(dana).unwrap();
    let ids: Vec<i64> = page.interviews.iter().map(|i| i.id).collect();
    assert_eq!(ids, [second, first], "newest first");
}
