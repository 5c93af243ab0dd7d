//! Read-only views of the world for the pictures and the exercises: the versioned snapshot,
//! facts kept over time, and Tab completion.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::docker::storage::Source;
use super::docker::{Docker, Status};
use super::{Event, SimTime};

/// An image as the pictures draw it: a stack of layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageView {
    pub id: String,
    pub tags: Vec<String>,
    pub size: u64,
    /// (created by, size), oldest first.
    pub layers: Vec<(String, u64)>,
}

/// A mount of a container: where its data lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountView {
    /// `volume`, `bind` or `tmpfs`.
    pub kind: String,
    /// The volume's name, the host path, or empty for tmpfs.
    pub source: String,
    pub target: String,
    pub read_only: bool,
}

/// A container as the pictures draw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerView {
    pub id: String,
    pub name: String,
    pub image: String,
    /// `created`, `running`, `paused`, `restarting` or `exited`.
    pub status: String,
    pub exit_code: i32,
    /// `0.0.0.0:8080->80/tcp` and the like.
    pub ports: Vec<String>,
    /// (network, address).
    pub networks: Vec<(String, String)>,
    pub mounts: Vec<MountView>,
    /// PID 1's command, and the program under it when a shell stays PID 1.
    pub pid1: Vec<String>,
    pub child: Option<Vec<String>>,
    pub stop_signal: String,
    pub restart_count: u32,
}

/// A volume and how many files it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeView {
    pub name: String,
    pub anonymous: bool,
    pub files: usize,
}

/// A network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkView {
    pub name: String,
    pub driver: String,
    pub subnet: String,
}

/// The Docker host as the pictures draw it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DockerView {
    pub images: Vec<ImageView>,
    pub containers: Vec<ContainerView>,
    pub volumes: Vec<VolumeView>,
    pub networks: Vec<NetworkView>,
}

impl DockerView {
    pub fn of(docker: &Docker) -> DockerView {
        DockerView {
            images: docker.images.iter().map(|image| ImageView { id: image.id.clone(), tags: image.tags.clone(), size: image.size, layers: image.history.clone() }).collect(),
            containers: docker
                .containers
                .iter()
                .map(|container| {
                    let exposed = docker.images.iter().find(|image| image.id == container.image_id).map(|image| image.config.exposed_ports.clone()).unwrap_or_default();
                    let ports = container.ports_text(&exposed);
                    ContainerView {
                        id: container.id.clone(),
                        name: container.name.clone(),
                        image: container.image.clone(),
                        status: container.status.as_str().to_string(),
                        exit_code: container.exit_code,
                        ports: if ports.is_empty() { Vec::new() } else { ports.split(", ").map(String::from).collect() },
                        networks: container.endpoints.iter().map(|endpoint| (endpoint.network.clone(), endpoint.ip.clone())).collect(),
                        mounts: container
                            .mounts
                            .iter()
                            .map(|mount| MountView {
                                kind: mount.kind().to_string(),
                                source: match &mount.source {
                                    Source::Volume(name) => name.clone(),
                                    Source::Bind(path) => path.clone(),
                                    Source::Tmpfs(_) => String::new(),
                                },
                                target: mount.target.clone(),
                                read_only: mount.read_only,
                            })
                            .collect(),
                        pid1: container.program.as_ref().map(|program| program.pid1.clone()).unwrap_or_else(|| container.command.clone()),
                        child: container.program.as_ref().and_then(|program| program.child.clone()),
                        stop_signal: container.stop_signal.clone(),
                        restart_count: container.restart_count,
                    }
                })
                .collect(),
            volumes: docker.volumes.iter().map(|volume| VolumeView { name: volume.name.clone(), anonymous: volume.anonymous, files: volume.contents.iter().filter(|(_, entry)| !entry.is_dir()).count() }).collect(),
            networks: docker.networks.iter().map(|network| NetworkView { name: network.name.clone(), driver: network.driver.clone(), subnet: if network.prefix.is_empty() { String::new() } else { network.subnet() } }).collect(),
        }
    }
}

/// What happened over the whole session, for goals that look back: did a container ever
/// restart, which signals reached which container, which build steps ran or came from cache.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// Starts per container ID (more than one: it restarted or was started again).
    pub starts: BTreeMap<String, u32>,
    /// (container ID, exit code, signal), in order.
    pub exits: Vec<(String, i32, Option<String>)>,
    /// (container ID, signal) delivered to PID 1, in order.
    pub signals: Vec<(String, String)>,
    /// Build steps that ran, and those taken from the cache, by their BuildKit names.
    pub steps_built: Vec<String>,
    pub steps_cached: Vec<String>,
    pub images_pulled: BTreeSet<String>,
    pub images_pushed: BTreeSet<String>,
    /// The latest time seen.
    pub until: SimTime,
}

