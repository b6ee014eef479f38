//! The method's messages with real data, on a real SQLite file: templates saved and reset, the
//! user's profile, drafts filled from a person and an interview with their `mailto:` URL, the
//! request checker run on the real names, and sending a request, which moves the stage and
//! starts the 3B7 reminders.
//!
//! The user's zone here is UTC+2: 09:00 local is 07:00 UTC.

mod common;

use chrono::NaiveDate;
use coffeechat_core::after::InsightCategory;
use coffeechat_core::drafts::{MessageEdit, Profile};
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::reminder_notice::{Answer, Notice, Then};
use coffeechat_core::reminders::ReminderKind::*;
use coffeechat_core::request_checker::Rule;
use coffeechat_core::stage::Stage;
use coffeechat_core::templates::{default_template, Template, TemplateKind};

use common::{expect_invalid, expect_not_found, interview_form, store_at, utc, Db};

/// Priya, who suggested Dana; Dana Whitfield at Acme, with an interview about UX research.
/// Monday 4 May 2026, 12:00 local.
fn dana() -> (Db, i64, i64) {
    let mut db = store_at("2026-05-04 10:00");
    let priya = db.add("Priya Shah");
    let dana = db
        .add_person(&PersonInput {
            name: "Dana Whitfield".into(),
            organisation: "Acme".into(),
            email: "dana@example.com".into(),
            referred_by_id: Some(priya),
            how_met: "Met at a meetup".into(),
            ..PersonInput::default()
        })
        .unwrap();
    let interview = db.create_interview(dana).unwrap();
    db.update_interview(
        interview,
        &InterviewInput {
            field: "UX research".into(),
            ..interview_form()
        },
    )
    .unwrap();
    (db, dana, interview)
}

fn me() -> Profile {
    Profile {
        my_name: "Alex Doe".into(),
        background: "eight years of teaching".into(),
    }
}

fn template(subject: &str, body: &str) -> Template {
    Template {
        subject: subject.into(),
        body: body.into(),
    }
}

// --- Templates and the profile ------------------------------------------------------------

#[test]
fn templates_start_as_the_defaults() {
    let db = store_at("2026-05-04 10:00");
    let templates = db.templates().unwrap();
    let kinds: Vec<TemplateKind> = templates.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TemplateKind::Request,
            TemplateKind::ThankYou,
            TemplateKind::FollowUp
        ]
    );
    for stored in &templates {
        assert!(stored.is_default);
        let default = default_template(stored.kind);
        assert_eq!(
            (&stored.subject, &stored.body),
            (&default.subject, &default.body)
        );
    }
    let json = serde_json::to_value(&templates[1]).unwrap();
    assert_eq!(json["kind"], "thank_you");
    assert_eq!(json["is_default"], true);
}

#[test]
fn an_edited_template_is_kept_across_a_restart_until_it_is_reset() {
    let (mut db, _, _) = dana();
    let mine = template(
        "Thanks, {{first_name}}",
        "Hi {{first_name}}!\n\n{{my_name}}",
    );
    db.save_template(TemplateKind::ThankYou, &mine).unwrap();
    db.restart();
    let stored = &db.templates().unwrap()[1];
    assert!(!stored.is_default);
    assert_eq!((&stored.subject, &stored.body), (&mine.subject, &mine.body));
    assert!(db.templates().unwrap()[0].is_default, "the others stay");

    db.reset_template(TemplateKind::ThankYou).unwrap();
    let stored = &db.templates().unwrap()[1];
    assert!(stored.is_default);
    assert_eq!(stored.body, default_template(TemplateKind::ThankYou).body);
    db.reset_template(TemplateKind::ThankYou).unwrap();
}

