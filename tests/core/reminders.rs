//! Reminders: which are due now, what they say, and how they go away.

mod common;

use chrono::{DateTime, Utc};
use coffeechat_core::reminders::{NewReminder, ReminderKind};
use coffeechat_core::trash::TrashKind;

use common::{expect_invalid, expect_not_found, store_at, utc, Db};

struct Setup {
    db: Db,
    dana: i64,
    sam: i64,
    dana_interview: i64,
    sam_interview: i64,
}

/// Dana and Sam, each with one interview; the clock at 2026-05-10 12:00 UTC.
fn setup() -> Setup {
    let mut db = store_at("2026-05-10 12:00");
    let dana = db.add("Dana Whitfield");
    let sam = db.add("Sam Ortiz");
    let dana_interview = db.create_interview(dana).unwrap();
    let sam_interview = db.create_interview(sam).unwrap();
    Setup {
        db,
        dana,
        sam,
        dana_interview,
        sam_interview,
    }
}

fn remind(
    db: &mut Db,
    kind: ReminderKind,
    person: Option<i64>,
    interview: Option<i64>,
    due: &str,
) -> i64 {
    db.add_reminder(&NewReminder {
        kind,
        person_id: person,
        interview_id: interview,
        tip_id: None,
        due_at: utc(due),
    })
    .unwrap()
}

/// Ids of the reminders due now, in the order they are shown.
fn due(db: &Db) -> Vec<i64> {
    db.due_reminders().unwrap().iter().map(|r| r.id).collect()
}

fn snooze(db: &Db, reminder: i64, until: DateTime<Utc>) {
    db.raw()
        .execute(
            "UPDATE reminders SET snoozed_until = ?2 WHERE id = ?1",
            (reminder, until),
        )
        .unwrap();
}

#[test]
fn only_what_is_due_now_is_listed_oldest_first() {
    let Setup { mut db, dana, .. } = setup();
    use ReminderKind::*;
    let later = remind(&mut db, KeepInTouch, Some(dana), None, "2026-05-10 12:01");
    let now = remind(&mut db, ThankYou, Some(dana), None, "2026-05-10 12:00");
    let yesterday = remind(&mut db, Tip, Some(dana), None, "2026-05-09 12:00");
    let last_week = remind(&mut db, NoResponse7, Some(dana), None, "2026-05-03 09:00");
    assert_eq!(due(&db), [last_week, yesterday, now]);

    db.set_now("2026-05-10 12:01");
    assert_eq!(due(&db), [last_week, yesterday, now, later]);
}

#[test]
fn a_reminder_says_what_to_do_and_for_whom() {
    let Setup {
        mut db,
        dana,
        dana_interview,
        ..
    } = setup();
    let check = |db: &mut Db, kind: ReminderKind, expected: &str| {
        let id = remind(
            db,
            kind,
            Some(dana),
            Some(dana_interview),
            "2026-05-10 08:00",
        );
        let reminder = db
            .due_reminders()
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .unwrap();
        assert_eq!(reminder.text, expected);
        assert_eq!(reminder.kind, kind);
        assert_eq!(reminder.person_id, Some(dana));
        assert_eq!(reminder.interview_id, Some(dana_interview));
        assert_eq!(reminder.due_at, utc("2026-05-10 08:00"));
        db.complete_reminder(id).unwrap();
    };
    use ReminderKind::*;
    check(
        &mut db,
        ThankYou,
        "Send your thank-you note to Dana Whitfield",
    );
    check(
        &mut db,
        ThankYouFinal,
        "Last call: your thank-you note to Dana Whitfield is still not sent",
    );
    check(&mut db, Tip, "Follow up on a tip from Dana Whitfield");
    check(
        &mut db,
        FollowUpNote,
        "Tell Dana Whitfield how you followed up on their tips",
    );
    check(
        &mut db,
        NoResponse3,
        "No reply from Dana Whitfield yet: reach out to a second person at the same organisation",
    );
    check(&mut db, NoResponse7, "Send one follow-up to Dana Whitfield");
    check(&mut db, KeepInTouch, "Keep in touch with Dana Whitfield");
}

#[test]
fn a_reminder_about_an_interview_names_its_person() {
    let Setup {
        mut db,
        sam,
        sam_interview,
        ..
    } = setup();
    let id = remind(
        &mut db,
        ReminderKind::ThankYou,
        None,
        Some(sam_interview),
        "2026-05-10 08:00",
    );
    assert_eq!(due(&db), [id]);
    assert_eq!(
        db.due_reminders().unwrap()[0].text,
        "Send your thank-you note to Sam Ortiz"
    );

    db.delete_person(sam).unwrap();
    assert!(due(&db).is_empty(), "Sam is in the trash");
    db.restore(TrashKind::Person, sam).unwrap();
    assert_eq!(due(&db), [id]);
}

