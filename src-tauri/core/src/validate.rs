//! Checks on user input. Each returns the cleaned value or an [`Error::Invalid`] naming the field
//! and saying what to fix.

use chrono::{NaiveDate, NaiveDateTime};

use crate::clock::Clock;
use crate::error::{Error, FieldError, Result};

/// The fields the window shows as several lines (a `<textarea>`): there a tab and a line break
/// are part of what the user types. Everywhere else they are refused like any control character.
const MULTI_LINE: &[&str] = &[
    "notes",
    "request_message",
    "thank_you_message",
    "follow_up_message",
    "template_body",
    "answer",
    "opening_line",
    "why",
    "transferable_skills",
];

/// Trims `value` and checks it is at most `max` characters and holds no control character.
pub fn text(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    let count = value.chars().count();
    if count > max {
        return Err(Error::invalid(
            field,
            format!(
                "{label} {} too long: {count} characters, at most {max}. Shorten it.",
                be(label)
            ),
        ));
    }
    no_control_characters(field, label, value)?;
    Ok(value.to_owned())
}

/// Refuses NUL and the other control characters (Unicode category Cc): invisible, they change
/// what is stored without showing it, and SQLite counts a text only up to a NUL. A tab and a
/// line break (`\n`, or `\r\n`) are allowed in [`MULTI_LINE`] fields.
fn no_control_characters(field: &'static str, label: &str, value: &str) -> Result<()> {
    let multi_line = MULTI_LINE.contains(&field);
    let mut chars = value.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        if !c.is_control() {
            continue;
        }
        let line_break = c == '\n' || (c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n'));
        if multi_line && (c == '\t' || line_break) {
            continue;
        }
        let message = match c {
            '\n' | '\r' => format!("{label} must fit on one line: remove the line break."),
            '\t' => format!("{label} cannot hold a tab: replace it with a space."),
            other => format!(
                "There is an invisible control character (U+{:04X}) in {} at character {}: \
                 delete it, or type the text again instead of pasting it.",
                other as u32,
                lowercase_first(label),
                index + 1
            ),
        };
        return Err(Error::invalid(field, message));
    }
    Ok(())
}

/// Like [`text`], and it must not be empty.
pub fn required(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = text(field, label, value, max)?;
    if value.is_empty() {
        return Err(Error::invalid(
            field,
            format!("{label} {} required.", be(label)),
        ));
    }
    Ok(value)
}

/// An e-mail address, or empty.
pub fn email(field: &'static str, value: &str) -> Result<String> {
    let value = text(field, "The e-mail address", value, 254)?;
    if value.is_empty() {
        return Ok(value);
    }
    let well_formed = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !well_formed {
        return Err(Error::invalid(
            field,
            format!("\"{value}\" is not an e-mail address. It should look like name@example.com."),
        ));
    }
    Ok(value)
}

/// A phone number, or empty: digits and the usual separators.
pub fn phone(field: &'static str, value: &str) -> Result<String> {
    let value = text(field, "The phone number", value, 40)?;
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    if !value.chars().all(allowed)
        || (!value.is_empty() && !value.chars().any(|c| c.is_ascii_digit()))
    {
        return Err(Error::invalid(
            field,
            "A phone number may hold only digits, spaces and + - ( ) . characters.",
        ));
    }
    Ok(value)
}

/// A web address starting with http:// or https://, or empty.
pub fn url(field: &'static str, label: &str, value: &str) -> Result<String> {
    let value = text(field, label, value, 300)?;
    if value.is_empty() {
        return Ok(value);
    }
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(host) if host.contains('.') && !value.chars().any(char::is_whitespace) => Ok(value),
        _ => Err(Error::invalid(
            field,
            format!("{label} must be a web address such as https://www.linkedin.com/in/name."),
        )),
    }
}

