//! The YAML that compose files use, read into JSON values: block mappings and sequences by
//! indentation, flow `[a, b]` and `{a: b}`, plain and quoted scalars, `|` and `>` blocks,
//! and comments. Errors name the line, as Compose's do.

use serde_json::{Map, Value};

/// A line of the document, without its comment.
struct Line {
    number: usize,
    indent: usize,
    text: String,
}

/// Parses a document. Scalars stay strings except in flow collections' numbers, which
/// Compose reads as strings too; the reader converts where it needs numbers.
pub fn parse(text: &str) -> Result<Value, String> {
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .filter_map(|(index, raw)| {
            let without_comment = strip_comment(raw);
            let trimmed = without_comment.trim_end();
            if trimmed.trim().is_empty() || trimmed.trim() == "---" {
                return None;
            }
            let indent = trimmed.len() - trimmed.trim_start().len();
            Some(Line { number: index + 1, indent, text: trimmed.trim_start().to_string() })
        })
        .collect();
    if lines.is_empty() {
        return Ok(Value::Null);
    }
    let raw_lines: Vec<&str> = text.lines().collect();
    let mut position = 0;
    let value = block(&lines, &raw_lines, &mut position, lines[0].indent)?;
    if position < lines.len() {
        return Err(format!("yaml: line {}: did not find expected key", lines[position].number));
    }
    Ok(value)
}

/// Removes a `#` comment that is not inside quotes.
fn strip_comment(line: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for c in line.chars() {
        match (quote, c) {
            (None, '#') if previous == ' ' || previous == '\t' || out.is_empty() => break,
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        out.push(c);
        previous = c;
    }
    out
}

/// A block (mapping or sequence) whose lines start at `indent`.
fn block(lines: &[Line], raw: &[&str], position: &mut usize, indent: usize) -> Result<Value, String> {
    if lines[*position].text.starts_with("- ") || lines[*position].text == "-" {
        let mut items = Vec::new();
        while *position < lines.len() && lines[*position].indent == indent && (lines[*position].text.starts_with("- ") || lines[*position].text == "-") {
            let line = &lines[*position];
            let rest = line.text[1..].trim_start().to_string();
            if rest.is_empty() {
                *position += 1;
                if *position < lines.len() && lines[*position].indent > indent {
                    let child_indent = lines[*position].indent;
                    items.push(block(lines, raw, position, child_indent)?);
                } else {
                    items.push(Value::Null);
                }
            } else if is_key_value(&rest) {
                // `- key: value` starts a mapping whose other keys are indented to `key`.
                let child_indent = indent + (line.text.len() - rest.len());
                let synthetic = Line { number: line.number, indent: child_indent, text: rest };
                let mut sub: Vec<Line> = vec![synthetic];
                let mut next = *position + 1;
                while next < lines.len() && lines[next].indent >= child_indent {
                    sub.push(Line { number: lines[next].number, indent: lines[next].indent, text: lines[next].text.clone() });
                    next += 1;
                }
                let mut sub_position = 0;
                items.push(block(&sub, raw, &mut sub_position, child_indent)?);
                *position = next;
            } else {
                items.push(scalar(&rest, line.number)?);
                *position += 1;
            }
        }
        return Ok(Value::Array(items));
    }
    let mut map = Map::new();
    while *position < lines.len() && lines[*position].indent == indent {
        let line = &lines[*position];
        if line.text.starts_with("- ") {
            return Err(format!("yaml: line {}: did not find expected key", line.number));
        }
        let Some((key, value)) = split_key(&line.text) else {
            return Err(format!("yaml: line {}: could not find expected ':'", line.number));
        };
        let key = unquote(key);
        let number = line.number;
        *position += 1;
        let value = value.trim();
        let parsed = if value.is_empty() {
            if *position < lines.len() && lines[*position].indent > indent {
                let child_indent = lines[*position].indent;
                block(lines, raw, position, child_indent)?
            } else if *position < lines.len() && lines[*position].indent == indent && lines[*position].text.starts_with("- ") {
                // A sequence may sit at the same indentation as its key.
                block(lines, raw, position, indent)?
            } else {
                Value::Null
            }
        } else if value == "|" || value == ">" || value.starts_with("|-") || value.starts_with(">-") {
            // A block scalar: the more-indented raw lines that follow.
            let mut text_lines = Vec::new();
            while *position < lines.len() && lines[*position].indent > indent {
                text_lines.push(raw[lines[*position].number - 1].trim_start().to_string());
                *position += 1;
            }
            let joined = if value.starts_with('|') { text_lines.join("\n") } else { text_lines.join(" ") };
            Value::String(if value.ends_with('-') { joined } else { format!("{joined}\n") })
        } else {
            scalar(value, number)?
        };
        if map.contains_key(&key) {
            return Err(format!("yaml: unmarshal errors:\n  line {number}: mapping key \"{key}\" already defined"));
        }
        map.insert(key, parsed);
    }
    if *position < lines.len() && lines[*position].indent > indent {
        return Err(format!("yaml: line {}: mapping values are not allowed in this context", lines[*position].number));
    }
    Ok(Value::Object(map))
}

fn is_key_value(text: &str) -> bool {
    split_key(text).is_some() && !text.starts_with(['"', '\'', '[', '{'])
}

/// Splits `key: value` at the first `: ` (or a final `:`) outside quotes.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let mut quote: Option<char> = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') if index == 0 => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ':') if text[index + 1..].is_empty() || text[index + 1..].starts_with(' ') => return Some((&text[..index], &text[index + 1..])),
            _ => {}
        }
    }
    None
}

