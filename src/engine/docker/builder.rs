//! `docker build`: stages, steps and the build cache with its real invalidation rules, and
//! BuildKit's progress output.
//!
//! Rules (../shared/reference/fidelity.md §5): RUN is matched by its command text only;
//! COPY and ADD by the checksum of what they copy (not its modification time); once a step
//! misses the cache, every later step runs; BuildKit builds only the stages the target
//! needs. A step's cache key is its parent's key plus what the step depends on.

use std::collections::BTreeMap;

use super::dockerfile::{self, Form, Instruction};
use super::image::{ImageConfig, Reference, Userland};
use super::{Docker, Image};
use crate::engine::fs::{self, Entry, Fs, Subtree};
use crate::engine::interpreter::{Flavor, Shell, World};
use crate::engine::{Event, SimTime};

/// What a build was asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The context directory on the host (absolute).
    pub context: String,
    /// The Dockerfile's path on the host (absolute).
    pub dockerfile: String,
    pub tags: Vec<String>,
    pub target: Option<String>,
    pub no_cache: bool,
    pub build_args: Vec<(String, String)>,
    /// Whether progress goes to a terminal (BuildKit's `auto` progress: the TTY view there,
    /// plain text elsewhere).
    pub tty: bool,
}

/// An image being built: one stage's state after some steps.
#[derive(Debug, Clone)]
pub struct State {
    pub config: ImageConfig,
    pub fs: Fs,
    pub userland: Userland,
    pub programs: Vec<&'static str>,
    pub size: u64,
    /// (created by, size) for `docker history`, oldest first.
    pub history: Vec<(String, u64)>,
    /// The cache key of the last step.
    pub key: String,
    /// Whether this stage set CMD itself (ENTRYPOINT resets only an inherited one).
    cmd_set: bool,
    /// SHELL's command for shell-form instructions; empty for the default.
    shell: Vec<String>,
}

/// What the finished build printed and made.
pub struct Outcome {
    pub text: String,
    pub image: Option<usize>,
    /// How long it took on the simulated clock (milliseconds).
    pub millis: u64,
    pub failed: bool,
}

/// One line of BuildKit's progress: the step, whether it was cached, its time.
struct Line {
    text: String,
    millis: u64,
    /// What a RUN step printed (plain progress shows it).
    output: String,
}

/// A cheap, stable content hash (FNV-1a) for cache keys.
fn hash(parts: &[&str]) -> String {
    let mut value: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            value ^= u64::from(byte);
            value = value.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{value:016x}")
}

