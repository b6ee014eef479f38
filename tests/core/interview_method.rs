//! The interview itself, on a real SQLite file: the question bank, answers that survive a
//! restart, the preparation checklist and Today's warning, live mode's timer and cue, ending
//! the interview, and what comes after (card, resume, insights, referrals, tips, thank-you).
//!
//! The user's zone here is UTC+2: 14:00 local is 12:00 UTC.

mod common;

use chrono::{DateTime, Duration, Utc};
use coffeechat_core::after::{Card, InsightCategory, Referral};
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::live::LiveState;
use coffeechat_core::people::PersonInput;
use coffeechat_core::prep::{Prep, PrepItem, DEFAULT_OPENING_LINE};
use coffeechat_core::questions::PrepareQuestion;
use coffeechat_core::reminders::ReminderKind::{self, *};
use coffeechat_core::stage::Stage;

use common::{expect_invalid, expect_not_found, interview_form, store_at, utc, Db};

/// Dana Whitfield, with a new interview, on Monday 4 May 2026 at 12:00 local.
fn dana() -> (Db, i64, i64) {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add("Dana Whitfield");
    let interview = db.create_interview(dana).unwrap();
    (db, dana, interview)
}

/// Schedules the interview at the local time `start` ("YYYY-MM-DDTHH:MM"), `minutes` long.
fn schedule(db: &mut Db, interview: i64, start: &str, minutes: i64) {
    db.update_interview(
        interview,
        &InterviewInput {
            scheduled_local: Some(start.into()),
            planned_minutes: minutes,
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(interview, Stage::Scheduled).unwrap();
}

/// Prepares `count` questions of one's own.
fn prepare(db: &mut Db, interview: i64, count: usize) -> Vec<i64> {
    (0..count)
        .map(|n| {
            db.prepare_question(
                interview,
                &PrepareQuestion {
                    question_id: None,
                    text: format!("Question {n}?"),
                },
            )
            .unwrap()
        })
        .collect()
}

fn all_ready() -> Prep {
    Prep {
        resume_ready: true,
        dress: true,
        opening_line: DEFAULT_OPENING_LINE.into(),
        resume_version: "UX research, May".into(),
    }
}

// --- The question bank ---------------------------------------------------------------------

#[test]
fn the_user_adds_questions_of_their_own_with_a_category() {
    let mut db = store_at("2026-05-04 10:00");
    let salary = db
        .add_bank_question("  What does a junior earn here?  ", "money")
        .unwrap();
    let plain = db
        .add_bank_question("What tools do you use?", "  ")
        .unwrap();

    let bank = db.question_bank().unwrap();
    assert_eq!(bank.len(), 10);
    assert!(bank[..8].iter().all(|q| q.builtin), "built-in ones first");
    let added: Vec<(i64, &str, &str, bool)> = bank[8..]
        .iter()
        .map(|q| (q.id, q.text.as_str(), q.category.as_str(), q.builtin))
        .collect();
    assert_eq!(
        added,
        [
            (salary, "What does a junior earn here?", "money", false),
            (plain, "What tools do you use?", "own", false),
        ]
    );
}

#[test]
fn a_bank_question_that_is_empty_twice_there_or_too_long_is_refused() {
    let mut db = store_at("2026-05-04 10:00");
    let first = db.question_bank().unwrap()[0].text.clone();
    expect_invalid(db.add_bank_question("   ", "own"), "question");
    expect_invalid(db.add_bank_question(&first, "own"), "question");
    expect_invalid(db.add_bank_question(&"why ".repeat(200), "own"), "question");
    expect_invalid(db.add_bank_question("Why?", &"x".repeat(41)), "category");
    assert_eq!(db.count("questions"), 8, "nothing was added");

    let builtin = db.question_bank().unwrap()[0].id;
    db.archive_bank_question(builtin).unwrap();
    expect_invalid(db.add_bank_question(&first, "own"), "question");
    assert_eq!(db.count("questions"), 8);
}

#[test]
fn questions_are_archived_never_deleted_and_can_come_back() {
    let (mut db, _, interview) = dana();
    let bank = db.question_bank().unwrap();
    let builtin = bank[1].id;
    db.prepare_question(
        interview,
        &PrepareQuestion {
            question_id: Some(builtin),
            text: String::new(),
        },
    )
    .unwrap();
    let own = db.add_bank_question("What tools do you use?", "").unwrap();

    db.set_now("2026-05-04 11:00");
    db.archive_bank_question(builtin).unwrap();
    db.set_now("2026-05-04 12:00");
    db.archive_bank_question(own).unwrap();

    let ids: Vec<i64> = db.question_bank().unwrap().iter().map(|q| q.id).collect();
    assert_eq!(ids.len(), 7);
    assert!(!ids.contains(&builtin) && !ids.contains(&own));
    let archived = db.archived_bank_questions().unwrap();
    let archived: Vec<(i64, Option<DateTime<Utc>>)> =
        archived.iter().map(|q| (q.id, q.archived_at)).collect();
    assert_eq!(
        archived,
        [
            (own, Some(utc("2026-05-04 12:00"))),
            (builtin, Some(utc("2026-05-04 11:00")))
        ]
    );
    assert_eq!(db.count("questions"), 9, "archived, not deleted");
    assert_eq!(
        db.interview(interview).unwrap().questions[0].text,
        "Which positions are in demand right now?",
        "an interview keeps the question it prepared"
    );
    expect_not_found(
        db.prepare_question(
            interview,
            &PrepareQuestion {
                question_id: Some(own),
                text: String::new(),
            },
        ),
        "question",
    );
    expect_invalid(db.archive_bank_question(own), "question");

    db.restore_bank_question(own).unwrap();
    assert!(db.question_bank().unwrap().iter().any(|q| q.id == own));
    assert!(db.archived_bank_questions().unwrap()[0].id == builtin);
    expect_invalid(db.restore_bank_question(own), "question");
    expect_not_found(db.archive_bank_question(9_999), "question");
    expect_not_found(db.restore_bank_question(9_999), "question");
}

// --- Answers and notes: autosave ----------------------------------------------------------

#[test]
fn answers_and_notes_are_saved_separately_and_never_overwrite_each_other() {
    let (mut db, _, interview) = dana();
    let questions = prepare(&mut db, interview, 3);

    db.answer_question(questions[0], true, "Through a bootcamp.")
        .unwrap();
    db.save_interview_notes(interview, "Warm, curious, busy.")
        .unwrap();
    db.answer_question(questions[1], true, "Research ops.")
        .unwrap();
    db.save_interview_notes(interview, "Warm, curious, busy. Has a dog.")
        .unwrap();
    db.answer_question(questions[0], true, "Through a bootcamp, then a referral.")
        .unwrap();

    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.notes, "Warm, curious, busy. Has a dog.");
    let answers: Vec<(bool, &str)> = stored
        .questions
        .iter()
        .map(|q| (q.asked, q.answer.as_str()))
        .collect();
    assert_eq!(
        answers,
        [
            (true, "Through a bootcamp, then a referral."),
            (true, "Research ops."),
            (false, ""),
        ]
    );
}

#[test]
fn answers_and_notes_are_there_after_the_app_is_killed_and_started_again() {
    let (mut db, _, interview) = dana();
    let questions = prepare(&mut db, interview, 3);
    db.start_live(interview).unwrap();
    db.answer_question(questions[2], true, "Ask Sam at Acme — über-helpful 🙂")
        .unwrap();
    db.save_interview_notes(interview, "Line one\nLine two")
        .unwrap();

    // Every write is committed when it returns: closing the file without any goodbye, as a
    // killed process does, loses nothing.
    db.restart();
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.notes, "Line one\nLine two");
    assert_eq!(
        stored.questions[2].answer,
        "Ask Sam at Acme — über-helpful 🙂"
    );
    assert!(stored.questions[2].asked);
    assert!(
        stored.live.running,
        "the timer went on while the app was down"
    );
}

