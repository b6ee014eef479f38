//! Exports on a real SQLite file: the full JSON backup and its exact restore (and the files a
//! restore refuses, leaving the data untouched), CSV for spreadsheets, and iCalendar files for
//! calendar apps.
//!
//! The user's zone here is UTC+2: 14:30 local is 12:30 UTC.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use coffeechat_core::after::{Card, InsightCategory, Referral};
use coffeechat_core::drafts::{MessageEdit, Profile};
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::prep::Prep;
use coffeechat_core::questions::PrepareQuestion;
use coffeechat_core::reminder_rules::Snooze;
use coffeechat_core::reminders::ReminderKind;
use coffeechat_core::settings::Settings;
use coffeechat_core::stage::Stage;
use coffeechat_core::store::schema_version;
use coffeechat_core::templates::{default_template, Template, TemplateKind};
use coffeechat_core::trash::TrashKind;
use coffeechat_core::Error;
use serde_json::Value;

use common::{expect_invalid, expect_not_found, interview_form, person, store_at, Db};

// --- A realistic data file ----------------------------------------------------------------

/// The ids of what [`realistic`] made.
struct Ids {
    dana: i64,
    sam: i64,
    /// Dana's interview, scheduled for Tue 12 May 2026 at 14:30 local.
    dana_interview: i64,
    /// Sam's interview, held on 4 May (done, with a tip and an insight).
    sam_interview: i64,
    /// Lee's request, waiting for a reply.
    lee_requested: i64,
    /// An interview with Lee that is in the trash.
    trashed_interview: i64,
}

/// A video link long enough that its calendar line must be folded.
const MEET_LINK: &str = "https://meet.example.com/j/1234567890?pwd=abcdefghijklmnopqrstuvwxyz0123456789&name=informational-interview";

/// Sam's name holds a comma and a line break; his organisation a semicolon and a comma.
const SAM: &str = "Whitfield, Jr.\nSam";
/// Sam's name as the person form takes it: on one line.
const SAM_TYPED: &str = "Whitfield, Jr. Sam";
const GLOBEX: &str = "Globex; Research, Labs";

