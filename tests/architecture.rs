//! Architecture rules as tests: the engine and the course stay free of the browser, and
//! the layers only point downwards (ui -> course -> engine).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const WEB_CRATES: &[&str] = &["yew", "yew_router", "web_sys", "js_sys", "wasm_bindgen", "gloo"];

/// Every `.rs` file under `dir`, sorted.
fn rust_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The Rust files of a module: `src/<name>.rs` and everything under `src/<name>/`.
fn module_files(name: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join(format!("{name}.rs"))];
    files.extend(rust_files_under(&root.join(name)));
    files
}

/// Source with comments removed, whitespace runs made one space and no space around
/// punctuation, so `crate :: ui` and `crate::{ ui }` look like `crate::ui` and
/// `crate::{ui}`. String literals are kept: none of ours look like a path.
fn code_only(source: &str) -> String {
    let mut out = String::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('/', Some('/')) => {
                for next in chars.by_ref() {
                    if next == '\n' {
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut previous = ' ';
                for next in chars.by_ref() {
                    if previous == '*' && next == '/' {
                        break;
                    }
                    previous = next;
                }
            }
            (c, _) if c.is_whitespace() => {
                if !out.ends_with([' ', ':', '{', '}', ',', ';', '(']) {
                    out.push(' ');
                }
            }
            (c, _) => {
                if matches!(c, ':' | '{' | '}' | ',' | ';' | ')') && out.ends_with(' ') {
                    out.pop();
                }
                out.push(c);
            }
        }
    }
    out
}

/// Every way `source` names one of `crates` or one of the crate's own `modules`.
fn violations(source: &str, crates: &[&str], modules: &[&str]) -> Vec<String> {
    let code = code_only(source);
    let mut found = Vec::new();
    for name in crates {
        // `yew::`, `use yew;`, `extern crate yew`, `::yew::`: a path that starts with the crate.
        for pattern in [format!("{name}::"), format!("use {name};"), format!("crate {name}"), format!("use {name} as")] {
            let bytes = code.as_bytes();
            for (index, _) in code.match_indices(&pattern) {
                let before = index.checked_sub(1).map(|i| bytes[i] as char);
                let starts_a_path = pattern.starts_with(name);
                if !starts_a_path || !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    found.push(format!("uses the web crate `{name}`"));
                }
            }
        }
    }
    for module in modules {
        if code.contains(&format!("crate::{module}")) || code.contains(&format!("super::super::{module}")) {
            found.push(format!("names `crate::{module}`"));
        }
        // `use crate::{engine, ui}`: look inside every `crate::{…}` group.
        for (start, _) in code.match_indices("crate::{") {
            let group = &code[start + "crate::{".len()..];
            let group = &group[..group.find('}').unwrap_or(group.len())];
            if group.split([',', ':']).any(|part| part == *module) {
                found.push(format!("names `crate::{module}` in a use group"));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn check_module(name: &str, forbidden_modules: &[&str]) {
    let mut problems = Vec::new();
    for file in module_files(name) {
        let source = std::fs::read_to_string(&file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        for problem in violations(&source, WEB_CRATES, forbidden_modules) {
            problems.push(format!("{}: {problem}", file.display()));
        }
    }
    assert!(problems.is_empty(), "`{name}` must stay free of the browser and of the layers above it:\n{}", problems.join("\n"));
}

#[test]
fn the_engine_uses_no_web_crate_and_names_neither_course_nor_ui() {
    check_module("engine", &["course", "ui"]);
}

#[test]
fn the_course_uses_no_web_crate_and_does_not_name_ui() {
    check_module("course", &["ui"]);
}

#[test]
fn the_progress_store_uses_no_web_crate_and_does_not_name_ui() {
    check_module("progress", &["ui"]);
}

#[test]
fn the_checker_catches_what_it_must() {
    let web = |source: &str| !violations(source, WEB_CRATES, &[]).is_empty();
    assert!(web("use yew::prelude::*;"));
    assert!(web("fn f() { web_sys :: window(); }"));
    assert!(web("use wasm_bindgen;"));
    assert!(web("extern crate gloo;"));
    assert!(web("let x = ::js_sys::Date::now();"));
    assert!(!web("// yew::Html is not used here\nfn f() {}"));
    assert!(!web("/* web_sys::window() */ fn f() {}"));
    assert!(!web("let my_yew::x = 1;"), "an identifier ending in a crate's name is not the crate");

    let layers = |source: &str| !violations(source, &[], &["ui", "course"]).is_empty();
    assert!(layers("use crate::ui::Terminal;"));
    assert!(layers("use crate :: course;"));
    assert!(layers("use crate::{engine, ui};"));
    assert!(layers("use crate::{course::Lesson, engine};"));
    assert!(!layers("use crate::engine::Engine;"));
}

#[test]
fn every_source_file_opens_with_a_module_doc() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for dir in ["src", "tests", "benches"] {
        for path in rust_files_under(&root.join(dir)) {
            let source = std::fs::read_to_string(&path).unwrap();
            if !source.trim_start().starts_with("//!") {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "files without a `//!` line saying what they hold:\n{}", missing.join("\n"));
}
