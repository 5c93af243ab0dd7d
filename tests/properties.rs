//! Robustness: command sequences drawn from the grammar, and junk lines, never make the
//! engine panic, never produce unbounded output, and replay to the same bytes. 100,000 cases
//! in all; `DOCKSIDE_PROPERTY_CASES` raises or lowers the count and `DOCKSIDE_PROPERTY_SEED`
//! picks the seed (a failure prints both, so it can be reproduced).
#![cfg(not(target_arch = "wasm32"))]

use dockside::engine::{Engine, Session};

/// The most output one command may give: anything more is unbounded behaviour.
const MAX_OUTPUT_BYTES: usize = 1 << 20;

/// A small deterministic generator (splitmix64), so that a failing case can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const IMAGES: &[&str] = &["alpine", "busybox", "debian", "ubuntu", "nginx", "redis", "postgres", "python", "node", "httpd", "registry:2", "nosuchimage", "alpine:3.22", "localhost:5000/app", "app"];
const NAMES: &[&str] = &["web", "db", "app", "x", "cache"];
const COMMANDS: &[&str] = &["", "sh", "echo hi", "sleep 5", "sleep infinity", "top -b", "ls /", "cat /etc/os-release", "false", "sh -c 'echo a; sleep 2'", "nope", "python -m http.server 8000", "id", "env"];

/// A line drawn from the grammar of what tutorials type.
fn grammar_line(random: &mut Random) -> String {
    let name = random.pick(NAMES);
    let image = random.pick(IMAGES);
    match random.below(22) {
        0..=4 => {
            let mut flags = Vec::new();
            for (percent, flag) in [(40, "-d"), (30, "--rm"), (20, "-it"), (15, "-i"), (10, "--init"), (10, "--read-only"), (5, "-P")] {
                if random.chance(percent) {
                    flags.push(flag.to_string());
                }
            }
            if random.chance(50) {
                flags.push(format!("--name {name}"));
            }
            if random.chance(30) {
                flags.push(format!("-p {}:{}", 8000 + random.below(3), random.pick(&["80", "5000", "8000"])));
            }
            if random.chance(25) {
                flags.push(format!("-v {}:/data", random.pick(&["vol", "/home/learner/site", "./x", "/data", "bad name"])));
            }
            if random.chance(15) {
                flags.push(format!("-e {}", random.pick(&["POSTGRES_PASSWORD=pw", "A=1", "=broken"])));
            }
            if random.chance(15) {
                flags.push(format!("--network {}", random.pick(&["net", "host", "none", "bridge", "missing"])));
            }
            if random.chance(10) {
                flags.push(format!("--restart {}", random.pick(&["always", "on-failure:2", "unless-stopped", "bogus"])));
            }
            if random.chance(8) {
                flags.push(format!("--entrypoint {}", random.pick(&["\"\"", "echo", "sh"])));
            }
            if random.chance(8) {
                flags.push(format!("--user {}", random.pick(&["1000:1000", "nobody", "0"])));
            }
            if random.chance(5) {
                flags.push(random.pick(&["--bogus", "-z", "--mount type=bind,source=/nope,target=/x", "--tmpfs /cache"]).to_string());
            }
            format!("docker {} {} {image} {}", random.pick(&["run", "run", "create"]), flags.join(" "), random.pick(COMMANDS))
        }
        5..=7 => format!("docker {} {name}", random.pick(&["stop", "kill", "rm", "rm -f", "rm -v", "start", "restart", "logs", "logs --tail 2", "inspect", "pause", "unpause", "port", "diff", "top", "wait", "attach", "stop -t 1"])),
        8 => format!("docker exec {} {name} {}", random.pick(&["", "-it", "-i", "-e A=1"]), random.pick(&["sh", "ls /", "cat /etc/hostname", "nope", "sh -c 'echo hi > /tmp/x'"])),
        9 => format!("docker {}", random.pick(&["ps", "ps -a", "ps -aq", "ps --format '{{.Names}}\\t{{.Status}}'", "images", "images -q", "volume ls", "network ls", "volume prune -f", "version", "frobnicate", "ps --filter status=exited"])),
        10 => format!("docker {} {}", random.pick(&["volume create", "volume rm", "volume inspect", "network create", "network rm", "network inspect"]), random.pick(&["vol", "net", "data", "bridge"])),
        11 => format!("docker network {} {} {name}", random.pick(&["connect", "disconnect", "connect --alias db"]), random.pick(&["net", "bridge"])),
        12 => format!("docker {} {image}", random.pick(&["pull", "rmi", "push", "history", "tag alpine"])),
        13 => random.pick(&["printf 'FROM alpine\\nRUN echo hi\\nCMD [\"echo\", \"x\"]\\n' > Dockerfile", "printf 'FROM alpine AS a\\nRUN false\\nFROM a\\n' > Dockerfile", "printf 'FROOM x\\n' > Dockerfile", "printf 'FROM alpine\\nCOPY . /app\\nWORKDIR /app\\n' > Dockerfile", "echo node_modules > .dockerignore"]).to_string(),
        14 => format!("docker build {} .", random.pick(&["-t app", "-q -t app", "--no-cache -t app:v2", "--target a -t t", "--progress=plain", "-f Missing"])),
        15 => random.pick(&["curl localhost:8000", "curl -s localhost:8001/x", "curl web", "curl -i localhost:5000", "wget localhost"]).to_string(),
        16 => random.pick(&["mkdir -p site/a", "echo hi > site/index.html", "cd site", "cd ..", "ls -la", "rm -rf site", "cat <<EOF > f\nline $HOME\nEOF", "cat f | grep line | wc -l", "echo $(docker ps -q) | wc -w", "ls nothing 2>&1 | head -n 1"]).to_string(),
        17 => format!("sleep {}", random.pick(&["1", "11", "1m", "0.5", "x"])),
        18 => random.pick(&["^C", "^D", "^P^Q"]).to_string(),
        19 => random.pick(&["exit", "exit 3", "echo inside", "ls", "cd /tmp && touch x"]).to_string(),
        20 => format!("docker login -u me -p pw {}", random.pick(&["", "localhost:5000"])),
        _ => random.pick(&["docker run -it alpine sh", "docker run -it debian bash", "docker run -d -p 5000:5000 --name registry registry:2", "docker compose up"]).to_string(),
    }
}

