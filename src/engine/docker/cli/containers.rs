//! The rest of `docker container`: pause, unpause, top, port, diff, rename, wait, stats,
//! cp and commit.

use super::super::{Image, Status};
use super::{Grammar, Io, World, container, flag, parse_command, requires_one, table, usage_error};
use crate::engine::Event;
use crate::engine::fs::{self, Entry};

const PAUSE: Grammar = Grammar { usage: "docker pause CONTAINER [CONTAINER...]", summary: "Pause all processes within one or more containers", flags: &[flag("help", None, false)], stop_at_operand: false };
const UNPAUSE: Grammar = Grammar { usage: "docker unpause CONTAINER [CONTAINER...]", summary: "Unpause all processes within one or more containers", flags: &[flag("help", None, false)], stop_at_operand: false };
const TOP: Grammar = Grammar { usage: "docker top CONTAINER [ps OPTIONS]", summary: "Display the running processes of a container", flags: &[flag("help", None, false)], stop_at_operand: true };
const PORT: Grammar = Grammar { usage: "docker port CONTAINER [PRIVATE_PORT[/PROTO]]", summary: "List port mappings or a specific mapping for the container", flags: &[flag("help", None, false)], stop_at_operand: false };
const DIFF: Grammar = Grammar { usage: "docker diff CONTAINER", summary: "Inspect changes to files or directories on a container's filesystem", flags: &[flag("help", None, false)], stop_at_operand: false };
const RENAME: Grammar = Grammar { usage: "docker rename CONTAINER NEW_NAME", summary: "Rename a container", flags: &[flag("help", None, false)], stop_at_operand: false };
const WAIT: Grammar = Grammar { usage: "docker wait CONTAINER [CONTAINER...]", summary: "Block until one or more containers stop, then print their exit codes", flags: &[flag("help", None, false)], stop_at_operand: false };
const STATS: Grammar = Grammar { usage: "docker stats [OPTIONS] [CONTAINER...]", summary: "Display a live stream of container(s) resource usage statistics", flags: &[flag("all", Some('a'), false), flag("no-stream", None, false), flag("no-trunc", None, false), flag("format", None, true), flag("help", None, false)], stop_at_operand: false };
const CP: Grammar = Grammar { usage: "docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH", summary: "Copy files/folders between a container and the local filesystem", flags: &[flag("archive", Some('a'), false), flag("follow-link", Some('L'), false), flag("quiet", Some('q'), false), flag("help", None, false)], stop_at_operand: false };
const COMMIT: Grammar = Grammar { usage: "docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]", summary: "Create a new image from a container's changes", flags: &[flag("author", Some('a'), true), flag("change", Some('c'), true), flag("message", Some('m'), true), flag("pause", Some('p'), false), flag("help", None, false)], stop_at_operand: false };