#[test]
fn an_answer_or_notes_that_cannot_be_saved_change_nothing() {
    let (mut db, _, interview) = dana();
    let question = prepare(&mut db, interview, 1)[0];
    db.answer_question(question, true, "Kept.").unwrap();
    db.save_interview_notes(interview, "Kept too.").unwrap();

    expect_invalid(
        db.answer_question(question, false, &"a".repeat(20_001)),
        "answer",
    );
    expect_invalid(
        db.save_interview_notes(interview, &"n".repeat(20_001)),
        "notes",
    );
    expect_not_found(db.answer_question(9_999, true, "x"), "question");
    expect_not_found(db.save_interview_notes(9_999, "x"), "interview");

    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.notes, "Kept too.");
    assert_eq!(
        (
            stored.questions[0].asked,
            stored.questions[0].answer.as_str()
        ),
        (true, "Kept.")
    );
}

#[test]
fn notes_saved_while_typing_are_found_by_search() {
    let (mut db, _, interview) = dana();
    db.save_interview_notes(interview, "Mentioned the Lisbon office")
        .unwrap();
    assert_eq!(db.found("lisbon"), ["Dana Whitfield"]);
}

// --- Preparation --------------------------------------------------------------------------

#[test]
fn a_new_interview_starts_with_the_opening_line_and_nothing_else_ready() {
    let (db, _, interview) = dana();
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.prep.opening_line, DEFAULT_OPENING_LINE);
    assert!(stored.prep.opening_line.contains("not looking for a job"));
    assert!(!stored.prep.resume_ready && !stored.prep.dress);
    assert!(!stored.readiness.ready);
    let missing: Vec<PrepItem> = stored.readiness.missing.iter().map(|m| m.item).collect();
    assert_eq!(
        missing,
        [
            PrepItem::ResumeVersion,
            PrepItem::ResumeReady,
            PrepItem::Dress,
            PrepItem::Questions
        ]
    );
    assert_eq!(
        stored.readiness.missing[3].message,
        "Prepare at least 3 questions (none yet)."
    );
}

