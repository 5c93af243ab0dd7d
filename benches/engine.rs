//! The engine benchmark (not a test: it prints figures). Run with `cargo bench --bench engine`.
//!
//! It prints commands per second for a typical lesson's script (the lines of the recorded
//! transcripts, replayed in fresh engines), the time and memory for 1,000 running
//! containers, and the time one `docker ps` takes among them.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use dockside::engine::{Engine, transcript};

/// Counts the bytes live on the heap, to measure the engine's memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut scripts: Vec<String> = std::fs::read_dir(&dir).unwrap().flatten().map(|entry| entry.path()).filter(|path| path.extension().is_some_and(|ext| ext == "sh")).map(|path| std::fs::read_to_string(path).unwrap()).collect();
    scripts.sort();
    let lines_per_round: usize = scripts.iter().map(|script| script.lines().count()).sum();

    println!("\n## Commands per second (the {} transcript scripts, {lines_per_round} lines, replayed in fresh engines)\n", scripts.len());
    let rounds = 20;
    let start = Instant::now();
    for _ in 0..rounds {
        for script in &scripts {
            let mut engine = Engine::new(0);
            std::hint::black_box(transcript::type_script(&mut engine, script, transcript::Options { echo: true, events: true }));
        }
    }
    let elapsed = start.elapsed();
    let lines = rounds * lines_per_round;
    println!("{lines} lines in {:.2} s: {:.0} lines per second, {:.1} µs per line on average", elapsed.as_secs_f64(), lines as f64 / elapsed.as_secs_f64(), elapsed.as_secs_f64() * 1e6 / lines as f64);

    println!("\n## 1,000 running containers\n");
    let before = LIVE.load(Ordering::Relaxed);
    let mut engine = Engine::new(1);
    engine.run("docker pull nginx");
    engine.run("docker pull alpine");
    let start = Instant::now();
    for index in 0..1000 {
        let image = if index % 2 == 0 { "nginx" } else { "alpine sleep infinity" };
        let outcome = engine.run(&format!("docker run -d --name c{index} {image}"));
        assert_eq!(outcome.exit_code, 0, "{}", outcome.text());
    }
    let created = start.elapsed();
    let memory = LIVE.load(Ordering::Relaxed) - before;
    println!("started in {:.2} s ({:.2} ms per docker run)", created.as_secs_f64(), created.as_secs_f64() * 1000.0 / 1000.0);
    println!("engine memory with 1,000 containers: {:.1} MiB ({:.1} KiB per container)", memory as f64 / 1_048_576.0, memory as f64 / 1024.0 / 1000.0);
    let start = Instant::now();
    let listing = engine.run("docker ps");
    println!("docker ps among them: {:.2} ms ({} lines)", start.elapsed().as_secs_f64() * 1000.0, listing.text().lines().count());
    let start = Instant::now();
    let reply = engine.run("docker exec c0 ls /usr/share/nginx/html");
    println!("docker exec among them: {:.2} ms", start.elapsed().as_secs_f64() * 1000.0);
    std::hint::black_box(reply);
    println!("peak heap during the run: {:.1} MiB", PEAK.load(Ordering::Relaxed) as f64 / 1_048_576.0);
}