impl Facts {
    /// Takes in what a command or clock advance caused.
    pub fn record(&mut self, events: &[Event], now: SimTime) {
        self.until = now;
        for event in events {
            match event {
                Event::ContainerStarted { id } => *self.starts.entry(id.clone()).or_default() += 1,
                Event::ContainerExited { id, code, signal } => self.exits.push((id.clone(), *code, signal.clone())),
                Event::SignalDelivered { id, signal, .. } => self.signals.push((id.clone(), signal.clone())),
                Event::LayerBuilt { step } => self.steps_built.push(step.clone()),
                Event::LayerCached { step } => self.steps_cached.push(step.clone()),
                Event::ImagePulled { reference } => {
                    self.images_pulled.insert(reference.clone());
                }
                Event::ImagePushed { reference } => {
                    self.images_pushed.insert(reference.clone());
                }
                _ => {}
            }
        }
    }

    /// Whether a container (by ID) ever started more than once.
    pub fn restarted(&self, id: &str) -> bool {
        self.starts.get(id).is_some_and(|count| *count > 1)
    }
}

/// Whether a container is running, by name.
pub fn running(docker: &Docker, name: &str) -> bool {
    docker.container_index(name).is_some_and(|index| docker.containers[index].status == Status::Running)
}

/// The docker sub-commands Tab offers.
const DOCKER_COMMANDS: &[&str] = &["attach", "build", "commit", "container", "cp", "create", "diff", "exec", "history", "image", "images", "inspect", "kill", "login", "logout", "logs", "network", "pause", "port", "ps", "pull", "push", "rename", "restart", "rm", "rmi", "run", "start", "stats", "stop", "tag", "top", "unpause", "volume", "wait"];

/// Sub-commands that take a container.
const CONTAINER_COMMANDS: &[&str] = &["attach", "commit", "cp", "diff", "exec", "inspect", "kill", "logs", "pause", "port", "rename", "restart", "rm", "start", "stats", "stop", "top", "unpause", "wait"];

/// Sub-commands that take an image.
const IMAGE_COMMANDS: &[&str] = &["run", "create", "pull", "push", "rmi", "tag", "history"];

/// Tab's candidates for the last word of `line`, sorted: command names first, then docker
/// sub-commands, containers, images, volumes and networks where docker expects them, and
/// otherwise file names (directories with a trailing `/`).
pub fn complete(line: &str, commands: &[&str], docker: &Docker, fs: &super::fs::Fs, cwd: &str) -> Vec<String> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let partial = if line.ends_with([' ', '\t']) || line.is_empty() { "" } else { words.pop().unwrap_or("") };
    let position = words.len();
    let mut candidates: Vec<String> = match (position, words.first().copied(), words.get(1).copied()) {
        (0, _, _) => commands.iter().map(|name| name.to_string()).collect(),
        (1, Some("docker"), _) => DOCKER_COMMANDS.iter().map(|name| name.to_string()).collect(),
        (2, Some("docker"), Some("volume")) => ["create", "inspect", "ls", "prune", "rm"].iter().map(|name| name.to_string()).collect(),
        (2, Some("docker"), Some("network")) => ["connect", "create", "disconnect", "inspect", "ls", "rm"].iter().map(|name| name.to_string()).collect(),
        (_, Some("docker"), Some("volume")) => docker.volumes.iter().map(|volume| volume.name.clone()).collect(),
        (_, Some("docker"), Some("network")) => docker.networks.iter().map(|network| network.name.clone()).chain(docker.containers.iter().map(|container| container.name.clone())).collect(),
        (_, Some("docker"), Some(sub)) if CONTAINER_COMMANDS.contains(&sub) && !partial.starts_with('-') => docker.containers.iter().map(|container| container.name.clone()).collect(),
        (_, Some("docker"), Some(sub)) if IMAGE_COMMANDS.contains(&sub) && !partial.starts_with('-') && !words.iter().skip(2).any(|word| !word.starts_with('-')) => {
            let mut names: Vec<String> = docker.images.iter().flat_map(|image| image.tags.iter().map(|tag| tag.trim_end_matches(":latest").to_string())).collect();
            names.extend(super::docker::image::CATALOG.iter().map(|image| image.name.to_string()));
            names
        }
        _ => files(partial, fs, cwd),
    };
    candidates.retain(|candidate| candidate.starts_with(partial));
    candidates.sort();
    candidates.dedup();
    candidates
}

/// File names that complete `partial` (relative to `cwd`), directories ending in `/`.
fn files(partial: &str, fs: &super::fs::Fs, cwd: &str) -> Vec<String> {
    let (directory, _) = partial.rsplit_once('/').map_or(("", partial), |(directory, name)| (directory, name));
    let shown_prefix = if partial.contains('/') { format!("{directory}/") } else { String::new() };
    let base = if directory.is_empty() && partial.starts_with('/') { "/".to_string() } else { super::fs::absolute(cwd, if directory.is_empty() { "." } else { directory }) };
    fs.list(&base)
        .unwrap_or_default()
        .into_iter()
        .filter(|name| !name.starts_with('.') || partial.rsplit('/').next().is_some_and(|typed| typed.starts_with('.')))
        .map(|name| {
            let path = super::fs::absolute(&base, &name);
            let slash = if fs.resolve(&path).is_ok_and(|(_, entry)| entry.is_dir()) { "/" } else { "" };
            format!("{shown_prefix}{name}{slash}")
        })
        .collect()
}
