//! dockside-sim as a user runs it: lines on standard input, the terminal on standard output.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/sim.rs"]
mod support;

use support::sim_text as sim;

#[test]
fn echo_mode_prints_the_prompt_line_then_the_output() {
    assert_eq!(sim(&["--echo"], "echo hello\n"), ("$ echo hello\nhello\n".into(), String::new(), 0));
}

#[test]
fn both_streams_go_to_stdout_in_order_and_the_status_is_the_last_command_s() {
    let (out, err, code) = sim(&[], "echo one\nnope\necho two\nagain\n");
    assert_eq!(out, "one\nbash: nope: command not found\ntwo\nbash: again: command not found\n");
    assert_eq!((err.as_str(), code), ("", 127));
}

#[test]
fn keys_as_lines() {
    // ^C at an idle prompt sets $? to 130; ^D ends the shell, so later lines never run.
    let (out, _, code) = sim(&["--echo"], "^C\necho $?\n^D\necho never\n");
    assert_eq!(out, "$ ^C\n$ echo $?\n130\n$ ^D\n");
    assert_eq!(code, 0);
}

#[test]
fn a_script_file_is_read_like_standard_input() {
    let dir = std::env::temp_dir().join(format!("dockside-sim-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("script.sh");
    std::fs::write(&script, "echo from a file\n").unwrap();
    let (out, _, code) = sim(&[script.to_str().unwrap()], "");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!((out.as_str(), code), ("from a file\n", 0));
}

#[test]
fn usage_errors_go_to_stderr_with_status_2() {
    let (out, err, code) = sim(&["--bogus"], "");
    assert_eq!((out.as_str(), code), ("", 2));
    assert!(err.starts_with("dockside-sim: unknown option `--bogus`"), "{err}");
    let (_, err, code) = sim(&["--seed", "x"], "");
    assert_eq!(code, 2);
    assert!(err.contains("`x` is not a number"), "{err}");
}

#[test]
fn replaying_the_same_input_gives_the_same_bytes() {
    let input = "echo -e 'a\\tb'\nhelp\nfoo\necho $?\nclear\n";
    assert_eq!(sim(&["--echo", "--seed", "3"], input), sim(&["--echo", "--seed", "3"], input));
}

#[test]
fn a_scenario_sets_the_start_and_replays_with_the_session() {
    let dir = std::env::temp_dir().join(format!("dockside-scenario-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = dir.join("scenario.toml");
    std::fs::write(&scenario, "cwd = \"app\"\nimages = [\"alpine\"]\nsetup = [\"docker run -d --name db -e POSTGRES_PASSWORD=pw postgres\"]\n\n[[files]]\npath = \"app/Dockerfile\"\ncontents = \"FROM alpine\\n\"\n").unwrap();
    let (out, err, code) = sim(&["--scenario", scenario.to_str().unwrap()], "pwd\ncat Dockerfile\ndocker ps --format '{{.Names}} {{.Image}}'\ndocker images -q | wc -l\nhistory\n");
    assert_eq!((out.as_str(), err.as_str(), code), ("/home/learner/app\nFROM alpine\ndb postgres\n2\n    1  pwd\n    2  cat Dockerfile\n    3  docker ps --format '{{.Names}} {{.Image}}'\n    4  docker images -q | wc -l\n    5  history\n", "", 0));
    std::fs::write(&scenario, "bogus = 1\n").unwrap();
    let (_, err, code) = sim(&["--scenario", scenario.to_str().unwrap()], "");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 2);
    assert!(err.contains("unknown field `bogus`"), "{err}");
}
