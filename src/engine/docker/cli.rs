//! The `docker` command line (CLI 29): flags the way cobra and pflag parse them, the
//! sub-commands, their output formats, and their errors and exit codes.

mod containers;

use super::format::{self, human_duration, human_size, short_id, table};
use super::image::{self, Reference};
use super::{ContainerSpec, Docker, PortBinding, Status, timing};
use crate::engine::Event;
use crate::engine::interpreter::{ExecOptions, Flavor, Io, Job, World};

/// One flag of a sub-command.
struct Flag {
    long: &'static str,
    short: Option<char>,
    /// Whether it takes a value.
    value: bool,
}

const fn flag(long: &'static str, short: Option<char>, value: bool) -> Flag {
    Flag { long, short, value }
}

/// A sub-command's grammar: its usage line, summary and flags.
struct Grammar {
    usage: &'static str,
    summary: &'static str,
    flags: &'static [Flag],
    /// Whether flags stop at the first operand (`docker run IMAGE -x` passes `-x` on).
    stop_at_operand: bool,
}

const RUN_FLAGS: &[Flag] = &[
    flag("detach", Some('d'), false),
    flag("interactive", Some('i'), false),
    flag("tty", Some('t'), false),
    flag("rm", None, false),
    flag("name", None, true),
    flag("env", Some('e'), true),
    flag("env-file", None, true),
    flag("publish", Some('p'), true),
    flag("publish-all", Some('P'), false),
    flag("volume", Some('v'), true),
    flag("mount", None, true),
    flag("tmpfs", None, true),
    flag("network", None, true),
    flag("network-alias", None, true),
    flag("entrypoint", None, true),
    flag("user", Some('u'), true),
    flag("workdir", Some('w'), true),
    flag("restart", None, true),
    flag("init", None, false),
    flag("read-only", None, false),
    flag("hostname", Some('h'), true),
    flag("stop-signal", None, true),
    flag("stop-timeout", None, true),
    flag("label", Some('l'), true),
    flag("help", None, false),
];

const RUN: Grammar = Grammar { usage: "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]", summary: "Create and run a new container from an image", flags: RUN_FLAGS, stop_at_operand: true };
const CREATE: Grammar = Grammar { usage: "docker create [OPTIONS] IMAGE [COMMAND] [ARG...]", summary: "Create a new container", flags: RUN_FLAGS, stop_at_operand: true };
const PS: Grammar = Grammar {
    usage: "docker ps [OPTIONS]",
    summary: "List containers",
    flags: &[flag("all", Some('a'), false), flag("quiet", Some('q'), false), flag("no-trunc", None, false), flag("filter", Some('f'), true), flag("format", None, true), flag("latest", Some('l'), false), flag("size", Some('s'), false), flag("help", None, false)],
    stop_at_operand: false,
};
const STOP: Grammar = Grammar { usage: "docker stop [OPTIONS] CONTAINER [CONTAINER...]", summary: "Stop one or more running containers", flags: &[flag("time", Some('t'), true), flag("timeout", None, true), flag("signal", Some('s'), true), flag("help", None, false)], stop_at_operand: false };
const RESTART: Grammar = Grammar { usage: "docker restart [OPTIONS] CONTAINER [CONTAINER...]", summary: "Restart one or more containers", flags: &[flag("time", Some('t'), true), flag("timeout", None, true), flag("signal", Some('s'), true), flag("help", None, false)], stop_at_operand: false };
const KILL: Grammar = Grammar { usage: "docker kill [OPTIONS] CONTAINER [CONTAINER...]", summary: "Kill one or more running containers", flags: &[flag("signal", Some('s'), true), flag("help", None, false)], stop_at_operand: false };
const START: Grammar = Grammar { usage: "docker start [OPTIONS] CONTAINER [CONTAINER...]", summary: "Start one or more stopped containers", flags: &[flag("attach", Some('a'), false), flag("interactive", Some('i'), false), flag("help", None, false)], stop_at_operand: false };
const RM: Grammar = Grammar { usage: "docker rm [OPTIONS] CONTAINER [CONTAINER...]", summary: "Remove one or more containers", flags: &[flag("force", Some('f'), false), flag("volumes", Some('v'), false), flag("link", Some('l'), false), flag("help", None, false)], stop_at_operand: false };
const LOGS: Grammar = Grammar {
    usage: "docker logs [OPTIONS] CONTAINER",
    summary: "Fetch the logs of a container",
    flags: &[flag("follow", Some('f'), false), flag("tail", Some('n'), true), flag("timestamps", Some('t'), false), flag("since", None, true), flag("until", None, true), flag("details", None, false), flag("help", None, false)],
    stop_at_operand: false,
};
const IMAGES: Grammar = Grammar {
    usage: "docker images [OPTIONS] [REPOSITORY[:TAG]]",
    summary: "List images",
    flags: &[flag("all", Some('a'), false), flag("quiet", Some('q'), false), flag("no-trunc", None, false), flag("digests", None, false), flag("format", None, true), flag("filter", Some('f'), true), flag("tree", None, false), flag("help", None, false)],
    stop_at_operand: false,
};
const PULL: Grammar = Grammar { usage: "docker pull [OPTIONS] NAME[:TAG|@DIGEST]", summary: "Download an image from a registry", flags: &[flag("all-tags", Some('a'), false), flag("quiet", Some('q'), false), flag("platform", None, true), flag("help", None, false)], stop_at_operand: false };
const EXEC: Grammar = Grammar {
    usage: "docker exec [OPTIONS] CONTAINER COMMAND [ARG...]",
    summary: "Execute a command in a running container",
    flags: &[flag("detach", Some('d'), false), flag("interactive", Some('i'), false), flag("tty", Some('t'), false), flag("env", Some('e'), true), flag("workdir", Some('w'), true), flag("user", Some('u'), true), flag("privileged", None, false), flag("help", None, false)],
    stop_at_operand: true,
};
const ATTACH: Grammar = Grammar { usage: "docker attach [OPTIONS] CONTAINER", summary: "Attach local standard input, output, and error streams to a running container", flags: &[flag("no-stdin", None, false), flag("sig-proxy", None, false), flag("help", None, false)], stop_at_operand: false };
const VOLUME_CREATE: Grammar = Grammar { usage: "docker volume create [OPTIONS] [VOLUME]", summary: "Create a volume", flags: &[flag("driver", Some('d'), true), flag("label", None, true), flag("opt", Some('o'), true), flag("name", None, true), flag("help", None, false)], stop_at_operand: false };
const VOLUME_LS: Grammar = Grammar { usage: "docker volume ls [OPTIONS]", summary: "List volumes", flags: &[flag("quiet", Some('q'), false), flag("filter", Some('f'), true), flag("format", None, true), flag("help", None, false)], stop_at_operand: false };
const VOLUME_INSPECT: Grammar = Grammar { usage: "docker volume inspect [OPTIONS] VOLUME [VOLUME...]", summary: "Display detailed information on one or more volumes", flags: &[flag("format", Some('f'), true), flag("help", None, false)], stop_at_operand: false };
const VOLUME_RM: Grammar = Grammar { usage: "docker volume rm [OPTIONS] VOLUME [VOLUME...]", summary: "Remove one or more volumes", flags: &[flag("force", Some('f'), false), flag("help", None, false)], stop_at_operand: false };
const VOLUME_PRUNE: Grammar = Grammar { usage: "docker volume prune [OPTIONS]", summary: "Remove unused local volumes", flags: &[flag("all", Some('a'), false), flag("force", Some('f'), false), flag("filter", None, true), flag("help", None, false)], stop_at_operand: false };
const NETWORK_CREATE: Grammar = Grammar { usage: "docker network create [OPTIONS] NETWORK", summary: "Create a network", flags: &[flag("driver", Some('d'), true), flag("subnet", None, true), flag("gateway", None, true), flag("internal", None, false), flag("label", None, true), flag("attachable", None, false), flag("help", None, false)], stop_at_operand: false };
const NETWORK_LS: Grammar = Grammar { usage: "docker network ls [OPTIONS]", summary: "List networks", flags: &[flag("quiet", Some('q'), false), flag("filter", Some('f'), true), flag("format", None, true), flag("no-trunc", None, false), flag("help", None, false)], stop_at_operand: false };
const NETWORK_INSPECT: Grammar = Grammar { usage: "docker network inspect [OPTIONS] NETWORK [NETWORK...]", summary: "Display detailed information on one or more networks", flags: &[flag("format", Some('f'), true), flag("verbose", Some('v'), false), flag("help", None, false)], stop_at_operand: false };
const NETWORK_RM: Grammar = Grammar { usage: "docker network rm NETWORK [NETWORK...]", summary: "Remove one or more networks", flags: &[flag("force", Some('f'), false), flag("help", None, false)], stop_at_operand: false };
const NETWORK_CONNECT: Grammar = Grammar { usage: "docker network connect [OPTIONS] NETWORK CONTAINER", summary: "Connect a container to a network", flags: &[flag("alias", None, true), flag("ip", None, true), flag("help", None, false)], stop_at_operand: false };
const NETWORK_DISCONNECT: Grammar = Grammar { usage: "docker network disconnect [OPTIONS] NETWORK CONTAINER", summary: "Disconnect a container from a network", flags: &[flag("force", Some('f'), false), flag("help", None, false)], stop_at_operand: false };
const BUILD: Grammar = Grammar {
    usage: "docker buildx build [OPTIONS] PATH | URL | -",
    summary: "Start a build",
    flags: &[flag("tag", Some('t'), true), flag("file", Some('f'), true), flag("target", None, true), flag("no-cache", None, false), flag("build-arg", None, true), flag("quiet", Some('q'), false), flag("progress", None, true), flag("pull", None, false), flag("help", None, false)],
    stop_at_operand: false,
};
const HISTORY: Grammar = Grammar { usage: "docker history [OPTIONS] IMAGE", summary: "Show the history of an image", flags: &[flag("no-trunc", None, false), flag("quiet", Some('q'), false), flag("human", Some('H'), false), flag("format", None, true), flag("help", None, false)], stop_at_operand: false };
const TAG: Grammar = Grammar { usage: "docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", summary: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", flags: &[flag("help", None, false)], stop_at_operand: false };
const RMI: Grammar = Grammar { usage: "docker rmi [OPTIONS] IMAGE [IMAGE...]", summary: "Remove one or more images", flags: &[flag("force", Some('f'), false), flag("no-prune", None, false), flag("help", None, false)], stop_at_operand: false };
const PUSH: Grammar = Grammar { usage: "docker push [OPTIONS] NAME[:TAG]", summary: "Upload an image to a registry", flags: &[flag("all-tags", Some('a'), false), flag("quiet", Some('q'), false), flag("help", None, false)], stop_at_operand: false };
const LOGIN: Grammar = Grammar { usage: "docker login [OPTIONS] [SERVER]", summary: "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.", flags: &[flag("username", Some('u'), true), flag("password", Some('p'), true), flag("password-stdin", None, false), flag("help", None, false)], stop_at_operand: false };
const COMPOSE: Grammar = Grammar { usage: "docker compose [OPTIONS] COMMAND", summary: "Define and run multi-container applications with Docker", flags: &[flag("file", Some('f'), true), flag("project-name", Some('p'), true), flag("help", None, false)], stop_at_operand: true };
const IMAGE_PRUNE: Grammar = Grammar { usage: "docker image prune [OPTIONS]", summary: "Remove unused images", flags: &[flag("all", Some('a'), false), flag("force", Some('f'), false), flag("filter", None, true), flag("help", None, false)], stop_at_operand: false };
const IMAGE_INSPECT: Grammar = Grammar { usage: "docker image inspect [OPTIONS] IMAGE [IMAGE...]", summary: "Display detailed information on one or more images", flags: &[flag("format", Some('f'), true), flag("platform", None, true), flag("help", None, false)], stop_at_operand: false };
const INSPECT: Grammar = Grammar { usage: "docker inspect [OPTIONS] NAME|ID [NAME|ID...]", summary: "Return low-level information on Docker objects", flags: &[flag("format", Some('f'), true), flag("size", Some('s'), false), flag("type", None, true), flag("help", None, false)], stop_at_operand: false };

/// Parsed flags: (long name, value) in order, and the operands.
pub(super) struct Parsed {
    flags: Vec<(&'static str, String)>,
    pub(super) operands: Vec<String>,
}

impl Parsed {
    pub(super) fn has(&self, long: &str) -> bool {
        self.flags.iter().any(|(name, _)| *name == long)
    }

    pub(super) fn value(&self, long: &str) -> Option<&str> {
        self.flags.iter().rev().find(|(name, _)| *name == long).map(|(_, value)| value.as_str())
    }

    fn values(&self, long: &str) -> Vec<String> {
        self.flags.iter().filter(|(name, _)| *name == long).map(|(_, value)| value.clone()).collect()
    }
}

/// The CLI's usage error: the message, a blank line, the usage line, a blank line and the
/// pointer to `--help`, with exit status 125 (docker/cli `cli/required.go`, v28 and later).
fn usage_error(io: &mut Io, grammar: &Grammar, message: &str) -> i32 {
    let command = grammar.usage.split(" [").next().unwrap_or(grammar.usage).split(' ').take(2).collect::<Vec<_>>().join(" ");
    io.err(format!("{message}\n\nUsage:  {}\n\nRun '{command} --help' for more information\n", grammar.usage));
    125
}

/// `docker: <message>` with the pointer to `--help`, as `docker run` reports daemon errors.
pub(super) fn run_error(io: &mut Io, command: &str, message: &str) {
    io.err(format!("docker: {message}\n\nRun 'docker {command} --help' for more information\n"));
}

fn help(io: &mut Io, grammar: &Grammar) -> i32 {
    let mut text = format!("\nUsage:  {}\n\n{}\n\nOptions:\n", grammar.usage, grammar.summary);
    for flag in grammar.flags {
        let short = flag.short.map(|c| format!("-{c}, ")).unwrap_or_else(|| "    ".into());
        let value = if flag.value { " string" } else { "" };
        text.push_str(&format!("  {short}--{}{value}\n", flag.long));
    }
    io.out(text);
    0
}

/// Parses a sub-command's arguments; `--help` prints its help. Either way `Err` carries the
/// status to exit with when the command should not go on.
fn parse_command(grammar: &Grammar, args: &[String], io: &mut Io) -> Result<Parsed, i32> {
    let parsed = parse(grammar, args, io)?;
    if parsed.has("help") {
        return Err(help(io, grammar));
    }
    Ok(parsed)
}

/// Parses arguments with pflag's rules: `--name value`, `--name=value`, `-d`, clustered
/// `-dit`, `-p 80:80`, `-p80:80`; unknown flags are errors.
fn parse(grammar: &Grammar, args: &[String], io: &mut Io) -> Result<Parsed, i32> {
    let mut parsed = Parsed { flags: Vec::new(), operands: Vec::new() };
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        index += 1;
        if !parsed.operands.is_empty() && grammar.stop_at_operand {
            parsed.operands.push(arg.clone());
            continue;
        }
        if arg == "--" {
            parsed.operands.extend(args[index..].iter().cloned());
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (long, None),
            };
            let Some(flag) = grammar.flags.iter().find(|flag| flag.long == name) else {
                return Err(usage_error(io, grammar, &format!("unknown flag: --{name}")));
            };
            let value = if flag.value {
                match inline.or_else(|| args.get(index).cloned().inspect(|_| index += 1)) {
                    Some(value) => value,
                    None => return Err(usage_error(io, grammar, &format!("flag needs an argument: --{name}"))),
                }
            } else {
                inline.unwrap_or_else(|| "true".into())
            };
            parsed.flags.push((flag.long, value));
            continue;
        }
        let Some(cluster) = arg.strip_prefix('-').filter(|cluster| !cluster.is_empty()) else {
            parsed.operands.push(arg.clone());
            continue;
        };
        for (at, c) in cluster.char_indices() {
            let Some(flag) = grammar.flags.iter().find(|flag| flag.short == Some(c)) else {
                return Err(usage_error(io, grammar, &format!("unknown shorthand flag: '{c}' in -{cluster}")));
            };
            if flag.value {
                let rest = &cluster[at + c.len_utf8()..];
                let rest = rest.strip_prefix('=').unwrap_or(rest);
                let value = if !rest.is_empty() {
                    rest.to_string()
                } else if let Some(next) = args.get(index) {
                    index += 1;
                    next.clone()
                } else {
                    return Err(usage_error(io, grammar, &format!("flag needs an argument: '{c}' in -{c}")));
                };
                parsed.flags.push((flag.long, value));
                break;
            }
            parsed.flags.push((flag.long, "true".into()));
        }
    }
    Ok(parsed)
}

