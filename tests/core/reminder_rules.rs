//! The reminder rules of PRODUCT.md, table-driven, in real time zones with daylight saving
//! (Europe/Berlin and America/New_York, both changes of 2026), at the edges of quiet hours, and
//! for each snooze.
//!
//! 2026's changes: Berlin springs forward on Sun 29 March (02:00 → 03:00) and falls back on
//! Sun 25 October (03:00 → 02:00); New York on Sun 8 March and Sun 1 November.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;
use coffeechat_core::reminder_rules::{
    self as rules, add_business_days, responsiveness, Responsiveness, Snooze,
};
use coffeechat_core::settings::Settings;
use coffeechat_core::FixedClock;

/// A wall-clock time in `zone` ("YYYY-MM-DD HH:MM"), which must exist exactly once.
fn local(zone: Tz, text: &str) -> DateTime<Utc> {
    let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    zone.from_local_datetime(&naive)
        .single()
        .unwrap_or_else(|| panic!("{text} is not a single instant in {zone}"))
        .with_timezone(&Utc)
}

fn utc(text: &str) -> DateTime<Utc> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn clock(zone: Tz) -> FixedClock<Tz> {
    FixedClock {
        now: utc("2026-01-01 00:00"),
        zone,
    }
}

fn hm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

#[test]
fn the_thank_you_is_due_the_next_day_at_the_same_wall_clock_time() {
    let settings = Settings::default();
    // (zone, interview ended (UTC), thank-you due (UTC), why)
    let cases = [
        (
            Berlin,
            "2026-03-10 13:00",
            "2026-03-11 13:00",
            "an ordinary day in winter",
        ),
        (
            Berlin,
            "2026-03-28 13:00",
            "2026-03-29 12:00",
            "14:00 CET → 14:00 CEST, 23 h later",
        ),
        (
            Berlin,
            "2026-10-24 12:00",
            "2026-10-25 13:00",
            "14:00 CEST → 14:00 CET, 25 h later",
        ),
        (
            New_York,
            "2026-03-07 19:00",
            "2026-03-08 18:00",
            "14:00 EST → 14:00 EDT",
        ),
        (
            New_York,
            "2026-10-31 18:00",
            "2026-11-01 19:00",
            "14:00 EDT → 14:00 EST",
        ),
        (
            Berlin,
            "2026-03-28 01:30",
            "2026-03-29 01:00",
            "02:30 does not exist: 03:00 CEST",
        ),
        (
            Berlin,
            "2026-10-24 00:30",
            "2026-10-25 00:30",
            "02:30 happens twice: the first",
        ),
        (
            New_York,
            "2026-03-07 07:30",
            "2026-03-08 07:00",
            "02:30 does not exist: 03:00 EDT",
        ),
    ];
    for (zone, ended, due, why) in cases {
        assert_eq!(
            rules::thank_you_due(&clock(zone), utc(ended), &settings),
            utc(due),
            "{zone}: {why}"
        );
    }
}

#[test]
fn the_last_thank_you_reminder_comes_on_day_three() {
    let settings = Settings::default();
    let cases = [
        (Berlin, "2026-03-27 14:00", "2026-03-30 14:00"),
        (Berlin, "2026-10-23 14:00", "2026-10-26 14:00"),
        (New_York, "2026-10-30 16:45", "2026-11-02 16:45"),
    ];
    for (zone, ended, due) in cases {
        assert_eq!(
            rules::thank_you_final_due(&clock(zone), local(zone, ended), &settings),
            local(zone, due),
            "{zone} {ended}"
        );
    }
    let later = Settings {
        thank_you_hours: 48,
        thank_you_final_days: 5,
        ..Settings::default()
    };
    assert_eq!(
        rules::thank_you_due(&clock(Berlin), local(Berlin, "2026-03-27 14:00"), &later),
        local(Berlin, "2026-03-29 14:00")
    );
    assert_eq!(
        rules::thank_you_final_due(&clock(Berlin), local(Berlin, "2026-03-27 14:00"), &later),
        local(Berlin, "2026-04-01 14:00")
    );
}