/// A LinkedIn profile address, or empty. Typed without its scheme, as LinkedIn shows it in the
/// address bar (`linkedin.com/in/name`, `www.linkedin.com/in/name`), it is stored as the full
/// `https://www.linkedin.com/in/name`, so the link opens and two spellings compare equal.
pub fn linkedin_url(field: &'static str, value: &str) -> Result<String> {
    let label = "The LinkedIn address";
    let trimmed = value.trim();
    let lower = trimmed.to_ascii_lowercase();
    let path = ["www.linkedin.com/", "linkedin.com/"]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map(|prefix| &trimmed[prefix.len()..]);
    match path {
        Some(path) => url(field, label, &format!("https://www.linkedin.com/{path}")),
        None => url(field, label, value),
    }
}

/// "is" or "are", to agree with a field's label: "The notes are too long", "The name is
/// required". A label is plural when its last word is ("notes", "tags"); "address" and
/// "status" are not.
pub(crate) fn be(label: &str) -> &'static str {
    let last = label
        .rsplit(|c: char| !c.is_alphabetic())
        .find(|word| !word.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let singular_s = ["ss", "us", "is", "news"];
    if last.len() > 2 && last.ends_with('s') && !singular_s.iter().any(|end| last.ends_with(end)) {
        "are"
    } else {
        "is"
    }
}

/// Gathers every field's problem of a form, so one save says all that is wrong instead of one
/// field per try. `check` keeps a field's clean value, or notes its problem and gives a
/// placeholder; `finish` refuses the form when anything was noted.
#[derive(Default)]
pub(crate) struct Problems {
    found: Vec<FieldError>,
    other: Option<Error>,
}

impl Problems {
    pub(crate) fn check<T: Default>(&mut self, result: Result<T>) -> T {
        match result {
            Ok(value) => value,
            Err(Error::Invalid { field, message }) => {
                self.found.push(FieldError { field, message });
                T::default()
            }
            Err(Error::InvalidFields(errors)) => {
                self.found.extend(errors);
                T::default()
            }
            Err(other) => {
                self.other.get_or_insert(other);
                T::default()
            }
        }
    }

    /// The value when nothing was wrong; otherwise the one problem, or all of them.
    pub(crate) fn finish<T>(mut self, value: T) -> Result<T> {
        if let Some(other) = self.other {
            return Err(other);
        }
        match self.found.len() {
            0 => Ok(value),
            1 => {
                let FieldError { field, message } = self.found.remove(0);
                Err(Error::Invalid { field, message })
            }
            _ => Err(Error::InvalidFields(self.found)),
        }
    }
}

/// "The name" → "the name", to use a label inside a sentence.
fn lowercase_first(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A calendar date "YYYY-MM-DD", or empty for none.
pub fn date(field: &'static str, label: &str, value: Option<&str>) -> Result<Option<NaiveDate>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            Error::invalid(
                field,
                format!(
                    "{label} \"{value}\" {} not a real date. Use a date such as 2026-03-31.",
                    be(label)
                ),
            )
        })
}

/// A local date and time "YYYY-MM-DDTHH:MM" in the user's zone, as an instant.
pub fn local_datetime(
    clock: &dyn Clock,
    field: &'static str,
    label: &str,
    value: Option<&str>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let local = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| {
            Error::invalid(
                field,
                format!(
                    "{label} \"{value}\" {} not a real date and time. Use e.g. 2026-03-31 14:00.",
                    be(label)
                ),
            )
        })?;
    clock.local_to_utc(local).map(Some).ok_or_else(|| {
        Error::invalid(
            field,
            format!("{label}: {value} does not exist on that day because the clocks change. Pick another time."),
        )
    })
}

