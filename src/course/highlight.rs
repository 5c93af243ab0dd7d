//! Syntax highlighting for a lesson's code blocks (`dockerfile`, `yaml`, `sh`, `console`):
//! each line cut into tokens of a few kinds that the interface colours. A small tokenizer
//! per language is enough for teaching snippets; anything it does not know stays plain.

/// What a piece of code is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Plain,
    /// A Dockerfile instruction (`FROM`, `RUN`).
    Keyword,
    /// The program a shell line runs (`docker`, `curl`).
    Command,
    /// `-d`, `--name`.
    Flag,
    /// A quoted string.
    String,
    /// `$HOME`, `${PWD}`, `$(id -u)`'s `$`.
    Variable,
    Comment,
    /// A YAML mapping key.
    Key,
    /// The `$ ` before a typed line in a console block.
    Prompt,
    /// What a console block shows a command printing.
    Output,
}

impl Token {
    /// The CSS class the interface gives it.
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "tok-plain",
            Token::Keyword => "tok-keyword",
            Token::Command => "tok-command",
            Token::Flag => "tok-flag",
            Token::String => "tok-string",
            Token::Variable => "tok-variable",
            Token::Comment => "tok-comment",
            Token::Key => "tok-key",
            Token::Prompt => "tok-prompt",
            Token::Output => "tok-output",
        }
    }
}

/// The tokens of `text` in `lang`; joined back, they are `text` exactly. Languages it does
/// not know come back as one plain token.
pub fn highlight(lang: &str, text: &str) -> Vec<(Token, String)> {
    let mut out = Tokens::default();
    for line in text.split_inclusive('\n') {
        let (body, newline) = line.strip_suffix('\n').map_or((line, ""), |body| (body, "\n"));
        match lang {
            "dockerfile" | "Dockerfile" => dockerfile_line(body, &mut out),
            "sh" | "bash" | "shell" => shell_line(body, &mut out),
            "console" => console_line(body, &mut out),
            "yaml" | "yml" => yaml_line(body, &mut out),
            _ => out.push(Token::Plain, body),
        }
        out.push(Token::Plain, newline);
    }
    out.0
}

/// Tokens, with neighbours of one kind merged.
#[derive(Default)]
struct Tokens(Vec<(Token, String)>);

impl Tokens {
    fn push(&mut self, token: Token, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some((last, joined)) if *last == token => joined.push_str(text),
            _ => self.0.push((token, text.to_string())),
        }
    }
}

const INSTRUCTIONS: &[&str] = &[
    "FROM", "RUN", "CMD", "ENTRYPOINT", "COPY", "ADD", "WORKDIR", "ENV", "ARG", "EXPOSE", "USER", "VOLUME", "LABEL", "HEALTHCHECK", "SHELL", "STOPSIGNAL", "ONBUILD", "MAINTAINER", "AS",
];

fn dockerfile_line(line: &str, out: &mut Tokens) {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return out.push(Token::Comment, line);
    }
    let indent = &line[..line.len() - trimmed.len()];
    out.push(Token::Plain, indent);
    let word_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    let (word, rest) = trimmed.split_at(word_end);
    if INSTRUCTIONS.contains(&word.to_ascii_uppercase().as_str()) {
        out.push(Token::Keyword, word);
        words(rest, out, false);
    } else {
        // A continuation line of a RUN: shell words.
        words(trimmed, out, false);
    }
}

fn shell_line(line: &str, out: &mut Tokens) {
    words(line, out, true);
}

fn console_line(line: &str, out: &mut Tokens) {
    for prompt in ["$ ", "# ", "> "] {
        if let Some(rest) = line.strip_prefix(prompt) {
            out.push(Token::Prompt, prompt);
            return words(rest, out, true);
        }
    }
    out.push(Token::Output, line);
}

fn yaml_line(line: &str, out: &mut Tokens) {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return out.push(Token::Comment, line);
    }
    let indent = line.len() - trimmed.len();
    out.push(Token::Plain, &line[..indent]);
    let mut rest = trimmed;
    if let Some(after) = rest.strip_prefix("- ") {
        out.push(Token::Plain, "- ");
        rest = after;
    }
    // `key:` followed by the end of the line or a space is a mapping key.
    let key_end = rest.find(':').filter(|&colon| {
        let after = &rest[colon + 1..];
        (after.is_empty() || after.starts_with(' ')) && !rest[..colon].contains(['"', '\'', ' '])
    });
    if let Some(colon) = key_end {
        out.push(Token::Key, &rest[..colon]);
        out.push(Token::Plain, ":");
        rest = &rest[colon + 1..];
    }
    let (value, comment) = split_comment(rest);
    let value_trimmed = value.trim();
    if value_trimmed.starts_with('"') || value_trimmed.starts_with('\'') {
        let lead = &value[..value.len() - value.trim_start().len()];
        out.push(Token::Plain, lead);
        out.push(Token::String, value.trim_start());
    } else {
        out.push(Token::Plain, value);
    }
    out.push(Token::Comment, comment);
}

/// Splits off a ` #` comment that is not inside quotes.
fn split_comment(text: &str) -> (&str, &str) {
    let mut quote = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '#') if index == 0 || text[..index].ends_with(char::is_whitespace) => return text.split_at(index),
            _ => {}
        }
    }
    (text, "")
}

