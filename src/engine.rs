//! The simulator: a terminal's world in pure Rust, with no browser, no wall clock and no I/O.
//!
//! Everything outside reaches the engine through [`Engine`]: `run` a typed line and get an
//! [`Outcome`] back (ordered output chunks, an exit code, the events it caused), `advance`
//! the simulated clock, `interrupt` the foreground job, `complete` a prefix for Tab, and
//! read a versioned [`Snapshot`]. Every call that changes state is an entry in the
//! [`Session`] log, so replaying the log reproduces every byte of output.

pub mod accounts;
pub mod clock;
pub mod commands;
pub mod docker;
pub mod fs;
pub mod interpreter;
pub mod repl;
pub mod scenario;
pub mod session;
pub mod shell;
pub mod transcript;
pub mod view;

use serde::{Deserialize, Serialize};

pub use scenario::{Scenario, ScenarioFile};
pub use session::{Entry, Session, SimTime};

use interpreter::{Shell, World};

/// The prompt the host shell shows, and that `dockside-sim --echo` prints before each line.
pub const HOST_PROMPT: &str = "$ ";

/// The prompt while a command needs more lines (an open quote, a here-document): bash's PS2.
pub const CONTINUATION_PROMPT: &str = "> ";

/// The most bytes of text one command may be given across its lines (a pasted heredoc),
/// so that no input grows without bound.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// Which stream a piece of output went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One piece of output, in the order the terminal shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    pub stream: Stream,
    pub text: String,
}

/// A visible change in the simulated world, for the pictures and for `--events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The simulated clock moved forward (milliseconds since the Unix epoch).
    ClockAdvanced { from: SimTime, to: SimTime },
    /// An image arrived in the local store from a registry.
    ImagePulled { reference: String },
    ContainerCreated { id: String, name: String, image: String },
    ContainerStarted { id: String },
    /// PID 1 exited with `code`; `signal` names the signal that killed it, if one did.
    ContainerExited { id: String, code: i32, signal: Option<String> },
    ContainerRemoved { id: String },
    ContainerPaused { id: String, paused: bool },
    VolumeCreated { name: String },
    /// A build step ran and made a layer.
    LayerBuilt { step: String },
    /// A build step was taken from the cache.
    LayerCached { step: String },
    /// `docker build` finished, tagging the image.
    ImageBuilt { tags: Vec<String> },
    ImageRemoved { id: String },
    /// An image went up to a registry (`registry/path:tag`).
    ImagePushed { reference: String },
    NetworkCreated { name: String },
    NetworkRemoved { name: String },
    /// A container joined a network.
    NetworkConnected { id: String, network: String },
    NetworkDisconnected { id: String, network: String },
    VolumeRemoved { name: String },
    /// A container started with a volume, bind mount or tmpfs at `target`.
    VolumeMounted { id: String, source: String, target: String, kind: String },
    /// A signal reached a process of a container (`pid` inside the container).
    SignalDelivered { id: String, pid: u32, signal: String },
}

/// What one command line did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Standard output and standard error, interleaved in the order they were written.
    pub chunks: Vec<Chunk>,
    /// The exit status, as `$?` would show it.
    pub exit_code: i32,
    /// The visible changes the command caused, in order.
    pub events: Vec<Event>,
}

impl Outcome {
    fn stdout(&mut self, text: impl Into<String>) {
        self.push(Stream::Stdout, text.into());
    }

    fn stderr(&mut self, text: impl Into<String>) {
        self.push(Stream::Stderr, text.into());
    }

    /// Adjacent writes to the same stream are merged, so the chunk list stays short
    /// without changing the order of the bytes.
    fn push(&mut self, stream: Stream, text: String) {
        if text.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some(last) if last.stream == stream => last.text.push_str(&text),
            _ => self.chunks.push(Chunk { stream, text }),
        }
    }

    /// All the output as the terminal shows it, both streams in order.
    pub fn text(&self) -> String {
        self.chunks.iter().map(|chunk| chunk.text.as_str()).collect()
    }
}

/// The version of [`Snapshot`]'s shape; it changes whenever a field does.
pub const SNAPSHOT_VERSION: u32 = 2;

/// Everything the pictures draw, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub version: u32,
    /// The simulated time (milliseconds since the Unix epoch).
    pub now: SimTime,
    /// The status of the last command.
    pub last_exit_code: i32,
    /// The host shell's working directory.
    pub cwd: String,
    /// The container the terminal is attached to or inside, if any.
    pub attached: Option<String>,
    pub docker: view::DockerView,
}

