//! The commands the host shell knows, and how a line becomes their output.

use super::Outcome;
use super::shell::{self, Variables};

/// What `clear` writes with `TERM=xterm-256color`: home, erase the screen, erase scrollback.
pub const CLEAR_SCREEN: &str = "\x1b[H\x1b[2J\x1b[3J";

/// The commands this shell runs, with the one-line summaries `help` prints.
const COMMANDS: &[(&str, &str)] = &[
    ("clear", "clear the terminal screen"),
    ("echo", "write arguments to standard output (-n, -e, -E)"),
    ("help", "list the commands this terminal knows"),
];

/// The host's variables as the learner's login shell has them.
struct HostVariables {
    last_exit_code: i32,
}

impl Variables for HostVariables {
    fn get(&self, name: &str) -> Option<String> {
        let value = match name {
            "?" => return Some(self.last_exit_code.to_string()),
            "0" => "bash",
            "HOME" | "PWD" => "/home/learner",
            "USER" | "LOGNAME" => "learner",
            "HOSTNAME" => "dockside",
            "SHELL" => "/bin/bash",
            "PATH" => "/usr/local/bin:/usr/bin:/bin",
            "TERM" => "xterm-256color",
            _ => return None,
        };
        Some(value.to_string())
    }
}

/// Runs one line on the host shell.
pub fn run_line(line: &str, last_exit_code: i32) -> Outcome {
    let mut outcome = Outcome::default();
    let words = match shell::split_words(line, &HostVariables { last_exit_code }) {
        Ok(words) => words,
        Err(error) => {
            outcome.stderr(error.message());
            outcome.exit_code = 2;
            return outcome;
        }
    };
    let Some((name, args)) = words.split_first() else {
        // An empty line or a comment leaves `$?` as it was.
        outcome.exit_code = last_exit_code;
        return outcome;
    };
    outcome.exit_code = match name.as_str() {
        "echo" => echo(args, &mut outcome),
        "help" => help(&mut outcome),
        "clear" => {
            outcome.stdout(CLEAR_SCREEN);
            0
        }
        _ => {
            outcome.stderr(format!("bash: {name}: command not found\n"));
            127
        }
    };
    outcome
}

/// bash's `echo` builtin: leading `-n`, `-e` and `-E` words are options when every letter is
/// one of those; anything else is printed.
fn echo(args: &[String], outcome: &mut Outcome) -> i32 {
    let mut newline = true;
    let mut escapes = false;
    let mut rest = args;
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
    outcome.stdout(text);
    if newline && !stopped {
        outcome.stdout("\n");
    }
    0
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

fn help(outcome: &mut Outcome) -> i32 {
    let width = COMMANDS.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let mut text = String::from("Dockside terminal: the commands it knows.\n\n");
    for (name, summary) in COMMANDS {
        text.push_str(&format!("  {name:<width$}  {summary}\n"));
    }
    outcome.stdout(text);
    0
}

/// Completions for the last word of a line: command names in the first position.
pub fn complete(line: &str) -> Vec<String> {
    let words_before = line.split_whitespace().count();
    let last_is_partial = !line.is_empty() && !line.ends_with([' ', '\t']);
    let in_first_word = words_before == 0 || (words_before == 1 && last_is_partial);
    if !in_first_word {
        return Vec::new();
    }
    let prefix = line.trim_start();
    COMMANDS.iter().map(|(name, _)| *name).filter(|name| name.starts_with(prefix)).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Chunk, Stream};

    /// One table row: a line and the exact terminal output and status it gives.
    fn check(line: &str, expected_text: &str, expected_code: i32) {
        let outcome = run_line(line, 0);
        assert_eq!((outcome.text().as_str(), outcome.exit_code), (expected_text, expected_code), "line {line:?}");
    }

    #[test]
    fn echo_behaves_like_bash_s_builtin() {
        check("echo hello", "hello\n", 0);
        check("echo", "\n", 0);
        check("echo -n hi", "hi", 0);
        check("echo -e 'a\\tb\\nc'", "a\tb\nc\n", 0);
        check("echo 'a\\tb'", "a\\tb\n", 0);
        check("echo -ne 'x\\cignored'", "x", 0);
        check("echo -en 'x'", "x", 0);
        check("echo -eE 'a\\nb'", "a\\nb\n", 0);
        check("echo -x hi", "-x hi\n", 0);
        check("echo - hi", "- hi\n", 0);
        check("echo hi -n", "hi -n\n", 0);
        check("echo -e '\\x41\\0102\\\\'", "AB\\\n", 0);
        check("echo $HOME", "/home/learner\n", 0);
    }

    #[test]
    fn an_unknown_command_is_bash_s_error_on_stderr_with_127() {
        let outcome = run_line("foo --bar", 0);
        assert_eq!(outcome.chunks, [Chunk { stream: Stream::Stderr, text: "bash: foo: command not found\n".into() }]);
        assert_eq!(outcome.exit_code, 127);
    }

    #[test]
    fn empty_lines_and_comments_keep_the_last_status() {
        assert_eq!(run_line("", 127).exit_code, 127);
        assert_eq!(run_line("   # nothing", 3).exit_code, 3);
        assert_eq!(run_line("", 0).text(), "");
    }

    #[test]
    fn syntax_errors_exit_2() {
        check("echo 'open", "bash: unexpected EOF while looking for matching `''\n", 2);
    }

    #[test]
    fn clear_and_help() {
        check("clear", CLEAR_SCREEN, 0);
        let help = run_line("help", 0).text();
        for (name, _) in COMMANDS {
            assert!(help.contains(&format!("  {name} ")), "help lists {name}: {help}");
        }
    }

    #[test]
    fn tab_completes_command_names_only_in_first_position() {
        assert_eq!(complete("ec"), ["echo"]);
        assert_eq!(complete("  c"), ["clear"]);
        assert_eq!(complete(""), ["clear", "echo", "help"]);
        assert!(complete("echo c").is_empty());
        assert!(complete("zz").is_empty());
    }
}