#[test]
fn the_checklist_is_saved_and_readiness_follows_it() {
    let (mut db, _, interview) = dana();
    db.update_prep(interview, &all_ready()).unwrap();
    prepare(&mut db, interview, 2);
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.prep, all_ready());
    let missing: Vec<PrepItem> = stored.readiness.missing.iter().map(|m| m.item).collect();
    assert_eq!(missing, [PrepItem::Questions]);

    prepare_more(&mut db, interview);
    assert!(db.interview(interview).unwrap().readiness.ready);

    db.update_prep(
        interview,
        &Prep {
            opening_line: "   ".into(),
            ..all_ready()
        },
    )
    .unwrap();
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.prep.opening_line, "");
    assert_eq!(stored.readiness.missing[0].item, PrepItem::OpeningLine);
}

fn prepare_more(db: &mut Db, interview: i64) {
    db.prepare_question(
        interview,
        &PrepareQuestion {
            question_id: None,
            text: "One more?".into(),
        },
    )
    .unwrap();
}

#[test]
fn a_checklist_that_cannot_be_saved_changes_nothing() {
    let (mut db, _, interview) = dana();
    db.update_prep(interview, &all_ready()).unwrap();
    expect_invalid(
        db.update_prep(
            interview,
            &Prep {
                opening_line: "o".repeat(501),
                dress: false,
                ..all_ready()
            },
        ),
        "opening_line",
    );
    expect_invalid(
        db.update_prep(
            interview,
            &Prep {
                resume_version: "v".repeat(121),
                ..Prep::default()
            },
        ),
        "resume_version",
    );
    expect_not_found(db.update_prep(9_999, &all_ready()), "interview");
    assert_eq!(db.interview(interview).unwrap().prep, all_ready());
}

/// The interviews Today warns about, with what they miss.
fn warned(db: &Db) -> Vec<(i64, Vec<String>)> {
    db.interviews_needing_prep()
        .unwrap()
        .into_iter()
        .map(|w| (w.card.id, w.missing))
        .collect()
}

#[test]
fn today_warns_about_an_interview_within_a_day_that_is_not_ready() {
    // Now: Monday 12:00 local. Tomorrow 11:00 local is 23 hours ahead.
    let (mut db, _, interview) = dana();
    schedule(&mut db, interview, "2026-05-05T11:00", 20);
    prepare(&mut db, interview, 2);
    db.update_prep(
        interview,
        &Prep {
            resume_version: String::new(),
            ..all_ready()
        },
    )
    .unwrap();

    let warnings = db.interviews_needing_prep().unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].card.person_name, "Dana Whitfield");
    assert_eq!(warnings[0].starts_at, utc("2026-05-05 09:00"));
    assert_eq!(
        warnings[0].missing,
        [
            "Choose which version of your resume to bring.",
            "Prepare at least 3 questions (only 2 so far)."
        ]
    );
    let json = serde_json::to_value(&warnings[0]).unwrap();
    assert_eq!(json["person_name"], "Dana Whitfield", "the card's fields");
    assert_eq!(json["stage"], "scheduled");
    assert_eq!(db.today().unwrap().prep_warnings.len(), 1);

    // Once it is ready, the warning goes.
    db.update_prep(interview, &all_ready()).unwrap();
    prepare_more(&mut db, interview);
    assert!(warned(&db).is_empty());
}

#[test]
fn the_warning_window_is_the_next_24_hours() {
    let mut db = store_at("2026-05-04 10:00");
    let at = |db: &mut Db, name: &str, start: &str| {
        let person = db.add(name);
        let interview = db.create_interview(person).unwrap();
        schedule(db, interview, start, 20);
        interview
    };
    let in_23_hours = at(&mut db, "In 23 hours", "2026-05-05T11:00");
    let in_24_hours = at(&mut db, "In 24 hours", "2026-05-05T12:00");
    at(&mut db, "In 25 hours", "2026-05-05T13:00");
    at(&mut db, "An hour ago", "2026-05-04T11:00");
    at(&mut db, "Right now", "2026-05-04T12:00");
    let in_a_minute = at(&mut db, "In a minute", "2026-05-04T12:01");
    let ids: Vec<i64> = warned(&db).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, [in_a_minute, in_23_hours, in_24_hours]);

    // Not scheduled (asked for, not agreed) or in the trash: no warning.
    let requested = db.add("Requested");
    let requested = db.create_interview(requested).unwrap();
    db.set_interview_stage(requested, Stage::InterviewRequested)
        .unwrap();
    db.delete_interview(in_a_minute).unwrap();
    let ids: Vec<i64> = warned(&db).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, [in_23_hours, in_24_hours]);

    // A day later the 25-hour one is close.
    db.set_now("2026-05-05 08:00");
    assert_eq!(warned(&db).len(), 3);
}

