//! Reminders follow the data: the rules create them from interviews, tips, replies and
//! contacts, move them when the data moves, and take them away when they no longer apply. The
//! scheduler's step claims each due reminder exactly once.
//!
//! The user's zone here is UTC+2: 14:00 local is 12:00 UTC.

mod common;

use std::time::Duration;

use coffeechat_core::reminder_rules::{Responsiveness, Snooze};
use coffeechat_core::reminders::ReminderKind::{self, *};
use coffeechat_core::settings::Settings;
use coffeechat_core::stage::Stage;
use coffeechat_core::trash::TrashKind;

use common::{expect_invalid, expect_not_found, interview_form, store_at, utc, Db};

fn kinds(db: &Db) -> Vec<ReminderKind> {
    db.open_reminders()
        .into_iter()
        .map(|(kind, _)| kind)
        .collect()
}

/// Dana, with an interview scheduled at `start` local ("YYYY-MM-DDTHH:MM"), 20 minutes.
fn scheduled(now: &str, start: &str) -> (Db, i64, i64) {
    let mut db = store_at(now);
    let dana = db.add("Dana Whitfield");
    let interview = db.create_interview(dana).unwrap();
    db.update_interview(
        interview,
        &coffeechat_core::interviews::InterviewInput {
            scheduled_local: Some(start.into()),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(interview, Stage::Scheduled).unwrap();
    (db, dana, interview)
}

/// Finishes the open reminder of `kind`, as its button in the window does.
fn finish(db: &mut Db, kind: ReminderKind) {
    let id = db.open_reminder_id(kind);
    db.complete_reminder(id).unwrap();
}

fn claimed(db: &mut Db) -> Vec<ReminderKind> {
    db.tick().unwrap().claimed.iter().map(|r| r.kind).collect()
}

#[test]
fn marking_an_interview_done_brings_the_thank_you_the_next_day() {
    // Tue 12 May, 14:00–14:20 local; marked done at 14:30 local.
    let (mut db, _, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    assert!(kinds(&db).is_empty(), "nothing is due before the interview");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    assert_eq!(
        db.open_reminders(),
        [
            (ThankYou, utc("2026-05-13 12:20")),
            (ThankYouFinal, utc("2026-05-15 12:20")),
            // Dana is now someone interviewed: keep in touch 90 days later, at 09:00 local.
            (KeepInTouch, utc("2026-08-10 07:00")),
        ]
    );
    assert!(db.due_reminders().unwrap().is_empty());

    db.set_now("2026-05-13 12:20");
    let due = db.due_reminders().unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].text, "Send your thank-you note to Dana Whitfield");
    assert_eq!(due[0].detail, "You met yesterday at 14:00.");
    assert_eq!(due[0].done_label, "Mark sent");
    assert!(!due[0].overdue);

    db.set_now("2026-05-14 06:00");
    assert!(
        db.due_reminders().unwrap()[0].overdue,
        "due on an earlier day"
    );

    // "Mark sent": the interview is thanked and the last call goes away.
    finish(&mut db, ThankYou);
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.stage, Stage::Thanked);
    // Keep in touch: 90 days after the thank-you went out (14 May local), at 09:00 local.
    assert_eq!(
        db.open_reminders(),
        [(KeepInTouch, utc("2026-08-12 07:00"))]
    );
}

