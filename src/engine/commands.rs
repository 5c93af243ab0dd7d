//! The host's commands: bash builtins and the GNU coreutils a tutorial types, with their real
//! messages and exit statuses, on the simulated file system.

mod network;
mod packages;
mod shells;
mod system;
mod users;

use std::collections::BTreeSet;

use super::clock::DateTime;
use super::accounts;
use super::fs::{self, FsError, Kind};
use super::interpreter::Flavor;
use super::interpreter::{Io, Shell, World};

/// What `clear` writes with `TERM=xterm-256color`: home, erase the screen, erase scrollback.
pub const CLEAR_SCREEN: &str = "\x1b[H\x1b[2J\x1b[3J";

/// The terminal's width: the browser terminal and dockside-sim are 80 columns.
pub const TERMINAL_COLUMNS: usize = 80;

/// The longest `sleep` accepted, so that no command runs the clock without bound (a year).
const MAX_SLEEP_MILLIS: u64 = 365 * 24 * 3600 * 1000;

/// Where a command lives: bash builtins, or programs in `/usr/bin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    Program,
}

/// Every command the host runs, with where it lives and the summary `help` prints.
pub const COMMANDS: &[(&str, Origin, &str)] = &[
    ("bash", Origin::Program, "run a shell script (bash FILE, or bash -c 'commands')"),
    ("cat", Origin::Program, "print files (or standard input)"),
    ("cd", Origin::Builtin, "change the working directory"),
    ("chmod", Origin::Program, "change files' permissions (chmod +x FILE, chmod 644 FILE)"),
    ("chown", Origin::Program, "change files' owner and group (OWNER[:GROUP], -R)"),
    ("clear", Origin::Program, "clear the terminal screen"),
    ("cp", Origin::Program, "copy files (-r for directories)"),
    ("curl", Origin::Program, "fetch a URL (published ports on localhost)"),
    ("cut", Origin::Program, "print parts of lines (-c, -d with -f)"),
    ("date", Origin::Program, "print the simulated date and time"),
    ("df", Origin::Program, "show mounted file systems and their space (-h)"),
    ("docker", Origin::Program, "the Docker command line: run, ps, images, pull, stop, rm, logs…"),
    ("echo", Origin::Builtin, "write arguments to standard output (-n, -e)"),
    ("env", Origin::Program, "print the environment"),
    ("exit", Origin::Builtin, "leave a container's shell"),
    ("export", Origin::Builtin, "export variables to commands' environments"),
    ("false", Origin::Builtin, "do nothing, unsuccessfully"),
    ("grep", Origin::Program, "print lines that match a pattern (-i, -v, -c, -n)"),
    ("head", Origin::Program, "print the first lines (-n N)"),
    ("help", Origin::Builtin, "list the commands this terminal knows"),
    ("history", Origin::Builtin, "list the commands typed so far"),
    ("hostname", Origin::Program, "print the machine's name"),
    ("id", Origin::Program, "print the user and group ids (-u, -g, -n)"),
    ("ls", Origin::Program, "list files (-l, -n, -a, -A, -1, -d)"),
    ("mkdir", Origin::Program, "make directories (-p)"),
    ("mv", Origin::Program, "move or rename files"),
    ("printenv", Origin::Program, "print the environment, or one variable's value"),
    ("printf", Origin::Builtin, "print formatted text"),
    ("pwd", Origin::Builtin, "print the working directory"),
    ("rm", Origin::Program, "remove files (-r, -f)"),
    ("rmdir", Origin::Program, "remove empty directories"),
    ("sh", Origin::Program, "run a shell script (sh FILE, or sh -c 'commands')"),
    ("sleep", Origin::Program, "wait, on the simulated clock"),
    ("sort", Origin::Program, "sort lines (-r, -n, -u)"),
    ("tail", Origin::Program, "print the last lines (-n N)"),
    ("touch", Origin::Program, "create files or update their times"),
    ("true", Origin::Builtin, "do nothing, successfully"),
    ("type", Origin::Builtin, "tell how a command name would be run"),
    ("unset", Origin::Builtin, "remove variables"),
    ("wc", Origin::Program, "count lines, words and bytes (-l, -w, -c)"),
    ("which", Origin::Program, "print where a program is"),
    ("whoami", Origin::Program, "print the user's name"),
];

/// The usage line and summary each GNU tool's `--help` starts with (coreutils 9.7, grep 3.11).
const USAGES: &[(&str, &str, &str)] = &[
    ("cat", "cat [OPTION]... [FILE]...", "Concatenate FILE(s) to standard output."),
    ("chown", "chown [OPTION]... [OWNER][:[GROUP]] FILE...\n  or:  chown [OPTION]... --reference=RFILE FILE...", "Change the owner and/or group of each FILE to OWNER and/or GROUP."),
    ("df", "df [OPTION]... [FILE]...", "Show information about the file system on which each FILE resides,\nor all file systems by default."),
    ("printenv", "printenv [OPTION]... [VARIABLE]...", "Print the values of the specified environment VARIABLE(s).\nIf no VARIABLE is specified, print name and value pairs for them all."),
    ("cp", "cp [OPTION]... [-T] SOURCE DEST\n  or:  cp [OPTION]... SOURCE... DIRECTORY", "Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY."),
    ("cut", "cut OPTION... [FILE]...", "Print selected parts of lines from each FILE to standard output."),
    ("date", "date [OPTION]... [+FORMAT]", "Display date and time in the given FORMAT."),
    ("env", "env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]", "Set each NAME to VALUE in the environment and run COMMAND."),
    ("grep", "grep [OPTION]... PATTERNS [FILE]...", "Search for PATTERNS in each FILE."),
    ("head", "head [OPTION]... [FILE]...", "Print the first 10 lines of each FILE to standard output."),
    ("id", "id [OPTION]... [USER]...", "Print user and group information for each specified USER,\nor (when USER omitted) for the current process."),
    ("ls", "ls [OPTION]... [FILE]...", "List information about the FILEs (the current directory by default)."),
    ("mkdir", "mkdir [OPTION]... DIRECTORY...", "Create the DIRECTORY(ies), if they do not already exist."),
    ("mv", "mv [OPTION]... [-T] SOURCE DEST\n  or:  mv [OPTION]... SOURCE... DIRECTORY", "Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY."),
    ("rm", "rm [OPTION]... [FILE]...", "Remove (unlink) the FILE(s)."),
    ("rmdir", "rmdir [OPTION]... DIRECTORY...", "Remove the DIRECTORY(ies), if they are empty."),
    ("sleep", "sleep NUMBER[SUFFIX]...\n  or:  sleep OPTION", "Pause for NUMBER seconds, where NUMBER is an integer or floating-point."),
    ("sort", "sort [OPTION]... [FILE]...", "Write sorted concatenation of all FILE(s) to standard output."),
    ("tail", "tail [OPTION]... [FILE]...", "Print the last 10 lines of each FILE to standard output."),
    ("touch", "touch [OPTION]... FILE...", "Update the access and modification times of each FILE to the current time."),
    ("wc", "wc [OPTION]... [FILE]...", "Print newline, word, and byte counts for each FILE, and a total line if\nmore than one FILE is specified."),
    ("whoami", "whoami [OPTION]...", "Print the user name associated with the current effective user ID."),
    ("curl", "curl [options...] <url>", " -d, --data <data>           HTTP POST data\n -f, --fail                  Fail fast with no output on HTTP errors\n -i, --include               Include response headers in output\n -o, --output <file>         Write to file instead of stdout\n -s, --silent                Silent mode"),
];

/// A running command: its arguments and what it may touch.
/// One source of `cp`/`mv`: (as typed, its path, where it goes).
type CopyTarget = (String, String, String);

struct Run<'a> {
    shell: &'a mut Shell,
    world: &'a mut World,
    io: &'a mut Io,
    name: &'a str,
    args: &'a [String],
    /// `NAME=value` words before the command: in its environment only.
    env: &'a [(String, String)],
}