/// Runs one of these sub-commands, or returns `None` for a name it does not know.
pub(super) fn run(world: &mut World, command: &str, args: &[String], io: &mut Io) -> Option<i32> {
    let grammar = match command {
        "pause" => &PAUSE,
        "unpause" => &UNPAUSE,
        "top" => &TOP,
        "port" => &PORT,
        "diff" => &DIFF,
        "rename" => &RENAME,
        "wait" => &WAIT,
        "stats" => &STATS,
        "cp" => &CP,
        "commit" => &COMMIT,
        _ => return None,
    };
    let parsed = match parse_command(grammar, args, io) {
        Ok(parsed) => parsed,
        Err(status) => return Some(status),
    };
    let now = world.now;
    Some(match command {
        "pause" | "unpause" => {
            if parsed.operands.is_empty() {
                return Some(requires_one(io, grammar));
            }
            let mut failed = false;
            for name in &parsed.operands {
                let Some(index) = container(world, io, name) else {
                    failed = true;
                    continue;
                };
                let container = &mut world.docker.containers[index];
                match (command, container.status) {
                    ("pause", Status::Running) => container.status = Status::Paused,
                    ("unpause", Status::Paused) => container.status = Status::Running,
                    ("pause", Status::Paused) => {
                        io.err(format!("Error response from daemon: cannot pause container {}: container {} is already paused\n", container.id, container.id));
                        failed = true;
                        continue;
                    }
                    ("pause", _) => {
                        io.err(format!("Error response from daemon: cannot pause container {}: container {} is not running\n", container.id, container.id));
                        failed = true;
                        continue;
                    }
                    _ => {
                        io.err(format!("Error response from daemon: container {} is not paused\n", container.id));
                        failed = true;
                        continue;
                    }
                }
                io.events.push(Event::ContainerPaused { id: container.id.clone(), paused: command == "pause" });
                io.out(format!("{name}\n"));
            }
            i32::from(failed)
        }
        "top" => {
            let Some(name) = parsed.operands.first() else {
                return Some(requires_one(io, grammar));
            };
            let Some(index) = container(world, io, name) else { return Some(1) };
            let container = &world.docker.containers[index];
            if !matches!(container.status, Status::Running | Status::Paused) {
                io.err(format!("Error response from daemon: container {} is not running\n", container.id));
                return Some(1);
            }
            let program = container.program.as_ref();
            let mut rows = vec![["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"].iter().map(|cell| cell.to_string()).collect::<Vec<_>>()];
            let host_pid = 4000 + index as u32 * 10;
            let stime = crate::engine::clock::DateTime::from_millis(container.started_at.unwrap_or(now));
            let stime = format!("{:02}:{:02}", stime.hour, stime.minute);
            // `ps -ef` on the host names the container's user by the host's /etc/passwd
            // (a number it does not list stays a number), names longer than 8 cut to 7 and `+`.
            let host_users = crate::engine::accounts::Files::read(&world.fs);
            let ps_user = |uid: u32| {
                let name = host_users.user_by_uid(uid).map(|account| account.name).unwrap_or_else(|| uid.to_string());
                if name.chars().count() > 8 { format!("{}+", name.chars().take(7).collect::<String>()) } else { name }
            };
            let uid = container.process_user.as_ref().map_or(0, |user| user.ids.uid);
            if let Some(program) = program {
                let is_nginx = program.child.is_none() && program.pid1.first().is_some_and(|name| name.ends_with("nginx"));
                let command = if is_nginx { format!("nginx: master process {}", program.pid1.join(" ")) } else { program.pid1.join(" ") };
                rows.push(vec![ps_user(uid), host_pid.to_string(), (host_pid - 20).to_string(), "0".into(), stime.clone(), "?".into(), "00:00:00".into(), command]);
                if let Some(child) = &program.child {
                    rows.push(vec![ps_user(uid), (host_pid + 1).to_string(), host_pid.to_string(), "0".into(), stime, "?".into(), "00:00:00".into(), child.join(" ")]);
                } else if is_nginx {
                    // nginx's workers run as its user, uid 101: on the host, messagebus.
                    rows.push(vec![ps_user(101), (host_pid + 1).to_string(), host_pid.to_string(), "0".into(), stime, "?".into(), "00:00:00".into(), "nginx: worker process".into()]);
                }
            }
            // docker/cli container/top.go: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0).
            io.out(super::format::table_with_min_width(&rows, 20));
            0
        }
        "port" => {
            let Some(name) = parsed.operands.first() else {
                return Some(requires_one(io, grammar));
            };
            let Some(index) = container(world, io, name) else { return Some(1) };
            let container = &world.docker.containers[index];
            let wanted = parsed.operands.get(1).map(|port| if port.contains('/') { port.clone() } else { format!("{port}/tcp") });
            let mut lines = Vec::new();
            for binding in &container.spec.ports {
                let key = format!("{}/{}", binding.container_port, binding.protocol);
                if wanted.as_ref().is_some_and(|wanted| *wanted != key) {
                    continue;
                }
                let ip = if binding.host_ip.is_empty() { "0.0.0.0" } else { &binding.host_ip };
                let prefix = if wanted.is_some() { String::new() } else { format!("{key} -> ") };
                lines.push(format!("{prefix}{ip}:{}", binding.host_port));
                if binding.host_ip.is_empty() {
                    lines.push(format!("{prefix}[::]:{}", binding.host_port));
                }
            }
            if let (Some(wanted), true) = (&wanted, lines.is_empty()) {
                io.err(format!("Error: No public port '{wanted}' published for {name}\n"));
                return Some(1);
            }
            io.out(lines.iter().map(|line| format!("{line}\n")).collect::<String>());
            0
        }
        "diff" => {
            let [name] = parsed.operands.as_slice() else {
                return Some(usage_error(io, grammar, "\"docker diff\" requires exactly 1 argument."));
            };
            let Some(index) = container(world, io, name) else { return Some(1) };
            let container = &world.docker.containers[index];
            let Some(image) = world.docker.images.iter().find(|image| image.id == container.image_id) else { return Some(0) };
            io.out(diff(&image.fs, &container.fs));
            0
        }
        "rename" => {
            let [old, new] = parsed.operands.as_slice() else {
                return Some(usage_error(io, grammar, "\"docker rename\" requires exactly 2 arguments."));
            };
            let Some(index) = container(world, io, old) else { return Some(1) };
            if let Some(other) = world.docker.containers.iter().find(|container| container.name == *new) {
                io.err(format!("Error response from daemon: Conflict. The container name \"/{new}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.\n", other.id));
                return Some(1);
            }
            world.docker.containers[index].name = new.clone();
            0
        }
        "wait" => {
            if parsed.operands.is_empty() {
                return Some(requires_one(io, grammar));
            }
            let mut failed = false;
            for name in &parsed.operands {
                let Some(index) = container(world, io, name) else {
                    failed = true;
                    continue;
                };
                // Waiting runs the clock until the container ends by itself, if it will.
                if let Some(end) = world.docker.containers[index].ends_at.filter(|_| world.docker.containers[index].status == Status::Running) {
                    world.now = world.now.max(end);
                    let now = world.now;
                    world.docker.advance_to(&mut world.fs, now, &mut io.events);
                }
                match world.docker.container_index(name).map(|index| &world.docker.containers[index]) {
                    Some(container) if container.status == Status::Running => {
                        io.err(format!("docker wait: {name} runs until it is stopped; the simulator does not wait for ever (stop it from another terminal in real life)\n"));
                        failed = true;
                    }
                    Some(container) => io.out(format!("{}\n", container.exit_code)),
                    None => io.out("0\n"),
                }
            }
            i32::from(failed)
        }
        "stats" => {
            let mut rows = vec![["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"].iter().map(|cell| cell.to_string()).collect::<Vec<_>>()];
            for container in world.docker.containers.iter().filter(|container| parsed.has("all") || container.status == Status::Running) {
                if !parsed.operands.is_empty() && !parsed.operands.iter().any(|name| *name == container.name || container.id.starts_with(name.as_str())) {
                    continue;
                }
                let running = container.status == Status::Running;
                // A plausible, stable figure in hundredths of a MiB (no floating point needed).
                let memory: u64 = if running { 250 + (container.name.len() as u64 % 7) * 170 } else { 0 };
                rows.push(vec![
                    super::short_id(&container.id).to_string(),
                    container.name.clone(),
                    "0.00%".into(),
                    format!("{}.{:02}MiB / 7.654GiB", memory / 100, memory % 100),
                    {
                        // Of 7.654 GiB (7,837.7 MiB), in hundredths of a percent.
                        let share = (memory * 10_000 + 391_885) / 783_770;
                        format!("{}.{:02}%", share / 100, share % 100)
                    },
                    if running { "1.2kB / 0B".into() } else { "0B / 0B".into() },
                    "0B / 0B".into(),
                    if running { "1".into() } else { "0".into() },
                ]);
            }
            if !parsed.has("no-stream") {
                io.err("docker stats refreshes until Ctrl-C; the simulator shows one sample, as --no-stream does\n");
            }
            io.out(table(&rows));
            0
        }
        "cp" => {
            let [from, to] = parsed.operands.as_slice() else {
                return Some(usage_error(io, grammar, "\"docker cp\" requires exactly 2 arguments."));
            };
            copy(world, from, to, io)
        }
        _ => {
            // commit
            let Some(name) = parsed.operands.first() else {
                return Some(requires_one(io, grammar));
            };
            let Some(index) = container(world, io, name) else { return Some(1) };
            let container = world.docker.containers[index].clone();
            let Some(base) = world.docker.images.iter().find(|image| image.id == container.image_id).cloned() else { return Some(1) };
            let id = format!("sha256:{}", world.docker.new_id());
            let mut history = base.history.clone();
            history.push((format!("{} (commit)", container.command.join(" ")), 0));
            let tags = parsed.operands.get(1).and_then(|tag| super::Reference::parse(tag).ok()).map(|reference| vec![reference.familiar()]).unwrap_or_default();
            for image in &mut world.docker.images {
                image.tags.retain(|tag| !tags.contains(tag));
            }
            world.docker.images.push(Image { id: id.clone(), tags, repo_digests: Vec::new(), config: base.config.clone(), size: base.size, created: now, userland: base.userland, programs: container.programs.clone(), fs: container.fs.clone(), history });
            io.out(format!("{id}\n"));
            0
        }
    })
}

