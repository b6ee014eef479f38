//! The trash: what is deleted disappears everywhere, can be brought back for 30 days, and is then
//! removed for good.

mod common;

use chrono::{Duration, SubsecRound, Utc};
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::store::DATABASE_FILE;
use coffeechat_core::trash::{TrashItem, TrashKind};
use coffeechat_core::Store;

use common::{clock_at, expect_not_found, interview_form, store_at, utc, Db};

/// Dana with a scheduled interview, and Sam with none.
fn dana_and_sam() -> (Db, i64, i64, i64) {
    let mut db = store_at("2026-05-04 10:00");
    let dana = db.add_at("Dana Whitfield", "Acme Robotics");
    let sam = db.add("Sam Ortiz");
    let interview = db.create_interview(dana).unwrap();
    db.update_interview(
        interview,
        &InterviewInput {
            scheduled_local: Some("2026-05-12T14:00".into()),
            ..interview_form()
        },
    )
    .unwrap();
    db.set_interview_stage(interview, coffeechat_core::Stage::Scheduled)
        .unwrap();
    (db, dana, sam, interview)
}

/// What the user sees of the trash: kind, id and title of each item, most recent first.
fn listed(db: &Db) -> Vec<(TrashKind, i64, String)> {
    db.trash()
        .unwrap()
        .into_iter()
        .map(|item| (item.kind, item.id, item.title))
        .collect()
}

/// Where a person and their interviews show up, as counts: people list, pipeline, scheduled,
/// Today's people and interview counts.
fn visible(db: &Db) -> [usize; 5] {
    let today = db.today().unwrap();
    [
        db.people("").unwrap().len(),
        db.pipeline().unwrap().len(),
        db.scheduled_interviews(10).unwrap().len(),
        today.people_count as usize,
        today.interview_count as usize,
    ]
}

#[test]
fn a_deleted_person_disappears_everywhere_and_comes_back_whole() {
    let (mut db, dana, _, interview) = dana_and_sam();
    assert_eq!(visible(&db), [2, 1, 1, 2, 1]);

    db.set_now("2026-05-05 09:00");
    db.delete_person(dana).unwrap();
    assert_eq!(visible(&db), [1, 0, 0, 1, 0]);
    assert_eq!(db.found(""), ["Sam Ortiz"]);
    expect_not_found(db.interview(interview), "interview");
    let items: Vec<TrashItem> = db.trash().unwrap();
    assert_eq!(
        items.len(),
        1,
        "her interview comes back with her, so it is not listed"
    );
    assert_eq!(items[0].kind, TrashKind::Person);
    assert_eq!(items[0].id, dana);
    assert_eq!(items[0].title, "Dana Whitfield");
    assert_eq!(items[0].deleted_at, utc("2026-05-05 09:00"));
    assert_eq!(items[0].purge_at, utc("2026-06-04 09:00"));

    db.restore(TrashKind::Person, dana).unwrap();
    assert_eq!(visible(&db), [2, 1, 1, 2, 1]);
    let page = db.person(dana).unwrap();
    assert_eq!(page.organisation, "Acme Robotics");
    assert_eq!(page.interviews.len(), 1);
    assert_eq!(
        db.interview(interview).unwrap().scheduled_local.as_deref(),
        Some("2026-05-12T14:00")
    );
    assert!(db.trash().unwrap().is_empty());
}

#[test]
fn a_deleted_interview_is_listed_and_can_be_restored() {
    let (mut db, dana, _, interview) = dana_and_sam();
    db.delete_interview(interview).unwrap();
    assert_eq!(
        listed(&db),
        [(
            TrashKind::Interview,
            interview,
            "Interview with Dana Whitfield".to_owned()
        )]
    );
    expect_not_found(db.interview(interview), "interview");
    assert!(db.person(dana).unwrap().interviews.is_empty());
    assert_eq!(visible(&db), [2, 0, 0, 2, 0]);
    expect_not_found(db.delete_interview(interview), "interview");

    db.restore(TrashKind::Interview, interview).unwrap();
    assert_eq!(db.person(dana).unwrap().interviews.len(), 1);
    assert_eq!(visible(&db), [2, 1, 1, 2, 1]);
    assert!(listed(&db).is_empty());
}

