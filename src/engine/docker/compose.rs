//! `docker compose` (Compose v2): a `compose.yaml` in the working directory becomes a
//! project of services, each a set of containers named `<project>-<service>-<n>` on the
//! network `<project>_default`, where services find each other by name.
//!
//! `up` builds an image only when it is missing (or with `--build`, through the build
//! cache), recreates a container only when its configuration changed, and otherwise leaves
//! it running: the reasons `compose up` does or does not rebuild.

use serde_json::Value;

use super::cli::Parsed;
use super::{ContainerSpec, Docker, PortBinding, Status, builder, storage};
use crate::engine::Event;
use crate::engine::fs::{self, Entry};
use crate::engine::interpreter::{Io, Job, World};

/// The files Compose looks for, in order.
const FILE_NAMES: &[&str] = &["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

/// A service, read from the file.
#[derive(Debug, Clone, Default)]
pub struct Service {
    pub name: String,
    pub image: Option<String>,
    /// (context, dockerfile, target), the context absolute.
    pub build: Option<(String, String, Option<String>)>,
    pub ports: Vec<String>,
    pub volumes: Vec<String>,
    pub environment: Vec<String>,
    pub depends_on: Vec<String>,
    pub command: Option<Vec<String>>,
    pub entrypoint: Option<Vec<String>>,
    pub restart: Option<String>,
    pub replicas: usize,
    pub container_name: Option<String>,
    pub working_dir: Option<String>,
    pub user: Option<String>,
    /// The service's configuration as read, for noticing changes.
    pub config: String,
}

/// A project: its name, services in start order, and declared volumes.
#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    pub directory: String,
    pub services: Vec<Service>,
    pub volumes: Vec<String>,
    /// The file as parsed (for `config`).
    pub document: Value,
    /// The file's path when it still has the obsolete top-level `version:`.
    pub obsolete_version: Option<String>,
}

/// Strings from a YAML value that may be a string, a list, or a mapping (`environment`).
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(text)) => vec![text.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(|item| match item {
            Value::String(text) => Some(text.clone()),
            Value::Object(map) => {
                // Long volume syntax: type/source/target/read_only.
                let get = |key: &str| map.get(key).and_then(Value::as_str).unwrap_or("");
                let read_only = matches!(get("read_only"), "true" | "yes");
                Some(format!("{}:{}{}", get("source"), get("target"), if read_only { ":ro" } else { "" }))
            }
            _ => None,
        }).collect(),
        Some(Value::Object(map)) => map.iter().map(|(key, value)| match value {
            Value::Null => key.clone(),
            Value::String(text) => format!("{key}={text}"),
            other => format!("{key}={other}"),
        }).collect(),
        _ => Vec::new(),
    }
}

/// A command in a compose file: a list, or a string split into words as a shell would.
fn command(value: Option<&Value>) -> Option<Vec<String>> {
    match value? {
        Value::Array(items) => Some(items.iter().filter_map(|item| item.as_str().map(String::from)).collect()),
        Value::String(text) => {
            let lists = crate::engine::shell::parse(text).ok()?;
            let words = &lists.first()?.first.commands.first()?.words;
            Some(words.iter().map(|word| word.iter().map(|part| match part {
                crate::engine::shell::Part::Literal(text) | crate::engine::shell::Part::Quoted(text) => text.clone(),
                crate::engine::shell::Part::Param { name, .. } => format!("${name}"),
                _ => String::new(),
            }).collect()).collect())
        }
        _ => None,
    }
}

