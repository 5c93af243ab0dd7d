//! The host shell's word splitting: quotes, backslashes, comments and parameter expansion.
//!
//! This is the first slice of the bash-like shell that DESIGN.md describes; operators,
//! redirections, pipes and command substitution come with the Docker simulator.

/// Why a line could not be split into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// A quote was opened and never closed; carries the quote character.
    UnterminatedQuote(char),
}

impl SyntaxError {
    /// The message bash prints for this error when it reads a script (it then exits 2).
    pub fn message(&self) -> String {
        match self {
            SyntaxError::UnterminatedQuote(quote) => {
                format!("bash: unexpected EOF while looking for matching `{quote}'\n")
            }
        }
    }
}

/// What `$NAME` expands to: the shell's variables and the last status.
pub trait Variables {
    /// The value of `$name`, or `None` when it is unset (it then expands to nothing).
    fn get(&self, name: &str) -> Option<String>;
}

/// Splits a line into words after quote removal and parameter expansion, as bash does for
/// a simple command. Unquoted expansions are split on blanks; quoted ones are kept whole.
pub fn split_words(line: &str, vars: &dyn Variables) -> Result<Vec<String>, SyntaxError> {
    let mut words = Vec::new();
    let mut word = String::new();
    // Whether the current word exists even if empty (`""` is a word; nothing is not).
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') => {}
                    Some(next) => word.push(next),
                    None => {}
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(inner) => word.push(inner),
                        None => return Err(SyntaxError::UnterminatedQuote('\'')),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.peek() {
                            Some(&next @ ('$' | '`' | '"' | '\\')) => {
                                word.push(next);
                                chars.next();
                            }
                            Some('\n') => {
                                chars.next();
                            }
                            _ => word.push('\\'),
                        },
                        Some('$') => match expand_parameter(&mut chars, vars) {
                            Some(value) => word.push_str(&value),
                            None => word.push('$'),
                        },
                        Some(inner) => word.push(inner),
                        None => return Err(SyntaxError::UnterminatedQuote('"')),
                    }
                }
            }
            '$' => match expand_parameter(&mut chars, vars) {
                // Unquoted: the value is split into fields on blanks.
                Some(value) => {
                    let mut fields = value.split([' ', '\t', '\n']).peekable();
                    if value.starts_with([' ', '\t', '\n']) && in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                    while let Some(field) = fields.next() {
                        if !field.is_empty() {
                            word.push_str(field);
                            in_word = true;
                        }
                        if fields.peek().is_some() && in_word {
                            words.push(std::mem::take(&mut word));
                            in_word = false;
                        }
                    }
                }
                None => {
                    word.push('$');
                    in_word = true;
                }
            },
            other => {
                word.push(other);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Reads the name after a `$` and returns its value (empty when unset), or `None` when no
/// name follows, in which case the `$` stands for itself.
fn expand_parameter(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    vars: &dyn Variables,
) -> Option<String> {
    let name = match chars.peek().copied() {
        Some(special @ ('?' | '$' | '#' | '0'..='9')) => {
            chars.next();
            special.to_string()
        }
        Some('{') => {
            chars.next();
            let mut name = String::new();
            for c in chars.by_ref() {
                if c == '}' {
                    break;
                }
                name.push(c);
            }
            name
        }
        Some(c) if c == '_' || c.is_ascii_alphabetic() => {
            let mut name = String::new();
            while let Some(&c) = chars.peek() {
                if c == '_' || c.is_ascii_alphanumeric() {
                    name.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            name
        }
        _ => return None,
    };
    Some(vars.get(&name).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Variables for Fixed {
        fn get(&self, name: &str) -> Option<String> {
            match name {
                "?" => Some("127".into()),
                "HOME" => Some("/home/learner".into()),
                "TWO" => Some("a  b".into()),
                _ => None,
            }
        }
    }

    fn check(line: &str, expected: &[&str]) {
        assert_eq!(split_words(line, &Fixed).unwrap(), expected, "splitting {line:?}");
    }

    #[test]
    fn words_follow_bash_quoting_and_expansion() {
        check("echo hello", &["echo", "hello"]);
        check("  echo   spaced\tout  ", &["echo", "spaced", "out"]);
        check(r#"echo "hello   world""#, &["echo", "hello   world"]);
        check("echo 'single $HOME'", &["echo", "single $HOME"]);
        check(r#"echo "double $HOME""#, &["echo", "double /home/learner"]);
        check(r"echo a\ b", &["echo", "a b"]);
        check(r#"echo "a\"b" 'c'"d"e"#, &["echo", r#"a"b"#, "cde"]);
        check(r#"echo "\n""#, &["echo", r"\n"]);
        check("echo $? ${HOME}x", &["echo", "127", "/home/learnerx"]);
        check("echo $UNSET end", &["echo", "end"]);
        check(r#"echo "" x"#, &["echo", "", "x"]);
        check("echo $TWO", &["echo", "a", "b"]);
        check(r#"echo "$TWO""#, &["echo", "a  b"]);
        check("echo 5$ $", &["echo", "5$", "$"]);
        check("echo hi # a comment", &["echo", "hi"]);
        check("echo a#b", &["echo", "a#b"]);
        check("# only a comment", &[]);
    }

    #[test]
    fn an_unterminated_quote_is_bash_s_error() {
        let error = split_words("echo 'oops", &Fixed).unwrap_err();
        assert_eq!(error.message(), "bash: unexpected EOF while looking for matching `''\n");
        let error = split_words("echo \"oops", &Fixed).unwrap_err();
        assert_eq!(error.message(), "bash: unexpected EOF while looking for matching `\"'\n");
    }
}