/// One simulated world and its session log.
#[derive(Debug, Clone)]
pub struct Engine {
    session: Session,
    shell: Shell,
    world: World,
    /// Lines typed so far of a command that needs more (here-documents, open quotes).
    pending: Vec<String>,
    /// The job that has the terminal, if a command left one.
    foreground: Option<Foreground>,
    facts: view::Facts,
}

/// A job that has the terminal.
#[derive(Debug, Clone)]
enum Foreground {
    /// Attached to a running container's output (`docker run nginx`, `docker logs -f`).
    Attached {
        container: String,
        /// How many of its log entries the terminal has shown.
        logs_seen: usize,
        /// `docker logs -f`: Ctrl-C ends the following, not the container.
        logs: bool,
    },
    /// At a shell inside a container; `exec` when that shell is not its PID 1.
    Session { container: String, shell: Box<Shell>, exec: bool },
    /// `docker compose up` attached to a project's containers.
    Compose { project: String, containers: Vec<String> },
    /// At an interpreter's prompt in a container (`docker run -it python`); `interrupted`
    /// when the last key was Ctrl-C (Node leaves on a second one).
    Repl { container: String, language: repl::Language, interrupted: bool },
}

/// What `docker attach` and `docker run -it` print when Ctrl-P Ctrl-Q detaches (docker/cli
/// `cli/command/container/attach.go`). UNVERIFIED against CLI 29's output; kept in one place.
pub const DETACHED_MESSAGE: &str = "read escape sequence\n";

impl Engine {
    /// A fresh world with the given seed, its clock at the session's default start.
    pub fn new(seed: u64) -> Engine {
        Engine::from_session_start(Session::new(seed))
    }

    /// A world that starts from a scenario: its files, images and setup in place.
    pub fn with_scenario(seed: u64, scenario: Scenario) -> Engine {
        Engine::from_session_start(Session { scenario: Some(scenario), ..Session::new(seed) })
    }

    fn from_session_start(session: Session) -> Engine {
        let world = World::host(session.start, session.seed);
        let scenario = session.scenario.clone();
        let mut engine = Engine { session: Session { entries: Vec::new(), ..session }, shell: Shell::host(), world, pending: Vec::new(), foreground: None, facts: view::Facts::default() };
        if let Some(scenario) = scenario {
            engine.set_up(&scenario);
        }
        engine
    }

    /// Puts a scenario in place. Its output is not shown and its lines are not in the log:
    /// the session's scenario reproduces them.
    fn set_up(&mut self, scenario: &Scenario) {
        let learner = fs::User { uid: 1000, gid: 1000 };
        let now = self.world.now;
        for file in &scenario.files {
            let path = fs::absolute("/home/learner", &file.path);
            let mut parents = Vec::new();
            let mut parent = fs::parent(&path);
            while self.world.fs.get(parent).is_none() && parent != "/" {
                parents.push(parent.to_string());
                parent = fs::parent(parent);
            }
            for dir in parents.into_iter().rev() {
                let _ = self.world.fs.mkdir(&dir, learner, now);
            }
            let _ = self.world.fs.write(&path, &file.contents, false, learner, now);
        }
        let mut ignored = Outcome::default();
        for image in &scenario.images {
            let _ = interpreter::run_text(&mut self.shell, &mut self.world, &format!("docker pull {image}"), &mut ignored);
        }
        for line in &scenario.setup {
            let _ = interpreter::run_text(&mut self.shell, &mut self.world, line, &mut ignored);
        }
        if let Some(cwd) = &scenario.cwd {
            self.shell.cwd = fs::absolute("/home/learner", cwd);
        }
        self.shell.last_status = 0;
        self.shell.history.clear();
    }

    /// Rebuilds a world from a session log, returning it with the outcome of every entry.
    pub fn replay(session: &Session) -> (Engine, Vec<Outcome>) {
        let mut engine = Engine::from_session_start(session.clone());
        let outcomes = session.entries.iter().map(|entry| engine.apply(entry.clone())).collect();
        (engine, outcomes)
    }

    /// Runs one typed line, as if Enter were pressed after it.
    pub fn run(&mut self, line: &str) -> Outcome {
        self.apply(Entry::Line { at: self.world.now, line: line.to_string() })
    }

    /// Moves the simulated clock forward by `millis`.
    pub fn advance(&mut self, millis: u64) -> Vec<Event> {
        self.apply(Entry::Advance { millis }).events
    }

