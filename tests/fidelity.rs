//! Fidelity cases: each file in tests/fidelity/ quotes real Docker's behaviour from a cited
//! source (its `# source:` lines) and checks the simulator against it. Unlike transcripts,
//! nothing ever rewrites these files: when one fails, the simulator is wrong.
//!
//! Format: `# ` lines are comments (at least one `# source:` is required); `$ ` lines are
//! typed into the terminal; the lines after one are its exact expected output, where a line
//! `...` stands for any number of lines (such as pull progress with random layer IDs) and
//! `…` inside a line for any text (a generated container ID).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/sim.rs"]
mod support;

use std::path::{Path, PathBuf};

struct Step {
    command: String,
    expected: Vec<String>,
}

fn parse_case(text: &str) -> (Vec<String>, Vec<Step>) {
    let mut sources = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    for line in text.lines() {
        if let Some(source) = line.strip_prefix("# source:") {
            sources.push(source.trim().to_string());
        } else if line.starts_with('#') && steps.is_empty() {
            continue;
        } else if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step { command: command.to_string(), expected: Vec::new() });
        } else if let Some(step) = steps.last_mut() {
            step.expected.push(line.to_string());
        }
    }
    (sources, steps)
}

/// Whether `actual` lines match `expected`, where `...` matches any run of lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((first, rest)) => actual.first().is_some_and(|line| line_matches(first, line)) && matches(rest, &actual[1..]),
    }
}

/// Whether a line matches an expected one, where `…` stands for any text.
fn line_matches(expected: &str, line: &str) -> bool {
    let mut pieces = expected.split('…');
    let first = pieces.next().unwrap_or("");
    let Some(mut rest) = line.strip_prefix(first) else { return false };
    let pieces: Vec<&str> = pieces.collect();
    for (index, piece) in pieces.iter().enumerate() {
        if index + 1 == pieces.len() {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fidelity");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|entry| entry.path()).filter(|path| path.extension().is_some_and(|ext| ext == "txt")).collect();
    files.sort();
    files
}

#[test]
fn every_fidelity_case_matches_its_source() {
    let files = cases();
    assert!(files.len() >= 5, "the fidelity cases are in tests/fidelity/");
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let (sources, steps) = parse_case(&text);
        assert!(!sources.is_empty(), "{} cites no `# source:`", file.display());
        let input: String = steps.iter().map(|step| format!("{}\n", step.command)).collect();
        let (output, _, _) = support::sim_text(&["--echo"], &input);
        // Split the echoed transcript back into each command's output.
        let mut outputs: Vec<Vec<&str>> = Vec::new();
        for line in output.lines() {
            if let Some(index) = steps.get(outputs.len()).filter(|step| line == format!("$ {}", step.command)).map(|_| outputs.len()) {
                let _ = index;
                outputs.push(Vec::new());
            } else if let Some(current) = outputs.last_mut() {
                current.push(line);
            }
        }
        for (index, step) in steps.iter().enumerate() {
            let actual = outputs.get(index).cloned().unwrap_or_default();
            if !matches(&step.expected, &actual) {
                failures.push(format!("{} `{}`\n  source: {}\n  expected:\n    {}\n  actual:\n    {}", file.display(), step.command, sources.join("; "), step.expected.join("\n    "), actual.join("\n    ")));
            }
        }
    }
    assert!(failures.is_empty(), "{} fidelity step(s) differ from their sources:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_ellipsis_matches_any_run_of_lines() {
    let expected: Vec<String> = ["a", "...", "z"].iter().map(|s| s.to_string()).collect();
    assert!(matches(&expected, &["a", "z"]));
    assert!(matches(&expected, &["a", "b", "c", "z"]));
    assert!(!matches(&expected, &["a", "b"]));
    assert!(!matches(&expected, &["b", "z"]));
    assert!(line_matches("in use - […]", "in use - [c3cf17]"));
    assert!(line_matches("a…c…e", "abcde"));
    assert!(!line_matches("a…c", "abd"));
    assert!(!line_matches("exact", "exactly"));
}