/// 64 hex digits derived from a key, for image IDs and digests that stay the same for the
/// same build.
pub(super) fn hex64(parts: &[&str]) -> String {
    let seed = u64::from_str_radix(&hash(parts), 16).unwrap_or_default();
    // splitmix64's steps spread the one hash over four words, so that the digits look as
    // random as a real sha256 (FNV of nearly equal keys repeats whole runs of digits).
    (1..=4u64)
        .map(|round| {
            let mut value = seed.wrapping_add(round.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            format!("{:016x}", value ^ (value >> 31))
        })
        .collect()
}

/// The checksum of a subtree's contents and modes (not its times), for COPY's cache key.
fn checksum(files: &Subtree) -> String {
    let text: Vec<String> = files.iter().map(|(path, entry)| format!("{path}:{:o}:{}", entry.mode, entry.contents().unwrap_or("/"))).collect();
    hash(&text.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Whether a `.dockerignore` pattern matches a path relative to the context.
fn ignored(patterns: &[(bool, String)], path: &str) -> bool {
    let mut result = false;
    for (negated, pattern) in patterns {
        if glob(pattern, path) || path.starts_with(&format!("{pattern}/")) {
            result = !negated;
        }
    }
    result
}

/// `*` (within a path component), `**` (any components) and `?` globbing.
fn glob(pattern: &str, path: &str) -> bool {
    fn matches(pattern: &[u8], text: &[u8]) -> bool {
        match (pattern.first(), text.first()) {
            (None, None) => true,
            (Some(b'*'), _) if pattern.get(1) == Some(&b'*') => {
                let rest = pattern[2..].strip_prefix(b"/").unwrap_or(&pattern[2..]);
                (0..=text.len()).any(|skip| matches(rest, &text[skip..]))
            }
            (Some(b'*'), _) => (0..=text.len()).take_while(|skip| *skip == 0 || text[skip - 1] != b'/').any(|skip| matches(&pattern[1..], &text[skip..])),
            (Some(b'?'), Some(c)) if *c != b'/' => matches(&pattern[1..], &text[1..]),
            (Some(p), Some(c)) if p == c => matches(&pattern[1..], &text[1..]),
            _ => false,
        }
    }
    let pattern = pattern.trim_start_matches("./").trim_start_matches('/').trim_end_matches('/');
    matches(pattern.as_bytes(), path.as_bytes())
}

/// The build context: the host directory's files minus what `.dockerignore` excludes.
fn context_files(host: &Fs, context: &str) -> Subtree {
    let patterns: Vec<(bool, String)> = host
        .get(&format!("{}/.dockerignore", context.trim_end_matches('/')))
        .and_then(Entry::contents)
        .map(|text| text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).map(|line| match line.strip_prefix('!') {
            Some(rest) => (true, rest.trim().to_string()),
            None => (false, line.to_string()),
        }).collect())
        .unwrap_or_default();
    host.subtree(context).into_iter().filter(|(path, _)| path.is_empty() || !ignored(&patterns, path.trim_start_matches('/'))).collect()
}

/// Substitutes `$VAR` and `${VAR}` from build args and ENV, as the Dockerfile does in
/// most instructions.
fn substitute(text: &str, variables: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        let braced = chars.peek() == Some(&'{');
        if braced {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&next) = chars.peek() {
            if next == '_' || next.is_ascii_alphanumeric() {
                name.push(next);
                chars.next();
            } else {
                break;
            }
        }
        if braced {
            // `${VAR:-default}` keeps its default when VAR is unset.
            let mut rest = String::new();
            for next in chars.by_ref() {
                if next == '}' {
                    break;
                }
                rest.push(next);
            }
            match (variables.get(&name), rest.strip_prefix(":-")) {
                (Some(value), _) if !value.is_empty() => out.push_str(value),
                (_, Some(default)) => out.push_str(default),
                (Some(value), None) => out.push_str(value),
                (None, None) => {}
            }
        } else if name.is_empty() {
            out.push('$');
        } else if let Some(value) = variables.get(&name) {
            out.push_str(value);
        }
    }
    out
}

/// A stage of the Dockerfile.
struct Stage {
    name: Option<String>,
    base: String,
    /// The FROM instruction's line.
    from: Instruction,
    instructions: Vec<Instruction>,
}

/// Runs a build against the engine.
pub fn build(docker: &mut Docker, host: &mut Fs, request: &Request, now: SimTime, events: &mut Vec<Event>) -> Outcome {
    let mut lines: Vec<Line> = Vec::new();
    let tty = request.tty;
    let fail = |lines: Vec<Line>, detail: String, millis: u64| Outcome { text: render(&lines, millis, tty) + &detail, image: None, millis, failed: true };
    let Some(text) = host.get(&request.dockerfile).and_then(Entry::contents).map(str::to_string) else {
        let name = fs::file_name(&request.dockerfile).to_string();
        lines.push(Line { text: "[internal] load build definition from Dockerfile".into(), millis: 0, output: String::new() });
        return fail(lines, format!("ERROR: failed to build: failed to solve: failed to read dockerfile: open {name}: no such file or directory\n"), 0);
    };
    lines.push(Line { text: format!("[internal] load build definition from {}", fs::file_name(&request.dockerfile)), millis: 0, output: String::new() });
    lines.push(Line { text: format!("=> transferring dockerfile: {}B", text.len()), millis: 0, output: String::new() });
    let instructions = match dockerfile::parse(&text) {
        Ok(instructions) => instructions,
        Err(error) => return fail(lines, format!("{}ERROR: failed to build: failed to solve: dockerfile parse error on line {}: {}\n", snippet(&text, error.line, error.line), error.line, error.message), 0),
    };

    let mut clock_start = 0u64;
    // Global ARGs (before the first FROM) and --build-arg values.
    let mut global_args: BTreeMap<String, String> = BTreeMap::new();
    let mut stages: Vec<Stage> = Vec::new();
    for instruction in instructions {
        if instruction.keyword == "FROM" {
            let expanded = substitute(&instruction.arguments, &global_args);
            let words: Vec<&str> = expanded.split_whitespace().filter(|word| !word.starts_with("--platform")).collect();
            let (base, name) = match words.as_slice() {
                [base, as_word, name] if as_word.eq_ignore_ascii_case("as") => (base.to_string(), Some(name.to_ascii_lowercase())),
                [base, ..] => (base.to_string(), None),
                [] => (String::new(), None),
            };
            stages.push(Stage { name, base, from: instruction, instructions: Vec::new() });
        } else if let Some(stage) = stages.last_mut() {
            stage.instructions.push(instruction);
        } else if instruction.keyword == "ARG" {
            for (key, value) in dockerfile::key_values(&instruction.arguments) {
                let value = request.build_args.iter().find(|(name, _)| *name == key).map(|(_, value)| value.clone()).unwrap_or(value);
                global_args.insert(key, value);
            }
        }
    }
    // The stages the target needs, in order (BuildKit skips the rest).
    let target_index = match &request.target {
        Some(target) => match stages.iter().position(|stage| stage.name.as_deref() == Some(&target.to_ascii_lowercase())) {
            Some(index) => index,
            None => return fail(lines, format!("ERROR: failed to build: failed to solve: target stage \"{target}\" could not be found\n"), 0),
        },
        None => stages.len() - 1,
    };
    let mut needed = vec![false; stages.len()];
    mark_needed(&stages, target_index, &mut needed);

    // BuildKit resolves every base image first, then reads .dockerignore.
    for (stage_index, stage) in stages.iter().enumerate() {
        let is_stage = stages[..stage_index].iter().any(|earlier| earlier.name.as_deref() == Some(&stage.base.to_ascii_lowercase()));
        if !needed[stage_index] || is_stage {
            continue;
        }
        if let Ok(reference) = Reference::parse(&stage.base) {
            let line = format!("[internal] load metadata for {}", reference.full());
            if !lines.iter().any(|existing| existing.text == line) {
                lines.push(Line { text: line, millis: 900, output: String::new() });
                clock_start += 900;
            }
        }
    }
    lines.push(Line { text: "[internal] load .dockerignore".into(), millis: 0, output: String::new() });
    lines.push(Line { text: "=> transferring context: 2B".into(), millis: 0, output: String::new() });
    let context = context_files(host, &request.context);
    let uses_context = stages.iter().enumerate().any(|(index, stage)| needed[index] && stage.instructions.iter().any(|instruction| matches!(instruction.keyword.as_str(), "COPY" | "ADD") && !instruction.arguments.contains("--from=")));
    let mut clock = clock_start;
    let mut built: Vec<Option<State>> = vec![None; stages.len()];
    let multi = stages.len() > 1;
    let mut context_announced = false;
    for (stage_index, stage) in stages.iter().enumerate() {
        if !needed[stage_index] {
            continue;
        }
        let label = stage.name.clone().unwrap_or_else(|| format!("stage-{stage_index}"));
        let step_count = 1 + stage.instructions.iter().filter(|instruction| matches!(instruction.keyword.as_str(), "RUN" | "COPY" | "ADD" | "WORKDIR")).count();
        let prefix = |step: usize| if multi { format!("[{label} {step}/{step_count}]") } else { format!("[{step}/{step_count}]") };
        // FROM: an earlier stage, or an image (pulled if missing).
        let mut state = match stages[..stage_index].iter().position(|earlier| earlier.name.as_deref() == Some(&stage.base.to_ascii_lowercase())) {
            Some(earlier) => built[earlier].clone().expect("an earlier needed stage is built"),
            None => {
                let reference = match Reference::parse(&stage.base) {
                    Ok(reference) => reference,
                    Err(message) => return fail(lines, format!("ERROR: failed to build: failed to solve: failed to parse stage name \"{}\": {message}\n", stage.base), clock),
                };
                let index = match docker.image_index(&stage.base) {
                    Some(index) => Some(index),
                    None if super::image::find(&reference).is_some() => {
                        events.push(Event::ImagePulled { reference: reference.familiar() });
                        clock += 2_000;
                        Some(docker.store_pulled(&reference, now + clock))
                    }
                    None => None,
                };
                let Some(index) = index else {
                    let metadata = format!("[internal] load metadata for {}", reference.full());
                    if let Some(line) = lines.iter_mut().find(|line| line.text == metadata) {
                        line.text = format!("ERROR {metadata}");
                    }
                    return fail(lines, format!("------\n > [internal] load metadata for {}:\n------\n{}ERROR: failed to build: failed to solve: {}: failed to resolve source metadata for {}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n", reference.full(), snippet(&text, stage.from.line, stage.from.line), stage.base, reference.full()), clock);
                };
                let image = &docker.images[index];
                State {
                    config: image.config.clone(),
                    fs: image.fs.clone(),
                    userland: image.userland,
                    programs: image.programs.clone(),
                    size: image.size,
                    history: image.history.clone(),
                    key: hash(&["from", &image.id]),
                    cmd_set: false,
                    shell: Vec::new(),
                }
            }
        };
        let from_text = match Reference::parse(&stage.base) {
            // BuildKit shows the digest it resolved: the registry's for a catalogue image (the
            // same one pulls print), the image's own digest otherwise.
            Ok(reference) if !stages[..stage_index].iter().any(|earlier| earlier.name.as_deref() == Some(&stage.base.to_ascii_lowercase())) => {
                let digest = super::image::find(&reference).map_or_else(|| format!("sha256:{}", hex64(&[&reference.full(), "digest"])), |catalog| catalog.digest());
                format!("{}@{digest}", reference.full())
            }
            _ => stage.base.clone(),
        };
        lines.push(Line { text: format!("{} FROM {from_text}", prefix(1)), millis: 0, output: String::new() });
        if uses_context && !context_announced {
            context_announced = true;
            let total: usize = context.iter().filter_map(|(_, entry)| entry.contents()).map(str::len).sum();
            lines.push(Line { text: "[internal] load build context".into(), millis: 0, output: String::new() });
            lines.push(Line { text: format!("=> transferring context: {}", super::format::human_size(total as u64)), millis: 0, output: String::new() });
        }
        let mut variables: BTreeMap<String, String> = global_args.clone();
        for entry in &state.config.env {
            if let Some((key, value)) = entry.split_once('=') {
                variables.insert(key.to_string(), value.to_string());
            }
        }
        let mut step = 1;
        let mut cache_broken = request.no_cache;
        for instruction in &stage.instructions {
            let arguments = if matches!(instruction.keyword.as_str(), "RUN" | "CMD" | "ENTRYPOINT" | "SHELL" | "HEALTHCHECK") { instruction.arguments.clone() } else { substitute(&instruction.arguments, &variables) };
            match instruction.keyword.as_str() {
                "RUN" | "COPY" | "ADD" | "WORKDIR" => {
                    step += 1;
                    let shown = format!("{} {} {}", prefix(step), instruction.keyword, arguments);
                    // What the step depends on, beyond its parent.
                    let sources = if matches!(instruction.keyword.as_str(), "COPY" | "ADD") {
                        match copy_sources(&arguments, &context, &stages, &built, docker) {
                            Ok(found) => found,
                            Err(message) => {
                                lines.push(Line { text: format!("ERROR {shown}"), millis: 0, output: String::new() });
                                return fail(lines, format!("------\n > {shown}:\n------\n{}ERROR: failed to build: failed to solve: {message}\n", snippet(&text, instruction.line, instruction.end_line)), clock);
                            }
                        }
                    } else {
                        Vec::new()
                    };
                    let dependency = match instruction.keyword.as_str() {
                        "RUN" => {
                            let build_args: Vec<String> = variables.iter().filter(|(key, _)| global_args.contains_key(*key)).map(|(key, value)| format!("{key}={value}")).collect();
                            build_args.join(" ")
                        }
                        _ => sources.iter().map(|(_, files)| checksum(files)).collect::<Vec<_>>().join(","),
                    };
                    let key = hash(&[&state.key, &instruction.keyword, &arguments, &dependency]);
                    if !cache_broken
                        && let Some(cached) = docker.build_cache.get(&key) {
                            state = cached.clone();
                            lines.push(Line { text: format!("CACHED {shown}"), millis: 0, output: String::new() });
                            events.push(Event::LayerCached { step: shown.clone() });
                            continue;
                        }
                    // From here on nothing comes from the cache.
                    cache_broken = true;
                    let before = state.fs.clone();
                    let (millis, result) = match instruction.keyword.as_str() {
                        "RUN" => run_step(&mut state, &arguments, &variables, now + clock),
                        "WORKDIR" => {
                            let path = fs::absolute(&if state.config.working_dir.is_empty() { "/".to_string() } else { state.config.working_dir.clone() }, &arguments);
                            ensure_dir(&mut state.fs, &path, now + clock);
                            state.config.working_dir = path;
                            (50, Ok(String::new()))
                        }
                        _ => (100, copy_step(&mut state, &arguments, &sources, now + clock).map(|()| String::new())),
                    };
                    clock += millis;
                    let output = match result {
                        Ok(output) => output,
                        Err(output) => {
                        lines.push(Line { text: format!("ERROR {shown}"), millis, output: String::new() });
                        let command = Form::parse(&arguments).to_command(&if state.shell.is_empty() { vec!["/bin/sh".into(), "-c".into()] } else { state.shell.clone() });
                        let quoted = command.join(" ");
                        return fail(lines, format!("------\n > {shown}:\n{}------\n{}ERROR: failed to build: failed to solve: process \"{quoted}\" did not complete successfully: exit code: {}\n", output.0.lines().map(|line| format!("0.{:03} {line}\n", 100 + (millis % 800))).collect::<String>(), snippet(&text, instruction.line, instruction.end_line), output.1), clock);
                        }
                    };
                    let added = layer_size(&before, &state.fs) + if instruction.keyword == "RUN" { installed_size(&arguments) } else { 0 };
                    state.size += added;
                    state.history.push((history_row(&state, &instruction.keyword, &arguments), added));
                    state.key = key.clone();
                    docker.build_cache.insert(key, state.clone());
                    lines.push(Line { text: shown, millis, output });
                    events.push(Event::LayerBuilt { step: format!("{} {} {}", prefix(step), instruction.keyword, arguments) });
                }
                keyword => {
                    let row = history_row(&state, keyword, &arguments);
                    apply_metadata(&mut state, keyword, &arguments, &mut variables, request);
                    state.history.push((row, 0));
                    state.key = hash(&[&state.key, keyword, &arguments]);
                }
            }
        }
        built[stage_index] = Some(state);
    }
    let final_state = built[target_index].clone().expect("the target stage is built");
    let id = format!("sha256:{}", hex64(&[&final_state.key, "image"]));
    clock += 300;
    lines.push(Line { text: "exporting to image".into(), millis: 300, output: String::new() });
    lines.push(Line { text: "=> exporting layers".into(), millis: 200, output: String::new() });
    lines.push(Line { text: format!("=> exporting manifest sha256:{}", hex64(&[&id, "manifest"])), millis: 0, output: String::new() });
    lines.push(Line { text: format!("=> exporting config sha256:{}", hex64(&[&id, "config"])), millis: 0, output: String::new() });
    let mut tags = Vec::new();
    for tag in &request.tags {
        if let Ok(reference) = Reference::parse(tag) {
            lines.push(Line { text: format!("=> naming to {}", reference.full()), millis: 0, output: String::new() });
            lines.push(Line { text: format!("=> unpacking to {}", reference.full()), millis: 0, output: String::new() });
            tags.push(reference.familiar());
        }
    }
    // The new image takes its tags from any image that had them (which becomes dangling).
    for image in &mut docker.images {
        image.tags.retain(|tag| !tags.contains(tag));
    }
    let index = match docker.images.iter().position(|image| image.id == id) {
        Some(index) => {
            docker.images[index].tags.extend(tags.clone());
            index
        }
        None => {
            docker.images.push(Image { id, tags: tags.clone(), repo_digests: Vec::new(), config: final_state.config.clone(), size: final_state.size, created: now + clock, userland: final_state.userland, programs: final_state.programs.clone(), fs: final_state.fs.clone(), history: final_state.history.clone() });
            docker.images.len() - 1
        }
    };
    events.push(Event::ImageBuilt { tags });
    Outcome { text: render(&lines, clock, tty), image: Some(index), millis: clock, failed: false }
}

/// Marks a stage and the stages it copies from or builds on.
fn mark_needed(stages: &[Stage], index: usize, needed: &mut [bool]) {
    if needed[index] {
        return;
    }
    needed[index] = true;
    let stage = &stages[index];
    let mut depends: Vec<String> = vec![stage.base.to_ascii_lowercase()];
    for instruction in &stage.instructions {
        if matches!(instruction.keyword.as_str(), "COPY" | "ADD")
            && let Some(from) = instruction.arguments.split_whitespace().find_map(|word| word.strip_prefix("--from=")) {
                depends.push(from.to_ascii_lowercase());
            }
    }
    for dependency in depends {
        let by_name = stages[..index].iter().position(|earlier| earlier.name.as_deref() == Some(dependency.as_str()));
        let by_number = dependency.parse::<usize>().ok().filter(|number| *number < index);
        if let Some(earlier) = by_name.or(by_number) {
            mark_needed(stages, earlier, needed);
        }
    }
}

/// COPY's and ADD's sources: each (destination name, files), from the context or another
/// stage (`--from`). Errors read as BuildKit's.
fn copy_sources(arguments: &str, context: &Subtree, stages: &[Stage], built: &[Option<State>], docker: &Docker) -> Result<Vec<(String, Subtree)>, String> {
    let words: Vec<&str> = arguments.split_whitespace().collect();
    let from = words.iter().find_map(|word| word.strip_prefix("--from="));
    let operands: Vec<&str> = words.iter().copied().filter(|word| !word.starts_with("--")).collect();
    if operands.len() < 2 {
        return Err("COPY requires at least two arguments".into());
    }
    let source_tree: Subtree = match from {
        None => context.clone(),
        Some(from) => {
            let lower = from.to_ascii_lowercase();
            let stage = stages.iter().position(|stage| stage.name.as_deref() == Some(lower.as_str())).or_else(|| lower.parse::<usize>().ok());
            match stage.and_then(|index| built.get(index).cloned().flatten()) {
                Some(state) => state.fs.subtree("/"),
                None => match docker.image_index(from) {
                    Some(index) => docker.images[index].fs.subtree("/"),
                    None => return Err(format!("failed to resolve source metadata for {from}: not found")),
                },
            }
        }
    };
    // BuildKit names the snapshot it looked in; a stable made-up reference stands for it.
    let reference = format!("{}::{}", &hex64(&[arguments, "ref"])[..25], &hex64(&[arguments, "snapshot"])[..25]);
    let mut found = Vec::new();
    for source in &operands[..operands.len() - 1] {
        let wanted = fs::absolute("/", source);
        let wanted = if wanted == "/" { String::new() } else { wanted };
        let matched: Vec<(String, Entry)> = if source.contains('*') {
            source_tree.iter().filter(|(path, _)| glob(source.trim_start_matches("./"), path.trim_start_matches('/'))).cloned().collect()
        } else {
            source_tree.iter().filter(|(path, _)| *path == wanted || path.starts_with(&format!("{wanted}/"))).map(|(path, entry)| (path[wanted.len()..].to_string(), entry.clone())).collect()
        };
        if matched.is_empty() {
            return Err(format!("failed to compute cache key: failed to calculate checksum of ref {reference}: \"{}\": not found", if wanted.is_empty() { "/" } else { &wanted }));
        }
        let name = fs::file_name(if wanted.is_empty() { "/" } else { &wanted }).to_string();
        if source.contains('*') {
            for (path, entry) in matched {
                found.push((fs::file_name(&path).to_string(), vec![(String::new(), entry)]));
            }
        } else {
            found.push((name, matched));
        }
    }
    Ok(found)
}

/// COPY: files into the image, owned by root (or `--chown`), relative to WORKDIR.
fn copy_step(state: &mut State, arguments: &str, sources: &[(String, Subtree)], now: SimTime) -> Result<(), (String, i32)> {
    let words: Vec<&str> = arguments.split_whitespace().collect();
    let chown = words.iter().find_map(|word| word.strip_prefix("--chown=")).map(|owner| {
        let (user, group) = owner.split_once(':').unwrap_or((owner, owner));
        (user.parse().unwrap_or(0), group.parse().unwrap_or(0))
    });
    let destination = words.iter().copied().rfind(|word| !word.starts_with("--")).unwrap_or(".");
    let workdir = if state.config.working_dir.is_empty() { "/".to_string() } else { state.config.working_dir.clone() };
    let target = fs::absolute(&workdir, destination);
    let into_dir = destination.ends_with('/') || destination == "." || sources.len() > 1 || state.fs.get(&target).is_some_and(Entry::is_dir);
    for (name, files) in sources {
        let single_file = files.len() == 1 && files[0].0.is_empty() && !files[0].1.is_dir();
        let place = if single_file && into_dir { format!("{}/{name}", target.trim_end_matches('/')) } else { target.clone() };
        if single_file || files.iter().any(|(path, _)| path.is_empty()) {
            ensure_dir(&mut state.fs, fs::parent(&place), now);
        }
        for (relative, entry) in files {
            let mut entry = entry.clone();
            let (uid, gid) = chown.unwrap_or((0, 0));
            entry.uid = uid;
            entry.gid = gid;
            let path = if relative.is_empty() { place.clone() } else { format!("{}{relative}", place.trim_end_matches('/')) };
            if relative.is_empty() && entry.is_dir() && state.fs.get(&path).is_some_and(Entry::is_dir) {
                continue;
            }
            state.fs.put(&path, entry);
        }
    }
    Ok(())
}

/// RUN: the command in the image's shell, as root (or USER), on the image's files. Returns
/// its time, and on failure its output and exit code.
fn run_step(state: &mut State, arguments: &str, variables: &BTreeMap<String, String>, now: SimTime) -> (u64, Result<String, (String, i32)>) {
    let form = Form::parse(arguments);
    let shell_form = matches!(form, Form::Shell(_));
    let script = match form {
        Form::Exec(words) => super::quote_words(&words),
        Form::Shell(text) => text,
    };
    // SHELL ["/bin/bash", "-c"] runs bash, which numbers `-c` lines (`/bin/bash: line 1: …`).
    let bash = state.shell.first().is_some_and(|program| fs::file_name(program) == "bash");
    let flavor = if bash { Flavor::Bash } else if state.userland == Userland::Busybox { Flavor::Ash } else { Flavor::Dash };
    let mut programs: Vec<&'static str> = super::process::userland_programs(state.userland).to_vec();
    programs.extend(state.programs.iter().copied());
    let env: Vec<String> = state.config.env.iter().cloned().chain(variables.iter().map(|(key, value)| format!("{key}={value}"))).collect();
    let mut shell = Shell::container(flavor, "buildkitsandbox", &env, &state.config.working_dir, programs, false);
    // RUN runs as the USER set so far (a user the image does not list: UNVERIFIED how
    // BuildKit words it, so the step runs as root here).
    if !state.config.user.is_empty()
        && let Ok(user) = super::resolve_user(&state.fs, &state.config.user) {
            super::set_user(&mut shell, user, &env);
        }
    // The shell form runs as `/bin/sh -c "…"` (or the SHELL set): the shell's messages
    // begin with `$0` as given, `/bin/sh: foo: not found` (busybox ash) or
    // `/bin/sh: 1: foo: not found` (dash).
    if shell_form {
        shell.arg0 = Some(state.shell.first().cloned().unwrap_or_else(|| "/bin/sh".to_string()));
        shell.in_script = bash;
    }
    let mut world = World { fs: std::mem::take(&mut state.fs), now, docker: Docker::default(), cwd: "/".into(), net: None, client_env: Vec::new() };
    let mut outcome = crate::engine::Outcome::default();
    let _ = crate::engine::interpreter::run_text(&mut shell, &mut world, &script, &mut outcome);
    state.fs = world.fs;
    if let Some(programs) = shell.programs {
        let base: Vec<&'static str> = super::process::userland_programs(state.userland).to_vec();
        state.programs = programs.into_iter().filter(|program| !base.contains(program)).collect();
    }
    let millis = 300 + world.now.saturating_sub(now) + install_time(&script);
    if shell.last_status == 0 { (millis, Ok(outcome.text())) } else { (millis, Err((outcome.text(), shell.last_status))) }
}

/// Package installs take a while.
fn install_time(script: &str) -> u64 {
    ["apk add", "apt-get install", "pip install", "npm install", "npm ci", "bundle install", "go build", "go mod download"].iter().filter(|command| script.contains(*command)).count() as u64 * 6_000
}

/// What package installs add to an image.
fn installed_size(script: &str) -> u64 {
    ["apk add", "apt-get install", "pip install", "npm install", "npm ci", "bundle install", "go build", "go mod download"].iter().filter(|command| script.contains(*command)).count() as u64 * 45_000_000
}

/// The bytes a step added or changed.
fn layer_size(before: &Fs, after: &Fs) -> u64 {
    after.tree("/").iter().filter_map(|path| {
        let entry = after.get(path)?;
        let changed = before.get(path) != Some(entry);
        changed.then(|| entry.contents().map_or(0, |contents| contents.len() as u64))
    }).sum()
}

/// `mkdir -p` as root.
fn ensure_dir(fs: &mut Fs, path: &str, now: SimTime) {
    if fs.get(path).is_none() {
        fs.put(path, Entry::dir(0o755, 0, 0, now));
    }
}

/// CMD, ENTRYPOINT, ENV, ARG, EXPOSE, VOLUME, USER, LABEL, STOPSIGNAL, SHELL and HEALTHCHECK:
/// configuration only, no layer.
/// An instruction's CREATED BY row as BuildKit records it (moby/buildkit
/// `dockerfile2llb/convert.go`): RUN as the command it ran and COPY/ADD without their flags,
/// both marked ` # buildkit`; CMD and ENTRYPOINT as Go prints a string slice with `%q`; EXPOSE
/// as a Go map, VOLUME as a Go slice; ENV and LABEL as `key=value` pairs.
fn history_row(state: &State, keyword: &str, arguments: &str) -> String {
    let shell: Vec<String> = if state.shell.is_empty() { vec!["/bin/sh".into(), "-c".into()] } else { state.shell.clone() };
    let go_quoted = |items: &[String]| format!("[{}]", items.iter().map(|item| format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))).collect::<Vec<_>>().join(" "));
    match keyword {
        "RUN" => format!("RUN {} # buildkit", Form::parse(arguments).to_command(&shell).join(" ")),
        "COPY" | "ADD" => format!("{keyword} {} # buildkit", arguments.split_whitespace().skip_while(|word| word.starts_with("--")).collect::<Vec<_>>().join(" ")),
        "CMD" | "ENTRYPOINT" => format!("{keyword} {}", go_quoted(&Form::parse(arguments).to_command(&shell))),
        "EXPOSE" => {
            let mut ports: Vec<String> = arguments.split_whitespace().map(|port| if port.contains('/') { port.to_string() } else { format!("{port}/tcp") }).collect();
            ports.sort();
            ports.dedup();
            format!("EXPOSE map[{}]", ports.iter().map(|port| format!("{port}:{{}}")).collect::<Vec<_>>().join(" "))
        }
        "VOLUME" => {
            let paths = match Form::parse(arguments) {
                Form::Exec(paths) => paths,
                Form::Shell(text) => text.split_whitespace().map(String::from).collect(),
            };
            format!("VOLUME [{}]", paths.join(" "))
        }
        "ENV" | "LABEL" => format!("{keyword} {}", dockerfile::key_values(arguments).iter().map(|(key, value)| format!("{key}={value}")).collect::<Vec<_>>().join(" ")),
        _ => format!("{keyword} {arguments}"),
    }
}