    /// Ctrl-C: interrupts the foreground job, if any. At an idle prompt the shell prints
    /// `^C` and a new prompt with status 130, as bash does.
    pub fn interrupt(&mut self) -> Outcome {
        self.apply(Entry::Interrupt)
    }

    /// Ctrl-D: ends a shell inside a container as `exit` does. At the host prompt it does
    /// nothing (the simulator's host shell cannot be left).
    pub fn end_of_input(&mut self) -> Outcome {
        self.apply(Entry::EndOfInput)
    }

    /// Ctrl-P Ctrl-Q: detaches from a container's terminal, leaving it running.
    pub fn detach(&mut self) -> Outcome {
        self.apply(Entry::Detach)
    }

    /// Whether a job (an attached container, a shell inside one) has the terminal.
    pub fn has_foreground_job(&self) -> bool {
        self.foreground.is_some()
    }

    /// The completions of the last word of `line` for Tab, sorted.
    pub fn complete(&self, line: &str) -> Vec<String> {
        match &self.foreground {
            Some(Foreground::Session { container, shell, .. }) => {
                let programs: Vec<&str> = shell.programs.clone().unwrap_or_default();
                let docker = &self.world.docker;
                match docker.container_index(container) {
                    Some(index) => view::complete(line, &programs, &Default::default(), &docker.containers[index].fs, &shell.cwd),
                    None => Vec::new(),
                }
            }
            _ => {
                let names: Vec<&str> = commands::COMMANDS.iter().map(|(name, _, _)| *name).collect();
                view::complete(line, &names, &self.world.docker, &self.world.fs, &self.shell.cwd)
            }
        }
    }

    /// The prompt to show before the next line: `> ` while a command needs more lines, the
    /// container's own inside one, nothing while attached to a container's output.
    pub fn prompt(&self) -> String {
        match &self.foreground {
            Some(Foreground::Attached { .. } | Foreground::Compose { .. }) => String::new(),
            Some(Foreground::Repl { language, .. }) => language.prompt().to_string(),
            _ if !self.pending.is_empty() => CONTINUATION_PROMPT.to_string(),
            Some(Foreground::Session { shell, .. }) => shell.prompt(),
            None => HOST_PROMPT.to_string(),
        }
    }

    /// The session so far: replaying it gives back this world.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// A view of everything the pictures draw.
    pub fn snapshot(&self) -> Snapshot {
        let attached = match &self.foreground {
            Some(Foreground::Attached { container, .. } | Foreground::Session { container, .. } | Foreground::Repl { container, .. }) => Some(container.clone()),
            Some(Foreground::Compose { project, .. }) => Some(project.clone()),
            None => None,
        };
        Snapshot {
            version: SNAPSHOT_VERSION,
            now: self.world.now,
            last_exit_code: self.shell.last_status,
            cwd: self.shell.cwd.clone(),
            attached,
            docker: view::DockerView::of(&self.world.docker),
        }
    }

    /// Facts kept over the whole session, for goals that look back.
    pub fn facts(&self) -> &view::Facts {
        &self.facts
    }

    /// The contents of a file on the host, for goals ("index.html says hello").
    pub fn host_file(&self, path: &str) -> Option<String> {
        self.world.fs.get(&fs::absolute("/home/learner", path)).and_then(fs::Entry::contents).map(String::from)
    }

    /// The user ID that owns a file or directory on the host, for goals ("index.html is the
    /// learner's, not root's").
    pub fn host_file_owner(&self, path: &str) -> Option<fs::Id> {
        self.world.fs.get(&fs::absolute("/home/learner", path)).map(|entry| entry.uid)
    }

    /// The contents of a file as a container sees it, mounts included.
    pub fn container_file(&self, container: &str, path: &str) -> Option<String> {
        let docker = &self.world.docker;
        let index = docker.container_index(container)?;
        let found = &docker.containers[index];
        let mut view = found.fs.clone();
        docker::storage::mount(&mut view, &found.mounts, &docker.volumes, &self.world.fs, false, 0);
        view.get(&fs::absolute("/", path)).and_then(fs::Entry::contents).map(String::from)
    }

    /// A container's environment, `NAME=value` entries as `docker exec c env` lists them
    /// (the image's ENV, then `--env-file` and `-e`, later entries winning).
    pub fn container_env(&self, container: &str) -> Option<&[String]> {
        let docker = &self.world.docker;
        docker.container_index(container).map(|index| docker.containers[index].env.as_slice())
    }