// --- Live mode ----------------------------------------------------------------------------

fn state(db: &Db, interview: i64) -> LiveState {
    db.live_state(interview).unwrap()
}

#[test]
fn the_timer_counts_talking_time_and_leaves_out_pauses() {
    let (mut db, _, interview) = dana();
    schedule(&mut db, interview, "2026-05-04T12:00", 20);
    let before = state(&db, interview);
    assert!(!before.started && !before.running && before.elapsed_seconds == 0);

    let started = db.start_live(interview).unwrap();
    assert!(started.started && started.running && !started.paused);
    assert_eq!(started.planned_minutes, 20);
    assert_eq!(started.cue_at_seconds, 18 * 60);

    db.set_now("2026-05-04 10:05");
    assert_eq!(state(&db, interview).elapsed_seconds, 300);
    let paused = db.pause_live(interview).unwrap();
    assert!(paused.paused && !paused.running);
    assert_eq!(paused.elapsed_seconds, 300);

    db.set_now("2026-05-04 10:30");
    assert_eq!(
        state(&db, interview).elapsed_seconds,
        300,
        "a pause does not count"
    );
    db.restart();
    assert_eq!(state(&db, interview).elapsed_seconds, 300, "nor a restart");
    let resumed = db.resume_live(interview).unwrap();
    assert!(resumed.running);

    db.set_now("2026-05-04 10:40");
    assert_eq!(state(&db, interview).elapsed_seconds, 900);
    db.restart();
    db.set_now("2026-05-04 10:41");
    assert_eq!(
        state(&db, interview).elapsed_seconds,
        960,
        "a running timer runs on across a restart"
    );
    assert_eq!(db.interview(interview).unwrap().live, state(&db, interview));
}

#[test]
fn the_cue_comes_two_minutes_before_the_planned_end_and_is_shown_once() {
    let (mut db, _, interview) = dana();
    schedule(&mut db, interview, "2026-05-04T12:00", 20);
    db.start_live(interview).unwrap();
    db.set_instant(utc("2026-05-04 10:17") + Duration::seconds(59));
    let early = state(&db, interview);
    assert!(!early.cue_due && !early.cue_shown);

    db.set_now("2026-05-04 10:18");
    let due = state(&db, interview);
    assert!(due.cue_due && !due.cue_shown);
    assert!(
        db.mark_cue_shown(interview).unwrap(),
        "the first asks shows it"
    );
    assert!(
        !db.mark_cue_shown(interview).unwrap(),
        "the second does not"
    );
    db.restart();
    assert!(
        !db.mark_cue_shown(interview).unwrap(),
        "nor after a restart"
    );
    assert!(state(&db, interview).cue_shown);
}

#[test]
fn a_short_planned_length_brings_the_cue_early_and_pauses_delay_it() {
    let (mut db, _, interview) = dana();
    schedule(&mut db, interview, "2026-05-04T12:00", 5);
    db.start_live(interview).unwrap();
    assert_eq!(state(&db, interview).cue_at_seconds, 180);
    db.set_now("2026-05-04 10:02");
    db.pause_live(interview).unwrap();
    db.set_now("2026-05-04 10:10");
    assert!(!state(&db, interview).cue_due);
    db.resume_live(interview).unwrap();
    db.set_now("2026-05-04 10:11");
    assert!(state(&db, interview).cue_due);
}

/// The scheduler claims the cue of a running timer on time, whatever the window does (a hidden
/// window's timers are throttled), and sleeps no longer than until it is due.
#[test]
fn the_scheduler_posts_the_cue_on_time_and_wakes_for_it() {
    let (mut db, _, interview) = dana();
    schedule(&mut db, interview, "2026-05-04T12:00", 5);
    db.start_live(interview).unwrap();
    // 3:00 in is due; the reminder scheduler's minute-long sleep must not make it late.
    let tick = db.tick().unwrap();
    assert!(tick.cues.is_empty());
    assert_eq!(tick.sleep, std::time::Duration::from_secs(60));
    db.set_now("2026-05-04 10:02");
    assert_eq!(db.tick().unwrap().sleep, std::time::Duration::from_secs(60));
    db.set_instant(utc("2026-05-04 10:02") + Duration::seconds(50));
    assert_eq!(
        db.tick().unwrap().sleep,
        std::time::Duration::from_secs(10),
        "the scheduler sleeps until the cue, not a whole minute"
    );
    db.set_instant(utc("2026-05-04 10:02") + Duration::seconds(59));
    assert!(db.tick().unwrap().cues.is_empty(), "a second early");

    db.set_now("2026-05-04 10:03");
    let tick = db.tick().unwrap();
    assert_eq!(tick.cues.len(), 1, "due at 3:00");
    assert_eq!(tick.cues[0].interview_id, interview);
    assert_eq!(tick.cues[0].person_name, "Dana Whitfield");
    assert!(state(&db, interview).cue_shown);
    assert!(db.tick().unwrap().cues.is_empty(), "posted once");
    assert!(
        !db.mark_cue_shown(interview).unwrap(),
        "the window's claim does not post it again"
    );
}