fn unquote(text: &str) -> String {
    let text = text.trim();
    if text.len() >= 2 && ((text.starts_with('"') && text.ends_with('"')) || (text.starts_with('\'') && text.ends_with('\''))) {
        let inner = &text[1..text.len() - 1];
        if text.starts_with('"') { inner.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\") } else { inner.replace("''", "'") }
    } else {
        text.to_string()
    }
}

/// A scalar or a flow collection.
fn scalar(text: &str, line: usize) -> Result<Value, String> {
    let text = text.trim();
    if text.starts_with('[') || text.starts_with('{') {
        let (value, rest) = flow(text, line)?;
        if !rest.trim().is_empty() {
            return Err(format!("yaml: line {line}: did not find expected ',' or ']'"));
        }
        return Ok(value);
    }
    if text == "null" || text == "~" {
        return Ok(Value::Null);
    }
    Ok(Value::String(unquote(text)))
}

/// A flow collection at the start of `text`; returns it and what follows.
fn flow(text: &str, line: usize) -> Result<(Value, &str), String> {
    let (open, close) = if text.starts_with('[') { ('[', ']') } else { ('{', '}') };
    let mut rest = text[1..].trim_start();
    let mut items = Vec::new();
    let mut map = Map::new();
    loop {
        if let Some(after) = rest.strip_prefix(close) {
            return Ok((if open == '[' { Value::Array(items) } else { Value::Object(map) }, after));
        }
        if rest.is_empty() {
            return Err(format!("yaml: line {line}: did not find expected ',' or '{close}'"));
        }
        let (item, after) = if rest.starts_with('[') || rest.starts_with('{') {
            flow(rest, line)?
        } else {
            let end = flow_token_end(rest, close);
            (Value::String(unquote(&rest[..end])), &rest[end..])
        };
        rest = after.trim_start();
        if open == '{' {
            let Value::String(entry) = item else { return Err(format!("yaml: line {line}: did not find expected key")) };
            let (key, value) = entry.split_once(':').map(|(key, value)| (key.trim().to_string(), value.trim().to_string())).unwrap_or((entry, String::new()));
            map.insert(unquote(&key), Value::String(unquote(&value)));
        } else {
            items.push(item);
        }
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start();
        }
    }
}

/// Where a plain or quoted flow item ends.
fn flow_token_end(text: &str, close: char) -> usize {
    let mut quote: Option<char> = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',') => return index,
            (None, c) if c == close => return index,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn compose_files_read_as_json() {
        let text = "# a dev stack\nservices:\n  web:\n    build: .\n    ports:\n      - \"8000:8000\"\n    environment:\n      DATABASE_URL: postgres://db:5432/app # inline comment\n    depends_on: [db, cache]\n  db:\n    image: postgres:18\n    volumes:\n    - pgdata:/var/lib/postgresql\n    command: [\"postgres\", \"-c\", \"log_statement=all\"]\n  cache:\n    image: redis\n    deploy:\n      replicas: 2\n    healthcheck:\n      test: |\n        redis-cli ping\nvolumes:\n  pgdata:\n";
        assert_eq!(
            parse(text).unwrap(),
            json!({
                "services": {
                    "web": { "build": ".", "ports": ["8000:8000"], "environment": { "DATABASE_URL": "postgres://db:5432/app" }, "depends_on": ["db", "cache"] },
                    "db": { "image": "postgres:18", "volumes": ["pgdata:/var/lib/postgresql"], "command": ["postgres", "-c", "log_statement=all"] },
                    "cache": { "image": "redis", "deploy": { "replicas": "2" }, "healthcheck": { "test": "redis-cli ping\n" } }
                },
                "volumes": { "pgdata": null }
            })
        );
    }

    #[test]
    fn sequences_of_mappings_and_errors() {
        let value = parse("volumes:\n  - type: bind\n    source: ./site\n    target: /usr/share/nginx/html\n  - data:/data\n").unwrap();
        assert_eq!(value, json!({ "volumes": [{ "type": "bind", "source": "./site", "target": "/usr/share/nginx/html" }, "data:/data"] }));
        assert_eq!(parse("a: 1\nb\n").unwrap_err(), "yaml: line 2: could not find expected ':'");
        assert!(parse("a: 1\na: 2\n").unwrap_err().contains("mapping key \"a\" already defined"));
        assert_eq!(parse("env: {A: 1, B: 'x y'}\n").unwrap(), json!({ "env": { "A": "1", "B": "x y" } }));
    }
}