/// An `-e`/`--env-file` entry as the daemon gets it: `NAME=value` as it is; a bare `NAME`
/// takes its value from the docker command's own environment (docker/cli `opts.ValidateEnv`
/// looks it up), and stays bare when that does not have it, which the daemon reads as
/// "unset NAME" (moby `ReplaceOrAppendEnvValues`: "Values w/o = means they want this env to
/// be removed/unset").
fn client_value(world: &World, entry: &str) -> Option<String> {
    if entry.contains('=') {
        return Some(entry.to_string());
    }
    Some(world.client_env.iter().find(|(name, _)| name == entry).map_or_else(|| entry.to_string(), |(name, value)| format!("{name}={value}")))
}

/// `docker …`: runs a sub-command against the world's engine; `cwd` is the host shell's
/// working directory, for relative paths (`-v ./site:/usr/share/nginx/html`, `--env-file`).
pub fn run(world: &mut World, cwd: &str, args: &[String], io: &mut Io) -> i32 {
    let previous = std::mem::replace(&mut world.cwd, cwd.to_string());
    let status = dispatch(world, args, io);
    world.cwd = previous;
    status
}

fn dispatch(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        io.out(TOP_HELP);
        return 0;
    };
    let rest: Vec<String> = rest.to_vec();
    match command.as_str() {
        "run" => run_container(world, &rest, io),
        "create" => create_container(world, &rest, io),
        "ps" => ps(world, &rest, io, false),
        "container" => match rest.split_first() {
            Some((sub, tail)) if sub == "ls" || sub == "list" => ps(world, tail, io, false),
            Some((sub, tail)) if ["run", "create", "start", "stop", "restart", "kill", "rm", "logs", "inspect", "exec", "attach", "pause", "unpause", "top", "port", "diff", "rename", "wait", "stats", "cp", "commit"].contains(&sub.as_str()) => {
                let mut forwarded = vec![sub.clone()];
                forwarded.extend(tail.iter().cloned());
                dispatch(world, &forwarded, io)
            }
            _ => unknown_command(io, &format!("container {}", rest.first().map(String::as_str).unwrap_or(""))),
        },
        "start" => start(world, &rest, io),
        "stop" => stop(world, &rest, io, false),
        "restart" => stop(world, &rest, io, true),
        "kill" => kill(world, &rest, io),
        "rm" => rm(world, &rest, io),
        "logs" => logs(world, &rest, io),
        "images" => images(world, &rest, io),
        "image" => match rest.split_first() {
            Some((sub, tail)) if sub == "ls" || sub == "list" => images(world, tail, io),
            Some((sub, tail)) if sub == "pull" => pull(world, tail, io),
            Some((sub, tail)) if sub == "build" => build(world, tail, io),
            Some((sub, tail)) if sub == "push" => push(world, tail, io),
            Some((sub, tail)) if sub == "history" => history(world, tail, io),
            Some((sub, tail)) if sub == "tag" => tag(world, tail, io),
            Some((sub, tail)) if sub == "rm" => rmi(world, tail, io),
            Some((sub, tail)) if sub == "inspect" => image_inspect(world, tail, io),
            Some((sub, tail)) if sub == "prune" => image_prune(world, tail, io),
            _ => unknown_command(io, &format!("image {}", rest.first().map(String::as_str).unwrap_or(""))),
        },
        "pull" => pull(world, &rest, io),
        "exec" => exec(world, &rest, io),
        "compose" => {
            let parsed = match parse(&COMPOSE, &rest, io) {
                Ok(parsed) => parsed,
                Err(status) => return status,
            };
            if parsed.has("help") && parsed.operands.is_empty() {
                return help(io, &COMPOSE);
            }
            super::compose::run(world, &parsed, io)
        }
        "build" => build(world, &rest, io),
        "buildx" if rest.first().map(String::as_str) == Some("build") => build(world, &rest[1..], io),
        "history" => history(world, &rest, io),
        "tag" => tag(world, &rest, io),
        "rmi" => rmi(world, &rest, io),
        "push" => push(world, &rest, io),
        "login" => login(world, &rest, io),
        "logout" => {
            let server = rest.first().cloned().unwrap_or_else(|| "docker.io".into());
            world.docker.logins.retain(|known| *known != server);
            io.out(format!("Removing login credentials for {}\n", if server == "docker.io" { "https://index.docker.io/v1/" } else { &server }));
            0
        }
        "volume" => volume(world, &rest, io),
        "network" => network(world, &rest, io),
        "attach" => attach(world, &rest, io),
        "inspect" => inspect(world, &rest, io),
        "--version" | "-v" => {
            io.out("Docker version 29.0.2, build 8108357\n");
            0
        }
        "--help" | "help" => {
            io.out(TOP_HELP);
            0
        }
        other => containers::run(world, other, &rest, io).unwrap_or_else(|| unknown_command(io, other)),
    }
}

const TOP_HELP: &str = "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n  ps          List containers\n  images      List images\n  pull        Download an image from a registry\n  logs        Fetch the logs of a container\n  inspect     Return low-level information on Docker objects\n\nContainer Commands:\n  create      Create a new container\n  kill        Kill one or more running containers\n  restart     Restart one or more containers\n  rm          Remove one or more containers\n  start       Start one or more stopped containers\n  stop        Stop one or more running containers\n\nRun 'docker COMMAND --help' for more information on a command.\n";

/// An unknown sub-command (docker/cli `cmd/docker/docker.go`, v28 and later). UNVERIFIED:
/// the wording is from CLI 28's source; kept here so it can be corrected in one place.
fn unknown_command(io: &mut Io, command: &str) -> i32 {
    io.err(format!("docker: unknown command: docker {}\n\nRun 'docker --help' for more information\n", command.trim()));
    1
}

/// Turns `run`/`create` flags into a container spec, or a usage error.
fn spec_from(parsed: &Parsed, grammar: &Grammar, io: &mut Io, world: &World) -> Result<ContainerSpec, i32> {
    let Some(image) = parsed.operands.first().cloned() else {
        return Err(usage_error(io, grammar, &format!("\"{}\" requires at least 1 argument.", grammar.usage.split(' ').take(2).collect::<Vec<_>>().join(" "))));
    };
    let restart = parsed.value("restart").unwrap_or("no").to_string();
    if parsed.has("rm") && restart != "no" {
        run_error(io, grammar.usage.split(' ').nth(1).unwrap_or("run"), "conflicting options: cannot specify both --restart and --rm");
        return Err(125);
    }
    let mut env = Vec::new();
    for file in parsed.values("env-file") {
        let path = crate::engine::fs::absolute(&world.cwd, &file);
        match world.fs.read(&path, crate::engine::fs::User { uid: 1000, gid: 1000 }) {
            Ok(text) => env.extend(text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).filter_map(|entry| client_value(world, entry))),
            Err(error) => {
                run_error(io, "run", &format!("open {file}: {}", error.message().to_lowercase()));
                return Err(125);
            }
        }
    }
    env.extend(parsed.values("env").iter().filter_map(|entry| client_value(world, entry)));
    let mut ports = Vec::new();
    for publish in parsed.values("publish") {
        match parse_publish(&publish) {
            Some(binding) => ports.push(binding),
            None => {
                run_error(io, "run", &format!("invalid argument \"{publish}\" for \"-p, --publish\" flag: invalid publish format"));
                return Err(125);
            }
        }
    }
    let stop_timeout = match parsed.value("stop-timeout") {
        Some(value) => match value.parse() {
            Ok(seconds) => Some(seconds),
            Err(_) => return Err(usage_error(io, grammar, &format!("invalid argument \"{value}\" for \"--stop-timeout\" flag: strconv.ParseInt: parsing \"{value}\": invalid syntax"))),
        },
        None => None,
    };
    let mut mounts = Vec::new();
    for volume in parsed.values("volume") {
        match super::storage::parse_volume_flag(&volume, &world.cwd) {
            Ok(request) => mounts.push(request),
            Err(message) => {
                run_error(io, "run", &format!("Error response from daemon: {message}"));
                return Err(125);
            }
        }
    }
    for mount in parsed.values("mount") {
        match super::storage::parse_mount_flag(&mount, &world.cwd) {
            Ok(request) => mounts.push(request),
            Err(message) => {
                run_error(io, "run", &message);
                return Err(125);
            }
        }
    }
    for target in parsed.values("tmpfs") {
        let target = target.split(':').next().unwrap_or(&target).to_string();
        mounts.push(super::storage::MountRequest { kind: super::storage::RequestKind::Tmpfs, target, read_only: false, no_copy: false });
    }
    Ok(ContainerSpec {
        network: parsed.value("network").or(parsed.value("net")).map(String::from),
        network_aliases: parsed.values("network-alias"),
        mounts,
        read_only: parsed.has("read-only"),
        name: parsed.value("name").map(String::from),
        image,
        entrypoint: parsed.value("entrypoint").map(|value| if value.is_empty() { Vec::new() } else { vec![value.to_string()] }),
        args: parsed.operands[1..].to_vec(),
        env,
        working_dir: parsed.value("workdir").map(String::from),
        user: parsed.value("user").map(String::from),
        hostname: parsed.value("hostname").map(String::from),
        interactive: parsed.has("interactive"),
        tty: parsed.has("tty"),
        auto_remove: parsed.has("rm"),
        init: parsed.has("init"),
        ports,
        publish_all: parsed.has("publish-all"),
        labels: parsed.values("label"),
        stop_signal: parsed.value("stop-signal").map(String::from),
        stop_timeout,
        restart,
    })
}

