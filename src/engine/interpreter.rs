//! Runs parsed command lines: pipelines, `&&` and `||`, redirections, here-documents,
//! assignments and command substitution, and hands each simple command to `commands`.

use std::collections::{BTreeMap, BTreeSet};

use super::commands;
use super::docker::Docker;
use super::fs::{self, Fs, User};
use super::shell::{self, AndOr, Command, Connector, Context, Part, Pipeline, RedirectTarget};
use super::{Event, Outcome, SimTime, Stream};

/// How deep `$(…)` may nest before the shell refuses, so that no input recurses without end.
const MAX_SUBSTITUTION_DEPTH: usize = 16;

/// The simulated machine the shell acts on.
#[derive(Debug, Clone)]
pub struct World {
    pub fs: Fs,
    pub now: SimTime,
    pub docker: Docker,
    /// The working directory of the shell running a command (for relative paths that
    /// programs such as `docker` resolve).
    pub cwd: String,
    /// Inside a container: what it can reach on the network, taken before its commands run.
    /// `None` on the host, whose view comes from `docker` itself.
    pub net: Option<super::docker::network::View>,
    /// The environment of the `docker` command being run (the host shell's exported
    /// variables and the command's own assignments): `-e NAME` without a value takes it.
    pub client_env: Vec<(String, String)>,
}

impl World {
    /// The host as a learner finds it: a Debian machine named `dockside`, with the learner's
    /// home, a world-writable `/tmp`, and the programs of `commands::COMMANDS` in `/usr/bin`.
    pub fn host(now: SimTime, seed: u64) -> World {
        use super::fs::{Entry, Kind};
        let mut fs = Fs::new(now);
        for (path, mode) in [("/etc", 0o755), ("/root", 0o700), ("/tmp", 0o1777), ("/usr/bin", 0o755), ("/usr/local/bin", 0o755), ("/var/lib", 0o755), ("/home", 0o755)] {
            fs.put(path, Entry::dir(mode, 0, 0, now));
        }
        fs.put("/bin", Entry { kind: Kind::Symlink("usr/bin".into()), mode: 0o777, uid: 0, gid: 0, mtime: now });
        fs.put("/home/learner", Entry::dir(0o755, 1000, 1000, now));
        fs.put("/etc/hostname", Entry::file("dockside\n", 0o644, 0, 0, now));
        fs.put("/etc/os-release", Entry::file(OS_RELEASE, 0o644, 0, 0, now));
        fs.put("/etc/passwd", Entry::file("root:x:0:0:root:/root:/bin/bash\nmessagebus:x:101:101::/nonexistent:/usr/sbin/nologin\nlearner:x:1000:1000:Learner,,,:/home/learner:/bin/bash\n", 0o644, 0, 0, now));
        fs.put("/etc/group", Entry::file("root:x:0:\nusers:x:100:learner\nmessagebus:x:101:\ndocker:x:988:learner\nlearner:x:1000:\n", 0o644, 0, 0, now));
        for (name, origin, _) in commands::COMMANDS {
            if *origin == commands::Origin::Program {
                fs.put(&format!("/usr/bin/{name}"), Entry::file("", 0o755, 0, 0, now));
            }
        }
        World { fs, now, docker: Docker::new(seed), cwd: "/home/learner".into(), net: None, client_env: Vec::new() }
    }
}

/// The host's `/etc/os-release`: Debian 13, as on a current Debian machine.
const OS_RELEASE: &str = "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\nVERSION=\"13 (trixie)\"\nVERSION_CODENAME=trixie\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n";

/// Which shell is running, for its messages: bash on the host, busybox ash in Alpine, dash
/// in Debian and Ubuntu images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Bash,
    Ash,
    Dash,
}

/// Who the shell runs as, as `id` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub user: String,
    pub group: String,
    /// `groups=` of `id`, as printed.
    pub groups: String,
}