/// Runs a command by name; `args[0]` is the name.
pub fn run(shell: &mut Shell, world: &mut World, args: &[String], env: &[(String, String)], io: &mut Io) -> i32 {
    let name = args[0].as_str();
    let base = name.rsplit('/').next().unwrap_or(name);
    let missing = match &shell.programs {
        // In a container, only the image's programs exist (shell builtins always do).
        Some(programs) => !programs.contains(&base) && !COMMANDS.iter().any(|(command, origin, _)| *command == base && *origin == Origin::Builtin),
        None => false,
    };
    // A name with a slash is a file the kernel is asked to run: a script by its shebang,
    // or the shell's own error for a file that is missing or may not be run.
    if name.contains('/') && !standard_program(name, base, shell) {
        let mut run = Run { shell, world, io, name: base, args: &args[1..], env };
        return run.path_program(name);
    }
    let host_lacks = shell.programs.is_none() && (packages::IMAGE_ONLY.contains(&base) || matches!(base, "wget" | "ping" | "nslookup" | "ash" | "adduser" | "addgroup" | "useradd" | "groupadd"));
    if missing || host_lacks || (shell.programs.is_some() && base == "docker") {
        io.err(shell.not_found(name));
        return 127;
    }
    // `--help` for the GNU tools: their usage line and summary (docker has its own).
    if base != "docker" && args[1..].iter().any(|arg| arg == "--help")
        && let Some((usage, summary)) = USAGES.iter().find(|(name, _, _)| *name == base).map(|(_, usage, summary)| (usage, summary)) {
            io.out(format!("Usage: {usage}\n{summary}\n"));
            return 0;
        }
    let mut run = Run { shell, world, io, name: base, args: &args[1..], env };
    match base {
        "cat" => run.cat(),
        "cd" => run.cd(),
        "sh" | "bash" | "ash" | "dash" => run.shell_program(name),
        "adduser" => run.adduser(),
        "addgroup" => run.addgroup(),
        "useradd" => run.useradd(),
        "groupadd" => run.groupadd(),
        "chown" => run.chown(),
        "chmod" => run.chmod(),
        "printenv" => run.printenv(),
        "df" => run.df(),
        "clear" => {
            run.io.out(CLEAR_SCREEN);
            0
        }
        "cp" => run.cp(),
        "cut" => run.cut(),
        "curl" => run.curl(),
        "wget" => run.wget(),
        "ping" => run.ping(),
        "nslookup" => run.nslookup(),
        "apk" => run.apk(),
        "apt-get" | "apt" => run.apt_get(),
        "pip" | "pip3" => run.pip(),
        "npm" => run.npm(),
        "docker" => {
            let cwd = run.shell.cwd.clone();
            let previous = std::mem::replace(&mut run.world.client_env, run.shell.environment(run.env));
            let status = super::docker::cli::run(run.world, &cwd, run.args, run.io);
            run.world.client_env = previous;
            status
        }
        "date" => {
            run.io.out(format!("{}\n", DateTime::from_millis(run.world.now).date_format()));
            0
        }
        "echo" => run.echo(),
        "env" => run.env(),
        "export" => run.export(),
        "false" => 1,
        "grep" => run.grep(),
        "head" | "tail" => run.head_or_tail(),
        "help" => run.help(),
        "history" => run.history(),
        "hostname" => {
            run.io.out(format!("{}\n", run.shell.hostname));
            0
        }
        "id" => run.id(),
        "ls" => run.ls(),
        "mkdir" => run.mkdir(),
        "mv" => run.mv(),
        "printf" => run.printf(),
        "pwd" => {
            run.io.out(format!("{}\n", run.shell.cwd));
            0
        }
        "rm" => run.rm(),
        "rmdir" => run.rmdir(),
        "sleep" => run.sleep(),
        "sort" => run.sort(),
        "touch" => run.touch(),
        "true" => 0,
        "exit" => {
            let code = match run.args.first() {
                None => run.shell.last_status,
                Some(arg) => match arg.parse::<i64>() {
                    Ok(number) => number.rem_euclid(256) as i32,
                    Err(_) => {
                        run.io.err(match run.shell.flavor {
                            super::interpreter::Flavor::Bash => format!("bash: exit: {arg}: numeric argument required\n"),
                            super::interpreter::Flavor::Ash => format!("sh: exit: Illegal number: {arg}\n"),
                            super::interpreter::Flavor::Dash => format!("sh: 1: exit: Illegal number: {arg}\n"),
                        });
                        2
                    }
                },
            };
            run.shell.exit_requested = Some(code);
            code
        }
        "type" => run.type_(),
        "unset" => {
            for name in run.args {
                run.shell.vars.remove(name);
                run.shell.exported.remove(name);
            }
            0
        }
        "wc" => run.wc(),
        "which" => run.which(),
        "whoami" if run.shell.identity.user.is_empty() => {
            let uid = run.shell.user.uid;
            run.io.err(match run.shell.flavor {
                super::interpreter::Flavor::Ash => format!("whoami: unknown uid {uid}\n"),
                _ => format!("whoami: cannot find name for user ID {uid}\n"),
            });
            1
        }
        "whoami" => {
            run.io.out(format!("{}\n", run.shell.identity.user));
            0
        }
        _ => {
            run.io.err(run.shell.not_found(name));
            127
        }
    }
}

/// Whether a path names one of the programs the simulator models where it is installed
/// (`/bin/ls`, `/usr/bin/env`): those run as the program, without a file in the tree.
fn standard_program(name: &str, base: &str, shell: &Shell) -> bool {
    let dir = crate::engine::fs::parent(name);
    let known = match &shell.programs {
        Some(programs) => programs.contains(&base),
        None => base == "docker" || COMMANDS.iter().any(|(command, _, _)| *command == base),
    };
    matches!(dir, "/bin" | "/usr/bin" | "/sbin" | "/usr/sbin" | "/usr/local/bin" | "/usr/local/sbin") && known
}

/// Options parsed the GNU way: clustered short flags, `--` ends them, and `-n N` / `-nN`
/// for the flags that take a value.
struct Options {
    flags: BTreeSet<char>,
    values: Vec<(char, String)>,
    operands: Vec<String>,
}

impl Options {
    fn has(&self, flag: char) -> bool {
        self.flags.contains(&flag)
    }

    fn value(&self, flag: char) -> Option<&str> {
        self.values.iter().rev().find(|(name, _)| *name == flag).map(|(_, value)| value.as_str())
    }
}

