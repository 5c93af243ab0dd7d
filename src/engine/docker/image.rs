//! Images: references (`nginx`, `localhost:5000/app:1.0`), their configuration, and the
//! built-in catalogue of official images with their real ENTRYPOINT, CMD and the rest.

/// A parsed image reference, normalised the way Docker does (`nginx` is
/// `docker.io/library/nginx:latest`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reference {
    /// `docker.io`, `localhost:5000`, …
    pub registry: String,
    /// `library/nginx`, `learner/app`.
    pub path: String,
    pub tag: String,
    /// `sha256:` and 64 hex digits, when the reference pins a digest (`alpine@sha256:…`).
    pub digest: Option<String>,
}

impl Reference {
    /// Parses a reference as `docker pull` accepts it. Returns Docker's error text for an
    /// invalid one.
    pub fn parse(text: &str) -> Result<Reference, String> {
        let invalid = || format!("invalid reference format: repository name ({text}) must be lowercase");
        if text.is_empty() {
            return Err("invalid reference format".into());
        }
        let (name, tag) = match text.rsplit_once(':') {
            Some((name, tag)) if !tag.contains('/') => (name, tag.to_string()),
            _ => (text, "latest".to_string()),
        };
        let valid_tag = !tag.is_empty() && tag.len() <= 128 && tag.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')) && !tag.starts_with(['.', '-']);
        if !valid_tag {
            return Err("invalid reference format".into());
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, rest)) if first.contains(['.', ':']) || first == "localhost" => (first.to_string(), rest.to_string()),
            Some(_) => ("docker.io".to_string(), name.to_string()),
            None => ("docker.io".to_string(), format!("library/{name}")),
        };
        if path.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(invalid());
        }
        let valid_path = !path.is_empty()
            && path.split('/').all(|component| {
                !component.is_empty()
                    && component.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
                    && component.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && component.ends_with(|c: char| c.is_ascii_alphanumeric())
            });
        if !valid_path {
            return Err("invalid reference format".into());
        }
        Ok(Reference { registry, path, tag, digest: None })
    }

    /// Parses a reference that may pin a digest (`alpine@sha256:…`), as `docker pull` and
    /// `docker run` accept it; a tag beside a digest is ignored, as the daemon resolves the
    /// digest alone.
    pub fn parse_pullable(text: &str) -> Result<Reference, String> {
        let Some((name, digest)) = text.split_once('@') else {
            return Reference::parse(text);
        };
        let valid_digest = digest.strip_prefix("sha256:").is_some_and(|hex| hex.len() == 64 && hex.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
        if !valid_digest {
            return Err("invalid reference format".into());
        }
        let mut reference = Reference::parse(name)?;
        reference.tag = "latest".into();
        reference.digest = Some(digest.to_string());
        Ok(reference)
    }

    /// The repository as Docker shows it: `nginx`, `learner/app`, `localhost:5000/app`.
    pub fn familiar_name(&self) -> String {
        match (self.registry.as_str(), self.path.strip_prefix("library/")) {
            ("docker.io", Some(official)) => official.to_string(),
            ("docker.io", None) => self.path.clone(),
            (registry, _) => format!("{registry}/{}", self.path),
        }
    }

    /// `nginx:latest` (or `nginx@sha256:…`), as `docker images` and pull messages name it.
    pub fn familiar(&self) -> String {
        match &self.digest {
            Some(digest) => format!("{}@{digest}", self.familiar_name()),
            None => format!("{}:{}", self.familiar_name(), self.tag),
        }
    }

    /// `docker.io/library/nginx:latest` (or `docker.io/library/nginx@sha256:…`).
    pub fn full(&self) -> String {
        match &self.digest {
            Some(digest) => format!("{}/{}@{digest}", self.registry, self.path),
            None => format!("{}/{}:{}", self.registry, self.path, self.tag),
        }
    }
}

/// Which userland an image carries: it decides the shell's messages and which tools exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Userland {
    /// busybox: `sh` is ash; no bash.
    Busybox,
    /// Debian or Ubuntu: `sh` is dash, bash and coreutils exist.
    Debian,
    /// Nothing at all (`FROM scratch`).
    Scratch,
}

