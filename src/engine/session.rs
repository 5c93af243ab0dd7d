//! The session log: a seed, a start time and the entries that replay a world byte for byte.

use serde::{Deserialize, Serialize};

/// Simulated time: milliseconds since the Unix epoch. The engine never reads a wall clock.
pub type SimTime = u64;

/// Where every session's clock starts unless a scenario says otherwise:
/// 2026-01-05T09:00:00Z, a Monday morning.
pub const DEFAULT_START: SimTime = 1_767_603_600_000;

/// The version of the log's shape, stored with it so that old logs can be migrated.
pub const SESSION_VERSION: u32 = 1;

/// One thing that happened to the world, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    /// A line typed at the prompt, and the simulated time it was typed at.
    Line { at: SimTime, line: String },
    /// The clock moved forward by this many milliseconds.
    Advance { millis: u64 },
    /// Ctrl-C.
    Interrupt,
    /// Ctrl-D.
    EndOfInput,
    /// Ctrl-P Ctrl-Q.
    Detach,
}

/// A replayable session: the same session gives the same world and the same output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub seed: u64,
    pub start: SimTime,
    /// Where the world started, if not from an empty host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<super::Scenario>,
    pub entries: Vec<Entry>,
}

impl Session {
    /// An empty session with the given seed, starting at [`DEFAULT_START`].
    pub fn new(seed: u64) -> Session {
        Session { version: SESSION_VERSION, seed, start: DEFAULT_START, scenario: None, entries: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_survives_a_json_round_trip() {
        let session = Session {
            entries: vec![
                Entry::Line { at: DEFAULT_START, line: "echo 'hi there'".into() },
                Entry::Advance { millis: 5_000 },
                Entry::Interrupt,
            ],
            ..Session::new(42)
        };
        let json = serde_json::to_string(&session).unwrap();
        assert_eq!(serde_json::from_str::<Session>(&json).unwrap(), session);
    }
}