#[test]
fn a_paused_timer_delays_the_scheduled_cue_and_a_forgotten_one_posts_none() {
    let (mut db, _, interview) = dana();
    schedule(&mut db, interview, "2026-05-04T12:00", 5);
    db.start_live(interview).unwrap();
    db.set_now("2026-05-04 10:02");
    db.pause_live(interview).unwrap();
    db.set_now("2026-05-04 10:10");
    let tick = db.tick().unwrap();
    assert!(tick.cues.is_empty(), "no cue while paused");
    db.resume_live(interview).unwrap();
    db.set_instant(utc("2026-05-04 10:10") + Duration::seconds(30));
    assert_eq!(db.tick().unwrap().sleep, std::time::Duration::from_secs(30));
    db.set_now("2026-05-04 10:11");
    assert_eq!(
        db.tick().unwrap().cues.len(),
        1,
        "2 min before, then 1 more after resuming"
    );

    // A timer that ran on while the app was closed, past the planned end: the cue is too late
    // to help, and is not posted when the app comes back.
    let erin = db.add("Erin Okafor");
    let late = db.create_interview(erin).unwrap();
    schedule(&mut db, late, "2026-05-04T13:00", 5);
    db.start_live(late).unwrap();
    db.set_now("2026-05-04 10:30");
    db.restart();
    assert!(db.tick().unwrap().cues.is_empty());
    assert!(state(&db, late).cue_shown);
}

#[test]
fn the_timer_refuses_what_makes_no_sense_and_changes_nothing() {
    let (mut db, _, interview) = dana();
    expect_invalid(db.pause_live(interview), "live");
    expect_invalid(db.resume_live(interview), "live");
    expect_invalid(db.end_live(interview), "live");
    expect_invalid(db.mark_cue_shown(interview), "live");
    assert_eq!(
        state(&db, interview),
        LiveState {
            planned_minutes: 20,
            cue_at_seconds: 1080,
            ..LiveState::default()
        }
    );

    db.start_live(interview).unwrap();
    expect_invalid(db.start_live(interview), "live");
    expect_invalid(db.resume_live(interview), "live");
    db.set_now("2026-05-04 10:03");
    db.pause_live(interview).unwrap();
    expect_invalid(db.pause_live(interview), "live");
    let paused = state(&db, interview);

    db.set_now("2026-05-04 10:30");
    db.resume_live(interview).unwrap();
    db.set_now("2026-05-04 10:40");
    db.end_live(interview).unwrap();
    let ended = state(&db, interview);
    assert!(ended.ended && !ended.running && !ended.paused);
    assert_eq!(ended.elapsed_seconds, 13 * 60);
    assert_eq!(paused.elapsed_seconds, 3 * 60);
    for result in [
        db.start_live(interview),
        db.pause_live(interview),
        db.resume_live(interview),
    ] {
        expect_invalid(result, "live");
    }
    expect_invalid(db.end_live(interview), "live");
    db.set_now("2026-05-04 11:40");
    assert_eq!(state(&db, interview), ended, "an ended timer stands still");
    expect_not_found(db.start_live(9_999), "interview");
    expect_not_found(db.live_state(9_999), "interview");
}

#[test]
fn a_done_or_closed_interview_cannot_go_live() {
    let (mut db, dana, done) = dana();
    db.set_interview_stage(done, Stage::Done).unwrap();
    expect_invalid(db.start_live(done), "live");
    let cancelled = db.create_interview(dana).unwrap();
    db.set_interview_stage(cancelled, Stage::Cancelled).unwrap();
    expect_invalid(db.start_live(cancelled), "live");
    assert!(!state(&db, done).started && !state(&db, cancelled).started);
}