#[test]
fn a_template_with_a_typo_or_no_message_is_refused_and_the_saved_one_stays() {
    let (mut db, _, _) = dana();
    let mine = template("Thanks", "Hi {{first_name}}");
    db.save_template(TemplateKind::ThankYou, &mine).unwrap();
    for (bad, field) in [
        (template("Thanks", "Hi {{frist_name}}"), "template_body"),
        (template("Thanks {{name", "Hi"), "template_subject"),
        (template("Thanks", "Hi {first_name}"), "template_body"),
        (template("Thanks", "  \n "), "template_body"),
        (template(&"s".repeat(301), "Hi"), "template_subject"),
        (template("Thanks", &"b".repeat(5_001)), "template_body"),
    ] {
        expect_invalid(db.save_template(TemplateKind::ThankYou, &bad), field);
    }
    assert_eq!(db.templates().unwrap()[1].body, "Hi {{first_name}}");
    expect_invalid(
        db.save_template(TemplateKind::Request, &template("", "{{nope}}")),
        "template_body",
    );
    assert!(db.templates().unwrap()[0].is_default);
}

#[test]
fn the_profile_is_saved_trimmed_and_checked() {
    let (mut db, _, _) = dana();
    assert_eq!(db.profile().unwrap(), Profile::default());
    db.update_profile(&Profile {
        my_name: " Alex Doe ".into(),
        background: "eight years of teaching".into(),
    })
    .unwrap();
    db.restart();
    assert_eq!(db.profile().unwrap(), me());
    expect_invalid(
        db.update_profile(&Profile {
            my_name: "Alex".into(),
            background: "b".repeat(301),
        }),
        "background",
    );
    assert_eq!(db.profile().unwrap(), me());
}

// --- Drafts -------------------------------------------------------------------------------

#[test]
fn a_thank_you_draft_opens_as_the_expected_mailto_url() {
    let (mut db, _, interview) = dana();
    db.update_profile(&me()).unwrap();
    db.add_insight(interview, InsightCategory::Advice, "Talk to ops")
        .unwrap();
    db.choose_insight_to_mention(interview, "Research ops")
        .unwrap();
    db.save_template(
        TemplateKind::ThankYou,
        &template(
            "Thank you, {{first_name}}",
            "Hi {{first_name}},\n{{insight}} stayed with me.\n{{my_name}}",
        ),
    )
    .unwrap();

    let draft = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert_eq!(draft.subject, "Thank you, Dana");
    assert_eq!(
        draft.body,
        "Hi Dana,\nResearch ops stayed with me.\nAlex Doe"
    );
    assert!(draft.missing.is_empty());
    assert_eq!(draft.to, "dana@example.com");
    assert_eq!(
        draft.mailto,
        "mailto:dana@example.com?subject=Thank%20you%2C%20Dana\
         &body=Hi%20Dana%2C%0D%0AResearch%20ops%20stayed%20with%20me.%0D%0AAlex%20Doe"
    );
    assert!(draft.check.is_none(), "only a request is checked");
}

#[test]
fn the_thank_you_mentions_the_first_insight_until_one_is_chosen() {
    let (mut db, _, interview) = dana();
    let draft = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert!(draft
        .body
        .contains("What you told me — “[a specific thing they said]” — has stayed"));
    assert_eq!(draft.missing, ["insight", "my_name"]);

    db.add_insight(interview, InsightCategory::Qualification, "SQL matters")
        .unwrap();
    db.add_insight(interview, InsightCategory::Advice, "Join the guild")
        .unwrap();
    let draft = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert!(draft
        .body
        .contains("What you told me — “SQL matters” — has stayed"));

    db.choose_insight_to_mention(interview, " Join the guild ")
        .unwrap();
    assert_eq!(
        db.interview(interview).unwrap().insight_to_mention,
        "Join the guild"
    );
    let draft = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert!(draft
        .body
        .contains("What you told me — “Join the guild” — has stayed"));

    expect_invalid(
        db.choose_insight_to_mention(interview, &"i".repeat(1_001)),
        "insight_to_mention",
    );
    db.choose_insight_to_mention(interview, "").unwrap();
    let draft = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert!(draft.body.contains("SQL matters"), "back to the first one");
}