/// An image's configuration, as `docker image inspect` shows it under `Config`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageConfig {
    pub entrypoint: Option<Vec<String>>,
    pub cmd: Option<Vec<String>>,
    pub env: Vec<String>,
    pub exposed_ports: Vec<String>,
    pub volumes: Vec<String>,
    pub working_dir: String,
    pub user: String,
    pub stop_signal: Option<String>,
    /// LABEL key and value pairs, in order.
    pub labels: Vec<(String, String)>,
    /// HEALTHCHECK as written (the simulator records it; it does not run probes yet).
    pub healthcheck: Option<String>,
}

/// An official image in the simulated registry, with the source of every value.
pub struct CatalogImage {
    /// The repository under `library/`.
    pub name: &'static str,
    /// Tags that name this image; the first is the canonical one.
    pub tags: &'static [&'static str],
    pub entrypoint: Option<&'static [&'static str]>,
    pub cmd: Option<&'static [&'static str]>,
    pub env: &'static [&'static str],
    pub exposed_ports: &'static [&'static str],
    pub volumes: &'static [&'static str],
    pub working_dir: &'static str,
    pub stop_signal: Option<&'static str>,
    /// Uncompressed size in bytes, as `docker images` reports it.
    pub size: u64,
    /// How many layers a pull fetches.
    pub layers: usize,
    pub userland: Userland,
    /// Files that lessons look at, beyond the userland's own.
    pub files: &'static [(&'static str, &'static str)],
}

impl CatalogImage {
    /// The image's digest in the simulated registry: `sha256:` and 64 hex digits. The real
    /// official images are rebuilt every few weeks, each time with a new digest, so none is
    /// copied; this one is derived from the catalogue entry, so that it stays the same in
    /// every pull, session and build. With the containerd image store (Docker 29's default)
    /// it is also the image's ID.
    pub fn digest(&self) -> String {
        format!("sha256:{}", super::builder::hex64(&["catalog", self.name, self.tags[0], &self.size.to_string()]))
    }

    /// The short IDs (12 hex digits) `docker pull` shows for the image's layers, stable like
    /// the digest.
    pub fn layer_ids(&self) -> Vec<String> {
        (0..self.layers).map(|layer| super::builder::hex64(&["layer", self.name, self.tags[0], &layer.to_string()])[..12].to_string()).collect()
    }

    pub fn config(&self) -> ImageConfig {
        let strings = |items: &[&str]| items.iter().map(|item| item.to_string()).collect::<Vec<_>>();
        ImageConfig {
            entrypoint: self.entrypoint.map(strings),
            cmd: self.cmd.map(strings),
            env: strings(self.env),
            exposed_ports: strings(self.exposed_ports),
            volumes: strings(self.volumes),
            working_dir: self.working_dir.to_string(),
            user: String::new(),
            stop_signal: self.stop_signal.map(String::from),
            labels: Vec::new(),
            healthcheck: None,
        }
    }
}

const PATH_ENV: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const NGINX_INDEX: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

