//! The simulated Docker Engine: local images, containers and their lifecycle on the
//! simulated clock. The `docker` command line that drives it is in `cli`.

pub mod builder;
pub mod cli;
pub mod compose;
pub mod dockerfile;
pub mod format;
pub mod image;
pub mod network;
pub mod process;
pub mod storage;
pub mod template;
pub mod yaml;

use super::clock::DateTime;
use super::fs::{Entry, Fs};
use super::{Event, SimTime};
use image::{ImageConfig, Reference, Userland};
use process::{Behaviour, Program, Reaction};
use network::{Endpoint, Machine, Network, Service, View};
use storage::{Mount, MountRequest, RequestKind, Source, Volume};

/// Every timing the Docker simulation relies on, in one place (milliseconds).
pub mod timing {
    /// How long `docker pull` takes per layer.
    pub const PULL_LAYER: u64 = 1_200;
    /// From `docker start` to the process running.
    pub const CONTAINER_START: u64 = 300;
    /// `docker stop`'s default grace period before SIGKILL (daemon default on Linux).
    pub const STOP_TIMEOUT: u64 = 10_000;
    /// How long a program with a handler takes to exit after a stop signal.
    pub const GRACEFUL_EXIT: u64 = 100;
    /// A restart policy's first delay, and the most it doubles to.
    pub const RESTART_BACKOFF_START: u64 = 100;
    pub const RESTART_BACKOFF_MAX: u64 = 60_000;
}

/// The most containers the engine keeps, so that no script grows the world without bound.
pub const MAX_CONTAINERS: usize = 10_000;

/// The most log entries a container keeps.
pub const MAX_LOG_ENTRIES: usize = 1_000;

/// The most container events (exits, restarts) one clock advance replays one by one.
const MAX_CLOCK_EVENTS: usize = 10_000;

/// An image in the local store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// `sha256:` and 64 hex digits.
    pub id: String,
    /// `nginx:latest`, `localhost:5000/app:1.0`.
    pub tags: Vec<String>,
    /// `nginx@sha256:…`: the digests a registry knows the image by (pulled or pushed).
    pub repo_digests: Vec<String>,
    pub config: ImageConfig,
    pub size: u64,
    pub created: SimTime,
    pub userland: Userland,
    /// Programs beyond the userland's (nginx, redis-server…).
    pub programs: Vec<&'static str>,
    /// The image's files.
    pub fs: Fs,
    /// (created by, size) per layer or setting, oldest first, for `docker history`.
    pub history: Vec<(String, u64)>,
}

/// A container's lifecycle state, as `docker inspect` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Created,
    Running,
    Paused,
    /// Waiting, by its restart policy, to start again.
    Restarting,
    Exited,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Restarting => "restarting",
            Status::Exited => "exited",
        }
    }
}

/// A published port: `-p [ip:]host:container[/proto]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortBinding {
    pub host_ip: String,
    pub host_port: u16,
    pub container_port: u16,
    pub protocol: String,
}

/// What `docker create` and `docker run` were asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerSpec {
    pub name: Option<String>,
    pub image: String,
    pub entrypoint: Option<Vec<String>>,
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub working_dir: Option<String>,
    pub user: Option<String>,
    pub hostname: Option<String>,
    pub interactive: bool,
    pub tty: bool,
    pub auto_remove: bool,
    pub init: bool,
    pub ports: Vec<PortBinding>,
    pub publish_all: bool,
    pub labels: Vec<String>,
    pub stop_signal: Option<String>,
    pub stop_timeout: Option<i64>,
    pub restart: String,
    pub mounts: Vec<MountRequest>,
    /// `--read-only`: the container's own files cannot change.
    pub read_only: bool,
    /// `--network`; `None` is the default bridge.
    pub network: Option<String>,
    pub network_aliases: Vec<String>,
}

/// A container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub id: String,
    pub name: String,
    /// The image as it was named (`Config.Image`).
    pub image: String,
    pub image_id: String,
    /// `Path` followed by `Args`.
    pub command: Vec<String>,
    pub env: Vec<String>,
    pub working_dir: String,
    pub user: String,
    pub hostname: String,
    pub spec: ContainerSpec,
    pub stop_signal: String,
    pub created: SimTime,
    pub status: Status,
    pub started_at: Option<SimTime>,
    pub finished_at: Option<SimTime>,
    pub exit_code: i32,
    pub pid: u32,
    pub program: Option<Program>,
    /// When a program that ends by itself (`sleep 30`) finishes.
    pub ends_at: Option<SimTime>,
    /// (time, to stderr, text), in order.
    pub logs: Vec<(SimTime, bool, String)>,
    pub restart_count: u32,
    /// When a restarting container starts again.
    pub restart_at: Option<SimTime>,
    /// The restart policy's current delay, doubling from 100 ms to a minute.
    pub backoff: u64,
    /// `docker stop`ped: `always` and `unless-stopped` leave it alone.
    pub manually_stopped: bool,
    pub userland: Userland,
    pub programs: Vec<&'static str>,
    pub fs: Fs,
    pub mounts: Vec<Mount>,
    pub endpoints: Vec<Endpoint>,
    /// Who its processes run as, resolved at its last start.
    pub process_user: Option<ProcessUser>,
}

impl Container {
    /// `docker ps`'s STATUS cell.
    pub fn status_text(&self, now: SimTime) -> String {
        match self.status {
            Status::Created => "Created".into(),
            Status::Running => format!("Up {}", format::human_duration(now.saturating_sub(self.started_at.unwrap_or(now)))),
            Status::Paused => format!("Up {} (Paused)", format::human_duration(now.saturating_sub(self.started_at.unwrap_or(now)))),
            Status::Restarting => format!("Restarting ({}) {} ago", self.exit_code, format::human_duration(now.saturating_sub(self.finished_at.unwrap_or(now)))),
            Status::Exited => format!("Exited ({}) {} ago", self.exit_code, format::human_duration(now.saturating_sub(self.finished_at.unwrap_or(now)))),
        }
    }

    /// The command as `docker ps` shows it: the words joined by spaces.
    pub fn command_text(&self) -> String {
        self.command.join(" ")
    }

