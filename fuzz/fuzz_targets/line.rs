//! Any text typed into the terminal, a line at a time, must not panic the engine.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut engine = dockside::engine::Engine::new(0);
    for line in text.lines().take(64) {
        match line {
            "^C" => drop(engine.interrupt()),
            "^D" => drop(engine.end_of_input()),
            "^P^Q" => drop(engine.detach()),
            _ => drop(engine.run(line)),
        }
    }
    let _ = engine.complete(&text);
});