/// `-p [ip:][host:]container[/proto]`.
pub(super) fn parse_publish(text: &str) -> Option<PortBinding> {
    let (text, protocol) = match text.split_once('/') {
        Some((ports, protocol)) => (ports, protocol.to_string()),
        None => (text, "tcp".to_string()),
    };
    let parts: Vec<&str> = text.split(':').collect();
    let (host_ip, host_port, container_port) = match parts.as_slice() {
        [container] => (String::new(), *container, *container),
        [host, container] => (String::new(), *host, *container),
        [ip, host, container] => (ip.to_string(), *host, *container),
        _ => return None,
    };
    Some(PortBinding { host_ip, host_port: host_port.parse().ok()?, container_port: container_port.parse().ok()?, protocol })
}

/// Makes sure an image is local, pulling it as `docker run` does (progress on stderr).
/// Returns its index, or the exit code after printing the error.
fn ensure_image(world: &mut World, name: &str, io: &mut Io, command: &str) -> Result<usize, i32> {
    if let Some(index) = world.docker.image_index(name) {
        return Ok(index);
    }
    let reference = match Reference::parse_pullable(name) {
        Ok(reference) => reference,
        Err(message) => {
            run_error(io, command, &message);
            return Err(125);
        }
    };
    io.err(format!("Unable to find image '{}' locally\n", reference.familiar()));
    match pull_reference(world, &reference, io, true) {
        Ok(index) => Ok(index),
        Err(message) => {
            run_error(io, command, &format!("Error response from daemon: {message}"));
            Err(125)
        }
    }
}

/// Pulls an image if it is missing, as Compose does before it starts services.
pub(super) fn ensure_image_quietly(world: &mut World, name: &str, io: &mut Io) -> Result<usize, i32> {
    if let Some(index) = world.docker.image_index(name) {
        return Ok(index);
    }
    let reference = Reference::parse(name).map_err(|message| {
        io.err(format!("{message}\n"));
        1
    })?;
    let mut quiet = Io::default();
    match pull_reference(world, &reference, &mut quiet, true) {
        Ok(index) => {
            io.events.extend(quiet.events);
            io.err(format!("[+] Pulling 1/1\n ✔ {} Pulled\n", reference.familiar_name()));
            Ok(index)
        }
        Err(message) => {
            io.err(format!("Error response from daemon: {message}\n"));
            Err(1)
        }
    }
}

/// A private registry (`localhost:5000`) answers only while a registry container publishes
/// its port; other hosts do not exist in the simulated world.
fn registry_unreachable(world: &World, reference: &Reference) -> Option<String> {
    if reference.registry == "docker.io" {
        return None;
    }
    let (host, port) = reference.registry.rsplit_once(':').map_or((reference.registry.as_str(), 443), |(host, port)| (host, port.parse().unwrap_or(443)));
    if host == "localhost" || host == "127.0.0.1" {
        let serving = world.docker.containers.iter().any(|container| container.status == Status::Running && container.program.as_ref().is_some_and(|program| program.listens.contains(&5000)) && container.spec.ports.iter().any(|binding| binding.host_port == port && binding.container_port == 5000));
        if serving {
            return None;
        }
        return Some(format!("Get \"http://{host}:{port}/v2/\": dial tcp [::1]:{port}: connect: connection refused"));
    }
    Some(format!("Get \"https://{}/v2/\": dial tcp: lookup {host} on 127.0.0.53:53: no such host", reference.registry))
}