/// `docker diff`: A (added), C (changed), D (deleted) paths of the container's layer against
/// its image, sorted, with changed parent directories listed as C.
fn diff(image: &fs::Fs, container: &fs::Fs) -> String {
    let mut lines: Vec<(String, char)> = Vec::new();
    for path in container.tree("/") {
        match image.get(&path) {
            None => lines.push((path, 'A')),
            Some(before) if Some(before) != container.get(&path) && !before.is_dir() => lines.push((path, 'C')),
            _ => {}
        }
    }
    for path in image.tree("/") {
        if container.get(&path).is_none() && container.get(fs::parent(&path)).is_some() {
            lines.push((path, 'D'));
        }
    }
    // Parents of changes are changed directories.
    let mut parents: Vec<String> = Vec::new();
    for (path, _) in &lines {
        let mut parent = fs::parent(path);
        while parent != "/" {
            if image.get(parent).is_some() && !parents.iter().any(|known| known == parent) {
                parents.push(parent.to_string());
            }
            parent = fs::parent(parent);
        }
    }
    for parent in parents {
        if !lines.iter().any(|(path, _)| *path == parent) {
            lines.push((parent, 'C'));
        }
    }
    lines.sort();
    lines.into_iter().map(|(path, kind)| format!("{kind} {path}\n")).collect()
}