/// A line of junk: quotes, operators, escapes, control characters, long words.
fn junk_line(random: &mut Random) -> String {
    const PIECES: &[&str] = &["'", "\"", "`", "$(", ")", "${", "}", "\\", "|", "||", "&&", ";", ";;", "&", ">", ">>", "<", "<<", "<<EOF", "2>&1", "$", "$?", "~", "#", "*", "!", "(", "docker", "-", "--", "=", "\t", " ", "é", "漢", "\u{1b}[2J", "\0", "x", "run", "-it", "exit", "EOF", "{{", "}}"];
    let length = 1 + random.below(24);
    let mut line: String = (0..length).map(|_| PIECES[random.below(PIECES.len())]).collect();
    if random.chance(2) {
        line.push_str(&"a".repeat(10_000));
    }
    line
}

fn type_line(engine: &mut Engine, line: &str) -> usize {
    let outcome = match line {
        "^C" => engine.interrupt(),
        "^D" => engine.end_of_input(),
        "^P^Q" => engine.detach(),
        _ => engine.run(line),
    };
    outcome.text().len()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

#[test]
fn drawn_sequences_and_junk_never_panic_or_run_unbounded() {
    let cases = env_number("DOCKSIDE_PROPERTY_CASES", 100_000);
    let seed = env_number("DOCKSIDE_PROPERTY_SEED", 20_261_121);
    let mut random = Random(seed);
    let mut lines_typed = 0u64;
    // Sessions of a few lines each: a fresh engine every so often keeps cases independent.
    let mut case = 0;
    while case < cases {
        let mut engine = Engine::new(random.next());
        for _ in 0..10 {
            if case >= cases {
                break;
            }
            case += 1;
            let line = if random.chance(75) { grammar_line(&mut random) } else { junk_line(&mut random) };
            let size = type_line(&mut engine, &line);
            assert!(size <= MAX_OUTPUT_BYTES, "case {case} (seed {seed}): {size} bytes of output for {line:?}");
            if random.chance(10) {
                let _ = engine.advance(random.next() % (366 * 24 * 3600 * 1000));
            }
            lines_typed += 1;
        }
    }
    assert_eq!(lines_typed, cases);
}

/// A sample of drawn sessions replays from its log to the same bytes and state.
#[test]
fn drawn_sessions_replay_to_the_same_bytes() {
    let mut random = Random(env_number("DOCKSIDE_PROPERTY_SEED", 20_261_121) ^ 1);
    for _ in 0..200 {
        let mut engine = Engine::new(random.next());
        let mut outputs = Vec::new();
        for _ in 0..12 {
            let line = grammar_line(&mut random);
            outputs.push(match line.as_str() {
                "^C" => engine.interrupt(),
                "^D" => engine.end_of_input(),
                "^P^Q" => engine.detach(),
                _ => engine.run(&line),
            });
        }
        let log: &Session = engine.session();
        let (replayed, replayed_outputs) = Engine::replay(log);
        assert_eq!(replayed_outputs, outputs);
        assert_eq!(replayed.snapshot(), engine.snapshot());
    }
}