/// Reads the compose file of `directory`.
pub fn load(host: &fs::Fs, directory: &str, file: Option<&str>, project_name: Option<&str>) -> Result<Project, String> {
    let path = match file {
        Some(file) => fs::absolute(directory, file),
        None => match FILE_NAMES.iter().map(|name| format!("{}/{name}", directory.trim_end_matches('/'))).find(|path| host.get(path).is_some()) {
            Some(path) => path,
            None => return Err("no configuration file provided: not found".into()),
        },
    };
    let text = host.get(&path).and_then(Entry::contents).ok_or_else(|| format!("open {path}: no such file or directory"))?.to_string();
    let document = super::yaml::parse(&text).map_err(|message| format!("{}: {message}", fs::file_name(&path)))?;
    let document_version = document.get("version").map(|_| path.clone());
    let name = project_name.map(String::from).unwrap_or_else(|| {
        let base = fs::file_name(directory).to_ascii_lowercase();
        base.chars().filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-')).collect()
    });
    let Some(Value::Object(services)) = document.get("services") else {
        return Err("no service selected".into());
    };
    let mut read = Vec::new();
    for (service_name, config) in services {
        let field = |key: &str| config.get(key);
        let build = match field("build") {
            Some(Value::String(context)) => Some((fs::absolute(directory, context), "Dockerfile".to_string(), None)),
            Some(Value::Object(map)) => Some((
                fs::absolute(directory, map.get("context").and_then(Value::as_str).unwrap_or(".")),
                map.get("dockerfile").and_then(Value::as_str).unwrap_or("Dockerfile").to_string(),
                map.get("target").and_then(Value::as_str).map(String::from),
            )),
            _ => None,
        };
        let image = field("image").and_then(Value::as_str).map(String::from);
        if image.is_none() && build.is_none() {
            return Err(format!("service \"{service_name}\" has neither an image nor a build context specified: invalid compose project"));
        }
        let mut environment = Vec::new();
        for env_file in strings(field("env_file")) {
            let env_path = fs::absolute(directory, &env_file);
            match host.get(&env_path).and_then(Entry::contents) {
                Some(text) => environment.extend(text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).map(String::from)),
                None => return Err(format!("env file {env_path} not found: stat {env_path}: no such file or directory")),
            }
        }
        environment.extend(strings(field("environment")));
        let depends_on = match field("depends_on") {
            Some(Value::Object(map)) => map.keys().cloned().collect(),
            other => strings(other),
        };
        let replicas = config.get("deploy").and_then(|deploy| deploy.get("replicas")).and_then(|replicas| replicas.as_str().and_then(|text| text.parse().ok()).or_else(|| replicas.as_u64().map(|n| n as usize))).unwrap_or(1);
        read.push(Service {
            name: service_name.clone(),
            image,
            build,
            ports: strings(field("ports")),
            volumes: strings(field("volumes")),
            environment,
            depends_on,
            command: command(field("command")),
            entrypoint: command(field("entrypoint")),
            restart: field("restart").and_then(Value::as_str).map(String::from),
            replicas: replicas.min(50),
            container_name: field("container_name").and_then(Value::as_str).map(String::from),
            working_dir: field("working_dir").and_then(Value::as_str).map(String::from),
            user: field("user").and_then(Value::as_str).map(String::from),
            config: config.to_string(),
        });
    }
    // Start order: dependencies first (a stable topological sort).
    let mut ordered: Vec<Service> = Vec::new();
    let mut remaining = read;
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|service| service.depends_on.iter().all(|dependency| ordered.iter().any(|done| done.name == *dependency) || !remaining.iter().any(|other| other.name == *dependency)));
        match ready {
            Some(index) => ordered.push(remaining.remove(index)),
            None => return Err(format!("dependency cycle detected: {}", remaining.iter().map(|service| service.name.clone()).collect::<Vec<_>>().join(" -> "))),
        }
    }
    for service in &ordered {
        for dependency in &service.depends_on {
            if !ordered.iter().any(|other| other.name == *dependency) {
                return Err(format!("service \"{}\" depends on undefined service \"{dependency}\": invalid compose project", service.name));
            }
        }
    }
    let volumes = match document.get("volumes") {
        Some(Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    Ok(Project { name, directory: directory.to_string(), services: ordered, volumes, document, obsolete_version: document_version })
}

/// The name of a service's image when Compose builds it.
fn built_image(project: &Project, service: &Service) -> String {
    format!("{}-{}", project.name, service.name)
}

/// One line of Compose's progress: ` ✔ Container app-web-1  Started  0.4s`.
fn progress(lines: &[(String, String)], verb: &str) -> String {
    let width = lines.iter().map(|(what, _)| what.chars().count()).max().unwrap_or(0);
    let mut text = format!("[+] {verb} {}/{}\n", lines.len(), lines.len());
    for (what, status) in lines {
        let line = format!(" ✔ {what:<width$} {status}");
        text.push_str(&format!("{line:<74}{:>6}\n", "0.1s"));
    }
    text
}

/// The containers of a project's service, by the labels Compose puts on them.
fn service_containers(docker: &Docker, project: &str, service: Option<&str>) -> Vec<usize> {
    let project_label = format!("com.docker.compose.project={project}");
    docker
        .containers
        .iter()
        .enumerate()
        .filter(|(_, container)| container.spec.labels.contains(&project_label) && service.is_none_or(|service| container.spec.labels.contains(&format!("com.docker.compose.service={service}"))))
        .map(|(index, _)| index)
        .collect()
}

/// `docker compose …`.
pub(super) fn run(world: &mut World, parsed: &Parsed, io: &mut Io) -> i32 {
    let Some(sub) = parsed.operands.first().cloned() else {
        io.out("\nUsage:  docker compose [OPTIONS] COMMAND\n\nDefine and run multi-container applications with Docker\n\nCommands:\n  build       Build or rebuild services\n  config      Parse, resolve and render compose file in canonical format\n  down        Stop and remove containers, networks\n  exec        Execute a command in a running container\n  logs        View output from containers\n  ps          List containers\n  run         Run a one-off command on a service\n  start       Start services\n  stop        Stop services\n  up          Create and start containers\n\nRun 'docker compose COMMAND --help' for more information on a command.\n");
        return 0;
    };
    if parsed.operands[1..].iter().any(|arg| arg == "--help") {
        let usage = match sub.as_str() {
            "up" => "docker compose up [OPTIONS] [SERVICE...]\n\nCreate and start containers\n\nOptions:\n      --build    Build images before starting containers\n  -d, --detach   Detached mode: Run containers in the background",
            "down" => "docker compose down [OPTIONS] [SERVICES]\n\nStop and remove containers, networks\n\nOptions:\n  -v, --volumes   Remove named volumes declared in the \"volumes\" section of the Compose file and anonymous volumes attached to containers",
            "ps" => "docker compose ps [OPTIONS] [SERVICE...]\n\nList containers\n\nOptions:\n  -a, --all   Show all stopped containers (including those created by the run command)",
            "logs" => "docker compose logs [OPTIONS] [SERVICE...]\n\nView output from containers",
            "build" => "docker compose build [OPTIONS] [SERVICE...]\n\nBuild or rebuild services",
            "exec" => "docker compose exec [OPTIONS] SERVICE COMMAND [ARGS...]\n\nExecute a command in a running container\n\nOptions:\n  -T, --no-TTY   Disable pseudo-TTY allocation",
            "run" => "docker compose run [OPTIONS] SERVICE [COMMAND] [ARGS...]\n\nRun a one-off command on a service\n\nOptions:\n      --rm   Automatically remove the container when it exits",
            "config" => "docker compose config [OPTIONS] [SERVICE...]\n\nParse, resolve and render compose file in canonical format",
            "start" => "docker compose start [SERVICE...]\n\nStart services",
            "stop" => "docker compose stop [OPTIONS] [SERVICE...]\n\nStop services\n\nOptions:\n  -t, --timeout int   Specify a shutdown timeout in seconds",
            _ => "docker compose [OPTIONS] COMMAND",
        };
        io.out(format!("\nUsage:  {usage}\n"));
        return 0;
    }
    let project = match load(&world.fs, &world.cwd.clone(), parsed.value("file"), parsed.value("project-name")) {
        Ok(project) => project,
        Err(message) => {
            io.err(format!("{message}\n"));
            return if message.starts_with("no configuration file") { 14 } else { 15 };
        }
    };
    if let Some(path) = &project.obsolete_version {
        io.err(obsolete_version_warning(path, io.stderr_is_tty, world.now));
    }
    let rest: Vec<String> = parsed.operands[1..].to_vec();
    let has = |flag: &str| rest.iter().any(|arg| arg == flag);
    match sub.as_str() {
        "up" => {
            // `up SERVICE...` starts those services and what they depend on (`--no-deps`:
            // those alone).
            let named: Vec<&String> = rest.iter().filter(|arg| !arg.starts_with('-')).collect();
            match selected(&project, &named, has("--no-deps")) {
                Ok(chosen) => up(world, &chosen, has("-d") || has("--detach"), has("--build"), io),
                Err(message) => {
                    io.err(format!("{message}\n"));
                    1
                }
            }
        }
        "down" => down(world, &project, has("-v") || has("--volumes"), io),
        "stop" | "start" => {
            // `start SERVICE` starts what it depends on too (the project is loaded with the
            // services selected, as for `up`); `stop SERVICE` stops that service alone.
            let named: Vec<&String> = rest.iter().filter(|arg| !arg.starts_with('-') && !arg.chars().all(|c| c.is_ascii_digit())).collect();
            match selected(&project, &named, sub == "stop") {
                Ok(chosen) => {
                    let services: Vec<&Service> = chosen.services.iter().collect();
                    if sub == "stop" { stop(world, &project, &services, io) } else { start(world, &project, &services, io) }
                }
                Err(message) => {
                    io.err(format!("{message}\n"));
                    1
                }
            }
        }
        "ps" => {
            let mut rows = vec![["NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS"].iter().map(|cell| cell.to_string()).collect::<Vec<_>>()];
            let all = has("-a") || has("--all");
            for index in service_containers(&world.docker, &project.name, None) {
                let container = &world.docker.containers[index];
                if !all && container.status != Status::Running {
                    continue;
                }
                let service = container.spec.labels.iter().find_map(|label| label.strip_prefix("com.docker.compose.service=")).unwrap_or("").to_string();
                let exposed = world.docker.images.iter().find(|image| image.id == container.image_id).map(|image| image.config.exposed_ports.clone()).unwrap_or_default();
                rows.push(vec![container.name.clone(), container.image.clone(), super::format::command_cell(&container.command_text()), service, format!("{} ago", super::format::human_duration(world.now.saturating_sub(container.created))), container.status_text(world.now), container.ports_text(&exposed)]);
            }
            io.out(super::format::table(&rows));
            0
        }
        "logs" => {
            let service = rest.iter().find(|arg| !arg.starts_with('-')).cloned();
            let indices = service_containers(&world.docker, &project.name, service.as_deref());
            let prefixes: Vec<String> = indices.iter().map(|index| short_name(&world.docker.containers[*index].name, &project.name)).collect();
            let width = prefixes.iter().map(String::len).max().unwrap_or(0);
            for (index, prefix) in indices.iter().zip(&prefixes) {
                for (_, stderr, text) in &world.docker.containers[*index].logs {
                    for line in text.lines() {
                        let shown = format!("{prefix:<width$}  | {line}\n");
                        if *stderr { io.err(shown) } else { io.out(shown) }
                    }
                }
            }
            0
        }
        "build" => {
            for service in &project.services {
                if service.build.is_some() {
                    let code = build_service(world, &project, service, io);
                    if code != 0 {
                        return code;
                    }
                }
            }
            0
        }
        "exec" | "run" => {
            // Flags come before the service; everything after the service is its command.
            let start = rest.iter().position(|arg| !arg.starts_with('-')).unwrap_or(rest.len());
            let words: Vec<&String> = rest[start..].iter().collect();
            let Some(service) = words.first() else {
                io.err(format!("\"docker compose {sub}\" requires at least 1 argument.\n"));
                return 1;
            };
            let Some(found) = project.services.iter().find(|candidate| candidate.name == **service) else {
                io.err(format!("no such service: {service}\n"));
                return 1;
            };
            let command: Vec<String> = words[1..].iter().map(|word| word.to_string()).collect();
            if sub == "exec" {
                let Some(index) = service_containers(&world.docker, &project.name, Some(&found.name)).into_iter().find(|index| world.docker.containers[*index].status == Status::Running) else {
                    io.err(format!("service \"{}\" is not running\n", found.name));
                    return 1;
                };
                let name = world.docker.containers[index].name.clone();
                // Compose's exec allocates a terminal unless -T.
                let mut args = vec!["exec".to_string()];
                if !has("-T") {
                    args.push("-it".into());
                }
                args.push(name);
                args.extend(command);
                return super::cli::run(world, &project.directory, &args, io);
            }
            let mut args = vec!["run".to_string()];
            if has("--rm") {
                args.push("--rm".into());
            }
            args.extend(["-it".into(), "--network".into(), format!("{}_default", project.name), "--name".into(), format!("{}-{}-run-{}", project.name, found.name, &world.docker.new_id()[..12])]);
            for variable in &found.environment {
                args.extend(["-e".into(), variable.clone()]);
            }
            let image = match &found.image {
                Some(image) if found.build.is_none() => image.clone(),
                _ => built_image(&project, found),
            };
            args.push(image);
            args.extend(if command.is_empty() { found.command.clone().unwrap_or_default() } else { command });
            ensure_network(world, &project, &mut Vec::new(), io);
            super::cli::run(world, &project.directory, &args, io)
        }
        "config" => {
            io.out(config_yaml(&project));
            0
        }
        other => {
            io.err(format!("unknown docker command: \"compose {other}\"\n"));
            1
        }
    }
}

/// `web-1` from `app-web-1`.
fn short_name(container: &str, project: &str) -> String {
    container.strip_prefix(&format!("{project}-")).unwrap_or(container).to_string()
}

fn build_service(world: &mut World, project: &Project, service: &Service, io: &mut Io) -> i32 {
    let Some((context, dockerfile, target)) = &service.build else { return 0 };
    let request = builder::Request {
        context: context.clone(),
        dockerfile: fs::absolute(context, dockerfile),
        tags: vec![service.image.clone().unwrap_or_else(|| built_image(project, service))],
        target: target.clone(),
        no_cache: false,
        build_args: Vec::new(),
        tty: io.stderr_is_tty,
    };
    let now = world.now;
    let outcome = builder::build(&mut world.docker, &mut world.fs, &request, now, &mut io.events);
    world.now += outcome.millis;
    io.err(outcome.text);
    if outcome.failed {
        io.err(format!("failed to solve: target {}: failed to build\n", service.name));
        return 1;
    }
    0
}

fn ensure_network(world: &mut World, project: &Project, lines: &mut Vec<(String, String)>, io: &mut Io) {
    let network = format!("{}_default", project.name);
    if world.docker.network_index(&network).is_none() {
        let now = world.now;
        let _ = world.docker.create_network(&network, "bridge", false, now, &mut io.events);
        lines.push((format!("Network {network}"), "Created".into()));
    }
}

/// The project cut down to the named services and, unless `no_deps`, everything they depend
/// on, in start order; no names means every service.
fn selected(project: &Project, named: &[&String], no_deps: bool) -> Result<Project, String> {
    if named.is_empty() {
        return Ok(project.clone());
    }
    if let Some(unknown) = named.iter().find(|name| !project.services.iter().any(|service| service.name == ***name)) {
        return Err(format!("no such service: {unknown}"));
    }
    let mut wanted: Vec<String> = named.iter().map(|name| name.to_string()).collect();
    let mut index = 0;
    while !no_deps && index < wanted.len() {
        if let Some(service) = project.services.iter().find(|service| service.name == wanted[index]) {
            for dependency in &service.depends_on {
                if !wanted.contains(dependency) {
                    wanted.push(dependency.clone());
                }
            }
        }
        index += 1;
    }
    let mut chosen = project.clone();
    chosen.services.retain(|service| wanted.contains(&service.name));
    Ok(chosen)
}

fn up(world: &mut World, project: &Project, detach: bool, force_build: bool, io: &mut Io) -> i32 {
    // Images first: build what is missing (or everything with --build), pull the rest.
    for service in &project.services {
        let image = service.image.clone().unwrap_or_else(|| built_image(project, service));
        let missing = world.docker.image_index(&image).is_none();
        if service.build.is_some() && (missing || force_build) {
            let code = build_service(world, project, service, io);
            if code != 0 {
                return code;
            }
        } else if missing
            && let Err(code) = super::cli::ensure_image_quietly(world, &image, io) {
                return code;
            }
    }
    let mut lines: Vec<(String, String)> = Vec::new();
    ensure_network(world, project, &mut lines, io);
    for volume in &project.volumes {
        let name = format!("{}_{volume}", project.name);
        if world.docker.volume_index(&name).is_none() {
            let now = world.now;
            world.docker.create_volume(&name, false, now, &mut io.events);
            lines.push((format!("Volume \"{name}\""), "Created".into()));
        }
    }
    let mut attached = Vec::new();
    for service in &project.services {
        let image = service.image.clone().unwrap_or_else(|| built_image(project, service));
        let image_index = world.docker.image_index(&image).expect("pulled or built above");
        let hash = format!("com.docker.compose.config-hash={}", simple_hash(&format!("{}{}", service.config, world.docker.images[image_index].id)));
        for replica in 1..=service.replicas {
            let name = service.container_name.clone().filter(|_| service.replicas == 1).unwrap_or_else(|| format!("{}-{}-{replica}", project.name, service.name));
            attached.push(name.clone());
            if let Some(index) = world.docker.container_index(&name) {
                let unchanged = world.docker.containers[index].spec.labels.contains(&hash);
                if unchanged && world.docker.containers[index].status == Status::Running {
                    lines.push((format!("Container {name}"), "Running".into()));
                    continue;
                }
                if unchanged {
                    world.now += super::timing::CONTAINER_START;
                    let now = world.now;
                    let _ = world.docker.start(index, &mut world.fs, now, &mut io.events);
                    lines.push((format!("Container {name}"), "Started".into()));
                    continue;
                }
                // The configuration or the image changed: replace the container.
                let now = world.now;
                let waited = world.docker.stop(index, None, now, &mut io.events);
                world.now += waited;
                world.docker.remove_container(index, false, &mut io.events);
                lines.push((format!("Container {name}"), "Recreated".into()));
            }
            let spec = service_spec(project, service, &image, &name, &hash);
            let now = world.now;
            let index = match world.docker.create(spec, image_index, &mut world.fs, now, &mut io.events) {
                Ok(index) => index,
                Err(message) => {
                    io.err(format!("Error response from daemon: {message}\n"));
                    return 1;
                }
            };
            if let Some(conflict) = super::cli::port_conflict(&world.docker, index) {
                io.out(progress(&lines, "Running"));
                io.err(format!("Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint {name} ({}): Bind for 0.0.0.0:{conflict} failed: port is already allocated\n", world.docker.containers[index].id));
                return 1;
            }
            world.now += super::timing::CONTAINER_START;
            let now = world.now;
            if let Err((message, _)) = world.docker.start(index, &mut world.fs, now, &mut io.events) {
                io.out(progress(&lines, "Running"));
                io.err(format!("Error response from daemon: {message}\n"));
                return 1;
            }
            if !lines.iter().any(|(what, status)| *what == format!("Container {name}") && status == "Recreated") {
                lines.push((format!("Container {name}"), "Started".into()));
            }
        }
    }
    io.out(progress(&lines, "Running"));
    if detach {
        return 0;
    }
    // Attached: every service's output, prefixed with its container's short name.
    let mut text = format!("Attaching to {}\n", attached.join(", "));
    let width = attached.iter().map(|name| short_name(name, &project.name).len()).max().unwrap_or(0);
    for name in &attached {
        if let Some(index) = world.docker.container_index(name) {
            for (_, _, chunk) in &world.docker.containers[index].logs {
                for line in chunk.lines() {
                    text.push_str(&format!("{:<width$}  | {line}\n", short_name(name, &project.name)));
                }
            }
        }
    }
    io.out(text);
    let ids: Vec<String> = attached.iter().filter_map(|name| world.docker.container_index(name).map(|index| world.docker.containers[index].id.clone())).collect();
    io.foreground = Some(Job::Compose { project: project.name.clone(), containers: ids });
    0
}

/// A service's container as Compose configures it.
fn service_spec(project: &Project, service: &Service, image: &str, name: &str, hash: &str) -> ContainerSpec {
    let mut mounts = Vec::new();
    for volume in &service.volumes {
        // Named volumes are the project's own; relative host paths are from the project.
        let (source, rest) = volume.split_once(':').unwrap_or(("", volume));
        let spec = if !source.is_empty() && !source.starts_with(['/', '.', '~']) {
            format!("{}_{source}:{rest}", project.name)
        } else {
            volume.clone()
        };
        if let Ok(request) = storage::parse_volume_flag(&spec, &project.directory) {
            mounts.push(request);
        }
    }
    let ports = service.ports.iter().filter_map(|port| super::cli::parse_publish(port)).collect::<Vec<PortBinding>>();
    ContainerSpec {
        name: Some(name.to_string()),
        image: image.to_string(),
        entrypoint: service.entrypoint.clone(),
        args: service.command.clone().unwrap_or_default(),
        env: service.environment.clone(),
        working_dir: service.working_dir.clone(),
        user: service.user.clone(),
        ports,
        labels: vec![format!("com.docker.compose.project={}", project.name), format!("com.docker.compose.service={}", service.name), hash.to_string()],
        restart: service.restart.clone().unwrap_or_else(|| "no".into()),
        mounts,
        network: Some(format!("{}_default", project.name)),
        network_aliases: vec![service.name.clone()],
        ..ContainerSpec::default()
    }
}

fn down(world: &mut World, project: &Project, volumes: bool, io: &mut Io) -> i32 {
    let mut lines = Vec::new();
    let mut indices = service_containers(&world.docker, &project.name, None);
    // Reverse start order: dependents stop first.
    indices.reverse();
    let names: Vec<String> = indices.iter().map(|index| world.docker.containers[*index].name.clone()).collect();
    for name in names {
        if let Some(index) = world.docker.container_index(&name) {
            let now = world.now;
            let waited = world.docker.stop(index, None, now, &mut io.events);
            world.now += waited;
            world.docker.remove_container(index, true, &mut io.events);
            lines.push((format!("Container {name}"), "Removed".into()));
        }
    }
    if volumes {
        for volume in &project.volumes {
            let name = format!("{}_{volume}", project.name);
            if let Some(index) = world.docker.volume_index(&name) {
                world.docker.volumes.remove(index);
                io.events.push(Event::VolumeRemoved { name: name.clone() });
                lines.push((format!("Volume {name}"), "Removed".into()));
            }
        }
    }
    let network = format!("{}_default", project.name);
    if let Some(index) = world.docker.network_index(&network) {
        world.docker.networks.remove(index);
        io.events.push(Event::NetworkRemoved { name: network.clone() });
        lines.push((format!("Network {network}"), "Removed".into()));
    }
    if !lines.is_empty() {
        io.out(progress(&lines, "Running"));
    }
    0
}

/// `docker compose stop [SERVICE...]`: every container of the services, dependents first
/// (compose pkg/compose/stop.go: InReverseDependencyOrder, each container stopped and
/// reported whether or not it was running).
fn stop(world: &mut World, project: &Project, services: &[&Service], io: &mut Io) -> i32 {
    let mut lines = Vec::new();
    for service in services.iter().rev() {
        for index in service_containers(&world.docker, &project.name, Some(&service.name)) {
            let now = world.now;
            let waited = world.docker.stop(index, None, now, &mut io.events);
            world.now += waited;
            lines.push((format!("Container {}", world.docker.containers[index].name), "Stopped".into()));
        }
    }
    if !lines.is_empty() {
        io.out(progress(&lines, "Stopping"));
    }
    0
}

/// `docker compose start [SERVICE...]`: the services' stopped containers, dependencies
/// first; a service with no container is an error (compose pkg/compose/start.go
/// startService: "service %q has no container to start").
fn start(world: &mut World, project: &Project, services: &[&Service], io: &mut Io) -> i32 {
    let mut lines = Vec::new();
    for service in services {
        let indices = service_containers(&world.docker, &project.name, Some(&service.name));
        if indices.is_empty() {
            if !lines.is_empty() {
                io.out(progress(&lines, "Starting"));
            }
            io.err(format!("service \"{}\" has no container to start\n", service.name));
            return 1;
        }
        for index in indices {
            if world.docker.containers[index].status == Status::Running {
                continue;
            }
            world.now += super::timing::CONTAINER_START;
            let now = world.now;
            if let Err((message, _)) = world.docker.start(index, &mut world.fs, now, &mut io.events) {
                io.out(progress(&lines, "Starting"));
                io.err(format!("Error response from daemon: {message}\n"));
                return 1;
            }
            lines.push((format!("Container {}", world.docker.containers[index].name), "Started".into()));
        }
    }
    if !lines.is_empty() {
        // UNVERIFIED: the "Starting" title (stop's "Stopping" is seen in real output).
        io.out(progress(&lines, "Starting"));
    }
    0
}

/// compose-go's warning for a top-level `version:` (loader: "%s: the attribute `version`
/// is obsolete, it will be ignored, please remove it to avoid potential confusion"),
/// logged by logrus: on a terminal `WARN[0000] … ` in yellow with a trailing space, else
/// `time="…" level=warning msg="…"`.
fn obsolete_version_warning(path: &str, tty: bool, now: crate::engine::SimTime) -> String {
    let message = format!("{path}: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion");
    if tty {
        format!("\x1b[33mWARN\x1b[0m[0000] {message:<44} \n")
    } else {
        let date = crate::engine::clock::DateTime::from_millis(now);
        format!("time=\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z\" level=warning msg=\"{}\"\n", date.year, date.month, date.day, date.hour, date.minute, date.second, message.replace('"', "\\\""))
    }
}

/// `docker compose config`: the project in canonical form.
fn config_yaml(project: &Project) -> String {
    let mut text = format!("name: {}\nservices:\n", project.name);
    let mut services = project.services.clone();
    services.sort_by(|a, b| a.name.cmp(&b.name));
    for service in &services {
        text.push_str(&format!("  {}:\n", service.name));
        if let Some((context, dockerfile, target)) = &service.build {
            text.push_str(&format!("    build:\n      context: {context}\n      dockerfile: {dockerfile}\n"));
            if let Some(target) = target {
                text.push_str(&format!("      target: {target}\n"));
            }
        }
        if let Some(command) = &service.command {
            text.push_str("    command:\n");
            for word in command {
                text.push_str(&format!("      - {word}\n"));
            }
        }
        if !service.depends_on.is_empty() {
            text.push_str("    depends_on:\n");
            for dependency in &service.depends_on {
                text.push_str(&format!("      {dependency}:\n        condition: service_started\n        required: true\n"));
            }
        }
        if !service.environment.is_empty() {
            text.push_str("    environment:\n");
            let mut environment = service.environment.clone();
            environment.sort();
            for variable in environment {
                let (key, value) = variable.split_once('=').unwrap_or((&variable, ""));
                text.push_str(&format!("      {key}: {value}\n"));
            }
        }
        if let Some(image) = &service.image {
            text.push_str(&format!("    image: {image}\n"));
        }
        text.push_str("    networks:\n      default: null\n");
        if !service.ports.is_empty() {
            text.push_str("    ports:\n");
            for port in &service.ports {
                if let Some(binding) = super::cli::parse_publish(port) {
                    text.push_str(&format!("      - mode: ingress\n        target: {}\n        published: \"{}\"\n        protocol: {}\n", binding.container_port, binding.host_port, binding.protocol));
                }
            }
        }
        if let Some(restart) = &service.restart {
            text.push_str(&format!("    restart: {restart}\n"));
        }
        if !service.volumes.is_empty() {
            text.push_str("    volumes:\n");
            for volume in &service.volumes {
                let (source, rest) = volume.split_once(':').unwrap_or(("", volume));
                let target = rest.split(':').next().unwrap_or(rest);
                let bind = source.starts_with(['/', '.', '~']);
                let source = if bind { fs::absolute(&project.directory, source) } else { source.to_string() };
                text.push_str(&format!("      - type: {}\n        source: {source}\n        target: {target}\n", if bind { "bind" } else { "volume" }));
            }
        }
    }
    text.push_str(&format!("networks:\n  default:\n    name: {}_default\n", project.name));
    if !project.volumes.is_empty() {
        text.push_str("volumes:\n");
        for volume in &project.volumes {
            text.push_str(&format!("  {volume}:\n    name: {}_{volume}\n", project.name));
        }
    }
    text
}

fn simple_hash(text: &str) -> String {
    let mut value: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        value ^= u64::from(byte);
        value = value.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{value:016x}")
}
