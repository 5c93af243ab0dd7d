//! Embeds `content/` in the crate, so that adding a lesson needs a file and a line in
//! `course.toml`, and no Rust.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = root.join("content");
    println!("cargo:rerun-if-changed=content");

    let mut files: Vec<String> = vec!["content/course.toml".into()];
    let mut lessons: Vec<String> = std::fs::read_dir(content.join("lessons"))
        .expect("content/lessons is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("content/lessons/{name}"))
        .collect();
    lessons.sort();
    files.extend(lessons);

    let mut code = String::from("/// Every content file as (path from the project root, text), course.toml first.\n");
    code.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let absolute = root.join(file);
        writeln!(code, "    ({file:?}, include_str!({:?})),", absolute.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("content.rs");
    std::fs::write(out, code).unwrap();
}
