//! Sixty days of use, simulated against a real SQLite file in Europe/Berlin (across the spring
//! daylight-saving change): a user who asks people for interviews, gets replies, meets them,
//! thanks some late, follows up on tips and snoozes a nudge now and then; an app that is quit
//! and started again five times and a laptop that sleeps for two days.
//!
//! The scheduler is driven the way the app drives it: it ticks when its sleep ends, when the
//! user changes something, and at start. The test checks what the user would notice: every
//! reminder is shown exactly once for each time it falls due, none is missed, none is shown
//! early or in the quiet hours, one that fell due while the app was closed or the laptop asleep
//! is shown right after, several of them together, and a live one within a minute.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;
use coffeechat_core::interviews::InterviewInput;
use coffeechat_core::people::PersonInput;
use coffeechat_core::reminder_rules::{self as rules, Snooze};
use coffeechat_core::reminders::ReminderKind;
use coffeechat_core::settings::Settings;
use coffeechat_core::stage::Stage;
use coffeechat_core::store::DATABASE_FILE;
use coffeechat_core::{Clock, FixedClock, Store};

fn berlin(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap();
    Berlin
        .from_local_datetime(&date.and_time(time))
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn clock(now: DateTime<Utc>) -> FixedClock<Tz> {
    FixedClock { now, zone: Berlin }
}

/// What happens, and when.
#[derive(Debug, Clone)]
enum Event {
    /// The user asks person `n` for an interview.
    Request(usize),
    /// Person `n` replies.
    Reply(usize),
    /// The interview with person `n` is put in the calendar for the next day at 15:00.
    Schedule(usize),
    /// It took place: marked done, with a tip.
    MarkDone(usize),
    /// The user sends the thank-you note (marks the reminder sent).
    Thank(usize),
    /// The user follows up on the tips of person `n`.
    FollowTips(usize),
    /// The user logs a contact with person `n`.
    Contact(usize),
    /// The app is quit / started again.
    Quit,
    Start,
    /// The laptop sleeps / wakes up.
    Suspend,
    Resume,
}

/// One notification: which reminder, for which due instant, when, and in a batch of how many.
#[derive(Debug, Clone)]
struct Shown {
    id: i64,
    kind: ReminderKind,
    due: DateTime<Utc>,
    at: DateTime<Utc>,
    batch: usize,
}

struct Sim {
    path: PathBuf,
    _dir: tempfile::TempDir,
    store: Option<Store>,
    /// Person `n` and their interview, once requested (a request is skipped while the app is
    /// closed, and so is everything after it).
    people: HashMap<usize, (i64, i64)>,
    shown: Vec<Shown>,
    /// When the app could not show anything: (from, until).
    down: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

impl Sim {
    fn new(start: DateTime<Utc>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        let store = Store::open(&path).unwrap().with_clock(clock(start));
        Sim {
            path,
            _dir: dir,
            store: Some(store),
            people: HashMap::new(),
            shown: Vec::new(),
            down: Vec::new(),
        }
    }

    /// The running app's store with its clock at `now`.
    fn at(&mut self, now: DateTime<Utc>) -> &mut Store {
        let store = self.store.take().expect("the app is running");
        self.store = Some(store.with_clock(clock(now)));
        self.store.as_mut().unwrap()
    }

    /// One wake-up of the scheduler; returns how long it sleeps.
    fn tick(&mut self, now: DateTime<Utc>) -> Duration {
        let tick = self.at(now).tick().unwrap();
        let batch = tick.claimed.len();
        for reminder in &tick.claimed {
            self.shown.push(Shown {
                id: reminder.id,
                kind: reminder.kind,
                due: reminder.snoozed_until.unwrap_or(reminder.due_at),
                at: now,
                batch,
            });
        }
        // The user snoozes the first "send one follow-up" nudge of each person for an hour.
        let to_snooze: Vec<i64> = tick
            .claimed
            .iter()
            .filter(|r| r.kind == ReminderKind::NoResponse7 && r.snoozed_until.is_none())
            .map(|r| r.id)
            .collect();
        for id in to_snooze {
            self.at(now).snooze_reminder(id, Snooze::OneHour).unwrap();
        }
        Duration::from_std(tick.sleep).unwrap()
    }

    fn act(&mut self, now: DateTime<Utc>, event: &Event) {
        let today = clock(now).today();
        match *event {
            Event::Request(n) => {
                let store = self.at(now);
                let person = store
                    .add_person(&PersonInput {
                        name: format!("Person {n}"),
                        organisation: format!("Org {}", n % 7),
                        ..PersonInput::default()
                    })
                    .unwrap();
                let interview = store.create_interview(person).unwrap();
                store
                    .set_interview_stage(interview, Stage::InterviewRequested)
                    .unwrap();
                self.people.insert(n, (person, interview));
            }
            Event::Reply(n) => {
                let Some(&(_, interview)) = self.people.get(&n) else {
                    return;
                };
                self.at(now).record_reply(interview, None).unwrap();
            }
            Event::Schedule(n) => {
                let Some(&(_, interview)) = self.people.get(&n) else {
                    return;
                };
                let start = today + Duration::days(1);
                self.at(now)
                    .update_interview(
                        interview,
                        &InterviewInput {
                            scheduled_local: Some(format!("{start}T15:00")),
                            planned_minutes: 20,
                            ..InterviewInput::default()
                        },
                    )
                    .unwrap();
                self.at(now)
                    .set_interview_stage(interview, Stage::Scheduled)
                    .unwrap();
            }
            Event::MarkDone(n) => {
                let Some(&(_, interview)) = self.people.get(&n) else {
                    return;
                };
                let store = self.at(now);
                store.set_interview_stage(interview, Stage::Done).unwrap();
                store
                    .add_tip(interview, &format!("Tip from person {n}"), None)
                    .unwrap();
            }
            Event::Thank(n) => {
                let Some(&(_, interview)) = self.people.get(&n) else {
                    return;
                };
                let interview = Some(interview);
                let store = self.at(now);
                let due = store.due_reminders().unwrap();
                let thank_you = due
                    .iter()
                    .find(|r| r.interview_id == interview && r.kind == ReminderKind::ThankYou);
                if let Some(reminder) = thank_you {
                    store.complete_reminder(reminder.id).unwrap();
                }
            }
            Event::FollowTips(n) => {
                let Some(&(_, interview)) = self.people.get(&n) else {
                    return;
                };
                let store = self.at(now);
                for tip in store.tips(interview).unwrap() {
                    if tip.done_at.is_none() {
                        store.complete_tip(tip.id).unwrap();
                    }
                }
            }
            Event::Contact(n) => {
                let Some(&(person, _)) = self.people.get(&n) else {
                    return;
                };
                self.at(now).log_contact(person, "Coffee").unwrap();
            }
            Event::Quit => drop(self.store.take()),
            Event::Start => {
                self.store = Some(Store::open(&self.path).unwrap().with_clock(clock(now)));
            }
            Event::Suspend | Event::Resume => {}
        }
    }
}

/// The user's sixty days: a request every day at 10:00; replies from two people in three;
/// interviews the day after the reply is scheduled; thank-yous sent the next morning for most
/// (late for some, never for others); tips followed up after two weeks.
fn script(first: NaiveDate) -> Vec<(DateTime<Utc>, Event)> {
    let mut events = Vec::new();
    for n in 0..45 {
        let day = first + Duration::days(n as i64);
        events.push((berlin(day, 10, 0), Event::Request(n)));
        if n % 3 != 2 {
            // Replies come 1, 2, 4 or 6 days later, at 11:30.
            let after = [1, 2, 4, 6][n % 4];
            let reply = day + Duration::days(after);
            events.push((berlin(reply, 11, 30), Event::Reply(n)));
            events.push((berlin(reply, 11, 45), Event::Schedule(n)));
            let met = reply + Duration::days(1);
            events.push((berlin(met, 15, 40), Event::MarkDone(n)));
            match n % 5 {
                0..=2 => events.push((berlin(met + Duration::days(1), 15, 30), Event::Thank(n))),
                3 => events.push((berlin(met + Duration::days(2), 19, 0), Event::Thank(n))),
                _ => {}
            }
            if n % 2 == 0 {
                events.push((
                    berlin(met + Duration::days(15), 10, 15),
                    Event::FollowTips(n),
                ));
            }
            if n % 6 == 0 {
                events.push((berlin(met + Duration::days(20), 12, 0), Event::Contact(n)));
            }
        }
    }
    // Five restarts: quit in the evening, started again some hours or days later.
    for (quit_day, quit_hour, closed_hours) in [
        (4, 18, 15),
        (11, 23, 34),
        (19, 13, 3),
        (32, 17, 64),
        (46, 20, 13),
    ] {
        let quit = berlin(first + Duration::days(quit_day), quit_hour, 5);
        events.push((quit, Event::Quit));
        events.push((quit + Duration::hours(closed_hours), Event::Start));
    }
    // The laptop sleeps from Friday night to Sunday morning, the app still running.
    let sleep = berlin(first + Duration::days(40), 22, 30);
    events.push((sleep, Event::Suspend));
    events.push((sleep + Duration::hours(57), Event::Resume));
    events.sort_by_key(|(at, _)| *at);
    events
}

#[test]
fn sixty_days_with_restarts_and_a_suspend_show_every_reminder_exactly_once() {
    let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let start = berlin(first, 8, 0);
    let end = start + Duration::days(60);
    let settings = Settings::default();
    let mut sim = Sim::new(start);

    let mut next_tick = start;
    let mut up = true;
    let mut down_since = start;
    for (at, event) in script(first) {
        // The scheduler runs until the next event.
        while up && next_tick <= at {
            let sleep = sim.tick(next_tick);
            next_tick += sleep;
        }
        match event {
            Event::Quit | Event::Suspend => {
                up = false;
                down_since = at;
            }
            Event::Start | Event::Resume => {
                up = true;
                sim.down.push((down_since, at));
            }
            _ => {}
        }
        if !up && !matches!(event, Event::Quit) {
            continue;
        }
        sim.act(at, &event);
        next_tick = match event {
            // After a suspend the scheduler's sleep (at most a minute) runs out.
            Event::Resume => at + Duration::seconds(37),
            // A start and any change wake it at once.
            _ => at,
        };
    }
    while next_tick <= end {
        let sleep = sim.tick(next_tick);
        next_tick += sleep;
    }

    let zone_clock = clock(end);

    // Exactly once: no reminder shown twice for the same due instant.
    let mut seen = HashMap::new();
    for shown in &sim.shown {
        if let Some(before) = seen.insert((shown.id, shown.due), shown.at) {
            panic!("{shown:?} was already shown at {before}");
        }
    }

    // None missed: nothing open is due and unshown, except about someone in the trash.
    let unshown: i64 = rusqlite::Connection::open(&sim.path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM reminders WHERE done_at IS NULL AND notified_at IS NULL
             AND COALESCE(snoozed_until, due_at) <= ?1",
            [end],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(unshown, 0, "reminders due but never shown");

    // Never early, never in quiet hours; on time, or right after the app could show it.
    for shown in &sim.shown {
        assert!(shown.at >= shown.due, "{shown:?} shown early");
        assert!(
            !rules::is_quiet(&zone_clock, shown.at, &settings),
            "{shown:?} shown in quiet hours"
        );
        let could = rules::shown_at(&zone_clock, shown.due, &settings);
        let blocked = sim
            .down
            .iter()
            .find(|(from, until)| *from <= could && could < *until);
        let deadline = match blocked {
            Some((_, until)) => {
                rules::shown_at(&zone_clock, *until, &settings) + Duration::seconds(60)
            }
            None => could + Duration::seconds(60),
        };
        assert!(
            shown.at <= deadline,
            "{shown:?} shown late (deadline {deadline})"
        );
    }

    // What fell due while the app was closed or asleep came in one grouped notification.
    let backlog_batches: Vec<usize> = sim
        .down
        .iter()
        .filter_map(|(_, until)| {
            let first = sim.shown.iter().find(|s| s.at >= *until)?;
            Some(first.batch).filter(|_| first.at <= *until + Duration::minutes(10))
        })
        .collect();
    assert!(
        backlog_batches.iter().any(|&batch| batch > 1),
        "several reminders that fell due while closed are grouped: {backlog_batches:?}"
    );

    // The story has what the user expects: many of every kind, thank-yous never sent got
    // their last call, and the nudges snoozed came back once more.
    let count = |kind| sim.shown.iter().filter(|s| s.kind == kind).count();
    for kind in [
        ReminderKind::ThankYou,
        ReminderKind::ThankYouFinal,
        ReminderKind::Tip,
        ReminderKind::FollowUpNote,
        ReminderKind::NoResponse3,
        ReminderKind::NoResponse7,
    ] {
        assert!(count(kind) > 0, "no {kind:?} was ever shown");
    }
    let snoozed_again = sim
        .shown
        .iter()
        .filter(|s| s.kind == ReminderKind::NoResponse7)
        .fold(HashMap::new(), |mut times, s| {
            *times.entry(s.id).or_insert(0) += 1;
            times
        });
    assert!(
        snoozed_again.values().all(|&times| times == 2),
        "{snoozed_again:?}"
    );
    assert!(sim.at(end).due_reminders().unwrap().len() > 5);
    println!(
        "{} notifications of {} reminders over 60 days; backlog batches {backlog_batches:?}",
        sim.shown.len(),
        seen.len()
    );
}