/// A shell's own state: variables, the working directory, the user, `$?`.
#[derive(Debug, Clone)]
pub struct Shell {
    pub flavor: Flavor,
    pub hostname: String,
    pub identity: Identity,
    /// The programs this machine has, or `None` for the host (every command it knows).
    pub programs: Option<Vec<&'static str>>,
    /// Whether the shell's terminal is a TTY: the host terminal is; a container's output
    /// is one only with `docker run -t`.
    pub tty: bool,
    /// The order variables entered the environment, which `env` keeps.
    env_order: Vec<String>,
    /// Set by `exit`: the shell ends with this status once the current line is done.
    pub exit_requested: Option<i32>,
    pub vars: BTreeMap<String, String>,
    pub exported: BTreeSet<String>,
    pub cwd: String,
    pub user: User,
    pub last_status: i32,
    /// Lines typed so far, for `history`.
    pub history: Vec<String>,
    /// How many `$(…)` and nested shells deep this shell runs.
    depth: usize,
    /// `$0` when a script or `sh -c SCRIPT NAME` set it.
    pub arg0: Option<String>,
    /// `$1`, `$2`…: the arguments a script was given.
    pub positional: Vec<String>,
    /// Whether this shell runs a script (a file, or `-c` with a `$0`): its messages then
    /// name it and the line, as `build.sh: line 3: foo: not found` does.
    pub in_script: bool,
    /// The line of the script being run (from 1).
    pub line: usize,
}

impl Shell {
    /// The learner's login shell on the host: bash as `learner` in `/home/learner`.
    pub fn host() -> Shell {
        let mut vars = BTreeMap::new();
        for (name, value) in [
            ("HOME", "/home/learner"),
            ("HOSTNAME", "dockside"),
            ("LANG", "C.UTF-8"),
            ("LOGNAME", "learner"),
            ("PATH", "/usr/local/bin:/usr/bin:/bin"),
            ("PWD", "/home/learner"),
            ("SHELL", "/bin/bash"),
            ("TERM", "xterm-256color"),
            ("USER", "learner"),
        ] {
            vars.insert(name.to_string(), value.to_string());
        }
        let exported = vars.keys().filter(|name| *name != "HOSTNAME").cloned().collect();
        let env_order = ["SHELL", "PWD", "LOGNAME", "HOME", "LANG", "TERM", "USER", "PATH"].iter().map(|name| name.to_string()).collect();
        Shell {
            flavor: Flavor::Bash,
            tty: true,
            env_order,
            hostname: "dockside".into(),
            identity: Identity { user: "learner".into(), group: "learner".into(), groups: "1000(learner),100(users),988(docker)".into() },
            programs: None,
            vars,
            exported,
            cwd: "/home/learner".into(),
            user: User { uid: 1000, gid: 1000 },
            last_status: 0,
            history: Vec::new(),
            depth: 0,
            exit_requested: None,
            arg0: None,
            positional: Vec::new(),
            in_script: false,
            line: 1,
        }
    }

    /// The prompt this shell shows: bash's `learner@dockside:~$ ` style on the host is `$ `
    /// here (DESIGN.md); busybox ash shows `/ # `, dash `# `, Debian's bash
    /// `root@<host>:/# `.
    pub fn prompt(&self) -> String {
        let home = self.vars.get("HOME").map(String::as_str).unwrap_or("/root");
        // bash abbreviates $HOME to `~` only when HOME is longer than `/`.
        let short = if self.cwd == home && home.len() > 1 { "~".to_string() } else if let Some(rest) = self.cwd.strip_prefix(&format!("{home}/")) { format!("~/{rest}") } else { self.cwd.clone() };
        let sign = if self.user.uid == 0 { '#' } else { '$' };
        match self.flavor {
            Flavor::Bash if self.programs.is_none() => "$ ".to_string(),
            Flavor::Bash => {
                let user = if self.identity.user.is_empty() { "I have no name!" } else { &self.identity.user };
                format!("{user}@{}:{short}{sign} ", self.hostname)
            }
            Flavor::Ash => format!("{short} {sign} "),
            Flavor::Dash => format!("{sign} "),
        }
    }