/// What the registry holds under a reference: an image pushed there earlier, or a
/// catalogue image (Docker Hub). `Err` is the daemon's error text.
enum Remote {
    Pushed(Box<super::Image>),
    Catalog(&'static image::CatalogImage),
}

/// Asks the registry for a reference, as every pull does first (even of an image that is
/// already local): an unreachable registry or an unknown name fails here.
fn resolve_remote(world: &World, reference: &Reference) -> Result<Remote, String> {
    if let Some(error) = registry_unreachable(world, reference) {
        return Err(error);
    }
    let pushed = match &reference.digest {
        Some(digest) => world.docker.pushed.iter().find(|(key, image)| image.id == *digest && key.rsplit_once(':').is_some_and(|(name, _)| name == format!("{}/{}", reference.registry, reference.path))).map(|(_, image)| image),
        None => world.docker.pushed.get(&reference.full()),
    };
    if let Some(pushed) = pushed {
        return Ok(Remote::Pushed(Box::new(pushed.clone())));
    }
    if let Some(catalog) = image::find(reference) {
        return Ok(Remote::Catalog(catalog));
    }
    let repository_known = image::find_repository(reference).is_some() || world.docker.pushed.keys().any(|key| key.rsplit_once(':').is_some_and(|(name, _)| name == format!("{}/{}", reference.registry, reference.path)));
    if reference.digest.is_some() && repository_known {
        // containerd's resolver answers a digest the registry does not hold with `not found`
        // (UNVERIFIED: from containerd's remotes/docker resolver, not captured live).
        return Err(format!("failed to resolve reference \"{0}\": {0}: not found", reference.full()));
    }
    if reference.registry != "docker.io" {
        return Err(format!("manifest for {} not found: manifest unknown: manifest unknown", reference.full().trim_start_matches("docker.io/")));
    }
    Err(format!("pull access denied for {}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", reference.familiar_name()))
}

/// The first line of a pull: `latest: Pulling from library/nginx`, or the whole reference
/// when it pins a digest (moby `daemon/containerd/image_pull.go`).
fn pulling_from(reference: &Reference) -> String {
    let tag_or_digest = if reference.digest.is_some() { reference.full() } else { reference.tag.clone() };
    format!("{tag_or_digest}: Pulling from {}\n", reference.path)
}

/// Pulls from the simulated registry, printing progress to stderr (`to_stderr`) or stdout.
fn pull_reference(world: &mut World, reference: &Reference, io: &mut Io, to_stderr: bool) -> Result<usize, String> {
    let remote = resolve_remote(world, reference)?;
    let mut text = pulling_from(reference);
    let (digest, mut layer_ids) = match &remote {
        Remote::Pushed(pushed) => (pushed.id.clone(), image::layer_ids(&pushed.history)),
        Remote::Catalog(catalog) => (catalog.digest(), image::layer_ids(&catalog.history())),
    };
    // With every layer already local (the same image under another name), the containerd
    // store shows no layer progress at all (moby `daemon/containerd/image_pull.go`).
    if world.docker.images.iter().any(|image| image.id == digest) {
        layer_ids.clear();
    }
    for layer in &layer_ids {
        text.push_str(&format!("{layer}: Pull complete\n"));
    }
    text.push_str(&format!("Digest: {digest}\nStatus: Downloaded newer image for {}\n", reference.familiar()));
    if to_stderr {
        io.err(text);
    } else {
        io.out(text);
    }
    world.now += timing::PULL_LAYER * layer_ids.len() as u64;
    io.events.push(Event::ImagePulled { reference: reference.familiar() });
    match remote {
        Remote::Catalog(_) => Ok(world.docker.store_pulled(reference, world.now)),
        Remote::Pushed(pushed) => {
            // An image pushed earlier comes back down with its own ID.
            let repo_digest = format!("{}@{}", reference.familiar_name(), pushed.id);
            let tag = reference.digest.is_none().then(|| reference.familiar());
            if let Some(tag) = &tag {
                for image in &mut world.docker.images {
                    image.tags.retain(|existing| existing != tag);
                }
            }
            let index = match world.docker.images.iter().position(|image| image.id == pushed.id) {
                Some(index) => index,
                None => {
                    world.docker.images.push(super::Image { tags: Vec::new(), repo_digests: Vec::new(), ..*pushed });
                    world.docker.images.len() - 1
                }
            };
            let image = &mut world.docker.images[index];
            image.tags.extend(tag);
            if !image.repo_digests.contains(&repo_digest) {
                image.repo_digests.push(repo_digest);
            }
            Ok(index)
        }
    }
}

fn run_container(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&RUN, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let spec = match spec_from(&parsed, &RUN, io, world) {
        Ok(spec) => spec,
        Err(status) => return status,
    };
    let detach = parsed.has("detach");
    let image_index = match ensure_image(world, &spec.image.clone(), io, "run") {
        Ok(index) => index,
        Err(status) => return status,
    };
    let now = world.now;
    let index = match world.docker.create(spec, image_index, &mut world.fs, now, &mut io.events) {
        Ok(index) => index,
        Err(message) => {
            run_error(io, "run", &format!("Error response from daemon: {message}"));
            return 125;
        }
    };
    // A detached run prints the ID only once the container has started (docker/cli run.go).
    if let Some(conflict) = port_conflict(&world.docker, index) {
        let id = world.docker.containers[index].id.clone();
        run_error(io, "run", &format!("Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint {} ({id}): Bind for 0.0.0.0:{conflict} failed: port is already allocated", world.docker.containers[index].name));
        return 125;
    }
    let start_time = world.now + timing::CONTAINER_START;
    world.now = start_time;
    if let Err((message, code)) = world.docker.start(index, &mut world.fs, start_time, &mut io.events) {
        run_error(io, "run", &format!("Error response from daemon: {message}"));
        world.docker.containers[index].exit_code = code;
        if world.docker.containers[index].spec.auto_remove {
            world.docker.containers.remove(index);
        }
        return code;
    }
    let container = &world.docker.containers[index];
    if detach {
        io.out(format!("{}\n", container.id));
        world.docker.remove_auto_removed(&mut io.events);
        return 0;
    }
    // Attached: the container's output streams to the terminal.
    for (_, stderr, text) in &container.logs {
        if *stderr && !container.spec.tty { io.err(text.clone()) } else { io.out(text.clone()) }
    }
    let status = container.status;
    let code = container.exit_code;
    if status == Status::Running {
        let job = job_for(container, false);
        // An interpreter greets the terminal before its first prompt.
        if let Job::Repl { language, .. } = &job {
            io.out(language.banner(&container.env));
        }
        io.foreground = Some(job);
        return 0;
    }
    world.docker.remove_auto_removed(&mut io.events);
    code
}

/// What the terminal does with a running container it is attached to: a shell prompt when
/// PID 1 is a shell reading the terminal (`-i`), otherwise the container's output.
fn job_for(container: &super::Container, exec: bool) -> Job {
    let pid1 = container.program.as_ref().map(|program| program.pid1.clone()).unwrap_or_default();
    match (container.spec.interactive, pid1.first().map(|name| name.rsplit('/').next().unwrap_or(name))) {
        (true, Some("bash")) if pid1.len() == 1 => Job::Shell { container: container.id.clone(), flavor: Flavor::Bash, exec, options: Default::default() },
        (true, Some("sh" | "ash" | "dash")) if pid1.len() == 1 => Job::Shell { container: container.id.clone(), flavor: if container.userland == super::image::Userland::Busybox { Flavor::Ash } else { Flavor::Dash }, exec, options: Default::default() },
        (true, Some("python" | "python3")) if pid1.len() == 1 => Job::Repl { container: container.id.clone(), language: crate::engine::repl::Language::Python },
        (true, Some("node")) if pid1.len() == 1 => Job::Repl { container: container.id.clone(), language: crate::engine::repl::Language::Node },
        _ => Job::Attach { container: container.id.clone(), logs: false },
    }
}

/// The host port that another running container already publishes, if any.
pub(super) fn port_conflict(docker: &Docker, index: usize) -> Option<u16> {
    let wanted = &docker.containers[index].spec.ports;
    docker.containers.iter().enumerate().filter(|(other, container)| *other != index && container.status == Status::Running).flat_map(|(_, container)| container.spec.ports.iter()).find(|used| wanted.iter().any(|port| port.host_port == used.host_port && port.protocol == used.protocol)).map(|used| used.host_port)
}

fn create_container(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&CREATE, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let spec = match spec_from(&parsed, &CREATE, io, world) {
        Ok(spec) => spec,
        Err(status) => return status,
    };
    let image_index = match ensure_image(world, &spec.image.clone(), io, "create") {
        Ok(index) => index,
        Err(status) => return status,
    };
    let now = world.now;
    match world.docker.create(spec, image_index, &mut world.fs, now, &mut io.events) {
        Ok(index) => {
            io.out(format!("{}\n", world.docker.containers[index].id));
            0
        }
        Err(message) => {
            run_error(io, "create", &format!("Error response from daemon: {message}"));
            125
        }
    }
}

/// Reports containers that do not exist; returns the indices of those that do, in order.
fn containers(world: &World, names: &[String], io: &mut Io) -> (Vec<(String, usize)>, bool) {
    let mut found = Vec::new();
    let mut missing = false;
    for name in names {
        match container(world, io, name) {
            Some(index) => found.push((name.clone(), index)),
            None => missing = true,
        }
    }
    (found, missing)
}

/// The container a name or ID prefix means, or the daemon's error for a missing one.
fn container(world: &World, io: &mut Io, name: &str) -> Option<usize> {
    let found = world.docker.container_index(name);
    if found.is_none() {
        io.err(format!("Error response from daemon: No such container: {name}\n"));
    }
    found
}

fn requires_one(io: &mut Io, grammar: &Grammar) -> i32 {
    let command = grammar.usage.split(' ').take(2).collect::<Vec<_>>().join(" ");
    usage_error(io, grammar, &format!("\"{command}\" requires at least 1 argument."))
}

fn start(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&START, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if parsed.operands.is_empty() {
        return requires_one(io, &START);
    }
    let (found, mut failed) = containers(world, &parsed.operands, io);
    for (name, index) in found {
        if world.docker.containers[index].status == Status::Running {
            io.out(format!("{name}\n"));
            continue;
        }
        if let Some(conflict) = port_conflict(&world.docker, index) {
            io.err(format!("Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint {} ({}): Bind for 0.0.0.0:{conflict} failed: port is already allocated\n", world.docker.containers[index].name, world.docker.containers[index].id));
            failed = true;
            continue;
        }
        world.now += timing::CONTAINER_START;
        let now = world.now;
        match world.docker.start(index, &mut world.fs, now, &mut io.events) {
            Ok(()) => io.out(format!("{name}\n")),
            Err((message, _)) => {
                io.err(format!("Error response from daemon: {message}\n"));
                failed = true;
            }
        }
    }
    world.docker.remove_auto_removed(&mut io.events);
    if failed {
        io.err("Error: failed to start containers: ".to_string() + &parsed.operands.join(", ") + "\n");
    }
    i32::from(failed)
}

fn stop(world: &mut World, args: &[String], io: &mut Io, restart: bool) -> i32 {
    let grammar = if restart { &RESTART } else { &STOP };
    let parsed = match parse_command(grammar, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if parsed.operands.is_empty() {
        return requires_one(io, grammar);
    }
    let timeout = match parsed.value("timeout").or(parsed.value("time")) {
        Some(value) => match value.parse::<i64>() {
            Ok(seconds) => Some(seconds),
            Err(_) => return usage_error(io, grammar, &format!("invalid argument \"{value}\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"{value}\": invalid syntax")),
        },
        None => None,
    };
    let (found, failed) = containers(world, &parsed.operands, io);
    for (name, index) in found {
        if let Some(signal) = parsed.value("signal") {
            world.docker.containers[index].stop_signal = signal.to_string();
        }
        let now = world.now;
        // `-t -1` waits for ever; the simulator caps the wait at an hour.
        let timeout = timeout.map(|seconds| if seconds < 0 { 3600 } else { seconds });
        let waited = world.docker.stop(index, timeout, now, &mut io.events);
        world.now += waited;
        if restart {
            world.now += timing::CONTAINER_START;
            let now = world.now;
            if let Err((message, _)) = world.docker.start(index, &mut world.fs, now, &mut io.events) {
                io.err(format!("Error response from daemon: {message}\n"));
                continue;
            }
        }
        io.out(format!("{name}\n"));
    }
    world.docker.remove_auto_removed(&mut io.events);
    i32::from(failed)
}

fn kill(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&KILL, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if parsed.operands.is_empty() {
        return requires_one(io, &KILL);
    }
    let signal_text = parsed.value("signal").unwrap_or("SIGKILL");
    let Some(signal) = super::process::signal_name(signal_text) else {
        io.err(format!("invalid signal: {signal_text}\n"));
        return 1;
    };
    let (found, mut failed) = containers(world, &parsed.operands, io);
    for (name, index) in found {
        if world.docker.containers[index].status != Status::Running {
            io.err(format!("Error response from daemon: cannot kill container: {name}: container {} is not running\n", world.docker.containers[index].id));
            failed = true;
            continue;
        }
        let now = world.now;
        world.docker.signal(index, signal, now, &mut io.events);
        io.out(format!("{name}\n"));
    }
    world.docker.remove_auto_removed(&mut io.events);
    i32::from(failed)
}

fn rm(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&RM, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if parsed.operands.is_empty() {
        return requires_one(io, &RM);
    }
    let force = parsed.has("force");
    let mut failed = false;
    for name in &parsed.operands {
        let Some(index) = container(world, io, name) else {
            // `rm -f` reports a missing container but does not fail (docker/cli rm.go).
            failed |= !force;
            continue;
        };
        let status = world.docker.containers[index].status;
        if status == Status::Running && !force {
            io.err(format!("Error response from daemon: cannot remove container \"{name}\": container is running: stop the container before removing or force remove\n"));
            failed = true;
            continue;
        }
        if status == Status::Running {
            let now = world.now;
            world.docker.signal(index, "SIGKILL", now, &mut io.events);
        }
        world.docker.remove_container(index, parsed.has("volumes"), &mut io.events);
        io.out(format!("{name}\n"));
    }
    i32::from(failed)
}

fn logs(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&LOGS, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let [name] = parsed.operands.as_slice() else {
        let command = "docker logs";
        return usage_error(io, &LOGS, &format!("\"{command}\" requires exactly 1 argument."));
    };
    let Some(index) = container(world, io, name) else { return 1 };
    let container = &world.docker.containers[index];
    // Logs are kept by line, so that --tail counts lines as Docker does.
    let lines: Vec<(bool, String)> = container.logs.iter().flat_map(|(_, stderr, text)| text.split_inclusive('\n').map(move |line| (*stderr, line.to_string()))).collect();
    let skip = match parsed.value("tail") {
        None | Some("all") => 0,
        Some(count) => match count.parse::<usize>() {
            Ok(count) => lines.len().saturating_sub(count),
            Err(_) => 0,
        },
    };
    for (stderr, line) in lines.into_iter().skip(skip) {
        if stderr { io.err(line) } else { io.out(line) }
    }
    if parsed.has("follow") && container.status == Status::Running {
        io.foreground = Some(Job::Attach { container: container.id.clone(), logs: true });
    }
    0
}

fn ps(world: &mut World, args: &[String], io: &mut Io, _quiet_default: bool) -> i32 {
    let parsed = match parse_command(&PS, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let all = parsed.has("all");
    let now = world.now;
    let filters = parsed.values("filter");
    // Newest first, as the daemon lists them.
    let mut listed: Vec<&super::Container> = world.docker.containers.iter().rev().filter(|container| all || matches!(container.status, Status::Running | Status::Paused | Status::Restarting)).collect();
    for filter in &filters {
        let (key, value) = filter.split_once('=').unwrap_or((filter, ""));
        listed.retain(|container| match key {
            "status" => container.status.as_str() == value,
            "name" => container.name.contains(value),
            "id" => container.id.starts_with(value),
            "ancestor" => container.image == value || container.image.split(':').next() == Some(value),
            "exited" => container.status == Status::Exited && container.exit_code.to_string() == value,
            _ => true,
        });
    }
    if parsed.has("latest") {
        listed.truncate(1);
    }
    let no_trunc = parsed.has("no-trunc");
    if parsed.has("quiet") {
        for container in listed {
            io.out(format!("{}\n", if no_trunc { &container.id } else { short_id(&container.id) }));
        }
        return 0;
    }
    let exposed = |container: &super::Container| world.docker.images.iter().find(|image| image.id == container.image_id).map(|image| image.config.exposed_ports.clone()).unwrap_or_default();
    if let Some(template) = parsed.value("format") {
        let (is_table, template) = match template.strip_prefix("table") {
            Some(rest) => (true, rest.trim_start().to_string()),
            None => (false, template.to_string()),
        };
        let fields = |container: &super::Container, field: &str| -> String {
            match field {
                "ID" => if no_trunc { container.id.clone() } else { short_id(&container.id).to_string() },
                "Image" => container.image.clone(),
                "Command" if !no_trunc => format::command_cell(&container.command_text()),
                "CreatedAt" => crate::engine::clock::DateTime::from_millis(container.created).date_format(),
                "RunningFor" => format!("{} ago", human_duration(now.saturating_sub(container.created))),
                "Status" => container.status_text(now),
                "State" => container.status.as_str().to_string(),
                "Ports" => container.ports_text(&exposed(container)),
                "Names" => container.name.clone(),
                "Labels" => container.spec.labels.join(","),
                label if label.starts_with("Label=") => {
                    let key = &label["Label=".len()..];
                    container.spec.labels.iter().find_map(|entry| entry.strip_prefix(key).and_then(|rest| rest.strip_prefix('='))).unwrap_or("").to_string()
                }
                "Mounts" => container.mounts.iter().map(|mount| match &mount.source {
                    super::storage::Source::Volume(name) => format::ellipsis(name, 15),
                    super::storage::Source::Bind(path) => path.clone(),
                    super::storage::Source::Tmpfs(_) => mount.target.clone(),
                }).collect::<Vec<_>>().join(","),
                "Networks" => container.endpoints.iter().map(|endpoint| endpoint.network.clone()).collect::<Vec<_>>().join(","),
                "Size" => "0B (virtual 0B)".to_string(),
                "Command" if no_trunc => format!("\"{}\"", container.command_text()),
                _ => String::new(),
            }
        };
        let render = |row: &dyn Fn(&str) -> String| -> String {
            let mut out = String::new();
            let mut rest = template.as_str();
            while let Some(start) = rest.find("{{") {
                out.push_str(&rest[..start].replace("\\t", "\t"));
                let Some(end) = rest[start..].find("}}") else { break };
                let inner = rest[start + 2..start + end].trim();
                // `{{.Label "com.example.key"}}`: one label's value.
                if let Some(key) = inner.strip_prefix(".Label ") {
                    out.push_str(&row(&format!("Label={}", key.trim().trim_matches('"'))));
                } else {
                    out.push_str(&row(inner.trim_start_matches('.')));
                }
                rest = &rest[start + end + 2..];
            }
            out.push_str(&rest.replace("\\t", "\t"));
            out
        };
        if is_table {
            let headers = |field: &str| match field {
                "ID" => "CONTAINER ID".to_string(),
                "RunningFor" => "CREATED".to_string(),
                "CreatedAt" => "CREATED AT".to_string(),
                other => other.to_uppercase(),
            };
            let mut rows = vec![render(&headers).split('\t').map(String::from).collect::<Vec<_>>()];
            for container in &listed {
                rows.push(render(&|field| fields(container, field)).split('\t').map(String::from).collect());
            }
            io.out(table(&rows));
        } else {
            for container in &listed {
                io.out(format!("{}\n", render(&|field| fields(container, field))));
            }
        }
        return 0;
    }
    let mut rows = vec![["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"].iter().map(|cell| cell.to_string()).collect::<Vec<_>>()];
    for container in listed {
        rows.push(vec![
            if no_trunc { container.id.clone() } else { short_id(&container.id).to_string() },
            container.image.clone(),
            if no_trunc { format!("\"{}\"", container.command_text()) } else { format::command_cell(&container.command_text()) },
            format!("{} ago", human_duration(now.saturating_sub(container.created))),
            container.status_text(now),
            container.ports_text(&exposed(container)),
            container.name.clone(),
        ]);
    }
    io.out(table(&rows));
    0
}

fn exec(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&EXEC, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if parsed.operands.len() < 2 {
        return usage_error(io, &EXEC, "\"docker exec\" requires at least 2 arguments.");
    }
    let name = &parsed.operands[0];
    let command = parsed.operands[1..].to_vec();
    let Some(index) = container(world, io, name) else { return 1 };
    let container = &world.docker.containers[index];
    if container.status != Status::Running {
        io.err(format!("Error response from daemon: container {} is not running\n", container.id));
        return 1;
    }
    let context = super::process::StartContext { env: &container.env, userland: container.userland, interactive: false, tty: false, image_programs: &container.programs, now_text: String::new(), files: Some(&container.fs), workdir: parsed.value("workdir").unwrap_or(&container.working_dir) };
    // A script by path runs through its interpreter; one that cannot run is runc's error.
    let script = if command[0].contains('/') && !super::process::exists(&command[0], &context) { super::process::executable_file(&command[0], &context) } else { None };
    if let Some(Err(reason) | Ok(Some(reason))) = script {
        io.err(format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{}\": {reason}: unknown\n", command[0]));
        return if reason == "permission denied" || reason == "is a directory" { 126 } else { 127 };
    }
    if script.is_none() && !super::process::exists(&command[0], &context) {
        let what = if command[0].contains('/') { format!("stat {}: no such file or directory", command[0]) } else { "executable file not found in $PATH".to_string() };
        io.err(format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{}\": {what}: unknown\n", command[0]));
        return 127;
    }
    let options = ExecOptions { user: parsed.value("user").map(String::from), env: parsed.values("env").iter().filter_map(|entry| client_value(world, entry)).collect(), workdir: parsed.value("workdir").map(String::from) };
    let container = &world.docker.containers[index];
    // moby daemon/exec_linux.go execSetPlatformOpt -> getUser: the process cannot start, and
    // the exec ends with status 126 and the error on the stream.
    if let Some(Err(message)) = options.user.as_deref().map(|user| super::resolve_user(&container.fs, user)) {
        io.err(format!("{message}\n"));
        return 126;
    }
    let base = command[0].rsplit('/').next().unwrap_or(&command[0]).to_string();
    let shell_alone = command.len() == 1 && matches!(base.as_str(), "sh" | "bash" | "ash" | "dash");
    if shell_alone && parsed.has("interactive") {
        let flavor = match base.as_str() {
            "bash" => Flavor::Bash,
            _ if container.userland == super::image::Userland::Busybox => Flavor::Ash,
            _ => Flavor::Dash,
        };
        io.foreground = Some(Job::Shell { container: container.id.clone(), flavor, exec: true, options });
        return 0;
    }
    if shell_alone {
        // A shell with no standard input reads end-of-file and exits at once.
        return 0;
    }
    let script = super::quote_words(&command);
    let mut shell = super::container_shell(&world.docker.containers[index], None);
    shell.tty = parsed.has("tty");
    let _ = super::apply_exec_options(&mut shell, &options, &world.docker.containers[index]);
    let mut now = world.now;
    let outcome = super::run_script(&mut world.docker, &mut world.fs, index, &mut shell, &script, &mut now);
    world.now = now;
    for chunk in outcome.chunks {
        match chunk.stream {
            crate::engine::Stream::Stdout => io.out(chunk.text),
            crate::engine::Stream::Stderr => io.err(chunk.text),
        }
    }
    shell.last_status
}

fn attach(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&ATTACH, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let [name] = parsed.operands.as_slice() else {
        return usage_error(io, &ATTACH, "\"docker attach\" requires exactly 1 argument.");
    };
    let Some(index) = container(world, io, name) else { return 1 };
    let container = &world.docker.containers[index];
    if container.status != Status::Running {
        io.err("You cannot attach to a stopped container, start it first\n");
        return 1;
    }
    io.foreground = Some(job_for(container, false));
    0
}

/// What `docker volume` alone prints.
const VOLUME_USAGE: &str = "\nUsage:  docker volume COMMAND\n\nManage volumes\n\nCommands:\n  create      Create a volume\n  inspect     Display detailed information on one or more volumes\n  ls          List volumes\n  prune       Remove unused local volumes\n  rm          Remove one or more volumes\n\nRun 'docker volume COMMAND --help' for more information on a command.\n";

/// What `docker network` alone prints.
const NETWORK_USAGE: &str = "\nUsage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     Connect a container to a network\n  create      Create a network\n  disconnect  Disconnect a container from a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  rm          Remove one or more networks\n\nRun 'docker network COMMAND --help' for more information on a command.\n";

/// A management command's sub-command (`docker volume ls …`): alone, the group's usage;
/// unknown, Docker's error; else its grammar and the parsed arguments.
fn sub_command<'a>(args: &'a [String], io: &mut Io, group: &str, usage: &str, grammar_of: impl Fn(&str) -> Option<&'static Grammar>) -> Result<(&'a str, &'static Grammar, Parsed), i32> {
    let Some((sub, rest)) = args.split_first() else {
        io.out(usage);
        return Err(0);
    };
    let Some(grammar) = grammar_of(sub) else {
        return Err(unknown_command(io, &format!("{group} {sub}")));
    };
    Ok((sub, grammar, parse_command(grammar, rest, io)?))
}