/// A user's data after a few weeks: people (one referred, one in the trash), interviews in
/// several stages (scheduled, done, requested, declined, one in the trash), prepared questions
/// and an answer, a tip, an insight, a business card, a contact, reminders (one snoozed),
/// settings and a template changed, a question of their own and a built-in one archived.
/// The clock ends on Tue 5 May 2026 at 10:00 UTC.
fn realistic() -> (Db, Ids) {
    let mut db = store_at("2026-05-04 08:00");
    db.update_settings(&Settings {
        default_planned_minutes: 30,
        keep_in_touch_days: 60,
        holidays: vec![NaiveDate::from_ymd_opt(2026, 5, 14).unwrap()],
        ..Settings::default()
    })
    .unwrap();
    db.update_profile(&Profile {
        my_name: "Alex Rivera".into(),
        background: "eight years of teaching".into(),
    })
    .unwrap();
    let thank_you = default_template(TemplateKind::ThankYou);
    db.save_template(
        TemplateKind::ThankYou,
        &Template {
            subject: "Thanks, {{first_name}}!".into(),
            body: format!("{}\n\nP.S. The coffee was great.", thank_you.body),
        },
    )
    .unwrap();
    db.add_bank_question("What does a junior earn here?", "money")
        .unwrap();
    let last_builtin = db.question_bank().unwrap()[7].id;
    db.archive_bank_question(last_builtin).unwrap();

    let dana = db
        .add_person(&PersonInput {
            title: "Head of UX Research".into(),
            organisation: "Acme".into(),
            field: "UX research".into(),
            email: "dana@acme.example".into(),
            phone: "+49 30 1234567".into(),
            linkedin_url: "https://www.linkedin.com/in/dana".into(),
            location: "Berlin".into(),
            how_met: "Meetup, January".into(),
            tags: "ux, mentor".into(),
            notes: "Likes \"direct\" questions;\nprefers mornings.".into(),
            ..person("Dana Whitfield")
        })
        .unwrap();
    let sam = db
        .add_person(&PersonInput {
            title: "@handle".into(),
            organisation: GLOBEX.into(),
            how_met: "-met at a fair".into(),
            referred_by_id: Some(dana),
            notes: "=cmd|' /C calc'!A0".into(),
            ..person(SAM_TYPED)
        })
        .unwrap();
    // The form keeps names on one line, but a data file from before it did (or an edit in a
    // database viewer) may hold a line break: exports must carry it through.
    db.raw()
        .execute("UPDATE people SET name = ?2 WHERE id = ?1", (sam, SAM))
        .unwrap();
    let lee = db.add_at("Lee Park", "Initech");
    let gone = db.add("Morgan Gone");

    let dana_interview = db.create_interview(dana).unwrap();
    db.update_interview(
        dana_interview,
        &InterviewInput {
            field: "UX research".into(),
            scheduled_local: Some("2026-05-12T14:30".into()),
            medium: "Video call".into(),
            place: MEET_LINK.into(),
            notes: "Ask about the team.".into(),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(dana_interview, Stage::Scheduled)
        .unwrap();
    let first_bank = db.question_bank().unwrap()[0].clone();
    db.prepare_question(
        dana_interview,
        &PrepareQuestion {
            question_id: Some(first_bank.id),
            text: String::new(),
        },
    )
    .unwrap();
    db.prepare_question(
        dana_interview,
        &PrepareQuestion {
            question_id: None,
            text: "How do you, as a lead; pick research methods?".into(),
        },
    )
    .unwrap();
    db.update_prep(
        dana_interview,
        &Prep {
            resume_ready: true,
            dress: false,
            opening_line: "I'm here to learn, not to ask for a job.".into(),
            resume_version: "UX, May".into(),
        },
    )
    .unwrap();

    let sam_interview = db.create_interview(sam).unwrap();
    db.update_interview(
        sam_interview,
        &InterviewInput {
            scheduled_local: Some("2026-05-04T11:00".into()),
            planned_minutes: 45,
            medium: "Coffee".into(),
            place: "Café Central, Room 4; 2nd floor".into(),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(sam_interview, Stage::Scheduled)
        .unwrap();
    let asked = db
        .prepare_question(
            sam_interview,
            &PrepareQuestion {
                question_id: None,
                text: "What surprised you?".into(),
            },
        )
        .unwrap();
    db.set_now("2026-05-04 09:00");
    db.start_live(sam_interview).unwrap();
    db.answer_question(asked, true, "How much of the job is writing.")
        .unwrap();
    db.set_now("2026-05-04 09:50");
    db.end_live(sam_interview).unwrap();
    db.add_tip(
        sam_interview,
        "Read 'Just Enough Research'",
        Some("2026-05-20T09:00"),
    )
    .unwrap();
    let done_tip = db
        .add_tip(sam_interview, "Join the guild's mailing list", None)
        .unwrap();
    db.complete_tip(done_tip).unwrap();
    db.add_insight(
        sam_interview,
        InsightCategory::Advice,
        "Join the local research guild",
    )
    .unwrap();
    // A thank-you note the user rewrote, and the request's subject: kept with the interview.
    db.save_message(
        sam_interview,
        TemplateKind::ThankYou,
        &MessageEdit {
            subject: Some("Thank you, Sam!".into()),
            body: Some("Hi Sam,\n\nThe guild tip was spot on.\n\nAlex".into()),
        },
    )
    .unwrap();
    db.save_message(
        dana_interview,
        TemplateKind::Request,
        &MessageEdit {
            subject: Some("A question from the January meetup".into()),
            body: None,
        },
    )
    .unwrap();
    db.capture_card(
        sam_interview,
        &Card {
            email: "sam@globex.example".into(),
            ..Card::default()
        },
    )
    .unwrap();
    db.set_resume_asked(sam_interview, Some(false), "").unwrap();
    db.add_referral(
        sam_interview,
        &Referral {
            name: "Kim Lopez".into(),
            organisation: "Umbrella".into(),
            note: "Say Sam sent you.".into(),
        },
    )
    .unwrap();
    let thank_you_reminder = db.open_reminder_id(ReminderKind::ThankYou);
    db.snooze_reminder(thank_you_reminder, Snooze::TomorrowMorning)
        .unwrap();

    let lee_requested = db.create_interview(lee).unwrap();
    db.set_interview_stage(lee_requested, Stage::InterviewRequested)
        .unwrap();
    let declined = db.create_interview(lee).unwrap();
    db.set_interview_stage(declined, Stage::Declined).unwrap();
    let trashed_interview = db.create_interview(lee).unwrap();
    db.delete_interview(trashed_interview).unwrap();
    db.create_interview(gone).unwrap();
    db.delete_person(gone).unwrap();
    db.log_contact(dana, "Sent an article").unwrap();

    db.set_now("2026-05-05 10:00");
    let ids = Ids {
        dana,
        sam,
        dana_interview,
        sam_interview,
        lee_requested,
        trashed_interview,
    };
    (db, ids)
}

// --- JSON backup --------------------------------------------------------------------------

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap()
}

/// An export without the moment it was made: what must be equal between two exports.
fn without_time(json: &str) -> Value {
    let mut value = parse(json);
    value.as_object_mut().unwrap().remove("exported_at");
    value
}

#[track_caller]
fn expect_bad_file<T: std::fmt::Debug>(result: coffeechat_core::Result<T>, words: &[&str]) {
    match result {
        Err(error @ Error::BadFile(_)) => {
            assert_eq!(error.code(), "bad_file");
            let message = error.to_string();
            for word in words {
                assert!(message.contains(word), "{word:?} missing from: {message}");
            }
        }
        other => panic!("expected a refused file, got {other:?}"),
    }
}

#[test]
fn a_json_backup_restores_exactly_into_an_empty_data_file() {
    let (db, ids) = realistic();
    let exported = db.export_json().unwrap();

    let mut restored = store_at("2026-06-01 12:00");
    let summary = restored.import_json(&exported).unwrap();
    assert_eq!(
        (summary.people, summary.interviews, summary.in_trash),
        (5, 7, 2)
    );
    assert_eq!(summary.questions, 9, "eight built in and one of the user's");
    assert_eq!(summary.rows["people"], 5);
    assert_eq!(summary.reminders as i64, db.count("reminders"));

    let again = restored.export_json().unwrap();
    assert_ne!(
        parse(&again)["exported_at"],
        parse(&exported)["exported_at"]
    );
    assert_eq!(without_time(&again), without_time(&exported));

    // What the user sees is the same, down to the search index, which was rebuilt.
    assert_eq!(restored.found(""), db.found(""));
    assert_eq!(restored.found("guild"), [SAM]);
    assert_eq!(restored.found("Globex"), [SAM]);
    assert_eq!(restored.settings().unwrap(), db.settings().unwrap());
    assert_eq!(restored.templates().unwrap(), db.templates().unwrap());
    assert_eq!(restored.profile().unwrap().my_name, "Alex Rivera");
    let bank = |d: &Db| -> Vec<String> {
        d.question_bank()
            .unwrap()
            .into_iter()
            .map(|q| q.text)
            .collect()
    };
    assert_eq!(bank(&restored), bank(&db));
    let interview = restored.interview(ids.sam_interview).unwrap();
    assert_eq!(
        interview.questions[0].answer,
        "How much of the job is writing."
    );
    assert_eq!(interview.actual_minutes, Some(50));
    assert!(interview.person_warm);
    let thanks = restored
        .draft(ids.sam_interview, TemplateKind::ThankYou)
        .unwrap();
    assert_eq!(
        (thanks.subject.as_str(), thanks.body.as_str()),
        (
            "Thank you, Sam!",
            "Hi Sam,\n\nThe guild tip was spot on.\n\nAlex"
        )
    );
    let trash: Vec<(TrashKind, i64)> = restored
        .trash()
        .unwrap()
        .iter()
        .map(|item| (item.kind, item.id))
        .collect();
    assert!(trash.contains(&(TrashKind::Interview, ids.trashed_interview)));
    assert!(trash.iter().any(|(kind, _)| *kind == TrashKind::Person));
}

#[test]
fn the_backup_holds_every_table_and_row_but_not_the_search_index() {
    let (db, ids) = realistic();
    let export = parse(&db.export_json().unwrap());
    assert_eq!(export["format"], "coffeechat-export");
    assert_eq!(export["version"], 1);
    assert_eq!(
        export["schema_version"],
        coffeechat_core::store::schema_version()
    );
    assert_eq!(export["exported_at"], "2026-05-05T10:00:00Z");

    let tables: Vec<&str> = export["tables"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for table in [
        "contacts",
        "import_batches",
        "insights",
        "interview_events",
        "interview_questions",
        "interviews",
        "organisations",
        "people",
        "questions",
        "reminders",
        "settings",
        "target_fields",
        "templates",
        "tips",
    ] {
        assert!(tables.contains(&table), "{table} missing from {tables:?}");
    }
    assert!(
        !tables.iter().any(|t| t.starts_with("person_search")),
        "{tables:?}"
    );
    assert!(!tables.iter().any(|t| t.starts_with("sqlite_")));

    // Rows in id order, trash included, each value with its own JSON type.
    let people = export["tables"]["people"].as_array().unwrap();
    let people_ids: Vec<i64> = people.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert!(people_ids.windows(2).all(|w| w[0] < w[1]), "{people_ids:?}");
    assert_eq!(people.len() as i64, db.count("people"));
    let dana = &people[0];
    assert_eq!(dana["id"], ids.dana);
    assert_eq!(dana["name"], "Dana Whitfield");
    assert_eq!(dana["warm"], 0);
    assert_eq!(dana["deleted_at"], Value::Null);
    assert_eq!(
        dana["notes"],
        "Likes \"direct\" questions;\nprefers mornings."
    );
    assert!(people
        .iter()
        .any(|p| p["name"] == "Morgan Gone" && p["deleted_at"].is_string()));
    let sam = &people[1];
    assert_eq!(sam["referred_by_id"], ids.dana);
    assert_eq!(sam["warm"], 1);

    let settings = export["tables"]["settings"].as_array().unwrap();
    let keys: Vec<&str> = settings
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted, "a table without rowid is in key order");
    assert!(settings
        .iter()
        .any(|s| s["key"] == "default_planned_minutes" && s["value"] == "30"));
}

#[test]
fn a_restore_into_a_data_file_with_people_is_refused_and_changes_nothing() {
    let (db, _) = realistic();
    let backup = db.export_json().unwrap();

    let mut busy = store_at("2026-06-01 12:00");
    busy.add("Someone Else");
    let before = busy.export_json().unwrap();
    expect_bad_file(
        busy.import_json(&backup),
        &["empty data file", "Restore a backup under Backups"],
    );
    assert_eq!(busy.export_json().unwrap(), before);

    // Someone in the trash counts too: restoring would bring back clashing ids.
    let mut trashed = store_at("2026-06-01 12:00");
    let someone = trashed.add("Someone Else");
    trashed.delete_person(someone).unwrap();
    let before = trashed.export_json().unwrap();
    expect_bad_file(trashed.import_json(&backup), &["empty data file"]);
    assert_eq!(trashed.export_json().unwrap(), before);
}

#[test]
fn files_that_are_not_backups_are_refused_and_change_nothing() {
    let mut target = store_at("2026-06-01 12:00");
    let before = target.export_json().unwrap();
    let cases: [(&str, &[&str]); 8] = [
        ("", &["not valid JSON"]),
        ("Name,E-mail\r\nDana,dana@acme.example", &["not valid JSON"]),
        ("[1, 2]", &["not a Coffee Chat export"]),
        (
            r#"{"format": "other-app", "version": 1}"#,
            &["not a Coffee Chat export"],
        ),
        (
            r#"{"format": "coffeechat-export", "schema_version": SCHEMA, "tables": {}}"#,
            &["damaged", "version"],
        ),
        (
            r#"{"format": "coffeechat-export", "version": 1, "schema_version": SCHEMA}"#,
            &["damaged", "no tables"],
        ),
        (
            r#"{"format": "coffeechat-export", "version": 1, "schema_version": SCHEMA,
                "tables": {"people": "Dana"}}"#,
            &["damaged", "people"],
        ),
        (
            r#"{"format": "coffeechat-export", "version": 1, "schema_version": SCHEMA,
                "tables": {"people": []}}"#,
            &["damaged", "missing"],
        ),
    ];
    // Files of this build's schema, where every table must be there.
    for (file, words) in cases {
        let file = file.replace("SCHEMA", &schema_version().to_string());
        expect_bad_file(target.import_json(&file), words);
    }
    assert_eq!(target.export_json().unwrap(), before);
    assert_eq!(target.question_bank().unwrap().len(), 8);
}

#[test]
fn a_backup_from_a_newer_version_is_refused_and_changes_nothing() {
    let (db, _) = realistic();
    let backup = parse(&db.export_json().unwrap());
    let mut target = store_at("2026-06-01 12:00");
    let before = target.export_json().unwrap();

    let mut newer_format = backup.clone();
    newer_format["version"] = 2.into();
    expect_bad_file(
        target.import_json(&newer_format.to_string()),
        &["newer version", "Install the newer version"],
    );
    let mut newer_schema = backup;
    newer_schema["schema_version"] = (coffeechat_core::store::schema_version() + 1).into();
    expect_bad_file(
        target.import_json(&newer_schema.to_string()),
        &["newer version"],
    );
    assert_eq!(target.export_json().unwrap(), before);
}

/// Restores `backup` changed by `edit` into a new, empty data file and expects it refused with
/// a message holding `words`, and nothing written: not even the built-in questions replaced.
#[track_caller]
fn expect_refused_edit(backup: &Value, edit: impl FnOnce(&mut Value), words: &[&str]) {
    let mut file = backup.clone();
    edit(&mut file);
    let mut target = store_at("2026-06-01 12:00");
    let before = target.export_json().unwrap();
    expect_bad_file(target.import_json(&file.to_string()), words);
    assert_eq!(target.export_json().unwrap(), before);
    assert_eq!(target.count("people"), 0);
}

#[test]
fn a_value_of_the_wrong_type_is_refused_naming_its_table_and_column() {
    let (db, _) = realistic();
    let backup = parse(&db.export_json().unwrap());
    expect_refused_edit(
        &backup,
        |f| f["tables"]["people"][1]["warm"] = "yes".into(),
        &["row 2 of \"people\"", "\"warm\"", "whole number", "\"yes\""],
    );
    expect_refused_edit(
        &backup,
        |f| f["tables"]["interviews"][0]["planned_minutes"] = "20".into(),
        &["\"interviews\"", "\"planned_minutes\""],
    );
    expect_refused_edit(
        &backup,
        |f| f["tables"]["people"][0]["name"] = 42.into(),
        &["\"people\"", "\"name\"", "text"],
    );
    expect_refused_edit(
        &backup,
        |f| f["tables"]["people"][0]["name"] = Value::Null,
        &["\"people\"", "\"name\""],
    );
    expect_refused_edit(
        &backup,
        |f| f["tables"]["tips"][0]["interview_id"] = 1.5.into(),
        &["\"tips\"", "\"interview_id\""],
    );
    expect_refused_edit(
        &backup,
        |f| {
            f["tables"]["people"][0]
                .as_object_mut()
                .unwrap()
                .remove("name");
        },
        &["row 1 of \"people\" has no \"name\""],
    );
}

#[test]
fn rows_that_break_the_data_file_rules_are_refused_and_nothing_is_written() {
    let (db, _) = realistic();
    let backup = parse(&db.export_json().unwrap());
    expect_refused_edit(
        &backup,
        |f| f["tables"]["interviews"][0]["person_id"] = 9999.into(),
        &["\"interviews\"", "\"people\"", "not in the file"],
    );
    expect_refused_edit(
        &backup,
        |f| {
            let first = f["tables"]["people"][0]["id"].clone();
            f["tables"]["people"][1]["id"] = first;
        },
        &["row 2 of \"people\"", "breaks a rule"],
    );
    expect_refused_edit(
        &backup,
        |f| f["tables"]["interviews"][0]["planned_minutes"] = 1000.into(),
        &["\"interviews\"", "breaks a rule"],
    );
    // A file of this very schema with a column or table it does not have was edited by hand.
    expect_refused_edit(
        &backup,
        |f| f["tables"]["people"][0]["nickname"] = "Dee".into(),
        &["\"nickname\""],
    );
    expect_refused_edit(
        &backup,
        |f| f["tables"]["hobbies"] = Value::Array(Vec::new()),
        &["\"hobbies\""],
    );
}

#[test]
fn a_backup_of_an_older_schema_restores_with_defaults_for_what_it_lacks() {
    let (db, _) = realistic();
    let mut backup = parse(&db.export_json().unwrap());
    // Schema 4 had no import batches, and people had no source: as an older export was written.
    backup["schema_version"] = 4.into();
    let tables = backup["tables"].as_object_mut().unwrap();
    tables.remove("import_batches");
    for person in tables["people"].as_array_mut().unwrap() {
        let person = person.as_object_mut().unwrap();
        person.remove("source");
        person.remove("import_batch_id");
        // A column a later version dropped is left out, not refused.
        person.insert("retired_column".into(), "old".into());
    }

    let mut target = store_at("2026-06-01 12:00");
    let summary = target.import_json(&backup.to_string()).unwrap();
    assert_eq!(summary.people, 5);
    assert!(!summary.rows.contains_key("import_batches"));
    let restored = parse(&target.export_json().unwrap());
    for person in restored["tables"]["people"].as_array().unwrap() {
        assert_eq!(person["source"], "");
        assert_eq!(person["import_batch_id"], Value::Null);
        assert!(person.get("retired_column").is_none());
    }
    assert_eq!(target.found("Whitfield").len(), 2);
}

#[test]
fn a_value_json_cannot_hold_stops_the_export_with_a_message() {
    let (db, ids) = realistic();
    db.raw()
        .execute(
            "UPDATE people SET notes = x'00ff' WHERE id = ?1",
            [ids.dana],
        )
        .unwrap();
    let error = db.export_json().unwrap_err();
    assert_eq!(error.code(), "invalid");
    assert!(error.to_string().contains("people.notes"), "{error}");
}

// --- CSV ----------------------------------------------------------------------------------

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The rows of a CSV export as a spreadsheet reads them, after checking it starts with the
/// byte-order mark; the first row is the header.
fn spreadsheet(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(BOM).expect("a UTF-8 byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The row whose first cell is `first`.
fn row<'a>(rows: &'a [Vec<String>], first: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == first)
        .unwrap_or_else(|| panic!("no row for {first:?}"))
}

#[test]
fn people_csv_opens_in_a_spreadsheet_with_every_value_and_nothing_that_runs() {
    let (db, _) = realistic();
    let bytes = db.export_people_csv().unwrap();
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    assert!(text.starts_with(
        "Name,Title,Organisation,Field,E-mail,Phone,LinkedIn,Location,How we met,Referred by,\
         Tags,Warm contact,Notes,Source,Added\r\n"
    ));
    assert!(text.ends_with("\r\n"));
    assert!(
        text.contains("\"Whitfield, Jr.\nSam\""),
        "a name with a comma and a line break is quoted"
    );

    let rows = spreadsheet(&bytes);
    assert_eq!(rows[0].len(), 15);
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["Dana Whitfield", "Kim Lopez", "Lee Park", SAM],
        "by name, without the person in the trash"
    );
    assert_eq!(
        row(&rows, "Dana Whitfield"),
        [
            "Dana Whitfield",
            "Head of UX Research",
            "Acme",
            "UX research",
            "dana@acme.example",
            "'+49 30 1234567",
            "https://www.linkedin.com/in/dana",
            "Berlin",
            "Meetup, January",
            "",
            "ux, mentor",
            "no",
            "Likes \"direct\" questions;\nprefers mornings.",
            "Added by hand",
            "2026-05-04 10:00",
        ]
    );
    let sam = row(&rows, SAM);
    assert_eq!(sam[1], "'@handle");
    assert_eq!(sam[2], GLOBEX);
    assert_eq!(sam[4], "sam@globex.example", "from the business card");
    assert_eq!(sam[8], "'-met at a fair");
    assert_eq!(sam[9], "Dana Whitfield");
    assert_eq!(sam[11], "yes", "50 minutes made them warm");
    assert_eq!(sam[12], "'=cmd|' /C calc'!A0");
    assert_eq!(row(&rows, "Kim Lopez")[9], SAM, "referred by Sam");
}

