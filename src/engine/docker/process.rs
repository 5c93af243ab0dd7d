//! A container's processes: the command from ENTRYPOINT and CMD, who ends up as PID 1, and
//! what each simulated program does when it starts and when a signal reaches it.
//!
//! The rules follow ../shared/reference/fidelity.md §1: the interaction table, `docker run`
//! arguments replacing CMD, `--entrypoint` clearing CMD, today's shells exec'ing the last
//! simple command of `sh -c`, and PID 1 ignoring signals it has no handler for.

use super::super::shell;
use super::image::{ImageConfig, Userland};

/// The container's command (`Path` and `Args` in `docker inspect`), from the image's
/// ENTRYPOINT and CMD and the run-time overrides. `entrypoint` is `Some` for
/// `--entrypoint` (an empty list for `--entrypoint ""`).
pub fn resolve_command(image: &ImageConfig, entrypoint: Option<Vec<String>>, args: Vec<String>) -> Result<Vec<String>, &'static str> {
    let overridden = entrypoint.is_some();
    let entrypoint = entrypoint.unwrap_or_else(|| image.entrypoint.clone().unwrap_or_default());
    // Run-time arguments replace CMD; `--entrypoint` clears the image's CMD
    // (moby daemon/commit.go merge(): the image's Cmd is inherited only without one).
    let cmd = if !args.is_empty() {
        args
    } else if overridden {
        Vec::new()
    } else {
        image.cmd.clone().unwrap_or_default()
    };
    let command: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if command.is_empty() { Err("no command specified") } else { Ok(command) }
}

/// The signals the simulator knows, with their numbers on Linux x86-64.
pub const SIGNALS: &[(&str, i32)] = &[("SIGHUP", 1), ("SIGINT", 2), ("SIGQUIT", 3), ("SIGKILL", 9), ("SIGUSR1", 10), ("SIGUSR2", 12), ("SIGTERM", 15), ("SIGCONT", 18), ("SIGSTOP", 19), ("SIGWINCH", 28)];

/// A signal's canonical name from `TERM`, `SIGTERM`, `15` or `sigterm`.
pub fn signal_name(text: &str) -> Option<&'static str> {
    let upper = text.to_ascii_uppercase();
    let name = if upper.starts_with("SIG") { upper } else { format!("SIG{upper}") };
    SIGNALS.iter().find(|(known, number)| *known == name || text.parse::<i32>().ok() == Some(*number)).map(|(known, _)| *known)
}

pub fn signal_number(name: &str) -> i32 {
    SIGNALS.iter().find(|(known, _)| *known == name).map_or(15, |(_, number)| *number)
}

/// What a program does with a signal that reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaction {
    /// It has a handler and exits with this code.
    Exits(i32),
    /// It has no handler: the default action, which the kernel drops for PID 1.
    Default,
    /// It has a handler and carries on (a shell with nothing to do about it).
    Ignores,
}

/// How a container's main program behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Behaviour {
    /// Does its work at once and exits with this code; its output is in `output`.
    Finishes { code: i32 },
    /// Keeps running until a signal ends it, or until `for_millis` have passed (`sleep`).
    Runs { for_millis: Option<u64> },
}

/// The main process of a container as the simulator runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The command as PID 1 sees it.
    pub pid1: Vec<String>,
    /// The long-running program under a shell that stays PID 1, if any.
    pub child: Option<Vec<String>>,
    pub behaviour: Behaviour,
    /// Lines written at start: (to stderr?, text).
    pub output: Vec<(bool, String)>,
    /// Ports the program listens on inside the container.
    pub listens: Vec<u16>,
    /// Whether PID 1 is ordinary commands (`echo`, `ls`, a `sh -c` script) that the
    /// container's shell runs to completion at start.
    pub runs_commands: bool,
    /// Files and directories the program creates as it starts (a database's data
    /// directory), by absolute path; they are written through the container's mounts.
    pub writes: Vec<(String, crate::engine::fs::Entry)>,
}

/// Everything a program's start depends on.
pub struct StartContext<'a> {
    pub env: &'a [String],
    pub userland: Userland,
    /// Standard input kept open (`-i`).
    pub interactive: bool,
    /// A terminal attached (`-t`).
    pub tty: bool,
    /// The extra programs the image carries beyond its userland.
    pub image_programs: &'a [&'a str],
    /// The start time, for log timestamps.
    pub now_text: String,
    /// The container's files with its mounts in place: to tell a path that is not executable
    /// (126) from one that does not exist (127), and for a database to find its data.
    pub files: Option<&'a crate::engine::fs::Fs>,
    /// The working directory, which a relative path (`./run.sh`) starts from.
    pub workdir: &'a str,
}