impl Run<'_> {
    /// Parses options; `long` maps long names to short flags. On an unknown option, prints
    /// coreutils' two lines and returns the status to exit with.
    fn options(&mut self, flags: &str, with_value: &str, long: &[(&str, char)], usage_status: i32) -> Result<Options, i32> {
        let args = self.args;
        self.options_from(args, flags, with_value, long, usage_status)
    }

    /// `options` over a given argument list (for commands that rewrite theirs first).
    fn options_from(&mut self, args: &[String], flags: &str, with_value: &str, long: &[(&str, char)], usage_status: i32) -> Result<Options, i32> {
        let mut options = Options { flags: BTreeSet::new(), values: Vec::new(), operands: Vec::new() };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--" {
                options.operands.extend(args.by_ref().cloned());
                break;
            }
            if let Some(long_name) = arg.strip_prefix("--") {
                let (long_name, inline_value) = match long_name.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_string())),
                    None => (long_name, None),
                };
                match long.iter().find(|(name, _)| *name == long_name) {
                    Some((_, flag)) if with_value.contains(*flag) => {
                        let value = inline_value.or_else(|| args.next().cloned()).unwrap_or_default();
                        options.values.push((*flag, value));
                    }
                    Some((_, flag)) => {
                        options.flags.insert(*flag);
                    }
                    None => {
                        self.io.err(format!("{}: unrecognized option '{arg}'\nTry '{} --help' for more information.\n", self.name, self.name));
                        return Err(usage_status);
                    }
                }
                continue;
            }
            let Some(cluster) = arg.strip_prefix('-').filter(|cluster| !cluster.is_empty()) else {
                options.operands.push(arg.clone());
                continue;
            };
            let chars = cluster.char_indices();
            for (at, flag) in chars {
                if with_value.contains(flag) {
                    let rest = &cluster[at + flag.len_utf8()..];
                    let value = if rest.is_empty() { args.next().cloned() } else { Some(rest.to_string()) };
                    match value {
                        Some(value) => options.values.push((flag, value)),
                        None => {
                            self.io.err(format!("{}: option requires an argument -- '{flag}'\nTry '{} --help' for more information.\n", self.name, self.name));
                            return Err(usage_status);
                        }
                    }
                    break;
                } else if flags.contains(flag) {
                    options.flags.insert(flag);
                } else {
                    self.io.err(format!("{}: invalid option -- '{flag}'\nTry '{} --help' for more information.\n", self.name, self.name));
                    return Err(usage_status);
                }
            }
        }
        Ok(options)
    }

    /// The contents of each operand (or standard input for none or `-`), reporting missing
    /// files with `report` and returning whether any failed.
    fn inputs(&mut self, operands: &[String], report: impl Fn(&str, FsError) -> String) -> (Vec<(String, String)>, bool) {
        let mut inputs = Vec::new();
        let mut failed = false;
        if operands.is_empty() {
            inputs.push(("-".to_string(), self.io.stdin.clone().unwrap_or_default()));
        }
        for operand in operands {
            if operand == "-" {
                inputs.push((operand.clone(), self.io.stdin.clone().unwrap_or_default()));
                continue;
            }
            match self.world.fs.read(&self.shell.path(operand), self.shell.user) {
                Ok(text) => inputs.push((operand.clone(), text.to_string())),
                Err(error) => {
                    self.io.err(report(operand, error));
                    failed = true;
                }
            }
        }
        (inputs, failed)
    }

    fn cat(&mut self) -> i32 {
        let options = match self.options("nAEv", "", &[("number", 'n')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        // busybox (open_or_warn): `cat: can't open 'x': …`; coreutils: `cat: x: …`.
        let busybox = self.busybox();
        let (inputs, failed) = self.inputs(&options.operands, |name, error| if busybox { format!("cat: can't open '{name}': {}\n", error.message()) } else { format!("cat: {name}: {}\n", error.message()) });
        let mut line_number = 0;
        for (_, text) in inputs {
            if options.has('n') {
                for line in text.split_inclusive('\n') {
                    line_number += 1;
                    self.io.out(format!("{line_number:>6}\t{line}"));
                }
            } else {
                self.io.out(text);
            }
        }
        i32::from(failed)
    }

    fn cd(&mut self) -> i32 {
        let target = match self.args {
            [] => self.shell.var("HOME").unwrap_or_else(|| "/".into()),
            [dir] if dir == "-" => match self.shell.vars.get("OLDPWD") {
                Some(old) => {
                    self.io.out(format!("{old}\n"));
                    old.clone()
                }
                None => {
                    self.io.err("bash: cd: OLDPWD not set\n");
                    return 1;
                }
            },
            [dir] => dir.clone(),
            _ => {
                self.io.err("bash: cd: too many arguments\n");
                return 1;
            }
        };
        let path = self.shell.path(&target);
        let error = match self.world.fs.resolve(&path) {
            Ok((_, entry)) if entry.is_dir() => {
                if self.shell.user.uid != 0 && !fs::permits(entry, self.shell.user, 0o1) {
                    FsError::PermissionDenied
                } else {
                    let old = std::mem::replace(&mut self.shell.cwd, path);
                    self.shell.vars.insert("OLDPWD".into(), old);
                    self.shell.vars.insert("PWD".into(), self.shell.cwd.clone());
                    return 0;
                }
            }
            Ok(_) => FsError::NotADirectory,
            Err(error) => error,
        };
        self.io.err(format!("bash: cd: {target}: {}\n", error.message()));
        1
    }

    fn cp(&mut self) -> i32 {
        let options = match self.options("rRafpv", "", &[("recursive", 'r'), ("archive", 'a'), ("force", 'f')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let recursive = options.has('r') || options.has('R') || options.has('a');
        let Some((destination, moves)) = self.copy_targets("cp", &options.operands) else { return 1 };
        let mut status = 0;
        for (source, source_path, target) in moves {
            match self.world.fs.resolve(&source_path) {
                Err(error) => {
                    self.io.err(format!("cp: cannot stat '{source}': {}\n", error.message()));
                    status = 1;
                }
                Ok((_, entry)) if entry.is_dir() && !recursive => {
                    self.io.err(format!("cp: -r not specified; omitting directory '{source}'\n"));
                    status = 1;
                }
                Ok((resolved, _)) => {
                    if target == resolved || target.starts_with(&format!("{resolved}/")) {
                        self.io.err(format!("cp: cannot copy a directory, '{source}', into itself, '{destination}'\n"));
                        status = 1;
                        continue;
                    }
                    if let Err((path, error)) = self.copy_tree(&resolved, &target) {
                        self.io.err(format!("cp: cannot create regular file '{path}': {}\n", error.message()));
                        status = 1;
                    }
                }
            }
        }
        status
    }

    /// Copies a file or a whole directory as the shell's user, new files owned by them.
    fn copy_tree(&mut self, from: &str, to: &str) -> Result<(), (String, FsError)> {
        let (user, now) = (self.shell.user, self.world.now);
        for path in self.world.fs.tree(from) {
            let entry = self.world.fs.get(&path).cloned().expect("listed by tree");
            let target = format!("{to}{}", &path[from.len()..]);
            let result = match &entry.kind {
                Kind::Dir => match self.world.fs.mkdir(&target, user, now) {
                    Err(FsError::Exists) if self.world.fs.get(&target).is_some_and(|existing| existing.is_dir()) => Ok(()),
                    other => other,
                },
                Kind::File(contents) => self.world.fs.write(&target, contents, false, user, now),
                Kind::Symlink(_) => Ok(()),
            };
            result.map_err(|error| (target, error))?;
        }
        Ok(())
    }

    /// Splits operands into a destination and sources, or prints the missing-operand error.
    /// `cp`/`mv SOURCE... DESTINATION`: the destination as typed and, for each source, (as
    /// typed, its path, where it goes), into the destination when that is a directory; the
    /// usage errors otherwise.
    fn copy_targets(&mut self, name: &str, operands: &[String]) -> Option<(String, Vec<CopyTarget>)> {
        let (destination, sources) = self.two_or_more(name, operands)?;
        let destination_path = self.shell.path(&destination);
        let into_dir = self.world.fs.resolve(&destination_path).is_ok_and(|(_, entry)| entry.is_dir());
        if sources.len() > 1 && !into_dir {
            self.io.err(format!("{name}: target '{destination}': Not a directory\n"));
            return None;
        }
        let moves = sources.into_iter().map(|source| {
            let source_path = self.shell.path(&source);
            let target = if into_dir { format!("{}/{}", destination_path.trim_end_matches('/'), fs::file_name(&source_path)) } else { destination_path.clone() };
            (source, source_path, target)
        });
        Some((destination, moves.collect()))
    }

    fn two_or_more(&mut self, name: &str, operands: &[String]) -> Option<(String, Vec<String>)> {
        match operands {
            [] => {
                self.io.err(format!("{name}: missing file operand\nTry '{name} --help' for more information.\n"));
                None
            }
            [only] => {
                self.io.err(format!("{name}: missing destination file operand after '{only}'\nTry '{name} --help' for more information.\n"));
                None
            }
            [sources @ .., destination] => Some((destination.clone(), sources.to_vec())),
        }
    }

    fn cut(&mut self) -> i32 {
        let options = match self.options("s", "cfdb", &[("characters", 'c'), ("fields", 'f'), ("delimiter", 'd'), ("bytes", 'b'), ("only-delimited", 's')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let (list, by_field) = match (options.value('c').or(options.value('b')), options.value('f')) {
            (Some(list), None) => (list.to_string(), false),
            (None, Some(list)) => (list.to_string(), true),
            _ => {
                self.io.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
                return 1;
            }
        };
        // `N`, `N-M`, `N-`, `-M`, comma-separated, 1-based.
        let mut ranges = Vec::new();
        for part in list.split(',') {
            let (start, end) = match part.split_once('-') {
                Some((start, end)) => (start.parse().unwrap_or(1), if end.is_empty() { usize::MAX } else { end.parse().unwrap_or(0) }),
                None => match part.parse::<usize>() {
                    Ok(number) => (number, number),
                    Err(_) => (0, 0),
                },
            };
            if start == 0 || end < start {
                self.io.err("cut: invalid field range\nTry 'cut --help' for more information.\n".to_string());
                return 1;
            }
            ranges.push((start, end));
        }
        let selected = |index: usize| ranges.iter().any(|(start, end)| (*start..=*end).contains(&(index + 1)));
        let delimiter = options.value('d').unwrap_or("\t").chars().next().unwrap_or('\t');
        let (inputs, failed) = self.inputs(&options.operands, |name, error| format!("cut: {name}: {}\n", error.message()));
        let mut text = String::new();
        for (_, input) in inputs {
            for line in input.lines() {
                if by_field {
                    if !line.contains(delimiter) {
                        if !options.has('s') {
                            text.push_str(line);
                            text.push('\n');
                        }
                        continue;
                    }
                    let fields: Vec<&str> = line.split(delimiter).enumerate().filter(|(index, _)| selected(*index)).map(|(_, field)| field).collect();
                    text.push_str(&fields.join(&delimiter.to_string()));
                } else {
                    text.extend(line.chars().enumerate().filter(|(index, _)| selected(*index)).map(|(_, c)| c));
                }
                text.push('\n');
            }
        }
        self.io.out(text);
        i32::from(failed)
    }

    fn echo(&mut self) -> i32 {
        let mut newline = true;
        let mut escapes = false;
        let mut rest = self.args;
        while let Some((first, tail)) = rest.split_first() {
            let Some(letters) = first.strip_prefix('-') else { break };
            if letters.is_empty() || !letters.chars().all(|c| matches!(c, 'n' | 'e' | 'E')) {
                break;
            }
            for letter in letters.chars() {
                match letter {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            rest = tail;
        }
        let joined = rest.join(" ");
        let (text, stopped) = if escapes { interpret_escapes(&joined) } else { (joined, false) };
        self.io.out(text);
        if newline && !stopped {
            self.io.out("\n");
        }
        0
    }

    fn env(&mut self) -> i32 {
        if !self.args.is_empty() {
            self.io.err("env: running commands under env is not supported in this terminal; set variables before the command instead (NAME=value command)\n");
            return 125;
        }
        let text: String = self.shell.environment(self.env).into_iter().map(|(name, value)| format!("{name}={value}\n")).collect();
        self.io.out(text);
        0
    }

    fn export(&mut self) -> i32 {
        if self.args.is_empty() || self.args.iter().all(|arg| arg == "-p") {
            let text: String = self.shell.environment(&[]).into_iter().map(|(name, value)| format!("declare -x {name}=\"{value}\"\n")).collect();
            self.io.out(text);
            return 0;
        }
        let mut status = 0;
        for arg in self.args {
            let (name, value) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (arg.as_str(), None),
            };
            let valid = name.chars().next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic()) && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric());
            if !valid {
                self.io.err(format!("bash: export: `{arg}': not a valid identifier\n"));
                status = 1;
                continue;
            }
            if let Some(value) = value {
                self.shell.vars.insert(name.to_string(), value.to_string());
            }
            self.shell.export(name);
        }
        status
    }

    fn grep(&mut self) -> i32 {
        let options = match self.options("ivcnlqwFE", "e", &[("ignore-case", 'i'), ("invert-match", 'v'), ("count", 'c'), ("line-number", 'n'), ("quiet", 'q')], 2) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let mut operands = options.operands.clone();
        let pattern = match options.value('e') {
            Some(pattern) => pattern.to_string(),
            None if !operands.is_empty() => operands.remove(0),
            None => {
                self.io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
                return 2;
            }
        };
        let ignore_case = options.has('i');
        // Alternatives: `a|b` with -E, `a\|b` in a basic expression.
        let alternatives: Vec<String> = if options.has('F') {
            vec![pattern.clone()]
        } else if options.has('E') {
            pattern.split('|').map(String::from).collect()
        } else {
            pattern.split("\\|").map(String::from).collect()
        };
        let matchers: Vec<Pattern> = alternatives.iter().map(|alternative| Pattern::new(alternative, ignore_case, options.has('F'))).collect();
        let (inputs, failed) = self.inputs(&operands, |name, error| format!("grep: {name}: {}\n", error.message()));
        let show_names = operands.len() > 1;
        let mut any = false;
        for (name, text) in inputs {
            let mut count = 0;
            for (index, line) in text.lines().enumerate() {
                let matched = matchers.iter().any(|matcher| matcher.matches(line, options.has('w'))) != options.has('v');
                if !matched {
                    continue;
                }
                count += 1;
                any = true;
                if options.has('q') || options.has('c') || options.has('l') {
                    continue;
                }
                let prefix = if show_names { format!("{}:", if name == "-" { "(standard input)" } else { &name }) } else { String::new() };
                let number = if options.has('n') { format!("{}:", index + 1) } else { String::new() };
                self.io.out(format!("{prefix}{number}{line}\n"));
            }
            if options.has('c') && !options.has('q') {
                let prefix = if show_names { format!("{name}:") } else { String::new() };
                self.io.out(format!("{prefix}{count}\n"));
            }
            if options.has('l') && count > 0 && !options.has('q') {
                self.io.out(format!("{}\n", if name == "-" { "(standard input)" } else { &name }));
            }
        }
        if failed && !(options.has('q') && any) {
            2
        } else {
            i32::from(!any)
        }
    }

    fn head_or_tail(&mut self) -> i32 {
        let head = self.name == "head";
        // The old `-5` form means `-n 5`.
        let args: Vec<String> = self.args.iter().map(|arg| if arg.len() > 1 && arg.starts_with('-') && arg[1..].chars().all(|c| c.is_ascii_digit()) { format!("-n{}", &arg[1..]) } else { arg.clone() }).collect();
        let options = match self.options_from(&args, "qvf", "nc", &[("lines", 'n'), ("bytes", 'c'), ("quiet", 'q'), ("follow", 'f')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let count_text = options.value('n').unwrap_or("10").to_string();
        let (from_start, digits) = match count_text.strip_prefix('+') {
            Some(rest) if !head => (true, rest),
            _ => (false, count_text.trim_start_matches('-')),
        };
        let Ok(count) = digits.parse::<usize>() else {
            self.io.err(format!("{}: invalid number of lines: ‘{count_text}’\n", self.name));
            return 1;
        };
        let name = self.name;
        let (inputs, failed) = self.inputs(&options.operands, |file, error| format!("{name}: cannot open '{file}' for reading: {}\n", error.message()));
        let many = inputs.len() > 1;
        for (index, (file, text)) in inputs.iter().enumerate() {
            if many {
                self.io.out(format!("{}==> {} <==\n", if index > 0 { "\n" } else { "" }, if file == "-" { "standard input" } else { file }));
            }
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let selected: Vec<&str> = if head {
                lines.iter().take(count).copied().collect()
            } else if from_start {
                lines.iter().skip(count.saturating_sub(1)).copied().collect()
            } else {
                lines[lines.len().saturating_sub(count)..].to_vec()
            };
            self.io.out(selected.concat());
        }
        i32::from(failed)
    }

    fn help(&mut self) -> i32 {
        let width = COMMANDS.iter().map(|(name, _, _)| name.len()).max().unwrap_or(0);
        let mut text = String::from("This terminal is a simulated Debian machine, `dockside`. It knows:\n\n");
        for (name, _, summary) in COMMANDS {
            text.push_str(&format!("  {name:<width$}  {summary}\n"));
        }
        text.push_str("\nShell syntax: quotes, $VAR, $(…), ;, &&, ||, |, >, >>, <, 2>&1 and <<EOF here-documents.\n");
        self.io.out(text);
        0
    }

    fn history(&mut self) -> i32 {
        let text: String = self.shell.history.iter().enumerate().map(|(index, line)| format!("{:>5}  {line}\n", index + 1)).collect();
        self.io.out(text);
        0
    }

    fn id(&mut self) -> i32 {
        let options = match self.options("ugnG", "", &[("user", 'u'), ("group", 'g'), ("name", 'n'), ("groups", 'G')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let mut identity = self.shell.identity.clone();
        let (mut uid, mut gid) = (self.shell.user.uid, self.shell.user.gid);
        if let Some(user) = options.operands.first().filter(|user| **user != identity.user) {
            // `id USER`: that user as /etc/passwd and /etc/group list them.
            let Some(account) = accounts::user_by_name(&self.world.fs, user) else {
                self.io.err(if self.shell.flavor == Flavor::Ash { format!("id: unknown user {user}\n") } else { format!("id: ‘{user}’: no such user\n") });
                return 1;
            };
            (uid, gid) = (account.uid, account.gid);
            identity = crate::engine::interpreter::Identity { user: account.name, group: accounts::group_by_gid(&self.world.fs, gid).map(|group| group.name).unwrap_or_default(), groups: accounts::process_groups(&self.world.fs, uid, gid) };
        }
        let name = options.has('n');
        // `groups` reads like `1000(learner),100(users)`: numbers and names in pairs.
        let groups: Vec<(&str, &str)> = identity.groups.split(',').filter_map(|group| group.strip_suffix(')').and_then(|group| group.split_once('('))).collect();
        let text = if options.has('u') {
            if name { identity.user.clone() } else { uid.to_string() }
        } else if options.has('g') {
            if name { identity.group.clone() } else { gid.to_string() }
        } else if options.has('G') {
            groups.iter().map(|(number, group)| if name { *group } else { *number }).collect::<Vec<_>>().join(" ")
        } else {
            let named = |id: u32, name: &str| if name.is_empty() { id.to_string() } else { format!("{id}({name})") };
            format!("uid={} gid={} groups={}", named(uid, &identity.user), named(gid, &identity.group), identity.groups)
        };
        self.io.out(format!("{text}\n"));
        0
    }

    fn ls(&mut self) -> i32 {
        let options = match self.options("laA1dhFn", "", &[("all", 'a'), ("almost-all", 'A'), ("directory", 'd'), ("human-readable", 'h'), ("numeric-uid-gid", 'n')], 2) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let operands = if options.operands.is_empty() { vec![".".to_string()] } else { options.operands.clone() };
        let mut status = 0;
        let mut files: Vec<(String, String)> = Vec::new();
        let mut dirs: Vec<(String, String)> = Vec::new();
        for operand in &operands {
            let path = self.shell.path(operand);
            match self.world.fs.resolve(&path) {
                Err(error) => {
                    // busybox ls: `bb_simple_perror_msg(name)` and EXIT_FAILURE.
                    if self.busybox() {
                        self.io.err(format!("ls: {operand}: {}\n", error.message()));
                        status = 1;
                    } else {
                        self.io.err(format!("ls: cannot access '{operand}': {}\n", error.message()));
                        status = 2;
                    }
                }
                Ok((resolved, entry)) => {
                    if entry.is_dir() && !options.has('d') {
                        dirs.push((operand.clone(), resolved));
                    } else {
                        files.push((operand.clone(), path));
                    }
                }
            }
        }
        files.sort();
        dirs.sort();
        let mut sections = Vec::new();
        if !files.is_empty() {
            sections.push(self.ls_listing(&options, None, files.iter().map(|(shown, path)| (shown.clone(), path.clone())).collect()));
        }
        let titled = operands.len() > 1;
        for (shown, dir) in dirs {
            let readable = self.shell.user.uid == 0 || self.world.fs.get(&dir).is_some_and(|entry| fs::permits(entry, self.shell.user, 0o4));
            let listed = if readable { self.world.fs.list(&dir) } else { Err(FsError::PermissionDenied) };
            let mut names = match listed {
                Ok(names) => names,
                Err(error) => {
                    if self.busybox() {
                        self.io.err(format!("ls: can't open '{shown}': {}\n", error.message()));
                        status = 1;
                    } else {
                        self.io.err(format!("ls: cannot open directory '{shown}': {}\n", error.message()));
                        status = 2;
                    }
                    continue;
                }
            };
            if !options.has('a') && !options.has('A') {
                names.retain(|name| !name.starts_with('.'));
            } else if !options.has('A') {
                names.insert(0, "..".into());
                names.insert(0, ".".into());
                names.sort();
            } else {
                names.retain(|name| !name.is_empty());
            }
            let entries = names.into_iter().map(|name| (name.clone(), fs::absolute(&dir, &name))).collect();
            let listing = self.ls_listing(&options, Some(&dir), entries);
            sections.push(if titled { format!("{shown}:\n{listing}") } else { listing });
        }
        self.io.out(sections.join("\n"));
        status
    }

    /// One `ls` listing: long format with `-l`, one per line when not a terminal or `-1`,
    /// otherwise columns as GNU ls lays them out for an 80-column terminal.
    fn ls_listing(&self, options: &Options, dir: Option<&str>, entries: Vec<(String, String)>) -> String {
        // `-n` is `-l` with owners as numbers.
        if options.has('l') || options.has('n') {
            // Owners by name from this machine's own /etc/passwd and /etc/group.
            let files = accounts::Files::read(&self.world.fs);
            let numeric = options.has('n');
            let rows: Vec<(String, u64, String, String, String, String)> = entries
                .iter()
                .filter_map(|(name, path)| {
                    let entry = self.world.fs.get(path).or_else(|| self.world.fs.resolve(path).ok().map(|(_, entry)| entry))?;
                    let links = match entry.kind {
                        Kind::Dir => 2 + self.world.fs.list(path).map(|names| names.iter().filter(|child| self.world.fs.get(&fs::absolute(path, child)).is_some_and(|e| e.is_dir())).count()).unwrap_or(0),
                        _ => 1,
                    };
                    let size = if options.has('h') { human_size(entry.size()) } else { entry.size().to_string() };
                    let mut shown = name.clone();
                    if let Kind::Symlink(target) = &entry.kind {
                        shown = format!("{name} -> {target}");
                    }
                    Some((fs::mode_string(entry), links as u64, files.user_by_uid(entry.uid).filter(|_| !numeric).map(|account| account.name).unwrap_or_else(|| entry.uid.to_string()), files.group_by_gid(entry.gid).filter(|_| !numeric).map(|group| group.name).unwrap_or_else(|| entry.gid.to_string()), size, format!("{} {shown}", DateTime::from_millis(entry.mtime).ls_format(self.world.now, entry.mtime))))
                })
                .collect();
            let link_width = rows.iter().map(|row| row.1.to_string().len()).max().unwrap_or(1);
            let owner_width = rows.iter().map(|row| row.2.len()).max().unwrap_or(1);
            let group_width = rows.iter().map(|row| row.3.len()).max().unwrap_or(1);
            let size_width = rows.iter().map(|row| row.4.len()).max().unwrap_or(1);
            let mut text = String::new();
            if dir.is_some() {
                let blocks: u64 = entries.iter().filter_map(|(_, path)| self.world.fs.get(path)).map(|entry| match entry.kind {
                    Kind::Dir => 4,
                    Kind::File(_) => entry.size().div_ceil(4096) * 4,
                    Kind::Symlink(_) => 0,
                }).sum();
                let total = if options.has('h') { human_size(blocks * 1024) } else { blocks.to_string() };
                text.push_str(&format!("total {total}\n"));
            }
            for (mode, links, owner, group, size, rest) in rows {
                text.push_str(&format!("{mode} {links:>link_width$} {owner:<owner_width$} {group:<group_width$} {size:>size_width$} {rest}\n"));
            }
            return text;
        }
        let names: Vec<String> = entries.into_iter().map(|(name, _)| name).collect();
        if names.is_empty() {
            return String::new();
        }
        if options.has('1') || !self.io.stdout_is_tty {
            return names.iter().map(|name| format!("{name}\n")).collect();
        }
        columns(&names, TERMINAL_COLUMNS)
    }

    fn mkdir(&mut self) -> i32 {
        let options = match self.options("pv", "m", &[("parents", 'p'), ("verbose", 'v'), ("mode", 'm')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        if options.operands.is_empty() {
            self.io.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
            return 1;
        }
        let (user, now) = (self.shell.user, self.world.now);
        let mut status = 0;
        for operand in &options.operands {
            let path = self.shell.path(operand);
            let result = if options.has('p') {
                let mut result = Ok(());
                let mut current = String::new();
                for component in path.split('/').filter(|c| !c.is_empty()) {
                    current = format!("{current}/{component}");
                    match self.world.fs.resolve(&current) {
                        Ok((_, entry)) if entry.is_dir() => continue,
                        Ok(_) => {
                            result = Err(if current == path { FsError::Exists } else { FsError::NotADirectory });
                            break;
                        }
                        Err(_) => {
                            if let Err(error) = self.world.fs.mkdir(&current, user, now) {
                                result = Err(error);
                                break;
                            }
                        }
                    }
                }
                result
            } else {
                self.world.fs.mkdir(&path, user, now)
            };
            if let Err(error) = result {
                // busybox make_directory: `can't %s directory '%s'`.
                self.io.err(if self.busybox() { format!("mkdir: can't create directory '{operand}': {}\n", error.message()) } else { format!("mkdir: cannot create directory ‘{operand}’: {}\n", error.message()) });
                status = 1;
            }
        }
        status
    }

    fn mv(&mut self) -> i32 {
        let options = match self.options("fiv", "", &[("force", 'f')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let Some((destination, moves)) = self.copy_targets("mv", &options.operands) else { return 1 };
        let mut status = 0;
        for (source, source_path, target) in moves {
            if self.world.fs.get(&source_path).is_none() {
                self.io.err(format!("mv: cannot stat '{source}': No such file or directory\n"));
                status = 1;
                continue;
            }
            if let Err(error) = self.world.fs.rename(&source_path, &target, self.shell.user) {
                let message = match error {
                    FsError::InvalidArgument => format!("mv: cannot move '{source}' to a subdirectory of itself, '{destination}/{}'\n", fs::file_name(&source_path)),
                    other => format!("mv: cannot move '{source}' to '{destination}': {}\n", other.message()),
                };
                self.io.err(message);
                status = 1;
            }
        }
        status
    }

    fn printf(&mut self) -> i32 {
        let Some((format, args)) = self.args.split_first() else {
            self.io.err("printf: usage: printf [-v var] format [arguments]\n");
            return 2;
        };
        let (text, status) = printf_format(format, args);
        self.io.out(text);
        status
    }

    fn rm(&mut self) -> i32 {
        let options = match self.options("rRfiv", "", &[("recursive", 'r'), ("force", 'f')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let force = options.has('f');
        let recursive = options.has('r') || options.has('R');
        if options.operands.is_empty() {
            if force {
                return 0;
            }
            self.io.err("rm: missing operand\nTry 'rm --help' for more information.\n");
            return 1;
        }
        let user = self.shell.user;
        let mut status = 0;
        for operand in &options.operands {
            let path = self.shell.path(operand);
            if path == "/" {
                self.io.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
                status = 1;
                continue;
            }
            let Some(entry) = self.world.fs.get(&path).cloned() else {
                if !force {
                    // busybox remove_file: `can't remove '%s'`, `'%s' is a directory`.
                    self.io.err(if self.busybox() { format!("rm: can't remove '{operand}': No such file or directory\n") } else { format!("rm: cannot remove '{operand}': No such file or directory\n") });
                    status = 1;
                }
                continue;
            };
            if entry.is_dir() && !recursive {
                self.io.err(if self.busybox() { format!("rm: '{operand}' is a directory\n") } else { format!("rm: cannot remove '{operand}': Is a directory\n") });
                status = 1;
                continue;
            }
            // Children first, so that each directory is empty when its turn comes.
            for child in self.world.fs.tree(&path).into_iter().rev() {
                let is_dir = self.world.fs.get(&child).is_some_and(|entry| entry.is_dir());
                let result = if is_dir { self.world.fs.rmdir(&child, user) } else { self.world.fs.unlink(&child, user) };
                if let Err(error) = result {
                    let shown = if child == path { operand.clone() } else { format!("{}{}", operand.trim_end_matches('/'), &child[path.len()..]) };
                    self.io.err(if self.busybox() { format!("rm: can't remove '{shown}': {}\n", error.message()) } else { format!("rm: cannot remove '{shown}': {}\n", error.message()) });
                    status = 1;
                    break;
                }
            }
        }
        status
    }

    fn rmdir(&mut self) -> i32 {
        let options = match self.options("pv", "", &[("parents", 'p')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        if options.operands.is_empty() {
            self.io.err("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
            return 1;
        }
        let mut status = 0;
        for operand in &options.operands {
            let path = self.shell.path(operand);
            if let Err(error) = self.world.fs.rmdir(&path, self.shell.user) {
                self.io.err(format!("rmdir: failed to remove '{operand}': {}\n", error.message()));
                status = 1;
            }
        }
        status
    }

    fn sleep(&mut self) -> i32 {
        if self.args.is_empty() {
            self.io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
            return 1;
        }
        let mut total: u64 = 0;
        for arg in self.args {
            match parse_duration(arg) {
                Some(millis) => total = total.saturating_add(millis),
                None => {
                    self.io.err(format!("sleep: invalid time interval '{arg}'\nTry 'sleep --help' for more information.\n"));
                    return 1;
                }
            }
        }
        self.world.now = self.world.now.saturating_add(total.min(MAX_SLEEP_MILLIS));
        0
    }

    fn sort(&mut self) -> i32 {
        let options = match self.options("rnuf", "", &[("reverse", 'r'), ("numeric-sort", 'n'), ("unique", 'u'), ("ignore-case", 'f')], 2) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let (inputs, failed) = self.inputs(&options.operands, |name, error| format!("sort: cannot read: {name}: {}\n", error.message()));
        if failed {
            return 2;
        }
        let mut lines: Vec<String> = inputs.iter().flat_map(|(_, text)| text.lines().map(String::from)).collect();
        let key = |line: &str| if options.has('f') { line.to_uppercase() } else { line.to_string() };
        if options.has('n') {
            lines.sort_by(|a, b| leading_number(a).cmp(&leading_number(b)).then_with(|| a.cmp(b)));
        } else {
            lines.sort_by_key(|line| key(line));
        }
        if options.has('u') {
            lines.dedup_by(|a, b| key(a) == key(b));
        }
        if options.has('r') {
            lines.reverse();
        }
        self.io.out(lines.iter().map(|line| format!("{line}\n")).collect::<String>());
        0
    }

    fn touch(&mut self) -> i32 {
        let options = match self.options("ac", "", &[("no-create", 'c')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        if options.operands.is_empty() {
            self.io.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
            return 1;
        }
        let (user, now) = (self.shell.user, self.world.now);
        let mut status = 0;
        for operand in &options.operands {
            let path = self.shell.path(operand);
            if self.world.fs.resolve(&path).is_ok() {
                self.world.fs.touch(&path, now);
                continue;
            }
            if options.has('c') {
                continue;
            }
            if let Err(error) = self.world.fs.write(&path, "", false, user, now) {
                // busybox touch: `bb_simple_perror_msg(file)`.
                self.io.err(if self.busybox() { format!("touch: {operand}: {}\n", error.message()) } else { format!("touch: cannot touch '{operand}': {}\n", error.message()) });
                status = 1;
            }
        }
        status
    }

    fn type_(&mut self) -> i32 {
        let mut status = 0;
        for name in self.args {
            match COMMANDS.iter().find(|(command, _, _)| command == name) {
                Some((_, Origin::Builtin, _)) => self.io.out(format!("{name} is a shell builtin\n")),
                Some((_, Origin::Program, _)) => self.io.out(format!("{name} is /usr/bin/{name}\n")),
                None => {
                    self.io.err(format!("bash: type: {name}: not found\n"));
                    status = 1;
                }
            }
        }
        status
    }

    fn wc(&mut self) -> i32 {
        let options = match self.options("lwcm", "", &[("lines", 'l'), ("words", 'w'), ("bytes", 'c'), ("chars", 'm')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let all = !(options.has('l') || options.has('w') || options.has('c') || options.has('m'));
        let (inputs, failed) = self.inputs(&options.operands, |name, error| format!("wc: {name}: {}\n", error.message()));
        let mut rows: Vec<(Vec<usize>, String)> = Vec::new();
        let mut totals = [0usize; 4];
        for (name, text) in &inputs {
            let counts = [text.matches('\n').count(), text.split_whitespace().count(), text.chars().count(), text.len()];
            for (total, count) in totals.iter_mut().zip(counts) {
                *total += count;
            }
            rows.push((select_counts(&options, all, counts), if name == "-" { String::new() } else { name.clone() }));
        }
        if inputs.len() > 1 {
            rows.push((select_counts(&options, all, totals), "total".into()));
        }
        // GNU wc's compute_number_width: as many digits as the regular files' total size has,
        // at least 7 when an input is not a regular file (standard input); a single count of
        // a single input is not padded.
        let single = rows.len() == 1 && rows[0].0.len() == 1;
        let reads_stdin = options.operands.is_empty() || options.operands.iter().any(|operand| operand == "-");
        let regular_total: usize = inputs.iter().filter(|(name, _)| name != "-").map(|(_, text)| text.len()).sum();
        let width = if single { 1 } else { regular_total.to_string().len().max(if reads_stdin { 7 } else { 1 }) };
        for (counts, name) in rows {
            let numbers: Vec<String> = counts.iter().map(|count| format!("{count:>width$}")).collect();
            let line = if name.is_empty() { numbers.join(" ") } else { format!("{} {name}", numbers.join(" ")) };
            self.io.out(format!("{line}\n"));
        }
        i32::from(failed)
    }

    fn which(&mut self) -> i32 {
        let mut status = 0;
        for name in self.args {
            match COMMANDS.iter().find(|(command, origin, _)| command == name && *origin == Origin::Program) {
                Some(_) => self.io.out(format!("/usr/bin/{name}\n")),
                None => status = 1,
            }
        }
        status
    }
}

/// `wc`'s columns in its fixed order: lines, words, chars, bytes.
fn select_counts(options: &Options, all: bool, counts: [usize; 4]) -> Vec<usize> {
    let mut selected = Vec::new();
    if all || options.has('l') {
        selected.push(counts[0]);
    }
    if all || options.has('w') {
        selected.push(counts[1]);
    }
    if options.has('m') {
        selected.push(counts[2]);
    }
    if all || options.has('c') {
        selected.push(counts[3]);
    }
    selected
}

/// The number at the start of a line, for `sort -n` (no number sorts as zero), as an
/// integer in billionths so that no floating point is needed.
fn leading_number(line: &str) -> i128 {
    let trimmed = line.trim_start();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    decimal(digits, 9).map_or(0, |value| if negative { -(value as i128) } else { value as i128 })
}

/// The leading `123.45` of `text` scaled by 10^`places` (fraction digits beyond are
/// dropped), or `None` when it does not start with a digit or a dot and a digit.
fn decimal(text: &str, places: u32) -> Option<u128> {
    let whole_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (whole, rest) = text.split_at(whole_end);
    let fraction: String = rest.strip_prefix('.').map(|rest| rest.chars().take_while(char::is_ascii_digit).collect()).unwrap_or_default();
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let whole: u128 = if whole.is_empty() { 0 } else { whole.get(..whole.len().min(30))?.parse().ok()? };
    let mut scaled_fraction: u128 = 0;
    for position in 0..places as usize {
        let digit = fraction.as_bytes().get(position).map_or(0, |byte| u128::from(byte - b'0'));
        scaled_fraction = scaled_fraction * 10 + digit;
    }
    whole.checked_mul(10u128.pow(places))?.checked_add(scaled_fraction)
}

/// A `sleep` operand: a number with an optional `s`, `m`, `h` or `d` suffix, in milliseconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    let (number, unit) = match text.char_indices().last()? {
        (index, 's') => (&text[..index], 1_000),
        (index, 'm') => (&text[..index], 60_000),
        (index, 'h') => (&text[..index], 3_600_000),
        (index, 'd') => (&text[..index], 86_400_000),
        _ => (text, 1_000),
    };
    // The whole operand must be the number: `sleep 5x` is an invalid interval.
    let valid = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.') && number.matches('.').count() <= 1;
    if !valid {
        return None;
    }
    let thousandths = decimal(number, 3)?;
    let millis = thousandths.checked_mul(unit)? / 1000;
    Some(millis.min(u128::from(u64::MAX / 2)) as u64)
}

/// Names laid out in columns, filled top to bottom, as GNU ls does on a terminal: as many
/// columns as fit in `width`, each as wide as its longest name plus two spaces.
fn columns(names: &[String], width: usize) -> String {
    let lengths: Vec<usize> = names.iter().map(|name| name.chars().count()).collect();
    let mut best = (1, vec![lengths.iter().copied().max().unwrap_or(0)]);
    for n_columns in 2..=names.len() {
        let rows = names.len().div_ceil(n_columns);
        if (n_columns - 1) * rows >= names.len() {
            continue;
        }
        let widths: Vec<usize> = (0..n_columns).map(|column| lengths.iter().skip(column * rows).take(rows).copied().max().unwrap_or(0)).collect();
        let total: usize = widths.iter().map(|w| w + 2).sum::<usize>() - 2;
        if total < width {
            best = (n_columns, widths);
        }
    }
    let (n_columns, widths) = best;
    let rows = names.len().div_ceil(n_columns);
    let mut text = String::new();
    for row in 0..rows {
        let mut line = String::new();
        for (column, column_width) in widths.iter().enumerate() {
            let Some(name) = names.get(column * rows + row) else { continue };
            let is_last = column + 1 == n_columns || names.get((column + 1) * rows + row).is_none();
            if is_last {
                line.push_str(name);
            } else {
                line.push_str(&format!("{name:<column_width$}  "));
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// `ls -h`'s sizes: `4.0K`, `12K`, `1.5M` (1024-based, rounded up, one decimal under 10).
fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        return bytes.to_string();
    }
    let mut scale: u64 = 1;
    for unit in ["K", "M", "G", "T"] {
        scale *= 1024;
        if bytes / scale < 1024 || unit == "T" {
            let tenths = (bytes as u128 * 10).div_ceil(scale as u128) as u64;
            return if tenths < 100 { format!("{}.{}{unit}", tenths / 10, tenths % 10) } else { format!("{}{unit}", (bytes as u128).div_ceil(scale as u128)) };
        }
    }
    unreachable!("the last unit returns")
}

/// A `grep` pattern: basic regular expressions with `.`, `*`, `^`, `$` and `[…]`, or a fixed
/// string with `-F`.
struct Pattern {
    items: Vec<(Atom, bool)>,
    anchored_start: bool,
    anchored_end: bool,
    ignore_case: bool,
}

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
}

impl Pattern {
    fn new(pattern: &str, ignore_case: bool, fixed: bool) -> Pattern {
        let mut items = Vec::new();
        let chars: Vec<char> = pattern.chars().collect();
        let mut index = 0;
        let anchored_start = !fixed && chars.first() == Some(&'^');
        if anchored_start {
            index = 1;
        }
        let anchored_end = !fixed && chars.len() > index && chars.last() == Some(&'$') && chars.get(chars.len().wrapping_sub(2)) != Some(&'\\');
        let end = if anchored_end { chars.len() - 1 } else { chars.len() };
        while index < end {
            let c = chars[index];
            let atom = if fixed {
                Atom::Char(c)
            } else {
                match c {
                    '.' => Atom::Any,
                    '\\' if index + 1 < end => {
                        index += 1;
                        Atom::Char(chars[index])
                    }
                    '[' => {
                        let mut ranges = Vec::new();
                        let mut cursor = index + 1;
                        let negated = chars.get(cursor) == Some(&'^');
                        if negated {
                            cursor += 1;
                        }
                        let start = cursor;
                        while cursor < end && (chars[cursor] != ']' || cursor == start) {
                            if cursor + 2 < end && chars[cursor + 1] == '-' && chars[cursor + 2] != ']' {
                                ranges.push((chars[cursor], chars[cursor + 2]));
                                cursor += 3;
                            } else {
                                ranges.push((chars[cursor], chars[cursor]));
                                cursor += 1;
                            }
                        }
                        if cursor >= end {
                            Atom::Char('[')
                        } else {
                            index = cursor;
                            Atom::Class(ranges, negated)
                        }
                    }
                    other => Atom::Char(other),
                }
            };
            let starred = !fixed && chars.get(index + 1) == Some(&'*') && index + 1 < end;
            if starred {
                index += 1;
            }
            items.push((atom, starred));
            index += 1;
        }
        Pattern { items, anchored_start, anchored_end, ignore_case }
    }

    fn matches(&self, line: &str, whole_word: bool) -> bool {
        let text: Vec<char> = if self.ignore_case { line.to_lowercase().chars().collect() } else { line.chars().collect() };
        let starts: Vec<usize> = if self.anchored_start { vec![0] } else { (0..=text.len()).collect() };
        starts.into_iter().any(|start| {
            self.match_from(&text, start, 0).is_some_and(|end| {
                !whole_word || ((start == 0 || !is_word(text[start - 1])) && (end == text.len() || !is_word(text[end])))
            })
        })
    }

    /// Where a match of items[item..] starting at text[position] ends, if it can.
    fn match_from(&self, text: &[char], position: usize, item: usize) -> Option<usize> {
        let Some((atom, starred)) = self.items.get(item) else {
            return if !self.anchored_end || position == text.len() { Some(position) } else { None };
        };
        if *starred {
            let mut end = position;
            while end < text.len() && self.atom_matches(atom, text[end]) {
                end += 1;
            }
            loop {
                if let Some(found) = self.match_from(text, end, item + 1) {
                    return Some(found);
                }
                if end == position {
                    return None;
                }
                end -= 1;
            }
        }
        if position < text.len() && self.atom_matches(atom, text[position]) {
            self.match_from(text, position + 1, item + 1)
        } else {
            None
        }
    }

    fn atom_matches(&self, atom: &Atom, c: char) -> bool {
        let fold = |x: char| if self.ignore_case { x.to_lowercase().next().unwrap_or(x) } else { x };
        match atom {
            Atom::Any => true,
            Atom::Char(expected) => fold(*expected) == c,
            Atom::Class(ranges, negated) => ranges.iter().any(|(low, high)| (fold(*low)..=fold(*high)).contains(&c)) != *negated,
        }
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `echo -e`'s backslash escapes. Returns the text and whether `\c` stopped the output.
fn interpret_escapes(text: &str) -> (String, bool) {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('a') => out.push('\x07'),
            Some('b') => out.push('\x08'),
            Some('c') => return (out, true),
            Some('e' | 'E') => out.push('\x1b'),
            Some('f') => out.push('\x0c'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('v') => out.push('\x0b'),
            Some('\\') => out.push('\\'),
            Some('0') => out.push(read_number(&mut chars, 8, 3)),
            Some('x') => match chars.peek() {
                Some(d) if d.is_ascii_hexdigit() => out.push(read_number(&mut chars, 16, 2)),
                _ => out.push_str("\\x"),
            },
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    (out, false)
}

/// Reads up to `max_digits` digits in `radix` for `\0nnn` and `\xHH`.
fn read_number(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, radix: u32, max_digits: usize) -> char {
    let mut value = 0u32;
    for _ in 0..max_digits {
        match chars.peek().and_then(|c| c.to_digit(radix)) {
            Some(digit) => {
                value = value * radix + digit;
                chars.next();
            }
            None => break,
        }
    }
    char::from_u32(value & 0xff).unwrap_or('\u{fffd}')
}

/// bash's `printf`: the format is reused until the arguments run out; `%s`, `%d`, `%b`,
/// `%%`, widths and `-` alignment; backslash escapes in the format.
fn printf_format(format: &str, args: &[String]) -> (String, i32) {
    let mut out = String::new();
    let mut status = 0;
    let mut next_arg = 0;
    loop {
        let mut used_any = false;
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    let mut escape = String::from("\\");
                    if let Some(next) = chars.next() {
                        escape.push(next);
                    }
                    let (text, _) = interpret_escapes(&escape);
                    out.push_str(&text);
                }
                '%' => {
                    let mut spec = String::new();
                    while let Some(&next) = chars.peek() {
                        if next == '-' || next.is_ascii_digit() || next == '.' {
                            spec.push(next);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    let Some(conversion) = chars.next() else {
                        out.push('%');
                        break;
                    };
                    if conversion == '%' {
                        out.push('%');
                        continue;
                    }
                    used_any = true;
                    let arg = args.get(next_arg).cloned().unwrap_or_default();
                    next_arg += 1;
                    let left = spec.starts_with('-');
                    let width: usize = spec.trim_start_matches('-').split('.').next().unwrap_or("").parse().unwrap_or(0);
                    let text = match conversion {
                        's' => arg,
                        'b' => interpret_escapes(&arg).0,
                        'd' | 'i' => match arg.trim().parse::<i64>() {
                            Ok(number) => number.to_string(),
                            Err(_) if arg.is_empty() => "0".into(),
                            Err(_) => {
                                status = 1;
                                "0".into()
                            }
                        },
                        other => format!("%{spec}{other}"),
                    };
                    if left {
                        out.push_str(&format!("{text:<width$}"));
                    } else {
                        out.push_str(&format!("{text:>width$}"));
                    }
                }
                other => out.push(other),
            }
        }
        if !used_any || next_arg >= args.len() {
            break;
        }
    }
    (out, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ls_columns_fill_top_to_bottom_within_80_columns() {
        let names: Vec<String> = ["app", "compose.yaml", "data", "Dockerfile", "notes.txt", "requirements.txt"].iter().map(|s| s.to_string()).collect();
        assert_eq!(columns(&names, 80), "app  compose.yaml  data  Dockerfile  notes.txt  requirements.txt\n");
        let many: Vec<String> = (0..30).map(|index| format!("file-number-{index:02}")).collect();
        let text = columns(&many, 80);
        assert!(text.lines().all(|line| line.len() < 80), "{text}");
        assert_eq!(text.lines().next().unwrap(), "file-number-00  file-number-06  file-number-12  file-number-18  file-number-24");
    }

    #[test]
    fn grep_patterns() {
        let check = |pattern: &str, line: &str, expected: bool| assert_eq!(Pattern::new(pattern, false, false).matches(line, false), expected, "{pattern:?} on {line:?}");
        check("nginx", "docker.io/library/nginx:latest", true);
        check("^FROM", "FROM alpine", true);
        check("^FROM", "# FROM alpine", false);
        check("latest$", "nginx:latest", true);
        check("a.c", "abc", true);
        check("ab*c", "ac", true);
        check("ab*c", "abbbc", true);
        check("[0-9][0-9]*", "port 8080", true);
        check("[^a-z]", "abc", false);
        assert!(Pattern::new("NGINX", true, false).matches("nginx", false));
        assert!(Pattern::new("a.c", false, true).matches("xa.cx", false));
        assert!(!Pattern::new("a.c", false, true).matches("abc", false));
    }

    #[test]
    fn printf_reuses_its_format() {
        assert_eq!(printf_format("%s\\n", &["a".into(), "b".into()]), ("a\nb\n".into(), 0));
        assert_eq!(printf_format("%-5s|%3d|\\n", &["ab".into(), "7".into()]), ("ab   |  7|\n".into(), 0));
        assert_eq!(printf_format("100%%\\n", &[]), ("100%\n".into(), 0));
        assert_eq!(printf_format("%d\\n", &["x".into()]).1, 1);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5"), Some(5_000));
        assert_eq!(parse_duration("0.5"), Some(500));
        assert_eq!(parse_duration("2m"), Some(120_000));
        assert_eq!(parse_duration("1h"), Some(3_600_000));
        assert_eq!(parse_duration("x"), None);
        assert_eq!(parse_duration("-1"), None);
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(12), "12");
        assert_eq!(human_size(4096), "4.0K");
        assert_eq!(human_size(1_572_864), "1.5M");
        assert_eq!(human_size(20_000), "20K");
    }
}
