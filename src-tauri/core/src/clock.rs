//! The clock and the user's time zone, injected so every rule can be tested at any date.

use chrono::{DateTime, Local, LocalResult, NaiveDate, NaiveDateTime, SubsecRound, TimeZone, Utc};

pub trait Clock: Send + Sync {
    /// Now, to the whole second (stored instants are whole seconds so text order is time order).
    fn now(&self) -> DateTime<Utc>;

    /// The instant a wall-clock time in the user's zone stands for. `None` inside a
    /// daylight-saving gap; the earlier instant in an overlap.
    fn local_to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>>;

    /// The user's wall-clock time at an instant.
    fn utc_to_local(&self, instant: DateTime<Utc>) -> NaiveDateTime;

    /// The user's calendar date today.
    fn today(&self) -> NaiveDate {
        self.utc_to_local(self.now()).date()
    }
}

/// The real clock in the system's time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(0)
    }

    fn local_to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        earliest(Local.from_local_datetime(&local))
    }

    fn utc_to_local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&Local).naive_local()
    }
}

/// A clock stopped at a given instant, in any time zone: for tests.
#[derive(Debug, Clone)]
pub struct FixedClock<Z: TimeZone> {
    pub now: DateTime<Utc>,
    pub zone: Z,
}

impl<Z> Clock for FixedClock<Z>
where
    Z: TimeZone + Send + Sync,
    Z::Offset: Send + Sync,
{
    fn now(&self) -> DateTime<Utc> {
        self.now.trunc_subsecs(0)
    }

    fn local_to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        earliest(self.zone.from_local_datetime(&local))
    }

    fn utc_to_local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&self.zone).naive_local()
    }
}

fn earliest<Z: TimeZone>(result: LocalResult<DateTime<Z>>) -> Option<DateTime<Utc>> {
    match result {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}
