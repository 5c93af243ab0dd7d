//! Storage: named and anonymous volumes, bind mounts onto the host's files, tmpfs, and how a
//! container's view of its files is put together from them while its commands run.
//!
//! The rules follow ../shared/reference/fidelity.md §2: a named volume outlives every
//! container; anonymous volumes go with `docker rm -v` and `run --rm`; an empty volume is
//! filled from the image on first mount (copy-up), a bind mount never is; a mount hides
//! what the image had at its target.

use super::super::fs::{Entry, Fs, Subtree};
use super::super::SimTime;

/// A volume and its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    pub name: String,
    /// Created by `-v /path` or an image's VOLUME, with a generated name.
    pub anonymous: bool,
    pub created: SimTime,
    pub labels: Vec<String>,
    /// The files, relative to the volume's root (`""` is the root directory).
    pub contents: Subtree,
}

impl Volume {
    pub fn new(name: &str, anonymous: bool, now: SimTime) -> Volume {
        Volume { name: name.to_string(), anonymous, created: now, labels: Vec::new(), contents: vec![(String::new(), Entry::dir(0o755, 0, 0, now))] }
    }

    /// Whether the volume holds nothing but its root (copy-up fills only empty volumes).
    pub fn is_empty(&self) -> bool {
        self.contents.iter().all(|(path, _)| path.is_empty())
    }

    /// Where the files would be on the Docker host (`docker volume inspect`).
    pub fn mountpoint(&self) -> String {
        format!("/var/lib/docker/volumes/{}/_data", self.name)
    }
}

/// What a mount takes its files from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Volume(String),
    /// An absolute path on the host.
    Bind(String),
    /// Memory only: what the container wrote there since it started.
    Tmpfs(Subtree),
}

/// A mount of a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub source: Source,
    /// An absolute path inside the container.
    pub target: String,
    pub read_only: bool,
}

impl Mount {
    /// `docker inspect`'s `Type`.
    pub fn kind(&self) -> &'static str {
        match self.source {
            Source::Volume(_) => "volume",
            Source::Bind(_) => "bind",
            Source::Tmpfs(_) => "tmpfs",
        }
    }
}

/// A mount as `-v`, `--mount` or `--tmpfs` asked for it, before volumes exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountRequest {
    pub kind: RequestKind,
    pub target: String,
    pub read_only: bool,
    /// `volume-nocopy`: no copy-up.
    pub no_copy: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestKind {
    /// `None` for an anonymous volume.
    Volume(Option<String>),
    /// A host path; `create` when `-v` may create it (`--mount` may not).
    Bind { source: String, create: bool },
    Tmpfs,
}