#[test]
fn the_request_is_filled_from_the_data_and_checked() {
    let (mut db, _, interview) = dana();
    let draft = db.draft(interview, TemplateKind::Request).unwrap();
    assert_eq!(draft.subject, "Could I ask your advice on UX research?");
    assert!(draft
        .body
        .starts_with("Hi Dana,\n\nPriya Shah suggested I contact you."));
    assert!(draft.body.contains("at Acme"));
    assert_eq!(draft.missing, ["background", "my_name"]);

    db.update_profile(&me()).unwrap();
    let draft = db.draft(interview, TemplateKind::Request).unwrap();
    assert!(draft.missing.is_empty());
    assert!(draft.body.contains("from eight years of teaching"));
    assert!(draft.body.ends_with("Alex Doe"));
    let check = draft.check.unwrap();
    assert!(check.all_ok(), "{check:#?}");
    assert_eq!(
        check,
        db.check_request_text(interview, &draft.body).unwrap()
    );
}

#[test]
fn without_a_referrer_the_connection_is_how_they_met() {
    let mut db = store_at("2026-05-04 10:00");
    let sam = db
        .add_person(&PersonInput {
            name: "Sam Okafor".into(),
            how_met: "the UX meetup in March".into(),
            ..PersonInput::default()
        })
        .unwrap();
    let interview = db.create_interview(sam).unwrap();
    let draft = db.draft(interview, TemplateKind::Request).unwrap();
    assert!(
        draft
            .body
            .starts_with("Hi Sam,\n\nWe met at the UX meetup in March. I hope to move from"),
        "{}",
        draft.body
    );
    assert_eq!(draft.to, "");
    assert!(draft.mailto.starts_with("mailto:?subject="));
    assert!(draft.missing.contains(&"field".to_owned()));
    assert!(draft.missing.contains(&"organisation".to_owned()));
}

#[test]
fn the_follow_up_note_lists_the_tips() {
    let (mut db, _, interview) = dana();
    db.add_tip(interview, "Read 'Just Enough Research'", None)
        .unwrap();
    db.add_tip(interview, "Join the research guild", None)
        .unwrap();
    let draft = db.draft(interview, TemplateKind::FollowUp).unwrap();
    assert!(draft
        .body
        .contains("\n- Read 'Just Enough Research'\n- Join the research guild\n"));
    assert!(draft
        .mailto
        .contains("%0D%0A-%20Read%20%27Just%20Enough%20Research%27%0D%0A-%20Join"));
}

#[test]
fn drafts_of_an_interview_that_is_gone_are_not_found() {
    let (mut db, _, interview) = dana();
    db.delete_interview(interview).unwrap();
    expect_not_found(db.draft(interview, TemplateKind::ThankYou), "interview");
    expect_not_found(db.check_request_text(interview, "Hi"), "interview");
}

#[test]
fn the_checker_flags_a_long_message_that_asks_about_openings() {
    let (db, _, interview) = dana();
    let text = "Hi Dana, my name is Alex and I have been a teacher for eight years, and I am now \
        looking to move into UX research, which I have been studying in the evenings for a year \
        with online courses and a bootcamp that I finished last month with a portfolio of three \
        projects. I saw that Acme has a great research team. Are there any openings on your \
        team at the moment? I would be happy to send my resume. Thanks, Alex";
    let check = db.check_request_text(interview, text).unwrap();
    assert!(check.words > 75);
    assert!(!check.finding(Rule::UnderWordLimit).ok);
    assert!(!check.finding(Rule::AsksForAdviceNotJob).ok);
    assert!(!check.finding(Rule::NamesConnectionFirst).ok);

    let short = "Hi Dana, Priya suggested I write to you. Could I ask you for advice on UX \
        research over a 15-minute call?";
    let check = db.check_request_text(interview, short).unwrap();
    assert!(check.finding(Rule::NamesConnectionFirst).ok, "{check:#?}");
}

// --- Edited drafts and the user's name -----------------------------------------------------

fn edit(subject: Option<&str>, body: Option<&str>) -> MessageEdit {
    MessageEdit {
        subject: subject.map(str::to_owned),
        body: body.map(str::to_owned),
    }
}

