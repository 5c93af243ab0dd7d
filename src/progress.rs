//! A learner's progress: what they did in each lesson's exercises, kept as the session log
//! that replays their world, plus hints seen and whether they solved it. No web crates: the
//! interface stores the JSON this makes (in localStorage) and hands back what it finds.
//!
//! Reading never fails. Storage can hold anything (an older version of this shape, a newer
//! one, another site's data, half a write, nothing at all), so `Progress::load` keeps what
//! it can and says what it had to drop, and the learner is told.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::session::{Entry, Session};

/// The version of the stored shape. Bump it and add a step to `migrate` when it changes.
pub const PROGRESS_VERSION: u32 = 1;

/// The storage key the interface uses.
pub const STORAGE_KEY: &str = "dockside.progress";

/// Everything the site remembers about one learner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// By exercise id (ids are unique across the course; the content tests hold them to it).
    #[serde(default)]
    pub exercises: BTreeMap<String, ExerciseProgress>,
    /// What the learner chose or typed in quizzes, typed answers and predictions, by a key
    /// the page makes from the lesson and the block (`quiz:<lesson>:<prompt>`, an answer's or
    /// a prediction's id): the typed text, or the chosen choice's text. Added within version
    /// 1: older records simply have none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, String>,
    /// The exercise whose stored session is being replayed, written down before the replay
    /// and cleared after it. Still set on the next load, the replay stopped the page (an
    /// engine that changed under a stored session, say): that session is not replayed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaying: Option<String>,
}

/// One exercise's state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseProgress {
    /// The session log since the exercise's scenario: replaying it rebuilds the world.
    pub session: Option<Session>,
    /// A line written down before it ran, and not yet known to have finished. If the page
    /// died while running it, it is not replayed on the next load (it may be what killed it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<String>,
    /// How many hints the learner has opened, one at a time.
    #[serde(default)]
    pub hints_shown: usize,
    #[serde(default)]
    pub solution_shown: bool,
    #[serde(default)]
    pub solved: bool,
}

/// What loading had to do to make sense of what storage held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// The text was not JSON, or not progress at all: the learner starts afresh.
    Unreadable,
    /// Some exercises' records could not be read and were left out.
    Dropped(Vec<String>),
    /// Written by a newer Dockside; what this version understands was kept.
    Newer(u32),
    /// A line that was running when the page stopped; it was not replayed.
    Interrupted { exercise: String, line: String },
    /// Replaying the exercise's stored session stopped the page; the session was set aside.
    ReplayStopped { exercise: String },
}

impl Recovery {
    /// A sentence for the learner.
    pub fn message(&self) -> String {
        match self {
            Recovery::Unreadable => "Your saved progress could not be read, so this browser starts afresh. Nothing you do now is affected.".into(),
            Recovery::Dropped(ids) => format!("Part of your saved progress could not be read and was left out: {}.", ids.join(", ")),
            Recovery::Newer(version) => format!("Your progress was saved by a newer Dockside (format {version}); what this version understands was kept."),
            Recovery::ReplayStopped { exercise } => format!("Replaying your commands in {exercise} stopped the simulator last time, so that exercise starts afresh; your hints and whether you solved it were kept."),
            Recovery::Interrupted { exercise, line } => format!("The simulator stopped while running `{line}` in {exercise}; your work up to that command was kept, and that command was not run again."),
        }
    }
}

impl Progress {
    pub fn new() -> Progress {
        Progress { version: PROGRESS_VERSION, exercises: BTreeMap::new(), answers: BTreeMap::new(), replaying: None }
    }

    /// Reads what storage held (None when there was nothing), keeping whatever it can.
    pub fn load(stored: Option<&str>) -> (Progress, Vec<Recovery>) {
        let Some(text) = stored.filter(|text| !text.trim().is_empty()) else {
            return (Progress::new(), Vec::new());
        };
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            return (Progress::new(), vec![Recovery::Unreadable]);
        };
        migrate(value)
    }

    /// Reads an exported file: like `load`, but a file that is not progress at all is an error
    /// rather than a fresh start, so that importing the wrong file changes nothing.
    pub fn import(text: &str) -> Result<(Progress, Vec<Recovery>), String> {
        let (progress, recoveries) = Progress::load(Some(text));
        if recoveries.contains(&Recovery::Unreadable) || text.trim().is_empty() {
            return Err("That file is not Dockside progress: nothing was changed.".into());
        }
        Ok((progress, recoveries))
    }

    /// The JSON to store or export.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"))
    }

    pub fn exercise(&self, id: &str) -> Option<&ExerciseProgress> {
        self.exercises.get(id)
    }

    pub fn exercise_mut(&mut self, id: &str) -> &mut ExerciseProgress {
        self.exercises.entry(id.to_string()).or_default()
    }

    /// Exercises solved, for the course overview.
    pub fn solved(&self) -> impl Iterator<Item = &str> {
        self.exercises.iter().filter(|(_, exercise)| exercise.solved).map(|(id, _)| id.as_str())
    }
}

