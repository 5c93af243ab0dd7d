//! Scenarios: where a session starts. Files on the host, images already pulled, and setup
//! commands (containers, volumes, networks) run before the learner types anything.

use serde::{Deserialize, Serialize};

/// A starting point for a session (an exercise's, or `dockside-sim --scenario`'s).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Files on the host, owned by the learner; relative paths are under `/home/learner`.
    #[serde(default)]
    pub files: Vec<ScenarioFile>,
    /// Images present before the session starts (pulled silently).
    #[serde(default)]
    pub images: Vec<String>,
    /// Lines run silently at the start, as the learner, such as
    /// `docker run -d --name db -e POSTGRES_PASSWORD=pw postgres`.
    #[serde(default)]
    pub setup: Vec<String>,
    /// The working directory the learner starts in.
    #[serde(default)]
    pub cwd: Option<String>,
}

/// A file a scenario puts on the host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub path: String,
    pub contents: String,
}