/// `docker volume create|ls|inspect|rm|prune`.
fn volume(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let (sub, grammar, parsed) = match sub_command(args, io, "volume", VOLUME_USAGE, |sub| match sub {
        "create" => Some(&VOLUME_CREATE),
        "ls" | "list" => Some(&VOLUME_LS),
        "inspect" => Some(&VOLUME_INSPECT),
        "rm" | "remove" => Some(&VOLUME_RM),
        "prune" => Some(&VOLUME_PRUNE),
        _ => None,
    }) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let now = world.now;
    match sub {
        "create" => {
            let name = parsed.value("name").map(String::from).or_else(|| parsed.operands.first().cloned()).unwrap_or_else(|| world.docker.new_id());
            if !super::storage::valid_volume_name(&name) {
                io.err(format!("Error response from daemon: create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path\n"));
                return 1;
            }
            let index = world.docker.create_volume(&name, false, now, &mut io.events);
            world.docker.volumes[index].labels = parsed.values("label");
            io.out(format!("{name}\n"));
            0
        }
        "ls" | "list" => {
            let dangling = parsed.values("filter").iter().any(|filter| filter == "dangling=true");
            let names: Vec<String> = world.docker.volumes.iter().filter(|volume| !dangling || world.docker.volume_users(&volume.name).is_empty()).map(|volume| volume.name.clone()).collect();
            if parsed.has("quiet") {
                for name in names {
                    io.out(format!("{name}\n"));
                }
                return 0;
            }
            let mut rows = vec![vec!["DRIVER".to_string(), "VOLUME NAME".to_string()]];
            rows.extend(names.into_iter().map(|name| vec!["local".to_string(), name]));
            io.out(table(&rows));
            0
        }
        "inspect" => {
            if parsed.operands.is_empty() {
                return requires_one(io, grammar);
            }
            let mut documents = Vec::new();
            let mut failed = false;
            for name in &parsed.operands {
                match world.docker.volume_index(name) {
                    Some(index) => {
                        let volume = &world.docker.volumes[index];
                        let labels: serde_json::Map<String, serde_json::Value> = volume.labels.iter().map(|label| {
                            let (key, value) = label.split_once('=').unwrap_or((label, ""));
                            (key.to_string(), serde_json::Value::String(value.to_string()))
                        }).collect();
                        documents.push(serde_json::json!({
                            "CreatedAt": rfc3339_seconds(volume.created),
                            "Driver": "local",
                            "Labels": if labels.is_empty() { serde_json::Value::Null } else { serde_json::Value::Object(labels) },
                            "Mountpoint": volume.mountpoint(),
                            "Name": volume.name,
                            "Options": serde_json::Value::Null,
                            "Scope": "local",
                        }));
                    }
                    None => {
                        io.err(format!("Error response from daemon: get {name}: no such volume\n"));
                        failed = true;
                    }
                }
            }
            print_documents(io, &documents, parsed.value("format")).max(i32::from(failed))
        }
        "rm" | "remove" => {
            if parsed.operands.is_empty() {
                return requires_one(io, grammar);
            }
            let mut failed = false;
            for name in &parsed.operands {
                let Some(index) = world.docker.volume_index(name) else {
                    if !parsed.has("force") {
                        io.err(format!("Error response from daemon: get {name}: no such volume\n"));
                        failed = true;
                    }
                    continue;
                };
                let users = world.docker.volume_users(name);
                if !users.is_empty() {
                    io.err(format!("Error response from daemon: remove {name}: volume is in use - [{}]\n", users.join(", ")));
                    failed = true;
                    continue;
                }
                world.docker.volumes.remove(index);
                io.events.push(Event::VolumeRemoved { name: name.clone() });
                io.out(format!("{name}\n"));
            }
            i32::from(failed)
        }
        _ => {
            // prune: unused anonymous volumes, or every unused one with --all.
            if !parsed.has("force") {
                let warning = if parsed.has("all") { "WARNING! This will remove all local volumes not used by at least one container." } else { "WARNING! This will remove anonymous local volumes not used by at least one container." };
                io.out(format!("{warning}\nAre you sure you want to continue? [y/N] "));
                // The terminal cannot answer a prompt yet; no answer is "no", as at end of input.
                io.out("\n");
                return 0;
            }
            let unused: Vec<String> = world.docker.volumes.iter().filter(|volume| (volume.anonymous || parsed.has("all")) && world.docker.volume_users(&volume.name).is_empty()).map(|volume| volume.name.clone()).collect();
            let mut reclaimed = 0u64;
            let mut text = String::new();
            if !unused.is_empty() {
                text.push_str("Deleted Volumes:\n");
            }
            for name in &unused {
                if let Some(index) = world.docker.volume_index(name) {
                    reclaimed += world.docker.volumes[index].contents.iter().map(|(_, entry)| entry.contents().map_or(0, |c| c.len() as u64)).sum::<u64>();
                    world.docker.volumes.remove(index);
                    io.events.push(Event::VolumeRemoved { name: name.clone() });
                    text.push_str(&format!("{name}\n"));
                }
            }
            if !unused.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!("Total reclaimed space: {}\n", format::human_size_4(reclaimed)));
            io.out(text);
            0
        }
    }
}

