//! Interviews on their way through the method's pipeline, and the checks on the interview form.

mod common;

use chrono::NaiveDate;
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::settings::Settings;
use coffeechat_core::stage::Direction::{Back, Forward};
use coffeechat_core::Stage::{self, *};

use common::{expect_invalid, expect_not_found, interview_form, person, store_at, utc, Db};

/// A store with Dana and one new interview with her.
fn dana_interview() -> (Db, i64) {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add_at("Dana Whitfield", "Acme Robotics");
    let interview = db.create_interview(dana).unwrap();
    (db, interview)
}

fn stage_of(db: &Db, interview: i64) -> Stage {
    db.interview(interview).unwrap().stage
}

fn history(db: &Db, interview: i64) -> Vec<Stage> {
    db.interview(interview)
        .unwrap()
        .history
        .iter()
        .map(|event| event.stage)
        .collect()
}

/// The interview form as the app fills it from what is stored, like the UI does before an edit.
fn form_of(db: &Db, interview: i64) -> InterviewInput {
    let stored = db.interview(interview).unwrap();
    InterviewInput {
        field: stored.field,
        request_date: stored.request_date.map(|d| d.to_string()),
        request_message: stored.request_message,
        scheduled_local: stored.scheduled_local,
        medium: stored.medium,
        place: stored.place,
        planned_minutes: stored.planned_minutes,
        actual_minutes: stored.actual_minutes,
        notes: stored.notes,
    }
}

/// Sets the start on the form, keeping everything else as it is.
fn schedule(db: &mut Db, interview: i64, local: &str) {
    let form = InterviewInput {
        scheduled_local: Some(local.into()),
        ..form_of(db, interview)
    };
    db.update_interview(interview, &form).unwrap();
}

#[test]
fn a_new_interview_starts_identified_with_the_default_length() {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db
        .add_person(&PersonInput {
            organisation: "Acme Robotics".into(),
            field: "Design".into(),
            ..person("Dana Whitfield")
        })
        .unwrap();
    let first = db.create_interview(dana).unwrap();
    let interview = db.interview(first).unwrap();
    assert_eq!(interview.stage, Identified);
    assert_eq!(interview.person_id, dana);
    assert_eq!(interview.person_name, "Dana Whitfield");
    assert_eq!(interview.organisation, "Acme Robotics");
    assert_eq!(interview.field, "Design", "taken from the person");
    assert_eq!(interview.planned_minutes, 20);
    assert_eq!(interview.request_date, None);
    assert_eq!(interview.scheduled_at, None);
    assert_eq!(interview.created_at, utc("2026-05-04 10:00"));
    assert_eq!(history(&db, first), [Identified]);

    db.update_settings(&Settings {
        default_planned_minutes: 30,
        ..Settings::default()
    })
    .unwrap();
    let second = db.create_interview(dana).unwrap();
    assert_eq!(db.interview(second).unwrap().planned_minutes, 30);
    assert_eq!(db.interview(first).unwrap().planned_minutes, 20);
}

#[test]
fn the_default_length_must_be_a_sensible_one() {
    let mut db = store_at("2026-05-04 10:00");
    for minutes in [0, 4, 241, -20] {
        expect_invalid(
            db.update_settings(&Settings {
                default_planned_minutes: minutes,
                ..Settings::default()
            }),
            "default_planned_minutes",
        );
    }
    assert_eq!(db.settings().unwrap().default_planned_minutes, 20);
    for minutes in [5, 240, 45] {
        db.update_settings(&Settings {
            default_planned_minutes: minutes,
            ..Settings::default()
        })
        .unwrap();
        assert_eq!(db.settings().unwrap().default_planned_minutes, minutes);
    }
}

#[test]
fn an_interview_moves_through_the_whole_method() {
    // 23:30 UTC is already the next day, 01:30, for the user at +02:00.
    let mut db = store_at("2026-05-04 23:30");
    let dana = db.add("Dana Whitfield");
    let id = db.create_interview(dana).unwrap();

    assert_eq!(db.move_interview(id, Forward).unwrap(), ConnectionRequested);
    assert_eq!(db.move_interview(id, Forward).unwrap(), Connected);
    assert_eq!(db.interview(id).unwrap().request_date, None);
    assert_eq!(db.move_interview(id, Forward).unwrap(), InterviewRequested);
    assert_eq!(
        db.interview(id).unwrap().request_date,
        NaiveDate::from_ymd_opt(2026, 5, 5),
        "the user's today, not UTC's"
    );

    // Scheduling needs a time first; until then nothing moves.
    expect_invalid(db.move_interview(id, Forward), "scheduled_local");
    assert_eq!(stage_of(&db, id), InterviewRequested);
    schedule(&mut db, id, "2026-05-12T14:00");
    assert_eq!(db.move_interview(id, Forward).unwrap(), Scheduled);

    assert_eq!(db.move_interview(id, Forward).unwrap(), Done);
    assert_eq!(db.move_interview(id, Forward).unwrap(), Thanked);
    assert_eq!(db.move_interview(id, Forward).unwrap(), FollowedUp);
    expect_invalid(db.move_interview(id, Forward), "stage");
    assert_eq!(stage_of(&db, id), FollowedUp);

    assert_eq!(history(&db, id), Stage::MAIN_LINE);
    let interview = db.interview(id).unwrap();
    assert_eq!(interview.stage_changed_at, utc("2026-05-04 23:30"));
    assert_eq!(
        interview.request_date,
        NaiveDate::from_ymd_opt(2026, 5, 5),
        "kept"
    );
}