#[test]
fn rescheduling_or_recording_the_real_length_moves_the_thank_you() {
    let (mut db, _, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    // It really ran 45 minutes.
    db.update_interview(
        interview,
        &coffeechat_core::interviews::InterviewInput {
            scheduled_local: Some("2026-05-12T14:00".into()),
            actual_minutes: Some(45),
            ..interview_form()
        },
    )
    .unwrap();
    assert_eq!(db.open_reminders()[0], (ThankYou, utc("2026-05-13 12:45")));
    // It had been on the day before, at 09:00.
    db.update_interview(
        interview,
        &coffeechat_core::interviews::InterviewInput {
            scheduled_local: Some("2026-05-11T09:00".into()),
            ..interview_form()
        },
    )
    .unwrap();
    assert_eq!(
        db.open_reminders(),
        [
            (ThankYou, utc("2026-05-12 07:20")),
            (ThankYouFinal, utc("2026-05-14 07:20")),
            (KeepInTouch, utc("2026-08-09 07:00")),
        ]
    );
    // Taken back to scheduled: nothing to thank for yet.
    db.set_interview_stage(interview, Stage::Scheduled).unwrap();
    assert!(kinds(&db).is_empty());
}

#[test]
fn a_reply_stops_the_no_response_nudges() {
    let mut db = store_at("2026-05-12 08:00"); // Tue 10:00 local
    let dana = db.add("Dana Whitfield");
    let interview = db.create_interview(dana).unwrap();
    db.set_interview_stage(interview, Stage::InterviewRequested)
        .unwrap();
    // 3 and 7 business days after Tue 12 May, at 09:00 local.
    assert_eq!(
        db.open_reminders(),
        [
            (NoResponse3, utc("2026-05-15 07:00")),
            (NoResponse7, utc("2026-05-21 07:00")),
        ]
    );

    assert_eq!(
        db.interview(interview).unwrap().responsiveness,
        Some(Responsiveness::Waiting)
    );
    db.record_reply(interview, None).unwrap();
    assert!(kinds(&db).is_empty(), "they answered");
    assert_eq!(
        db.interview(interview).unwrap().responsiveness,
        Some(Responsiveness::Booster),
        "answered the same day"
    );
    expect_invalid(db.record_reply(interview, Some("2026-05-01")), "reply_date");

    // Another request; this one is answered by scheduling the interview.
    let sam = db.add("Sam Ortiz");
    let second = db.create_interview(sam).unwrap();
    db.set_interview_stage(second, Stage::InterviewRequested)
        .unwrap();
    assert_eq!(kinds(&db), [NoResponse3, NoResponse7]);
    db.update_interview(
        second,
        &coffeechat_core::interviews::InterviewInput {
            scheduled_local: Some("2026-05-20T10:00".into()),
            request_date: Some("2026-05-12".into()),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(second, Stage::Scheduled).unwrap();
    assert!(kinds(&db).is_empty());
}

#[test]
fn holidays_move_the_nudges_and_3b7_can_be_turned_off() {
    let mut db = store_at("2026-05-12 08:00");
    let dana = db.add("Dana Whitfield");
    let interview = db.create_interview(dana).unwrap();
    db.set_interview_stage(interview, Stage::InterviewRequested)
        .unwrap();
    db.update_settings(&Settings {
        // Ascension Day 2026.
        holidays: vec![chrono::NaiveDate::from_ymd_opt(2026, 5, 14).unwrap()],
        ..Settings::default()
    })
    .unwrap();
    assert_eq!(
        db.open_reminders(),
        [
            (NoResponse3, utc("2026-05-18 07:00")),
            (NoResponse7, utc("2026-05-22 07:00")),
        ]
    );
    db.update_settings(&Settings {
        no_response_enabled: false,
        ..Settings::default()
    })
    .unwrap();
    assert!(kinds(&db).is_empty());
}

#[test]
fn tips_fall_due_and_the_last_one_prompts_the_follow_up_note() {
    let (mut db, _, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    finish(&mut db, ThankYou);
    let course = db.add_tip(interview, "Take the UX course", None).unwrap();
    db.add_tip(interview, "Go to the meetup", Some("2026-05-20T18:00"))
        .unwrap();
    assert_eq!(
        db.open_reminders(),
        [
            (Tip, utc("2026-05-20 16:00")),
            // 14 days after the interview's day, at 09:00 local.
            (Tip, utc("2026-05-26 07:00")),
            (KeepInTouch, utc("2026-08-10 07:00")),
        ]
    );

    db.set_now("2026-05-26 07:00");
    let due = db.due_reminders().unwrap();
    assert_eq!(due.len(), 2);
    assert_eq!(due[1].detail, "Their tip: Take the UX course");
    db.complete_tip(course).unwrap();
    assert_eq!(
        kinds(&db),
        [Tip, KeepInTouch],
        "the course reminder went with its tip"
    );

    // Finishing the last tip from its reminder prompts the follow-up note, due now.
    let meetup_reminder = db.due_reminders().unwrap()[0].id;
    db.complete_reminder(meetup_reminder).unwrap();
    assert!(db
        .tips(interview)
        .unwrap()
        .iter()
        .all(|t| t.done_at.is_some()));
    assert_eq!(
        db.open_reminders(),
        [
            (FollowUpNote, utc("2026-05-26 07:00")),
            (KeepInTouch, utc("2026-08-10 07:00")),
        ]
    );
    finish(&mut db, FollowUpNote);
    assert_eq!(db.interview(interview).unwrap().stage, Stage::FollowedUp);
    assert_eq!(kinds(&db), [KeepInTouch]);
}

#[test]
fn keeping_in_touch_moves_with_each_logged_contact() {
    let (mut db, dana, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    db.set_interview_stage(interview, Stage::Thanked).unwrap();
    assert_eq!(kinds(&db), [KeepInTouch]);
    assert_eq!(db.open_reminders()[0].1, utc("2026-08-10 07:00"));

    db.set_now("2026-06-01 10:00");
    db.log_contact(dana, "Coffee at the conference").unwrap();
    assert_eq!(
        db.open_reminders(),
        [(KeepInTouch, utc("2026-08-30 07:00"))]
    );

    // Done when due: that was a contact too, and the next one comes 90 days later.
    db.set_now("2026-08-30 07:00");
    finish(&mut db, KeepInTouch);
    assert_eq!(
        db.open_reminders(),
        [(KeepInTouch, utc("2026-11-28 07:00"))]
    );
    assert_eq!(db.contacts(dana).unwrap()[0].note, "Kept in touch");
    assert_eq!(db.contacts(dana).unwrap().len(), 2);
}

#[test]
fn a_finished_reminder_stays_finished() {
    let mut db = store_at("2026-05-20 08:00");
    let dana = db.add("Dana Whitfield");
    let interview = db.create_interview(dana).unwrap();
    db.update_interview(
        interview,
        &coffeechat_core::interviews::InterviewInput {
            request_date: Some("2026-05-12".into()),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(interview, Stage::InterviewRequested)
        .unwrap();
    let nudge = db.open_reminder_id(NoResponse3);
    db.complete_reminder(nudge).unwrap();
    expect_invalid(db.complete_reminder(nudge), "reminder");
    expect_not_found(db.complete_reminder(999), "reminder");

    // Editing the interview recomputes its reminders, but does not bring that one back.
    db.update_interview(
        interview,
        &coffeechat_core::interviews::InterviewInput {
            request_date: Some("2026-05-12".into()),
            notes: "Asked through the alumni group".into(),
            ..interview_form()
        },
    )
    .unwrap();
    assert_eq!(kinds(&db), [NoResponse7]);
}

#[test]
fn reminders_about_someone_in_the_trash_wait_with_them() {
    let (mut db, dana, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    db.set_now("2026-05-13 13:00");
    db.delete_person(dana).unwrap();
    assert!(db.due_reminders().unwrap().is_empty());
    assert!(
        claimed(&mut db).is_empty(),
        "nothing is shown about someone deleted"
    );

    db.restore(TrashKind::Person, dana).unwrap();
    assert_eq!(claimed(&mut db), [ThankYou]);

    db.delete_interview(interview).unwrap();
    assert!(db.due_reminders().unwrap().is_empty());
    db.restore(TrashKind::Interview, interview).unwrap();
    assert_eq!(db.due_reminders().unwrap().len(), 1);
    assert!(claimed(&mut db).is_empty(), "already shown once");
}

#[test]
fn changing_a_setting_recomputes_what_is_open() {
    let (mut db, _, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    db.update_settings(&Settings {
        thank_you_hours: 48,
        thank_you_final_days: 4,
        ..Settings::default()
    })
    .unwrap();
    assert_eq!(
        db.open_reminders(),
        [
            (ThankYou, utc("2026-05-14 12:20")),
            (ThankYouFinal, utc("2026-05-16 12:20")),
            (KeepInTouch, utc("2026-08-10 07:00")),
        ]
    );
    expect_invalid(
        db.update_settings(&Settings {
            thank_you_hours: 96,
            thank_you_final_days: 3,
            ..Settings::default()
        }),
        "thank_you_final_days",
    );
    assert_eq!(
        db.settings().unwrap().thank_you_hours,
        48,
        "nothing half written"
    );
}

#[test]
fn each_due_reminder_is_claimed_once_also_across_restarts_and_processes() {
    let (mut db, _, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    db.set_now("2026-05-13 12:19");
    assert!(claimed(&mut db).is_empty());
    db.set_now("2026-05-13 12:20");
    let mut other = db.second_process();
    assert_eq!(claimed(&mut db), [ThankYou]);
    assert!(
        other.tick().unwrap().claimed.is_empty(),
        "the other process sees it claimed"
    );
    assert!(claimed(&mut db).is_empty());
    db.restart();
    assert!(claimed(&mut db).is_empty(), "not again after a restart");
    // Still listed in the window until it is done.
    assert_eq!(db.due_reminders().unwrap().len(), 1);
}

#[test]
fn the_scheduler_sleeps_until_the_next_reminder_but_never_longer_than_a_minute() {
    let (mut db, _, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    assert_eq!(db.tick().unwrap().sleep, Duration::from_secs(60));
    db.set_now("2026-05-13 12:19");
    assert_eq!(db.tick().unwrap().sleep, Duration::from_secs(60));
    db.set_instant(utc("2026-05-13 12:19") + chrono::Duration::seconds(45));
    assert_eq!(db.tick().unwrap().sleep, Duration::from_secs(15));
}

#[test]
fn in_quiet_hours_nothing_is_claimed_until_they_end() {
    // Interview 21:40–22:00 local: the thank-you falls due at 22:00 the next day, in the quiet
    // hours, and is shown when they end at 08:00.
    let (mut db, _, interview) = scheduled("2026-05-12 18:30", "2026-05-12T21:40");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    db.set_now("2026-05-13 20:00"); // 22:00 local, due since 22:00 local
    let tick = db.tick().unwrap();
    assert!(tick.claimed.is_empty());
    // Sleeps until 08:00 local (06:00 UTC), in steps of at most a minute.
    assert_eq!(tick.sleep, Duration::from_secs(60));
    db.set_now("2026-05-14 05:59");
    assert!(claimed(&mut db).is_empty());
    db.set_now("2026-05-14 06:00");
    assert_eq!(claimed(&mut db), [ThankYou]);
}

#[test]
fn a_snoozed_reminder_is_shown_again_when_the_snooze_ends() {
    let (mut db, _, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    db.set_now("2026-05-13 12:20");
    assert_eq!(claimed(&mut db), [ThankYou]);
    let id = db.open_reminder_id(ThankYou);
    let until = db.snooze_reminder(id, Snooze::OneHour).unwrap();
    assert_eq!(until, utc("2026-05-13 13:20"));
    assert!(db.due_reminders().unwrap().is_empty());
    db.set_now("2026-05-13 13:19");
    assert!(claimed(&mut db).is_empty());
    db.set_now("2026-05-13 13:20");
    assert_eq!(claimed(&mut db), [ThankYou]);
    assert!(claimed(&mut db).is_empty());

    // Tomorrow morning: 09:00 local on Thu 14 May.
    assert_eq!(
        db.snooze_reminder(id, Snooze::TomorrowMorning).unwrap(),
        utc("2026-05-14 07:00")
    );
    db.complete_reminder(id).unwrap();
    expect_invalid(db.snooze_reminder(id, Snooze::OneHour), "reminder");
}

#[test]
fn snooze_all_puts_off_everything_due_now() {
    let mut db = store_at("2026-05-12 08:00");
    for name in ["Dana Whitfield", "Sam Ortiz", "Lee Park"] {
        let person = db.add(name);
        let interview = db.create_interview(person).unwrap();
        db.set_interview_stage(interview, Stage::InterviewRequested)
            .unwrap();
    }
    db.set_now("2026-05-15 07:00");
    assert_eq!(db.due_reminders().unwrap().len(), 3);
    assert_eq!(db.tick().unwrap().claimed.len(), 3, "shown together");
    assert_eq!(db.snooze_all_due(Snooze::OneHour).unwrap(), 3);
    assert!(db.due_reminders().unwrap().is_empty());
    db.set_now("2026-05-15 08:00");
    assert_eq!(db.tick().unwrap().claimed.len(), 3);
}

#[test]
fn today_counts_people_and_interviews_and_shows_what_is_due() {
    let (mut db, dana, interview) = scheduled("2026-05-12 12:30", "2026-05-12T14:00");
    db.set_interview_stage(interview, Stage::Done).unwrap();
    db.create_interview(dana).unwrap();
    let sam = db.add("Sam Ortiz");
    db.set_now("2026-05-13 12:30");

    let today = db.today().unwrap();
    assert_eq!(today.people_count, 2);
    assert_eq!(today.interview_count, 2);
    let shown: Vec<ReminderKind> = today.reminders.iter().map(|r| r.kind).collect();
    assert_eq!(shown, [ThankYou]);

    db.delete_person(sam).unwrap();
    db.delete_interview(interview).unwrap();
    let today = db.today().unwrap();
    assert_eq!(today.people_count, 1);
    assert_eq!(today.interview_count, 1);
    assert!(today.reminders.is_empty());
}

#[test]
fn the_tray_gets_the_count_and_the_first_few_and_today_what_is_coming() {
    let mut db = store_at("2026-05-12 08:00");
    for name in ["Dana Whitfield", "Sam Ortiz", "Lee Park"] {
        let person = db.add(name);
        let interview = db.create_interview(person).unwrap();
        db.set_interview_stage(interview, Stage::InterviewRequested)
            .unwrap();
    }
    let upcoming = db.upcoming_reminders(4).unwrap();
    assert_eq!(upcoming.len(), 4);
    assert!(upcoming.windows(2).all(|w| w[0].due_at <= w[1].due_at));
    assert_eq!(upcoming[0].kind, NoResponse3);

    db.set_now("2026-05-15 07:00");
    let (count, first) = db.due_overview(2).unwrap();
    assert_eq!(count, 3);
    assert_eq!(first.len(), 2);
    assert_eq!(first[0].text, db.due_reminders().unwrap()[0].text);
    assert_eq!(
        db.upcoming_reminders(10).unwrap().len(),
        3,
        "the three 7-day nudges"
    );
}
