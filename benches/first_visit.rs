//! The first-visit benchmark (not a test: it prints figures and fails on nothing but a
//! broken setup). Run by scripts/bench, which builds the release into target/bench/site.
//!
//! It prints every file of the release with raw, gzip and brotli sizes against the
//! first-visit budget, a breakdown of the wasm by crate (twiggy), and the time in headless
//! Chromium from navigation start until the lesson is readable and until the Terminal
//! textbox is visible and `echo` has answered: the median of several cold loads, each in a
//! fresh browser profile, measured by a script the harness puts in the page, not by the app.

#[path = "../tests/support/browser.rs"]
mod browser;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use browser::{Browser, DevTools, Nginx, project_root};
use serde_json::json;

/// DESIGN.md's first-visit download budget.
const BUDGET_BROTLI_BYTES: u64 = 300 * 1000;
const COLD_LOADS: usize = 7;
/// The lesson a first visit opens.
const FIRST_LESSON: &str = "images-and-containers";
const LESSON_PATH: &str = "/lessons/images-and-containers";

/// Runs in every new document before the page's scripts. It notes when the lesson's heading
/// appears, then finds the textbox named Terminal once it is visible, types `echo ready` and
/// notes when `ready` comes back in the log.
const PROBE: &str = r#"
(() => {
  const marks = window.__docksideMarks = {};
  let typed = false;
  const terminal = () => [...document.querySelectorAll("input")].find(input =>
    [...(input.labels || [])].some(label => label.textContent.includes("Terminal")) && input.getBoundingClientRect().width > 0);
  const check = () => {
    if (!marks.lessonReadable && document.querySelector("article h1")) marks.lessonReadable = performance.now();
    const input = terminal();
    if (input && !typed) {
      typed = true;
      marks.terminalVisible = performance.now();
      input.value = "echo ready";
      input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    }
    const log = document.querySelector("[role=log]");
    if (typed && !marks.echoAnswered && log && log.innerText.split("\n").includes("ready")) {
      marks.echoAnswered = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
})();
"#;

fn main() {
    let site = project_root().join("target/bench/site");
    assert!(site.join("index.html").is_file(), "{} is missing: run scripts/bench", site.display());
    print_sizes(&site);
    print_crate_breakdown();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(print_first_visit_times(&site));
}

fn print_sizes(site: &Path) {
    let mut files: Vec<_> = std::fs::read_dir(site)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && !matches!(path.extension().and_then(|ext| ext.to_str()), Some("gz" | "br")))
        .collect();
    files.sort();
    // Lessons are fetched when opened: a first visit to the first lesson fetches its file.
    let lesson_files = std::fs::read_dir(site.join("content")).into_iter().flatten().flatten().map(|entry| entry.path());
    files.extend(lesson_files.filter(|path| path.extension().is_some_and(|ext| ext == "json") && path.file_name().is_some_and(|name| name.to_string_lossy().starts_with(&format!("{FIRST_LESSON}-")))));
    println!("\n## First-visit download (release build, as nginx serves it; the first lesson's file included)\n");
    println!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    let (mut raw_total, mut gzip_total, mut brotli_total) = (0, 0, 0);
    for file in &files {
        let size = |suffix: &str| {
            let path = if suffix.is_empty() { file.clone() } else { file.with_file_name(format!("{}{suffix}", file.file_name().unwrap().to_string_lossy())) };
            std::fs::metadata(&path).map(|meta| meta.len()).unwrap_or_else(|_| std::fs::metadata(file).unwrap().len())
        };
        let (raw, gzip, brotli) = (size(""), size(".gz"), size(".br"));
        raw_total += raw;
        gzip_total += gzip;
        brotli_total += brotli;
        println!("{:<44} {:>10} {:>10} {:>10}", file.file_name().unwrap().to_string_lossy(), raw, gzip, brotli);
    }
    println!("{:<44} {:>10} {:>10} {:>10}", "total", raw_total, gzip_total, brotli_total);
    let share = brotli_total as f64 * 100.0 / BUDGET_BROTLI_BYTES as f64;
    println!("budget: {brotli_total} of {BUDGET_BROTLI_BYTES} bytes brotli ({share:.0}%){}", if brotli_total > BUDGET_BROTLI_BYTES { "  OVER BUDGET" } else { "" });
}

/// twiggy's per-item sizes, summed by the crate each function's path starts with. It reads
/// cargo's wasm, which still has function names; the custom sections that wasm-bindgen and
/// wasm-opt strip are shown apart, and the shares are of what remains, so they carry over
/// to the shipped file (which wasm-opt makes smaller still).
fn print_crate_breakdown() {
    let wasm = project_root().join("target/wasm32-unknown-unknown/wasm-release/dockside-web.wasm");
    println!("\n## The wasm by crate (twiggy top on {}, before wasm-bindgen and wasm-opt)\n", wasm.strip_prefix(project_root()).unwrap_or(&wasm).display());
    let output = Command::new("twiggy").args(["top", "-n", "1000000", "--format", "json"]).arg(&wasm).output();
    let output = match output {
        Ok(output) if output.status.success() => output.stdout,
        Ok(output) => return println!("twiggy failed: {}", String::from_utf8_lossy(&output.stderr)),
        Err(error) => return println!("twiggy is not installed ({error}): scripts/bench installs it"),
    };
    let items: serde_json::Value = serde_json::from_slice(&output).expect("twiggy's JSON");
    let mut by_crate: BTreeMap<String, u64> = BTreeMap::new();
    let (mut total, mut stripped) = (0, 0);
    for item in items.as_array().into_iter().flatten() {
        let size = item["shallow_size"].as_u64().unwrap_or(0);
        let name = item["name"].as_str().unwrap_or("");
        // Names, wasm-bindgen's custom section and its describe functions are all removed
        // before the file ships.
        if name.starts_with("custom section") || name.ends_with("subsection") || name.contains("__wbindgen_describe") {
            stripped += size;
            continue;
        }
        total += size;
        *by_crate.entry(crate_of(name)).or_default() += size;
    }
    let mut rows: Vec<_> = by_crate.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("{:<32} {:>10} {:>7}", "crate", "bytes", "share");
    for (name, size) in rows.iter().take(20) {
        println!("{:<32} {:>10} {:>6.1}%", name, size, *size as f64 * 100.0 / total.max(1) as f64);
    }
    let rest: u64 = rows.iter().skip(20).map(|(_, size)| size).sum();
    if rest > 0 {
        println!("{:<32} {:>10} {:>6.1}%", "(other crates)", rest, rest as f64 * 100.0 / total.max(1) as f64);
    }
    println!("{:<32} {:>10}", "total", total);
    println!("(not shipped: {stripped} bytes of names and wasm-bindgen's custom section and describe functions)");
}

/// The crate a demangled symbol belongs to: the first path segment, looking through `<…>`,
/// `&` and the `[hash]` that std's symbols carry.
fn crate_of(name: &str) -> String {
    let trimmed = name.trim_start_matches(['<', '&', '*', ' ']).trim_start_matches("mut ").trim_start_matches("dyn ");
    match trimmed.split_once("::") {
        Some((first, _)) => {
            let first = first.split('[').next().unwrap_or(first);
            if !first.is_empty() && first.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return first.to_string();
            }
            "(other code)".to_string()
        }
        None if name.starts_with("data segment") => "(data: strings and tables)".to_string(),
        None => "(glue, exports and tables)".to_string(),
    }
}