#[test]
fn tips_and_keep_in_touch_fall_due_at_nine_in_the_morning() {
    let settings = Settings::default();
    let cases = [
        // Tip: 14 days after the interview's day, across the spring change.
        (Berlin, "tip", "2026-03-15", "2026-03-29 09:00"),
        (New_York, "tip", "2026-02-25", "2026-03-11 09:00"),
        // Keep in touch: 90 days after the last contact, across the autumn change.
        (Berlin, "keep", "2026-08-01", "2026-10-30 09:00"),
        (New_York, "keep", "2026-08-05", "2026-11-03 09:00"),
    ];
    for (zone, rule, date, due) in cases {
        let found = match rule {
            "tip" => rules::tip_due(&clock(zone), day(date), &settings),
            _ => rules::keep_in_touch_due(&clock(zone), day(date), &settings),
        };
        assert_eq!(found, local(zone, due), "{zone} {rule} {date}");
    }
    assert_eq!(
        rules::tip_due(&clock(Berlin), day("2026-03-15"), &settings),
        utc("2026-03-29 07:00"),
        "09:00 CEST, not 09:00 CET"
    );
}

#[test]
fn no_response_nudges_count_business_days_and_holidays() {
    let easter = Settings {
        // Good Friday and Easter Monday 2026.
        holidays: vec![day("2026-04-03"), day("2026-04-06")],
        ..Settings::default()
    };
    let plain = Settings::default();
    // (zone, settings, request day, business days, due local)
    let cases = [
        (Berlin, &plain, "2026-03-26", 3, "2026-03-31 09:00"),
        (Berlin, &plain, "2026-03-26", 7, "2026-04-06 09:00"),
        (Berlin, &easter, "2026-03-26", 7, "2026-04-08 09:00"),
        (Berlin, &easter, "2026-04-02", 3, "2026-04-09 09:00"),
        (New_York, &plain, "2026-03-06", 3, "2026-03-11 09:00"),
        (New_York, &plain, "2026-10-30", 3, "2026-11-04 09:00"),
        (Berlin, &plain, "2026-03-28", 3, "2026-04-01 09:00"),
    ];
    for (zone, settings, asked, days, due) in cases {
        assert_eq!(
            rules::no_response_due(&clock(zone), day(asked), days, settings),
            local(zone, due),
            "{zone}: {days} business days after {asked}"
        );
    }
    // The example of TESTING.md, in UTC: 07:00, not the 10:00 that UTC arithmetic would give.
    assert_eq!(
        rules::no_response_due(&clock(Berlin), day("2026-03-26"), 3, &plain),
        utc("2026-03-31 07:00")
    );
}

#[test]
fn business_days_skip_weekends_and_the_users_holidays() {
    let holidays = [day("2026-12-24"), day("2026-12-25")];
    let cases = [
        ("2026-12-18", 1, "2026-12-21"),
        ("2026-12-23", 1, "2026-12-28"),
        ("2026-12-23", 3, "2026-12-30"),
        ("2026-12-19", 0, "2026-12-19"),
    ];
    for (start, count, expected) in cases {
        assert_eq!(
            add_business_days(day(start), count, &holidays),
            day(expected),
            "{count} after {start}"
        );
    }
}

#[test]
fn contacts_who_answer_within_three_business_days_are_boosters() {
    let asked = day("2026-03-26");
    let cases = [
        (Some("2026-03-26"), "2026-03-26", Responsiveness::Booster),
        (Some("2026-03-31"), "2026-04-10", Responsiveness::Booster),
        (Some("2026-04-01"), "2026-04-10", Responsiveness::Late),
        (None, "2026-04-03", Responsiveness::Waiting),
        (None, "2026-04-06", Responsiveness::Silent),
    ];
    for (reply, today, expected) in cases {
        assert_eq!(
            responsiveness(asked, reply.map(day), day(today), &[]),
            expected,
            "reply {reply:?} seen on {today}"
        );
    }
}