    /// An HTTP GET from the host, as `curl` would make it: the status and body, or `None`
    /// when the host name does not resolve or nothing answers.
    pub fn http_get(&self, url: &str) -> Option<(u16, String)> {
        let rest = url.strip_prefix("http://").unwrap_or(url);
        let (authority, path) = rest.find('/').map_or((rest, "/"), |at| (&rest[..at], &rest[at..]));
        let (host, port) = authority.rsplit_once(':').map_or((authority, 80), |(host, port)| (host, port.parse().unwrap_or(0)));
        match self.world.docker.network_view(&self.world.fs, None).get(host, port, path)? {
            docker::network::Reply::Http { status, body, .. } => Some((status, body)),
            _ => None,
        }
    }

    /// The contents of a file in a volume (`path` relative to the volume's root).
    pub fn volume_file(&self, volume: &str, path: &str) -> Option<String> {
        let docker = &self.world.docker;
        let wanted = fs::absolute("/", path);
        docker.volume_index(volume).and_then(|index| docker.volumes[index].contents.iter().find(|(relative, _)| *relative == wanted).and_then(|(_, entry)| entry.contents()).map(String::from))
    }

    /// The one place where the world changes: every public mutation is an entry.
    fn apply(&mut self, entry: Entry) -> Outcome {
        let mut outcome = Outcome::default();
        match (&entry, self.foreground.clone()) {
            (Entry::Line { line, .. }, Some(Foreground::Session { .. }) | None) => self.type_line(line, &mut outcome),
            // An attached container without standard input: typed lines go nowhere.
            (Entry::Line { .. }, Some(Foreground::Attached { .. } | Foreground::Compose { .. })) => {}
            (Entry::Line { line, .. }, Some(Foreground::Repl { container, language, .. })) => {
                let reply = language.eval(line);
                self.repl_reply(&container, language, reply, &mut outcome);
            }
            (Entry::Interrupt, Some(Foreground::Repl { container, language, interrupted })) => {
                let reply = language.interrupt(interrupted);
                self.repl_reply(&container, language, reply, &mut outcome);
                if let Some(Foreground::Repl { interrupted, .. }) = &mut self.foreground {
                    *interrupted = true;
                }
            }
            // Ctrl-D at the prompt: end of input, and the interpreter exits with 0.
            (Entry::EndOfInput, Some(Foreground::Repl { container, language, .. })) => {
                self.repl_reply(&container, language, repl::Reply { exit: Some(0), ..repl::Reply::default() }, &mut outcome);
            }
            // Compose stops the project's containers on Ctrl-C, and gives the prompt back.
            (Entry::Interrupt, Some(Foreground::Compose { containers, .. })) => {
                let mut stopped = Vec::new();
                for id in containers.iter().rev() {
                    if let Some(index) = self.world.docker.container_index(id) {
                        let now = self.world.now;
                        let waited = self.world.docker.stop(index, None, now, &mut outcome.events);
                        self.world.now += waited;
                        stopped.push(self.world.docker.containers[index].name.clone());
                    }
                }
                let width = stopped.iter().map(String::len).max().unwrap_or(0);
                let mut text = format!("Gracefully stopping... (press Ctrl+C again to force)\n[+] Stopping {}/{}\n", stopped.len(), stopped.len());
                for name in &stopped {
                    text.push_str(&format!(" ✔ Container {name:<width$}  Stopped\n"));
                }
                outcome.stdout(text);
                self.foreground = None;
                self.shell.last_status = 130;
            }
            (Entry::Advance { millis }, _) => {
                let before = self.world.now;
                self.world.now = self.world.now.saturating_add(*millis);
                outcome.events.push(Event::ClockAdvanced { from: before, to: self.world.now });
                let now = self.world.now;
                self.world.docker.advance_to(&mut self.world.fs, now, &mut outcome.events);
            }
            // `docker logs -f` just stops following: the container runs on, and $? is 130.
            (Entry::Interrupt, Some(Foreground::Attached { logs: true, .. })) => {
                self.foreground = None;
                self.pending.clear();
                self.shell.last_status = 130;
            }
            // The CLI passes Ctrl-C on to the container (sig-proxy) and keeps waiting for it.
            (Entry::Interrupt, Some(Foreground::Attached { container, .. })) => {
                if let Some(index) = self.world.docker.container_index(&container) {
                    let now = self.world.now;
                    self.world.docker.signal(index, "SIGINT", now, &mut outcome.events);
                    self.world.docker.remove_auto_removed(&mut outcome.events);
                }
            }
            (Entry::Interrupt, Some(Foreground::Session { .. })) => {
                self.pending.clear();
                self.set_status(130);
            }
            (Entry::Interrupt, None) => {
                self.pending.clear();
                self.shell.last_status = 130;
            }
            (Entry::EndOfInput, Some(Foreground::Session { shell, .. })) if self.pending.is_empty() => {
                if shell.flavor == interpreter::Flavor::Bash {
                    outcome.stdout("exit\n");
                }
                let code = self.session_status();
                self.end_session(code, &mut outcome);
            }
            (Entry::EndOfInput, _) => {}
            (Entry::Detach, Some(Foreground::Session { container, exec: false, .. })) => {
                // Only a container started with a terminal (-it) can be detached from.
                let tty = self.world.docker.container_index(&container).is_some_and(|index| self.world.docker.containers[index].spec.tty);
                if tty {
                    outcome.stdout(DETACHED_MESSAGE);
                    self.foreground = None;
                    self.pending.clear();
                    self.shell.last_status = 0;
                }
            }
            (Entry::Detach, _) => {}
        }
        self.finish_foreground(&mut outcome);
        self.facts.record(&outcome.events, self.world.now);
        outcome.exit_code = match &self.foreground {
            Some(Foreground::Session { shell, .. }) => shell.last_status,
            _ => self.shell.last_status,
        };
        self.session.entries.push(entry);
        outcome
    }