/// `docker network create|ls|inspect|rm|connect|disconnect`.
fn network(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let (sub, grammar, parsed) = match sub_command(args, io, "network", NETWORK_USAGE, |sub| match sub {
        "create" => Some(&NETWORK_CREATE),
        "ls" | "list" => Some(&NETWORK_LS),
        "inspect" => Some(&NETWORK_INSPECT),
        "rm" | "remove" => Some(&NETWORK_RM),
        "connect" => Some(&NETWORK_CONNECT),
        "disconnect" => Some(&NETWORK_DISCONNECT),
        _ => None,
    }) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let now = world.now;
    match sub {
        "create" => {
            let [name] = parsed.operands.as_slice() else {
                return usage_error(io, grammar, "\"docker network create\" requires exactly 1 argument.");
            };
            match world.docker.create_network(name, parsed.value("driver").unwrap_or("bridge"), parsed.has("internal"), now, &mut io.events) {
                Ok(index) => {
                    io.out(format!("{}\n", world.docker.networks[index].id));
                    0
                }
                Err(message) => {
                    io.err(format!("Error response from daemon: {message}\n"));
                    1
                }
            }
        }
        "ls" | "list" => {
            if let Some(template) = parsed.value("format").filter(|template| !template.starts_with("table")) {
                let mut networks: Vec<&super::network::Network> = world.docker.networks.iter().collect();
                networks.sort_by(|a, b| a.name.cmp(&b.name));
                let rows = networks.iter().map(|network| serde_json::json!({ "ID": short_id(&network.id), "Name": network.name, "Driver": network.driver, "Scope": "local" }));
                return print_templated(io, template, rows);
            }
            if parsed.has("quiet") {
                for network in &world.docker.networks {
                    io.out(format!("{}\n", short_id(&network.id)));
                }
                return 0;
            }
            let mut networks: Vec<&super::network::Network> = world.docker.networks.iter().collect();
            networks.sort_by(|a, b| a.name.cmp(&b.name));
            let mut rows = vec![["NETWORK ID", "NAME", "DRIVER", "SCOPE"].iter().map(|cell| cell.to_string()).collect::<Vec<_>>()];
            for network in networks {
                rows.push(vec![short_id(&network.id).to_string(), network.name.clone(), network.driver.clone(), "local".into()]);
            }
            io.out(table(&rows));
            0
        }
        "inspect" => {
            if parsed.operands.is_empty() {
                return requires_one(io, grammar);
            }
            let mut documents = Vec::new();
            let mut failed = false;
            for name in &parsed.operands {
                match world.docker.network_index(name) {
                    Some(index) => documents.push(network_json(&world.docker, index)),
                    None => {
                        io.err(format!("Error response from daemon: network {name} not found\n"));
                        failed = true;
                    }
                }
            }
            print_documents(io, &documents, parsed.value("format")).max(i32::from(failed))
        }
        "rm" | "remove" => {
            if parsed.operands.is_empty() {
                return requires_one(io, grammar);
            }
            let mut failed = false;
            for name in &parsed.operands {
                let Some(index) = world.docker.network_index(name) else {
                    io.err(format!("Error response from daemon: network {name} not found\n"));
                    failed = true;
                    continue;
                };
                let network = world.docker.networks[index].clone();
                if matches!(network.name.as_str(), "bridge" | "host" | "none") {
                    io.err(format!("Error response from daemon: {} is a pre-defined network and cannot be removed\n", network.name));
                    failed = true;
                    continue;
                }
                let in_use = world.docker.containers.iter().any(|container| container.endpoints.iter().any(|endpoint| endpoint.network == network.name));
                if in_use {
                    io.err(format!("Error response from daemon: error while removing network: network {} id {} has active endpoints\n", network.name, network.id));
                    failed = true;
                    continue;
                }
                world.docker.networks.remove(index);
                io.events.push(Event::NetworkRemoved { name: network.name.clone() });
                io.out(format!("{name}\n"));
            }
            i32::from(failed)
        }
        _ => {
            let [network_name, container_name] = parsed.operands.as_slice() else {
                return usage_error(io, grammar, &format!("\"docker network {sub}\" requires exactly 2 arguments."));
            };
            let Some(network_index) = world.docker.network_index(network_name) else {
                io.err(format!("Error response from daemon: network {network_name} not found\n"));
                return 1;
            };
            let Some(container_index) = world.docker.container_index(container_name) else {
                io.err(format!("Error response from daemon: No such container: {container_name}\n"));
                return 1;
            };
            let network = world.docker.networks[network_index].name.clone();
            if sub == "connect" {
                match world.docker.connect(container_index, network_index, parsed.values("alias"), &mut io.events) {
                    Ok(()) => 0,
                    Err(message) => {
                        io.err(format!("Error response from daemon: {message}\n"));
                        1
                    }
                }
            } else {
                let container = &mut world.docker.containers[container_index];
                let before = container.endpoints.len();
                container.endpoints.retain(|endpoint| endpoint.network != network);
                if container.endpoints.len() == before {
                    io.err(format!("Error response from daemon: container {} is not connected to network {network}\n", container.id));
                    return 1;
                }
                io.events.push(Event::NetworkDisconnected { id: container.id.clone(), network });
                0
            }
        }
    }
}

/// `docker network inspect`'s document.
fn network_json(docker: &super::Docker, index: usize) -> serde_json::Value {
    let network = &docker.networks[index];
    let containers: serde_json::Map<String, serde_json::Value> = docker
        .containers
        .iter()
        .filter_map(|container| {
            let endpoint = container.endpoints.iter().find(|endpoint| endpoint.network == network.name)?;
            let address = if endpoint.ip.is_empty() || container.status != Status::Running { String::new() } else { format!("{}/16", endpoint.ip) };
            Some((container.id.clone(), serde_json::json!({ "Name": container.name, "IPv4Address": address, "IPv6Address": "" })))
        })
        .collect();
    let ipam = if network.prefix.is_empty() { serde_json::json!([]) } else { serde_json::json!([{ "Subnet": network.subnet(), "Gateway": network.gateway() }]) };
    serde_json::json!({
        "Name": network.name,
        "Id": network.id,
        "Created": rfc3339(network.created),
        "Scope": "local",
        "Driver": network.driver,
        "EnableIPv4": true,
        "EnableIPv6": false,
        "IPAM": { "Driver": "default", "Options": null, "Config": ipam },
        "Internal": network.internal,
        "Attachable": false,
        "Containers": containers,
        "Options": {},
        "Labels": {},
    })
}

/// Each row through a Go template, one line apiece; the first template error
/// stops the listing with exit status 1, as the real CLI parses once and fails.
fn print_templated(io: &mut Io, template: &str, rows: impl IntoIterator<Item = serde_json::Value>) -> i32 {
    for row in rows {
        match super::template::render(template, &row) {
            Ok(text) => io.out(format!("{text}\n")),
            Err(message) => {
                io.err(format!("template parsing error: {message}\n"));
                return 1;
            }
        }
    }
    0
}

/// JSON documents as `docker inspect` prints them (four-space indent), or through a template.
fn print_documents(io: &mut Io, documents: &[serde_json::Value], template: Option<&str>) -> i32 {
    match template {
        Some(template) => print_templated(io, template, documents.iter().cloned()),
        None => {
            let mut buffer = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
            let mut serializer = serde_json::Serializer::with_formatter(&mut buffer, formatter);
            serde::Serialize::serialize(&documents, &mut serializer).expect("JSON values serialize");
            io.out(format!("{}\n", String::from_utf8(buffer).unwrap_or_default()));
            0
        }
    }
}

/// RFC 3339 to the second, as volumes report their creation.
fn rfc3339_seconds(millis: u64) -> String {
    let date = crate::engine::clock::DateTime::from_millis(millis);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day, date.hour, date.minute, date.second)
}

fn build(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&BUILD, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let [context] = parsed.operands.as_slice() else {
        return usage_error(io, &BUILD, "\"docker buildx build\" requires exactly 1 argument.");
    };
    let context = crate::engine::fs::absolute(&world.cwd, context);
    if world.fs.resolve(&context).map_or(true, |(_, entry)| !entry.is_dir()) {
        io.err(format!("ERROR: failed to build: unable to prepare context: path \"{}\" not found\n", parsed.operands[0]));
        return 1;
    }
    let dockerfile = match parsed.value("file") {
        Some(file) => crate::engine::fs::absolute(&world.cwd, file),
        None => format!("{}/Dockerfile", context.trim_end_matches('/')),
    };
    let build_args = parsed.values("build-arg").into_iter().map(|arg| {
        let (key, value) = arg.split_once('=').unwrap_or((&arg, ""));
        (key.to_string(), value.to_string())
    }).collect();
    for tag in parsed.values("tag") {
        if let Err(message) = Reference::parse(&tag) {
            io.err(format!("ERROR: failed to build: invalid tag \"{tag}\": {message}\n"));
            return 1;
        }
    }
    let tty = match parsed.value("progress") {
        Some("plain") => false,
        Some("tty") => true,
        _ => io.stderr_is_tty,
    };
    let request = super::builder::Request { context, dockerfile, tags: parsed.values("tag"), target: parsed.value("target").map(String::from), no_cache: parsed.has("no-cache"), build_args, tty };
    let now = world.now;
    let outcome = super::builder::build(&mut world.docker, &mut world.fs, &request, now, &mut io.events);
    world.now += outcome.millis;
    if parsed.has("quiet") && !outcome.failed {
        if let Some(index) = outcome.image {
            io.out(format!("{}\n", world.docker.images[index].id));
        }
        return 0;
    }
    // BuildKit writes its progress to stderr.
    io.err(outcome.text);
    i32::from(outcome.failed)
}

/// `docker push`; with `-q` the progress is discarded and only the reference is printed
/// at the end (docker/cli image/push.go: jsonstream.Display to io.Discard, then
/// `fmt.Fprintln(out, ref.String())`), errors still on standard error.
fn push(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let mark = io.written.len();
    let mut quiet_reference = None;
    let status = push_image(world, args, io, &mut quiet_reference);
    if let Some(reference) = quiet_reference {
        let mut index = mark;
        while index < io.written.len() {
            if io.written[index].0 == crate::engine::Stream::Stdout {
                io.written.remove(index);
            } else {
                index += 1;
            }
        }
        if status == 0 {
            io.out(format!("{reference}\n"));
        }
    }
    status
}

