//! The reminder rules of PRODUCT.md as pure functions of instants, dates, the settings and the
//! user's time zone (through the injected [`Clock`]).
//!
//! Wall-clock rules ("the next day at the same time", "at 09:00") are computed on local dates and
//! times and only then turned into instants, so a daylight-saving change neither moves a reminder
//! by an hour nor skips or doubles it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::settings::Settings;

/// The local time of day at which day-based reminders fall due.
pub fn morning() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).expect("09:00 is a time")
}

/// The instant a local wall-clock time stands for. A time that does not exist (inside a
/// daylight-saving gap, e.g. 02:30 on the night clocks go forward) becomes the first moment
/// after the gap, so the reminder is neither lost nor early; an ambiguous one the earlier.
pub fn resolve_local(clock: &dyn Clock, local: NaiveDateTime) -> DateTime<Utc> {
    // Gaps are at most a few hours long anywhere on Earth; step over them a minute at a time.
    (0..=24 * 60)
        .find_map(|minutes| clock.local_to_utc(local + Duration::minutes(minutes)))
        .unwrap_or_else(|| local.and_utc())
}

fn at_local(clock: &dyn Clock, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    resolve_local(clock, date.and_time(time))
}

/// Thank-you note: the given number of wall-clock hours after the interview ended (24 h: the
/// next day at the same time, whatever the clocks did overnight).
pub fn thank_you_due(
    clock: &dyn Clock,
    ended: DateTime<Utc>,
    settings: &Settings,
) -> DateTime<Utc> {
    let local = clock.utc_to_local(ended) + Duration::hours(settings.thank_you_hours);
    resolve_local(clock, local)
}

/// The last, stronger thank-you reminder: on day 3 after the interview, at the time it ended.
pub fn thank_you_final_due(
    clock: &dyn Clock,
    ended: DateTime<Utc>,
    settings: &Settings,
) -> DateTime<Utc> {
    let local = clock.utc_to_local(ended) + Duration::days(settings.thank_you_final_days);
    resolve_local(clock, local)
}

/// A tip's follow-up: the given number of days after the interview's day, at 09:00.
pub fn tip_due(clock: &dyn Clock, interview_day: NaiveDate, settings: &Settings) -> DateTime<Utc> {
    at_local(
        clock,
        interview_day + Duration::days(settings.tip_days),
        morning(),
    )
}

/// Keep in touch: the given number of days after the last contact, at 09:00.
pub fn keep_in_touch_due(
    clock: &dyn Clock,
    last_contact: NaiveDate,
    settings: &Settings,
) -> DateTime<Utc> {
    at_local(
        clock,
        last_contact + Duration::days(settings.keep_in_touch_days),
        morning(),
    )
}

/// Whether `date` is a business day: Monday to Friday and not one of the user's holidays.
pub fn is_business_day(date: NaiveDate, holidays: &[NaiveDate]) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&date)
}

/// The `count`-th business day after `start` (not counting `start` itself).
pub fn add_business_days(start: NaiveDate, count: u32, holidays: &[NaiveDate]) -> NaiveDate {
    let mut date = start;
    let mut left = count;
    while left > 0 {
        date = date
            .succ_opt()
            .expect("dates stay far from the end of time");
        if is_business_day(date, holidays) {
            left -= 1;
        }
    }
    date
}

/// The 3B7 nudges: `business_days` (3 or 7) business days after the request, at 09:00.
pub fn no_response_due(
    clock: &dyn Clock,
    request_date: NaiveDate,
    business_days: u32,
    settings: &Settings,
) -> DateTime<Utc> {
    at_local(
        clock,
        add_business_days(request_date, business_days, &settings.holidays),
        morning(),
    )
}

/// How quickly a contact answered a request, after "The 2-Hour Job Search": boosters answer
/// within 3 business days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Responsiveness {
    /// Answered within 3 business days.
    Booster,
    /// Answered, but later than that.
    Late,
    /// No answer yet, still inside the 7 business days.
    Waiting,
    /// No answer 7 business days after the request.
    Silent,
}

pub fn responsiveness(
    request_date: NaiveDate,
    reply_date: Option<NaiveDate>,
    today: NaiveDate,
    holidays: &[NaiveDate],
) -> Responsiveness {
    match reply_date {
        Some(reply) if reply <= add_business_days(request_date, 3, holidays) => {
            Responsiveness::Booster
        }
        Some(_) => Responsiveness::Late,
        None if today >= add_business_days(request_date, 7, holidays) => Responsiveness::Silent,
        None => Responsiveness::Waiting,
    }
}

/// Whether `instant` falls in the user's quiet hours, when nothing is shown. A window whose
/// start equals its end means no quiet hours.
pub fn is_quiet(clock: &dyn Clock, instant: DateTime<Utc>, settings: &Settings) -> bool {
    let (start, end) = (settings.quiet_start, settings.quiet_end);
    let time = clock.utc_to_local(instant).time();
    if start == end {
        false
    } else if start < end {
        start <= time && time < end
    } else {
        time >= start || time < end
    }
}

/// When something due at `instant` may be shown: then, or when the quiet hours it falls in end.
pub fn shown_at(clock: &dyn Clock, instant: DateTime<Utc>, settings: &Settings) -> DateTime<Utc> {
    if !is_quiet(clock, instant, settings) {
        return instant;
    }
    let local = clock.utc_to_local(instant);
    let end = settings.quiet_end;
    // In an overnight window, a time after the start ends tomorrow; one before the end, today.
    let day = if local.time() >= end {
        local.date() + Duration::days(1)
    } else {
        local.date()
    };
    at_local(clock, day, end)
}

/// The snooze choices a reminder offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Snooze {
    OneHour,
    TomorrowMorning,
    NextMonday,
}

/// Until when a reminder snoozed at `now` sleeps.
pub fn snooze_until(clock: &dyn Clock, now: DateTime<Utc>, snooze: Snooze) -> DateTime<Utc> {
    let today = clock.utc_to_local(now).date();
    match snooze {
        Snooze::OneHour => now + Duration::hours(1),
        Snooze::TomorrowMorning => at_local(clock, today + Duration::days(1), morning()),
        Snooze::NextMonday => {
            let days = 7 - i64::from(today.weekday().num_days_from_monday());
            at_local(clock, today + Duration::days(days), morning())
        }
    }
}