    /// `docker ps`'s PORTS cell: while running, each published port (IPv4 and, when bound
    /// to all interfaces, IPv6), then the image's exposed ports that are not published.
    /// A container that is not running has no ports.
    pub fn ports_text(&self, exposed: &[String]) -> String {
        if !matches!(self.status, Status::Running | Status::Paused) {
            return String::new();
        }
        let mut cells: Vec<String> = Vec::new();
        for port in &self.spec.ports {
            let ip = if port.host_ip.is_empty() { "0.0.0.0" } else { &port.host_ip };
            cells.push(format!("{ip}:{}->{}/{}", port.host_port, port.container_port, port.protocol));
            if port.host_ip.is_empty() {
                cells.push(format!("[::]:{}->{}/{}", port.host_port, port.container_port, port.protocol));
            }
        }
        for port in exposed {
            let published = self.spec.ports.iter().any(|binding| format!("{}/{}", binding.container_port, binding.protocol) == *port);
            if !published {
                cells.push(port.clone());
            }
        }
        cells.join(", ")
    }
}

/// The simulated Docker Engine.
#[derive(Debug, Clone, Default)]
pub struct Docker {
    pub images: Vec<Image>,
    pub containers: Vec<Container>,
    /// Sorted by name.
    pub volumes: Vec<Volume>,
    /// In creation order: bridge, host and none first.
    pub networks: Vec<Network>,
    /// Images pushed to the simulated registries, by `registry/path:tag`.
    pub pushed: std::collections::BTreeMap<String, Image>,
    /// Registries `docker login` has signed in to.
    pub logins: Vec<String>,
    /// The build cache: the image state after a step, by the step's cache key.
    pub build_cache: std::collections::BTreeMap<String, builder::State>,
    /// The state of the ID generator (splitmix64), seeded from the session's seed.
    random: u64,
    /// Host ports in use by published container ports.
    next_pid: u32,
}

const ADJECTIVES: &[&str] = &["admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful", "blissful", "bold", "brave", "busy", "charming", "clever", "compassionate", "competent", "confident", "cool", "cranky", "dazzling", "determined", "distracted", "dreamy", "eager", "ecstatic", "elastic", "elated", "elegant", "eloquent", "epic", "exciting", "fervent", "festive", "focused", "friendly", "frosty", "funny", "gallant", "gifted", "goofy", "gracious", "great", "happy", "hopeful", "hungry", "inspiring", "intelligent", "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid", "magical", "modest", "musing", "nervous", "nice", "nifty", "nostalgic", "optimistic", "peaceful", "pensive", "practical", "quirky", "relaxed", "romantic", "serene", "sharp", "silly", "sleepy", "stoic", "strange", "sweet", "tender", "trusting", "upbeat", "vibrant", "vigilant", "wizardly", "wonderful", "youthful", "zealous", "zen"];
const SURNAMES: &[&str] = &["albattani", "allen", "archimedes", "babbage", "banach", "bardeen", "bartik", "bell", "bhabha", "black", "bohr", "booth", "borg", "bose", "brown", "cannon", "carson", "cerf", "chandrasekhar", "clarke", "cohen", "curie", "darwin", "davinci", "diffie", "dijkstra", "dirac", "edison", "einstein", "elion", "euclid", "euler", "faraday", "fermat", "fermi", "feynman", "franklin", "galileo", "gauss", "goldberg", "goodall", "hamilton", "hawking", "heisenberg", "hellman", "hertz", "hodgkin", "hopper", "hypatia", "jackson", "jemison", "jennings", "johnson", "kalam", "kepler", "khorana", "kilby", "knuth", "lamarr", "lamport", "leakey", "liskov", "lovelace", "lumiere", "maxwell", "mayer", "mccarthy", "mcclintock", "meitner", "mendel", "merkle", "mirzakhani", "morse", "napier", "nash", "newton", "nobel", "noether", "noyce", "pascal", "pasteur", "pike", "poincare", "ptolemy", "raman", "ramanujan", "ride", "ritchie", "rubin", "saha", "shannon", "shaw", "sinoussi", "swartz", "tesla", "thompson", "torvalds", "turing", "wilson", "wing", "wozniak", "wright", "wu", "yalow", "yonath"];

impl Docker {
    /// An engine with no images and no containers; IDs and names come from `seed`.
    pub fn new(seed: u64) -> Docker {
        let mut docker = Docker { images: Vec::new(), containers: Vec::new(), volumes: Vec::new(), networks: Vec::new(), pushed: Default::default(), logins: Vec::new(), build_cache: Default::default(), random: seed ^ 0x9E37_79B9_7F4A_7C15, next_pid: 1 };
        let ids = [docker.new_id(), docker.new_id(), docker.new_id()];
        docker.networks = network::defaults(ids, 0);
        docker
    }

    /// The network with this name, full ID or unique ID prefix.
    pub fn network_index(&self, name: &str) -> Option<usize> {
        self.networks.iter().position(|network| network.name == name || network.id == name).or_else(|| {
            let matches: Vec<usize> = self.networks.iter().enumerate().filter(|(_, network)| name.len() >= 3 && network.id.starts_with(name)).map(|(index, _)| index).collect();
            (matches.len() == 1).then(|| matches[0])
        })
    }

    /// Creates a user-defined bridge network. Returns its index, or Docker's error.
    pub fn create_network(&mut self, name: &str, driver: &str, internal: bool, now: SimTime, events: &mut Vec<Event>) -> Result<usize, String> {
        if self.networks.iter().any(|network| network.name == name) {
            return Err(format!("network with name {name} already exists"));
        }
        if driver != "bridge" {
            return Err(format!("plugin \"{driver}\" not found"));
        }
        // User-defined bridges get 172.18.0.0/16, 172.19.0.0/16, … in turn.
        let used = self.networks.iter().filter(|network| network.driver == "bridge").count();
        let prefix = format!("172.{}", 17 + used);
        let id = self.new_id();
        self.networks.push(Network { id, name: name.to_string(), driver: driver.to_string(), prefix, created: now, next_host: 2, internal });
        events.push(Event::NetworkCreated { name: name.to_string() });
        Ok(self.networks.len() - 1)
    }