    fn set_status(&mut self, code: i32) {
        match &mut self.foreground {
            Some(Foreground::Session { shell, .. }) => shell.last_status = code,
            _ => self.shell.last_status = code,
        }
    }

    fn session_status(&self) -> i32 {
        match &self.foreground {
            Some(Foreground::Session { shell, .. }) => shell.last_status,
            _ => self.shell.last_status,
        }
    }

    /// A shell inside a container ended with `code`: back to the host. When that shell was
    /// the container's PID 1, the container exits too.
    /// What an interpreter's line or key did; when it exits, so does the container (it is
    /// PID 1), and the terminal is back at the host.
    fn repl_reply(&mut self, container: &str, language: repl::Language, reply: repl::Reply, outcome: &mut Outcome) {
        outcome.stdout(reply.stdout);
        outcome.stderr(reply.stderr);
        self.foreground = Some(Foreground::Repl { container: container.to_string(), language, interrupted: false });
        if let Some(code) = reply.exit {
            self.foreground = None;
            if let Some(index) = self.world.docker.container_index(container) {
                let now = self.world.now;
                self.world.docker.exit(index, code, None, now, &mut outcome.events);
                self.world.docker.remove_auto_removed(&mut outcome.events);
            }
            self.shell.last_status = code;
        }
    }

    fn end_session(&mut self, code: i32, outcome: &mut Outcome) {
        let Some(Foreground::Session { container, exec, .. }) = self.foreground.take() else { return };
        if !exec
            && let Some(index) = self.world.docker.container_index(&container) {
                let now = self.world.now;
                self.world.docker.exit(index, code, None, now, &mut outcome.events);
                self.world.docker.remove_auto_removed(&mut outcome.events);
            }
        self.pending.clear();
        self.shell.last_status = code;
    }

    /// Ends the foreground job when its container has exited: what it wrote since it was
    /// attached appears, and `$?` becomes its exit code.
    fn finish_foreground(&mut self, outcome: &mut Outcome) {
        let container = match &self.foreground {
            Some(Foreground::Attached { container, .. } | Foreground::Session { container, .. } | Foreground::Repl { container, .. }) => container.clone(),
            Some(Foreground::Compose { containers, .. }) => {
                // The job ends when every container of the project has stopped.
                let any_running = containers.iter().any(|id| view::running(&self.world.docker, id));
                if !any_running {
                    self.foreground = None;
                }
                return;
            }
            None => return,
        };
        let exited_code = outcome.events.iter().find_map(|event| match event {
            Event::ContainerExited { id, code, .. } if *id == container => Some(*code),
            _ => None,
        });
        let found = self.world.docker.container_index(&container);
        if found.is_some_and(|index| self.world.docker.containers[index].status == docker::Status::Running) {
            return;
        }
        if let (Some(index), Some(Foreground::Attached { logs_seen, .. })) = (found, &self.foreground) {
            let logs = &self.world.docker.containers[index].logs;
            for (_, stderr, text) in logs[(*logs_seen).min(logs.len())..].iter().cloned() {
                if stderr { outcome.stderr(text) } else { outcome.stdout(text) }
            }
        }
        // `docker logs -f` ends with 0 when the container stops; attached, $? is its code.
        let following_logs = matches!(self.foreground, Some(Foreground::Attached { logs: true, .. }));
        let code = exited_code.or_else(|| found.map(|index| self.world.docker.containers[index].exit_code)).unwrap_or(0);
        self.shell.last_status = if following_logs { 0 } else { code };
        self.foreground = None;
        self.pending.clear();
    }