fn apply_metadata(state: &mut State, keyword: &str, arguments: &str, variables: &mut BTreeMap<String, String>, request: &Request) {
    // SHELL changes what shell form runs under (default ["/bin/sh", "-c"]).
    let shell: Vec<String> = if state.shell.is_empty() { vec!["/bin/sh".into(), "-c".into()] } else { state.shell.clone() };
    match keyword {
        "CMD" => {
            state.config.cmd = Some(Form::parse(arguments).to_command(&shell));
            state.cmd_set = true;
        }
        "ENTRYPOINT" => {
            state.config.entrypoint = Some(Form::parse(arguments).to_command(&shell));
            // "If CMD is defined from the base image, setting ENTRYPOINT will reset CMD to an
            // empty value" (the Dockerfile reference).
            if !state.cmd_set {
                state.config.cmd = None;
            }
        }
        "ENV" => {
            for (key, value) in dockerfile::key_values(arguments) {
                state.config.env.retain(|entry| entry.split('=').next() != Some(key.as_str()));
                state.config.env.push(format!("{key}={value}"));
                variables.insert(key, value);
            }
        }
        "ARG" => {
            for (key, value) in dockerfile::key_values(arguments) {
                let value = request.build_args.iter().find(|(name, _)| *name == key).map(|(_, value)| value.clone()).unwrap_or(value);
                variables.insert(key, value);
            }
        }
        "EXPOSE" => {
            for port in arguments.split_whitespace() {
                let port = if port.contains('/') { port.to_string() } else { format!("{port}/tcp") };
                if !state.config.exposed_ports.contains(&port) {
                    state.config.exposed_ports.push(port);
                }
            }
        }
        "VOLUME" => {
            let paths = match Form::parse(arguments) {
                Form::Exec(paths) => paths,
                Form::Shell(text) => text.split_whitespace().map(String::from).collect(),
            };
            for path in paths {
                if !state.config.volumes.contains(&path) {
                    state.config.volumes.push(path);
                }
            }
        }
        "USER" => state.config.user = arguments.to_string(),
        "LABEL" => {
            for (key, value) in dockerfile::key_values(arguments) {
                state.config.labels.retain(|(existing, _)| *existing != key);
                state.config.labels.push((key, value));
            }
        }
        "HEALTHCHECK" => state.config.healthcheck = Some(arguments.to_string()),
        "SHELL" => {
            if let Form::Exec(words) = Form::parse(arguments) {
                state.shell = words;
            }
        }
        "STOPSIGNAL" => state.config.stop_signal = Some(arguments.to_string()),
        _ => {}
    }
}