#[test]
fn a_request_date_already_entered_is_kept() {
    let (mut db, id) = dana_interview();
    db.update_interview(
        id,
        &InterviewInput {
            request_date: Some("2026-04-28".into()),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(id, InterviewRequested).unwrap();
    assert_eq!(
        db.interview(id).unwrap().request_date,
        NaiveDate::from_ymd_opt(2026, 4, 28)
    );
}

#[test]
fn an_interview_moves_back_one_stage_at_a_time() {
    let (mut db, id) = dana_interview();
    expect_invalid(db.move_interview(id, Back), "stage");
    db.move_interview(id, Forward).unwrap();
    db.move_interview(id, Forward).unwrap();
    assert_eq!(db.move_interview(id, Back).unwrap(), ConnectionRequested);
    assert_eq!(db.move_interview(id, Back).unwrap(), Identified);
    expect_invalid(db.move_interview(id, Back), "stage");
    assert_eq!(
        history(&db, id),
        [
            Identified,
            ConnectionRequested,
            Connected,
            ConnectionRequested,
            Identified
        ]
    );
}

#[test]
fn an_interview_can_end_early_and_be_taken_up_again() {
    let (mut db, id) = dana_interview();
    for stage in [Declined, NoResponse, Cancelled] {
        db.set_interview_stage(id, stage).unwrap();
        assert_eq!(stage_of(&db, id), stage);
    }
    // Setting the stage it is already in records nothing.
    db.set_interview_stage(id, Cancelled).unwrap();
    assert_eq!(
        history(&db, id),
        [Identified, Declined, NoResponse, Cancelled]
    );
    // Forward from an early end goes back to asking for the interview; back goes to the start.
    assert_eq!(db.move_interview(id, Forward).unwrap(), InterviewRequested);
    db.set_interview_stage(id, NoResponse).unwrap();
    assert_eq!(db.move_interview(id, Back).unwrap(), Identified);
    // Jumping straight to "scheduled" still needs a time.
    expect_invalid(db.set_interview_stage(id, Scheduled), "scheduled_local");
    assert_eq!(stage_of(&db, id), Identified);
}

#[test]
fn a_scheduled_interview_keeps_its_time() {
    let (mut db, id) = dana_interview();
    schedule(&mut db, id, "2026-05-12T14:00");
    db.set_interview_stage(id, Scheduled).unwrap();
    expect_invalid(
        db.update_interview(id, &interview_form()),
        "scheduled_local",
    );
    assert_eq!(
        db.interview(id).unwrap().scheduled_local.as_deref(),
        Some("2026-05-12T14:00")
    );
    // Moved back a stage, it can be unscheduled.
    db.move_interview(id, Back).unwrap();
    db.update_interview(id, &interview_form()).unwrap();
    assert_eq!(db.interview(id).unwrap().scheduled_at, None);
}

/// Saving the form with one thing changed is refused for `field`, and the interview is as before.
fn check_refused(db: &mut Db, id: i64, change: impl FnOnce(&mut InterviewInput), field: &str) {
    let before = serde_json::to_value(db.interview(id).unwrap()).unwrap();
    let mut input = InterviewInput {
        field: "Product".into(),
        request_date: Some("2026-04-28".into()),
        scheduled_local: Some("2026-05-12T14:00".into()),
        notes: "changed".into(),
        ..interview_form()
    };
    change(&mut input);
    expect_invalid(db.update_interview(id, &input), field);
    assert_eq!(
        serde_json::to_value(db.interview(id).unwrap()).unwrap(),
        before,
        "{field}"
    );
}

#[test]
fn impossible_dates_and_lengths_are_refused_and_change_nothing() {
    let (mut db, id) = dana_interview();
    let fields = db.count("target_fields");
    let date = |value: &str| {
        let value = value.to_owned();
        move |input: &mut InterviewInput| input.request_date = Some(value)
    };
    let start = |value: &str| {
        let value = value.to_owned();
        move |input: &mut InterviewInput| input.scheduled_local = Some(value)
    };
    check_refused(&mut db, id, date("2026-02-30"), "request_date");
    check_refused(&mut db, id, date("2027-02-29"), "request_date");
    check_refused(&mut db, id, date("31/03/2026"), "request_date");
    check_refused(&mut db, id, date("yesterday"), "request_date");
    check_refused(&mut db, id, start("2026-03-31T25:00"), "scheduled_local");
    check_refused(&mut db, id, start("2026-02-30T10:00"), "scheduled_local");
    check_refused(&mut db, id, start("2026-05-12 14:00"), "scheduled_local");
    check_refused(&mut db, id, start("2026-05-12T14:60"), "scheduled_local");
    check_refused(&mut db, id, |i| i.planned_minutes = 4, "planned_minutes");
    check_refused(&mut db, id, |i| i.planned_minutes = 241, "planned_minutes");
    check_refused(&mut db, id, |i| i.planned_minutes = 0, "planned_minutes");
    check_refused(
        &mut db,
        id,
        |i| i.actual_minutes = Some(0),
        "actual_minutes",
    );
    check_refused(
        &mut db,
        id,
        |i| i.actual_minutes = Some(601),
        "actual_minutes",
    );
    check_refused(&mut db, id, |i| i.medium = "m".repeat(41), "medium");
    assert_eq!(db.count("target_fields"), fields, "no field was created");
}

#[test]
fn lengths_at_the_limits_are_accepted() {
    let (mut db, id) = dana_interview();
    for (planned, actual) in [(5, Some(1)), (240, Some(600)), (20, None)] {
        db.update_interview(
            id,
            &InterviewInput {
                planned_minutes: planned,
                actual_minutes: actual,
                ..interview_form()
            },
        )
        .unwrap();
        let interview = db.interview(id).unwrap();
        assert_eq!(
            (interview.planned_minutes, interview.actual_minutes),
            (planned, actual)
        );
    }
}

fn check_start(local: &str, expected_utc: &str, shown: &str) {
    let (mut db, id) = dana_interview();
    schedule(&mut db, id, local);
    let interview = db.interview(id).unwrap();
    assert_eq!(interview.scheduled_at, Some(utc(expected_utc)), "{local}");
    assert_eq!(interview.scheduled_local.as_deref(), Some(shown), "{local}");
}

#[test]
fn the_start_is_the_users_wall_clock_time() {
    // The user is at +02:00.
    check_start("2026-05-04T14:00", "2026-05-04 12:00", "2026-05-04T14:00");
    check_start("2026-05-05T01:30", "2026-05-04 23:30", "2026-05-05T01:30");
    check_start("2026-01-01T00:00", "2025-12-31 22:00", "2026-01-01T00:00");
    check_start(
        " 2026-05-04T09:05:00 ",
        "2026-05-04 07:05",
        "2026-05-04T09:05",
    );
}

#[test]
fn the_form_saves_every_detail() {
    let (mut db, id) = dana_interview();
    db.set_now("2026-05-05 08:00");
    db.update_interview(
        id,
        &InterviewInput {
            field: "Product Design".into(),
            request_date: Some("2026-05-01".into()),
            request_message: "Could I ask you about your field?".into(),
            scheduled_local: Some("2026-05-12T14:00".into()),
            medium: "video".into(),
            place: "https://meet.example.com/abc".into(),
            planned_minutes: 15,
            actual_minutes: Some(45),
            notes: "<b>Great</b> chat".into(),
        },
    )
    .unwrap();
    let interview = db.interview(id).unwrap();
    assert_eq!(interview.field, "Product Design");
    assert_eq!(interview.request_date, NaiveDate::from_ymd_opt(2026, 5, 1));
    assert_eq!(
        interview.request_message,
        "Could I ask you about your field?"
    );
    assert_eq!(interview.medium, "video");
    assert_eq!(interview.place, "https://meet.example.com/abc");
    assert_eq!(interview.planned_minutes, 15);
    assert_eq!(interview.actual_minutes, Some(45));
    assert_eq!(interview.notes, "<b>Great</b> chat");
    assert_eq!(interview.updated_at, utc("2026-05-05 08:00"));
    assert_eq!(interview.created_at, utc("2026-05-04 10:00"));
    assert_eq!(interview.stage, Identified, "the form does not move it");
}

#[test]
fn saving_the_form_unchanged_keeps_everything() {
    let (mut db, id) = dana_interview();
    db.update_interview(
        id,
        &InterviewInput {
            field: "Design".into(),
            request_date: Some("2026-05-01".into()),
            scheduled_local: Some("2026-05-12T23:15".into()),
            actual_minutes: Some(50),
            notes: "Ask about research ops.".into(),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(id, Scheduled).unwrap();
    let before = serde_json::to_value(db.interview(id).unwrap()).unwrap();
    let form = form_of(&db, id);
    db.update_interview(id, &form).unwrap();
    assert_eq!(
        serde_json::to_value(db.interview(id).unwrap()).unwrap(),
        before
    );
}

#[test]
fn scheduled_interviews_are_listed_soonest_first() {
    let mut db = store_at("2026-05-04 10:00");
    let scheduled = |db: &mut Db, name: &str, local: Option<&str>| {
        let person = db.add(name);
        let id = db.create_interview(person).unwrap();
        if let Some(local) = local {
            schedule(db, id, local);
            db.set_interview_stage(id, Scheduled).unwrap();
        }
        id
    };
    let later = scheduled(&mut db, "Later Person", Some("2026-05-20T09:00"));
    let soon = scheduled(&mut db, "Soon Person", Some("2026-05-06T16:30"));
    let _unscheduled = scheduled(&mut db, "Not Yet", None);
    let done = scheduled(&mut db, "Already Met", Some("2026-05-01T10:00"));
    db.move_interview(done, Forward).unwrap();
    // A time on the form of an interview that is not yet scheduled does not list it.
    let pending = scheduled(&mut db, "Pending", None);
    schedule(&mut db, pending, "2026-05-05T10:00");

    let ids: Vec<i64> = db
        .scheduled_interviews(10)
        .unwrap()
        .iter()
        .map(|card| card.id)
        .collect();
    assert_eq!(ids, [soon, later]);
    let first = &db.scheduled_interviews(1).unwrap()[0];
    assert_eq!(first.id, soon);
    assert_eq!(first.person_name, "Soon Person");
    assert_eq!(first.scheduled_at, Some(utc("2026-05-06 14:30")));
}

#[test]
fn the_pipeline_shows_every_live_interview_most_recently_moved_first() {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add_at("Dana Whitfield", "Acme Robotics");
    let sam = db.add("Sam Ortiz");
    let a = db.create_interview(dana).unwrap();
    let b = db.create_interview(sam).unwrap();
    let c = db.create_interview(sam).unwrap();
    let gone = db.create_interview(dana).unwrap();
    db.delete_interview(gone).unwrap();
    db.set_now("2026-05-04 11:00");
    db.move_interview(a, Forward).unwrap();

    let pipeline = db.pipeline().unwrap();
    let cards: Vec<(i64, Stage)> = pipeline.iter().map(|c| (c.id, c.stage)).collect();
    assert_eq!(
        cards,
        [(a, ConnectionRequested), (c, Identified), (b, Identified)]
    );
    assert_eq!(pipeline[0].organisation, "Acme Robotics");
    assert_eq!(pipeline[0].person_name, "Dana Whitfield");
}

#[test]
fn the_pipeline_board_shows_each_stages_latest_cards_and_counts_them_all() {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add_at("Dana Whitfield", "Acme Robotics");
    let sam = db.add("Sam Ortiz");
    let gone = db.add("Gone Person");
    let mut identified = Vec::new();
    for minute in 0..5 {
        db.set_now(&format!("2026-05-04 10:0{minute}"));
        identified.push(
            db.create_interview(if minute % 2 == 0 { dana } else { sam })
                .unwrap(),
        );
    }
    db.set_now("2026-05-04 11:00");
    let asked = db.create_interview(sam).unwrap();
    db.move_interview(asked, Forward).unwrap();
    db.create_interview(gone).unwrap();
    db.delete_person(gone).unwrap();

    let board = db.pipeline_board(2).unwrap();
    let cards: Vec<(i64, Stage)> = board.cards.iter().map(|c| (c.id, c.stage)).collect();
    // Two per stage, the most recently moved first; the person in the trash nowhere.
    assert_eq!(
        cards,
        [
            (identified[4], Identified),
            (identified[3], Identified),
            (asked, ConnectionRequested)
        ]
    );
    let totals: Vec<(Stage, usize)> = board.totals.iter().map(|t| (t.stage, t.count)).collect();
    assert_eq!(totals.len(), 2, "{totals:?}");
    assert!(totals.contains(&(Identified, 5)), "{totals:?}");
    assert!(totals.contains(&(ConnectionRequested, 1)), "{totals:?}");
    assert_eq!(board.cards[0].person_name, "Dana Whitfield");
    assert_eq!(board.cards[0].organisation, "Acme Robotics");
}

#[test]
fn interviews_that_do_not_exist_are_not_found() {
    let (mut db, id) = dana_interview();
    expect_not_found(db.create_interview(999), "person");
    expect_not_found(db.interview(999), "interview");
    expect_not_found(db.move_interview(999, Forward), "interview");
    expect_not_found(db.set_interview_stage(999, Done), "interview");
    expect_not_found(db.update_interview(999, &interview_form()), "interview");
    db.delete_interview(id).unwrap();
    expect_not_found(db.move_interview(id, Forward), "interview");
    expect_not_found(db.update_interview(id, &interview_form()), "interview");
}
