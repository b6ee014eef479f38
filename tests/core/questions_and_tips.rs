//! Preparing questions for an interview from the bank or in one's own words, and following up on
//! the tips heard.

mod common;

use coffeechat_core::questions::PrepareQuestion;
use coffeechat_core::stage::Direction::{Back, Forward};

use common::{expect_invalid, expect_not_found, store_at, utc, Db};

fn dana_interview() -> (Db, i64) {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add("Dana Whitfield");
    let interview = db.create_interview(dana).unwrap();
    (db, interview)
}

fn from_bank(id: i64) -> PrepareQuestion {
    PrepareQuestion {
        question_id: Some(id),
        text: String::new(),
    }
}

fn own(text: &str) -> PrepareQuestion {
    PrepareQuestion {
        question_id: None,
        text: text.into(),
    }
}

/// The texts of an interview's prepared questions, in order.
fn prepared(db: &Db, interview: i64) -> Vec<String> {
    db.interview(interview)
        .unwrap()
        .questions
        .into_iter()
        .map(|q| q.text)
        .collect()
}

#[test]
fn the_bank_holds_the_articles_three_questions_and_tiara() {
    let db = store_at("2026-05-04 10:00");
    let bank = db.question_bank().unwrap();
    let categories: Vec<&str> = bank.iter().map(|q| q.category.as_str()).collect();
    assert_eq!(
        categories,
        [
            "article",
            "article",
            "article",
            "tiara_trends",
            "tiara_insights",
            "tiara_advice",
            "tiara_resources",
            "tiara_assignments"
        ]
    );
    assert_eq!(bank[0].text, "How did you get started in this field?");
    assert_eq!(bank[1].text, "Which positions are in demand right now?");
    assert_eq!(
        bank[2].text,
        "How could someone with my background get a foot in the door?"
    );
}

#[test]
fn questions_are_prepared_from_the_bank_and_in_ones_own_words() {
    let (mut db, interview) = dana_interview();
    let bank = db.question_bank().unwrap();
    let first = db
        .prepare_question(interview, &from_bank(bank[0].id))
        .unwrap();
    db.prepare_question(interview, &own("  What do you wish you had known?  "))
        .unwrap();
    db.prepare_question(interview, &from_bank(bank[3].id))
        .unwrap();

    let questions = db.interview(interview).unwrap().questions;
    let texts: Vec<&str> = questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "How did you get started in this field?",
            "What do you wish you had known?",
            "What trends are changing your field at the moment?"
        ]
    );
    assert_eq!(questions[0].id, first);
    assert_eq!(questions[0].question_id, Some(bank[0].id));
    assert_eq!(questions[1].question_id, None);
    assert!(questions.iter().all(|q| !q.asked && q.answer.is_empty()));
    assert_eq!(
        db.question_bank().unwrap().len(),
        8,
        "one's own question stays with the interview"
    );
}

#[test]
fn a_question_is_on_the_list_only_once() {
    let (mut db, interview) = dana_interview();
    let bank = db.question_bank().unwrap();
    db.prepare_question(interview, &from_bank(bank[1].id))
        .unwrap();
    db.prepare_question(interview, &own("What is a normal day like?"))
        .unwrap();

    expect_invalid(
        db.prepare_question(interview, &from_bank(bank[1].id)),
        "question",
    );
    expect_invalid(
        db.prepare_question(interview, &own(&bank[1].text)),
        "question",
    );
    expect_invalid(
        db.prepare_question(interview, &own(" What is a normal day like? ")),
        "question",
    );
    assert_eq!(prepared(&db, interview).len(), 2);

    // Another interview may ask the same.
    let sam = db.add("Sam Ortiz");
    let other = db.create_interview(sam).unwrap();
    db.prepare_question(other, &from_bank(bank[1].id)).unwrap();
    assert_eq!(prepared(&db, other), [bank[1].text.clone()]);
}

#[test]
fn a_question_must_have_words() {
    let (mut db, interview) = dana_interview();
    expect_invalid(db.prepare_question(interview, &own("")), "question");
    expect_invalid(db.prepare_question(interview, &own("   ")), "question");
    expect_invalid(
        db.prepare_question(interview, &own(&"?".repeat(501))),
        "question",
    );
    db.prepare_question(interview, &own(&"?".repeat(500)))
        .unwrap();
    expect_not_found(db.prepare_question(interview, &from_bank(999)), "question");
    expect_not_found(db.prepare_question(999, &own("Anything?")), "interview");
    assert_eq!(prepared(&db, interview).len(), 1);
}

