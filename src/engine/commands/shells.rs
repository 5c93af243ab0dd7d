//! Shells run as programs: `sh build.sh`, `bash -c 'echo $0' name`, `echo ls | sh`, with
//! `$0`, `$1…` and each shell's own message when the script cannot be read; scripts run by
//! path (`./build.sh`) through their `#!` line.

use super::Run;
use crate::engine::fs::{self, FsError};
use crate::engine::interpreter::{self, Flavor};

impl Run<'_> {
    /// `sh`, `ash`, `dash` and `bash` given a script file, `-c` text or a script on standard
    /// input; `typed` is the name as typed (`/bin/sh`), which their messages begin with.
    pub(super) fn shell_program(&mut self, typed: &str) -> i32 {
        // `sh` is the image's own shell: busybox ash in Alpine, dash in Debian (and on the
        // Debian host); `bash` is bash wherever it exists.
        let flavor = match self.name {
            "bash" => Flavor::Bash,
            "ash" => Flavor::Ash,
            "dash" => Flavor::Dash,
            _ if self.shell.flavor == Flavor::Ash => Flavor::Ash,
            _ => Flavor::Dash,
        };
        let mut command_text = false;
        let mut rest = self.args.iter();
        let mut operands: Vec<String> = Vec::new();
        while let Some(arg) = rest.next() {
            if arg == "--" || arg == "-" {
                operands.extend(rest.by_ref().cloned());
                break;
            }
            // bash's long options (`--login`, `--norc`, `--posix`) change nothing here.
            if flavor == Flavor::Bash && arg.starts_with("--") {
                continue;
            }
            let Some(cluster) = arg.strip_prefix('-').or_else(|| arg.strip_prefix('+')).filter(|cluster| !cluster.is_empty()) else {
                operands.push(arg.clone());
                operands.extend(rest.by_ref().cloned());
                break;
            };
            for flag in cluster.chars() {
                match flag {
                    'c' => command_text = true,
                    // `-o pipefail`: the option's name is the next word.
                    'o' => {
                        rest.next();
                    }
                    // -e, -u, -x, -l, -i, -s and the like: how the script runs, not what it says.
                    _ => {}
                }
            }
        }
        let Some(mut child) = self.shell.child(flavor) else {
            // Shells started inside shells without end: the real ones run out of processes
            // (the text is bash's fork failure; UNVERIFIED for ash and dash).
            self.io.err(format!("{typed}: fork: Resource temporarily unavailable\n"));
            return 2;
        };
        let text = if command_text {
            let mut operands = operands.into_iter();
            let Some(text) = operands.next() else {
                // busybox `bb_msg_requires_arg`, dash `-c requires an argument`, bash's getopt.
                self.io.err(match flavor {
                    Flavor::Bash => format!("{typed}: -c: option requires an argument\n"),
                    Flavor::Ash => format!("{typed}: -c requires an argument\n"),
                    Flavor::Dash => format!("{typed}: 0: -c requires an argument\n"),
                });
                return 2;
            };
            // `sh -c TEXT NAME ARGS…`: NAME is `$0`, the rest `$1…`; bash numbers the lines
            // of `-c` text in its messages (`bash: line 1: foo: command not found`).
            let name = operands.next();
            child.in_script = flavor == Flavor::Bash || name.is_some();
            child.arg0 = Some(name.unwrap_or_else(|| typed.to_string()));
            child.positional = operands.collect();
            text
        } else if let Some((file, arguments)) = operands.split_first() {
            match self.world.fs.read(&self.shell.path(file), self.shell.user) {
                Ok(text) => {
                    child.arg0 = Some(file.clone());
                    child.positional = arguments.to_vec();
                    child.in_script = true;
                    text.to_string()
                }
                Err(error) => return self.script_unreadable(typed, flavor, file, error),
            }
        } else {
            // No script: the shell reads its commands from standard input; with none (no
            // pipe, no terminal here) it reads end-of-file at once.
            child.arg0 = Some(typed.to_string());
            self.io.stdin.clone().unwrap_or_default()
        };
        let mut outcome = crate::engine::Outcome::default();
        interpreter::run_script(&mut child, self.world, &text, &mut outcome);
        for chunk in outcome.chunks {
            match chunk.stream {
                crate::engine::Stream::Stdout => self.io.out(chunk.text),
                crate::engine::Stream::Stderr => self.io.err(chunk.text),
            }
        }
        self.io.events.extend(outcome.events);
        child.exit_requested.unwrap_or(child.last_status)
    }

    /// A script file the shell cannot open: busybox ash `sh: can't open 'x': No such file or
    /// directory` (status 2, `ash_msg_and_raise_error`), dash `sh: 0: cannot open x: No such
    /// file` (status 2, `sh_open_fail`), bash `bash: x: No such file or directory` (127, or
    /// 126 for a file it may not read).
    fn script_unreadable(&mut self, typed: &str, flavor: Flavor, file: &str, error: FsError) -> i32 {
        let message = error.message();
        match flavor {
            Flavor::Ash => {
                self.io.err(format!("{typed}: can't open '{file}': {message}\n"));
                2
            }
            Flavor::Dash => {
                let message = if matches!(error, FsError::NotFound | FsError::NotADirectory) { "No such file" } else { message };
                self.io.err(format!("{typed}: 0: cannot open {file}: {message}\n"));
                2
            }
            Flavor::Bash => {
                self.io.err(format!("{typed}: {file}: {message}\n"));
                if matches!(error, FsError::NotFound | FsError::NotADirectory) { 127 } else { 126 }
            }
        }
    }

    /// A command named by path (`./build.sh`, `/app/run.sh`): the kernel runs a file with an
    /// execute bit, a script through the interpreter its `#!` line names (a file without one
    /// through the shell itself, as bash, dash and busybox ash do on ENOEXEC). What cannot
    /// run is the shell's own error: bash `bash: ./x: Permission denied` (126),
    /// `bash: ./x: No such file or directory` (127), `bash: ./x: Is a directory` (126) and
    /// `bash: ./x: /bin/bash: bad interpreter: No such file or directory` (126,
    /// execute_cmd.c shell_execve); busybox ash `sh: ./x: not found` (127) or the errno's
    /// text (126, ash.c shellexec: errmsg(e, "not found")); dash the same after its line
    /// number (`sh: 1: ./x: not found`, exec.c shellexec).
    pub(super) fn path_program(&mut self, typed: &str) -> i32 {
        let path = self.shell.path(typed);
        let resolved = self.world.fs.resolve(&path).map(|(_, entry)| entry.clone());
        let user = self.shell.user;
        let failure = match &resolved {
            Err(error) => Some((*error, 127)),
            Ok(entry) if entry.is_dir() => Some((if self.shell.flavor == Flavor::Bash { FsError::IsADirectory } else { FsError::PermissionDenied }, 126)),
            // Root may run any file with an execute bit for someone; others need their own.
            Ok(entry) if !(if user.uid == 0 { entry.mode & 0o111 != 0 } else { fs::permits(entry, user, 1) }) => Some((FsError::PermissionDenied, 126)),
            Ok(_) => None,
        };
        if let Some((error, status)) = failure {
            let message = match (self.shell.flavor, error) {
                (Flavor::Ash | Flavor::Dash, FsError::NotFound | FsError::NotADirectory) => "not found",
                _ => error.message(),
            };
            self.io.err(format!("{}{typed}: {message}\n", self.shell.message_prefix()));
            return status;
        }
        let contents = resolved.ok().and_then(|entry| entry.contents().map(str::to_string)).unwrap_or_default();
        let shebang: Vec<String> = contents.lines().next().and_then(|line| line.strip_prefix("#!")).map(|line| line.split_whitespace().map(String::from).collect()).unwrap_or_default();
        let (interpreter, through_env) = match shebang.split_first() {
            None => (match self.shell.flavor {
                Flavor::Bash => "bash".to_string(),
                _ => "sh".to_string(),
            }, false),
            Some((program, rest)) if fs::file_name(program) == "env" => match rest.iter().find(|word| !word.starts_with('-')) {
                Some(target) => (target.clone(), true),
                None => (program.clone(), false),
            },
            Some((program, _)) => (program.clone(), false),
        };
        let base = fs::file_name(&interpreter).to_string();
        let installed = match &self.shell.programs {
            Some(programs) => programs.contains(&base.as_str()),
            None => base != "ash",
        };
        if !installed {
            if through_env {
                // busybox env: `can't execute '%s'` and 127 for ENOENT; coreutils env:
                // `env: 'bash': No such file or directory`, 127.
                self.io.err(if self.shell.flavor == Flavor::Ash { format!("env: can't execute '{base}': No such file or directory\n") } else { format!("/usr/bin/env: '{base}': No such file or directory\n") });
                return 127;
            }
            return match self.shell.flavor {
                Flavor::Bash => {
                    self.io.err(format!("{}{typed}: {interpreter}: bad interpreter: No such file or directory\n", self.shell.message_prefix()));
                    126
                }
                _ => {
                    self.io.err(format!("{}{typed}: not found\n", self.shell.message_prefix()));
                    127
                }
            };
        }
        let mut argv = vec![if through_env || shebang.is_empty() { base.clone() } else { interpreter.clone() }, typed.to_string()];
        argv.extend(self.args.iter().cloned());
        if matches!(base.as_str(), "sh" | "bash" | "ash" | "dash") {
            let shown = argv[0].clone();
            let mut run = Run { shell: &mut *self.shell, world: &mut *self.world, io: &mut *self.io, name: &base, args: &argv[1..], env: self.env };
            return run.shell_program(&shown);
        }
        // Another interpreter (python, node): the program as if typed with the script.
        argv[0] = base;
        super::run(self.shell, self.world, &argv, self.env, self.io)
    }
}
