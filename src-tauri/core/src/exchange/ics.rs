//! iCalendar (`.ics`) files for any calendar app: every scheduled interview and every open
//! reminder, or one interview for "Add to calendar".
//!
//! Times are written in UTC (`…Z`), so no time-zone definition is needed and every app shows
//! them in its own zone. Each event's UID is made from the interview's or reminder's id, so
//! importing a newer export updates the events instead of adding them twice. Escaping and line
//! folding are left to the `icalendar` crate.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::interviews;
use crate::questions;
use crate::reminders::{Reminder, ReminderKind};
use crate::store::{collect, Store};

/// Who wrote the file, as RFC 5545 asks (`-//company//product//language`).
const PRODID: &str = "-//Coffee Chat//Coffee Chat//EN";

/// The right-hand side of every UID: the same for every export, so UIDs stay stable.
const UID_DOMAIN: &str = "coffeechat.desktop";

/// How long a reminder's event lasts: a slot to do it, not a meeting.
const REMINDER_MINUTES: i64 = 15;

/// "No limit" for the list of upcoming reminders (SQLite's LIMIT takes an i64).
const EVERY: usize = usize::MAX >> 1;

/// An interview with a time, as its calendar event needs it.
struct Meeting {
    id: i64,
    person: String,
    organisation: String,
    start: Option<DateTime<Utc>>,
    planned_minutes: i64,
    medium: String,
    place: String,
    updated_at: DateTime<Utc>,
    questions: Vec<String>,
}

const MEETING_SQL: &str = "SELECT i.id, p.name, COALESCE(o.name, ''), i.scheduled_at,
        i.planned_minutes, i.medium, i.place, i.updated_at
     FROM interviews i
     JOIN people p ON p.id = i.person_id AND p.deleted_at IS NULL
     LEFT JOIN organisations o ON o.id = p.organisation_id
     WHERE i.deleted_at IS NULL";

impl Store {
    /// A calendar of every scheduled interview (with a date and time) and every open reminder,
    /// due or upcoming.
    pub fn export_ics(&self) -> Result<String> {
        let meetings = self.read(|conn, _| {
            meetings(
                conn,
                "AND i.stage = 'scheduled' AND i.scheduled_at IS NOT NULL
                 ORDER BY i.scheduled_at, i.id",
                [],
            )
        })?;
        let mut reminders = self.due_reminders()?;
        reminders.extend(self.upcoming_reminders(EVERY)?);
        let now = self.clock().now();

        let mut calendar = calendar();
        calendar.name("Coffee Chat");
        for meeting in &meetings {
            if let Some(start) = meeting.start {
                calendar.push(meeting_event(meeting, start, now));
            }
        }
        for reminder in &reminders {
            calendar.push(reminder_event(reminder, now));
        }
        Ok(calendar.to_string())
    }

    /// The calendar file of one interview, for "Add to calendar". The interview needs its date
    /// and time; its stage does not matter.
    pub fn interview_ics(&self, interview_id: i64) -> Result<String> {
        let meeting = self.read(|conn, _| {
            interviews::live(conn, interview_id)?;
            let found = meetings(conn, "AND i.id = ?1", [interview_id])?;
            found
                .into_iter()
                .next()
                .ok_or(Error::NotFound { what: "interview" })
        })?;
        let start = meeting.start.ok_or_else(|| {
            Error::invalid(
                "scheduled_local",
                "This interview has no date and time yet. Set them on the interview page, then \
                 add it to your calendar.",
            )
        })?;
        let mut calendar = calendar();
        calendar.push(meeting_event(&meeting, start, self.clock().now()));
        Ok(calendar.to_string())
    }
}

/// The interviews `filter` (SQL after the `WHERE`) selects, with their prepared questions.
fn meetings<P: rusqlite::Params>(
    conn: &Connection,
    filter: &str,
    params: P,
) -> Result<Vec<Meeting>> {
    let mut found = collect(conn, &format!("{MEETING_SQL} {filter}"), params, |row| {
        Ok(Meeting {
            id: row.get(0)?,
            person: row.get(1)?,
            organisation: row.get(2)?,
            start: row.get(3)?,
            planned_minutes: row.get(4)?,
            medium: row.get(5)?,
            place: row.get(6)?,
            updated_at: row.get(7)?,
            questions: Vec::new(),
        })
    })?;
    for meeting in &mut found {
        meeting.questions = questions::prepared(conn, meeting.id)?
            .into_iter()
            .map(|q| q.text)
            .collect();
    }
    Ok(found)
}