    /// Joins a container to a network, with aliases. Returns Docker's error.
    pub fn connect(&mut self, container_index: usize, network_index: usize, aliases: Vec<String>, events: &mut Vec<Event>) -> Result<(), String> {
        let network_name = self.networks[network_index].name.clone();
        if !aliases.is_empty() && !self.networks[network_index].has_dns() {
            return Err("network-scoped alias is supported only for containers in user defined networks".into());
        }
        let container = &self.containers[container_index];
        if container.endpoints.iter().any(|endpoint| endpoint.network == network_name) {
            return Err(format!("endpoint with name {} already exists in network {network_name}", container.name));
        }
        let special = matches!(network_name.as_str(), "host" | "none");
        if special && !container.endpoints.is_empty() || container.endpoints.iter().any(|endpoint| matches!(endpoint.network.as_str(), "host" | "none")) {
            return Err(format!("container cannot be disconnected from host network or connected to {network_name} network"));
        }
        let ip = if special { String::new() } else { self.networks[network_index].allocate() };
        let container = &mut self.containers[container_index];
        container.endpoints.push(Endpoint { network: network_name.clone(), ip, aliases });
        events.push(Event::NetworkConnected { id: container.id.clone(), network: network_name });
        Ok(())
    }

    /// What `viewer` (a container, or the host for `None`) can reach, with the files its
    /// web servers serve.
    pub fn network_view(&self, host: &Fs, viewer: Option<usize>) -> View {
        let mut machines = Vec::new();
        let running = |container: &Container| container.status == Status::Running;
        match viewer {
            None => {
                // The host reaches published ports on localhost, and containers by address.
                let mut local = Vec::new();
                for (index, container) in self.containers.iter().enumerate().filter(|(_, container)| running(container)) {
                    let services = self.services(host, index);
                    let on_host_network = container.endpoints.iter().any(|endpoint| endpoint.network == "host");
                    for port in &container.spec.ports {
                        if let Some((_, service)) = services.iter().find(|(listening, _)| *listening == port.container_port) {
                            local.push((port.host_port, service.clone()));
                        }
                    }
                    if on_host_network {
                        local.extend(services.iter().cloned());
                    }
                    for endpoint in container.endpoints.iter().filter(|endpoint| !endpoint.ip.is_empty()) {
                        machines.push(Machine { names: Vec::new(), ip: endpoint.ip.clone(), services: services.clone() });
                    }
                }
                machines.insert(0, Machine { names: vec!["localhost".into(), "dockside".into()], ip: "127.0.0.1".into(), services: local });
            }
            Some(viewer) => {
                let me = &self.containers[viewer];
                let mut own = self.services(host, viewer);
                if me.endpoints.iter().any(|endpoint| endpoint.network == "host") {
                    // Sharing the host's network: the host's published ports are local too.
                    if let Some(host_local) = self.network_view(host, None).machines.into_iter().next() {
                        own.extend(host_local.services);
                    }
                }
                // A container resolves itself by hostname, and on a user-defined network by its
                // name and aliases too.
                let mut own_names = vec!["localhost".to_string(), me.hostname.clone()];
                for endpoint in &me.endpoints {
                    if self.networks.iter().any(|network| network.name == endpoint.network && network.has_dns()) {
                        own_names.push(me.name.clone());
                        own_names.extend(endpoint.aliases.iter().cloned());
                    }
                }
                machines.push(Machine { names: own_names, ip: "127.0.0.1".into(), services: own });
                for (index, other) in self.containers.iter().enumerate().filter(|(index, other)| *index != viewer && running(other)) {
                    for endpoint in &me.endpoints {
                        let Some(theirs) = other.endpoints.iter().find(|theirs| theirs.network == endpoint.network && !theirs.ip.is_empty()) else { continue };
                        let dns = self.networks.iter().find(|network| network.name == endpoint.network).is_some_and(Network::has_dns);
                        let mut names = Vec::new();
                        if dns {
                            names.push(other.name.clone());
                            names.push(other.id[..12].to_string());
                            names.extend(theirs.aliases.iter().cloned());
                        }
                        machines.push(Machine { names, ip: theirs.ip.clone(), services: self.services(host, index) });
                    }
                }
            }
        }
        View { machines }
    }

    /// What a running container serves on its ports.
    fn services(&self, host: &Fs, index: usize) -> Vec<(u16, Service)> {
        let container = &self.containers[index];
        let Some(program) = &container.program else { return Vec::new() };
        let running = program.child.as_ref().unwrap_or(&program.pid1);
        let base = running[0].rsplit('/').next().unwrap_or(&running[0]);
        let root = match base {
            "nginx" => Some(("nginx", "/usr/share/nginx/html".to_string())),
            "httpd-foreground" => Some(("httpd", "/usr/local/apache2/htdocs".to_string())),
            "python" | "python3" => Some(("python", container.working_dir.clone())),
            _ => None,
        };
        // The registry serves what was pushed to it through the host ports it publishes
        // (`localhost:5000/app:v1` is repository `app`, tag `v1`).
        let registry = matches!(base, "registry" | "entrypoint.sh");
        let repositories = || {
            let mut repositories: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
            for name in self.pushed.keys() {
                let Ok(reference) = image::Reference::parse(name) else { continue };
                let Some((host, port)) = reference.registry.rsplit_once(':') else { continue };
                let published = container.spec.ports.iter().any(|binding| binding.container_port == 5000 && port.parse::<u16>().ok() == Some(binding.host_port));
                if matches!(host, "localhost" | "127.0.0.1") && published {
                    repositories.entry(reference.path.clone()).or_default().push(reference.tag.clone());
                }
            }
            repositories
        };
        program
            .listens
            .iter()
            .map(|port| {
                if registry && *port == 5000 {
                    return (*port, Service::Registry { repositories: repositories() });
                }
                let service = match &root {
                    Some((server, path)) => {
                        let mut view = container.fs.clone();
                        storage::mount(&mut view, &container.mounts, &self.volumes, host, false, 0);
                        Service::Files { server, files: view.subtree(path) }
                    }
                    None => Service::Other,
                };
                (*port, service)
            })
            .collect()
    }