    /// The shell a container's commands run in: root (unless the container says otherwise),
    /// its environment, working directory and programs.
    pub fn container(flavor: Flavor, hostname: &str, env: &[String], working_dir: &str, programs: Vec<&'static str>, tty: bool) -> Shell {
        let mut vars = BTreeMap::new();
        // The order a container's process sees: the image's PATH, HOSTNAME from the daemon,
        // the rest of the configured environment, then HOME from the runtime.
        let mut env_order = Vec::new();
        for entry in env {
            if let Some((name, value)) = entry.split_once('=') {
                vars.insert(name.to_string(), value.to_string());
                env_order.push(name.to_string());
                if name == "PATH" && !env_order.iter().any(|known| known == "HOSTNAME") {
                    env_order.push("HOSTNAME".into());
                }
            }
        }
        if !env_order.iter().any(|known| known == "HOSTNAME") {
            env_order.insert(0, "HOSTNAME".into());
        }
        vars.insert("HOSTNAME".into(), hostname.to_string());
        if !vars.contains_key("HOME") {
            vars.insert("HOME".into(), "/root".into());
            env_order.push("HOME".into());
        }
        let exported = vars.keys().cloned().collect();
        let groups = match flavor {
            Flavor::Ash => "0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)",
            _ => "0(root)",
        };
        Shell {
            flavor,
            hostname: hostname.to_string(),
            identity: Identity { user: "root".into(), group: "root".into(), groups: groups.into() },
            programs: Some(programs),
            tty,
            env_order,
            vars,
            exported,
            cwd: if working_dir.is_empty() { "/".into() } else { working_dir.to_string() },
            user: User::ROOT,
            last_status: 0,
            history: Vec::new(),
            depth: 0,
            exit_requested: None,
            arg0: None,
            positional: Vec::new(),
            in_script: false,
            line: 1,
        }
    }

    /// The message for a command that does not exist, as this shell words it.
    pub fn not_found(&self, name: &str) -> String {
        match self.flavor {
            Flavor::Bash => format!("{}{name}: command not found\n", self.message_prefix()),
            Flavor::Ash | Flavor::Dash => format!("{}{name}: not found\n", self.message_prefix()),
        }
    }

    /// What the shell's own error messages start with: at the prompt `bash: `, `sh: ` (busybox
    /// ash) or `sh: 1: ` (dash); in a script its name and the line, as each shell words it:
    /// bash `build.sh: line 3: `, ash `build.sh: line 3: ` (busybox `ash_vmsg`), dash
    /// `build.sh: 3: ` (dash `exvwarning`).
    pub fn message_prefix(&self) -> String {
        let name = self.arg0.clone().unwrap_or_else(|| if self.flavor == Flavor::Bash { "bash" } else { "sh" }.to_string());
        match (self.flavor, self.in_script) {
            (Flavor::Bash, false) => format!("{name}: "),
            (Flavor::Ash, false) => format!("{name}: "),
            (Flavor::Dash, false) => format!("{name}: {}: ", self.line),
            (Flavor::Bash | Flavor::Ash, true) => format!("{name}: line {}: ", self.line),
            (Flavor::Dash, true) => format!("{name}: {}: ", self.line),
        }
    }

    /// A shell this one starts as a program (`sh build.sh`, `bash -c …`): the environment
    /// only (not unexported variables), the same user, directory and programs, one level
    /// deeper; `None` when shells are nested too deep to go on.
    pub fn child(&self, flavor: Flavor) -> Option<Shell> {
        if self.depth >= MAX_SUBSTITUTION_DEPTH {
            return None;
        }
        let mut child = self.clone();
        child.flavor = flavor;
        child.vars.retain(|name, _| self.exported.contains(name));
        child.history.clear();
        child.exit_requested = None;
        child.last_status = 0;
        child.depth += 1;
        child.arg0 = None;
        child.positional.clear();
        child.in_script = false;
        child.line = 1;
        Some(child)
    }

