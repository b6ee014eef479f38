//! The user's settings, stored as key/value rows; missing keys take their defaults.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::interviews::{PLANNED_MAX, PLANNED_MIN};
use crate::store::{collect, Store};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The planned length of a new interview: the method asks for 15–20 minutes.
    pub default_planned_minutes: i64,
    /// Hours after an interview ends that the thank-you note is due.
    pub thank_you_hours: i64,
    /// Days after an interview that the last, stronger thank-you reminder comes.
    pub thank_you_final_days: i64,
    /// Days after an interview that a tip's follow-up is due, at 09:00.
    pub tip_days: i64,
    /// Days after the last contact with an interviewed person that keep-in-touch is due.
    pub keep_in_touch_days: i64,
    /// Quiet hours, local time: nothing is shown from `quiet_start` until `quiet_end`.
    /// Equal times mean no quiet hours.
    #[serde(with = "hh_mm")]
    pub quiet_start: NaiveTime,
    #[serde(with = "hh_mm")]
    pub quiet_end: NaiveTime,
    /// The 3B7 nudges after a request that got no reply.
    pub no_response_enabled: bool,
    /// Days that are not business days for 3B7, besides weekends.
    pub holidays: Vec<NaiveDate>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            default_planned_minutes: 20,
            thank_you_hours: 24,
            thank_you_final_days: 3,
            tip_days: 14,
            keep_in_touch_days: 90,
            quiet_start: NaiveTime::from_hms_opt(21, 0, 0).expect("a time"),
            quiet_end: NaiveTime::from_hms_opt(8, 0, 0).expect("a time"),
            no_response_enabled: true,
            holidays: Vec::new(),
        }
    }
}

/// The settings form as the user fills it: times and holidays as text, checked by
/// [`SettingsForm::parse`] with a message for the field that is wrong.
#[derive(Debug, Clone, Deserialize)]
pub struct SettingsForm {
    pub default_planned_minutes: i64,
    pub thank_you_hours: i64,
    pub thank_you_final_days: i64,
    pub tip_days: i64,
    pub keep_in_touch_days: i64,
    pub quiet_start: String,
    pub quiet_end: String,
    pub no_response_enabled: bool,
    /// One date "YYYY-MM-DD" per line (commas work too).
    pub holidays: String,
}

impl SettingsForm {
    pub fn parse(&self) -> Result<Settings> {
        let mut holidays = Vec::new();
        for text in self.holidays.split(['\n', ',', ';']) {
            if let Some(date) = validate::date("holidays", "The holiday", Some(text))? {
                holidays.push(date);
            }
        }
        holidays.sort();
        holidays.dedup();
        Ok(Settings {
            default_planned_minutes: self.default_planned_minutes,
            thank_you_hours: self.thank_you_hours,
            thank_you_final_days: self.thank_you_final_days,
            tip_days: self.tip_days,
            keep_in_touch_days: self.keep_in_touch_days,
            quiet_start: time("quiet_start", "The start of quiet hours", &self.quiet_start)?,
            quiet_end: time("quiet_end", "The end of quiet hours", &self.quiet_end)?,
            no_response_enabled: self.no_response_enabled,
            holidays,
        })
    }
}

fn time(field: &'static str, label: &str, text: &str) -> Result<NaiveTime> {
    hh_mm::parse(text.trim()).ok_or_else(|| {
        Error::invalid(
            field,
            format!(
                "{label} \"{}\" {} not a time. Use e.g. 21:00.",
                text.trim(),
                validate::be(label)
            ),
        )
    })
}