    fn next_random(&mut self) -> u64 {
        // splitmix64: deterministic, and good enough to make IDs look like Docker's.
        self.random = self.random.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.random;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 64 hex digits, as container and image IDs are.
    pub fn new_id(&mut self) -> String {
        (0..4).map(|_| format!("{:016x}", self.next_random())).collect()
    }

    /// A name like `festive_hopper`, not used by another container.
    fn new_name(&mut self) -> String {
        loop {
            let adjective = ADJECTIVES[(self.next_random() % ADJECTIVES.len() as u64) as usize];
            let surname = SURNAMES[(self.next_random() % SURNAMES.len() as u64) as usize];
            let name = format!("{adjective}_{surname}");
            if self.container_index(&name).is_none() {
                return name;
            }
        }
    }

    /// The local image a reference (`nginx`, `nginx@sha256:…`) or ID names.
    pub fn image_index(&self, name: &str) -> Option<usize> {
        if name.contains('@') {
            let familiar = Reference::parse_pullable(name).ok()?.familiar();
            return self.images.iter().position(|image| image.repo_digests.contains(&familiar));
        }
        if let Ok(reference) = Reference::parse(name) {
            let familiar = reference.familiar();
            if let Some(index) = self.images.iter().position(|image| image.tags.contains(&familiar)) {
                return Some(index);
            }
        }
        let hex = name.strip_prefix("sha256:").unwrap_or(name);
        if hex.len() >= 4 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let matches: Vec<usize> = self.images.iter().enumerate().filter(|(_, image)| image.id["sha256:".len()..].starts_with(hex)).map(|(index, _)| index).collect();
            if matches.len() == 1 {
                return Some(matches[0]);
            }
        }
        None
    }

    /// The container a name, full ID or unique ID prefix names.
    pub fn container_index(&self, name: &str) -> Option<usize> {
        let name = name.strip_prefix('/').unwrap_or(name);
        if let Some(index) = self.containers.iter().position(|container| container.name == name || container.id == name) {
            return Some(index);
        }
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let matches: Vec<usize> = self.containers.iter().enumerate().filter(|(_, container)| container.id.starts_with(name)).map(|(index, _)| index).collect();
        if matches.len() == 1 { Some(matches[0]) } else { None }
    }

    /// Adds a catalogue image to the local store under `reference`'s tag (a pull; a pull by
    /// digest adds no tag). Every tag of one catalogue image is the same image: its ID is
    /// the catalogue digest, as the containerd image store (Docker 29's default) names an
    /// image by the digest it was pulled by.
    pub fn store_pulled(&mut self, reference: &Reference, now: SimTime) -> usize {
        let catalog = image::find(reference).expect("only catalogue images are pulled");
        let digest = catalog.digest();
        let repo_digest = format!("{}@{digest}", reference.familiar_name());
        let tag = reference.digest.is_none().then(|| reference.familiar());
        if let Some(tag) = &tag {
            for image in self.images.iter_mut().filter(|image| image.id != digest) {
                image.tags.retain(|existing| existing != tag);
            }
        }
        if let Some(index) = self.images.iter().position(|image| image.id == digest) {
            let image = &mut self.images[index];
            if let Some(tag) = tag
                && !image.tags.contains(&tag) {
                    image.tags.push(tag);
                }
            if !image.repo_digests.contains(&repo_digest) {
                image.repo_digests.push(repo_digest);
            }
            return index;
        }
        let mut fs = userland_fs(catalog.userland, now);
        if catalog.userland != Userland::Scratch {
            use super::accounts;
            let (passwd, group) = match (catalog.name, catalog.userland) {
                ("busybox", _) => (accounts::BUSYBOX_PASSWD, accounts::BUSYBOX_GROUP),
                (_, Userland::Busybox) => (accounts::ALPINE_PASSWD, accounts::ALPINE_GROUP),
                _ => (accounts::DEBIAN_PASSWD, accounts::DEBIAN_GROUP),
            };
            let (more_passwd, more_group) = accounts::image_accounts(catalog.name);
            fs.put("/etc/passwd", Entry::file(&format!("{passwd}{more_passwd}"), 0o644, 0, 0, now));
            fs.put("/etc/group", Entry::file(&format!("{group}{more_group}"), 0o644, 0, 0, now));
            // The home directories the images' `useradd --create-home` made.
            match catalog.name {
                "node" => fs.put("/home/node", Entry::dir(0o755, 1000, 1000, now)),
                "ubuntu" => fs.put("/home/ubuntu", Entry::dir(0o750, 1000, 1000, now)),
                _ => {}
            }
        }
        for (path, contents) in catalog.files {
            fs.put(path, Entry::file(contents, 0o644, 0, 0, now));
        }
        let programs = image_programs(catalog.name);
        let history = catalog.history();
        self.images.push(Image { id: digest, tags: tag.into_iter().collect(), repo_digests: vec![repo_digest], config: catalog.config(), size: catalog.size, created: now, userland: catalog.userland, programs, fs, history });
        self.images.len() - 1
    }