#[test]
fn questions_are_reordered_and_removed() {
    let (mut db, interview) = dana_interview();
    let add = |db: &mut Db, text: &str| db.prepare_question(interview, &own(text)).unwrap();
    let a = add(&mut db, "A?");
    let b = add(&mut db, "B?");
    let c = add(&mut db, "C?");

    let check = |db: &Db, expected: &[&str]| assert_eq!(prepared(db, interview), expected);
    db.move_prepared_question(c, Back).unwrap();
    check(&db, &["A?", "C?", "B?"]);
    db.move_prepared_question(a, Back).unwrap();
    check(&db, &["A?", "C?", "B?"]);
    db.move_prepared_question(b, Forward).unwrap();
    check(&db, &["A?", "C?", "B?"]);
    db.move_prepared_question(a, Forward).unwrap();
    check(&db, &["C?", "A?", "B?"]);
    db.move_prepared_question(b, Back).unwrap();
    check(&db, &["C?", "B?", "A?"]);

    db.remove_prepared_question(b).unwrap();
    check(&db, &["C?", "A?"]);
    expect_not_found(db.remove_prepared_question(b), "question");
    expect_not_found(db.move_prepared_question(b, Forward), "question");
    add(&mut db, "D?");
    check(&db, &["C?", "A?", "D?"]);
    db.move_prepared_question(a, Forward).unwrap();
    check(&db, &["C?", "D?", "A?"]);
    // A removed question can be prepared again.
    add(&mut db, "B?");
    check(&db, &["C?", "D?", "A?", "B?"]);
}

#[test]
fn questions_of_an_interview_in_the_trash_cannot_be_changed() {
    let (mut db, interview) = dana_interview();
    let q = db.prepare_question(interview, &own("A?")).unwrap();
    db.delete_interview(interview).unwrap();
    expect_not_found(db.move_prepared_question(q, Back), "interview");
    expect_not_found(db.remove_prepared_question(q), "interview");
    expect_not_found(db.prepare_question(interview, &own("B?")), "interview");
    db.restore(coffeechat_core::trash::TrashKind::Interview, interview)
        .unwrap();
    assert_eq!(prepared(&db, interview), ["A?"]);
}

#[test]
fn tips_are_noted_and_followed_up_once() {
    let (mut db, interview) = dana_interview();
    let blog = db
        .add_tip(
            interview,
            "  Read the team's engineering blog ",
            Some("2026-05-18T09:00"),
        )
        .unwrap();
    let meetup = db.add_tip(interview, "Go to the UX meetup", None).unwrap();

    let tips = db.tips(interview).unwrap();
    assert_eq!(tips.len(), 2);
    assert_eq!(tips[0].id, blog);
    assert_eq!(tips[0].text, "Read the team's engineering blog");
    assert_eq!(
        tips[0].due_at,
        Some(utc("2026-05-18 07:00")),
        "09:00 at +02:00"
    );
    assert_eq!(tips[1].id, meetup);
    assert_eq!(tips[1].due_at, None);
    assert!(tips.iter().all(|tip| tip.done_at.is_none()));

    db.set_now("2026-05-17 18:00");
    db.complete_tip(blog).unwrap();
    let tips = db.tips(interview).unwrap();
    assert_eq!(tips[0].done_at, Some(utc("2026-05-17 18:00")));
    assert_eq!(tips[1].done_at, None);

    db.set_now("2026-05-18 18:00");
    expect_invalid(db.complete_tip(blog), "tip");
    assert_eq!(
        db.tips(interview).unwrap()[0].done_at,
        Some(utc("2026-05-17 18:00")),
        "the first completion stands"
    );
}

#[test]
fn a_tip_needs_text_a_real_due_date_and_a_live_interview() {
    let (mut db, interview) = dana_interview();
    expect_invalid(db.add_tip(interview, "  ", None), "tip");
    expect_invalid(db.add_tip(interview, &"t".repeat(1_001), None), "tip");
    expect_invalid(
        db.add_tip(interview, "Call Lee", Some("2026-05-32T09:00")),
        "tip_due",
    );
    expect_invalid(
        db.add_tip(interview, "Call Lee", Some("next week")),
        "tip_due",
    );
    expect_not_found(db.add_tip(999, "Call Lee", None), "interview");
    expect_not_found(db.complete_tip(999), "tip");
    assert!(db.tips(interview).unwrap().is_empty());

    let tip = db.add_tip(interview, "Call Lee", None).unwrap();
    db.delete_interview(interview).unwrap();
    expect_not_found(db.complete_tip(tip), "interview");
    expect_not_found(db.add_tip(interview, "Call Kim", None), "interview");
}
