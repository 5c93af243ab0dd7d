//! The Dockerfile language: instructions with their line numbers, exec and shell forms,
//! line continuations, comments, and BuildKit's parse errors.

/// One instruction, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Upper-case: `FROM`, `RUN`, `COPY`…
    pub keyword: String,
    /// The text after the keyword, continuation lines joined.
    pub arguments: String,
    /// The 1-based line the instruction starts on.
    pub line: usize,
    /// The last line it takes up.
    pub end_line: usize,
}

/// An argument list in exec form (`["a", "b"]`) or shell form (a string for `/bin/sh -c`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    Exec(Vec<String>),
    Shell(String),
}

impl Form {
    /// Reads `text` as a JSON array of strings, or else as shell form.
    pub fn parse(text: &str) -> Form {
        let trimmed = text.trim();
        if trimmed.starts_with('[')
            && let Ok(words) = serde_json::from_str::<Vec<String>>(trimmed) {
                return Form::Exec(words);
            }
        Form::Shell(trimmed.to_string())
    }

    /// The command as the image stores it: exec form as is, shell form under `shell`.
    pub fn to_command(&self, shell: &[String]) -> Vec<String> {
        match self {
            Form::Exec(words) => words.clone(),
            Form::Shell(text) => shell.iter().cloned().chain(std::iter::once(text.clone())).collect(),
        }
    }
}

/// The instructions the builder knows.
pub const KEYWORDS: &[&str] = &["FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"];

/// A parse error: the line, and BuildKit's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// Splits a Dockerfile into instructions.
pub fn parse(text: &str) -> Result<Vec<Instruction>, ParseError> {
    let mut instructions = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut index = 0;
    while index < lines.len() {
        let start = index;
        let line = lines[index].trim_start();
        index += 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut joined = String::new();
        let mut current = line.to_string();
        loop {
            let trimmed_end = current.trim_end();
            // BuildKit drops the backslash and the newline, and keeps the next line's indent.
            if let Some(body) = trimmed_end.strip_suffix('\\') {
                joined.push_str(body);
                // Comment lines inside a continuation are skipped, as BuildKit does.
                while index < lines.len() && lines[index].trim_start().starts_with('#') {
                    index += 1;
                }
                if index >= lines.len() {
                    break;
                }
                current = lines[index].to_string();
                index += 1;
            } else {
                joined.push_str(trimmed_end);
                break;
            }
        }
        let (keyword, arguments) = match joined.split_once(char::is_whitespace) {
            Some((keyword, rest)) => (keyword, rest.trim().to_string()),
            None => (joined.as_str(), String::new()),
        };
        let upper = keyword.to_ascii_uppercase();
        if !KEYWORDS.contains(&upper.as_str()) {
            let hint = KEYWORDS.iter().find(|known| similar(known, &upper)).map(|known| format!(" (did you mean {}?)", known.to_ascii_lowercase())).unwrap_or_default();
            return Err(ParseError { line: start + 1, message: format!("unknown instruction: {keyword}{hint}") });
        }
        if arguments.is_empty() {
            return Err(ParseError { line: start + 1, message: format!("{upper} requires at least one argument") });
        }
        instructions.push(Instruction { keyword: upper, arguments, line: start + 1, end_line: index });
    }
    if !instructions.iter().any(|instruction| instruction.keyword == "FROM") {
        return Err(ParseError { line: 0, message: "no build stage in current context".into() });
    }
    Ok(instructions)
}

/// Whether two words are one edit apart (for "did you mean").
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let mut i = 0;
    let mut j = 0;
    let mut edits = 0;
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// Splits `KEY=value KEY2="v 2"` (or the legacy `KEY value`) into pairs.
pub fn key_values(text: &str) -> Vec<(String, String)> {
    let words = super::super::shell::parse(&format!(": {text}")).ok().and_then(|lists| lists.into_iter().next()).map(|list| list.first.commands[0].words.clone()).unwrap_or_default();
    let literal = |word: &super::super::shell::Word| -> String {
        word.iter()
            .map(|part| match part {
                super::super::shell::Part::Literal(text) | super::super::shell::Part::Quoted(text) => text.clone(),
                super::super::shell::Part::Param { name, .. } => format!("${name}"),
                super::super::shell::Part::Tilde => "~".into(),
                super::super::shell::Part::Substitution { source, .. } => format!("$({source})"),
            })
            .collect()
    };
    let words: Vec<String> = words.iter().skip(1).map(literal).collect();
    if !words.is_empty() && !words[0].contains('=') {
        // Legacy form: `ENV KEY value with spaces`.
        let (key, value) = text.trim().split_once(char::is_whitespace).unwrap_or((text.trim(), ""));
        return vec![(key.to_string(), value.trim().to_string())];
    }
    words.iter().map(|word| word.split_once('=').map(|(key, value)| (key.to_string(), value.to_string())).unwrap_or_else(|| (word.clone(), String::new()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_keep_their_lines() {
        let text = "# syntax=docker/dockerfile:1\nFROM python:3.13-slim AS base\n\nWORKDIR /app\nRUN pip install \\\n    flask \\\n    gunicorn\ncmd [\"python\", \"app.py\"]\n";
        let instructions = parse(text).unwrap();
        let summary: Vec<(&str, &str, usize)> = instructions.iter().map(|i| (i.keyword.as_str(), i.arguments.as_str(), i.line)).collect();
        assert_eq!(summary, [("FROM", "python:3.13-slim AS base", 2), ("WORKDIR", "/app", 4), ("RUN", "pip install     flask     gunicorn", 5), ("CMD", "[\"python\", \"app.py\"]", 8)]);
    }

    #[test]
    fn parse_errors_name_the_line() {
        let error = parse("FROM alpine\nFROOM alpine\n").unwrap_err();
        assert_eq!((error.line, error.message.as_str()), (2, "unknown instruction: FROOM (did you mean from?)"));
        assert_eq!(parse("FROM alpine\nRUN\n").unwrap_err().message, "RUN requires at least one argument");
        assert_eq!(parse("# nothing\n").unwrap_err().message, "no build stage in current context");
    }

    #[test]
    fn forms_and_key_values() {
        assert_eq!(Form::parse("[\"nginx\", \"-g\", \"daemon off;\"]"), Form::Exec(vec!["nginx".into(), "-g".into(), "daemon off;".into()]));
        assert_eq!(Form::parse("top -b").to_command(&["/bin/sh".into(), "-c".into()]), ["/bin/sh", "-c", "top -b"]);
        assert_eq!(Form::parse("[not json"), Form::Shell("[not json".into()));
        assert_eq!(key_values("A=1 B=\"two words\""), [("A".into(), "1".into()), ("B".into(), "two words".into())]);
        assert_eq!(key_values("NAME some value"), [("NAME".into(), "some value".into())]);
    }
}