/// Programs every userland has.
const BUSYBOX_PROGRAMS: &[&str] = &["apk", "sh", "ash", "echo", "ls", "cat", "env", "sleep", "top", "ps", "ping", "nslookup", "wget", "id", "hostname", "pwd", "date", "whoami", "true", "false", "printf", "grep", "head", "tail", "wc", "sort", "mkdir", "rm", "touch", "cp", "mv", "uname", "tini", "chown", "chmod", "adduser", "addgroup", "printenv", "df"];
const DEBIAN_PROGRAMS: &[&str] = &["apt-get", "apt", "sh", "dash", "bash", "echo", "ls", "cat", "env", "sleep", "id", "hostname", "pwd", "date", "whoami", "true", "false", "printf", "grep", "head", "tail", "wc", "sort", "mkdir", "rm", "touch", "cp", "mv", "uname", "chown", "chmod", "useradd", "groupadd", "printenv", "df"];

/// The programs a userland provides.
pub fn userland_programs(userland: Userland) -> &'static [&'static str] {
    match userland {
        Userland::Busybox => BUSYBOX_PROGRAMS,
        Userland::Debian => DEBIAN_PROGRAMS,
        Userland::Scratch => &[],
    }
}

/// Whether `name` (a bare name or a path) is an executable in the container.
pub fn exists(name: &str, context: &StartContext<'_>) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    userland_programs(context.userland).contains(&base) || context.image_programs.contains(&base)
}

/// A file named by path that the simulator does not model as a program: `Err` with runc's
/// reason when it cannot be started at all (exec.LookPath in runc's init: `permission
/// denied` for a file without an execute bit, `is a directory`), `Ok(None)` for a script
/// whose `#!` interpreter is there, `Ok(Some(error))` for one the kernel refuses after
/// the start (no `#!`: ENOEXEC; a missing interpreter: ENOENT), which runc's init prints as
/// `exec ./run.sh: exec format error` before it exits 255 (UNVERIFIED: the text follows
/// runc's libcontainer/system.Exec error, the status is what such containers show).
/// `None` when there is no such file.
pub fn executable_file(name: &str, context: &StartContext<'_>) -> Option<Result<Option<&'static str>, &'static str>> {
    let files = context.files?;
    let (_, entry) = files.resolve(&crate::engine::fs::absolute(context.workdir, name)).ok()?;
    if entry.is_dir() {
        return Some(Err("is a directory"));
    }
    if entry.mode & 0o111 == 0 {
        return Some(Err("permission denied"));
    }
    let shebang: Vec<&str> = entry.contents().and_then(|text| text.lines().next()).and_then(|line| line.strip_prefix("#!")).map(|line| line.split_whitespace().collect()).unwrap_or_default();
    let Some((interpreter, rest)) = shebang.split_first() else { return Some(Ok(Some("exec format error"))) };
    let program = match crate::engine::fs::file_name(interpreter) {
        "env" => rest.iter().find(|word| !word.starts_with('-')).copied().unwrap_or("env"),
        _ => interpreter,
    };
    Some(Ok((!exists(program, context)).then_some("no such file or directory")))
}

