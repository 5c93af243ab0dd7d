//! The interactive blocks of a lesson: exercises (a scenario, goals checked against the
//! engine, hints, a reference solution and plausible wrong ones), quizzes, and "Try it"
//! lines for the terminal. Checking goals against the engine is `crate::exercises`'.

use serde::{Deserialize, Serialize};

use crate::engine::Scenario;

/// A hands-on task, checked against the simulated world.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    /// Where the learner starts.
    #[serde(default)]
    pub scenario: Scenario,
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub hints: Vec<String>,
    /// Lines that meet every goal from the scenario.
    pub solution: Vec<String>,
    /// Plausible mistakes, each with why it falls short; none may meet every goal.
    #[serde(default)]
    pub wrong: Vec<WrongSolution>,
}

/// A named condition on the world.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// What the checklist shows: "a container named web is running".
    pub name: String,
    pub check: Check,
}

/// A mistake a learner might make, and why it does not do the job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrongSolution {
    pub lines: Vec<String>,
    pub why: String,
}

/// What a goal checks, through the engine's read-only queries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    ContainerRunning(String),
    /// The container exists and has exited (with this code, if given).
    ContainerExited { name: String, code: Option<i32> },
    ImageExists(String),
    VolumeExists(String),
    NetworkExists(String),
    ContainerOnNetwork { container: String, network: String },
    /// A file on the host contains the text (paths relative to /home/learner).
    HostFileContains { path: String, text: String },
    /// A file as a container sees it (mounts included) contains the text.
    ContainerFileContains { container: String, path: String, text: String },
    /// A file in a volume contains the text.
    VolumeFileContains { volume: String, path: String, text: String },
    /// An HTTP GET from the host (`localhost:8080/`) answers 200 with the text in the body.
    Http { url: String, contains: String },
    /// PID 1 of the container runs a command that contains the text.
    Pid1 { container: String, command: String },
    /// A signal reached the container's PID 1 at some point in the session.
    ReceivedSignal { container: String, signal: String },
    /// The container started more than once at some point in the session.
    Restarted(String),
    /// Exactly this many containers exist, running or stopped (what `docker ps -a` lists):
    /// `0` says no throwaway container was left behind.
    ContainerCount(usize),
    /// A file or directory on the host (relative to /home/learner) belongs to this uid:
    /// `1000` is the learner, `0` is root.
    HostFileOwner { path: String, uid: u32 },
    /// The container exists and has no file at this path, as it sees it (mounts included):
    /// what a `.dockerignore` kept out of the image.
    ContainerFileAbsent { container: String, path: String },
}

/// A quiz: questions whose every choice explains itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub prompt: String,
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    /// Why this choice is right or wrong; shown once the learner picks it.
    pub why: String,
}

impl Quiz {
    /// Problems a quiz may not have: a question without a right answer or with one choice.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (index, question) in self.questions.iter().enumerate() {
            if question.choices.len() < 2 {
                problems.push(format!("question {} needs at least two choices", index + 1));
            }
            if !question.choices.iter().any(|choice| choice.correct) {
                problems.push(format!("question {} has no correct choice", index + 1));
            }
            if question.choices.iter().any(|choice| choice.why.trim().is_empty()) {
                problems.push(format!("question {} has a choice without an explanation", index + 1));
            }
        }
        if self.questions.is_empty() {
            problems.push("a quiz needs at least one question".into());
        }
        problems
    }
}
