//! The terminal as text: one typed line in, what the terminal shows out. dockside-sim prints
//! this, transcripts record it, and the browser test replays it for the same bytes.

use super::Engine;

/// How the text is drawn.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Show each line behind the prompt first, as the terminal echoes it.
    pub echo: bool,
    /// Add each event as a JSON line after the output.
    pub events: bool,
}

/// What one typed line showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    /// The status of the last command, as `$?` now reads.
    pub status: i32,
    /// Ctrl-D at the host prompt: the session is over.
    pub ended: bool,
}

/// Types a line: the lines `^C`, `^D` and `^P^Q` send those keys.
pub fn type_line(engine: &mut Engine, line: &str, options: Options) -> Shown {
    let mut text = String::new();
    if options.echo {
        text.push_str(&engine.prompt());
        text.push_str(line);
        text.push('\n');
    }
    let outcome = match line {
        "^C" => engine.interrupt(),
        "^D" if engine.has_foreground_job() => engine.end_of_input(),
        // Ctrl-D at the host prompt ends the shell, as it ends a terminal's bash.
        "^D" => return Shown { text, status: engine.snapshot().last_exit_code, ended: true },
        "^P^Q" => engine.detach(),
        typed => engine.run(typed),
    };
    text.push_str(&outcome.text());
    if options.events {
        for event in &outcome.events {
            text.push_str(&serde_json::to_string(event).expect("events serialize"));
            text.push('\n');
        }
    }
    Shown { text, status: outcome.exit_code, ended: false }
}

/// Types every line of `script`; returns everything shown and the last status.
pub fn type_script(engine: &mut Engine, script: &str, options: Options) -> (String, i32) {
    let mut all = String::new();
    let mut status = 0;
    for line in script.lines() {
        let shown = type_line(engine, line, options);
        all.push_str(&shown.text);
        status = shown.status;
        if shown.ended {
            break;
        }
    }
    (all, status)
}
