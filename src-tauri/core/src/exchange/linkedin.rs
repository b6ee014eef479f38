//! LinkedIn's data export: `Connections.csv`, and the export archive (to be written).

use super::Parsed;
use crate::error::{Error, Result};

pub fn parse_connections(_bytes: &[u8]) -> Result<Parsed> {
    Err(Error::BadFile("LinkedIn import is not written yet.".into()))
}

pub fn parse_archive(_bytes: &[u8]) -> Result<Parsed> {
    Err(Error::BadFile("LinkedIn import is not written yet.".into()))
}

/// A LinkedIn profile address in one spelling, so two spellings of one profile match.
pub fn normalise_profile_url(url: &str) -> String {
    url.trim().to_lowercase()
}