#[test]
fn an_edited_thank_you_note_is_kept_across_a_restart_and_opens_as_edited() {
    let (mut db, _, interview) = dana();
    db.update_profile(&me()).unwrap();
    let fresh = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert!(!fresh.edited);
    db.save_message(
        interview,
        TemplateKind::ThankYou,
        &edit(
            Some(" Thanks again, Dana "),
            Some("Hi Dana,\n\nThat tip on SQL helped.\n\nAlex"),
        ),
    )
    .unwrap();
    db.restart();
    let draft = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert!(draft.edited);
    assert_eq!(draft.subject, "Thanks again, Dana");
    assert_eq!(draft.body, "Hi Dana,\n\nThat tip on SQL helped.\n\nAlex");
    assert!(draft
        .mailto
        .contains("subject=Thanks%20again%2C%20Dana&body=Hi%20Dana%2C%0D%0A"));
    assert!(draft.missing.is_empty());

    // Settings previews the template itself, not this edit.
    let template = db
        .template_draft(interview, TemplateKind::ThankYou)
        .unwrap();
    assert_eq!(
        (&template.subject, &template.body),
        (&fresh.subject, &fresh.body)
    );
    assert!(!template.edited);

    // The follow-up and the request keep their own texts.
    assert!(!db.draft(interview, TemplateKind::FollowUp).unwrap().edited);
    assert!(!db.draft(interview, TemplateKind::Request).unwrap().edited);

    // Saving only the body keeps the subject; an empty body goes back to the template's.
    db.save_message(interview, TemplateKind::ThankYou, &edit(None, Some("  ")))
        .unwrap();
    let draft = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert_eq!(draft.subject, "Thanks again, Dana");
    assert_eq!(draft.body, fresh.body);
}

#[test]
fn an_edited_subject_survives_marking_the_request_sent() {
    let (mut db, _, interview) = dana();
    db.save_message(
        interview,
        TemplateKind::Request,
        &edit(Some("A question from a fellow Priya fan"), None),
    )
    .unwrap();
    db.record_request_sent(interview, "Hi Dana, could I ask your advice?")
        .unwrap();
    db.restart();
    let draft = db.draft(interview, TemplateKind::Request).unwrap();
    assert_eq!(draft.subject, "A question from a fellow Priya fan");
    assert_eq!(draft.body, "Hi Dana, could I ask your advice?");
    assert!(draft.edited);
}

#[test]
fn an_edited_message_is_checked_and_a_bad_one_is_refused() {
    let (mut db, _, interview) = dana();
    for (kind, edit, field) in [
        (
            TemplateKind::ThankYou,
            edit(Some(&"s".repeat(301)), None),
            "thank_you_subject",
        ),
        (
            TemplateKind::ThankYou,
            edit(None, Some(&"b".repeat(5_001))),
            "thank_you_message",
        ),
        (
            TemplateKind::FollowUp,
            edit(Some("Tab\there"), None),
            "follow_up_subject",
        ),
        (
            TemplateKind::FollowUp,
            edit(None, Some("Nul\0here")),
            "follow_up_message",
        ),
        (
            TemplateKind::Request,
            edit(Some("Line\nbreak"), None),
            "request_subject",
        ),
    ] {
        expect_invalid(db.save_message(interview, kind, &edit), field);
    }
    // Line breaks and tabs belong in a note's body.
    db.save_message(
        interview,
        TemplateKind::FollowUp,
        &edit(None, Some("Hi,\n\tthanks")),
    )
    .unwrap();
    expect_not_found(
        db.save_message(9_999, TemplateKind::ThankYou, &edit(None, Some("Hi"))),
        "interview",
    );
}