/// The official images the simulated Docker Hub holds.
///
/// Sources, per image: the Dockerfiles in github.com/docker-library (alpine:
/// alpinelinux/docker-alpine `x86_64/Dockerfile`; busybox: docker-library/busybox; debian:
/// debuerreotype/docker-debian-artifacts; ubuntu: the Ubuntu rootfs Dockerfile; nginx:
/// nginxinc/docker-nginx `mainline/debian/Dockerfile`; httpd, redis, postgres, mysql, python,
/// node, golang, ruby: docker-library/<name> `Dockerfile.template`). Sizes are the
/// uncompressed sizes `docker images` reported for the amd64 images of the same versions.
pub const CATALOG: &[CatalogImage] = &[
    CatalogImage {
        name: "alpine",
        tags: &["latest", "3.22", "3.22.2", "3"],
        entrypoint: None,
        cmd: Some(&["/bin/sh"]),
        env: &[PATH_ENV],
        exposed_ports: &[],
        volumes: &[],
        working_dir: "",
        stop_signal: None,
        size: 8_310_000,
        layers: 1,
        userland: Userland::Busybox,
        files: &[("/etc/alpine-release", "3.22.2\n"), ("/etc/hostname", "localhost\n")],
    },
    CatalogImage {
        name: "busybox",
        tags: &["latest", "1.37", "1.37.0"],
        entrypoint: None,
        cmd: Some(&["sh"]),
        env: &["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        exposed_ports: &[],
        volumes: &[],
        working_dir: "",
        stop_signal: None,
        size: 4_420_000,
        layers: 1,
        userland: Userland::Busybox,
        files: &[],
    },
    CatalogImage {
        name: "debian",
        tags: &["latest", "trixie", "13", "bookworm", "12"],
        entrypoint: None,
        cmd: Some(&["bash"]),
        env: &[PATH_ENV],
        exposed_ports: &[],
        volumes: &[],
        working_dir: "",
        stop_signal: None,
        size: 120_000_000,
        layers: 1,
        userland: Userland::Debian,
        files: &[("/etc/debian_version", "13.1\n")],
    },
    CatalogImage {
        name: "ubuntu",
        tags: &["latest", "24.04", "noble"],
        entrypoint: None,
        cmd: Some(&["/bin/bash"]),
        env: &[PATH_ENV],
        exposed_ports: &[],
        volumes: &[],
        working_dir: "",
        stop_signal: None,
        size: 78_100_000,
        layers: 1,
        userland: Userland::Debian,
        files: &[],
    },
    CatalogImage {
        name: "nginx",
        tags: &["latest", "1.29", "mainline", "1.29.3"],
        entrypoint: Some(&["/docker-entrypoint.sh"]),
        cmd: Some(&["nginx", "-g", "daemon off;"]),
        env: &[PATH_ENV, "NGINX_VERSION=1.29.3", "NJS_VERSION=0.9.4", "NJS_RELEASE=1~trixie", "PKG_RELEASE=1~trixie", "DYNPKG_RELEASE=1~trixie"],
        exposed_ports: &["80/tcp"],
        volumes: &[],
        working_dir: "",
        stop_signal: Some("SIGQUIT"),
        size: 192_000_000,
        layers: 7,
        userland: Userland::Debian,
        files: &[("/usr/share/nginx/html/index.html", NGINX_INDEX), ("/usr/share/nginx/html/50x.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n")],
    },
    CatalogImage {
        name: "httpd",
        tags: &["latest", "2.4", "2"],
        entrypoint: None,
        cmd: Some(&["httpd-foreground"]),
        env: &["PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HTTPD_PREFIX=/usr/local/apache2", "HTTPD_VERSION=2.4.65"],
        exposed_ports: &["80/tcp"],
        volumes: &[],
        working_dir: "/usr/local/apache2",
        stop_signal: Some("SIGWINCH"),
        size: 117_000_000,
        layers: 5,
        userland: Userland::Debian,
        files: &[("/usr/local/apache2/htdocs/index.html", "<html><body><h1>It works!</h1></body></html>\n")],
    },
    CatalogImage {
        name: "redis",
        tags: &["latest", "8", "8.2"],
        entrypoint: Some(&["docker-entrypoint.sh"]),
        cmd: Some(&["redis-server"]),
        env: &[PATH_ENV, "REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-8.2.3.tar.gz"],
        exposed_ports: &["6379/tcp"],
        volumes: &["/data"],
        working_dir: "/data",
        stop_signal: None,
        size: 137_000_000,
        layers: 8,
        userland: Userland::Debian,
        files: &[],
    },
    CatalogImage {
        name: "postgres",
        tags: &["latest", "18", "18.1"],
        entrypoint: Some(&["docker-entrypoint.sh"]),
        cmd: Some(&["postgres"]),
        env: &["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/18/bin", "GOSU_VERSION=1.19", "LANG=en_US.utf8", "PG_MAJOR=18", "PG_VERSION=18.1-1.pgdg13+2", "PGDATA=/var/lib/postgresql/18/docker"],
        exposed_ports: &["5432/tcp"],
        volumes: &["/var/lib/postgresql"],
        working_dir: "",
        stop_signal: Some("SIGINT"),
        size: 456_000_000,
        layers: 14,
        userland: Userland::Debian,
        files: &[],
    },
    CatalogImage {
        name: "mysql",
        tags: &["latest", "9", "9.5"],
        entrypoint: Some(&["docker-entrypoint.sh"]),
        cmd: Some(&["mysqld"]),
        env: &[PATH_ENV, "GOSU_VERSION=1.19", "MYSQL_MAJOR=innovation", "MYSQL_VERSION=9.5.0-1.el9", "MYSQL_SHELL_VERSION=9.5.0-1.el9"],
        exposed_ports: &["3306/tcp", "33060/tcp"],
        volumes: &["/var/lib/mysql"],
        working_dir: "",
        stop_signal: None,
        size: 922_000_000,
        layers: 11,
        userland: Userland::Debian,
        files: &[],
    },
    CatalogImage {
        name: "python",
        tags: &["latest", "3.13", "3", "3.13.9"],
        entrypoint: None,
        cmd: Some(&["python3"]),
        env: &[PATH_ENV, "LANG=C.UTF-8", "GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305", "PYTHON_VERSION=3.13.9", "PYTHON_SHA256=ed5ef34cda36cfa2f3a340f07cac7e7814f91c7f3c411f6d3562323a866c5c66"],
        exposed_ports: &[],
        volumes: &[],
        working_dir: "",
        stop_signal: None,
        size: 1_120_000_000,
        layers: 7,
        userland: Userland::Debian,
        files: &[],
    },
    CatalogImage {
        name: "node",
        tags: &["latest", "24", "lts", "24.11.1"],
        entrypoint: Some(&["docker-entrypoint.sh"]),
        cmd: Some(&["node"]),
        env: &[PATH_ENV, "NODE_VERSION=24.11.1", "YARN_VERSION=1.22.22"],
        exposed_ports: &[],
        volumes: &[],
        working_dir: "",
        stop_signal: None,
        size: 1_130_000_000,
        layers: 10,
        userland: Userland::Debian,
        files: &[],
    },
    CatalogImage {
        name: "golang",
        tags: &["latest", "1.25", "1"],
        entrypoint: None,
        cmd: Some(&["bash"]),
        env: &["PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOLANG_VERSION=1.25.4", "GOTOOLCHAIN=local", "GOPATH=/go"],
        exposed_ports: &[],
        volumes: &[],
        working_dir: "/go",
        stop_signal: None,
        size: 880_000_000,
        layers: 7,
        userland: Userland::Debian,
        files: &[],
    },
    CatalogImage {
        name: "registry",
        tags: &["latest", "2", "3"],
        entrypoint: Some(&["/entrypoint.sh"]),
        cmd: Some(&["/etc/distribution/config.yml"]),
        env: &["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "OTEL_TRACES_EXPORTER=none"],
        exposed_ports: &["5000/tcp"],
        volumes: &["/var/lib/registry"],
        working_dir: "",
        stop_signal: None,
        size: 57_700_000,
        layers: 5,
        userland: Userland::Busybox,
        files: &[],
    },
    CatalogImage {
        name: "ruby",
        tags: &["latest", "3.4", "3"],
        entrypoint: None,
        cmd: Some(&["irb"]),
        env: &["PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "RUBY_VERSION=3.4.7", "GEM_HOME=/usr/local/bundle", "BUNDLE_SILENCE_ROOT_WARNING=1", "BUNDLE_APP_CONFIG=/usr/local/bundle"],
        exposed_ports: &[],
        volumes: &[],
        working_dir: "",
        stop_signal: None,
        size: 1_010_000_000,
        layers: 8,
        userland: Userland::Debian,
        files: &[],
    },
];

/// The catalogue entry a reference names on Docker Hub, if any.
pub fn find(reference: &Reference) -> Option<&'static CatalogImage> {
    if reference.registry != "docker.io" {
        return None;
    }
    let name = reference.path.strip_prefix("library/")?;
    CATALOG.iter().find(|image| {
        image.name == name
            && match &reference.digest {
                Some(digest) => image.digest() == *digest,
                None => image.tags.contains(&reference.tag.as_str()),
            }
    })
}

/// The catalogue entry a repository (`library/nginx` on Docker Hub) holds, whatever its tag.
pub fn find_repository(reference: &Reference) -> Option<&'static CatalogImage> {
    let name = reference.path.strip_prefix("library/").filter(|_| reference.registry == "docker.io")?;
    CATALOG.iter().find(|image| image.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_normalise_like_docker() {
        let check = |text: &str, registry: &str, path: &str, tag: &str, familiar: &str| {
            let reference = Reference::parse(text).unwrap();
            assert_eq!((reference.registry.as_str(), reference.path.as_str(), reference.tag.as_str()), (registry, path, tag), "{text}");
            assert_eq!(reference.familiar(), familiar);
        };
        check("nginx", "docker.io", "library/nginx", "latest", "nginx:latest");
        check("nginx:1.29", "docker.io", "library/nginx", "1.29", "nginx:1.29");
        check("learner/app:v2", "docker.io", "learner/app", "v2", "learner/app:v2");
        check("localhost:5000/app", "localhost:5000", "app", "latest", "localhost:5000/app:latest");
        check("docker.io/library/redis:8", "docker.io", "library/redis", "8", "redis:8");
        assert_eq!(Reference::parse("Nginx").unwrap_err(), "invalid reference format: repository name (Nginx) must be lowercase");
        assert!(Reference::parse("nginx:").is_err());
        assert!(Reference::parse("bad name").is_err());
        assert_eq!(Reference::parse("alpine@sha256:abc").unwrap_err(), "invalid reference format");
        let digest = format!("sha256:{}", "a".repeat(64));
        let pinned = Reference::parse_pullable(&format!("alpine@{digest}")).unwrap();
        assert_eq!((pinned.familiar(), pinned.full()), (format!("alpine@{digest}"), format!("docker.io/library/alpine@{digest}")));
        assert_eq!(Reference::parse_pullable("alpine@sha256:abc").unwrap_err(), "invalid reference format");
        assert_eq!(Reference::parse_pullable("alpine:3.22").unwrap().familiar(), "alpine:3.22");
    }

    #[test]
    fn catalogue_digests_are_stable_and_distinct() {
        let alpine = find(&Reference::parse("alpine").unwrap()).unwrap();
        assert_eq!(alpine.digest(), find(&Reference::parse("alpine:3.22").unwrap()).unwrap().digest());
        assert_eq!(alpine.digest().len(), "sha256:".len() + 64);
        let digests: std::collections::BTreeSet<String> = CATALOG.iter().map(CatalogImage::digest).collect();
        assert_eq!(digests.len(), CATALOG.len());
        let pinned = Reference::parse_pullable(&format!("alpine@{}", alpine.digest())).unwrap();
        assert_eq!(find(&pinned).map(|image| image.name), Some("alpine"));
        let unknown = Reference::parse_pullable(&format!("alpine@sha256:{}", "0".repeat(64))).unwrap();
        assert!(find(&unknown).is_none());
    }

    #[test]
    fn the_catalogue_keeps_the_official_configuration() {
        let nginx = find(&Reference::parse("nginx").unwrap()).unwrap().config();
        assert_eq!(nginx.entrypoint.unwrap(), ["/docker-entrypoint.sh"]);
        assert_eq!(nginx.cmd.unwrap(), ["nginx", "-g", "daemon off;"]);
        assert_eq!(nginx.stop_signal.as_deref(), Some("SIGQUIT"));
        assert!(find(&Reference::parse("nginx:0.1").unwrap()).is_none());
        assert!(find(&Reference::parse("doesnotexist").unwrap()).is_none());
    }
}