    /// Creates a container from a local image. Returns its index, or Docker's error text.
    pub fn create(&mut self, spec: ContainerSpec, image_index: usize, host: &mut Fs, now: SimTime, events: &mut Vec<Event>) -> Result<usize, String> {
        if self.containers.len() >= MAX_CONTAINERS {
            return Err(format!("the simulator holds at most {MAX_CONTAINERS} containers: remove some with docker rm"));
        }
        let name = match &spec.name {
            Some(name) => {
                let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
                if !valid {
                    return Err(format!("Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"));
                }
                if let Some(existing) = self.containers.iter().find(|container| &container.name == name) {
                    return Err(format!("Conflict. The container name \"/{name}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.", existing.id));
                }
                name.clone()
            }
            None => self.new_name(),
        };
        let image = &self.images[image_index];
        let command = process::resolve_command(&image.config, spec.entrypoint.clone(), spec.args.clone()).map_err(String::from)?;
        let mut env = image.config.env.clone();
        for entry in &spec.env {
            let key = entry.split('=').next().unwrap_or(entry);
            env.retain(|existing| existing.split('=').next() != Some(key));
            env.push(entry.clone());
        }
        let (image_id, image_fs, userland, programs) = (image.id.clone(), image.fs.clone(), image.userland, image.programs.clone());
        let stop_signal = spec.stop_signal.clone().or_else(|| image.config.stop_signal.clone()).unwrap_or_else(|| "SIGTERM".into());
        let working_dir = spec.working_dir.clone().unwrap_or_else(|| if image.config.working_dir.is_empty() { "/".into() } else { image.config.working_dir.clone() });
        let user = spec.user.clone().unwrap_or_else(|| image.config.user.clone());
        let network_name = spec.network.clone().unwrap_or_else(|| "bridge".into());
        let Some(network_index) = self.network_index(&network_name) else {
            return Err(format!("network {network_name} not found"));
        };
        if !spec.network_aliases.is_empty() && !self.networks[network_index].has_dns() {
            return Err("network-scoped alias is supported only for containers in user defined networks".into());
        }
        let image = &self.images[image_index];
        let image_volumes = image.config.volumes.clone();
        // -P publishes every exposed port on a free host port, counting up from 32768
        // (the kernel's ephemeral range).
        let mut spec = spec;
        if spec.publish_all {
            let exposed = image.config.exposed_ports.clone();
            for port in exposed {
                let (number, protocol) = port.split_once('/').unwrap_or((&port, "tcp"));
                let Ok(container_port) = number.parse() else { continue };
                if spec.ports.iter().any(|binding| binding.container_port == container_port) {
                    continue;
                }
                let used: Vec<u16> = self.containers.iter().flat_map(|container| container.spec.ports.iter().map(|binding| binding.host_port)).chain(spec.ports.iter().map(|binding| binding.host_port)).collect();
                let host_port = (32768..=60999).find(|candidate| !used.contains(candidate)).unwrap_or(32768);
                spec.ports.push(PortBinding { host_ip: String::new(), host_port, container_port, protocol: protocol.to_string() });
            }
        }
        let mounts = self.resolve_mounts(&spec, &image_volumes, &image_fs, host, now, events)?;
        let id = self.new_id();
        let hostname = spec.hostname.clone().unwrap_or_else(|| id[..12].to_string());
        events.push(Event::ContainerCreated { id: id.clone(), name: name.clone(), image: spec.image.clone() });
        self.containers.push(Container {
            id,
            name,
            image: spec.image.clone(),
            image_id,
            command,
            env,
            working_dir,
            user,
            hostname,
            spec,
            stop_signal,
            created: now,
            status: Status::Created,
            started_at: None,
            finished_at: None,
            exit_code: 0,
            pid: 0,
            program: None,
            ends_at: None,
            logs: Vec::new(),
            restart_count: 0,
            restart_at: None,
            backoff: 0,
            manually_stopped: false,
            userland,
            programs,
            fs: image_fs,
            mounts,
            endpoints: Vec::new(),
            process_user: None,
        });
        let index = self.containers.len() - 1;
        let aliases = self.containers[index].spec.network_aliases.clone();
        self.connect(index, network_index, aliases, events)?;
        Ok(index)
    }

    /// The volume with this name.
    pub fn volume_index(&self, name: &str) -> Option<usize> {
        self.volumes.binary_search_by(|volume| volume.name.as_str().cmp(name)).ok()
    }

    /// Creates a volume (or returns the existing one of that name).
    pub fn create_volume(&mut self, name: &str, anonymous: bool, now: SimTime, events: &mut Vec<Event>) -> usize {
        match self.volumes.binary_search_by(|volume| volume.name.as_str().cmp(name)) {
            Ok(index) => index,
            Err(index) => {
                self.volumes.insert(index, Volume::new(name, anonymous, now));
                events.push(Event::VolumeCreated { name: name.to_string() });
                index
            }
        }
    }

    /// Turns a container's mount requests, and the image's VOLUMEs, into mounts: volumes are
    /// created as needed and filled from the image when empty (copy-up); `-v` creates a
    /// missing host directory (owned by root, as the daemon does), `--mount` refuses one.
    fn resolve_mounts(&mut self, spec: &ContainerSpec, image_volumes: &[String], image_fs: &Fs, host: &mut Fs, now: SimTime, events: &mut Vec<Event>) -> Result<Vec<Mount>, String> {
        let mut requests = spec.mounts.clone();
        for path in image_volumes {
            if !requests.iter().any(|request| &request.target == path) {
                requests.push(MountRequest { kind: RequestKind::Volume(None), target: path.clone(), read_only: false, no_copy: false });
            }
        }
        let mut mounts = Vec::new();
        for request in requests {
            let source = match &request.kind {
                RequestKind::Volume(name) => {
                    let (name, anonymous) = match name {
                        Some(name) => (name.clone(), false),
                        None => (self.new_id(), true),
                    };
                    let index = self.create_volume(&name, anonymous, now, events);
                    let volume = &mut self.volumes[index];
                    if volume.is_empty() && !request.no_copy && image_fs.get(&request.target).is_some() {
                        // Copy-up: the image's files at the target fill an empty volume.
                        volume.contents = image_fs.subtree(&request.target);
                    }
                    Source::Volume(name)
                }
                RequestKind::Bind { source, create } => {
                    if host.resolve(source).is_err() {
                        if !create {
                            return Err(format!("invalid mount config for type \"bind\": bind source path does not exist: {source}"));
                        }
                        let mut ancestors = Vec::new();
                        let mut path = source.as_str();
                        while host.get(path).is_none() && path != "/" {
                            ancestors.push(path.to_string());
                            path = super::fs::parent(path);
                        }
                        for dir in ancestors.into_iter().rev() {
                            host.put(&dir, Entry::dir(0o755, 0, 0, now));
                        }
                    }
                    Source::Bind(source.clone())
                }
                RequestKind::Tmpfs => Source::Tmpfs(Vec::new()),
            };
            mounts.push(Mount { source, target: request.target.clone(), read_only: request.read_only });
        }
        Ok(mounts)
    }

    /// Removes a container; with `remove_anonymous` (`rm -v`, `run --rm`) its anonymous
    /// volumes go too, named ones never.
    pub fn remove_container(&mut self, index: usize, remove_anonymous: bool, events: &mut Vec<Event>) -> Container {
        let container = self.containers.remove(index);
        events.push(Event::ContainerRemoved { id: container.id.clone() });
        if remove_anonymous {
            for mount in &container.mounts {
                if let Source::Volume(name) = &mount.source
                    && let Some(volume_index) = self.volume_index(name).filter(|volume_index| self.volumes[*volume_index].anonymous) {
                        self.volumes.remove(volume_index);
                        events.push(Event::VolumeRemoved { name: name.clone() });
                    }
            }
        }
        container
    }

    /// The containers (by ID) that use a volume.
    pub fn volume_users(&self, name: &str) -> Vec<String> {
        self.containers.iter().filter(|container| container.mounts.iter().any(|mount| mount.source == Source::Volume(name.to_string()))).map(|container| container.id.clone()).collect()
    }