#[test]
fn the_drafts_ask_for_the_users_name_once_and_fill_it_in_everywhere() {
    let (mut db, _, interview) = dana();
    let request = db.draft(interview, TemplateKind::Request).unwrap();
    assert!(request.ask_about_you);
    assert!(request.body.ends_with("[your name]"));
    assert!(request
        .markers
        .iter()
        .any(|m| m.name == "my_name" && m.marker == "[your name]"));
    // The user edits the thank-you while their name is still unknown.
    let thanks = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert!(thanks.ask_about_you);
    let edited = thanks.body.replace("Best wishes", "Warmly");
    db.save_message(
        interview,
        TemplateKind::ThankYou,
        &edit(None, Some(&edited)),
    )
    .unwrap();
    assert_eq!(
        db.draft(interview, TemplateKind::ThankYou).unwrap().missing,
        ["insight", "my_name"]
    );

    db.update_profile(&me()).unwrap();
    let request = db.draft(interview, TemplateKind::Request).unwrap();
    assert!(!request.ask_about_you);
    assert!(request.body.ends_with("Thank you,\nAlex Doe"));
    let thanks = db.draft(interview, TemplateKind::ThankYou).unwrap();
    assert!(
        thanks.body.ends_with("Warmly,\nAlex Doe"),
        "{}",
        thanks.body
    );
    assert_eq!(thanks.missing, ["insight"]);
    assert!(
        !thanks.ask_about_you,
        "an insight is not the user's to give here"
    );
}

#[test]
fn not_now_stops_the_drafts_asking_but_keeps_the_markers() {
    let (mut db, _, interview) = dana();
    db.skip_about_you().unwrap();
    db.restart();
    let request = db.draft(interview, TemplateKind::Request).unwrap();
    assert!(!request.ask_about_you);
    assert_eq!(request.missing, ["background", "my_name"]);
    assert!(request.body.contains("[your background]"));
}

// --- Sending the request ------------------------------------------------------------------

#[test]
fn sending_the_request_records_it_moves_the_stage_and_starts_3b7() {
    let (mut db, _, interview) = dana();
    db.record_request_sent(interview, "  Hi Dana, could I ask your advice?  ")
        .unwrap();
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.stage, Stage::InterviewRequested);
    assert_eq!(stored.request_message, "Hi Dana, could I ask your advice?");
    assert_eq!(stored.request_date, NaiveDate::from_ymd_opt(2026, 5, 4));
    assert_eq!(
        stored.history.iter().map(|e| e.stage).collect::<Vec<_>>(),
        [Stage::Identified, Stage::InterviewRequested]
    );
    // Monday's request: 3 business days is Thursday, 7 is the Wednesday after, at 09:00 local.
    assert_eq!(
        db.open_reminders(),
        [
            (NoResponse3, utc("2026-05-07 07:00")),
            (NoResponse7, utc("2026-05-13 07:00")),
        ]
    );
}

#[test]
fn sending_it_again_later_restarts_the_3b7_clock() {
    let (mut db, _, interview) = dana();
    db.record_request_sent(interview, "First try").unwrap();
    db.set_now("2026-05-06 10:00");
    db.record_request_sent(interview, "Second try").unwrap();
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.request_message, "Second try");
    assert_eq!(stored.request_date, NaiveDate::from_ymd_opt(2026, 5, 6));
    assert_eq!(
        db.open_reminders()[0],
        (NoResponse3, utc("2026-05-11 07:00"))
    );
    assert_eq!(stored.history.len(), 2, "the stage did not move twice");
}

