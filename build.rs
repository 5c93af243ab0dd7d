//! Parses `content/` at build time: a content error (with its file, line and column) fails
//! the build, and the course is embedded as JSON, so the WebAssembly bundle needs no TOML or
//! Markdown parser. Adding a lesson needs a file and a line in `course.toml`, and no Rust.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code, unused_imports)]
#[path = "src/course.rs"]
mod course;

// The course names the engine's Scenario (an exercise's starting point); give it that one
// piece of the engine here.
#[allow(dead_code)]
#[path = "src/engine/scenario.rs"]
mod engine_scenario;

#[allow(unused_imports)]
mod engine {
    pub use super::engine_scenario::{Scenario, ScenarioFile};
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=src/course.rs");
    println!("cargo:rerun-if-changed=src/course");
    println!("cargo:rerun-if-changed=src/engine/scenario.rs");

    let mut paths: Vec<String> = vec![course::COURSE_FILE.into()];
    let mut lessons: Vec<String> = std::fs::read_dir(root.join("content/lessons"))
        .expect("content/lessons is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("content/lessons/{name}"))
        .collect();
    lessons.sort();
    paths.extend(lessons);

    let texts: Vec<String> = paths.iter().map(|path| std::fs::read_to_string(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))).collect();
    let files: Vec<(&str, &str)> = paths.iter().map(String::as_str).zip(texts.iter().map(String::as_str)).collect();
    let course = match course::Course::from_files(&files) {
        Ok(course) => course,
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!("the course in content/ has {} error(s)", errors.len());
            std::process::exit(1);
        }
    };
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    std::fs::write(out.join("course.json"), serde_json::to_string(&course).expect("the course serializes")).unwrap();
    // What the site embeds: the index; lesson bodies are fetched (`dockside-content` writes
    // the files into the site at build time, from the same `split`).
    let (index, _) = course.split();
    std::fs::write(out.join("index.json"), serde_json::to_string(&index).expect("the index serializes")).unwrap();

    // The source files too, for the native tests that check the parser on the real content.
    let mut code = String::from("/// Every content file as (path from the project root, text), course.toml first.\n");
    code.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for path in &paths {
        writeln!(code, "    ({path:?}, include_str!({:?})),", root.join(path).display().to_string()).unwrap();
    }
    code.push_str("];\n");
    std::fs::write(out.join("content_files.rs"), code).unwrap();
}
