//! The interactive interpreters a learner meets first: `docker run -it python` and
//! `docker run -it node`. They greet as the real ones do, take the ways out the real ones
//! take (`exit()`, `quit()`, `.exit`, Ctrl-D, Ctrl-C), and evaluate a small, honest subset:
//! literals, arithmetic and `print`/`console.log` of them. Anything else gets a one-line note
//! that the simulator does not run that code, never a made-up result.

/// Which interpreter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Python,
    Node,
}

/// What one line did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    pub stdout: String,
    pub stderr: String,
    /// The interpreter exits with this code.
    pub exit: Option<i32>,
}

impl Language {
    /// The banner, as `python` 3.13 and `node` 24 print it on a terminal, with the version
    /// the image's environment names (`PYTHON_VERSION`, `NODE_VERSION`, as the official
    /// images set them). The build date and compiler in Python's first line are UNVERIFIED
    /// (they vary by image build).
    pub fn banner(self, env: &[String]) -> String {
        let (variable, fallback) = match self {
            Language::Python => ("PYTHON_VERSION=", "3.13.9"),
            Language::Node => ("NODE_VERSION=", "24.11.1"),
        };
        let version = env.iter().find_map(|entry| entry.strip_prefix(variable)).unwrap_or(fallback);
        match self {
            Language::Python => format!("Python {version} (main, Nov  4 2025, 18:20:12) [GCC 14.2.0] on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n"),
            Language::Node => format!("Welcome to Node.js v{version}.\nType \".help\" for more information.\n"),
        }
    }

    pub fn prompt(self) -> &'static str {
        match self {
            Language::Python => ">>> ",
            Language::Node => "> ",
        }
    }

    /// Ctrl-C at the prompt: Python abandons the line with `KeyboardInterrupt`; Node says
    /// how to leave (a second Ctrl-C in a row leaves, which `interrupted_twice` tells).
    pub fn interrupt(self, interrupted_twice: bool) -> Reply {
        match (self, interrupted_twice) {
            (Language::Python, _) => Reply { stdout: "KeyboardInterrupt\n".into(), ..Reply::default() },
            (Language::Node, false) => Reply { stdout: "(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n".into(), ..Reply::default() },
            (Language::Node, true) => Reply { exit: Some(0), ..Reply::default() },
        }
    }

    /// One line typed at the prompt.
    pub fn eval(self, line: &str) -> Reply {
        let code = line.trim();
        if code.is_empty() {
            return Reply::default();
        }
        match self {
            Language::Python => python(code),
            Language::Node => node(code),
        }
    }
}

fn python(code: &str) -> Reply {
    let out = |text: String| Reply { stdout: text, ..Reply::default() };
    match code {
        "exit()" | "quit()" | "exit" | "quit" => return Reply { exit: Some(0), ..Reply::default() },
        "help" => return out("Welcome to Python 3.13's help utility! (The simulator has no help pages; exit() or Ctrl-D leaves Python.)\n".into()),
        _ => {}
    }
    if let Some(inner) = code.strip_prefix("exit(").or_else(|| code.strip_prefix("quit(")).and_then(|rest| rest.strip_suffix(')')) {
        return Reply { exit: Some(inner.trim().parse().unwrap_or(1)), ..Reply::default() };
    }
    if let Some(args) = code.strip_prefix("print(").and_then(|rest| rest.strip_suffix(')')) {
        let values: Option<Vec<Value>> = split_arguments(args).iter().map(|arg| expression(arg)).collect();
        if let Some(values) = values {
            return out(format!("{}\n", values.iter().map(|value| value.python_str()).collect::<Vec<_>>().join(" ")));
        }
    } else if let Some(value) = expression(code) {
        return out(format!("{}\n", value.python_repr()));
    } else if code.chars().all(|c| c.is_alphanumeric() || c == '_') && code.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') {
        return Reply {
            stderr: format!("Traceback (most recent call last):\n  File \"<python-input-0>\", line 1, in <module>\n    {code}\nNameError: name '{code}' is not defined\n"),
            ..Reply::default()
        };
    }
    Reply { stderr: "dockside: the simulator's Python runs print(), literals, arithmetic, exit() and quit(); it does not run other code. Ctrl-D leaves.\n".into(), ..Reply::default() }
}