async fn print_first_visit_times(site: &Path) {
    let nginx = Nginx::start(site, "/");
    println!("\n## Time to a working lesson ({COLD_LOADS} cold loads in headless Chromium, nginx on loopback)\n");
    let (mut readable, mut answered) = (Vec::new(), Vec::new());
    for _ in 0..COLD_LOADS {
        let browser = Browser::start().await;
        browser
            .client
            .issue_cmd(DevTools { method: "Page.addScriptToEvaluateOnNewDocument", params: json!({ "source": PROBE }) })
            .await
            .expect("the probe is installed");
        browser.client.goto(&nginx.url(LESSON_PATH)).await.expect("the lesson loads");
        let deadline = Instant::now() + Duration::from_secs(20);
        let marks = loop {
            let marks = browser.client.execute("return window.__docksideMarks || {}", vec![]).await.expect("the marks");
            if marks["echoAnswered"].is_number() {
                break marks;
            }
            assert!(Instant::now() < deadline, "the terminal did not answer within 20 s: {marks}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        readable.push(marks["lessonReadable"].as_f64().unwrap_or(f64::NAN));
        answered.push(marks["echoAnswered"].as_f64().unwrap());
        browser.stop().await;
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(|a, b| a.total_cmp(b));
        values[values.len() / 2]
    };
    let show = |values: &[f64]| values.iter().map(|value| format!("{value:.0}")).collect::<Vec<_>>().join(", ");
    println!("lesson readable:           median {:>5.0} ms   (runs: {})", median(&mut readable.clone()), show(&readable));
    println!("terminal answered `echo`:  median {:>5.0} ms   (runs: {})", median(&mut answered.clone()), show(&answered));
    println!("bar: both within 500 ms from a local server (DESIGN.md)");
}