/// Checks that every number is in a range that makes sense, naming the field that is not.
fn check(settings: &Settings) -> Result<()> {
    validate::minutes(
        "default_planned_minutes",
        "The default planned length",
        settings.default_planned_minutes,
        PLANNED_MIN,
        PLANNED_MAX,
    )?;
    let ranges: [(&'static str, &str, i64, i64, i64); 4] = [
        (
            "thank_you_hours",
            "The thank-you delay",
            settings.thank_you_hours,
            1,
            168,
        ),
        (
            "thank_you_final_days",
            "The last thank-you reminder",
            settings.thank_you_final_days,
            2,
            14,
        ),
        (
            "tip_days",
            "The tip follow-up delay",
            settings.tip_days,
            1,
            90,
        ),
        (
            "keep_in_touch_days",
            "Keep in touch",
            settings.keep_in_touch_days,
            7,
            365,
        ),
    ];
    for (field, label, value, min, max) in ranges {
        if !(min..=max).contains(&value) {
            let unit = if field == "thank_you_hours" {
                "hours"
            } else {
                "days"
            };
            return Err(Error::invalid(
                field,
                format!("{label} must be between {min} and {max} {unit}."),
            ));
        }
    }
    if settings.thank_you_final_days * 24 <= settings.thank_you_hours {
        return Err(Error::invalid(
            "thank_you_final_days",
            "The last thank-you reminder must come after the first one.",
        ));
    }
    if settings.holidays.len() > 366 {
        return Err(Error::invalid(
            "holidays",
            "List at most 366 holidays: remove past years.",
        ));
    }
    Ok(())
}

const KEYS: [&str; 9] = [
    "default_planned_minutes",
    "thank_you_hours",
    "thank_you_final_days",
    "tip_days",
    "keep_in_touch_days",
    "quiet_start",
    "quiet_end",
    "no_response_enabled",
    "holidays",
];

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        self.read(|conn, _| read(conn))
    }

    /// Saves the settings; the reminders that hang on them are recomputed in the same
    /// transaction.
    pub fn update_settings(&mut self, settings: &Settings) -> Result<()> {
        check(settings)?;
        let values = [
            settings.default_planned_minutes.to_string(),
            settings.thank_you_hours.to_string(),
            settings.thank_you_final_days.to_string(),
            settings.tip_days.to_string(),
            settings.keep_in_touch_days.to_string(),
            hh_mm::format(settings.quiet_start),
            hh_mm::format(settings.quiet_end),
            settings.no_response_enabled.to_string(),
            settings
                .holidays
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(","),
        ];
        self.write(|tx, clock| {
            for (key, value) in KEYS.iter().zip(values) {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )?;
            }
            crate::reminder_sync::sync_everyone(tx, clock)
        })
    }

    /// Parses the settings form and saves it.
    pub fn save_settings_form(&mut self, form: &SettingsForm) -> Result<()> {
        let settings = form.parse()?;
        self.update_settings(&settings)
    }

    /// A yes/no the app remembers for itself, such as whether a one-time notice was shown.
    pub fn flag(&self, key: &str) -> Result<bool> {
        self.read(|conn, _| {
            let value: Option<String> = conn
                .query_row(
                    "SELECT value FROM settings WHERE key = ?1",
                    [format!("flag.{key}")],
                    |row| row.get(0),
                )
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    other => Err(other),
                })?;
            Ok(value.as_deref() == Some("true"))
        })
    }

    pub fn set_flag(&mut self, key: &str, on: bool) -> Result<()> {
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (format!("flag.{key}"), on.to_string()),
            )?;
            Ok(())
        })
    }
}

/// The settings as stored, with defaults for what was never set or cannot be read.
pub(crate) fn read(conn: &Connection) -> Result<Settings> {
    let mut s = Settings::default();
    let rows: Vec<(String, String)> =
        collect(conn, "SELECT key, value FROM settings", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    for (key, value) in rows {
        let number = value.parse::<i64>().ok();
        match (key.as_str(), number) {
            ("default_planned_minutes", Some(n)) => s.default_planned_minutes = n,
            ("thank_you_hours", Some(n)) => s.thank_you_hours = n,
            ("thank_you_final_days", Some(n)) => s.thank_you_final_days = n,
            ("tip_days", Some(n)) => s.tip_days = n,
            ("keep_in_touch_days", Some(n)) => s.keep_in_touch_days = n,
            ("quiet_start", _) => s.quiet_start = hh_mm::parse(&value).unwrap_or(s.quiet_start),
            ("quiet_end", _) => s.quiet_end = hh_mm::parse(&value).unwrap_or(s.quiet_end),
            ("no_response_enabled", _) => s.no_response_enabled = value != "false",
            ("holidays", _) => {
                s.holidays = value
                    .split(',')
                    .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .collect();
            }
            _ => {}
        }
    }
    Ok(s)
}

/// Times of day as "HH:MM", the way a time input shows them.
mod hh_mm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn format(time: NaiveTime) -> String {
        time.format("%H:%M").to_string()
    }

    pub fn parse(text: &str) -> Option<NaiveTime> {
        NaiveTime::parse_from_str(text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
            .ok()
    }

    pub fn serialize<S: Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format(*time))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a time")))
    }
}