    /// The value of a shell parameter: specials first, then variables.
    pub fn var(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.last_status.to_string()),
            "$" => Some("1000".into()),
            "#" => Some(self.positional.len().to_string()),
            "0" => Some(self.arg0.clone().unwrap_or_else(|| if self.flavor == Flavor::Bash { "bash" } else { "sh" }.into())),
            "@" | "*" => Some(self.positional.join(" ")),
            _ if name.bytes().all(|byte| byte.is_ascii_digit()) => name.parse::<usize>().ok().and_then(|index| self.positional.get(index.checked_sub(1)?).cloned()),
            "PWD" => Some(self.cwd.clone()),
            _ => self.vars.get(name).cloned(),
        }
    }

    /// A path as the shell's commands mean it: relative to the working directory.
    pub fn path(&self, path: &str) -> String {
        fs::absolute(&self.cwd, path)
    }

    /// The environment a command sees, in the order `env` prints it: exported variables
    /// in the order they were set, then the command's own assignments.
    pub fn environment(&self, overrides: &[(String, String)]) -> Vec<(String, String)> {
        let mut names: Vec<&String> = self.env_order.iter().filter(|name| self.exported.contains(*name)).collect();
        names.extend(self.exported.iter().filter(|name| !self.env_order.contains(name)));
        let mut env: Vec<(String, String)> = names.into_iter().filter_map(|name| self.var(name).map(|value| (name.clone(), value))).collect();
        for (name, value) in overrides {
            match env.iter_mut().find(|(existing, _)| existing == name) {
                Some(entry) => entry.1 = value.clone(),
                None => env.push((name.clone(), value.clone())),
            }
        }
        env
    }

    /// Marks a variable exported, remembering when it entered the environment.
    pub fn export(&mut self, name: &str) {
        if self.exported.insert(name.to_string()) {
            self.env_order.retain(|known| known != name);
            self.env_order.push(name.to_string());
        }
    }
}

/// What a command wrote, in order, and what it reads.
#[derive(Debug, Default)]
pub struct Io {
    pub stdin: Option<String>,
    /// Whether standard output is the terminal (not a pipe, file or `$(…)`): programs such
    /// as `ls` print differently when it is.
    pub stdout_is_tty: bool,
    /// The same for standard error (BuildKit's progress goes there).
    pub stderr_is_tty: bool,
    pub written: Vec<(Stream, String)>,
    /// The visible changes the command made.
    pub events: Vec<Event>,
    /// Set when the command keeps the terminal: the job that has it now.
    pub foreground: Option<Job>,
}

/// A command that keeps the terminal after it returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Attached to a container's output: `docker run nginx` and `docker attach`, whose
    /// Ctrl-C goes to the container (sig-proxy), or `docker logs -f` (`logs`), whose Ctrl-C
    /// only stops following.
    Attach { container: String, logs: bool },
    /// At a shell inside a container (`docker run -it alpine sh`, `docker exec -it web sh`);
    /// `exec` when the shell is not the container's PID 1; `options` are `docker exec`'s
    /// `-u`, `-e` and `-w`.
    Shell { container: String, flavor: Flavor, exec: bool, options: ExecOptions },
    /// `docker compose up` attached to a project's containers (by ID).
    Compose { project: String, containers: Vec<String> },
    /// At an interpreter's prompt in a container (`docker run -it python`).
    Repl { container: String, language: super::repl::Language },
}

/// What `docker exec` sets for the process it starts: `--user`, `--env` (entries already
/// resolved against the client's environment) and `--workdir`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecOptions {
    pub user: Option<String>,
    pub env: Vec<String>,
    pub workdir: Option<String>,
}

impl Io {
    pub fn out(&mut self, text: impl Into<String>) {
        self.written.push((Stream::Stdout, text.into()));
    }

    pub fn err(&mut self, text: impl Into<String>) {
        self.written.push((Stream::Stderr, text.into()));
    }
}