#[test]
fn an_interview_cannot_come_back_without_its_person() {
    let (mut db, dana, _, interview) = dana_and_sam();
    db.delete_interview(interview).unwrap();
    db.set_now("2026-05-04 11:00");
    db.delete_person(dana).unwrap();
    assert_eq!(
        listed(&db),
        [(TrashKind::Person, dana, "Dana Whitfield".to_owned())]
    );
    expect_not_found(db.restore(TrashKind::Interview, interview), "interview");

    // Restoring Dana leaves the interview that was deleted on its own in the trash.
    db.restore(TrashKind::Person, dana).unwrap();
    assert_eq!(
        listed(&db),
        [(
            TrashKind::Interview,
            interview,
            "Interview with Dana Whitfield".to_owned()
        )]
    );
    assert!(db.person(dana).unwrap().interviews.is_empty());
}

#[test]
fn the_trash_lists_the_most_recently_deleted_first() {
    let (mut db, dana, sam, interview) = dana_and_sam();
    db.delete_interview(interview).unwrap();
    db.set_now("2026-05-04 12:00");
    db.delete_person(sam).unwrap();
    db.set_now("2026-05-04 11:00");
    let lee = db.add("Lee Park");
    db.delete_person(lee).unwrap();
    let ids: Vec<i64> = listed(&db).into_iter().map(|(_, id, _)| id).collect();
    assert_eq!(ids, [sam, lee, interview]);
    assert!(db.person(dana).is_ok());
}

#[test]
fn only_what_is_in_the_trash_can_be_restored() {
    let (mut db, dana, _, interview) = dana_and_sam();
    expect_not_found(db.restore(TrashKind::Person, dana), "person");
    expect_not_found(db.restore(TrashKind::Interview, interview), "interview");
    expect_not_found(db.restore(TrashKind::Person, 999), "person");
}

#[test]
fn the_trash_is_emptied_after_thirty_days_not_before() {
    let (mut db, dana, sam, interview) = dana_and_sam();
    db.delete_interview(interview).unwrap();
    db.set_now("2026-05-06 10:00");
    db.delete_person(sam).unwrap();

    // 29 days after the interview went to the trash: both kept.
    db.set_now("2026-06-02 10:00");
    assert_eq!(db.purge_old_trash().unwrap(), 0);
    assert_eq!(listed(&db).len(), 2);

    // 31 days after the interview, 29 after Sam: only the interview goes, for good.
    db.set_now("2026-06-04 10:01");
    assert_eq!(db.purge_old_trash().unwrap(), 1);
    assert_eq!(
        listed(&db),
        [(TrashKind::Person, sam, "Sam Ortiz".to_owned())]
    );
    expect_not_found(db.restore(TrashKind::Interview, interview), "interview");
    assert_eq!(db.count("interviews"), 0);
    assert!(db.person(dana).is_ok());

    db.set_now("2026-06-06 10:01");
    assert_eq!(db.purge_old_trash().unwrap(), 1);
    assert!(listed(&db).is_empty());
    expect_not_found(db.restore(TrashKind::Person, sam), "person");
    assert_eq!(db.count("people"), 1);
    assert_eq!(db.found(""), ["Dana Whitfield"]);
}

#[test]
fn opening_the_file_empties_what_is_older_than_thirty_days() {
    // Opening uses the real clock, so the deletions happen relative to it.
    let now = Utc::now().trunc_subsecs(0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let mut store = Store::open(&path)
        .unwrap()
        .with_clock(clock_at(now - Duration::days(31)));
    let old = store.add_person(&common::person("Old Contact")).unwrap();
    let recent = store.add_person(&common::person("Recent Contact")).unwrap();
    let old_interview = store.create_interview(recent).unwrap();
    let kept = store.add_person(&common::person("Kept Contact")).unwrap();
    store.delete_person(old).unwrap();
    store.delete_interview(old_interview).unwrap();
    let mut store = store.with_clock(clock_at(now - Duration::days(29)));
    store.delete_person(recent).unwrap();
    assert_eq!(store.trash().unwrap().len(), 2);
    drop(store);

    let store = Store::open(&path).unwrap();
    let trash = store.trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!((trash[0].kind, trash[0].id), (TrashKind::Person, recent));
    assert_eq!(common::names(&store.people("").unwrap()), ["Kept Contact"]);
    assert!(store.person(kept).is_ok());
    // Gone for good means gone from the file, not just hidden.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(
        count(&format!("SELECT count(*) FROM people WHERE id = {old}")),
        0
    );
    assert_eq!(count("SELECT count(*) FROM interviews"), 0);
}
