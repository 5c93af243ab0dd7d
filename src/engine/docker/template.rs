//! The subset of Go's text/template that `docker inspect --format` examples use: field paths
//! (`{{.State.Status}}`), `{{json .Config}}`, `{{index .Config.Labels "k"}}`, `{{join .Args " "}}`,
//! `{{range .Config.Env}}{{.}} {{end}}`, `{{lower …}}`, `{{upper …}}` and `{{println …}}`.

use serde_json::Value;

/// Renders `template` against `data`, or returns Go's kind of parse error.
pub fn render(template: &str, data: &Value) -> Result<String, String> {
    let tokens = tokenize(template)?;
    let mut out = String::new();
    let mut position = 0;
    let mut scope = Scope { root: data.clone(), variables: Vec::new() };
    render_tokens(&tokens, &mut position, data, &mut scope, &mut out, false)?;
    Ok(out)
}

/// Template variables: `$` is the root; `range $k, $v := …` binds more.
struct Scope {
    root: Value,
    variables: Vec<(String, Value)>,
}

impl Scope {
    fn get(&self, name: &str) -> Option<Value> {
        if name == "$" {
            return Some(self.root.clone());
        }
        self.variables.iter().rev().find(|(variable, _)| variable == name).map(|(_, value)| value.clone())
    }
}

#[derive(Debug, Clone)]
enum Token {
    Text(String),
    Action(String),
}

fn tokenize(template: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            tokens.push(Token::Text(rest[..start].to_string()));
        }
        let Some(end) = rest[start..].find("}}") else {
            return Err("template: :1: unclosed action".into());
        };
        tokens.push(Token::Action(rest[start + 2..start + end].trim().trim_matches('-').trim().to_string()));
        rest = &rest[start + end + 2..];
    }
    if !rest.is_empty() {
        tokens.push(Token::Text(rest.to_string()));
    }
    Ok(tokens)
}

/// Renders tokens from `position` until an `{{end}}` (when `in_block`) or the end.
fn render_tokens(tokens: &[Token], position: &mut usize, data: &Value, scope: &mut Scope, out: &mut String, in_block: bool) -> Result<(), String> {
    while *position < tokens.len() {
        let token = tokens[*position].clone();
        *position += 1;
        match token {
            Token::Text(text) => out.push_str(&text),
            Token::Action(action) if action == "end" => {
                return if in_block { Ok(()) } else { Err("template: :1: unexpected {{end}}".into()) };
            }
            Token::Action(action) => {
                if let Some(expression) = action.strip_prefix("range ") {
                    // `range EXPR`, `range $v := EXPR` or `range $k, $v := EXPR`.
                    let (names, expression) = match expression.split_once(":=") {
                        Some((names, expression)) => (names.split(',').map(|name| name.trim().to_string()).collect::<Vec<_>>(), expression.trim()),
                        None => (Vec::new(), expression.trim()),
                    };
                    let items = evaluate(expression, data, scope)?;
                    let start = *position;
                    let elements: Vec<(Value, Value)> = match items {
                        Value::Array(items) => items.into_iter().enumerate().map(|(index, item)| (Value::from(index as u64), item)).collect(),
                        Value::Object(map) => map.into_iter().map(|(key, value)| (Value::String(key), value)).collect(),
                        Value::Null => Vec::new(),
                        other => vec![(Value::from(0u64), other)],
                    };
                    if elements.is_empty() {
                        let mut sink = String::new();
                        render_tokens(tokens, position, data, scope, &mut sink, true)?;
                    }
                    for (key, element) in elements {
                        *position = start;
                        let bound = scope.variables.len();
                        match names.as_slice() {
                            [value] => scope.variables.push((value.clone(), element.clone())),
                            [key_name, value] => {
                                scope.variables.push((key_name.clone(), key));
                                scope.variables.push((value.clone(), element.clone()));
                            }
                            _ => {}
                        }
                        render_tokens(tokens, position, &element, scope, out, true)?;
                        scope.variables.truncate(bound);
                    }
                } else {
                    let value = evaluate(&action, data, scope)?;
                    out.push_str(&show(&value));
                }
            }
        }
    }
    if in_block { Err("template: :1: unexpected EOF".into()) } else { Ok(()) }
}

/// Evaluates an action: a path, or a function applied to arguments.
fn evaluate(expression: &str, data: &Value, scope: &Scope) -> Result<Value, String> {
    let words = split_arguments(expression);
    let Some(first) = words.first() else { return Ok(Value::Null) };
    let argument = |index: usize| -> Result<Value, String> {
        let word = words.get(index).ok_or_else(|| format!("template: :1: wrong number of args for {first}"))?;
        value_of(word, data, scope)
    };
    match first.as_str() {
        "json" => Ok(Value::String(serde_json::to_string(&argument(1)?).unwrap_or_default())),
        "upper" => Ok(Value::String(show(&argument(1)?).to_uppercase())),
        "lower" => Ok(Value::String(show(&argument(1)?).to_lowercase())),
        "println" => Ok(Value::String(format!("{}\n", words[1..].iter().map(|word| value_of(word, data, scope).map(|value| show(&value))).collect::<Result<Vec<_>, _>>()?.join(" ")))),
        "join" => {
            let items = argument(1)?;
            let separator = show(&argument(2)?);
            let parts: Vec<String> = items.as_array().map(|items| items.iter().map(show).collect()).unwrap_or_default();
            Ok(Value::String(parts.join(&separator)))
        }
        "index" => {
            let container = argument(1)?;
            let key = argument(2)?;
            Ok(match (&container, &key) {
                (Value::Object(map), Value::String(key)) => map.get(key).cloned().unwrap_or(Value::Null),
                (Value::Array(items), Value::Number(number)) => number.as_u64().and_then(|index| items.get(index as usize)).cloned().unwrap_or(Value::Null),
                _ => Value::Null,
            })
        }
        _ if words.len() == 1 => value_of(first, data, scope),
        other => Err(format!("template: :1: function \"{other}\" not defined")),
    }
}