/// `docker cp` in either direction.
fn copy(world: &mut World, from: &str, to: &str, io: &mut Io) -> i32 {
    let container_side = |text: &str| text.split_once(':').filter(|(name, _)| !name.contains('/') && !name.is_empty()).map(|(name, path)| (name.to_string(), path.to_string()));
    match (container_side(from), container_side(to)) {
        (Some((name, path)), None) => {
            let Some(index) = container(world, io, &name) else { return 1 };
            let source = fs::absolute("/", &path);
            let files = world.docker.containers[index].fs.subtree(&source);
            if files.is_empty() {
                io.err(format!("Error response from daemon: Could not find the file {source} in container {name}\n"));
                return 1;
            }
            let destination = fs::absolute(&world.cwd, to);
            let target = if world.fs.get(&destination).is_some_and(Entry::is_dir) { format!("{}/{}", destination.trim_end_matches('/'), fs::file_name(&source)) } else { destination };
            let files = files.into_iter().map(|(relative, mut entry)| {
                entry.uid = 1000;
                entry.gid = 1000;
                (relative, entry)
            }).collect();
            world.fs.graft(&target, files);
            io.out(format!("Successfully copied {}B to {to}\n", world.fs.subtree(&target).iter().filter_map(|(_, entry)| entry.contents()).map(str::len).sum::<usize>()));
            0
        }
        (None, Some((name, path))) => {
            let Some(index) = container(world, io, &name) else { return 1 };
            let source = fs::absolute(&world.cwd, from);
            let files = world.fs.subtree(&source);
            if files.is_empty() {
                io.err(format!("lstat {source}: no such file or directory\n"));
                return 1;
            }
            let destination = fs::absolute("/", &path);
            let container = &mut world.docker.containers[index];
            let target = if container.fs.get(&destination).is_some_and(Entry::is_dir) { format!("{}/{}", destination.trim_end_matches('/'), fs::file_name(&source)) } else { destination };
            let size: usize = files.iter().filter_map(|(_, entry)| entry.contents()).map(str::len).sum();
            container.fs.graft(&target, files);
            io.out(format!("Successfully copied {size}B to {name}:{path}\n"));
            0
        }
        _ => {
            io.err("must specify at least one container source\n");
            1
        }
    }
}