fn env_value<'a>(env: &'a [String], name: &str) -> Option<&'a str> {
    env.iter().rev().find_map(|entry| entry.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

/// Decides who PID 1 is and how it behaves, following entrypoint scripts that `exec "$@"`
/// and shells that exec their last simple command. Returns Docker's start error (with the
/// exit code the CLI gives it) when the executable does not exist.
pub fn start(command: &[String], context: &StartContext<'_>) -> Result<Program, (String, i32)> {
    let mut argv = command.to_vec();
    let name = argv[0].clone();
    if name.contains('/') && !exists(&name, context)
        && let Some(file) = executable_file(&name, context) {
            return match file {
                Err(reason) => Err((format!("failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"{name}\": {reason}: unknown"), 126)),
                // The script runs through its interpreter, as the container's shell runs it.
                Ok(None) => Ok(Program { pid1: argv, child: None, behaviour: Behaviour::Finishes { code: 0 }, output: Vec::new(), listens: Vec::new(), runs_commands: true, writes: Vec::new() }),
                Ok(Some(error)) => Ok(Program { pid1: argv, child: None, behaviour: Behaviour::Finishes { code: 255 }, output: vec![(true, format!("exec {name}: {error}\n"))], listens: Vec::new(), runs_commands: false, writes: Vec::new() }),
            };
        }
    if !exists(&name, context) {
        let message = if name.contains('/') {
            format!("exec: \"{name}\": stat {name}: no such file or directory")
        } else {
            format!("exec: \"{name}\": executable file not found in $PATH")
        };
        return Err((format!("failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: {message}: unknown"), 127));
    }
    // Official images' entrypoint scripts end in `exec "$@"`: the command replaces them as PID 1.
    while argv.len() > 1 && argv[0].ends_with("docker-entrypoint.sh") {
        argv.remove(0);
    }
    let base = argv[0].rsplit('/').next().unwrap_or(&argv[0]).to_string();
    if matches!(base.as_str(), "sh" | "bash" | "dash" | "ash") && argv.get(1).map(String::as_str) == Some("-c") {
        let script = argv.get(2).cloned().unwrap_or_default();
        return Ok(shell_script(&argv, &script, context));
    }
    Ok(program(&argv, &base, context))
}

/// `sh -c script`: a single simple command is exec'd and becomes PID 1 itself; anything more
/// keeps the shell as PID 1, with the long-running program (if any) as its child.
fn shell_script(argv: &[String], script: &str, context: &StartContext<'_>) -> Program {
    let lists = shell::parse(script).unwrap_or_default();
    let simple_words: Vec<Vec<String>> = lists
        .iter()
        .flat_map(|list| std::iter::once(&list.first).chain(list.rest.iter().map(|(_, pipeline)| pipeline)))
        .flat_map(|pipeline| pipeline.commands.iter())
        .map(|command| command.words.iter().map(literal).collect())
        .collect();
    let single = lists.len() == 1 && lists[0].rest.is_empty() && lists[0].first.commands.len() == 1;
    // A single program the simulator models (a server, sleep, top) is exec'd and becomes
    // PID 1 itself; ordinary commands run as the script they are, redirections included.
    if single
        && let Some(words) = simple_words.first().filter(|words| !words.is_empty())
        && exists(&words[0], context)
    {
        let base = words[0].rsplit('/').next().unwrap_or(&words[0]).to_string();
        let exec = program(words, &base, context);
        if !exec.runs_commands {
            return exec;
        }
    }
    let long_running = simple_words.iter().find(|words| {
        !words.is_empty() && matches!(program(words, words[0].rsplit('/').next().unwrap_or(&words[0]), context).behaviour, Behaviour::Runs { .. })
    });
    match long_running {
        Some(child) => {
            let child_program = program(child, child[0].rsplit('/').next().unwrap_or(&child[0]), context);
            Program { pid1: argv.to_vec(), child: Some(child.clone()), behaviour: child_program.behaviour, output: child_program.output, listens: child_program.listens, runs_commands: false, writes: child_program.writes }
        }
        None => Program { pid1: argv.to_vec(), child: None, behaviour: Behaviour::Finishes { code: 0 }, output: Vec::new(), listens: Vec::new(), runs_commands: true, writes: Vec::new() },
    }
}

/// The text of a word without expansion (for recognising programs in a script).
fn literal(word: &shell::Word) -> String {
    word.iter()
        .map(|part| match part {
            shell::Part::Literal(text) | shell::Part::Quoted(text) => text.clone(),
            _ => String::new(),
        })
        .collect()
}

/// A program run directly as PID 1.
fn program(argv: &[String], base: &str, context: &StartContext<'_>) -> Program {
    let runs = |for_millis| Behaviour::Runs { for_millis };
    let mut output = Vec::new();
    let mut listens = Vec::new();
    let mut writes = Vec::new();
    let now = &context.now_text;
    let behaviour = match base {
        "sleep" if argv.get(1).map(String::as_str) == Some("infinity") => runs(None),
        "sleep" => match argv.get(1).and_then(|arg| super::super::commands::parse_duration(arg)) {
            Some(0) => Behaviour::Finishes { code: 0 },
            Some(millis) => runs(Some(millis)),
            None => {
                output.push((true, "sleep: missing operand\nTry 'sleep --help' for more information.\n".to_string()));
                Behaviour::Finishes { code: 1 }
            }
        },
        "top" => runs(None),
        "tini" | "docker-init" => runs(None),
        "sh" | "bash" | "dash" | "ash" | "python" | "python3" | "node" | "irb" if argv.len() == 1 => {
            // An interactive program reads standard input: with none, it reads end-of-file and exits.
            if context.interactive { runs(None) } else { Behaviour::Finishes { code: 0 } }
        }
        "python" | "python3" if argv.get(1).map(String::as_str) == Some("-m") && argv.get(2).map(String::as_str) == Some("http.server") => {
            let port = argv.get(3).and_then(|port| port.parse().ok()).unwrap_or(8000);
            listens.push(port);
            output.push((false, format!("Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ...\n")));
            runs(None)
        }
        "nginx" => {
            listens.push(80);
            output.push((false, "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n/docker-entrypoint.sh: Configuration complete; ready for start up\n".to_string()));
            output.push((true, format!("{now} [notice] 1#1: using the \"epoll\" event method\n{now} [notice] 1#1: nginx/1.29.3\n{now} [notice] 1#1: built by gcc 14.2.0 (Debian 14.2.0-19)\n{now} [notice] 1#1: OS: Linux 6.12.48\n{now} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n{now} [notice] 1#1: start worker processes\n{now} [notice] 1#1: start worker process 29\n")));
            runs(None)
        }
        "/entrypoint.sh" | "entrypoint.sh" | "registry" => {
            listens.push(5000);
            output.push((true, format!("time=\"{}\" level=info msg=\"listening on [::]:5000\" go.version=go1.24 version=3.0.0\n", now.replace('/', "-").replace(' ', "T"))));
            runs(None)
        }
        "httpd-foreground" => {
            listens.push(80);
            output.push((true, "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message\n".to_string()));
            runs(None)
        }
        "redis-server" => {
            listens.push(6379);
            output.push((false, "1:C 05 Jan 2026 09:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n1:M 05 Jan 2026 09:00:00.001 * Ready to accept connections tcp\n".to_string()));
            runs(None)
        }
        "postgres" => {
            // docker-library/postgres docker-entrypoint.sh: a data directory that holds
            // PG_VERSION is a database already; only a new one needs the password.
            let pgdata = env_value(context.env, "PGDATA").unwrap_or("/var/lib/postgresql/data").trim_end_matches('/').to_string();
            let exists = context.files.is_some_and(|files| files.get(&format!("{pgdata}/PG_VERSION")).is_some());
            let password = env_value(context.env, "POSTGRES_PASSWORD").is_some_and(|value| !value.is_empty());
            let trust = env_value(context.env, "POSTGRES_HOST_AUTH_METHOD") == Some("trust");
            if !exists && !password && !trust {
                output.push((true, "Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".\n\n       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about \"trust\":\n       https://www.postgresql.org/docs/current/auth-trust.html\n".to_string()));
                Behaviour::Finishes { code: 1 }
            } else {
                listens.push(5432);
                if exists {
                    output.push((false, "\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n".to_string()));
                } else {
                    output.push((false, "PostgreSQL init process complete; ready for start up.\n\n".to_string()));
                    writes.extend(postgres_data_directory(&pgdata));
                }
                // postgres stamps its log lines `2026-01-05 09:00:00.000 UTC`.
                let stamp = format!("{}.000", now.replace('/', "-"));
                output.push((true, format!("{stamp} UTC [1] LOG:  starting PostgreSQL 18.1 (Debian 18.1-1.pgdg13+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit\n{stamp} UTC [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432\n{stamp} UTC [1] LOG:  database system is ready to accept connections\n")));
                runs(None)
            }
        }
        "mysqld" => {
            let configured = ["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"].iter().any(|name| env_value(context.env, name).is_some());
            if configured {
                listens.extend([3306, 33060]);
                output.push((true, format!("{now} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.5.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n")));
                runs(None)
            } else {
                output.push((true, format!("{now}+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n")));
                Behaviour::Finishes { code: 1 }
            }
        }
        _ => {
            return Program { pid1: argv.to_vec(), child: None, behaviour: Behaviour::Finishes { code: 0 }, output, listens, runs_commands: true, writes };
        }
    };
    Program { pid1: argv.to_vec(), child: None, behaviour, output, listens, runs_commands: false, writes }
}

/// What initdb leaves in a new data directory, owned by the image's postgres user
/// (uid 999) with the 0700 mode initdb insists on: the files a lesson looks at.
fn postgres_data_directory(pgdata: &str) -> Vec<(String, crate::engine::fs::Entry)> {
    use crate::engine::fs::Entry;
    const POSTGRES: u32 = 999;
    let dir = |path: String| (path, Entry::dir(0o700, POSTGRES, POSTGRES, 0));
    let file = |path: String, contents: &str| (path, Entry::file(contents, 0o600, POSTGRES, POSTGRES, 0));
    vec![
        dir(pgdata.to_string()),
        file(format!("{pgdata}/PG_VERSION"), "18\n"),
        dir(format!("{pgdata}/base")),
        dir(format!("{pgdata}/global")),
        dir(format!("{pgdata}/pg_wal")),
        file(format!("{pgdata}/pg_hba.conf"), "# TYPE  DATABASE        USER            ADDRESS                 METHOD\nlocal   all             all                                     trust\nhost    all             all             all                     scram-sha-256\n"),
        file(format!("{pgdata}/postgresql.conf"), "listen_addresses = '*'\n"),
    ]
}

/// What PID 1 does with `signal` (fidelity.md §1's table): programs with a handler exit;
/// without one, the kernel drops default-action signals for PID 1, except SIGKILL.
pub fn reaction(program: &Program, signal: &str, init: bool) -> Reaction {
    if signal == "SIGKILL" {
        return Reaction::Exits(137);
    }
    let running = program.child.as_ref().unwrap_or(&program.pid1);
    let base = running[0].rsplit('/').next().unwrap_or(&running[0]);
    let code = 128 + signal_number(signal);
    // A shell kept as PID 1 (with a child) has no trap: it ignores the signal. Behind
    // --init the shell is tini's child, not PID 1, so the signal tini forwards kills it
    // (the default action); its own child is not signalled, and tini exits 128 + n.
    if program.child.is_some() {
        return if init { Reaction::Exits(code) } else { Reaction::Default };
    }
    match (base, signal) {
        ("nginx", "SIGQUIT" | "SIGTERM" | "SIGINT") => Reaction::Exits(0),
        ("httpd-foreground", "SIGWINCH" | "SIGTERM") => Reaction::Exits(0),
        ("redis-server", "SIGTERM" | "SIGINT") => Reaction::Exits(0),
        ("postgres", "SIGINT" | "SIGTERM" | "SIGQUIT") => Reaction::Exits(0),
        ("mysqld", "SIGTERM") => Reaction::Exits(0),
        ("top", "SIGTERM" | "SIGINT" | "SIGQUIT" | "SIGHUP") => Reaction::Exits(code),
        // Behind --init, tini forwards the signal and the child takes the default action.
        _ if init => Reaction::Exits(code),
        _ => Reaction::Default,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| item.to_string()).collect()
    }

    fn context(interactive: bool) -> StartContext<'static> {
        StartContext { env: &[], userland: Userland::Busybox, interactive, tty: false, image_programs: &[], now_text: String::new(), files: None, workdir: "/" }
    }

    #[test]
    fn pid1_follows_the_shell_and_the_entrypoint_script() {
        let single = start(&words(&["/bin/sh", "-c", "top -b"]), &context(false)).unwrap();
        assert_eq!(single.pid1, words(&["top", "-b"]), "a single command is exec'd by the shell");
        let followed = start(&words(&["/bin/sh", "-c", "top -b; echo done"]), &context(false)).unwrap();
        assert_eq!(followed.pid1, words(&["/bin/sh", "-c", "top -b; echo done"]), "the shell stays PID 1 when work follows");
        assert_eq!(followed.child, Some(words(&["top", "-b"])));
        assert_eq!(reaction(&followed, "SIGTERM", false), Reaction::Default);
        assert_eq!(reaction(&followed, "SIGTERM", true), Reaction::Exits(143), "behind --init the shell is not PID 1 and dies of SIGTERM");
        assert_eq!(reaction(&single, "SIGTERM", false), Reaction::Exits(143));
    }

    #[test]
    fn signals_as_pid1() {
        let sleep = start(&words(&["sleep", "infinity"]), &context(false));
        assert!(sleep.is_ok());
        let sleep = start(&words(&["sleep", "3600"]), &context(false)).unwrap();
        assert_eq!(reaction(&sleep, "SIGTERM", false), Reaction::Default, "sleep has no handler and is PID 1");
        assert_eq!(reaction(&sleep, "SIGTERM", true), Reaction::Exits(143), "behind --init the default action applies");
        assert_eq!(reaction(&sleep, "SIGKILL", false), Reaction::Exits(137));
    }

    #[test]
    fn a_missing_executable_is_runc_s_error() {
        let (message, code) = start(&words(&["bash"]), &context(false)).unwrap_err();
        assert!(message.ends_with("exec: \"bash\": executable file not found in $PATH: unknown"), "{message}");
        assert_eq!(code, 127);
    }

    #[test]
    fn signal_names() {
        assert_eq!(signal_name("TERM"), Some("SIGTERM"));
        assert_eq!(signal_name("sigkill"), Some("SIGKILL"));
        assert_eq!(signal_name("9"), Some("SIGKILL"));
        assert_eq!(signal_name("BOGUS"), None);
    }
}
