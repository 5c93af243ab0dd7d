//! Any Dockerfile must build or fail with an error, never panic.
#![no_main]

use dockside::engine::{Engine, Scenario, ScenarioFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dockerfile = String::from_utf8_lossy(data).into_owned();
    let scenario = Scenario {
        files: vec![ScenarioFile { path: "app/Dockerfile".into(), contents: dockerfile }, ScenarioFile { path: "app/a.txt".into(), contents: "a\n".into() }],
        images: vec!["alpine".into()],
        cwd: Some("app".into()),
        ..Scenario::default()
    };
    let mut engine = Engine::with_scenario(0, scenario);
    let _ = engine.run("docker build -t fuzzed .");
    let _ = engine.run("docker run --rm fuzzed");
});