#[test]
fn interviews_csv_says_stages_in_words_and_times_in_the_users_zone() {
    let (db, _) = realistic();
    let bytes = db.export_interviews_csv().unwrap();
    let rows = spreadsheet(&bytes);
    assert_eq!(
        rows[0],
        [
            "Person",
            "Organisation",
            "Field",
            "Stage",
            "Requested on",
            "Scheduled for",
            "Medium",
            "Place",
            "Planned minutes",
            "Real minutes",
            "Thank-you sent",
            "Notes",
        ]
    );
    let summary: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("Dana Whitfield", "Scheduled"),
            ("Kim Lopez", "Identified"),
            ("Lee Park", "Interview requested"),
            ("Lee Park", "Declined"),
            (SAM, "Done"),
        ],
        "neither the interview in the trash nor that of the person in the trash"
    );
    assert_eq!(
        rows[1],
        [
            "Dana Whitfield",
            "Acme",
            "UX research",
            "Scheduled",
            "",
            "2026-05-12 14:30",
            "Video call",
            MEET_LINK,
            "20",
            "",
            "",
            "Ask about the team.",
        ]
    );
    assert_eq!(rows[3][4], "2026-05-04", "the day the request went out");
    let sam = &rows[5];
    assert_eq!(sam[1], GLOBEX);
    assert_eq!(sam[5], "2026-05-04 11:00");
    assert_eq!(sam[7], "Café Central, Room 4; 2nd floor");
    assert_eq!((sam[8].as_str(), sam[9].as_str()), ("45", "50"));
    assert_eq!(rows[2][8], "30", "the default length from Settings");
}