/// An empty calendar saying who made it.
fn calendar() -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"));
    calendar
}

fn meeting_event(meeting: &Meeting, start: DateTime<Utc>, now: DateTime<Utc>) -> Event {
    let mut event = Event::new();
    event
        .uid(&format!("interview-{}@{UID_DOMAIN}", meeting.id))
        .timestamp(now)
        .last_modified(meeting.updated_at)
        .starts(start)
        .ends(start + Duration::minutes(meeting.planned_minutes))
        .summary(&one_line(&meeting_summary(meeting)))
        .status(EventStatus::Confirmed);
    let location = if meeting.place.trim().is_empty() {
        &meeting.medium
    } else {
        &meeting.place
    };
    let location = one_line(location);
    if !location.is_empty() {
        event.location(&location);
    }
    let description = meeting_description(meeting);
    if !description.is_empty() {
        event.description(&description);
    }
    event.done()
}

/// "Informational interview with Dana Whitfield (Acme)".
fn meeting_summary(meeting: &Meeting) -> String {
    if meeting.organisation.is_empty() {
        format!("Informational interview with {}", meeting.person)
    } else {
        format!(
            "Informational interview with {} ({})",
            meeting.person, meeting.organisation
        )
    }
}

/// How and where, then the questions the user prepared, numbered: what to glance at before
/// going in.
fn meeting_description(meeting: &Meeting) -> String {
    let mut lines = Vec::new();
    let medium = one_line(&meeting.medium);
    if !medium.is_empty() {
        lines.push(format!("How: {medium}"));
    }
    let place = one_line(&meeting.place);
    if !place.is_empty() {
        lines.push(format!("Where: {place}"));
    }
    if !meeting.questions.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push("Your questions:".to_owned());
        for (number, question) in meeting.questions.iter().enumerate() {
            lines.push(format!("{}. {}", number + 1, one_line(question)));
        }
    }
    lines.join("\n")
}

fn reminder_event(reminder: &Reminder, now: DateTime<Utc>) -> Event {
    let start = reminder.snoozed_until.unwrap_or(reminder.due_at);
    let mut event = Event::new();
    event
        .uid(&format!("reminder-{}@{UID_DOMAIN}", reminder.id))
        .timestamp(now)
        .starts(start)
        .ends(start + Duration::minutes(REMINDER_MINUTES))
        .summary(&one_line(&reminder.text))
        // A reminder is something to do, not a meeting: it does not make the user look busy.
        .add_property("TRANSP", "TRANSPARENT");
    if let Some(detail) = lasting_detail(reminder) {
        event.description(&clean(detail));
    }
    event.done()
}

/// The reminder's detail when it stays true in a calendar. Some details say "yesterday" or
/// "today", which is right in the app but wrong once the event sits in a calendar for days.
fn lasting_detail(reminder: &Reminder) -> Option<&str> {
    let lasting = matches!(
        reminder.kind,
        ReminderKind::Tip
            | ReminderKind::FollowUpNote
            | ReminderKind::NoResponse3
            | ReminderKind::NoResponse7
    );
    (lasting && !reminder.detail.is_empty()).then_some(reminder.detail.as_str())
}

/// Text without control characters other than line breaks and tabs, which a calendar line may
/// not hold (the crate escapes line breaks, commas and semicolons).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// Text on one line, for a summary or a location.
fn one_line(text: &str) -> String {
    text.split(char::is_control)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_loses_control_characters_but_keeps_its_lines_where_allowed() {
        assert_eq!(clean("a\r\nb\u{7}c\td"), "a\nbc\td");
        assert_eq!(one_line(" Café,\r\n Room 4;\u{0}\n"), "Café, Room 4;");
        assert_eq!(one_line(""), "");
    }
}