    /// Starts a created or exited container: PID 1 runs, writes its first output, and either
    /// keeps running or exits at once. Returns Docker's error and the CLI's exit code when the
    /// executable is missing.
    pub fn start(&mut self, index: usize, host: &mut Fs, now: SimTime, events: &mut Vec<Event>) -> Result<(), (String, i32)> {
        let pid = {
            self.next_pid += 1;
            self.next_pid
        };
        // The program sees its files with the mounts in place (a database finds its data
        // in a volume).
        let mut files = self.containers[index].fs.clone();
        storage::mount(&mut files, &self.containers[index].mounts, &self.volumes, host, false, now);
        let container = &mut self.containers[index];
        // moby daemon/oci_linux.go getUser: a USER or --user the container's /etc/passwd
        // (or /etc/group) does not list stops the start; the CLI exits 125 for it.
        if container.userland != Userland::Scratch {
            match container_user(container) {
                Ok(user) => container.process_user = Some(user),
                Err(message) if !container.user.is_empty() => return Err((message, 125)),
                Err(_) => {}
            }
        }
        let context = process::StartContext {
            env: &container.env,
            userland: container.userland,
            interactive: container.spec.interactive,
            tty: container.spec.tty,
            image_programs: &container.programs,
            now_text: nginx_time(now),
            files: Some(&files),
            workdir: &container.working_dir,
        };
        let mut program = process::start(&container.command, &context)?;
        // A tmpfs starts empty at every start.
        for mount in &mut container.mounts {
            if let Source::Tmpfs(files) = &mut mount.source {
                files.clear();
            }
            let source = match &mount.source {
                Source::Volume(name) => name.clone(),
                Source::Bind(path) => path.clone(),
                Source::Tmpfs(_) => "tmpfs".to_string(),
            };
            events.push(Event::VolumeMounted { id: container.id.clone(), source, target: mount.target.clone(), kind: mount.kind().to_string() });
        }
        if !program.writes.is_empty() {
            write_through_mounts(self, host, index, &program.writes, now);
        }
        if program.runs_commands {
            let (code, output) = run_in_container(self, host, index, &program.pid1, now);
            program.output = output;
            program.behaviour = Behaviour::Finishes { code };
        }
        let container = &mut self.containers[index];
        container.status = Status::Running;
        container.manually_stopped = false;
        container.started_at = Some(now);
        container.finished_at = None;
        container.pid = pid;
        events.push(Event::ContainerStarted { id: container.id.clone() });
        for (stderr, text) in &program.output {
            container.logs.push((now, *stderr, text.clone()));
        }
        // Logs are bounded: the oldest entries go first (a crash loop would grow them for ever).
        let overflow = container.logs.len().saturating_sub(MAX_LOG_ENTRIES);
        if overflow > 0 {
            container.logs.drain(..overflow);
        }
        match program.behaviour {
            Behaviour::Finishes { code } => {
                container.program = Some(program);
                self.exit(index, code, None, now, events);
            }
            Behaviour::Runs { for_millis } => {
                container.ends_at = for_millis.map(|millis| now.saturating_add(millis));
                container.program = Some(program);
            }
        }
        Ok(())
    }

    /// PID 1 exited with `code` (and by `signal`, if one killed it).
    pub fn exit(&mut self, index: usize, code: i32, signal: Option<&str>, now: SimTime, events: &mut Vec<Event>) {
        let container = &mut self.containers[index];
        let ran_for = now.saturating_sub(container.started_at.unwrap_or(now));
        container.status = Status::Exited;
        container.exit_code = code;
        container.finished_at = Some(now);
        container.pid = 0;
        container.ends_at = None;
        events.push(Event::ContainerExited { id: container.id.clone(), code, signal: signal.map(String::from) });
        // Restart policies (docker/cli container_run.md): backoff from 100 ms, doubling to a
        // minute, reset once the container has run for 10 seconds.
        let policy = container.spec.restart.clone();
        let (name, limit) = policy.split_once(':').map_or((policy.as_str(), 0), |(name, count)| (name, count.parse().unwrap_or(0)));
        let restart = match name {
            "always" | "unless-stopped" => !container.manually_stopped,
            "on-failure" => code != 0 && !container.manually_stopped && (limit == 0 || container.restart_count < limit),
            _ => false,
        };
        if restart {
            if ran_for >= 10_000 {
                container.backoff = 0;
            }
            container.backoff = if container.backoff == 0 { timing::RESTART_BACKOFF_START } else { (container.backoff * 2).min(timing::RESTART_BACKOFF_MAX) };
            container.status = Status::Restarting;
            container.restart_at = Some(now + container.backoff);
        }
    }

    /// Sends a signal to PID 1 and applies its reaction. Returns whether the container exited.
    pub fn signal(&mut self, index: usize, signal: &str, now: SimTime, events: &mut Vec<Event>) -> bool {
        let container = &self.containers[index];
        let Some(program) = &container.program else { return false };
        events.push(Event::SignalDelivered { id: container.id.clone(), pid: 1, signal: signal.to_string() });
        match process::reaction(program, signal, container.spec.init) {
            Reaction::Exits(code) => {
                let by_signal = (code > 128).then_some(signal);
                self.exit(index, code, by_signal, now, events);
                true
            }
            Reaction::Default | Reaction::Ignores => false,
        }
    }

    /// `docker stop`: the stop signal, then SIGKILL after the timeout. Returns how long it took.
    pub fn stop(&mut self, index: usize, timeout_seconds: Option<i64>, now: SimTime, events: &mut Vec<Event>) -> u64 {
        self.containers[index].manually_stopped = true;
        if self.containers[index].status == Status::Restarting {
            self.containers[index].status = Status::Exited;
            self.containers[index].restart_at = None;
            return 0;
        }
        if self.containers[index].status != Status::Running {
            return 0;
        }
        let signal = self.containers[index].stop_signal.clone();
        let signal = process::signal_name(&signal).unwrap_or("SIGTERM");
        if self.signal(index, signal, now + timing::GRACEFUL_EXIT, events) {
            return timing::GRACEFUL_EXIT;
        }
        let timeout = timeout_seconds.or(self.containers[index].spec.stop_timeout).map_or(timing::STOP_TIMEOUT, |seconds| seconds.max(0) as u64 * 1000);
        self.signal(index, "SIGKILL", now + timeout, events);
        timeout
    }