// --- iCalendar ----------------------------------------------------------------------------

/// The content lines of a calendar, unfolded as RFC 5545 §3.1 says, after checking that every
/// line ends in CRLF and no physical line is longer than 75 octets.
fn content_lines(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "bare line breaks"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
    }
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A TEXT value as it was before escaping.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Each VEVENT as its properties (name → raw value, still escaped), in file order.
fn events(ics: &str) -> Vec<BTreeMap<String, String>> {
    let mut events = Vec::new();
    let mut current: Option<BTreeMap<String, String>> = None;
    for line in content_lines(ics) {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(BTreeMap::new()),
            "END:VEVENT" => events.push(current.take().expect("an open event")),
            _ => {
                if let Some(event) = current.as_mut() {
                    let (name, value) = line.split_once(':').expect("a property");
                    let name = name.split(';').next().unwrap();
                    event.insert(name.to_owned(), value.to_owned());
                }
            }
        }
    }
    assert!(current.is_none(), "an event is not closed");
    events
}

fn uids(events: &[BTreeMap<String, String>]) -> Vec<String> {
    events.iter().map(|e| e["UID"].clone()).collect()
}

#[test]
fn the_calendar_holds_scheduled_interviews_and_open_reminders_in_utc() {
    let (db, ids) = realistic();
    let ics = db.export_ics().unwrap();
    let lines = content_lines(&ics);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0".to_owned()));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("PRODID:") && l.contains("Coffee Chat")));

    let events = events(&ics);
    let interviews: Vec<&BTreeMap<String, String>> = events
        .iter()
        .filter(|e| e["UID"].starts_with("interview-"))
        .collect();
    assert_eq!(
        interviews.len(),
        1,
        "only the scheduled interview: {events:?}"
    );
    let dana = interviews[0];
    assert_eq!(
        dana["UID"],
        format!("interview-{}@coffeechat.desktop", ids.dana_interview)
    );
    assert_eq!(
        dana["DTSTART"], "20260512T123000Z",
        "14:30 local is 12:30 UTC"
    );
    assert_eq!(dana["DTEND"], "20260512T125000Z", "twenty minutes planned");
    assert_eq!(dana["DTSTAMP"], "20260505T100000Z");
    assert_eq!(
        unescape(&dana["SUMMARY"]),
        "Informational interview with Dana Whitfield (Acme)"
    );
    assert_eq!(unescape(&dana["LOCATION"]), MEET_LINK);
    assert_eq!(
        unescape(&dana["DESCRIPTION"]),
        format!(
            "How: Video call\nWhere: {MEET_LINK}\n\nYour questions:\n\
             1. How did you get started in this field?\n\
             2. How do you, as a lead; pick research methods?"
        )
    );

    // Every open reminder, due or upcoming, as a 15-minute slot at its (snoozed) time.
    let mut open = db.due_reminders().unwrap();
    open.extend(db.upcoming_reminders(1000).unwrap());
    assert!(open.len() >= 3, "{open:?}");
    let reminders: Vec<&BTreeMap<String, String>> = events
        .iter()
        .filter(|e| e["UID"].starts_with("reminder-"))
        .collect();
    assert_eq!(reminders.len(), open.len());
    for reminder in &open {
        let uid = format!("reminder-{}@coffeechat.desktop", reminder.id);
        let event = reminders
            .iter()
            .find(|e| e["UID"] == uid)
            .unwrap_or_else(|| panic!("no event for {uid}"));
        let start = reminder.snoozed_until.unwrap_or(reminder.due_at);
        assert_eq!(event["DTSTART"], start.format("%Y%m%dT%H%M%SZ").to_string());
        let end = start + chrono::Duration::minutes(15);
        assert_eq!(event["DTEND"], end.format("%Y%m%dT%H%M%SZ").to_string());
        assert_eq!(
            unescape(&event["SUMMARY"]),
            reminder.text.replace('\n', " ")
        );
        assert_eq!(event["TRANSP"], "TRANSPARENT");
    }
    let thank_you = open
        .iter()
        .find(|r| r.kind == ReminderKind::ThankYou)
        .unwrap();
    assert!(thank_you.snoozed_until.is_some(), "the fixture snoozed it");
    let tip = open.iter().find(|r| r.kind == ReminderKind::Tip).unwrap();
    let tip_event = reminders
        .iter()
        .find(|e| e["UID"] == format!("reminder-{}@coffeechat.desktop", tip.id))
        .unwrap();
    assert_eq!(
        unescape(&tip_event["DESCRIPTION"]),
        "Their tip: Read 'Just Enough Research'"
    );
    for event in &events {
        for key in ["DTSTART", "DTEND", "DTSTAMP"] {
            assert!(event[key].ends_with('Z'), "{key} not in UTC: {event:?}");
        }
    }
}

