//! Progress: each figure on a data set built here (ten interviews at every stage of the method,
//! requests answered quickly, late and never, thank-yous on time, late and missing), with the
//! numbers worked out by hand in the comments.

mod common;

use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::progress::{MonthCount, WEEKLY_GOAL_MAX};
use coffeechat_core::Stage;

use common::{expect_invalid, interview_form, store_at, Db};

/// "Now" is Wednesday 13 May 2026, 10:00 UTC (12:00 in the tests' zone, UTC+2).
const NOW: &str = "2026-05-13 10:00";

struct Plan {
    name: &'static str,
    stage: Stage,
    request: Option<&'static str>,
    reply: Option<&'static str>,
    /// Local start, planned and real minutes.
    meeting: Option<(&'static str, i64, Option<i64>)>,
    /// When (UTC) it was marked thanked.
    thanked: Option<&'static str>,
}

fn build() -> Db {
    use Stage::*;
    let plans = [
        Plan {
            name: "A",
            stage: Identified,
            request: None,
            reply: None,
            meeting: None,
            thanked: None,
        },
        Plan {
            name: "B",
            stage: ConnectionRequested,
            request: None,
            reply: None,
            meeting: None,
            thanked: None,
        },
        // Asked Monday 4 May, answered Wednesday: within 3 business days, a booster.
        Plan {
            name: "C",
            stage: InterviewRequested,
            request: Some("2026-05-04"),
            reply: Some("2026-05-06"),
            meeting: None,
            thanked: None,
        },
        // Asked 20 April, answered 1 May: late.
        Plan {
            name: "D",
            stage: InterviewRequested,
            request: Some("2026-04-20"),
            reply: Some("2026-05-01"),
            meeting: None,
            thanked: None,
        },
        // Asked 27 April, no answer by 6 May (7 business days): silent.
        Plan {
            name: "E",
            stage: InterviewRequested,
            request: Some("2026-04-27"),
            reply: None,
            meeting: None,
            thanked: None,
        },
        // Asked Monday 11 May: still waiting.
        Plan {
            name: "F",
            stage: InterviewRequested,
            request: Some("2026-05-11"),
            reply: None,
            meeting: None,
            thanked: None,
        },
        // 10 March 14:00 local (12:00 UTC), 20 planned, 30 real; thanked the next morning.
        Plan {
            name: "G",
            stage: Thanked,
            request: None,
            reply: None,
            meeting: Some(("2026-03-10T14:00", 20, Some(30))),
            thanked: Some("2026-03-11 09:00"),
        },
        // 15 April, 20 planned, 45 real; thanked three days later: late.
        Plan {
            name: "H",
            stage: Thanked,
            request: None,
            reply: None,
            meeting: Some(("2026-04-15T11:00", 20, Some(45))),
            thanked: Some("2026-04-18 09:00"),
        },
        // Yesterday 10:00 local (08:00 UTC), 30 planned, ended 08:30 UTC: 25.5 h without thanks.
        Plan {
            name: "I",
            stage: Done,
            request: None,
            reply: None,
            meeting: Some(("2026-05-12T10:00", 30, None)),
            thanked: None,
        },
        // 2 May, 20 and 20; thanked the same evening, then followed up.
        Plan {
            name: "J",
            stage: FollowedUp,
            request: None,
            reply: None,
            meeting: Some(("2026-05-02T12:00", 20, Some(20))),
            thanked: Some("2026-05-02 18:00"),
        },
    ];
    let mut db = store_at(NOW);
    for plan in plans {
        let person = db.add(&format!("Person {}", plan.name));
        let id = db.create_interview(person).unwrap();
        let (scheduled, planned, actual) = match plan.meeting {
            Some((at, planned, actual)) => (Some(at.to_owned()), planned, actual),
            None => (None, 20, None),
        };
        db.update_interview(
            id,
            &InterviewInput {
                request_date: plan.request.map(str::to_owned),
                scheduled_local: scheduled,
                planned_minutes: planned,
                actual_minutes: actual,
                ..interview_form()
            },
        )
        .unwrap();
        if let Some(reply) = plan.reply {
            db.record_reply(id, Some(reply)).unwrap();
        }
        match plan.thanked {
            Some(at) => {
                db.set_interview_stage(id, Stage::Done).unwrap();
                db.set_now(at);
                db.set_interview_stage(id, Stage::Thanked).unwrap();
                db.set_interview_stage(id, plan.stage).unwrap();
                db.set_now(NOW);
            }
            None => db.set_interview_stage(id, plan.stage).unwrap(),
        }
    }
    // An interview in the trash counts nowhere.
    let gone = db.add("Person K");
    let gone = db.create_interview(gone).unwrap();
    db.set_interview_stage(gone, Stage::FollowedUp).unwrap();
    db.delete_interview(gone).unwrap();
    db
}

#[test]
fn the_funnel_counts_who_reached_each_stage_and_the_conversion_between_steps() {
    let db = build();
    let progress = db.progress().unwrap();
    let funnel: Vec<(Stage, i64, Option<i64>)> = progress
        .funnel
        .iter()
        .map(|s| (s.stage, s.count, s.conversion_percent))
        .collect();
    use Stage::*;
    assert_eq!(
        funnel,
        [
            (Identified, 10, None),
            (ConnectionRequested, 9, Some(90)),
            (Connected, 8, Some(89)),
            (InterviewRequested, 8, Some(100)),
            (Scheduled, 4, Some(50)),
            (Done, 4, Some(100)),
            (Thanked, 3, Some(75)),
            (FollowedUp, 1, Some(33)),
        ]
    );
}

#[test]
fn interviews_per_month_answers_thank_yous_and_lengths() {
    let db = build();
    let p = db.progress().unwrap();
    assert_eq!(p.months.len(), 12);
    assert_eq!(
        p.months[0],
        MonthCount {
            month: "2025-06".into(),
            count: 0
        }
    );
    let recent: Vec<(&str, i64)> = p.months[9..]
        .iter()
        .map(|m| (m.month.as_str(), m.count))
        .collect();
    assert_eq!(recent, [("2026-03", 1), ("2026-04", 1), ("2026-05", 2)]);
    assert_eq!(p.months.iter().map(|m| m.count).sum::<i64>(), 4);

    let r = &p.responses;
    assert_eq!((r.booster, r.late, r.silent, r.waiting), (1, 1, 1, 1));

    let t = &p.thank_yous;
    assert_eq!(
        (t.hours, t.on_time, t.late, t.missing, t.pending),
        (24, 2, 1, 1, 0)
    );

    // G 30 of 20, H 45 of 20, J 20 of 20: 95 / 3 = 31.7 real, 20 planned.
    assert_eq!(p.lengths.interviews, 3);
    assert_eq!(p.lengths.average_actual, Some(31.7));
    assert_eq!(p.lengths.average_planned, Some(20.0));
}

#[test]
fn the_weekly_goal_and_its_streak() {
    let mut db = build();
    // Requests in the weeks of 20 April, 27 April, 4 May and 11 May: one each.
    let goal = db.progress().unwrap().goal;
    assert_eq!((goal.per_week, goal.this_week, goal.streak), (2, 1, 0));
    let weeks: Vec<i64> = goal.weeks.iter().map(|w| w.count).collect();
    assert_eq!(weeks, [0, 0, 0, 0, 1, 1, 1, 1]);

    db.set_weekly_goal(1).unwrap();
    let goal = db.progress().unwrap().goal;
    assert_eq!((goal.per_week, goal.this_week, goal.streak), (1, 1, 4));
    db.restart();
    assert_eq!(db.progress().unwrap().goal.per_week, 1);

    expect_invalid(db.set_weekly_goal(0), "per_week");
    expect_invalid(db.set_weekly_goal(WEEKLY_GOAL_MAX + 1), "per_week");
}

#[test]
fn an_empty_file_has_nothing_to_show_but_every_chart_its_frame() {
    let db = store_at(NOW);
    let p = db.progress().unwrap();
    assert_eq!(p.months.len(), 12);
    assert!(p.months.iter().all(|m| m.count == 0));
    assert!(p
        .funnel
        .iter()
        .all(|s| s.count == 0 && s.conversion_percent.is_none()));
    assert_eq!(p.lengths.average_actual, None);
    assert_eq!(p.goal.streak, 0);
}
