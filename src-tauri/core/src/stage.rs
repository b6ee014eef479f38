//! The pipeline stages of an interview, in the method's order, plus the ways it can end early.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Identified,
    ConnectionRequested,
    Connected,
    InterviewRequested,
    Scheduled,
    Done,
    Thanked,
    FollowedUp,
    Declined,
    NoResponse,
    Cancelled,
}

/// Forward or back along the main line of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Forward,
    Back,
}

impl Stage {
    /// The method's stages, in order.
    pub const MAIN_LINE: [Stage; 8] = [
        Stage::Identified,
        Stage::ConnectionRequested,
        Stage::Connected,
        Stage::InterviewRequested,
        Stage::Scheduled,
        Stage::Done,
        Stage::Thanked,
        Stage::FollowedUp,
    ];

    /// The ways an interview can end before the method is through.
    pub const CLOSED: [Stage; 3] = [Stage::Declined, Stage::NoResponse, Stage::Cancelled];

    /// Every stage: the main line, then the early endings.
    pub fn all() -> impl Iterator<Item = Stage> {
        Stage::MAIN_LINE.into_iter().chain(Stage::CLOSED)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Identified => "identified",
            Stage::ConnectionRequested => "connection_requested",
            Stage::Connected => "connected",
            Stage::InterviewRequested => "interview_requested",
            Stage::Scheduled => "scheduled",
            Stage::Done => "done",
            Stage::Thanked => "thanked",
            Stage::FollowedUp => "followed_up",
            Stage::Declined => "declined",
            Stage::NoResponse => "no_response",
            Stage::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Result<Stage> {
        Stage::all()
            .find(|stage| stage.as_str() == text)
            .ok_or_else(|| Error::invalid("stage", format!("\"{text}\" is not a stage.")))
    }

    /// The stage a step along the main line leads to, if there is one. An interview that ended
    /// early (declined, no response, cancelled) steps forward back into the pipeline where
    /// interviews are asked for, and back to the start.
    pub fn step(self, direction: Direction) -> Option<Stage> {
        let line = Stage::MAIN_LINE;
        match line.iter().position(|&s| s == self) {
            Some(i) => match direction {
                Direction::Forward => line.get(i + 1).copied(),
                Direction::Back => i.checked_sub(1).map(|j| line[j]),
            },
            None => Some(match direction {
                Direction::Forward => Stage::InterviewRequested,
                Direction::Back => Stage::Identified,
            }),
        }
    }
}

impl rusqlite::types::ToSql for Stage {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for Stage {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Stage::parse(text).map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(from: Stage, direction: Direction, expected: Option<Stage>) {
        assert_eq!(from.step(direction), expected, "{from:?} {direction:?}");
    }

    #[test]
    fn steps_follow_the_method() {
        use Direction::*;
        use Stage::*;
        check(Identified, Forward, Some(ConnectionRequested));
        check(Identified, Back, None);
        check(InterviewRequested, Forward, Some(Scheduled));
        check(Scheduled, Back, Some(InterviewRequested));
        check(FollowedUp, Forward, None);
        check(Declined, Forward, Some(InterviewRequested));
        check(Cancelled, Back, Some(Identified));
    }

    #[test]
    fn names_round_trip_through_the_database_and_json() {
        for stage in Stage::all() {
            assert_eq!(Stage::parse(stage.as_str()).unwrap(), stage);
            let json = serde_json::to_string(&stage).unwrap();
            assert_eq!(json, format!("\"{}\"", stage.as_str()));
        }
        assert!(Stage::parse("hired").is_err());
    }
}