fn node(code: &str) -> Reply {
    let out = |text: String| Reply { stdout: text, ..Reply::default() };
    let code = code.strip_suffix(';').unwrap_or(code).trim();
    match code {
        ".exit" | "process.exit()" => return Reply { exit: Some(0), ..Reply::default() },
        ".help" => return out(".break    Sometimes you get stuck, this gets you out\n.clear    Alias for .break\n.editor   Enter editor mode\n.exit     Exit the REPL\n.help     Print this help message\n.load     Load JS from a file into the REPL session\n.save     Save all evaluated commands in this REPL session to a file\n\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n".into()),
        _ => {}
    }
    if let Some(inner) = code.strip_prefix("process.exit(").and_then(|rest| rest.strip_suffix(')')) {
        return Reply { exit: Some(inner.trim().parse().unwrap_or(0)), ..Reply::default() };
    }
    if let Some(args) = code.strip_prefix("console.log(").and_then(|rest| rest.strip_suffix(')')) {
        let values: Option<Vec<Value>> = split_arguments(args).iter().map(|arg| expression(arg)).collect();
        if let Some(values) = values {
            return out(format!("{}\nundefined\n", values.iter().map(|value| value.js_str()).collect::<Vec<_>>().join(" ")));
        }
    } else if let Some(value) = expression(code) {
        return out(format!("{}\n", value.js_repr()));
    } else if code.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') && code.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$') {
        return Reply { stderr: format!("Uncaught ReferenceError: {code} is not defined\n"), ..Reply::default() };
    }
    Reply { stderr: "dockside: the simulator's Node runs console.log(), literals, arithmetic, .exit and process.exit(); it does not run other code. Ctrl-D leaves.\n".into(), ..Reply::default() }
}

/// A value of the small language both evaluate. Fractions are exact decimals (`Decimal`
/// holds millionths of millionths): no floating point, whose formatting code would cost the
/// bundle more than this whole module; a result that needs more digits is not shown.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(i64),
    Decimal(i128),
    Str(String),
}

/// The scale of `Value::Decimal`: twelve digits after the point.
const SCALE: i128 = 1_000_000_000_000;

/// Whether a decimal is also exactly a binary fraction (its fraction's denominator a power
/// of two, as in 3.5 or 0.375), small enough for a double's 53 bits: then Python's and
/// JavaScript's floating point hold it exactly and print it as written. Anything else (0.1)
/// they would round, so it is not shown.
fn float_exact(units: i128) -> bool {
    units % 244_140_625 == 0 && units.unsigned_abs() / 244_140_625 < (1u128 << 53)
}

/// `units` / SCALE written out, with `min_decimals` digits at least after the point (Python
/// shows `2.0`, JavaScript `2`).
fn decimal_text(units: i128, min_decimals: usize) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let units = units.unsigned_abs();
    let whole = units / SCALE as u128;
    let fraction = format!("{:012}", units % SCALE as u128);
    let fraction = fraction.trim_end_matches('0');
    let fraction = if fraction.len() < min_decimals { format!("{fraction:0<min_decimals$}") } else { fraction.to_string() };
    if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") }
}

impl Value {
    fn python_str(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Decimal(units) => decimal_text(*units, 1),
            Value::Str(s) => s.clone(),
        }
    }

    fn python_repr(&self) -> String {
        match self {
            Value::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            other => other.python_str(),
        }
    }

    fn js_str(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Decimal(units) => decimal_text(*units, 0),
            Value::Str(s) => s.clone(),
        }
    }

    fn js_repr(&self) -> String {
        match self {
            Value::Str(s) => format!("'{}'", s.replace('\'', "\\'")),
            other => other.js_str(),
        }
    }
}