    /// A line typed at the prompt: run it in the shell that has the terminal, or keep it
    /// until the command is complete.
    fn type_line(&mut self, line: &str, outcome: &mut Outcome) {
        let buffered: usize = self.pending.iter().map(|line| line.len() + 1).sum();
        if buffered + line.len() > MAX_INPUT_BYTES {
            self.pending.clear();
            outcome.stderr(format!("dockside: input longer than {} KiB; the command was dropped\n", MAX_INPUT_BYTES / 1024));
            self.set_status(1);
            return;
        }
        self.pending.push(line.to_string());
        let text = self.pending.join("\n");
        if shell::parse(&text) == Err(shell::ParseError::Incomplete) {
            return;
        }
        self.pending.clear();
        if let Some(Foreground::Session { container, shell, .. }) = &mut self.foreground {
            let Some(index) = self.world.docker.container_index(container) else { return };
            let before = self.world.now;
            let mut now = before;
            let mut result = docker::run_script(&mut self.world.docker, &mut self.world.fs, index, shell, &text, &mut now);
            if now != before {
                // Waiting inside a container (`sleep 5`) is time passing for everyone.
                self.world.now = now;
                result.events.push(Event::ClockAdvanced { from: before, to: now });
                self.world.docker.advance_to(&mut self.world.fs, now, &mut result.events);
            }
            outcome.chunks.extend(result.chunks);
            outcome.events.extend(result.events);
            if let Some(code) = shell.exit_requested {
                // Interactive bash says goodbye; busybox ash and dash leave silently.
                if shell.flavor == interpreter::Flavor::Bash {
                    outcome.stdout("exit\n");
                }
                self.end_session(code, outcome);
            }
            return;
        }
        if !text.trim().is_empty() {
            self.shell.history.push(text.clone());
        }
        // Parsing again inside is cheap and keeps one path from text to running commands.
        let job = interpreter::run_text(&mut self.shell, &mut self.world, &text, outcome);
        self.shell.exit_requested = None;
        match job {
            Ok(Some(interpreter::Job::Attach { container, logs })) => {
                let logs_seen = self.world.docker.container_index(&container).map_or(0, |index| self.world.docker.containers[index].logs.len());
                self.foreground = Some(Foreground::Attached { container, logs_seen, logs });
            }
            Ok(Some(interpreter::Job::Compose { project, containers })) => {
                self.foreground = Some(Foreground::Compose { project, containers });
            }
            Ok(Some(interpreter::Job::Repl { container, language })) => {
                self.foreground = Some(Foreground::Repl { container, language, interrupted: false });
            }
            Ok(Some(interpreter::Job::Shell { container, flavor, exec, options })) => {
                if let Some(index) = self.world.docker.container_index(&container) {
                    let mut shell = docker::container_shell(&self.world.docker.containers[index], Some(flavor));
                    let _ = docker::apply_exec_options(&mut shell, &options, &self.world.docker.containers[index]);
                    self.foreground = Some(Foreground::Session { container, shell: Box::new(shell), exec });
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_gives_the_same_outcomes_and_state() {
        let mut engine = Engine::new(7);
        let mut outcomes = vec![engine.run("echo one"), engine.run("nope"), engine.run("echo $?")];
        outcomes.extend([engine.interrupt(), engine.run("echo two")]);
        engine.advance(1_500);
        let (replayed, replayed_outcomes) = Engine::replay(engine.session());
        assert_eq!(replayed_outcomes[..outcomes.len()], outcomes[..]);
        assert_eq!(replayed.snapshot(), engine.snapshot());
        assert_eq!(replayed.session(), engine.session());
    }

    #[test]
    fn a_scenario_is_part_of_the_session_and_replays() {
        let scenario = Scenario { images: vec!["alpine".into()], setup: vec!["docker run -d --name s alpine sleep 100".into()], ..Scenario::default() };
        let mut engine = Engine::with_scenario(3, scenario);
        let first = engine.run("docker ps --format '{{.Names}} {{.Status}}'");
        assert_eq!(first.text(), "s Up Less than a second\n");
        engine.advance(200_000);
        let later = engine.run("docker ps -a --format '{{.Names}} {{.Status}}'");
        let (replayed, outcomes) = Engine::replay(engine.session());
        assert_eq!(outcomes[2], later);
        assert_eq!(replayed.snapshot(), engine.snapshot());
    }

    #[test]
    fn tab_completes_commands_docker_words_containers_images_and_files() {
        let mut engine = Engine::new(0);
        engine.run("mkdir -p app/src && touch app/Dockerfile notes.txt");
        engine.run("docker run -d --name web nginx");
        assert_eq!(engine.complete("ec"), ["echo"]);
        assert_eq!(engine.complete("docker pu"), ["pull", "push"]);
        assert_eq!(engine.complete("docker stop w"), ["web"]);
        assert!(engine.complete("docker run ngi").contains(&"nginx".to_string()));
        assert_eq!(engine.complete("cat no"), ["notes.txt"]);
        assert_eq!(engine.complete("ls app/"), ["app/Dockerfile", "app/src/"]);
        assert_eq!(engine.complete("docker volume "), ["create", "inspect", "ls", "prune", "rm"]);
    }

    #[test]
    fn the_snapshot_draws_containers_with_their_mounts_and_the_facts_remember() {
        let mut engine = Engine::new(0);
        engine.run("docker run -d --name db -v pgdata:/var/lib/postgresql -e POSTGRES_PASSWORD=pw postgres");
        engine.run("docker restart db");
        let snapshot = engine.snapshot();
        let db = snapshot.docker.containers.iter().find(|container| container.name == "db").unwrap();
        assert_eq!(db.status, "running");
        assert_eq!(db.mounts[0].source, "pgdata");
        assert_eq!(db.mounts[0].target, "/var/lib/postgresql");
        assert!(engine.facts().restarted(&db.id));
        assert!(engine.facts().signals.iter().any(|(id, signal)| *id == db.id && signal == "SIGINT"), "postgres stops on SIGINT: {:?}", engine.facts().signals);
        engine.run("docker exec db sh -c 'echo rows > /var/lib/postgresql/data.txt'");
        assert_eq!(engine.volume_file("pgdata", "data.txt").as_deref(), Some("rows\n"));
        assert_eq!(engine.container_file("db", "/var/lib/postgresql/data.txt").as_deref(), Some("rows\n"));
    }

    #[test]
    fn postgres_initialises_its_data_directory_once_in_whatever_is_mounted_there() {
        let mut engine = Engine::new(0);
        engine.run("docker run -d --name db -e POSTGRES_PASSWORD=pw -v pgdata:/var/lib/postgresql postgres");
        assert_eq!(engine.volume_file("pgdata", "18/docker/PG_VERSION").as_deref(), Some("18\n"), "initdb writes PGDATA in the volume");
        // A new container on the same volume finds a database: no init, no password needed.
        engine.run("docker rm -f db");
        engine.run("docker run -d --name db -v pgdata:/var/lib/postgresql postgres");
        let logs = engine.run("docker logs db");
        assert!(logs.text().contains("Skipping initialization"), "{}", logs.text());
        assert!(engine.snapshot().docker.containers.iter().any(|container| container.name == "db" && container.status == "running"));
        // A volume at a path postgres does not use stays empty; the data goes to the image's anonymous VOLUME.
        engine.run("docker run -d --name other -e POSTGRES_PASSWORD=pw -v elsewhere:/data postgres");
        assert_eq!(engine.volume_file("elsewhere", "18/docker/PG_VERSION"), None);
        assert_eq!(engine.container_file("other", "/var/lib/postgresql/18/docker/PG_VERSION").as_deref(), Some("18\n"));
    }

    #[test]
    fn npm_writes_a_bind_mounted_project_as_the_user_it_runs_as() {
        let scenario = Scenario { images: vec!["node".into()], cwd: Some("hello".into()), files: vec![ScenarioFile { path: "hello/package.json".into(), contents: r#"{"dependencies":{"express":"^5.1.0"}}"#.into() }], ..Scenario::default() };
        let npm = |user: &str| format!(r#"docker run --rm {user} -v "$PWD":/usr/src/app -w /usr/src/app node npm install"#);
        let mut engine = Engine::with_scenario(0, scenario);
        assert_eq!(engine.run(&npm(r#"--user "$(id -u):$(id -g)""#)).exit_code, 0);
        assert_eq!(engine.run("ls -l node_modules").text(), "total 4\ndrwxr-xr-x 2 learner learner 4096 Jan  5 09:00 express\n");
        assert_eq!(engine.run("rm -r node_modules").exit_code, 0);
        assert_eq!(engine.run(&npm("")).exit_code, 0);
        assert!(engine.run("ls -l").text().contains("root    root    4096 Jan  5 09:00 node_modules"));
        let refused = engine.run(&npm("--user 1000:1000"));
        assert_eq!(refused.exit_code, 243, "root's node_modules refuses the learner: {}", refused.text());
        assert!(refused.text().starts_with("npm error code EACCES\n"), "{}", refused.text());
    }

    #[test]
    fn an_interactive_exec_shell_takes_its_user_workdir_and_env() {
        let mut engine = Engine::new(0);
        engine.run("docker run -d --name web nginx");
        engine.run("docker exec -it -u 1000:1000 -w /tmp -e GREETING=hi web bash");
        assert_eq!(engine.run("id").text(), "uid=1000 gid=1000 groups=1000\n");
        assert_eq!(engine.run("pwd").text(), "/tmp\n");
        assert_eq!(engine.run("echo $GREETING").text(), "hi\n");
        engine.run("exit");
        engine.run("docker exec -it web bash");
        assert_eq!(engine.run("id").text(), "uid=0(root) gid=0(root) groups=0(root)\n", "options belong to one exec");
    }

    /// `docker run`/`attach` pass Ctrl-C to the container ("--sig-proxy: Proxy all received
    /// signals to the process", docker/docs container/attach.md); `docker logs -f` has no
    /// such option, so its Ctrl-C ends the CLI alone, with bash's 128 + 2.
    #[test]
    fn ctrl_c_on_logs_follow_stops_following_and_leaves_the_container_running() {
        let mut engine = Engine::new(0);
        engine.run("docker run -d --name web nginx");
        engine.run("docker logs -f web");
        assert!(engine.has_foreground_job(), "following");
        assert_eq!(engine.interrupt().exit_code, 130);
        assert!(!engine.has_foreground_job());
        assert_eq!(engine.run("docker ps --format '{{.Names}}: {{.State}}'").text(), "web: running\n");
        // Attached to nginx itself, Ctrl-C reaches nginx (SIGINT: a fast shutdown, exit 0).
        engine.run("docker run --name fg nginx");
        engine.interrupt();
        assert_eq!(engine.run("docker ps -a --filter name=fg --format '{{.State}}'").text(), "exited\n");
    }

    /// `docker run -it python` used to swallow every line and key for good. The banner lines
    /// are CPython's (Modules/main.c pymain_header) and Node's (lib/internal/main/repl.js);
    /// Node's Ctrl-C hint is lib/repl.js's.
    #[test]
    fn an_interpreter_at_the_terminal_answers_and_lets_the_learner_out() {
        let mut engine = Engine::new(0);
        let started = engine.run("docker run -it --rm python").text();
        assert!(started.ends_with("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n"), "{started}");
        assert_eq!(engine.prompt(), ">>> ");
        assert_eq!(engine.run("print('hi')").text(), "hi\n");
        assert_eq!(engine.interrupt().text(), "KeyboardInterrupt\n");
        assert_eq!(engine.prompt(), ">>> ", "Ctrl-C abandons the line, not Python");
        assert_eq!(engine.end_of_input().exit_code, 0);
        assert!(!engine.has_foreground_job());
        assert_eq!(engine.run("docker ps -aq").text(), "", "--rm removed the exited container");
        engine.run("docker run -it --name js node");
        assert_eq!(engine.prompt(), "> ");
        assert!(engine.interrupt().text().contains("press Ctrl+C again"));
        engine.interrupt();
        assert!(!engine.has_foreground_job(), "a second Ctrl-C leaves Node");
        engine.run("docker run -it python");
        engine.run("exit()");
        assert_eq!(engine.run("echo $?").text(), "0\n");
    }

    #[test]
    fn advance_moves_the_clock_and_reports_it() {
        let mut engine = Engine::new(0);
        let start = engine.snapshot().now;
        let events = engine.advance(30_000);
        assert_eq!(events, vec![Event::ClockAdvanced { from: start, to: start + 30_000 }]);
        assert_eq!(engine.snapshot().now, start + 30_000);
    }

    #[test]
    fn adjacent_chunks_of_one_stream_merge_in_order() {
        let mut outcome = Outcome::default();
        outcome.stdout("a");
        outcome.stdout("b");
        outcome.stderr("c");
        outcome.stdout("");
        outcome.stdout("d");
        let streams: Vec<_> = outcome.chunks.iter().map(|c| (c.stream, c.text.as_str())).collect();
        assert_eq!(streams, [(Stream::Stdout, "ab"), (Stream::Stderr, "c"), (Stream::Stdout, "d")]);
    }
}
