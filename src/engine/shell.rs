//! The shell language: parsing a typed line (see `parse`) and expanding its words into fields
//! the way bash and POSIX shells do: parameters, command substitution, `~`, quote removal
//! and field splitting.

pub mod parse;

pub use parse::{AndOr, Command, Connector, ParseError, Part, Pipeline, Redirect, RedirectTarget, Word, parse};

/// What expansion needs from the shell that runs it.
pub trait Context {
    /// The value of `$name`, or `None` when unset.
    fn var(&self, name: &str) -> Option<String>;
    /// Runs `source` as a script and returns its standard output (for `$(…)`).
    fn substitute(&mut self, source: &str) -> String;
    /// `$1`, `$2`…, which `"$@"` makes into one field each.
    fn positional(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A piece of expanded text and whether field splitting applies to it.
struct Piece {
    text: String,
    splittable: bool,
    /// Ends the field here even if it is empty: between the arguments of `"$@"` (its text,
    /// a space, is what joins them where no fields are made).
    boundary: bool,
}

fn expand_parts(word: &[Part], context: &mut dyn Context, pieces: &mut Vec<Piece>) {
    for part in word {
        match part {
            Part::Literal(text) | Part::Quoted(text) => pieces.push(Piece { text: text.clone(), splittable: false, boundary: false }),
            Part::Tilde => pieces.push(Piece { text: context.var("HOME").unwrap_or_default(), splittable: false, boundary: false }),
            Part::Param { name, quoted: true, .. } if name == "@" => {
                // `"$@"`: each argument its own field, and no field at all without any.
                for (index, argument) in context.positional().into_iter().enumerate() {
                    if index > 0 {
                        pieces.push(Piece { text: " ".into(), splittable: false, boundary: true });
                    }
                    pieces.push(Piece { text: argument, splittable: false, boundary: false });
                }
            }
            Part::Param { name, default, quoted } => {
                let value = context.var(name).filter(|value| !value.is_empty());
                match (value, default) {
                    (Some(value), _) => pieces.push(Piece { text: value, splittable: !quoted, boundary: false }),
                    (None, Some(default)) => {
                        let mut inner = Vec::new();
                        expand_parts(default, context, &mut inner);
                        pieces.extend(inner.into_iter().map(|piece| Piece { splittable: !quoted, ..piece }));
                    }
                    // An unset or empty parameter still makes `""` a word when quoted.
                    (None, None) => pieces.push(Piece { text: String::new(), splittable: !quoted, boundary: false }),
                }
            }
            Part::Substitution { source, quoted } => {
                let mut output = context.substitute(source);
                while output.ends_with('\n') {
                    output.pop();
                }
                pieces.push(Piece { text: output, splittable: !quoted, boundary: false });
            }
        }
    }
}

/// Expands a word into fields: unquoted expansions split on blanks; a word that was only an
/// empty unquoted expansion disappears; `""` stays an empty field.
pub fn expand(word: &Word, context: &mut dyn Context) -> Vec<String> {
    let mut pieces = Vec::new();
    expand_parts(word, context, &mut pieces);
    let mut fields = Vec::new();
    let mut field = String::new();
    // Whether the current field exists even if empty (something quoted was in it).
    let mut started = word.iter().any(|part| matches!(part, Part::Quoted(_)) || matches!(part, Part::Param { quoted: true, name, .. } if name != "@") || matches!(part, Part::Substitution { quoted: true, .. }));
    for piece in pieces {
        if piece.boundary {
            fields.push(std::mem::take(&mut field));
            started = true;
            continue;
        }
        if !piece.splittable {
            field.push_str(&piece.text);
            if !piece.text.is_empty() {
                started = true;
            }
            continue;
        }
        let mut rest = piece.text.as_str();
        while !rest.is_empty() {
            match rest.find([' ', '\t', '\n']) {
                Some(0) => {
                    if started || !field.is_empty() {
                        fields.push(std::mem::take(&mut field));
                        started = false;
                    }
                    rest = rest.trim_start_matches([' ', '\t', '\n']);
                }
                Some(at) => {
                    field.push_str(&rest[..at]);
                    started = true;
                    rest = &rest[at..];
                }
                None => {
                    field.push_str(rest);
                    started = true;
                    rest = "";
                }
            }
        }
    }
    if started || !field.is_empty() {
        fields.push(field);
    }
    fields
}

/// Expands a word into one string, without field splitting: assignments, redirection
/// targets and here-documents.
pub fn expand_single(word: &Word, context: &mut dyn Context) -> String {
    let mut pieces = Vec::new();
    expand_parts(word, context, &mut pieces);
    pieces.into_iter().map(|piece| piece.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Context for Fixed {
        fn var(&self, name: &str) -> Option<String> {
            match name {
                "?" => Some("127".into()),
                "HOME" => Some("/home/learner".into()),
                "TWO" => Some(" a  b ".into()),
                "EMPTY" => Some(String::new()),
                _ => None,
            }
        }
        fn substitute(&mut self, source: &str) -> String {
            format!("<{source}>\n\n")
        }
    }

    /// The fields of each word of the first command.
    fn fields(line: &str) -> Vec<String> {
        let lists = parse(line).unwrap_or_else(|error| panic!("{line:?}: {error:?}"));
        lists[0].first.commands[0].words.iter().flat_map(|word| expand(word, &mut Fixed)).collect()
    }

    fn check(line: &str, expected: &[&str]) {
        assert_eq!(fields(line), expected, "expanding {line:?}");
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
        check(r#"echo "" x "$UNSET""#, &["echo", "", "x", ""]);
        check("echo x$TWO", &["echo", "x", "a", "b"]);
        check(r#"echo "$TWO""#, &["echo", " a  b "]);
        check("echo 5$ $", &["echo", "5$", "$"]);
        check("echo hi # a comment", &["echo", "hi"]);
        check("echo a#b", &["echo", "a#b"]);
        check("echo ~ ~/app x~", &["echo", "/home/learner", "/home/learner/app", "x~"]);
        check("echo ${UNSET:-fallback} ${EMPTY-x}", &["echo", "fallback", "x"]);
        check(r#"echo $(id -u):$(id -g) "$(pwd)""#, &["echo", "<id", "-u>:<id", "-g>", "<pwd>"]);
        check("echo `date`", &["echo", "<date>"]);
        check(r#"echo "$(echo "inner quotes")""#, &["echo", r#"<echo "inner quotes">"#]);
    }

    #[test]
    fn quoted_at_makes_a_field_of_each_argument() {
        struct Arguments(Vec<String>);
        impl Context for Arguments {
            fn var(&self, name: &str) -> Option<String> {
                (name == "@").then(|| self.0.join(" "))
            }
            fn substitute(&mut self, _: &str) -> String {
                String::new()
            }
            fn positional(&self) -> Vec<String> {
                self.0.clone()
            }
        }
        let words = |line: &str, arguments: &[&str]| -> Vec<String> {
            let mut context = Arguments(arguments.iter().map(|argument| argument.to_string()).collect());
            parse(line).unwrap()[0].first.commands[0].words.iter().flat_map(|word| expand(word, &mut context)).collect()
        };
        assert_eq!(words(r#"echo "$@""#, &["a", "b c"]), ["echo", "a", "b c"]);
        assert_eq!(words(r#"echo "$@""#, &[]), ["echo"]);
        assert_eq!(words(r#"echo $@"#, &["a", "b c"]), ["echo", "a", "b", "c"]);
        assert_eq!(words(r#"echo "x$@y""#, &["a", "b"]), ["echo", "xa", "by"]);
    }

    #[test]
    fn operators_split_commands() {
        let lists = parse("a && b || c; d | e 2>&1 >> log &").unwrap();
        assert_eq!(lists.len(), 2);
        assert_eq!(lists[0].rest.iter().map(|(connector, _)| *connector).collect::<Vec<_>>(), [Connector::And, Connector::Or]);
        let pipeline = &lists[1].first;
        assert_eq!(pipeline.commands.len(), 2);
        assert_eq!(
            pipeline.commands[1].redirects,
            [
                Redirect { fd: 2, append: false, target: RedirectTarget::Descriptor(1) },
                Redirect { fd: 1, append: true, target: RedirectTarget::File(vec![Part::Literal("log".into())]) },
            ]
        );
        let command = &parse("FOO=bar BAZ=\"q x\" env > out.txt").unwrap()[0].first.commands[0];
        assert_eq!(command.assignments.len(), 2);
        assert_eq!(command.words.len(), 1);
    }

    #[test]
    fn here_documents_take_the_following_lines() {
        let lists = parse("cat <<EOF > Dockerfile\nFROM alpine\nCMD [\"echo\", \"$HOME\"]\nEOF\necho done").unwrap();
        assert_eq!(lists.len(), 2);
        let command = &lists[0].first.commands[0];
        assert_eq!(command.redirects[0].target, RedirectTarget::HereDoc { body: "FROM alpine\nCMD [\"echo\", \"$HOME\"]\n".into(), expand: true });
        let quoted = parse("cat <<'EOF'\n$HOME\nEOF").unwrap();
        assert_eq!(quoted[0].first.commands[0].redirects[0].target, RedirectTarget::HereDoc { body: "$HOME\n".into(), expand: false });
        let stripped = parse("cat <<-END\n\t\tindented\n\tEND").unwrap();
        assert_eq!(stripped[0].first.commands[0].redirects[0].target, RedirectTarget::HereDoc { body: "indented\n".into(), expand: true });
        let body = parse::heredoc_parts("home is $HOME, \"quoted\", \\$x\n").unwrap();
        assert_eq!(expand_single(&body, &mut Fixed), "home is /home/learner, \"quoted\", $x\n");
    }

    #[test]
    fn unfinished_input_asks_for_more_lines() {
        for text in ["echo 'open", "echo \"open", "echo a &&", "echo a |", "cat <<EOF", "cat <<EOF\nbody", "echo $(date", "echo a\\", "echo `x"] {
            assert_eq!(parse(text), Err(ParseError::Incomplete), "{text:?}");
        }
        assert!(parse("cat <<EOF\nbody\nEOF").is_ok());
        assert!(parse("echo a &&\necho b").is_ok());
    }

    #[test]
    fn syntax_errors_name_the_token_as_bash_does() {
        let check = |text: &str, expected: &str| assert_eq!(parse(text).unwrap_err().message(), expected, "{text:?}");
        check("| grep x", "syntax error near unexpected token `|'");
        check("echo a ;; b", "syntax error near unexpected token `;;'");
        check("; echo", "syntax error near unexpected token `;'");
        check("echo >", "syntax error near unexpected token `newline'");
        check("echo a && && b", "syntax error near unexpected token `&&'");
        check("echo > | x", "syntax error near unexpected token `|'");
        assert!(matches!(parse("if true; then echo; fi"), Err(ParseError::Unsupported(_))));
        assert!(matches!(parse("echo $((1+2))"), Err(ParseError::Unsupported(_))));
    }
}