#[test]
fn a_second_calendar_export_updates_the_same_events_instead_of_adding_new_ones() {
    let (mut db, ids) = realistic();
    let first = events(&db.export_ics().unwrap());

    db.set_now("2026-05-05 10:05");
    db.update_interview(
        ids.dana_interview,
        &InterviewInput {
            scheduled_local: Some("2026-05-13T09:00".into()),
            medium: "Video call".into(),
            planned_minutes: 30,
            ..interview_form()
        },
    )
    .unwrap();
    let second = events(&db.export_ics().unwrap());

    assert_eq!(uids(&second), uids(&first));
    let uid = format!("interview-{}@coffeechat.desktop", ids.dana_interview);
    let moved = second.iter().find(|e| e["UID"] == uid).unwrap();
    assert_eq!(moved["DTSTART"], "20260513T070000Z");
    assert_eq!(moved["DTEND"], "20260513T073000Z");
    assert_eq!(moved["DTSTAMP"], "20260505T100500Z");
    assert_eq!(
        unescape(&moved["LOCATION"]),
        "Video call",
        "no place: the medium"
    );
}

#[test]
fn calendar_text_is_escaped_and_long_lines_are_folded() {
    let (mut db, ids) = realistic();
    // Sam's interview, scheduled again, so that it is in the calendar.
    db.update_interview(
        ids.sam_interview,
        &InterviewInput {
            scheduled_local: Some("2026-05-20T16:00".into()),
            planned_minutes: 45,
            medium: "Coffee".into(),
            place: "Café Central, Room 4; 2nd floor".into(),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(ids.sam_interview, Stage::Scheduled)
        .unwrap();
    let ics = db.interview_ics(ids.sam_interview).unwrap();

    let lines = content_lines(&ics);
    let summary =
        "SUMMARY:Informational interview with Whitfield\\, Jr. Sam (Globex\\; Research\\, Labs)";
    assert!(lines.iter().any(|l| l == summary), "{lines:?}");
    assert!(ics.contains("LOCATION:Café Central\\, Room 4\\; 2nd floor\r\n"));
    let folded = ics
        .split("\r\n")
        .filter(|line| line.starts_with(' '))
        .count();
    assert!(folded > 0, "the long summary is folded: {ics}");

    let events = events(&ics);
    assert_eq!(events.len(), 1);
    assert_eq!(
        unescape(&events[0]["SUMMARY"]),
        format!("Informational interview with Whitfield, Jr. Sam ({GLOBEX})")
    );
    assert_eq!(events[0]["DTSTART"], "20260520T140000Z");
    assert_eq!(events[0]["DTEND"], "20260520T144500Z");
    assert_eq!(
        unescape(&events[0]["DESCRIPTION"]),
        "How: Coffee\nWhere: Café Central, Room 4; 2nd floor\n\nYour questions:\n1. What surprised you?"
    );

    // The long video link of Dana's interview is folded too, and unfolds to the same link.
    let dana = db.interview_ics(ids.dana_interview).unwrap();
    assert!(dana.contains("LOCATION:https://meet.example.com"));
    assert!(!dana.contains(MEET_LINK), "a line that long is folded");
    assert_eq!(unescape(&events_of(&dana)["LOCATION"]), MEET_LINK);
}

fn events_of(ics: &str) -> BTreeMap<String, String> {
    let mut all = events(ics);
    assert_eq!(all.len(), 1);
    all.remove(0)
}

#[test]
fn add_to_calendar_needs_an_interview_with_a_date_and_time() {
    let (mut db, ids) = realistic();
    let ics = db.interview_ics(ids.dana_interview).unwrap();
    let event = events_of(&ics);
    assert_eq!(
        event["UID"],
        format!("interview-{}@coffeechat.desktop", ids.dana_interview)
    );
    assert_eq!(event["DTSTART"], "20260512T123000Z");
    assert_eq!(event["STATUS"], "CONFIRMED");
    assert!(ics.contains("METHOD:PUBLISH\r\n"));

    // Sam's interview is done but has its time: it can still go in the calendar.
    let done = events_of(&db.interview_ics(ids.sam_interview).unwrap());
    assert_eq!(done["DTSTART"], "20260504T090000Z");

    expect_invalid(db.interview_ics(ids.lee_requested), "scheduled_local");
    expect_not_found(db.interview_ics(999_999), "interview");
    expect_not_found(db.interview_ics(ids.trashed_interview), "interview");
    db.delete_person(ids.sam).unwrap();
    expect_not_found(db.interview_ics(ids.sam_interview), "interview");
}
