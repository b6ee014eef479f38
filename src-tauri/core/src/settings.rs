//! The user's settings, stored as key/value rows; missing keys take their defaults.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::interviews::{PLANNED_MAX, PLANNED_MIN};
use crate::store::{collect, Store};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The planned length of a new interview: the method asks for 15–20 minutes.
    pub default_planned_minutes: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            default_planned_minutes: 20,
        }
    }
}

const DEFAULT_PLANNED_MINUTES: &str = "default_planned_minutes";

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        self.read(|conn, _| read(conn))
    }

    pub fn update_settings(&mut self, settings: &Settings) -> Result<()> {
        let minutes = validate::minutes(
            "default_planned_minutes",
            "The default planned length",
            settings.default_planned_minutes,
            PLANNED_MIN,
            PLANNED_MAX,
        )?;
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (DEFAULT_PLANNED_MINUTES, minutes.to_string()),
            )?;
            Ok(())
        })
    }
}

/// The settings as stored, with defaults for what was never set or cannot be read.
pub(crate) fn read(conn: &Connection) -> Result<Settings> {
    let mut settings = Settings::default();
    let rows: Vec<(String, String)> =
        collect(conn, "SELECT key, value FROM settings", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    for (key, value) in rows {
        if key == DEFAULT_PLANNED_MINUTES {
            if let Ok(minutes) = value.parse() {
                settings.default_planned_minutes = minutes;
            }
        }
    }
    Ok(settings)
}
