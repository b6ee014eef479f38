//! vCard files (to be written).

use super::Parsed;
use crate::error::{Error, Result};

pub fn parse(_bytes: &[u8]) -> Result<Parsed> {
    Err(Error::BadFile("vCard import is not written yet.".into()))
}