/// Where a descriptor's output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sink {
    /// The terminal, or the capture of an enclosing `$(…)` for standard output.
    Terminal,
    /// The next command of the pipeline.
    Pipe,
    /// A file (already created or truncated when the redirection was made).
    File(String),
    /// `/dev/null`.
    Null,
}

/// Where the terminal's standard output goes while a script runs.
struct Terminal<'a> {
    outcome: &'a mut Outcome,
    /// `Some` inside `$(…)`: standard output is captured here instead.
    capture: Option<&'a mut String>,
    /// The job a command left with the terminal (`docker run nginx`, `docker run -it …`).
    foreground: Option<Job>,
}

impl Terminal<'_> {
    fn event(&mut self, event: Event) {
        self.outcome.events.push(event);
    }

    fn write(&mut self, stream: Stream, text: &str) {
        match (stream, self.capture.as_deref_mut()) {
            (Stream::Stdout, Some(capture)) => capture.push_str(text),
            (Stream::Stdout, None) => self.outcome.stdout(text),
            (Stream::Stderr, _) => self.outcome.stderr(text),
        }
    }
}

/// Parses and runs text typed at the prompt. Returns the container the terminal stays
/// attached to, if a command attached to one, or `Err(ParseError::Incomplete)` when more
/// lines are needed, having run nothing.
pub fn run_text(shell: &mut Shell, world: &mut World, text: &str, outcome: &mut Outcome) -> Result<Option<Job>, shell::ParseError> {
    let lists = match shell::parse(text) {
        Ok(lists) => lists,
        Err(shell::ParseError::Incomplete) => return Err(shell::ParseError::Incomplete),
        Err(error) => {
            outcome.stderr(format!("bash: {}\n", error.message()));
            shell.last_status = 2;
            return Ok(None);
        }
    };
    let mut terminal = Terminal { outcome, capture: None, foreground: None };
    run_lists(shell, world, &lists, &mut terminal);
    Ok(terminal.foreground)
}

/// Runs a script the way a shell reads one (a file, or `sh -c`'s text): a command at a
/// time, each knowing the line it starts on for its messages, until the text ends or the
/// script runs `exit`. A syntax error ends the script with status 2, as in dash and ash.
pub fn run_script(shell: &mut Shell, world: &mut World, text: &str, outcome: &mut Outcome) {
    let mut terminal = Terminal { outcome, capture: None, foreground: None };
    let mut pending = String::new();
    let mut start = 1;
    for (index, line) in text.lines().enumerate() {
        if pending.is_empty() {
            start = index + 1;
        }
        pending.push_str(line);
        pending.push('\n');
        let lists = match shell::parse(&pending) {
            Ok(lists) => lists,
            Err(shell::ParseError::Incomplete) => continue,
            Err(error) => {
                shell.line = start;
                terminal.write(Stream::Stderr, &format!("{}{}\n", shell.message_prefix(), error.message()));
                shell.last_status = 2;
                return;
            }
        };
        pending.clear();
        shell.line = start;
        run_lists(shell, world, &lists, &mut terminal);
        // A script's command cannot keep the terminal: the script goes on without it.
        terminal.foreground = None;
        if shell.exit_requested.is_some() {
            return;
        }
    }
    if !pending.trim().is_empty() {
        shell.line = text.lines().count();
        terminal.write(Stream::Stderr, &format!("{}syntax error: unexpected end of file\n", shell.message_prefix()));
        shell.last_status = 2;
    }
}

fn run_lists(shell: &mut Shell, world: &mut World, lists: &[AndOr], terminal: &mut Terminal<'_>) {
    for list in lists {
        // A command that took over the terminal (an attached container) ends the line: what
        // follows it would run only after the job ends, which the engine handles then.
        if terminal.foreground.is_some() || shell.exit_requested.is_some() {
            break;
        }
        let mut status = run_pipeline(shell, world, &list.first, terminal);
        for (connector, pipeline) in &list.rest {
            let run = match connector {
                Connector::And => status == 0,
                Connector::Or => status != 0,
            };
            if run {
                status = run_pipeline(shell, world, pipeline, terminal);
            }
        }
    }
}