    /// Moves the engine's clock to `now`: programs that end by themselves (`sleep 30`) exit.
    pub fn advance_to(&mut self, host: &mut Fs, now: SimTime, events: &mut Vec<Event>) {
        // Events in time order: programs ending by themselves, restarts coming due. A crash
        // loop is bounded: past a limit, restarts are counted without being replayed.
        for _ in 0..MAX_CLOCK_EVENTS {
            let next = self.containers.iter().enumerate().filter_map(|(index, container)| {
                let due = match container.status {
                    Status::Running => container.ends_at,
                    Status::Restarting => container.restart_at,
                    _ => None,
                };
                due.filter(|time| *time <= now).map(|time| (time, index))
            }).min();
            let Some((time, index)) = next else { break };
            if self.containers[index].status == Status::Restarting {
                self.containers[index].restart_count += 1;
                self.containers[index].restart_at = None;
                if self.start(index, host, time, events).is_err() {
                    self.containers[index].status = Status::Exited;
                }
            } else {
                self.exit(index, 0, None, time, events);
            }
        }
        for container in &mut self.containers {
            if let (Status::Restarting, Some(at)) = (container.status, container.restart_at)
                && at <= now {
                    let skipped = (now - at) / timing::RESTART_BACKOFF_MAX + 1;
                    container.restart_count += skipped as u32;
                    container.restart_at = Some(at + skipped * timing::RESTART_BACKOFF_MAX);
                    container.finished_at = Some(at + (skipped - 1) * timing::RESTART_BACKOFF_MAX);
                }
        }
        self.remove_auto_removed(events);
    }

    /// Containers run with `--rm` go once they have exited, with their anonymous volumes.
    pub fn remove_auto_removed(&mut self, events: &mut Vec<Event>) {
        while let Some(index) = self.containers.iter().position(|container| container.spec.auto_remove && container.status == Status::Exited) {
            self.remove_container(index, true, events);
        }
    }
}

/// The shell a container's commands run in: ash in busybox images, dash in Debian ones
/// (`bash` when asked for by name), as the container's user with its environment.
pub fn container_shell(container: &Container, flavor: Option<super::interpreter::Flavor>) -> super::interpreter::Shell {
    use super::interpreter::{Flavor, Shell};
    let flavor = flavor.unwrap_or(if container.userland == Userland::Busybox { Flavor::Ash } else { Flavor::Dash });
    let mut programs: Vec<&'static str> = process::userland_programs(container.userland).to_vec();
    programs.extend(container.programs.iter().copied());
    let mut shell = Shell::container(flavor, &container.hostname, &container.env, &container.working_dir, programs, container.spec.tty);
    // A user the image does not know stops the container from starting, so here it is known.
    if let Ok(user) = container_user(container) {
        set_user(&mut shell, user, &container.env);
    }
    shell
}

/// `docker exec`'s `-u`, `-e` and `-w` on the shell that runs its command; the error is
/// the daemon's for a user or group the container's files do not list.
pub fn apply_exec_options(shell: &mut super::interpreter::Shell, options: &super::interpreter::ExecOptions, container: &Container) -> Result<(), String> {
    if let Some(user) = &options.user {
        set_user(shell, resolve_user(&container.fs, user)?, &container.env);
    }
    for entry in &options.env {
        match entry.split_once('=') {
            Some((key, value)) => {
                shell.vars.insert(key.to_string(), value.to_string());
                shell.export(key);
            }
            None => {
                shell.vars.remove(entry);
            }
        }
    }
    if let Some(dir) = &options.workdir {
        shell.cwd = dir.clone();
    }
    Ok(())
}

/// Who a container's processes run as: `--user` / `USER` resolved against its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessUser {
    /// The `--user` text it was resolved from, and the files it was resolved against.
    spec: String,
    files: super::accounts::Files,
    pub ids: super::fs::User,
    /// The user's name, if /etc/passwd lists the uid.
    pub name: Option<String>,
    pub home: String,
    /// As `id` prints them: `0(root),1(bin)`.
    pub groups: String,
}

/// Who `--user` / `USER` (`name`, `uid`, `name:group`, `uid:gid`; empty is root) makes a
/// process, resolved against the container's own `/etc/passwd` and `/etc/group` as runc's
/// `GetExecUser` does: a name must be listed; a number need not be, and then has group 0
/// and home `/`; without an explicit group the user's groups from `/etc/group` are added.
/// Returns the daemon's error for a name the files do not list.
pub fn resolve_user(fs: &Fs, spec: &str) -> Result<ProcessUser, String> {
    let files = super::accounts::Files::read(fs);
    let (user, group) = spec.split_once(':').unwrap_or((spec, ""));
    let account = if user.is_empty() {
        files.user_by_uid(0)
    } else if let Ok(uid) = user.parse::<u32>() {
        files.user_by_uid(uid)
    } else {
        Some(files.user_by_name(user).ok_or_else(|| format!("unable to find user {user}: no matching entries in passwd file"))?)
    };
    let uid = account.as_ref().map(|account| account.uid).unwrap_or_else(|| user.parse().unwrap_or(0));
    let gid = if group.is_empty() {
        account.as_ref().map(|account| account.gid).unwrap_or(0)
    } else if let Ok(gid) = group.parse::<u32>() {
        gid
    } else {
        files.group_by_name(group).ok_or_else(|| format!("unable to find group {group}: no matching entries in group file"))?.gid
    };
    let home = account.as_ref().map(|account| account.home.clone()).unwrap_or_else(|| "/".into());
    let groups = if group.is_empty() { files.process_groups(uid, gid) } else { files.named_group(gid) };
    Ok(ProcessUser { spec: spec.to_string(), files, ids: super::fs::User { uid, gid }, name: account.map(|account| account.name), home, groups })
}

/// The container's user, resolved again only when its files or `--user` changed since it
/// was last (a restart loop starts the same container many times).
fn container_user(container: &Container) -> Result<ProcessUser, String> {
    if let Some(known) = &container.process_user
        && known.spec == container.user
        && known.files.same_as(&super::accounts::Files::read(&container.fs)) {
            return Ok(known.clone());
        }
    resolve_user(&container.fs, &container.user)
}

/// Runs the shell as `user`, with `HOME` from `/etc/passwd` unless the container's
/// environment sets it.
fn set_user(shell: &mut super::interpreter::Shell, user: ProcessUser, env: &[String]) {
    // `groups` starts with the primary group as `gid(name)`.
    let group = user.groups.split(',').next().and_then(|first| first.strip_suffix(')')).and_then(|first| first.split_once('(')).map(|(_, name)| name.to_string()).unwrap_or_default();
    shell.user = user.ids;
    shell.identity = super::interpreter::Identity { user: user.name.unwrap_or_default(), group, groups: user.groups };
    if !env.iter().any(|entry| entry.starts_with("HOME=")) {
        shell.vars.insert("HOME".into(), user.home);
    }
}