/// Whether `name` is a valid volume name (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`).
pub fn valid_volume_name(name: &str) -> bool {
    name.len() >= 2 && name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Parses `-v`: `name:/target[:ro]`, `/host:/target[:ro]`, `./rel:/target` or `/target`.
/// `cwd` resolves relative host paths. Returns Docker's error text for a bad one.
pub fn parse_volume_flag(text: &str, cwd: &str) -> Result<MountRequest, String> {
    let parts: Vec<&str> = text.split(':').collect();
    let invalid = || format!("invalid spec: {text}: invalid volume specification: '{text}'");
    let (source, target, options) = match parts.as_slice() {
        [target] => (None, *target, ""),
        [source, target] => (Some(*source), *target, ""),
        [source, target, options] => (Some(*source), *target, *options),
        _ => return Err(invalid()),
    };
    if !target.starts_with('/') {
        return Err(format!("invalid volume specification: '{text}': invalid mount config for type \"volume\": invalid mount path: '{target}' mount path must be absolute"));
    }
    let read_only = options.split(',').any(|option| option == "ro");
    if options.split(',').any(|option| !matches!(option, "" | "ro" | "rw" | "z" | "Z" | "nocopy")) {
        return Err(invalid());
    }
    let no_copy = options.split(',').any(|option| option == "nocopy");
    let target = super::super::fs::absolute("/", target);
    let kind = match source {
        None => RequestKind::Volume(None),
        Some(source) if source.starts_with('/') || source.starts_with("./") || source.starts_with("../") || source == "." || source == ".." || source.starts_with('~') => {
            RequestKind::Bind { source: super::super::fs::absolute(cwd, source), create: true }
        }
        Some(name) if valid_volume_name(name) => RequestKind::Volume(Some(name.to_string())),
        Some(name) => return Err(format!("create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path")),
    };
    Ok(MountRequest { kind, target, read_only, no_copy })
}

/// Parses `--mount type=…,source=…,target=…[,readonly][,volume-nocopy]`.
pub fn parse_mount_flag(text: &str, cwd: &str) -> Result<MountRequest, String> {
    let (mut kind, mut source, mut target, mut read_only, mut no_copy) = ("volume".to_string(), None, None, false, false);
    for field in text.split(',') {
        let (key, value) = field.split_once('=').unwrap_or((field, ""));
        match key {
            "type" => kind = value.to_string(),
            "source" | "src" => source = Some(value.to_string()),
            "target" | "destination" | "dst" => target = Some(value.to_string()),
            "readonly" | "ro" => read_only = value.is_empty() || value == "true" || value == "1",
            "volume-nocopy" => no_copy = value.is_empty() || value == "true",
            "tmpfs-size" | "tmpfs-mode" | "bind-propagation" | "consistency" | "volume-driver" | "volume-opt" | "volume-subpath" => {}
            _ => return Err(format!("invalid argument \"{text}\" for \"--mount\" flag: unexpected key '{key}' in '{field}'")),
        }
    }
    let Some(target) = target else {
        return Err(format!("invalid argument \"{text}\" for \"--mount\" flag: target is required"));
    };
    let target = super::super::fs::absolute("/", &target);
    let kind = match kind.as_str() {
        "volume" => RequestKind::Volume(source.filter(|name| !name.is_empty())),
        "bind" => match source {
            Some(source) => RequestKind::Bind { source: super::super::fs::absolute(cwd, &source), create: false },
            None => return Err("invalid mount config for type \"bind\": field Source must not be empty".into()),
        },
        "tmpfs" => RequestKind::Tmpfs,
        other => return Err(format!("invalid argument \"{text}\" for \"--mount\" flag: invalid mount type '{other}'")),
    };
    Ok(MountRequest { kind, target, read_only, no_copy })
}

/// The files a container sees while its commands run: its own layer with each mount's
/// files laid over their targets. `unmount` writes changes back to the sources.
pub struct Mounted {
    /// What each mount hid, to put back afterwards, in mount order.
    hidden: Vec<Subtree>,
}

/// Lays the mounts' files over the container's: volumes and tmpfs from `volumes` and the
/// mounts themselves, binds from the host.
pub fn mount(fs: &mut Fs, mounts: &[Mount], volumes: &[Volume], host: &Fs, read_only_root: bool, now: SimTime) -> Mounted {
    let mut hidden = Vec::new();
    if read_only_root {
        fs.set_read_only("/", true);
    }
    for mount in mounts {
        hidden.push(fs.extract(&mount.target));
        let files = match &mount.source {
            Source::Volume(name) => volumes.iter().find(|volume| &volume.name == name).map(|volume| volume.contents.clone()).unwrap_or_default(),
            Source::Bind(path) => host.subtree(path),
            Source::Tmpfs(files) => files.clone(),
        };
        let files = if files.is_empty() { vec![(String::new(), Entry::dir(0o755, 0, 0, now))] } else { files };
        fs.graft(&mount.target, files);
        fs.set_read_only(&mount.target, mount.read_only);
    }
    Mounted { hidden }
}

/// Takes the mounts' files back out after the commands ran, writing them to their sources
/// (volumes, the host, tmpfs), and puts back what the mounts hid.
pub fn unmount(fs: &mut Fs, mounts: &mut [Mount], mounted: Mounted, volumes: &mut [Volume], host: &mut Fs) {
    for (mount, hidden) in mounts.iter_mut().zip(mounted.hidden).rev() {
        let files = fs.extract(&mount.target);
        if !mount.read_only {
            match &mut mount.source {
                Source::Volume(name) => {
                    if let Some(volume) = volumes.iter_mut().find(|volume| &volume.name == name) {
                        volume.contents = files;
                    }
                }
                Source::Bind(path) => host.graft(path, files),
                Source::Tmpfs(contents) => *contents = files,
            }
        }
        // The mount point stays in the container's layer as an empty directory.
        let point = hidden.iter().find(|(path, _)| path.is_empty()).map(|(_, entry)| entry.clone());
        fs.graft(&mount.target, hidden);
        if fs.get(&mount.target).is_none() {
            fs.put(&mount.target, point.unwrap_or_else(|| Entry::dir(0o755, 0, 0, 0)));
        }
    }
    *fs = {
        let mut clean = std::mem::take(fs);
        clean.clear_read_only();
        clean
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_flags_parse_as_docker_reads_them() {
        let request = parse_volume_flag("pgdata:/var/lib/postgresql", "/home/learner").unwrap();
        assert_eq!(request.kind, RequestKind::Volume(Some("pgdata".into())));
        let request = parse_volume_flag("/home/learner/app:/usr/src/app:ro", "/home/learner").unwrap();
        assert_eq!((request.kind, request.read_only), (RequestKind::Bind { source: "/home/learner/app".into(), create: true }, true));
        let request = parse_volume_flag("./site:/usr/share/nginx/html", "/home/learner").unwrap();
        assert_eq!(request.kind, RequestKind::Bind { source: "/home/learner/site".into(), create: true });
        assert_eq!(parse_volume_flag("/data", "/").unwrap().kind, RequestKind::Volume(None));
        assert!(parse_volume_flag("data:relative", "/").unwrap_err().contains("mount path must be absolute"));
        let mount = parse_mount_flag("type=bind,source=/dev/noexist,target=/x,readonly", "/").unwrap();
        assert_eq!((mount.kind, mount.read_only), (RequestKind::Bind { source: "/dev/noexist".into(), create: false }, true));
        assert_eq!(parse_mount_flag("type=tmpfs,target=/cache", "/").unwrap().kind, RequestKind::Tmpfs);
    }
}