fn run_pipeline(shell: &mut Shell, world: &mut World, pipeline: &Pipeline, terminal: &mut Terminal<'_>) -> i32 {
    let mut piped: Option<String> = None;
    let mut status = 0;
    let last = pipeline.commands.len() - 1;
    for (index, command) in pipeline.commands.iter().enumerate() {
        let stdout = if index < last { Sink::Pipe } else { Sink::Terminal };
        let (command_status, output) = run_command(shell, world, command, piped.take(), stdout, terminal);
        status = command_status;
        if index < last {
            piped = Some(output);
        }
    }
    if pipeline.negated {
        status = i32::from(status == 0);
    }
    shell.last_status = status;
    status
}

/// Expansion's view of a running shell: `$(…)` runs in a copy of the shell (a subshell), on
/// the same world, with its standard error on the terminal.
struct Expander<'a, 'b> {
    shell: &'a mut Shell,
    world: &'a mut World,
    terminal: &'a mut Terminal<'b>,
}

impl Context for Expander<'_, '_> {
    fn var(&self, name: &str) -> Option<String> {
        self.shell.var(name)
    }

    fn positional(&self) -> Vec<String> {
        self.shell.positional.clone()
    }

    fn substitute(&mut self, source: &str) -> String {
        let mut captured = String::new();
        if self.shell.depth >= MAX_SUBSTITUTION_DEPTH {
            self.terminal.write(Stream::Stderr, "bash: command substitution nested too deeply\n");
            return captured;
        }
        let mut subshell = self.shell.clone();
        subshell.depth += 1;
        match shell::parse(source) {
            Ok(lists) => {
                let mut inner = Terminal { outcome: &mut *self.terminal.outcome, capture: Some(&mut captured), foreground: None };
                run_lists(&mut subshell, self.world, &lists, &mut inner);
            }
            Err(error) => {
                let message = match error {
                    shell::ParseError::Incomplete => "unexpected EOF while looking for matching `)'".to_string(),
                    other => other.message(),
                };
                self.terminal.write(Stream::Stderr, &format!("bash: command substitution: line 1: {message}\n"));
            }
        }
        // `$?` after a line that only substituted is the substitution's status.
        self.shell.last_status = subshell.last_status;
        captured
    }
}