#[test]
fn a_snoozed_reminder_waits_until_its_snooze_ends() {
    let Setup { mut db, dana, .. } = setup();
    let snoozed = remind(
        &mut db,
        ReminderKind::ThankYou,
        Some(dana),
        None,
        "2026-05-10 08:00",
    );
    let snooze_over = remind(
        &mut db,
        ReminderKind::Tip,
        Some(dana),
        None,
        "2026-05-09 08:00",
    );
    snooze(&db, snoozed, utc("2026-05-11 07:00"));
    snooze(&db, snooze_over, utc("2026-05-10 11:00"));

    assert_eq!(due(&db), [snooze_over]);
    let shown = &db.due_reminders().unwrap()[0];
    assert_eq!(shown.snoozed_until, Some(utc("2026-05-10 11:00")));

    db.set_now("2026-05-11 06:59");
    assert_eq!(due(&db), [snooze_over]);
    db.set_now("2026-05-11 07:00");
    assert_eq!(due(&db), [snooze_over, snoozed]);
}

#[test]
fn reminders_about_something_in_the_trash_wait_with_it() {
    let Setup {
        mut db,
        dana,
        sam,
        dana_interview,
        sam_interview,
    } = setup();
    use ReminderKind::*;
    let about_dana = remind(&mut db, KeepInTouch, Some(dana), None, "2026-05-10 08:00");
    let about_sams_interview = remind(
        &mut db,
        ThankYou,
        Some(sam),
        Some(sam_interview),
        "2026-05-10 09:00",
    );
    let about_danas_interview = remind(
        &mut db,
        Tip,
        Some(dana),
        Some(dana_interview),
        "2026-05-10 10:00",
    );
    let general = remind(&mut db, NoResponse3, None, None, "2026-05-10 11:00");

    db.delete_person(dana).unwrap();
    db.delete_interview(sam_interview).unwrap();
    assert_eq!(due(&db), [general]);
    assert_eq!(db.today().unwrap().reminders.len(), 1);

    db.restore(TrashKind::Interview, sam_interview).unwrap();
    db.restore(TrashKind::Person, dana).unwrap();
    assert_eq!(
        due(&db),
        [
            about_dana,
            about_sams_interview,
            about_danas_interview,
            general
        ]
    );
}

#[test]
fn a_completed_reminder_is_gone_and_cannot_be_completed_again() {
    let Setup { mut db, dana, .. } = setup();
    let first = remind(
        &mut db,
        ReminderKind::ThankYou,
        Some(dana),
        None,
        "2026-05-10 08:00",
    );
    let second = remind(
        &mut db,
        ReminderKind::Tip,
        Some(dana),
        None,
        "2026-05-10 09:00",
    );
    db.complete_reminder(first).unwrap();
    assert_eq!(due(&db), [second]);
    expect_invalid(db.complete_reminder(first), "reminder");
    expect_not_found(db.complete_reminder(999), "reminder");
    assert_eq!(due(&db), [second]);

    // Done stays done, also later.
    db.set_now("2026-06-10 08:00");
    assert_eq!(due(&db), [second]);
}

#[test]
fn today_counts_people_and_interviews_and_shows_what_is_due() {
    let Setup {
        mut db,
        dana,
        sam,
        dana_interview,
        ..
    } = setup();
    let due_now = remind(
        &mut db,
        ReminderKind::ThankYou,
        Some(dana),
        None,
        "2026-05-10 08:00",
    );
    remind(
        &mut db,
        ReminderKind::Tip,
        Some(dana),
        None,
        "2026-05-11 08:00",
    );
    db.create_interview(dana).unwrap();
    db.add("Lee Park");

    let today = db.today().unwrap();
    assert_eq!(today.people_count, 3);
    assert_eq!(today.interview_count, 3);
    let shown: Vec<i64> = today.reminders.iter().map(|r| r.id).collect();
    assert_eq!(shown, [due_now]);
    assert!(today.scheduled.is_empty());

    db.delete_interview(dana_interview).unwrap();
    db.delete_person(sam).unwrap();
    let today = db.today().unwrap();
    assert_eq!(today.people_count, 2);
    assert_eq!(today.interview_count, 1);
}