/// BuildKit's excerpt of the Dockerfile around a failing instruction.
fn snippet(text: &str, line: usize, end_line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if line == 0 || lines.is_empty() {
        return String::new();
    }
    let first = line.saturating_sub(2).max(1);
    let last = (end_line + 1).min(lines.len());
    let mut out = format!("Dockerfile:{line}\n--------------------\n");
    for number in first..=last {
        let marker = if (line..=end_line).contains(&number) { ">>>" } else { "   " };
        out.push_str(&format!("{number:>4} | {marker} {}\n", lines[number - 1]).replace("    \n", "\n"));
    }
    out.push_str("--------------------\n");
    out
}

/// BuildKit's progress: the TTY view in a terminal, plain text otherwise.
fn render(lines: &[Line], millis: u64, tty: bool) -> String {
    if tty { render_tty(lines, millis) } else { render_plain(lines) }
}

/// BuildKit's plain progress (`--progress=plain`, or any output that is not a terminal):
/// numbered vertices, their details, RUN output with timestamps, CACHED or DONE.
fn render_plain(lines: &[Line]) -> String {
    let mut out = String::from("#0 building with \"default\" instance using docker driver\n\n");
    let mut number = 0;
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        index += 1;
        number += 1;
        let (status, title) = if let Some(rest) = line.text.strip_prefix("CACHED ") {
            ("CACHED".to_string(), rest)
        } else if let Some(rest) = line.text.strip_prefix("ERROR ") {
            ("ERROR".to_string(), rest)
        } else {
            (format!("DONE {}", super::format::seconds(line.millis)), line.text.as_str())
        };
        out.push_str(&format!("#{number} {title}\n"));
        while index < lines.len() && lines[index].text.starts_with("=> ") {
            out.push_str(&format!("#{number} {} done\n", &lines[index].text[3..]));
            index += 1;
        }
        for (position, output_line) in line.output.lines().enumerate() {
            out.push_str(&format!("#{number} 0.{:03} {output_line}\n", (100 + position * 3).min(999)));
        }
        if status != "ERROR" {
            out.push_str(&format!("#{number} {status}\n\n"));
        }
    }
    out
}