/// Splits `a, "b, c", 3` at the top-level commas.
fn split_arguments(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut current, mut quote, mut depth) = (String::new(), None, 0);
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() || !parts.is_empty() {
        parts.push(current);
    }
    parts.into_iter().map(|part| part.trim().to_string()).collect()
}

/// A string literal, or arithmetic over numbers (+ - * / with parentheses), or `"a" + "b"`.
fn expression(text: &str) -> Option<Value> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens, at: 0 };
    let value = parser.sum()?;
    (parser.at == parser.tokens.len()).then_some(value)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(Value),
    Str(String),
    Op(char),
}

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '\'' {
            let end = chars[i + 1..].iter().position(|&d| d == c)? + i + 1;
            tokens.push(Token::Str(chars[i + 1..end].iter().collect()));
            i = end + 1;
        } else if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '_') {
                i += 1;
            }
            let literal: String = chars[start..i].iter().filter(|&&d| d != '_').collect();
            tokens.push(Token::Number(number(&literal)?));
        } else if "+-*/()%".contains(c) {
            tokens.push(Token::Op(c));
            i += 1;
        } else {
            return None;
        }
    }
    (!tokens.is_empty()).then_some(tokens)
}

/// `42` or `3.25` (at most twelve digits after the point), without floating point.
fn number(literal: &str) -> Option<Value> {
    match literal.split_once('.') {
        None => literal.parse().ok().map(Value::Int),
        Some((whole, fraction)) => {
            if fraction.len() > 12 || fraction.contains('.') || !fraction.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let whole: i128 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
            let fraction: i128 = format!("{fraction:0<12}").parse().ok()?;
            let units = whole.checked_mul(SCALE)?.checked_add(fraction)?;
            float_exact(units).then_some(Value::Decimal(units))
        }
    }
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn sum(&mut self) -> Option<Value> {
        let mut left = self.product()?;
        while let Some(Token::Op(op @ ('+' | '-'))) = self.peek().cloned() {
            self.at += 1;
            let right = self.product()?;
            left = combine(left, op, right)?;
        }
        Some(left)
    }

    fn product(&mut self) -> Option<Value> {
        let mut left = self.unary()?;
        while let Some(Token::Op(op @ ('*' | '/' | '%'))) = self.peek().cloned() {
            self.at += 1;
            let right = self.unary()?;
            left = combine(left, op, right)?;
        }
        Some(left)
    }

    fn unary(&mut self) -> Option<Value> {
        match self.peek().cloned()? {
            Token::Op('-') => {
                self.at += 1;
                combine(Value::Int(0), '-', self.unary()?)
            }
            Token::Op('(') => {
                self.at += 1;
                let value = self.sum()?;
                (self.peek() == Some(&Token::Op(')'))).then(|| self.at += 1)?;
                Some(value)
            }
            Token::Number(value) => {
                self.at += 1;
                Some(value)
            }
            Token::Str(s) => {
                self.at += 1;
                Some(Value::Str(s))
            }
            Token::Op(_) => None,
        }
    }
}