#[test]
fn ending_records_the_real_length_and_brings_the_thank_you_a_day_later() {
    let (mut db, dana, interview) = dana();
    schedule(&mut db, interview, "2026-05-04T12:00", 20);
    db.start_live(interview).unwrap();
    db.set_instant(utc("2026-05-04 10:18") + Duration::seconds(1));
    let ended = db.end_live(interview).unwrap();
    assert_eq!(
        ended.actual_minutes, 19,
        "18 minutes and a second, rounded up"
    );
    assert_eq!(
        ended.ended_at,
        utc("2026-05-04 10:18") + Duration::seconds(1)
    );
    assert!(!ended.person_warm);

    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.stage, Stage::Done);
    assert_eq!(stored.actual_minutes, Some(19));
    assert_eq!(stored.ended_at, Some(ended.ended_at));
    assert_eq!(stored.history.last().unwrap().stage, Stage::Done);
    assert!(!db.person(dana).unwrap().warm);
    assert_eq!(
        db.open_reminders()[..2],
        [
            (ThankYou, ended.ended_at + Duration::hours(24)),
            (ThankYouFinal, ended.ended_at + Duration::days(3)),
        ]
    );

    // "Mark sent": the interview is thanked.
    db.set_now("2026-05-05 09:00");
    let thank_you = db.open_reminder_id(ThankYou);
    db.complete_reminder(thank_you).unwrap();
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.stage, Stage::Thanked);
    assert_eq!(stored.thank_you_sent_at, Some(utc("2026-05-05 09:00")));
    assert!(db
        .open_reminders()
        .iter()
        .all(|(kind, _)| !matches!(kind, ThankYou | ThankYouFinal)));
}

#[test]
fn a_very_short_interview_counts_as_a_minute() {
    let (mut db, _, interview) = dana();
    db.start_live(interview).unwrap();
    assert_eq!(db.end_live(interview).unwrap().actual_minutes, 1);
    assert_eq!(
        db.interview(interview).unwrap().stage,
        Stage::Done,
        "an interview that just happened is done, from any earlier stage"
    );
}

fn ended_after(minutes: i64) -> (Db, i64, bool) {
    let (mut db, dana, interview) = dana();
    db.start_live(interview).unwrap();
    db.set_instant(utc("2026-05-04 10:00") + Duration::minutes(minutes));
    let ended = db.end_live(interview).unwrap();
    assert_eq!(ended.actual_minutes, minutes);
    (db, dana, ended.person_warm)
}

#[test]
fn forty_five_minutes_make_a_warm_contact_and_forty_four_do_not() {
    let (db, dana, warm) = ended_after(45);
    assert!(warm);
    assert!(db.person(dana).unwrap().warm);
    assert!(
        db.interview(db.person(dana).unwrap().interviews[0].id)
            .unwrap()
            .person_warm
    );

    let (db, dana, warm) = ended_after(44);
    assert!(!warm);
    assert!(!db.person(dana).unwrap().warm);
}

#[test]
fn a_real_length_typed_in_the_form_marks_warm_too_and_a_short_one_never_unmarks() {
    let (mut db, dana, interview) = dana();
    let length = |minutes| InterviewInput {
        actual_minutes: Some(minutes),
        ..interview_form()
    };
    db.update_interview(interview, &length(44)).unwrap();
    assert!(!db.person(dana).unwrap().warm);
    db.update_interview(interview, &length(45)).unwrap();
    assert!(db.person(dana).unwrap().warm);
    db.update_interview(interview, &length(10)).unwrap();
    assert!(db.person(dana).unwrap().warm);
}

// --- After the interview ------------------------------------------------------------------

#[test]
fn the_business_card_fills_in_the_person_and_keeps_what_it_does_not_say() {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db
        .add_person(&PersonInput {
            name: "Dana Whitfield".into(),
            title: "Researcher".into(),
            email: "dana@old.example".into(),
            phone: "+49 30 1234".into(),
            ..PersonInput::default()
        })
        .unwrap();
    let interview = db.create_interview(dana).unwrap();
    assert!(!db.interview(interview).unwrap().card_captured);

    db.capture_card(
        interview,
        &Card {
            title: "Lead UX Researcher".into(),
            organisation: "Acme".into(),
            email: " dana@acme.example ".into(),
            phone: String::new(),
            linkedin_url: "https://www.linkedin.com/in/dana".into(),
        },
    )
    .unwrap();
    let person = db.person(dana).unwrap();
    assert_eq!(
        (
            person.title.as_str(),
            person.organisation.as_str(),
            person.email.as_str(),
            person.phone.as_str(),
            person.linkedin_url.as_str()
        ),
        (
            "Lead UX Researcher",
            "Acme",
            "dana@acme.example",
            "+49 30 1234",
            "https://www.linkedin.com/in/dana"
        )
    );
    assert!(db.interview(interview).unwrap().card_captured);
    assert_eq!(db.found("acme"), ["Dana Whitfield"]);
}