/// BuildKit's final screen in an 80-column terminal: the header (FINISHED once the display
/// is done, failed or not), then each step with its time at the right edge.
fn render_tty(lines: &[Line], millis: u64) -> String {
    let width = 80;
    let steps = lines.iter().filter(|line| !line.text.starts_with("=>")).count();
    let header = format!("[+] Building {} ({steps}/{steps}) FINISHED", super::format::seconds(millis));
    let mut out = format!("{header:<width$}", width = width - "docker:default".len());
    out.push_str("docker:default\n");
    for line in lines {
        let time = super::format::seconds(line.millis);
        let body = format!(" => {}", line.text);
        let room = width.saturating_sub(time.len() + 1);
        let body: String = if body.chars().count() > room { body.chars().take(room.saturating_sub(1)).collect() } else { body };
        out.push_str(&format!("{body:<room$} {time}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerignore_patterns() {
        let patterns = vec![(false, "node_modules".to_string()), (false, "*.log".to_string()), (false, "**/*.tmp".to_string()), (true, "keep.log".to_string())];
        assert!(ignored(&patterns, "node_modules"));
        assert!(ignored(&patterns, "node_modules/x/y.js"));
        assert!(ignored(&patterns, "debug.log"));
        assert!(!ignored(&patterns, "keep.log"));
        assert!(ignored(&patterns, "a/b/c.tmp"));
        assert!(!ignored(&patterns, "src/app.py"));
    }

    #[test]
    fn variables_substitute_as_in_a_dockerfile() {
        let variables: BTreeMap<String, String> = [("APP".to_string(), "/srv".to_string())].into();
        assert_eq!(substitute("$APP/bin ${APP}x ${NOPE:-dflt} $$", &variables), "/srv/bin /srvx dflt $$");
    }
}