#[test]
fn a_request_sent_to_an_interview_further_along_or_closed() {
    let (mut db, dana, scheduled) = dana();
    db.update_interview(
        scheduled,
        &InterviewInput {
            scheduled_local: Some("2026-05-08T10:00".into()),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(scheduled, Stage::Scheduled).unwrap();
    db.record_request_sent(scheduled, "Looking forward to it")
        .unwrap();
    assert_eq!(db.interview(scheduled).unwrap().stage, Stage::Scheduled);
    assert!(db.open_reminders().is_empty(), "no nudges once agreed");

    let closed = db.create_interview(dana).unwrap();
    db.set_interview_stage(closed, Stage::NoResponse).unwrap();
    db.record_request_sent(closed, "Trying once more").unwrap();
    assert_eq!(
        db.interview(closed).unwrap().stage,
        Stage::InterviewRequested
    );
}

#[test]
fn an_empty_request_is_refused_and_changes_nothing() {
    let (mut db, _, interview) = dana();
    expect_invalid(db.record_request_sent(interview, "  "), "request_message");
    expect_invalid(
        db.record_request_sent(interview, &"w ".repeat(3_000)),
        "request_message",
    );
    expect_not_found(db.record_request_sent(9_999, "Hi"), "interview");
    let stored = db.interview(interview).unwrap();
    assert_eq!(stored.stage, Stage::Identified);
    assert_eq!(stored.request_date, None);
    assert!(db.open_reminders().is_empty());
}

#[test]
fn marking_a_note_sent_from_a_reminder_knows_the_gaps_left_in_it() {
    let (mut db, _, interview) = dana();
    db.set_interview_stage(interview, Stage::Done).unwrap();
    let thank_you = db.open_reminder_id(ThankYou);
    // Dana's thank-you lacks the insight and the user's name: the reader would see both.
    assert_eq!(
        db.gaps_in_message_of(thank_you).unwrap(),
        ["[a specific thing they said]", "[your name]"]
    );

    db.update_profile(&me()).unwrap();
    db.add_insight(interview, InsightCategory::Advice, "Join the guild")
        .unwrap();
    assert!(db.gaps_in_message_of(thank_you).unwrap().is_empty());

    // The user's own text is what goes out: a marker it holds without a value is a gap again.
    db.save_message(
        interview,
        TemplateKind::ThankYou,
        &edit(
            None,
            Some("Hi Dana,\n\nI did [their tips and what you did].\n\nAlex"),
        ),
    )
    .unwrap();
    assert_eq!(
        db.gaps_in_message_of(thank_you).unwrap(),
        ["[their tips and what you did]"]
    );

    // A reminder that sends no message has none; an unknown one is named.
    let tip = db.add_tip(interview, "Read the book", None).unwrap();
    let tip_reminder: i64 = db
        .raw()
        .query_row("SELECT id FROM reminders WHERE tip_id = ?1", [tip], |row| {
            row.get(0)
        })
        .unwrap();
    assert!(db.gaps_in_message_of(tip_reminder).unwrap().is_empty());
    expect_not_found(db.gaps_in_message_of(9_999), "reminder");
}

#[test]
fn a_notifications_mark_sent_opens_the_window_while_the_note_has_gaps_and_marks_it_sent_after() {
    let (mut db, _, interview) = dana();
    db.set_interview_stage(interview, Stage::Done).unwrap();
    let thank_you = db.open_reminder_id(ThankYou);
    let reminder = db
        .upcoming_reminders(50)
        .unwrap()
        .into_iter()
        .find(|r| r.id == thank_you)
        .expect("the thank-you reminder");
    let notice = Notice::for_reminders(std::slice::from_ref(&reminder));
    assert_eq!(notice.summary, reminder.text);
    assert_eq!(
        notice.actions.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        ["default", "mark", "snooze"]
    );
    assert_eq!(notice.actions[1].1, "Mark sent");
    let answer = Answer::read("mark", &[thank_you]).unwrap();

    // "[your name]" is still in the note: it is not sent unseen, the window opens on it.
    assert_eq!(
        db.answer_notice(&answer).unwrap(),
        Then::OpenWindow(Some(thank_you))
    );
    assert_eq!(db.open_reminder_id(ThankYou), thank_you, "still open");

    db.update_profile(&me()).unwrap();
    db.add_insight(interview, InsightCategory::Advice, "Join the guild")
        .unwrap();
    assert_eq!(db.answer_notice(&answer).unwrap(), Then::Nothing);
    assert!(
        !db.open_reminders()
            .iter()
            .any(|(kind, _)| *kind == ThankYou),
        "marked sent"
    );

    // Several at once: one grouped notification that names five and counts the rest.
    let grouped = Notice::for_reminders(&vec![reminder; 7]);
    assert_eq!(grouped.summary, "7 reminders are due");
    assert_eq!(grouped.body.lines().count(), 6);
    assert!(grouped.body.ends_with("…and 2 more"), "{}", grouped.body);
    assert_eq!(grouped.actions[1], ("snooze", "Snooze all 1 h".to_owned()));
}