#[test]
fn nothing_is_shown_in_quiet_hours_and_what_fell_due_waits_for_their_end() {
    let settings = Settings::default(); // 21:00–08:00
                                        // (zone, due local, shown local)
    let cases = [
        (Berlin, "2026-03-10 20:59", "2026-03-10 20:59"),
        (Berlin, "2026-03-10 21:00", "2026-03-11 08:00"),
        (Berlin, "2026-03-10 23:59", "2026-03-11 08:00"),
        (Berlin, "2026-03-11 00:00", "2026-03-11 08:00"),
        (Berlin, "2026-03-11 07:59", "2026-03-11 08:00"),
        (Berlin, "2026-03-11 08:00", "2026-03-11 08:00"),
        (Berlin, "2026-03-28 23:00", "2026-03-29 08:00"),
        (Berlin, "2026-10-24 22:00", "2026-10-25 08:00"),
        (New_York, "2026-03-07 21:30", "2026-03-08 08:00"),
        (New_York, "2026-10-31 21:30", "2026-11-01 08:00"),
    ];
    for (zone, due, shown) in cases {
        let c = clock(zone);
        let due = local(zone, due);
        assert_eq!(
            rules::shown_at(&c, due, &settings),
            local(zone, shown),
            "{zone} {due}"
        );
        assert_eq!(
            rules::is_quiet(&c, due, &settings),
            due != local(zone, shown)
        );
    }
    assert_eq!(
        rules::shown_at(&clock(Berlin), local(Berlin, "2026-03-28 23:00"), &settings),
        utc("2026-03-29 06:00"),
        "08:00 CEST on the morning the clocks went forward"
    );

    let lunch = Settings {
        quiet_start: hm("12:00"),
        quiet_end: hm("13:30"),
        ..Settings::default()
    };
    let c = clock(Berlin);
    assert!(!rules::is_quiet(
        &c,
        local(Berlin, "2026-03-10 11:59"),
        &lunch
    ));
    assert_eq!(
        rules::shown_at(&c, local(Berlin, "2026-03-10 12:00"), &lunch),
        local(Berlin, "2026-03-10 13:30")
    );
    assert!(!rules::is_quiet(
        &c,
        local(Berlin, "2026-03-10 23:00"),
        &lunch
    ));

    let never = Settings {
        quiet_start: hm("22:00"),
        quiet_end: hm("22:00"),
        ..Settings::default()
    };
    for time in ["2026-03-10 22:00", "2026-03-10 03:00", "2026-03-10 12:00"] {
        assert!(!rules::is_quiet(&c, local(Berlin, time), &never), "{time}");
    }
}

#[test]
fn snoozing_puts_a_reminder_off_by_an_hour_to_tomorrow_or_to_next_monday() {
    // (zone, now local, snooze, until local)
    let cases = [
        (
            Berlin,
            "2026-03-27 15:20",
            Snooze::OneHour,
            "2026-03-27 16:20",
        ),
        (
            Berlin,
            "2026-03-27 15:20",
            Snooze::TomorrowMorning,
            "2026-03-28 09:00",
        ),
        (
            Berlin,
            "2026-03-27 15:20",
            Snooze::NextMonday,
            "2026-03-30 09:00",
        ),
        (
            Berlin,
            "2026-03-28 23:30",
            Snooze::TomorrowMorning,
            "2026-03-29 09:00",
        ),
        (
            Berlin,
            "2026-03-29 10:00",
            Snooze::NextMonday,
            "2026-03-30 09:00",
        ),
        (
            Berlin,
            "2026-03-30 08:00",
            Snooze::NextMonday,
            "2026-04-06 09:00",
        ),
        (
            New_York,
            "2026-10-31 12:00",
            Snooze::TomorrowMorning,
            "2026-11-01 09:00",
        ),
        (
            New_York,
            "2026-10-30 12:00",
            Snooze::NextMonday,
            "2026-11-02 09:00",
        ),
    ];
    for (zone, now, snooze, until) in cases {
        assert_eq!(
            rules::snooze_until(&clock(zone), local(zone, now), snooze),
            local(zone, until),
            "{zone} {now} {snooze:?}"
        );
    }
    // An hour is an hour of real time, also across the change.
    assert_eq!(
        rules::snooze_until(&clock(Berlin), utc("2026-03-29 00:30"), Snooze::OneHour),
        utc("2026-03-29 01:30")
    );
}
