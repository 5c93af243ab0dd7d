//! The shell's grammar: a typed line (and any here-document lines after it) becomes a list of
//! and-or lists of pipelines of simple commands, with words kept unexpanded.

/// A piece of a word, before expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Unquoted text: subject to field splitting's neighbours and to globbing.
    Literal(String),
    /// Text from quotes or a backslash: taken as it is.
    Quoted(String),
    /// `$name`, `${name}` or `${name:-word}`; `quoted` when inside double quotes.
    Param { name: String, default: Option<Vec<Part>>, quoted: bool },
    /// `$(…)` or `` `…` ``: the source of a script whose output replaces it.
    Substitution { source: String, quoted: bool },
    /// `~` at the start of a word: the home directory.
    Tilde,
}

/// A word, before expansion.
pub type Word = Vec<Part>;

/// Where a redirection points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectTarget {
    /// `> file`, `>> file`, `< file`.
    File(Word),
    /// `>&1`, `2>&1`: a copy of another descriptor.
    Descriptor(u32),
    /// A here-document's body; `expand` is false when the delimiter was quoted.
    HereDoc { body: String, expand: bool },
}

/// One redirection of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The descriptor redirected: 0 for input, 1 or 2 for output.
    pub fd: u32,
    pub append: bool,
    pub target: RedirectTarget,
}

/// A simple command: assignments, words and redirections in the order typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Command {
    pub assignments: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
}

/// Commands joined by `|`; `negated` for a leading `!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    pub negated: bool,
    pub commands: Vec<Command>,
}

/// How a pipeline is joined to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    And,
    Or,
}

/// Pipelines joined by `&&` and `||`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(Connector, Pipeline)>,
}

/// Why text could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// More lines are needed (an open quote, a trailing `|` or `&&`, a here-document): the
    /// terminal shows the `> ` prompt and waits.
    Incomplete,
    /// bash's `syntax error near unexpected token` with the token.
    Unexpected(String),
    /// Shell syntax this terminal does not run (`if`, `for`, subshells…), named.
    Unsupported(String),
}

impl ParseError {
    /// The message bash prints (the caller adds its own `bash: ` prefix).
    pub fn message(&self) -> String {
        match self {
            ParseError::Incomplete => "syntax error: unexpected end of file".to_string(),
            ParseError::Unexpected(token) => format!("syntax error near unexpected token `{token}'"),
            ParseError::Unsupported(what) => format!("{what}: not supported in this terminal (it runs simple commands, pipes, redirections, && and ||)"),
        }
    }
}