#[test]
fn a_card_with_a_bad_email_or_phone_changes_nothing() {
    let (mut db, dana, interview) = dana();
    let before = db.person(dana).unwrap();
    for (card, field) in [
        (
            Card {
                title: "New title".into(),
                email: "dana at acme".into(),
                ..Card::default()
            },
            "email",
        ),
        (
            Card {
                title: "New title".into(),
                phone: "call me".into(),
                ..Card::default()
            },
            "phone",
        ),
        (
            Card {
                // Typed without https:// it is taken (issue 11); a bare name is not an address.
                linkedin_url: "dana-whitfield".into(),
                ..Card::default()
            },
            "linkedin_url",
        ),
    ] {
        expect_invalid(db.capture_card(interview, &card), field);
    }
    expect_not_found(db.capture_card(9_999, &Card::default()), "interview");
    let after = db.person(dana).unwrap();
    assert_eq!(
        (after.title, after.updated_at),
        (before.title, before.updated_at)
    );
    assert!(!db.interview(interview).unwrap().card_captured);
    assert_eq!(db.count("organisations"), 0);
}

#[test]
fn whether_they_asked_for_the_resume_is_recorded() {
    let (mut db, _, interview) = dana();
    assert_eq!(db.interview(interview).unwrap().resume_asked, None);
    db.set_resume_asked(interview, Some(true), "UX, May")
        .unwrap();
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.resume_asked, Some(true));
    assert_eq!(stored.prep.resume_version, "UX, May");

    db.set_resume_asked(interview, Some(false), "").unwrap();
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.resume_asked, Some(false));
    assert_eq!(stored.prep.resume_version, "UX, May", "kept when not given");

    expect_invalid(
        db.set_resume_asked(interview, None, &"v".repeat(121)),
        "resume_version",
    );
    assert_eq!(db.interview(interview).unwrap().resume_asked, Some(false));
    db.set_resume_asked(interview, None, "").unwrap();
    assert_eq!(db.interview(interview).unwrap().resume_asked, None);
}

#[test]
fn insights_are_tagged_listed_found_and_removed() {
    let (mut db, _, interview) = dana();
    let sql = db
        .add_insight(interview, InsightCategory::Qualification, "  SQL matters  ")
        .unwrap();
    let ops = db
        .add_insight(interview, InsightCategory::PositionInDemand, "Research ops")
        .unwrap();
    db.add_insight(interview, InsightCategory::PersonToMeet, "Sam Okafor")
        .unwrap();

    let insights = db.interview(interview).unwrap().insights;
    let listed: Vec<(i64, InsightCategory, &str)> = insights
        .iter()
        .map(|i| (i.id, i.category, i.text.as_str()))
        .collect();
    assert_eq!(
        listed[0],
        (sql, InsightCategory::Qualification, "SQL matters")
    );
    assert_eq!(
        listed[1],
        (ops, InsightCategory::PositionInDemand, "Research ops")
    );
    let json = serde_json::to_value(&insights[1]).unwrap();
    assert_eq!(json["category"], "position_in_demand");
    assert_eq!(db.found("okafor"), ["Dana Whitfield"]);

    expect_invalid(
        db.add_insight(interview, InsightCategory::Advice, "  "),
        "insight",
    );
    expect_not_found(
        db.add_insight(9_999, InsightCategory::Advice, "x"),
        "interview",
    );
    assert_eq!(db.count("insights"), 3);

    db.remove_insight(ops).unwrap();
    expect_not_found(db.remove_insight(ops), "insight");
    assert_eq!(db.interview(interview).unwrap().insights.len(), 2);
}

#[test]
fn a_referral_becomes_a_new_person_referred_by_the_one_interviewed() {
    let (mut db, dana, interview) = dana();
    db.update_interview(
        interview,
        &InterviewInput {
            field: "UX research".into(),
            ..interview_form()
        },
    )
    .unwrap();
    let sam = db
        .add_referral(
            interview,
            &Referral {
                name: " Sam Okafor ".into(),
                organisation: "Acme".into(),
                note: "Runs the research guild; mention Dana.".into(),
            },
        )
        .unwrap();
    let person = db.person(sam).unwrap();
    assert_eq!(person.name, "Sam Okafor");
    assert_eq!(person.organisation, "Acme");
    assert_eq!(person.field, "UX research");
    assert_eq!(person.referred_by_id, Some(dana));
    assert_eq!(person.referred_by_name.as_deref(), Some("Dana Whitfield"));
    assert_eq!(person.notes, "Runs the research guild; mention Dana.");
    assert_eq!(person.interviews.len(), 1);
    assert_eq!(person.interviews[0].stage, Stage::Identified);
    assert_eq!(db.found("guild"), ["Sam Okafor"]);
    // The interview page lists them, also after the app was closed and opened again.
    db.restart();
    let referrals = db.interview(interview).unwrap().referrals;
    assert_eq!(referrals.len(), 1);
    assert_eq!(
        (referrals[0].id, referrals[0].name.as_str()),
        (sam, "Sam Okafor")
    );
    assert_eq!(referrals[0].organisation, "Acme");

    let (people, interviews) = (db.count("people"), db.count("interviews"));
    expect_invalid(db.add_referral(interview, &Referral::default()), "name");
    expect_not_found(
        db.add_referral(
            9_999,
            &Referral {
                name: "Nobody".into(),
                ..Referral::default()
            },
        ),
        "interview",
    );
    assert_eq!(
        (db.count("people"), db.count("interviews")),
        (people, interviews)
    );
}

