//! Transcript tests: each `tests/transcripts/NAME.sh` is typed into `dockside-sim --echo`
//! and must print exactly `NAME.out`. They guard against regressions, not against being
//! wrong (that is tests/fidelity/'s job). After a deliberate change, refresh the expected
//! files with `DOCKSIDE_REFRESH=1 cargo test --test transcripts` and read the diff.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

#[path = "support/sim.rs"]
mod support;

/// dockside-sim's output, which must leave its own standard error empty.
fn sim(args: &[&str], input: &str) -> Vec<u8> {
    let (stdout, stderr, _) = support::sim(args, input);
    assert!(stderr.is_empty(), "dockside-sim wrote to its own stderr: {stderr}");
    stdout
}

fn transcripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|entry| entry.path()).filter(|path| path.extension().is_some_and(|ext| ext == "sh")).collect();
    scripts.sort();
    assert!(!scripts.is_empty(), "no transcripts in {}", dir.display());
    scripts
}

#[test]
fn every_transcript_prints_what_it_recorded() {
    let refresh = std::env::var_os("DOCKSIDE_REFRESH").is_some();
    let mut failures = Vec::new();
    for script in transcripts() {
        let input = std::fs::read_to_string(&script).unwrap();
        let actual = sim(&["--echo", "--events"], &input);
        let expected_path = script.with_extension("out");
        if refresh {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{}:\n--- expected\n{}\n--- actual\n{}",
                script.display(),
                String::from_utf8_lossy(&expected),
                String::from_utf8_lossy(&actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{} transcript(s) differ (DOCKSIDE_REFRESH=1 rewrites them after a deliberate change):\n{}", failures.len(), failures.join("\n"));
}

/// The same input in a second process gives the same bytes: nothing depends on hash order,
/// addresses or the wall clock.
#[test]
fn every_transcript_replays_byte_for_byte_in_another_process() {
    for script in transcripts() {
        let input = std::fs::read_to_string(&script).unwrap();
        assert_eq!(sim(&["--echo", "--events"], &input), sim(&["--echo", "--events"], &input), "{}", script.display());
    }
}