/// Words that start compound commands, which this shell does not run.
const RESERVED: &[&str] = &["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "function", "select", "{", "}", "[["];

struct Parser {
    chars: Vec<char>,
    index: usize,
    /// A token read one too far, given back by `push_back`.
    pushed: Option<Token>,
    /// Here-documents whose bodies start after the next newline: (delimiter, strip leading
    /// tabs, delimiter quoted, slot).
    pending_heredocs: Vec<(String, bool, bool, usize)>,
    /// Bodies read so far (and whether the delimiter was quoted), by slot.
    redirect_slots: Vec<Option<(String, bool)>>,
}

/// A token between words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(Word, String),
    Operator(&'static str),
    Redirect(u32, &'static str),
    Newline,
    End,
}

/// The parts of a here-document body whose delimiter was not quoted: parameters and command
/// substitutions expand, everything else is text.
pub fn heredoc_parts(body: &str) -> Result<Word, ParseError> {
    let mut parser = Parser { chars: body.chars().collect(), index: 0, pushed: None, pending_heredocs: Vec::new(), redirect_slots: Vec::new() };
    let mut parts = Vec::new();
    parser.read_expandable_text(&mut parts, true)?;
    Ok(parts)
}

/// Parses a whole input (lines joined by `\n`) into and-or lists, in order.
pub fn parse(text: &str) -> Result<Vec<AndOr>, ParseError> {
    let mut parser = Parser { chars: text.chars().collect(), index: 0, pushed: None, pending_heredocs: Vec::new(), redirect_slots: Vec::new() };
    let mut lists = parser.parse_lists()?;
    if !parser.pending_heredocs.is_empty() {
        return Err(ParseError::Incomplete);
    }
    // Fill in here-document bodies, which were read after their commands were parsed.
    for list in &mut lists {
        for pipeline in std::iter::once(&mut list.first).chain(list.rest.iter_mut().map(|(_, pipeline)| pipeline)) {
            for command in &mut pipeline.commands {
                for redirect in &mut command.redirects {
                    if let RedirectTarget::HereDoc { body, expand } = &mut redirect.target {
                        let slot: usize = body.parse().expect("a here-document slot number");
                        let (text, quoted) = parser.redirect_slots[slot].take().ok_or(ParseError::Incomplete)?;
                        *body = text;
                        *expand = !quoted;
                    }
                }
            }
        }
    }
    Ok(lists)
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.index).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.index + offset).copied()
    }

    fn parse_lists(&mut self) -> Result<Vec<AndOr>, ParseError> {
        let mut lists = Vec::new();
        loop {
            let token = self.next_token()?;
            match token {
                Token::End => return Ok(lists),
                Token::Newline | Token::Operator(";") => {
                    if matches!(token, Token::Operator(";")) && lists.is_empty() {
                        return Err(ParseError::Unexpected(";".into()));
                    }
                    continue;
                }
                other => {
                    let list = self.parse_and_or(other)?;
                    lists.push(list);
                    match self.next_token()? {
                        Token::End => return Ok(lists),
                        // `&` runs in the background in bash; here every command finishes at once,
                        // so it behaves as `;`.
                        Token::Newline | Token::Operator(";") | Token::Operator("&") => {}
                        Token::Operator(op) => return Err(ParseError::Unexpected(op.into())),
                        Token::Word(_, raw) => return Err(ParseError::Unexpected(raw)),
                        Token::Redirect(_, op) => return Err(ParseError::Unexpected(op.into())),
                    }
                }
            }
        }
    }

    fn parse_and_or(&mut self, first_token: Token) -> Result<AndOr, ParseError> {
        let (first, mut next) = self.parse_pipeline(first_token)?;
        let mut rest = Vec::new();
        loop {
            let connector = match &next {
                Token::Operator("&&") => Connector::And,
                Token::Operator("||") => Connector::Or,
                _ => {
                    self.push_back(next);
                    return Ok(AndOr { first, rest });
                }
            };
            let mut token = self.next_token()?;
            while token == Token::Newline {
                token = self.next_token()?;
            }
            if token == Token::End {
                return Err(ParseError::Incomplete);
            }
            let (pipeline, after) = self.parse_pipeline(token)?;
            rest.push((connector, pipeline));
            next = after;
        }
    }

    fn parse_pipeline(&mut self, mut token: Token) -> Result<(Pipeline, Token), ParseError> {
        let mut negated = false;
        if let Token::Word(word, _) = &token
            && word == &vec![Part::Literal("!".into())] {
                negated = true;
                token = self.next_token()?;
            }
        let mut commands = Vec::new();
        loop {
            let (command, next) = self.parse_command(token)?;
            commands.push(command);
            if next != Token::Operator("|") {
                return Ok((Pipeline { negated, commands }, next));
            }
            token = self.next_token()?;
            while token == Token::Newline {
                token = self.next_token()?;
            }
            if token == Token::End {
                return Err(ParseError::Incomplete);
            }
        }
    }

    fn parse_command(&mut self, mut token: Token) -> Result<(Command, Token), ParseError> {
        let mut command = Command::default();
        loop {
            match token {
                Token::Word(word, raw) => {
                    if command.words.is_empty() {
                        if RESERVED.contains(&raw.as_str()) {
                            return Err(ParseError::Unsupported(format!("`{raw}'")));
                        }
                        if let Some((name, value)) = assignment(&word) {
                            command.assignments.push((name, value));
                            token = self.next_token()?;
                            continue;
                        }
                    }
                    command.words.push(word);
                }
                Token::Redirect(fd, op) => {
                    let target = self.next_token()?;
                    let redirect = match (op, target) {
                        (_, Token::End) => return Err(ParseError::Unexpected("newline".into())),
                        (_, Token::Newline) => return Err(ParseError::Unexpected("newline".into())),
                        ("<<" | "<<-", Token::Word(word, raw)) => {
                            let quoted = word.iter().any(|part| matches!(part, Part::Quoted(_)));
                            let delimiter: String = word
                                .iter()
                                .map(|part| match part {
                                    Part::Literal(text) | Part::Quoted(text) => text.clone(),
                                    _ => raw.clone(),
                                })
                                .collect();
                            let slot = self.redirect_slots.len();
                            self.redirect_slots.push(None);
                            self.pending_heredocs.push((delimiter, op == "<<-", quoted, slot));
                            Redirect { fd, append: false, target: RedirectTarget::HereDoc { body: slot.to_string(), expand: true } }
                        }
                        (">&" | "<&", Token::Word(word, raw)) => match raw.parse::<u32>() {
                            Ok(target) if target <= 2 => Redirect { fd, append: false, target: RedirectTarget::Descriptor(target) },
                            _ => Redirect { fd, append: false, target: RedirectTarget::File(word) },
                        },
                        (">>", Token::Word(word, _)) => Redirect { fd, append: true, target: RedirectTarget::File(word) },
                        ("&>", Token::Word(word, _)) => {
                            // `&> file` is `> file 2>&1`.
                            command.redirects.push(Redirect { fd: 1, append: false, target: RedirectTarget::File(word) });
                            Redirect { fd: 2, append: false, target: RedirectTarget::Descriptor(1) }
                        }
                        (_, Token::Word(word, _)) => Redirect { fd, append: false, target: RedirectTarget::File(word) },
                        (_, Token::Operator(op) | Token::Redirect(_, op)) => return Err(ParseError::Unexpected(op.into())),
                    };
                    command.redirects.push(redirect);
                }
                Token::Operator("(") | Token::Operator(")") => {
                    if command.words.is_empty() && command.assignments.is_empty() && command.redirects.is_empty() {
                        return Err(ParseError::Unsupported("subshells `( … )'".into()));
                    }
                    return Err(ParseError::Unexpected(match token {
                        Token::Operator(op) => op.into(),
                        _ => unreachable!(),
                    }));
                }
                other => {
                    if command.words.is_empty() && command.assignments.is_empty() && command.redirects.is_empty() {
                        return match other {
                            Token::Operator(op) => Err(ParseError::Unexpected(op.into())),
                            Token::End => Err(ParseError::Incomplete),
                            _ => Err(ParseError::Unexpected("newline".into())),
                        };
                    }
                    return Ok((command, other));
                }
            }
            token = self.next_token()?;
        }
    }

    /// Gives back a token read one too far.
    fn push_back(&mut self, token: Token) {
        self.pushed = Some(token);
    }

    fn next_token(&mut self) -> Result<Token, ParseError> {
        if let Some(token) = self.pushed.take() {
            return Ok(token);
        }
        loop {
            match self.peek() {
                Some(' ' | '\t') => self.index += 1,
                Some('\\') if self.peek_at(1) == Some('\n') => self.index += 2,
                Some('#') => {
                    while !matches!(self.peek(), None | Some('\n')) {
                        self.index += 1;
                    }
                }
                _ => break,
            }
        }
        let Some(c) = self.peek() else { return Ok(Token::End) };
        let next = self.peek_at(1);
        let (token, length) = match (c, next) {
            ('\n', _) => {
                self.index += 1;
                self.read_heredoc_bodies()?;
                return Ok(Token::Newline);
            }
            (';', Some(';')) => return Err(ParseError::Unexpected(";;".into())),
            (';', _) => (Token::Operator(";"), 1),
            ('&', Some('&')) => (Token::Operator("&&"), 2),
            ('&', Some('>')) => (Token::Redirect(1, "&>"), 2),
            ('&', _) => (Token::Operator("&"), 1),
            ('|', Some('|')) => (Token::Operator("||"), 2),
            ('|', _) => (Token::Operator("|"), 1),
            ('(', _) => (Token::Operator("("), 1),
            (')', _) => (Token::Operator(")"), 1),
            ('<' | '>', _) => self.redirect_operator(None)?,
            (digit @ '0'..='9', Some('<' | '>')) => {
                self.index += 1;
                let (token, length) = self.redirect_operator(digit.to_digit(10))?;
                self.index += length;
                return Ok(token);
            }
            _ => {
                let (word, raw) = self.read_word()?;
                return Ok(Token::Word(word, raw));
            }
        };
        self.index += length;
        Ok(token)
    }

    /// A redirection operator at the cursor, for `explicit_fd` (as in `2>`) or the operator's
    /// default: 0 for input, 1 for output.
    fn redirect_operator(&self, explicit_fd: Option<u32>) -> Result<(Token, usize), ParseError> {
        let rest: String = self.chars[self.index..].iter().take(3).collect();
        let (op, length): (&'static str, usize) = if rest.starts_with("<<<") {
            return Err(ParseError::Unsupported("here-strings `<<<'".into()));
        } else if rest.starts_with("<<-") {
            ("<<-", 3)
        } else if rest.starts_with("<<") {
            ("<<", 2)
        } else if rest.starts_with("<&") {
            ("<&", 2)
        } else if rest.starts_with('<') {
            ("<", 1)
        } else if rest.starts_with(">>") {
            (">>", 2)
        } else if rest.starts_with(">&") {
            (">&", 2)
        } else if rest.starts_with(">|") {
            (">", 2)
        } else {
            (">", 1)
        };
        let default_fd = if op.starts_with('<') { 0 } else { 1 };
        Ok((Token::Redirect(explicit_fd.unwrap_or(default_fd), op), length))
    }

    /// After a newline: the bodies of the here-documents opened on the line before it.
    fn read_heredoc_bodies(&mut self) -> Result<(), ParseError> {
        for (delimiter, strip_tabs, quoted, slot) in std::mem::take(&mut self.pending_heredocs) {
            let mut body = String::new();
            loop {
                if self.index >= self.chars.len() {
                    return Err(ParseError::Incomplete);
                }
                let start = self.index;
                while !matches!(self.peek(), None | Some('\n')) {
                    self.index += 1;
                }
                let mut line: String = self.chars[start..self.index].iter().collect();
                let ended = self.peek() == Some('\n');
                if ended {
                    self.index += 1;
                }
                if strip_tabs {
                    line = line.trim_start_matches('\t').to_string();
                }
                if line == delimiter {
                    break;
                }
                if !ended {
                    // The delimiter line has not been typed yet.
                    return Err(ParseError::Incomplete);
                }
                body.push_str(&line);
                body.push('\n');
            }
            self.redirect_slots[slot] = Some((body, quoted));
        }
        Ok(())
    }

    /// Reads one word up to an unquoted blank or operator.
    fn read_word(&mut self) -> Result<(Word, String), ParseError> {
        let start = self.index;
        let mut parts = Vec::new();
        let mut literal = String::new();
        if self.peek() == Some('~') && matches!(self.peek_at(1), None | Some('/' | ' ' | '\t' | '\n' | ';' | '&' | '|' | ')')) {
            self.index += 1;
            parts.push(Part::Tilde);
        }
        loop {
            match self.peek() {
                None | Some(' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')') => break,
                Some('\\') => {
                    self.index += 1;
                    match self.peek() {
                        None => return Err(ParseError::Incomplete),
                        Some('\n') => self.index += 1,
                        Some(escaped) => {
                            flush(&mut literal, &mut parts);
                            push_quoted(&mut parts, escaped.to_string());
                            self.index += 1;
                        }
                    }
                }
                Some('\'') => {
                    flush(&mut literal, &mut parts);
                    self.index += 1;
                    let mut text = String::new();
                    loop {
                        match self.peek() {
                            None => return Err(ParseError::Incomplete),
                            Some('\'') => break,
                            Some(c) => text.push(c),
                        }
                        self.index += 1;
                    }
                    self.index += 1;
                    push_quoted(&mut parts, text);
                }
                Some('"') => {
                    flush(&mut literal, &mut parts);
                    self.index += 1;
                    self.read_double_quoted(&mut parts)?;
                }
                Some('$') => {
                    let part = self.read_dollar(false)?;
                    match part {
                        Some(part) => {
                            flush(&mut literal, &mut parts);
                            parts.push(part);
                        }
                        None => literal.push('$'),
                    }
                }
                Some('`') => {
                    flush(&mut literal, &mut parts);
                    parts.push(self.read_backticks(false)?);
                }
                Some(c) => {
                    literal.push(c);
                    self.index += 1;
                }
            }
        }
        flush(&mut literal, &mut parts);
        let raw = self.chars[start..self.index].iter().collect();
        Ok((parts, raw))
    }

    /// After an opening `"`: text, `$…` and `` `…` `` up to the closing quote. In a
    /// here-document body (`heredoc`), `"` is ordinary and the text runs to the end.
    fn read_double_quoted(&mut self, parts: &mut Word) -> Result<(), ParseError> {
        self.read_expandable_text(parts, false)
    }

    fn read_expandable_text(&mut self, parts: &mut Word, heredoc: bool) -> Result<(), ParseError> {
        let mut text = String::new();
        // `""` is still a word: make sure a quoted part exists.
        let mut any = false;
        loop {
            match self.peek() {
                None if heredoc => break,
                None => return Err(ParseError::Incomplete),
                Some('"') if !heredoc => {
                    self.index += 1;
                    break;
                }
                Some('\\') => {
                    self.index += 1;
                    match self.peek() {
                        None => text.push('\\'),
                        Some(c @ ('$' | '`' | '\\')) => {
                            text.push(c);
                            self.index += 1;
                        }
                        Some('"') if !heredoc => {
                            text.push('"');
                            self.index += 1;
                        }
                        Some('\n') => self.index += 1,
                        Some(_) => text.push('\\'),
                    }
                }
                Some('$') => match self.read_dollar(true)? {
                    Some(part) => {
                        if !text.is_empty() {
                            push_quoted(parts, std::mem::take(&mut text));
                        }
                        parts.push(part);
                        any = true;
                    }
                    None => text.push('$'),
                },
                Some('`') => {
                    if !text.is_empty() {
                        push_quoted(parts, std::mem::take(&mut text));
                    }
                    parts.push(self.read_backticks(true)?);
                    any = true;
                }
                Some(c) => {
                    text.push(c);
                    self.index += 1;
                }
            }
        }
        if !text.is_empty() || !any {
            push_quoted(parts, text);
        }
        Ok(())
    }

    /// At a `$`: a parameter or a command substitution, or `None` when the `$` is literal.
    fn read_dollar(&mut self, quoted: bool) -> Result<Option<Part>, ParseError> {
        self.index += 1;
        match self.peek() {
            Some('(') if self.peek_at(1) == Some('(') => Err(ParseError::Unsupported("arithmetic `$(( … ))'".into())),
            Some('(') => {
                self.index += 1;
                let source = self.read_balanced_parens()?;
                Ok(Some(Part::Substitution { source, quoted }))
            }
            Some('{') => {
                self.index += 1;
                let mut inner = String::new();
                loop {
                    match self.peek() {
                        None => return Err(ParseError::Incomplete),
                        Some('}') => break,
                        Some(c) => inner.push(c),
                    }
                    self.index += 1;
                }
                self.index += 1;
                let (name, default) = match inner.find([':', '-', '=', '#', '%', '?', '+', '/']) {
                    None => (inner.clone(), None),
                    Some(at) => {
                        let (name, operator) = inner.split_at(at);
                        let default = operator.strip_prefix(":-").or_else(|| operator.strip_prefix('-'));
                        match default {
                            Some(default) if !name.is_empty() => (name.to_string(), Some(vec![Part::Quoted(default.to_string())])),
                            _ => return Err(ParseError::Unsupported(format!("the expansion `${{{inner}}}'"))),
                        }
                    }
                };
                if name.is_empty() {
                    return Err(ParseError::Unsupported("`${}': bad substitution".into()));
                }
                Ok(Some(Part::Param { name, default, quoted }))
            }
            Some(special @ ('?' | '$' | '#' | '!' | '@' | '*' | '0'..='9')) => {
                self.index += 1;
                Ok(Some(Part::Param { name: special.to_string(), default: None, quoted }))
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                let mut name = String::new();
                while let Some(c) = self.peek() {
                    if c == '_' || c.is_ascii_alphanumeric() {
                        name.push(c);
                        self.index += 1;
                    } else {
                        break;
                    }
                }
                Ok(Some(Part::Param { name, default: None, quoted }))
            }
            _ => Ok(None),
        }
    }

    /// After `$(`: the source up to the matching `)`, skipping quoted parentheses.
    fn read_balanced_parens(&mut self) -> Result<String, ParseError> {
        let start = self.index;
        let mut depth = 1;
        let mut quote: Option<char> = None;
        loop {
            let Some(c) = self.peek() else { return Err(ParseError::Incomplete) };
            self.index += 1;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some('"'), '\\') => self.index += 1,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '\\') => self.index += 1,
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(self.chars[start..self.index - 1].iter().collect());
                    }
                }
                _ => {}
            }
        }
    }

    /// At a backtick: the source up to the closing one, with `\``, `\\` and `\$` unescaped.
    fn read_backticks(&mut self, quoted: bool) -> Result<Part, ParseError> {
        self.index += 1;
        let mut source = String::new();
        loop {
            match self.peek() {
                None => return Err(ParseError::Incomplete),
                Some('`') => break,
                Some('\\') if matches!(self.peek_at(1), Some('`' | '\\' | '$')) => {
                    source.push(self.peek_at(1).unwrap_or('\\'));
                    self.index += 1;
                }
                Some(c) => source.push(c),
            }
            self.index += 1;
        }
        self.index += 1;
        Ok(Part::Substitution { source, quoted })
    }
}

/// Moves pending unquoted text into the word.
fn flush(literal: &mut String, parts: &mut Word) {
    if !literal.is_empty() {
        parts.push(Part::Literal(std::mem::take(literal)));
    }
}

/// Adds quoted text, merging with a quoted part just before it.
fn push_quoted(parts: &mut Word, text: String) {
    match parts.last_mut() {
        Some(Part::Quoted(previous)) => previous.push_str(&text),
        _ => parts.push(Part::Quoted(text)),
    }
}

/// `NAME=value` at the start of a command, as an assignment.
fn assignment(word: &Word) -> Option<(String, Word)> {
    let Some(Part::Literal(first)) = word.first() else { return None };
    let (name, value) = first.split_once('=')?;
    let valid = !name.is_empty() && name.chars().next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic()) && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric());
    if !valid {
        return None;
    }
    let mut value_parts = Vec::new();
    if !value.is_empty() {
        value_parts.push(Part::Literal(value.to_string()));
    }
    value_parts.extend(word[1..].iter().cloned());
    Some((name.to_string(), value_parts))
}