fn push_image(world: &mut World, args: &[String], io: &mut Io, quiet_reference: &mut Option<String>) -> i32 {
    let parsed = match parse_command(&PUSH, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let [name] = parsed.operands.as_slice() else {
        return usage_error(io, &PUSH, "\"docker push\" requires exactly 1 argument.");
    };
    let reference = match Reference::parse(name) {
        Ok(reference) => reference,
        Err(message) => {
            io.err(format!("{message}\n"));
            return 1;
        }
    };
    if parsed.has("quiet") {
        *quiet_reference = Some(reference.full());
    }
    if !name.contains(':') || name.rsplit_once(':').is_some_and(|(_, tag)| tag.contains('/')) {
        io.out("Using default tag: latest\n");
    }
    let Some(index) = world.docker.image_index(&reference.familiar()) else {
        io.err(format!("An image does not exist locally with the tag: {}\n", reference.familiar_name()));
        return 1;
    };
    io.out(format!("The push refers to repository [{}/{}]\n", reference.registry, reference.path));
    if let Some(error) = registry_unreachable(world, &reference) {
        io.err(format!("{error}\n"));
        return 1;
    }
    // Docker Hub takes pushes only into a namespace you are logged in to; official
    // repositories (library/…) take none.
    if reference.registry == "docker.io" && (reference.path.starts_with("library/") || !world.docker.logins.iter().any(|login| login == "docker.io")) {
        io.out(format!("{}: Preparing\n", &world.docker.images[index].id[7..19]));
        io.err("denied: requested access to the resource is denied\n");
        return 1;
    }
    let image = world.docker.images[index].clone();
    let layer_ids = image::layer_ids(&image.history);
    let layers = layer_ids.len().max(1);
    // moby distribution/push_v2.go pushLayer: a layer the repository has already is
    // `Layer already exists`; one another repository of the same registry has is mounted
    // from it (`Mounted from <path>`), not sent again.
    let mut in_repository = std::collections::BTreeSet::new();
    // (layer, repository path, how many layers that image has): the smallest image that
    // holds a layer names it, the base image rather than one built on it.
    let mut elsewhere: Vec<(String, String, usize)> = Vec::new();
    for (pushed_name, pushed_image) in &world.docker.pushed {
        let Ok(pushed) = Reference::parse(pushed_name) else { continue };
        if pushed.registry != reference.registry {
            continue;
        }
        let pushed_layers = image::layer_ids(&pushed_image.history);
        let count = pushed_layers.len();
        for id in pushed_layers {
            if pushed.path == reference.path {
                in_repository.insert(id);
            } else {
                elsewhere.push((id, pushed.path.clone(), count));
            }
        }
    }
    // Layers pulled from a repository of the same registry (the base image's, from
    // library/alpine on Docker Hub) are mounted from it too: the daemon remembers where
    // each layer came from (V2MetadataService).
    for local in &world.docker.images {
        for repo_digest in &local.repo_digests {
            let Some(Ok(source)) = repo_digest.split_once('@').map(|(name, _)| Reference::parse(name)) else { continue };
            if source.registry == reference.registry && source.path != reference.path {
                let local_layers = image::layer_ids(&local.history);
                let count = local_layers.len();
                elsewhere.extend(local_layers.into_iter().map(|id| (id, source.path.clone(), count)));
            }
        }
    }
    let mut text = String::new();
    for id in layer_ids.iter().rev() {
        if in_repository.contains(id) {
            text.push_str(&format!("{id}: Layer already exists\n"));
        } else if let Some((_, path, _)) = elsewhere.iter().filter(|(other, _, _)| other == id).min_by_key(|(_, _, count)| *count) {
            text.push_str(&format!("{id}: Mounted from {path}\n"));
        } else {
            text.push_str(&format!("{id}: Pushed\n"));
        }
    }
    text.push_str(&format!("{}: digest: sha256:{} size: {}\n", reference.tag, &image.id[7..], 856 + layers * 120));
    io.out(text);
    world.now += 500 * layers as u64;
    // The registry now knows the image by its digest, and so does the local store.
    let repo_digest = format!("{}@{}", reference.familiar_name(), image.id);
    if !world.docker.images[index].repo_digests.contains(&repo_digest) {
        world.docker.images[index].repo_digests.push(repo_digest);
    }
    world.docker.pushed.insert(reference.full(), image);
    io.events.push(Event::ImagePushed { reference: reference.full() });
    0
}

fn login(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&LOGIN, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let server = parsed.operands.first().cloned().unwrap_or_else(|| "docker.io".into());
    let (Some(_user), Some(_password)) = (parsed.value("username"), parsed.value("password")) else {
        // The terminal cannot answer a password prompt: say how to log in without one.
        io.err("Error: Cannot perform an interactive login from a non TTY device\n(in this terminal, log in with: docker login -u USER -p PASSWORD)\n");
        return 1;
    };
    io.err("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
    if !world.docker.logins.contains(&server) {
        world.docker.logins.push(server);
    }
    io.out("\nLogin Succeeded\n");
    0
}

fn history(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&HISTORY, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let [name] = parsed.operands.as_slice() else {
        return usage_error(io, &HISTORY, "\"docker history\" requires exactly 1 argument.");
    };
    let Some(index) = world.docker.image_index(name) else {
        io.err(format!("Error response from daemon: {}\n", no_such_image(name)));
        return 1;
    };
    let image = &world.docker.images[index];
    let now = world.now;
    let trunc = !parsed.has("no-trunc");
    // docker/cli image/formatter_history.go: each row's fields; the newest row is the image
    // (its ID cut to 12 digits unless --no-trunc), the layers below it `<missing>`.
    let documents: Vec<serde_json::Value> = image.history.iter().enumerate().rev().map(|(position, (created_by, size))| {
        let id = if position + 1 == image.history.len() { if trunc { short_id(&image.id).to_string() } else { image.id.clone() } } else { "<missing>".to_string() };
        // Tabs become spaces, then 45 characters at most.
        let created_by = created_by.replace('\t', " ");
        let shown = if trunc { format::ellipsis(&created_by, 45) } else { created_by.clone() };
        serde_json::json!({
            "ID": id,
            "CreatedSince": format!("{} ago", human_duration(now.saturating_sub(image.created))),
            "CreatedAt": rfc3339_seconds(image.created),
            "CreatedBy": shown,
            "Size": human_size(*size),
            "Comment": image::history_comment(&created_by),
        })
    }).collect();
    // --format wins over -q; `-q` alone is `{{.ID}}` (formatter.DefaultQuietFormat).
    let template = match parsed.value("format") {
        Some(format) if !format.is_empty() && format != "table" => format.to_string(),
        _ if parsed.has("quiet") => "{{.ID}}".to_string(),
        _ => "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}".to_string(),
    };
    print_formatted(io, &template, &[("ID", "IMAGE"), ("CreatedSince", "CREATED"), ("CreatedAt", "CREATED AT"), ("CreatedBy", "CREATED BY"), ("Size", "SIZE"), ("Comment", "COMMENT")], documents)
}

/// Rows through a `--format` as docker/cli's formatter.Context does: `\t` and `\n` in the
/// text become a tab and a newline; a `table ` format gets a header row (each field's
/// header from `headers`) and the columns aligned by tabwriter; any other prints each row.
fn print_formatted(io: &mut Io, format: &str, headers: &[(&str, &str)], rows: Vec<serde_json::Value>) -> i32 {
    let table_format = format.strip_prefix("table");
    let template = table_format.unwrap_or(format).trim_matches(' ').replace("\\t", "\t").replace("\\n", "\n");
    if table_format.is_none() {
        return print_templated(io, &template, rows);
    }
    let header: serde_json::Map<String, serde_json::Value> = headers.iter().map(|(field, header)| (field.to_string(), serde_json::Value::String(header.to_string()))).collect();
    let mut lines = Vec::new();
    for row in std::iter::once(serde_json::Value::Object(header)).chain(rows) {
        match super::template::render(&template, &row) {
            Ok(text) => lines.push(text.split('\t').map(String::from).collect::<Vec<_>>()),
            Err(message) => {
                io.err(format!("template parsing error: {message}\n"));
                return 1;
            }
        }
    }
    io.out(table(&lines));
    0
}

fn tag(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&TAG, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let [source, target] = parsed.operands.as_slice() else {
        return usage_error(io, &TAG, "\"docker tag\" requires exactly 2 arguments.");
    };
    let Some(index) = world.docker.image_index(source) else {
        io.err(format!("Error response from daemon: {}\n", no_such_image(source)));
        return 1;
    };
    let reference = match Reference::parse(target) {
        Ok(reference) => reference,
        Err(message) => {
            io.err(format!("Error parsing reference: \"{target}\" is not a valid repository/tag: {message}\n"));
            return 1;
        }
    };
    let familiar = reference.familiar();
    for image in &mut world.docker.images {
        image.tags.retain(|tag| *tag != familiar);
    }
    world.docker.images[index].tags.push(familiar);
    0
}

fn rmi(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&RMI, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if parsed.operands.is_empty() {
        return requires_one(io, &RMI);
    }
    let mut failed = false;
    for name in &parsed.operands {
        let Some(index) = world.docker.image_index(name) else {
            io.err(format!("Error response from daemon: {}\n", no_such_image(name)));
            failed = true;
            continue;
        };
        let image = world.docker.images[index].clone();
        let tag = Reference::parse(name).ok().map(|reference| reference.familiar()).filter(|tag| image.tags.contains(tag));
        // Removing one of several tags only untags.
        if let Some(tag) = &tag
            && image.tags.len() > 1 {
                world.docker.images[index].tags.retain(|existing| existing != tag);
                io.out(format!("Untagged: {tag}\n"));
                continue;
            }
        if let Some(user) = world.docker.containers.iter().find(|container| container.image_id == image.id)
            && (!parsed.has("force") || user.status == Status::Running) {
                let verb = if user.status == Status::Running { "running" } else { "stopped" };
                io.err(format!("Error response from daemon: conflict: unable to remove repository reference \"{name}\" (must force) - container {} is using its referenced image {}\n", short_id(&user.id), short_id(&image.id)).replace("(must force)", if verb == "running" { "(cannot be forced)" } else { "(must force)" }));
                failed = true;
                continue;
            }
        world.docker.images.remove(index);
        for tag in &image.tags {
            io.out(format!("Untagged: {tag}\n"));
        }
        io.out(format!("Deleted: {}\n", image.id));
        io.events.push(Event::ImageRemoved { id: image.id.clone() });
    }
    i32::from(failed)
}

fn images(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&IMAGES, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let now = world.now;
    // One row per tag; an image pulled by digest alone is listed under its repository with
    // the tag `<none>`.
    // `--filter dangling=true|false` (moby daemon/images: a dangling image has no tag).
    let mut dangling_filter = None;
    for filter in parsed.values("filter") {
        let (key, value) = filter.split_once('=').unwrap_or((filter.as_str(), ""));
        match key {
            "dangling" => match value.to_ascii_lowercase().as_str() {
                "true" | "1" => dangling_filter = Some(true),
                "false" | "0" => dangling_filter = Some(false),
                _ => {
                    io.err(format!("Error response from daemon: invalid filter 'dangling={value}'\n"));
                    return 1;
                }
            },
            // Filters the simulator keeps no data for pass everything (UNVERIFIED output).
            "reference" | "before" | "since" | "label" | "until" => {}
            _ => {
                io.err(format!("Error response from daemon: invalid filter '{key}'\n"));
                return 1;
            }
        }
    }
    let mut rows: Vec<(String, &super::Image)> = world.docker.images.iter().flat_map(|image| image.tags.iter().map(move |tag| (tag.clone(), image))).collect();
    rows.extend(world.docker.images.iter().filter(|image| image.tags.is_empty()).filter_map(|image| image.repo_digests.first().map(|digest| (format!("{}:<none>", digest.split_once('@').map_or(digest.as_str(), |(name, _)| name)), image))));
    if let Some(filter) = parsed.operands.first() {
        rows.retain(|(tag, _)| tag == filter || tag.rsplit_once(':').map(|(name, _)| name) == Some(filter.as_str()));
    }
    if dangling_filter == Some(true) {
        rows.clear();
    }
    // The classic table lists dangling images by default; the tree only with --all.
    let show_dangling = match dangling_filter {
        Some(dangling) => dangling,
        None => parsed.has("all") || parsed.has("quiet") || parsed.has("no-trunc") || parsed.has("digests") || parsed.has("format"),
    };
    // A dangling image (a tag moved to a rebuilt one) is `<none>:<none>`, newest first,
    // after the tagged ones.
    let mut dangling: Vec<&super::Image> = if parsed.operands.is_empty() && show_dangling { world.docker.images.iter().filter(|image| image.tags.is_empty() && image.repo_digests.is_empty()).collect() } else { Vec::new() };
    dangling.sort_by_key(|image| std::cmp::Reverse(image.created));
    // The DIGEST column: the digest the row's repository knows the image by.
    let digest_of = |tag: &str, image: &super::Image| {
        let repository = tag.rsplit_once(':').map_or(tag, |(name, _)| name);
        image.repo_digests.iter().find_map(|digest| digest.split_once('@').filter(|(name, _)| *name == repository).map(|(_, digest)| digest.to_string())).unwrap_or_else(|| "<none>".into())
    };
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows.extend(dangling.into_iter().map(|image| ("<none>:<none>".to_string(), image)));
    if parsed.has("quiet") {
        let mut seen = Vec::new();
        for (_, image) in &rows {
            if !seen.contains(&image.id) {
                io.out(format!("{}\n", short_id(&image.id)));
                seen.push(image.id.clone());
            }
        }
        return 0;
    }
    if let Some(template) = parsed.value("format").filter(|template| !template.starts_with("table")) {
        // A Go template over each row: {{.Repository}}, {{.Tag}}, {{.ID}}, {{.CreatedSince}}, {{.Size}}.
        let documents = rows.iter().map(|(row, image)| {
            let tag = row.as_str();
            let (repository, tag) = tag.rsplit_once(':').unwrap_or((tag, "latest"));
            serde_json::json!({
                "Repository": repository,
                "Tag": tag,
                "ID": short_id(&image.id),
                "CreatedSince": format!("{} ago", human_duration(now.saturating_sub(image.created))),
                "CreatedAt": crate::engine::clock::DateTime::from_millis(image.created).date_format(),
                "Size": human_size(image.size),
                "Digest": digest_of(row, image),
                "Containers": "N/A",
            })
        });
        return print_templated(io, template, documents);
    }
    let classic = parsed.has("no-trunc") || parsed.has("digests") || parsed.has("format");
    if classic {
        // docker/cli `formatter/image.go`: --digests adds DIGEST after TAG.
        let digests = parsed.has("digests");
        let header: &[&str] = if digests { &["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"] } else { &["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"] };
        let mut table_rows = vec![header.iter().map(|cell| cell.to_string()).collect::<Vec<_>>()];
        for (row, image) in &rows {
            let (repository, tag) = row.rsplit_once(':').unwrap_or((row, "latest"));
            let id = if parsed.has("no-trunc") { image.id.clone() } else { short_id(&image.id).to_string() };
            let mut cells = vec![repository.to_string(), tag.to_string()];
            if digests {
                cells.push(digest_of(row, image));
            }
            cells.extend([id, format!("{} ago", human_duration(now.saturating_sub(image.created))), human_size(image.size)]);
            table_rows.push(cells);
        }
        io.out(table(&table_rows));
        return 0;
    }
    // CLI 29's default: the collapsed tree view (docker/cli cli/command/image/tree.go).
    // An image pulled by digest alone goes by its repository digest here (UNVERIFIED: the
    // containerd store names such an image `repo@sha256:…`; not captured live).
    // A dangling image is `<untagged>` (docker/cli testdata list-command-filter-dangling).
    let rows: Vec<(String, &super::Image)> = rows.into_iter().map(|(tag, image)| if tag == "<none>:<none>" { ("<untagged>".to_string(), image) } else if tag.ends_with(":<none>") { (image.repo_digests.first().cloned().unwrap_or(tag), image) } else { (tag, image) }).collect();
    let name_width = rows.iter().map(|(tag, _)| tag.chars().count()).max().unwrap_or(0).max("IMAGE".len());
    let mut text = String::new();
    if io.stdout_is_tty {
        // The legend, right-aligned to the terminal's width.
        text.push_str(&format!("{:>80}\n", "Info ->  U In Use"));
    }
    text.push_str(format!("{:<name_width$}   {:<12}   {:>10}   {:>12}   {:<5}\n", "IMAGE", "ID", "DISK USAGE", "CONTENT SIZE", "EXTRA").trim_end());
    text.push('\n');
    for (tag, image) in &rows {
        let in_use = world.docker.containers.iter().any(|container| container.image_id == image.id);
        text.push_str(&format!("{:<name_width$}   {:<12}   {:>10}   {:>12}   {:<5}\n", tag, short_id(&image.id), human_size(image.size), human_size(image.size * 10 / 31), if in_use { "U" } else { "" }));
    }
    io.out(text);
    0
}

/// `docker image prune`: dangling images, or with `--all` every image no container uses
/// (docker/cli image/prune.go: the warning and `[y/N]` prompt without `-f`; `Deleted
/// Images:` with `untagged:` and `deleted:` lines, a blank line, then `Total reclaimed
/// space:` in go-units HumanSize).
fn image_prune(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&IMAGE_PRUNE, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if !parsed.operands.is_empty() {
        return usage_error(io, &IMAGE_PRUNE, "\"docker image prune\" accepts no arguments.");
    }
    let all = parsed.has("all");
    if !parsed.has("force") {
        let warning = if all { "WARNING! This will remove all images without at least one container associated to them." } else { "WARNING! This will remove all dangling images." };
        io.out(format!("{warning}\nAre you sure you want to continue? [y/N] "));
        // The terminal cannot answer a prompt yet; no answer is "no", as at end of input.
        io.out("\n");
        return 0;
    }
    let unused: Vec<String> = world.docker.images.iter()
        .filter(|image| if all { !world.docker.containers.iter().any(|container| container.image_id == image.id) } else { image.tags.is_empty() && image.repo_digests.is_empty() })
        .map(|image| image.id.clone())
        .collect();
    let mut text = String::new();
    let mut removed = Vec::new();
    for id in &unused {
        let Some(index) = world.docker.images.iter().position(|image| image.id == *id) else { continue };
        let image = world.docker.images.remove(index);
        for tag in image.tags.iter().chain(&image.repo_digests) {
            text.push_str(&format!("untagged: {tag}\n"));
        }
        text.push_str(&format!("deleted: {}\n", image.id));
        io.events.push(Event::ImageRemoved { id: image.id.clone() });
        removed.push(image);
    }
    // Only the layers no remaining image shares free space.
    let kept: std::collections::BTreeSet<String> = world.docker.images.iter().flat_map(|image| image::layer_ids(&image.history)).collect();
    let mut freed = std::collections::BTreeSet::new();
    let mut reclaimed = 0u64;
    for image in &removed {
        let sizes = image.history.iter().filter(|(created_by, _)| image::is_layer(created_by)).map(|(_, size)| *size);
        for (id, size) in image::layer_ids(&image.history).into_iter().zip(sizes) {
            if !kept.contains(&id) && freed.insert(id) {
                reclaimed += size;
            }
        }
    }
    if !removed.is_empty() {
        io.out(format!("Deleted Images:\n{text}\n"));
    }
    io.out(format!("Total reclaimed space: {}\n", format::human_size_4(reclaimed)));
    0
}

fn pull(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&PULL, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let [name] = parsed.operands.as_slice() else {
        return usage_error(io, &PULL, "\"docker pull\" requires exactly 1 argument.");
    };
    let reference = match Reference::parse_pullable(name) {
        Ok(reference) => reference,
        Err(message) => {
            io.err(format!("{message}\n"));
            return 1;
        }
    };
    let quiet = parsed.has("quiet");
    // docker/cli `runPull`: the default tag is announced unless -q; -q prints nothing but
    // the reference at the end.
    let tag_given = name.rsplit_once(':').is_some_and(|(_, tag)| !tag.contains('/'));
    if !tag_given && reference.digest.is_none() && !quiet {
        io.out("Using default tag: latest\n");
    }
    let mut progress = Io::default();
    let sink = if quiet { &mut progress } else { &mut *io };
    // The registry is asked even when the image is local: it may be unreachable, or hold a
    // newer image under the tag.
    let result = match resolve_remote(world, &reference) {
        Err(message) => Err(message),
        Ok(remote) => {
            let digest = match &remote {
                Remote::Pushed(pushed) => pushed.id.clone(),
                Remote::Catalog(catalog) => catalog.digest(),
            };
            match world.docker.image_index(&reference.familiar()).filter(|&index| world.docker.images[index].id == digest) {
                Some(_) => {
                    sink.out(format!("{}Digest: {digest}\nStatus: Image is up to date for {}\n", pulling_from(&reference), reference.familiar()));
                    Ok(())
                }
                None => pull_reference(world, &reference, sink, false).map(|_| ()),
            }
        }
    };
    io.events.append(&mut progress.events);
    match result {
        Ok(()) => {
            io.out(format!("{}\n", reference.full()));
            0
        }
        Err(message) => {
            io.err(format!("Error response from daemon: {message}\n"));
            1
        }
    }
}

/// The daemon's error for an image it does not have: the reference with its tag filled in
/// (moby `daemon/images` ErrImageDoesNotExist: `No such image: nginx:latest`).
fn no_such_image(name: &str) -> String {
    match Reference::parse_pullable(name) {
        Ok(reference) => format!("No such image: {}", reference.familiar()),
        Err(_) => format!("No such image: {name}"),
    }
}

/// `docker image inspect`: images only, and the daemon's error for a missing one (docker/cli
/// `inspect.Inspect` prints `[]`, then the errors, and exits 1).
fn image_inspect(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&IMAGE_INSPECT, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if parsed.operands.is_empty() {
        return requires_one(io, &IMAGE_INSPECT);
    }
    let mut errors = String::new();
    let mut documents = Vec::new();
    for name in &parsed.operands {
        match world.docker.image_index(name) {
            Some(index) => documents.push(image_json(&world.docker.images[index])),
            None => errors.push_str(&format!("Error response from daemon: {}\n", no_such_image(name))),
        }
    }
    // The found objects are printed first, the errors after them.
    let status = print_documents(io, &documents, parsed.value("format"));
    if errors.is_empty() {
        return status;
    }
    io.err(errors);
    status.max(1)
}

fn inspect(world: &mut World, args: &[String], io: &mut Io) -> i32 {
    let parsed = match parse_command(&INSPECT, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    if parsed.operands.is_empty() {
        return requires_one(io, &INSPECT);
    }
    let mut errors = String::new();
    let mut documents = Vec::new();
    for name in &parsed.operands {
        if let Some(index) = world.docker.container_index(name) {
            documents.push(container_json(&world.docker.containers[index], world.now));
        } else if let Some(index) = world.docker.image_index(name) {
            documents.push(image_json(&world.docker.images[index]));
        } else {
            errors.push_str(&format!("error: no such object: {name}\n"));
        }
    }
    // docker/cli inspect.Inspect: the found objects first, then the errors (exit 1).
    let status = print_documents(io, &documents, parsed.value("format"));
    if errors.is_empty() {
        return status;
    }
    io.err(errors);
    status.max(1)
}

/// The parts of `docker container inspect` that lessons read.
fn container_json(container: &super::Container, now: u64) -> serde_json::Value {
    use crate::engine::clock::DateTime;
    let time = |millis: Option<u64>| millis.map_or_else(|| "0001-01-01T00:00:00Z".to_string(), rfc3339);
    let _ = DateTime::from_millis(now);
    serde_json::json!({
        "Id": container.id,
        "Created": rfc3339(container.created),
        "Path": container.command.first(),
        "Args": container.command.get(1..).unwrap_or(&[]),
        "State": {
            "Status": container.status.as_str(),
            "Running": container.status == Status::Running,
            "Paused": container.status == Status::Paused,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": container.pid,
            "ExitCode": container.exit_code,
            "Error": "",
            "StartedAt": time(container.started_at),
            "FinishedAt": time(container.finished_at),
        },
        "Image": container.image_id,
        "Name": format!("/{}", container.name),
        "RestartCount": container.restart_count,
        "NetworkSettings": {
            "IPAddress": container.endpoints.iter().find(|endpoint| endpoint.network == "bridge" && container.status == Status::Running).map(|endpoint| endpoint.ip.clone()).unwrap_or_default(),
            "Ports": container.spec.ports.iter().map(|port| (format!("{}/{}", port.container_port, port.protocol), serde_json::json!([{ "HostIp": if port.host_ip.is_empty() { "0.0.0.0" } else { port.host_ip.as_str() }, "HostPort": port.host_port.to_string() }]))).collect::<serde_json::Map<_, _>>(),
            "Networks": container.endpoints.iter().map(|endpoint| (endpoint.network.clone(), serde_json::json!({
                "Aliases": if endpoint.aliases.is_empty() { serde_json::Value::Null } else { serde_json::json!(endpoint.aliases) },
                "IPAddress": if container.status == Status::Running { endpoint.ip.clone() } else { String::new() },
                "Gateway": if container.status == Status::Running && !endpoint.ip.is_empty() { format!("{}.0.1", endpoint.ip.rsplitn(3, '.').last().unwrap_or("")) } else { String::new() },
                "IPPrefixLen": if endpoint.ip.is_empty() { 0 } else { 16 },
            }))).collect::<serde_json::Map<_, _>>(),
        },
        "Mounts": container.mounts.iter().map(|mount| {
            let (name, source) = match &mount.source {
                super::storage::Source::Volume(name) => (Some(name.clone()), format!("/var/lib/docker/volumes/{name}/_data")),
                super::storage::Source::Bind(path) => (None, path.clone()),
                super::storage::Source::Tmpfs(_) => (None, String::new()),
            };
            let mut entry = serde_json::json!({ "Type": mount.kind(), "Source": source, "Destination": mount.target, "Mode": if mount.read_only { "ro" } else { "" }, "RW": !mount.read_only, "Propagation": if mount.kind() == "bind" { "rprivate" } else { "" } });
            if let Some(name) = name {
                entry["Name"] = serde_json::Value::String(name);
                entry["Driver"] = serde_json::Value::String("local".into());
            }
            entry
        }).collect::<Vec<_>>(),
        "HostConfig": {
            "AutoRemove": container.spec.auto_remove,
            "Init": container.spec.init,
            "RestartPolicy": { "Name": container.spec.restart, "MaximumRetryCount": 0 },
        },
        "Config": {
            "Hostname": container.hostname,
            "User": container.user,
            "Tty": container.spec.tty,
            "OpenStdin": container.spec.interactive,
            "Env": container.env,
            "Cmd": if container.spec.args.is_empty() { serde_json::Value::Null } else { serde_json::json!(container.spec.args) },
            "Image": container.image,
            "WorkingDir": if container.working_dir == "/" { "" } else { container.working_dir.as_str() },
            "Entrypoint": container.spec.entrypoint,
            "StopSignal": container.stop_signal,
        },
    })
}

fn image_json(image: &super::Image) -> serde_json::Value {
    serde_json::json!({
        "Id": image.id,
        "RepoTags": image.tags,
        "RepoDigests": image.repo_digests,
        "Created": rfc3339(image.created),
        "Config": {
            "Env": image.config.env,
            "Cmd": image.config.cmd,
            "Entrypoint": image.config.entrypoint,
            "WorkingDir": image.config.working_dir,
            "User": image.config.user,
            "ExposedPorts": image.config.exposed_ports.iter().map(|port| (port.clone(), serde_json::json!({}))).collect::<serde_json::Map<_, _>>(),
            "Volumes": if image.config.volumes.is_empty() { serde_json::Value::Null } else { serde_json::Value::Object(image.config.volumes.iter().map(|volume| (volume.clone(), serde_json::json!({}))).collect()) },
            "StopSignal": image.config.stop_signal,
            "Labels": if image.config.labels.is_empty() { serde_json::Value::Null } else { serde_json::Value::Object(image.config.labels.iter().map(|(key, value)| (key.clone(), serde_json::Value::String(value.clone()))).collect()) },
            "Healthcheck": image.config.healthcheck.as_ref().map(|check| serde_json::json!({ "Test": ["CMD-SHELL", check.trim_start_matches("CMD").trim()] })),
        },
        "Architecture": "amd64",
        "Os": "linux",
        "Size": image.size,
    })
}

/// RFC 3339 with nanoseconds, as the daemon writes times.
fn rfc3339(millis: u64) -> String {
    let date = crate::engine::clock::DateTime::from_millis(millis);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}000000Z", date.year, date.month, date.day, date.hour, date.minute, date.second, millis % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_specs() {
        assert_eq!(parse_publish("8080:80"), Some(PortBinding { host_ip: String::new(), host_port: 8080, container_port: 80, protocol: "tcp".into() }));
        assert_eq!(parse_publish("127.0.0.1:8080:80/udp").map(|binding| (binding.host_ip, binding.protocol)), Some(("127.0.0.1".into(), "udp".into())));
        assert_eq!(parse_publish("x:80"), None);
    }
}
