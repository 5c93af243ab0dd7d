//! dockside-sim: the browser terminal as text. Reads typed lines from standard input (or a
//! script file), runs them on the same engine, and writes what the terminal would show.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use dockside::engine::{Engine, Scenario, transcript};

const USAGE: &str = "\
Usage: dockside-sim [OPTIONS] [SCRIPT]

Runs each line of SCRIPT (or of standard input) in the Dockside terminal and prints
what the terminal would show, both streams in order. Exits with the last command's status.

Options:
  --echo        print each line behind the prompt before its output
  --seed N      start the world from seed N (default 0)
  --scenario F  start from the scenario in TOML file F: [[files]] path/contents,
                images = [...], setup = [...] lines, cwd
  --events      also print each command's events as JSON lines
  -h, --help    print this help

The lines ^C, ^D and ^P^Q send those keys.
";

struct Options {
    echo: bool,
    events: bool,
    seed: u64,
    scenario: Option<String>,
    script: Option<String>,
}

fn parse_options(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options { echo: false, events: false, seed: 0, scenario: None, script: None };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--echo" => options.echo = true,
            "--events" => options.events = true,
            "--seed" => {
                let value = args.next().ok_or("--seed needs a number")?;
                options.seed = value.parse().map_err(|_| format!("--seed: `{value}` is not a number"))?;
            }
            "--scenario" => options.scenario = Some(args.next().ok_or("--scenario needs a file")?),
            _ if arg.starts_with("--scenario=") => options.scenario = Some(arg["--scenario=".len()..].to_string()),
            _ if arg.starts_with("--seed=") => {
                let value = &arg["--seed=".len()..];
                options.seed = value.parse().map_err(|_| format!("--seed: `{value}` is not a number"))?;
            }
            _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option `{arg}`")),
            _ if options.script.is_some() => return Err("only one script file may be given".into()),
            _ => options.script = Some(arg),
        }
    }
    Ok(Some(options))
}

fn main() -> ExitCode {
    let options = match parse_options(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("dockside-sim: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let input: Box<dyn BufRead> = match options.script.as_deref() {
        None | Some("-") => Box::new(io::stdin().lock()),
        Some(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(io::BufReader::new(file)),
            Err(error) => {
                eprintln!("dockside-sim: cannot read {path}: {error}");
                return ExitCode::from(2);
            }
        },
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut engine = match &options.scenario {
        None => Engine::new(options.seed),
        Some(path) => {
            let parsed = std::fs::read_to_string(path).map_err(|error| error.to_string()).and_then(|text| read_scenario(&text));
            match parsed {
                Ok(scenario) => Engine::with_scenario(options.seed, scenario),
                Err(message) => {
                    eprintln!("dockside-sim: {path}: {}", message.trim_end());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let mut status = 0;
    for line in input.lines() {
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                eprintln!("dockside-sim: cannot read input: {error}");
                return ExitCode::from(2);
            }
        };
        let shown = transcript::type_line(&mut engine, &line, transcript::Options { echo: options.echo, events: options.events });
        status = shown.status;
        if out.write_all(shown.text.as_bytes()).is_err() {
            // The reader went away (a closed pipe): stop quietly, as coreutils do.
            return ExitCode::from(141);
        }
        if shown.ended {
            break;
        }
    }
    let _ = out.flush();
    ExitCode::from(u8::try_from(status.rem_euclid(256)).unwrap_or(1))
}

/// A scenario file's TOML. (dockside-sim is a native program; its wasm32 build exists only
/// because `cargo test --target wasm32-unknown-unknown` compiles every target.)
#[cfg(not(target_arch = "wasm32"))]
fn read_scenario(text: &str) -> Result<Scenario, String> {
    toml::from_str(text).map_err(|error| error.to_string())
}

#[cfg(target_arch = "wasm32")]
fn read_scenario(_text: &str) -> Result<Scenario, String> {
    Err("scenario files are read by the native dockside-sim".into())
}