/// Runs a script in a container's shell, on the container's files with its mounts in
/// place: what it writes under a mount lands in the volume, the host directory or the
/// tmpfs. Returns what it wrote; `now` moves on by the time the commands took (`sleep`).
pub fn run_script(docker: &mut Docker, host: &mut Fs, index: usize, shell: &mut super::interpreter::Shell, script: &str, now: &mut SimTime) -> super::Outcome {
    let started = *now;
    use super::interpreter::{self, World};
    let view = docker.network_view(host, Some(index));
    let container = &mut docker.containers[index];
    let mut fs = std::mem::take(&mut container.fs);
    let mut mounts = std::mem::take(&mut container.mounts);
    let read_only_root = container.spec.read_only;
    let mounted = storage::mount(&mut fs, &mounts, &docker.volumes, host, read_only_root, started);
    let mut world = World { fs, now: started, docker: Docker::default(), cwd: "/".into(), net: Some(view), client_env: Vec::new() };
    let mut outcome = super::Outcome::default();
    let _ = interpreter::run_text(shell, &mut world, script, &mut outcome);
    *now = world.now;
    let mut fs = world.fs;
    storage::unmount(&mut fs, &mut mounts, mounted, &mut docker.volumes, host);
    let container = &mut docker.containers[index];
    container.fs = fs;
    container.mounts = mounts;
    outcome
}

/// Puts the entries a program created as it started into the container's files with its
/// mounts in place, so that what lands under a mount goes to the volume or the host.
fn write_through_mounts(docker: &mut Docker, host: &mut Fs, index: usize, writes: &[(String, super::fs::Entry)], now: SimTime) {
    let container = &mut docker.containers[index];
    let mut fs = std::mem::take(&mut container.fs);
    let mut mounts = std::mem::take(&mut container.mounts);
    let mounted = storage::mount(&mut fs, &mounts, &docker.volumes, host, false, now);
    for (path, entry) in writes {
        fs.put(path, super::fs::Entry { mtime: now, ..entry.clone() });
    }
    storage::unmount(&mut fs, &mut mounts, mounted, &mut docker.volumes, host);
    let container = &mut docker.containers[index];
    container.fs = fs;
    container.mounts = mounts;
}

/// A command's words as a script that runs them unchanged: each word single-quoted.
pub fn quote_words(words: &[String]) -> String {
    words.iter().map(|word| format!("'{}'", word.replace('\'', "'\\''"))).collect::<Vec<_>>().join(" ")
}

/// Runs ordinary commands as the container's PID 1 through its own shell (ash or dash), on
/// its own files: `docker run alpine ls /`, `sh -c "echo hi; cat /etc/os-release"`.
/// Returns the exit status and the output as (to stderr?, text).
fn run_in_container(docker: &mut Docker, host: &mut Fs, index: usize, argv: &[String], now: SimTime) -> (i32, Vec<(bool, String)>) {
    let mut shell = container_shell(&docker.containers[index], None);
    // A shell among the words (`/bin/sh -c "…"`) runs as the program it is, so that its
    // messages name it as typed (`/bin/sh: nosuch: not found`) and `$0`, `$1…` are set.
    let script = quote_words(argv);
    // A container's own commands at start do not hold up the host's clock.
    let mut container_clock = now;
    let outcome = run_script(docker, host, index, &mut shell, &script, &mut container_clock);
    let output = outcome.chunks.into_iter().map(|chunk| (chunk.stream == super::Stream::Stderr, chunk.text)).collect();
    (shell.last_status, output)
}

/// A layer's short ID for push and pull progress, stable for an image.
pub fn builder_layer_id(image_id: &str, layer: usize) -> String {
    let digits = image_id.trim_start_matches("sha256:");
    let rotate = (layer * 7) % digits.len().max(1);
    format!("{}{}", &digits[rotate..], &digits[..rotate])[..12].to_string()
}

/// The time as nginx and postgres print it in logs: `2026/01/05 09:00:00`.
fn nginx_time(now: SimTime) -> String {
    let date = DateTime::from_millis(now);
    format!("{}/{:02}/{:02} {:02}:{:02}:{:02}", date.year, date.month, date.day, date.hour, date.minute, date.second)
}

/// The programs an official image adds to its userland.
fn image_programs(name: &str) -> Vec<&'static str> {
    let programs: &[&str] = match name {
        "nginx" => &["nginx", "docker-entrypoint.sh", "curl"],
        "httpd" => &["httpd-foreground", "httpd"],
        "registry" => &["/entrypoint.sh", "entrypoint.sh", "registry"],
        "redis" => &["redis-server", "redis-cli", "docker-entrypoint.sh"],
        "postgres" => &["postgres", "psql", "docker-entrypoint.sh", "gosu"],
        "mysql" => &["mysqld", "mysql", "docker-entrypoint.sh"],
        "python" => &["python", "python3", "pip", "curl", "wget", "git"],
        "node" => &["node", "npm", "npx", "docker-entrypoint.sh", "curl", "wget", "git"],
        "golang" => &["go", "curl", "wget", "git"],
        "ruby" => &["ruby", "irb", "gem", "bundle", "curl", "wget", "git"],
        _ => &[],
    };
    programs.to_vec()
}

/// The files of a userland: enough for `ls /`, `cat /etc/os-release` and friends.
fn userland_fs(userland: Userland, now: SimTime) -> Fs {
    let mut fs = Fs::new(now);
    if userland == Userland::Scratch {
        return fs;
    }
    for dir in ["/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var"] {
        let mode = match dir {
            "/tmp" => 0o1777,
            "/root" => 0o700,
            _ => 0o755,
        };
        fs.put(dir, Entry::dir(mode, 0, 0, now));
    }
    let os_release = match userland {
        Userland::Busybox => "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.22.2\nPRETTY_NAME=\"Alpine Linux v3.22\"\nHOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n",
        _ => "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\nVERSION=\"13 (trixie)\"\nVERSION_CODENAME=trixie\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n",
    };
    fs.put("/etc/os-release", Entry::file(os_release, 0o644, 0, 0, now));
    fs
}
