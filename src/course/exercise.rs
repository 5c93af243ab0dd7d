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
    /// The running container's PID 1 runs this command: its command line starts with the
    /// text, the program's directory aside (`redis-server`, not `sh -c redis-server`).
    Pid1 { container: String, command: String },
    /// A signal reached the container's PID 1 at some point in the session.
    ReceivedSignal { container: String, signal: String },
    /// The container started more than once at some point in the session.
    Restarted(String),
    /// The image was pushed to its registry at some point in the session
    /// (`localhost:5000/base/alpine:3.22`; no tag means `:latest`).
    Pushed(String),
    /// A file or directory on the host belongs to this user ID (paths relative to
    /// /home/learner): who owns what a container wrote into a bind mount.
    HostFileOwner { path: String, uid: u32 },
    /// The container's environment (what `docker exec c env` lists) has this exact
    /// `NAME=value` entry.
    ContainerEnv { container: String, variable: String },
    /// The container has the named volume mounted (at any path).
    ContainerUsesVolume { container: String, volume: String },
    /// Exactly this many containers exist, running or stopped (what `docker ps -a` lists):
    /// `0` says no throwaway container was left behind.
    ContainerCount(usize),
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

/// A typed answer: the learner types a command or a word, and patterns decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: String,
    pub prompt: String,
    /// Accepted answers. Both sides are trimmed and runs of white space count as one
    /// space; `*` matches any run of characters, and a `*` word also matches no words.
    pub accept: Vec<String>,
    /// Plausible answers that must be refused: the content tests check each one is.
    #[serde(default)]
    pub reject: Vec<String>,
    /// Shown after a wrong try.
    #[serde(default)]
    pub hint: Option<String>,
    /// Shown once the answer is right.
    pub why: String,
}

impl Answer {
    /// Whether a typed answer matches one of the accepted patterns.
    pub fn accepts(&self, typed: &str) -> bool {
        let typed = normalize(typed);
        // A `*` standing as a word may also stand for no words at all: `docker run * nginx`
        // accepts `docker run nginx`.
        let matches = |pattern: &str| glob(pattern, &typed) || (pattern.contains(" * ") && glob(&pattern.replace(" * ", " "), &typed));
        !typed.is_empty() && self.accept.iter().any(|pattern| matches(&normalize(pattern)))
    }

    /// Problems an answer block may not have.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.accept.iter().all(|pattern| normalize(pattern).is_empty()) {
            problems.push("an answer needs at least one accepted pattern".into());
        }
        for rejected in &self.reject {
            if self.accepts(rejected) {
                problems.push(format!("the rejected answer `{rejected}` is accepted"));
            }
        }
        if self.why.trim().is_empty() {
            problems.push("an answer needs a `why`".into());
        }
        problems
    }
}

/// Trimmed, with each run of white space as one space.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `*` matches any run of characters (none included); everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    // The classic two-pointer match with one backtrack point: linear in practice.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Predict, then run: the learner chooses what the lines will do, then runs them in a
/// world of their own and sees the real output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Predict {
    pub id: String,
    pub prompt: String,
    /// The world the lines run in.
    #[serde(default)]
    pub scenario: Scenario,
    /// What runs once the learner has chosen; each line is shown behind a prompt.
    pub run: Vec<String>,
    pub choices: Vec<Choice>,
    /// Text the output must contain: the content tests check the right choice is what
    /// really happens.
    pub shows: String,
}

impl Predict {
    /// Problems a prediction may not have.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = choice_problems(&self.choices).into_iter().map(|problem| format!("the prediction {problem}")).collect::<Vec<_>>();
        if self.run.is_empty() {
            problems.push("a prediction needs lines to `run`".into());
        }
        if self.shows.trim().is_empty() {
            problems.push("a prediction needs `shows`, text its output contains".into());
        }
        problems
    }
}

/// Problems of one set of choices: fewer than two, none right, or one without a `why`.
fn choice_problems(choices: &[Choice]) -> Vec<String> {
    let mut problems = Vec::new();
    if choices.len() < 2 {
        problems.push("needs at least two choices".into());
    }
    if !choices.iter().any(|choice| choice.correct) {
        problems.push("has no correct choice".into());
    }
    if choices.iter().any(|choice| choice.why.trim().is_empty()) {
        problems.push("has a choice without an explanation".into());
    }
    problems
}

impl Quiz {
    /// Problems a quiz may not have: a question without a right answer or with one choice.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (index, question) in self.questions.iter().enumerate() {
            problems.extend(choice_problems(&question.choices).into_iter().map(|problem| format!("question {} {problem}", index + 1)));
        }
        if self.questions.is_empty() {
            problems.push("a quiz needs at least one question".into());
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(accept: &[&str]) -> Answer {
        Answer { id: "a".into(), prompt: "p".into(), accept: accept.iter().map(|s| s.to_string()).collect(), reject: vec![], hint: None, why: "w".into() }
    }

    #[test]
    fn answers_match_after_trimming_and_collapsing_white_space() {
        let answer = answer(&["docker ps -a", "docker ps --all"]);
        assert!(answer.accepts("  docker   ps -a "));
        assert!(answer.accepts("docker ps --all"));
        assert!(!answer.accepts("docker ps"));
        assert!(!answer.accepts("docker ps -a -q"));
        assert!(!answer.accepts(""));
    }

    #[test]
    fn a_star_matches_any_run_of_characters() {
        let answer = answer(&["docker run * nginx", "*--rm*"]);
        assert!(answer.accepts("docker run -d -p 8080:80 nginx"));
        assert!(answer.accepts("docker run  nginx"), "a star matches nothing as well");
        assert!(answer.accepts("docker run -it --rm alpine"));
        assert!(!answer.accepts("docker run -d nginx:alpine"));
        assert!(glob("a*b*c", "aXbYbZc") && !glob("a*b*c", "aXbYbZ") && glob("**", "") && !glob("a", ""));
    }

    #[test]
    fn an_answer_that_accepts_a_rejected_example_is_a_problem() {
        let mut answer = answer(&["docker *"]);
        answer.reject = vec!["docker ps".into()];
        assert_eq!(answer.problems(), vec!["the rejected answer `docker ps` is accepted".to_string()]);
    }
}