/// Arithmetic as both languages agree on it for these cases: `/` always gives a fraction
/// (as in Python 3, and as JavaScript's numbers print), strings concatenate with `+` only. A
/// result that floating point would round (`1/3`, `0.1 + 0.2`) is `None`: not shown rather
/// than shown wrong.
fn combine(left: Value, op: char, right: Value) -> Option<Value> {
    use Value::{Decimal, Int, Str};
    let units = |value: &Value| match value {
        Int(n) => i128::from(*n).checked_mul(SCALE),
        Decimal(units) => Some(*units),
        Str(_) => None,
    };
    let result = match (left, op, right) {
        (Str(a), '+', Str(b)) => Str(a + &b),
        (Str(_), _, _) | (_, _, Str(_)) => return None,
        (Int(a), '+', Int(b)) => Int(a.checked_add(b)?),
        (Int(a), '-', Int(b)) => Int(a.checked_sub(b)?),
        (Int(a), '*', Int(b)) => Int(a.checked_mul(b)?),
        (Int(a), '%', Int(b)) if b != 0 => Int(a.rem_euclid(b)),
        (a, op, b) => {
            let (a, b) = (units(&a)?, units(&b)?);
            Decimal(match op {
                '+' => a.checked_add(b)?,
                '-' => a.checked_sub(b)?,
                '*' => {
                    let product = a.checked_mul(b)?;
                    (product % SCALE == 0).then_some(product / SCALE)?
                }
                '/' if b != 0 => {
                    let scaled = a.checked_mul(SCALE)?;
                    (scaled % b == 0).then_some(scaled / b)?
                }
                _ => return None,
            })
        }
    };
    match result {
        Decimal(units) if !float_exact(units) => None,
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_evaluates_its_small_subset_and_leaves_by_the_real_doors() {
        let py = Language::Python;
        assert_eq!(py.eval("print('hello', 1 + 2)").stdout, "hello 3\n");
        assert_eq!(py.eval("7 / 2").stdout, "3.5\n");
        assert_eq!(py.eval("6 / 2").stdout, "3.0\n", "true division gives a float");
        assert_eq!(py.eval("'a' + \"b\"").stdout, "'ab'\n", "the REPL shows a string's repr");
        assert_eq!(py.eval("2 * (3 + 4) - 1").stdout, "13\n");
        assert_eq!(py.eval("0.5 + 0.25").stdout, "0.75\n");
        assert!(py.eval("0.1 + 0.2").stderr.starts_with("dockside: "), "Python says 0.30000000000000004: not shown rather than shown wrong");
        assert_eq!(py.eval("-1.5 * 2").stdout, "-3.0\n");
        assert!(py.eval("1 / 3").stderr.starts_with("dockside: "), "a result exact decimals cannot hold is not made up");
        assert_eq!(py.eval("exit()").exit, Some(0));
        assert_eq!(py.eval("quit()").exit, Some(0));
        assert_eq!(py.eval("exit(3)").exit, Some(3));
        assert!(py.eval("foo").stderr.ends_with("NameError: name 'foo' is not defined\n"));
        assert!(py.eval("import os; os.listdir()").stderr.starts_with("dockside: "), "no made-up result for code it does not run");
        assert_eq!(py.eval("   "), Reply::default());
        assert_eq!(py.interrupt(false).stdout, "KeyboardInterrupt\n");
    }

    #[test]
    fn node_evaluates_its_small_subset_and_leaves_by_the_real_doors() {
        let js = Language::Node;
        assert_eq!(js.eval("console.log('hi', 2 * 21)").stdout, "hi 42\nundefined\n");
        assert_eq!(js.eval("6 / 2").stdout, "3\n");
        assert_eq!(js.eval("'a' + 'b'").stdout, "'ab'\n");
        assert_eq!(js.eval(".exit").exit, Some(0));
        assert_eq!(js.eval("process.exit(2);").exit, Some(2));
        assert_eq!(js.eval("foo").stderr, "Uncaught ReferenceError: foo is not defined\n");
        assert_eq!(js.interrupt(false).exit, None);
        assert_eq!(js.interrupt(true).exit, Some(0), "a second Ctrl-C leaves");
    }

    #[test]
    fn the_banner_names_the_image_s_version() {
        assert!(Language::Python.banner(&["PYTHON_VERSION=3.12.1".into()]).starts_with("Python 3.12.1 (main"));
        assert!(Language::Node.banner(&[]).starts_with("Welcome to Node.js v24.11.1."));
    }

    #[test]
    fn nothing_typed_panics_the_evaluator() {
        for text in ["(", ")", "1 +", "'open", "1/0", "9999999999999999999 * 99999999999", "--1", "print(", "print(,)", "((((1))))", "%", "é"] {
            let _ = Language::Python.eval(text);
            let _ = Language::Node.eval(text);
        }
    }
}