fn value_of(word: &str, data: &Value, scope: &Scope) -> Result<Value, String> {
    if word.starts_with('(') {
        // `(expression)` or `(expression).Field`.
        let close = word.rfind(')').ok_or_else(|| "template: :1: unclosed left paren".to_string())?;
        let inner = evaluate(&word[1..close], data, scope)?;
        let rest = &word[close + 1..];
        return if rest.is_empty() { Ok(inner) } else { value_of(rest, &inner, scope) };
    }
    if word.starts_with('$') {
        // `$v` or `$v.Field`.
        let (name, path) = match word.find('.') {
            Some(at) => (&word[..at], Some(&word[at..])),
            None => (word, None),
        };
        let Some(value) = scope.get(name) else {
            return Err(format!("template: :1: undefined variable \"{name}\""));
        };
        return match path {
            Some(path) => value_of(path, &value, scope),
            None => Ok(value),
        };
    }
    if let Some(text) = word.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')) {
        return Ok(Value::String(text.replace("\\n", "\n").replace("\\t", "\t")));
    }
    if let Ok(number) = word.parse::<u64>() {
        return Ok(Value::from(number));
    }
    if word == "." {
        return Ok(data.clone());
    }
    let Some(path) = word.strip_prefix('.') else {
        return Err(format!("template: :1: function \"{word}\" not defined"));
    };
    let mut current = data;
    for field in path.split('.') {
        match current {
            Value::Object(map) => match map.get(field) {
                Some(value) => current = value,
                None => return Err(format!("template: :1:{}: executing \"\" at <{word}>: map has no entry for key \"{field}\"", 2 + word.len())),
            },
            _ => return Ok(Value::Null),
        }
    }
    Ok(current.clone())
}

/// Go's default formatting of a value: strings bare, null as `<no value>`, arrays `[a b]`,
/// objects `map[k:v]`.
fn show(value: &Value) -> String {
    match value {
        Value::Null => "<no value>".into(),
        Value::String(text) => text.clone(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::Array(items) => format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(" ")),
        Value::Object(map) => format!("map[{}]", map.iter().map(|(key, value)| format!("{key}:{}", show(value))).collect::<Vec<_>>().join(" ")),
    }
}

/// Splits an action into words, keeping quoted strings whole.
fn split_arguments(expression: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    // Parenthesised sub-expressions stay one word: `(index .Ports "80/tcp")`.
    let mut depth = 0;
    for c in expression.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                word.push(c);
            }
            '(' if !quoted => {
                depth += 1;
                word.push(c);
            }
            ')' if !quoted => {
                depth -= 1;
                word.push(c);
            }
            ' ' if !quoted && depth == 0 => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inspect_format_examples_render() {
        let data = json!({"State": {"Status": "running", "Pid": 42}, "Config": {"Env": ["A=1", "B=2"], "Labels": {"tier": "web"}}, "Args": ["-g", "daemon off;"], "Name": "/web"});
        let check = |template: &str, expected: &str| assert_eq!(render(template, &data).unwrap(), expected, "{template}");
        check("{{.State.Status}}", "running");
        check("{{.State.Pid}} {{.Name}}", "42 /web");
        check("{{json .Config.Labels}}", "{\"tier\":\"web\"}");
        check("{{index .Config.Labels \"tier\"}}", "web");
        check("{{join .Args \" \"}}", "-g daemon off;");
        check("{{range .Config.Env}}{{.}};{{end}}", "A=1;B=2;");
        check("{{upper .State.Status}}", "RUNNING");
        check("{{.Config.Env}}", "[A=1 B=2]");
        check("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}{{end}}", "tier=web");
        check("{{range $i, $e := .Args}}{{$i}}:{{$e}} {{end}}", "0:-g 1:daemon off; ");
        check("{{$.Name}}", "/web");
        check("{{(index .Args 1)}}", "daemon off;");
        let ports = json!({"NetworkSettings": {"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}}});
        assert_eq!(render("{{(index (index .NetworkSettings.Ports \"80/tcp\") 0).HostPort}}", &ports).unwrap(), "8080");
        assert!(render("{{.State.Nope}}", &data).unwrap_err().contains("map has no entry for key \"Nope\""));
        assert!(render("{{.State", &data).is_err());
    }
}