#[test]
fn tips_noted_after_live_mode_become_follow_ups_and_then_the_follow_up_note() {
    let (mut db, _, interview) = dana();
    db.start_live(interview).unwrap();
    db.set_now("2026-05-04 10:30");
    db.end_live(interview).unwrap();
    let tip = db
        .add_tip(interview, "Read 'Just Enough Research'", None)
        .unwrap();
    // Due 14 days after the interview (4 May local), at 09:00 local.
    assert!(db
        .open_reminders()
        .contains(&(Tip, utc("2026-05-18 07:00"))));
    assert_eq!(db.interview(interview).unwrap().tips[0].id, tip);
    // The interview's list says when, though the user chose no date (issue 11).
    let listed = &db.interview(interview).unwrap().tips[0];
    assert_eq!(listed.due_at, None);
    assert_eq!(listed.follow_up_at, Some(utc("2026-05-18 07:00")));

    db.set_now("2026-05-10 08:00");
    db.complete_tip(tip).unwrap();
    assert_eq!(
        db.interview(interview).unwrap().tips[0].follow_up_at,
        None,
        "done"
    );
    let kinds: Vec<ReminderKind> = db.open_reminders().into_iter().map(|(k, _)| k).collect();
    assert!(!kinds.contains(&Tip));
    assert!(db
        .open_reminders()
        .contains(&(FollowUpNote, utc("2026-05-10 08:00"))));
}

// --- Upgrading ----------------------------------------------------------------------------

#[test]
fn a_version_2_file_upgrades_with_its_interviews_intact_and_ready_to_prepare() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(coffeechat_core::store::DATABASE_FILE);
    {
        // The file as the previous version left it: schema 2, one interview with notes.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!(
            "../../src-tauri/core/migrations/0001_initial.sql"
        ))
        .unwrap();
        conn.execute_batch(include_str!(
            "../../src-tauri/core/migrations/0002_reminders.sql"
        ))
        .unwrap();
        conn.execute_batch(
            "INSERT INTO people (id, name, created_at, updated_at)
                 VALUES (1, 'Dana Whitfield', '2026-05-01 10:00:00+00:00',
                         '2026-05-01 10:00:00+00:00');
             INSERT INTO interviews (id, person_id, stage, notes, stage_changed_at, created_at,
                                     updated_at)
                 VALUES (1, 1, 'identified', 'Old notes', '2026-05-01 10:00:00+00:00',
                         '2026-05-01 10:00:00+00:00', '2026-05-01 10:00:00+00:00');
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let mut store = coffeechat_core::Store::open(&path)
        .unwrap()
        .with_clock(common::clock_at(utc("2026-05-04 10:00")));
    let interview = store.interview(1).unwrap();
    assert_eq!(interview.notes, "Old notes");
    assert_eq!(interview.prep.opening_line, DEFAULT_OPENING_LINE);
    assert!(interview.insights.is_empty() && !interview.live.started);
    store.start_live(1).unwrap();
    assert!(store.templates().unwrap().iter().all(|t| t.is_default));
}

#[test]
fn the_interview_page_shows_the_method_under_the_names_the_ui_reads() {
    let (mut db, _, interview) = dana();
    db.add_insight(interview, InsightCategory::Advice, "Join the guild")
        .unwrap();
    let json = serde_json::to_value(db.interview(interview).unwrap()).unwrap();
    assert_eq!(json["prep"]["opening_line"], DEFAULT_OPENING_LINE);
    assert_eq!(json["prep"]["resume_ready"], false);
    assert_eq!(json["readiness"]["ready"], false);
    assert_eq!(json["readiness"]["missing"][0]["item"], "resume_version");
    assert_eq!(json["live"]["cue_at_seconds"], 1080);
    assert_eq!(json["live"]["running"], false);
    assert_eq!(json["insights"][0]["category"], "advice");
    assert_eq!(json["tips"], serde_json::json!([]));
    for key in [
        "person_email",
        "person_warm",
        "reply_date",
        "ended_at",
        "resume_asked",
        "card_captured",
        "thank_you_sent_at",
        "insight_to_mention",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
}
