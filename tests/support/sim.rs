//! Runs dockside-sim as a user would, for the tests that check its output.

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs dockside-sim with `args`, feeding `input`; returns (stdout, stderr, exit code).
pub fn sim(args: &[&str], input: &str) -> (Vec<u8>, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockside-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dockside-sim starts");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    (output.stdout, String::from_utf8(output.stderr).unwrap(), output.status.code().unwrap_or(-1))
}

/// The same, with standard output as text.
pub fn sim_text(args: &[&str], input: &str) -> (String, String, i32) {
    let (stdout, stderr, code) = sim(args, input);
    (String::from_utf8(stdout).expect("UTF-8 output"), stderr, code)
}