/// A whole number of minutes in `min..=max`.
pub fn minutes(field: &'static str, label: &str, value: i64, min: i64, max: i64) -> Result<i64> {
    if !(min..=max).contains(&value) {
        return Err(Error::invalid(
            field,
            format!("{label} must be between {min} and {max} minutes."),
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone, Utc};

    use super::*;
    use crate::clock::FixedClock;

    fn check_email(input: &str, ok: bool) {
        assert_eq!(email("email", input).is_ok(), ok, "{input:?}");
    }

    #[test]
    fn emails() {
        for good in ["", "dana@example.com", " dana.w+cc@mail.example.org "] {
            check_email(good, true);
        }
        for bad in [
            "dana",
            "dana@",
            "@example.com",
            "dana@example",
            "da na@example.com",
            "a@b@c.com",
            "a@.com",
        ] {
            check_email(bad, false);
        }
    }

    #[test]
    fn phones_and_urls() {
        assert!(phone("phone", "+49 (30) 123-456").is_ok());
        assert!(phone("phone", "call me").is_err());
        assert!(phone("phone", "---").is_err());
        assert!(url(
            "linkedin_url",
            "LinkedIn",
            "https://www.linkedin.com/in/dana"
        )
        .is_ok());
        assert!(url("linkedin_url", "LinkedIn", "javascript:alert(1)").is_err());
        assert!(url("linkedin_url", "LinkedIn", "linkedin.com/in/dana").is_err());
    }

    #[test]
    fn labels_agree_with_is_and_are() {
        for (label, verb) in [
            ("The notes", "are"),
            ("The tags", "are"),
            ("The name", "is"),
            ("The LinkedIn address", "is"),
            ("How you met", "is"),
            ("The place or link", "is"),
            ("The status", "is"),
            ("Your name", "is"),
        ] {
            assert_eq!(be(label), verb, "{label}");
        }
        let long = text("notes", "The notes", "abc", 2).unwrap_err();
        assert!(
            long.to_string().starts_with("The notes are too long"),
            "{long}"
        );
        let missing = required("name", "The name", "", 2).unwrap_err();
        assert_eq!(missing.to_string(), "The name is required.");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(text("name", "Name", &"é".repeat(10), 10).is_ok());
        let error = text("name", "Name", &"é".repeat(11), 10).unwrap_err();
        assert!(error.to_string().contains("11 characters, at most 10"));
        assert_eq!(
            required("name", "Name", "   ", 10).unwrap_err().field(),
            Some("name")
        );
    }

    #[test]
    fn control_characters_are_refused_next_to_their_field() {
        let refused = |field, value| text(field, "The text", value, 100).unwrap_err();
        let nul = refused("name", "Dana\0Whitfield");
        assert_eq!(nul.field(), Some("name"));
        assert!(
            nul.to_string()
                .contains("U+0000) in the text at character 5"),
            "{nul}"
        );
        assert!(refused("notes", "bell \u{7}")
            .to_string()
            .contains("U+0007"));
        assert!(refused("notes", "C1 \u{85} next line")
            .to_string()
            .contains("U+0085"));
        assert!(refused("name", "Dana\tW").to_string().contains("tab"));
        assert!(refused("title", "two\nlines")
            .to_string()
            .contains("one line"));
        assert!(refused("notes", "lone \r return")
            .to_string()
            .contains("one line"));
        // Multi-line fields keep tabs and line breaks as typed; the ends are trimmed everywhere.
        assert_eq!(
            text("notes", "Notes", "a\tb\nc\r\nd", 100).unwrap(),
            "a\tb\nc\r\nd"
        );
        assert_eq!(text("name", "Name", " Dana\n", 100).unwrap(), "Dana");
        // Format characters are text: right-to-left marks and isolates stay.
        assert!(text("name", "Name", "\u{2067}نور\u{2069} \u{200F}", 100).is_ok());
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(date("d", "Date", Some("2026-02-30")).is_err());
        assert!(date("d", "Date", Some("31/03/2026")).is_err());
        assert_eq!(date("d", "Date", Some("")).unwrap(), None);
        assert_eq!(
            date("d", "Date", Some("2028-02-29")).unwrap(),
            NaiveDate::from_ymd_opt(2028, 2, 29)
        );
    }

    #[test]
    fn local_times_become_instants_in_the_users_zone() {
        let clock = FixedClock {
            now: Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap(),
            zone: FixedOffset::east_opt(3600).unwrap(),
        };
        let instant = local_datetime(&clock, "s", "Start", Some("2026-03-31T14:00")).unwrap();
        assert_eq!(
            instant,
            Some(Utc.with_ymd_and_hms(2026, 3, 31, 13, 0, 0).unwrap())
        );
        assert!(local_datetime(&clock, "s", "Start", Some("2026-03-31T25:00")).is_err());
    }
}
