//! What the user types is stored as typed, or refused next to its field: control characters
//! (NUL above all, which SQLite's `length()` stops at, so a CHECK constraint used to fail with a
//! raw message), tabs and line breaks where only one line belongs; right-to-left and
//! mixed-direction names stay exactly as typed and are isolated where plain text shows them.

mod common;

use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::reminders::isolate;
use coffeechat_core::Stage;

use common::{expect_invalid, interview_form, person, store_at};

#[test]
fn a_nul_or_another_control_character_is_refused_next_to_its_field_and_nothing_is_stored() {
    let mut db = store_at("2026-05-04 10:00");
    for (input, field) in [
        (person("\0"), "name"),
        (person("Dana\0Whitfield"), "name"),
        (person("Dana\u{1b}[31mWhitfield"), "name"),
        (
            PersonInput {
                organisation: "Acme\u{7}".into(),
                ..person("Dana Whitfield")
            },
            "organisation",
        ),
        (
            PersonInput {
                title: "Lead\tResearcher".into(),
                ..person("Dana Whitfield")
            },
            "title",
        ),
        (
            PersonInput {
                notes: "met at\0the fair".into(),
                ..person("Dana Whitfield")
            },
            "notes",
        ),
    ] {
        let refused = db.add_person(&input);
        let message = format!("{:?}", refused.as_ref().err());
        assert!(!message.contains("CHECK"), "{message}");
        expect_invalid(refused, field);
    }
    assert_eq!(db.count("people"), 0);
}

#[test]
fn tabs_and_line_breaks_in_multi_line_fields_are_kept_as_typed() {
    let mut db = store_at("2026-05-04 10:00");
    let notes = "Asked about:\n\t- the team\r\n\t- the hiring plan";
    let dana = db
        .add_person(&PersonInput {
            notes: notes.into(),
            ..person("Dana Whitfield")
        })
        .unwrap();
    assert_eq!(db.person(dana).unwrap().notes, notes);
    let interview = db.create_interview(dana).unwrap();
    db.save_interview_notes(interview, "One\n\ttwo").unwrap();
    assert_eq!(db.interview(interview).unwrap().notes, "One\n\ttwo");
    expect_invalid(
        db.update_interview(
            interview,
            &InterviewInput {
                place: "Room 1\nRoom 2".into(),
                ..interview_form()
            },
        ),
        "place",
    );
}

#[test]
fn right_to_left_and_mixed_names_are_stored_as_typed_and_isolated_in_plain_text() {
    let mut db = store_at("2026-05-04 10:00");
    let names = [
        "نور حداد",
        "אבי כהן (ACME) 2",
        "Dana \u{2067}שלום\u{2069} Whitfield",
    ];
    for name in names {
        let id = db.add(name);
        assert_eq!(db.person(id).unwrap().name, name);
    }
    assert_eq!(db.found("حداد"), ["نور حداد"]);

    // A thank-you falls due: the tray's label isolates the name, the window gets it as typed.
    let noor = db.people("نور").unwrap()[0].id;
    let interview = db.create_interview(noor).unwrap();
    db.update_interview(
        interview,
        &InterviewInput {
            scheduled_local: Some("2026-05-02T10:00".into()),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(interview, Stage::Scheduled).unwrap();
    db.set_interview_stage(interview, Stage::Done).unwrap();
    let (_, due) = db.due_overview(5).unwrap();
    assert_eq!(due[0].text, "Send your thank-you note to نور حداد");
    assert_eq!(
        due[0].text_with_isolated_name(),
        "Send your thank-you note to \u{2068}نور حداد\u{2069}"
    );
    assert_eq!(isolate("x"), "\u{2068}x\u{2069}");
}