/// Shell-ish words: quoted strings, `$` variables, `-flags`, `#` comments, and (when
/// `commands`) the first word of each command, after `|`, `&&`, `||` and `;`.
fn words(text: &str, out: &mut Tokens, commands: bool) {
    let mut at_command = commands;
    let mut rest = text;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        let take = |len: usize| rest.split_at(len);
        if c.is_whitespace() {
            let len = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
            let (space, after) = take(len);
            out.push(Token::Plain, space);
            rest = after;
        } else if c == '#' {
            out.push(Token::Comment, rest);
            rest = "";
        } else if c == '"' || c == '\'' {
            let close = rest[1..].find(c).map_or(rest.len(), |index| index + 2);
            let (string, after) = take(close);
            out.push(Token::String, string);
            rest = after;
            at_command = false;
        } else if c == '$' {
            let len = if rest[1..].starts_with('{') {
                rest.find('}').map_or(rest.len(), |index| index + 1)
            } else if rest[1..].starts_with('(') {
                1
            } else {
                1 + rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len() - 1)
            };
            let (variable, after) = take(len.max(1));
            out.push(Token::Variable, variable);
            rest = after;
        } else if rest.starts_with("&&") || rest.starts_with("||") {
            let (operator, after) = take(2);
            out.push(Token::Plain, operator);
            rest = after;
            at_command = commands;
        } else if c == '|' || c == ';' || c == '(' {
            let (operator, after) = take(1);
            out.push(Token::Plain, operator);
            rest = after;
            at_command = commands;
        } else {
            let len = rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '$' | '|' | ';' | '(' | ')')).unwrap_or(rest.len()).max(c.len_utf8());
            let (word, after) = take(len);
            let token = if at_command && !word.contains('=') {
                at_command = false;
                Token::Command
            } else if word.starts_with('-') && word.len() > 1 {
                Token::Flag
            } else {
                Token::Plain
            };
            out.push(token, word);
            rest = after;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(lang: &str, text: &str) -> Vec<(Token, &'static str)> {
        highlight(lang, text).into_iter().map(|(token, text)| (token, &*Box::leak(text.into_boxed_str()))).collect()
    }

    #[test]
    fn tokens_join_back_to_the_text() {
        for (lang, text) in [
            ("dockerfile", "FROM python:3.13 AS build\n# deps first\nRUN pip install -r requirements.txt && \\\n    echo \"done $HOME\"\n"),
            ("sh", "docker run -it --rm --user \"$(id -u):$(id -g)\" -v \"$PWD\":/app alpine sh # note"),
            ("console", "$ docker ps\nCONTAINER ID   IMAGE\n"),
            ("yaml", "services:\n  web:\n    image: \"nginx:1.29\" # pinned\n    ports:\n      - 8080:80\n"),
            ("text", "anything\tat all"),
            ("sh", "unclosed \"quote and ${brace"),
        ] {
            assert_eq!(highlight(lang, text).into_iter().map(|(_, piece)| piece).collect::<String>(), text, "{lang}");
        }
    }

    #[test]
    fn a_dockerfile_shows_instructions_strings_and_comments() {
        let tokens = kinds("dockerfile", "# base\nFROM alpine\nCMD [\"ping\", \"-c\", \"3\"]\n");
        assert!(tokens.contains(&(Token::Comment, "# base")));
        assert!(tokens.contains(&(Token::Keyword, "FROM")));
        assert!(tokens.contains(&(Token::Keyword, "CMD")));
        assert!(tokens.contains(&(Token::String, "\"ping\"")));
        assert!(!tokens.iter().any(|(token, text)| *token == Token::Keyword && *text == "alpine"));
    }

    #[test]
    fn a_console_block_tells_typed_lines_from_output() {
        let tokens = kinds("console", "$ docker run -d --name web nginx\n22b353f04f4f\n");
        assert_eq!(tokens[0], (Token::Prompt, "$ "));
        assert_eq!(tokens[1], (Token::Command, "docker"));
        assert!(tokens.contains(&(Token::Flag, "-d")) && tokens.contains(&(Token::Flag, "--name")));
        assert!(tokens.contains(&(Token::Output, "22b353f04f4f")));
    }

    #[test]
    fn shell_commands_start_again_after_operators() {
        let tokens = kinds("sh", "cd app && npm install | tee log; FOO=1 make");
        let commands: Vec<&str> = tokens.iter().filter(|(token, _)| *token == Token::Command).map(|(_, text)| *text).collect();
        assert_eq!(commands, ["cd", "npm", "tee", "make"], "an assignment is not the command");
    }

    #[test]
    fn yaml_keys_values_and_comments() {
        let tokens = kinds("yaml", "  image: \"redis:8\" # cache\n  - name: x\n  url: http://a:b\n");
        assert!(tokens.contains(&(Token::Key, "image")));
        assert!(tokens.contains(&(Token::String, "\"redis:8\" ")));
        assert!(tokens.contains(&(Token::Comment, "# cache")));
        assert!(tokens.contains(&(Token::Key, "name")));
        assert!(tokens.contains(&(Token::Key, "url")), "a colon inside the value is not a second key");
    }
}