/// Runs one simple command; returns its status and, when its output goes down a pipe, that
/// output.
fn run_command(shell: &mut Shell, world: &mut World, command: &Command, stdin: Option<String>, stdout: Sink, terminal: &mut Terminal<'_>) -> (i32, String) {
    let mut expander = Expander { shell, world, terminal };
    let mut args: Vec<String> = Vec::new();
    for word in &command.words {
        args.extend(shell::expand(word, &mut expander));
    }
    let assignments: Vec<(String, String)> = command.assignments.iter().map(|(name, value)| (name.clone(), shell::expand_single(value, &mut expander))).collect();

    // Redirections, in order: later ones see the effect of earlier ones (`> f 2>&1`).
    let mut sinks = [Sink::Terminal, stdout.clone(), Sink::Terminal];
    let mut stdin = stdin;
    for redirect in &command.redirects {
        let fd = (redirect.fd as usize).min(2);
        match &redirect.target {
            RedirectTarget::Descriptor(source) => sinks[fd] = sinks[(*source as usize).min(2)].clone(),
            RedirectTarget::HereDoc { body, expand } => {
                let text = if *expand {
                    match shell::parse::heredoc_parts(body) {
                        Ok(parts) => shell::expand_single(&parts, &mut expander),
                        Err(_) => body.clone(),
                    }
                } else {
                    body.clone()
                };
                stdin = Some(text);
            }
            RedirectTarget::File(word) => {
                let target = shell::expand_single(word, &mut expander);
                let status = if fd == 0 {
                    open_input(expander.shell, expander.world, &target).map(|text| stdin = Some(text))
                } else {
                    open_output(expander.shell, expander.world, &target, redirect.append).map(|sink| sinks[fd] = sink)
                };
                if let Err(message) = status {
                    expander.terminal.write(Stream::Stderr, &message);
                    return (1, String::new());
                }
            }
        }
    }
    let (shell, world, terminal) = (expander.shell, expander.world, expander.terminal);

    if args.is_empty() {
        // Only assignments: they set shell variables. The status is 0, or that of the last
        // command substitution in them, as in bash (`x=$(false)` leaves `$?` at 1).
        for (name, value) in assignments {
            shell.vars.insert(name, value);
        }
        let substituted = command.assignments.iter().any(|(_, value)| value.iter().any(|part| matches!(part, Part::Substitution { .. })));
        return (if substituted { shell.last_status } else { 0 }, String::new());
    }

    let stdout_is_tty = shell.tty && sinks[1] == Sink::Terminal && terminal.capture.is_none();
    let stderr_is_tty = shell.tty && sinks[2] == Sink::Terminal;
    let mut io = Io { stdin, stdout_is_tty, stderr_is_tty, ..Io::default() };
    let before = world.now;
    let status = commands::run(shell, world, &args, &assignments, &mut io);
    if world.now != before {
        // Time passed (sleep, docker stop, a pull): containers that were due to end, end.
        io.events.push(Event::ClockAdvanced { from: before, to: world.now });
        let now = world.now;
        world.docker.advance_to(&mut world.fs, now, &mut io.events);
    }
    for event in std::mem::take(&mut io.events) {
        terminal.event(event);
    }
    if let Some(job) = io.foreground.take() {
        terminal.foreground = Some(job);
    }

    let mut piped = String::new();
    for (stream, text) in io.written {
        let sink = match stream {
            Stream::Stdout => &sinks[1],
            Stream::Stderr => &sinks[2],
        };
        match sink {
            Sink::Terminal => terminal.write(stream, &text),
            Sink::Pipe => piped.push_str(&text),
            Sink::Null => {}
            Sink::File(path) => {
                if let Err(error) = world.fs.write(path, &text, true, shell.user, world.now) {
                    terminal.write(Stream::Stderr, &format!("bash: {path}: {}\n", error.message()));
                }
            }
        }
    }
    (status, piped)
}

/// `< file`: the file's contents, or the shell's error.
fn open_input(shell: &Shell, world: &World, target: &str) -> Result<String, String> {
    world.fs.read(&shell.path(target), shell.user).map(|text| text.to_string()).map_err(|error| redirect_error(shell, target, error, false))
}

/// A redirection that failed, as each shell words it: bash `bash: f: Permission denied`,
/// dash `sh: 1: cannot create f: Permission denied`, busybox `sh: can't create f: …`.
fn redirect_error(shell: &Shell, target: &str, error: fs::FsError, output: bool) -> String {
    let message = error.message();
    let prefix = shell.message_prefix();
    match (shell.flavor, output) {
        (Flavor::Bash, _) => format!("{prefix}{target}: {message}\n"),
        (Flavor::Dash, true) => format!("{prefix}cannot create {target}: {message}\n"),
        (Flavor::Dash, false) => format!("{prefix}cannot open {target}: {}\n", if error == fs::FsError::NotFound { "No such file" } else { message }),
        (Flavor::Ash, true) => format!("{prefix}can't create {target}: {message}\n"),
        (Flavor::Ash, false) => format!("{prefix}can't open '{target}': {message}\n"),
    }
}

/// `> file` and `>> file`: creates or truncates the file now, as bash does before the command
/// runs, and returns where the output goes.
fn open_output(shell: &Shell, world: &mut World, target: &str, append: bool) -> Result<Sink, String> {
    if target == "/dev/null" {
        return Ok(Sink::Null);
    }
    if target.is_empty() {
        return Err("bash: : No such file or directory\n".into());
    }
    let path = shell.path(target);
    world.fs.write(&path, "", append, shell.user, world.now).map_err(|error| redirect_error(shell, target, error, true))?;
    Ok(Sink::File(path))
}