impl ExerciseProgress {
    /// The session without its last line (and what the clock did after it): undo.
    pub fn undo(&mut self) -> Option<String> {
        let session = self.session.as_mut()?;
        let last = session.entries.iter().rposition(|entry| matches!(entry, Entry::Line { .. }))?;
        let removed = match session.entries.get(last) {
            Some(Entry::Line { line, .. }) => line.clone(),
            _ => return None,
        };
        session.entries.truncate(last);
        Some(removed)
    }

    /// The lines typed so far, for rewinding and for the summary beside the reference.
    pub fn lines(&self) -> Vec<String> {
        self.session.iter().flat_map(|session| session.entries.iter()).filter_map(|entry| match entry {
            Entry::Line { line, .. } => Some(line.clone()),
            _ => None,
        }).collect()
    }

    /// Keeps the first `count` lines (and the keys and clock between them): rewind.
    pub fn rewind(&mut self, count: usize) {
        if let Some(session) = self.session.as_mut() {
            let mut seen = 0;
            let cut = session.entries.iter().position(|entry| {
                if matches!(entry, Entry::Line { .. }) {
                    seen += 1;
                }
                seen > count
            });
            if let Some(cut) = cut {
                session.entries.truncate(cut);
            }
        }
    }
}

/// Brings any stored value to the current shape, keeping what can be kept.
fn migrate(value: Value) -> (Progress, Vec<Recovery>) {
    let Value::Object(mut map) = value else {
        return (Progress::new(), vec![Recovery::Unreadable]);
    };
    let version = map.get("version").and_then(Value::as_u64);
    let mut recoveries = Vec::new();
    let answers = map.remove("answers");
    let replaying = map.remove("replaying").and_then(|value| value.as_str().map(String::from));
    let exercises = match version {
        // Version 1: the current shape.
        Some(1) => map.remove("exercises"),
        Some(newer) if newer > u64::from(PROGRESS_VERSION) => {
            recoveries.push(Recovery::Newer(u32::try_from(newer).unwrap_or(u32::MAX)));
            map.remove("exercises")
        }
        // Older versions get a step here that rewrites them into the next one, in order.
        // Anything without a version is not ours.
        _ => return (Progress::new(), vec![Recovery::Unreadable]),
    };
    let mut progress = Progress::new();
    let mut dropped = Vec::new();
    match exercises {
        Some(Value::Object(records)) => {
            for (id, record) in records {
                match serde_json::from_value::<ExerciseProgress>(record) {
                    Ok(record) => {
                        progress.exercises.insert(id, record);
                    }
                    Err(_) => dropped.push(id),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => dropped.push("all exercises".into()),
    }
    // Answers are strings; anything else under a key is left out on its own.
    if let Some(Value::Object(answers)) = answers {
        for (key, answer) in answers {
            match answer {
                Value::String(answer) => {
                    progress.answers.insert(key, answer);
                }
                _ => dropped.push(key),
            }
        }
    }
    if !dropped.is_empty() {
        recoveries.push(Recovery::Dropped(dropped));
    }
    // A replay that never finished is not tried again: it is what stopped the page.
    if let Some(id) = replaying
        && let Some(record) = progress.exercises.get_mut(&id) {
            record.session = None;
            record.pending = None;
            recoveries.push(Recovery::ReplayStopped { exercise: id });
        }
    // A line that never finished is not replayed: it may be what stopped the page.
    for (id, record) in &mut progress.exercises {
        if let Some(line) = record.pending.take() {
            recoveries.push(Recovery::Interrupted { exercise: id.clone(), line });
        }
    }
    (progress, recoveries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;

    fn worked() -> Progress {
        let mut engine = Engine::new(0);
        engine.run("docker run -d --name web nginx");
        engine.run("docker ps");
        let mut progress = Progress::new();
        let record = progress.exercise_mut("first-container");
        record.session = Some(engine.session().clone());
        record.hints_shown = 1;
        progress
    }

    #[test]
    fn progress_round_trips_through_its_json() {
        let progress = worked();
        assert_eq!(Progress::load(Some(&progress.to_json())), (progress, Vec::new()));
    }

    #[test]
    fn nothing_stored_is_a_fresh_start_without_a_message() {
        assert_eq!(Progress::load(None), (Progress::new(), Vec::new()));
        assert_eq!(Progress::load(Some("  ")), (Progress::new(), Vec::new()));
    }

    #[test]
    fn corrupt_or_foreign_storage_starts_afresh_and_says_so() {
        for stored in ["{\"version\":1,\"exer", "not json", "[1,2,3]", "{\"theme\":\"dark\"}", "42", "{\"version\":0}"] {
            assert_eq!(Progress::load(Some(stored)), (Progress::new(), vec![Recovery::Unreadable]), "{stored}");
        }
    }

    #[test]
    fn a_bad_record_is_dropped_and_the_others_kept() {
        let mut value: Value = serde_json::from_str(&worked().to_json()).unwrap();
        value["exercises"]["broken"] = serde_json::json!({ "session": "not a session" });
        let (progress, recoveries) = Progress::load(Some(&value.to_string()));
        assert!(progress.exercise("first-container").is_some());
        assert!(progress.exercise("broken").is_none());
        assert_eq!(recoveries, vec![Recovery::Dropped(vec!["broken".into()])]);
    }

    #[test]
    fn a_newer_format_keeps_what_it_understands() {
        let mut value: Value = serde_json::from_str(&worked().to_json()).unwrap();
        value["version"] = 7.into();
        value["badges"] = serde_json::json!(["fast"]);
        let (progress, recoveries) = Progress::load(Some(&value.to_string()));
        assert_eq!(progress.exercises, worked().exercises);
        assert_eq!(recoveries, vec![Recovery::Newer(7)]);
    }

    #[test]
    fn a_line_that_never_finished_is_not_replayed_and_is_reported() {
        let mut progress = worked();
        progress.exercise_mut("first-container").pending = Some("docker run --boom".into());
        let (loaded, recoveries) = Progress::load(Some(&progress.to_json()));
        assert_eq!(loaded.exercise("first-container").unwrap().pending, None);
        assert_eq!(recoveries, vec![Recovery::Interrupted { exercise: "first-container".into(), line: "docker run --boom".into() }]);
    }

    #[test]
    fn importing_something_else_changes_nothing() {
        assert!(Progress::import("hello").is_err());
        assert!(Progress::import("").is_err());
        assert!(Progress::import(&worked().to_json()).is_ok());
    }

    #[test]
    fn undo_and_rewind_replay_to_the_world_before() {
        let mut record = worked().exercises.remove("first-container").unwrap();
        assert_eq!(record.lines(), ["docker run -d --name web nginx", "docker ps"]);
        assert_eq!(record.undo().as_deref(), Some("docker ps"));
        let (engine, _) = Engine::replay(record.session.as_ref().unwrap());
        assert_eq!(engine.snapshot().docker.containers.len(), 1);
        record.rewind(0);
        assert!(record.lines().is_empty());
        let (engine, _) = Engine::replay(record.session.as_ref().unwrap());
        assert!(engine.snapshot().docker.containers.is_empty());
        assert_eq!(record.undo(), None);
    }

    #[test]
    fn answers_round_trip_and_a_bad_one_is_dropped_alone() {
        let mut progress = worked();
        progress.answers.insert("quiz:images-and-containers:You type docker run nginx three times. What is on the machine now?".into(), "One image and three containers".into());
        let (back, recoveries) = Progress::load(Some(&progress.to_json()));
        assert_eq!((back, recoveries), (progress.clone(), Vec::new()));
        let mut value: Value = serde_json::from_str(&progress.to_json()).unwrap();
        value["answers"]["broken"] = serde_json::json!([1, 2]);
        let (back, recoveries) = Progress::load(Some(&value.to_string()));
        assert_eq!(back.answers, progress.answers);
        assert_eq!(recoveries, vec![Recovery::Dropped(vec!["broken".into()])]);
    }


    #[test]
    fn a_replay_that_never_finished_is_set_aside_and_the_rest_kept() {
        let mut progress = worked();
        progress.replaying = Some("first-container".into());
        let (back, recoveries) = Progress::load(Some(&progress.to_json()));
        assert_eq!(recoveries, vec![Recovery::ReplayStopped { exercise: "first-container".into() }]);
        let record = back.exercise("first-container").expect("the record stays");
        assert_eq!((record.session.is_none(), record.hints_shown), (true, 1), "the session goes, the hints stay");
        assert_eq!(back.replaying, None);
        assert!(recoveries[0].message().contains("starts afresh"));
    }

}
