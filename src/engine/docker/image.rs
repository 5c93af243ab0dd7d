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
    /// `docker history`'s rows, oldest first: (CREATED BY, size). The layers' sizes add up
    /// to `size`.
    pub history: &'static [(&'static str, u64)],
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

    /// The history as the local store keeps it.
    pub fn history(&self) -> Vec<(String, u64)> {
        self.history.iter().map(|(created_by, size)| (created_by.to_string(), *size)).collect()
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

// The layer histories, as `docker history` shows the official images (oldest first). The
// instructions are those of the images' Dockerfiles (see CATALOG's sources), in the form
// BuildKit records them (`RUN /bin/sh -c … # buildkit`, `CMD ["a" "b"]`, `EXPOSE map[80/tcp:{}]`,
// moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go` commitToHistory); the long
// RUN lines are shortened. Debian's rootfs is one debuerreotype row (UNVERIFIED: its exact
// epoch), Ubuntu's is built by the legacy builder (`/bin/sh -c #(nop) …`). The sizes are
// plausible splits of each image's size: the biggest layer takes what the others leave, and
// images on one base share that base's row and size, as real layers are shared.
const ALPINE_HISTORY: &[(&str, u64)] = &[
    ("ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit", 8310000),
    ("CMD [\"/bin/sh\"]", 0),
];

const BUSYBOX_HISTORY: &[(&str, u64)] = &[
    ("ADD busybox.tar.xz / # buildkit", 4420000),
    ("CMD [\"sh\"]", 0),
];

const DEBIAN_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 120000000),
];

const UBUNTU_HISTORY: &[(&str, u64)] = &[
    ("/bin/sh -c #(nop)  ARG RELEASE", 0),
    ("/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH", 0),
    ("/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu", 0),
    ("/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=24.04", 0),
    ("/bin/sh -c #(nop) ADD file:6089c6bede9eca8ec7c0e6d7e6b8ce3a2a1c4a3cb1f0ee8b1b1d2e7a3e5f0c1d in / ", 78100000),
    ("/bin/sh -c #(nop)  CMD [\"/bin/bash\"]", 0),
];

const NGINX_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 78600000),
    ("LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>", 0),
    ("ENV NGINX_VERSION=1.29.3", 0),
    ("ENV NJS_VERSION=0.9.4", 0),
    ("ENV NJS_RELEASE=1~trixie", 0),
    ("ENV PKG_RELEASE=1~trixie", 0),
    ("ENV DYNPKG_RELEASE=1~trixie", 0),
    ("RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment \"nginx user\" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && apt-get install --no-install-recommends --no-install-suggests -y $nginxPackages gettext-base curl     && apt-get remove --purge --auto-remove -y && rm -rf /var/lib/apt/lists/* /etc/apt/sources.list.d/nginx.list     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d # buildkit", 113388091),
    ("COPY docker-entrypoint.sh / # buildkit", 1620),
    ("COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit", 2120),
    ("COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit", 389),
    ("COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit", 3020),
    ("COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit", 4760),
    ("ENTRYPOINT [\"/docker-entrypoint.sh\"]", 0),
    ("EXPOSE map[80/tcp:{}]", 0),
    ("STOPSIGNAL SIGQUIT", 0),
    ("CMD [\"nginx\" \"-g\" \"daemon off;\"]", 0),
];

const HTTPD_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 78600000),
    ("ENV HTTPD_PREFIX=/usr/local/apache2", 0),
    ("ENV PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 0),
    ("RUN /bin/sh -c mkdir -p \"$HTTPD_PREFIX\" \t&& chown www-data:www-data \"$HTTPD_PREFIX\" # buildkit", 0),
    ("WORKDIR /usr/local/apache2", 0),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tlibaprutil1-ldap \t\tlibldap-common \t; \trm -rf /var/lib/apt/lists/* # buildkit", 5600000),
    ("ENV HTTPD_VERSION=2.4.65", 0),
    ("ENV HTTPD_SHA256=58b8be97d9940ec17f7656c0c6b9f41b618aac468b894b534148e3296c53b8b3", 0),
    ("ENV HTTPD_PATCHES=", 0),
    ("RUN /bin/sh -c set -eux; \t\tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tbzip2 \t\tdpkg-dev \t\tgcc \t\tlibapr1-dev \t\tlibaprutil1-dev \t\tlibbrotli-dev \t\tlibcurl4-openssl-dev \t\tlibjansson-dev \t\tliblua5.2-dev \t\tlibnghttp2-dev \t\tlibpcre2-dev \t\tlibssl-dev \t\tlibxml2-dev \t\tmake \t\twget \t\tzlib1g-dev \t; \t./configure --prefix=\"$HTTPD_PREFIX\" --enable-mods-shared=reallyall --enable-mpms-shared=all; \tmake -j \"$(nproc)\"; \tmake install; \thttpd -v # buildkit", 32799862),
    ("STOPSIGNAL SIGWINCH", 0),
    ("COPY httpd-foreground /usr/local/bin/ # buildkit", 138),
    ("EXPOSE map[80/tcp:{}]", 0),
    ("CMD [\"httpd-foreground\"]", 0),
];

const REDIS_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 78600000),
    ("RUN /bin/sh -c set -eux; \tgroupadd -r -g 999 redis; \tuseradd -r -g redis -u 999 redis # buildkit", 4180),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\ttzdata \t; \trm -rf /var/lib/apt/lists/* # buildkit", 1300000),
    ("ENV GOSU_VERSION=1.19", 0),
    ("RUN /bin/sh -c set -eux; \tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends ca-certificates gnupg wget; \twget -O /usr/local/bin/gosu \"https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch\"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true # buildkit", 4350000),
    ("ENV REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-8.2.3.tar.gz", 0),
    ("ENV REDIS_DOWNLOAD_SHA=d88f2cf91c09b9a1e9d7d4d4bc01fbd1b8d19ba7c3a3bd1ba2d4ca8ff8e2ac63", 0),
    ("RUN /bin/sh -c set -eux; \t\tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\twget \t\tdpkg-dev \t\tgcc \t\tg++ \t\tlibc6-dev \t\tlibssl-dev \t\tmake \t\tgit \t\tcmake \t\tpython3 \t; \twget -O redis.tar.gz \"$REDIS_DOWNLOAD_URL\"; \tmkdir -p /usr/src/redis; \ttar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1; \tmake -C /usr/src/redis -j \"$(nproc)\" all; \tmake -C /usr/src/redis install; \tredis-cli --version; \tredis-server --version # buildkit", 52743350),
    ("RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit", 0),
    ("VOLUME [/data]", 0),
    ("WORKDIR /data", 0),
    ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 2470),
    ("ENTRYPOINT [\"docker-entrypoint.sh\"]", 0),
    ("EXPOSE map[6379/tcp:{}]", 0),
    ("CMD [\"redis-server\"]", 0),
];

const POSTGRES_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 78600000),
    ("RUN /bin/sh -c set -eux; \tgroupadd -r postgres --gid=999; \tuseradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; \tinstall --verbose --directory --owner postgres --group postgres --mode 1777 /var/lib/postgresql # buildkit", 4110),
    ("RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgnupg \t\tless \t; \trm -rf /var/lib/apt/lists/* # buildkit", 10200000),
    ("ENV GOSU_VERSION=1.19", 0),
    ("RUN /bin/sh -c set -eux; \tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends ca-certificates wget; \twget -O /usr/local/bin/gosu \"https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch\"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true # buildkit", 4350000),
    ("RUN /bin/sh -c set -eux; \tif [ -f /etc/dpkg/dpkg.cfg.d/docker ]; then \t\tgrep -q '/usr/share/locale' /etc/dpkg/dpkg.cfg.d/docker; \t\tsed -ri '/\\/usr\\/share\\/locale/d' /etc/dpkg/dpkg.cfg.d/docker; \tfi; \tapt-get update; apt-get install -y --no-install-recommends locales; rm -rf /var/lib/apt/lists/*; \techo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen; \tlocale-gen; \tlocale -a | grep 'en_US.utf8' # buildkit", 24600000),
    ("ENV LANG=en_US.utf8", 0),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibnss-wrapper \t\txz-utils \t\tzstd \t; \trm -rf /var/lib/apt/lists/* # buildkit", 1900000),
    ("RUN /bin/sh -c mkdir /docker-entrypoint-initdb.d # buildkit", 0),
    ("RUN /bin/sh -c set -ex; \tkey='B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8'; \texport GNUPGHOME=\"$(mktemp -d)\"; \tmkdir -p /usr/local/share/keyrings/; \tgpg --batch --keyserver keyserver.ubuntu.com --recv-keys \"$key\"; \tgpg --batch --export --armor \"$key\" > /usr/local/share/keyrings/postgres.gpg.asc; \tgpgconf --kill all; \trm -rf \"$GNUPGHOME\" # buildkit", 4930),
    ("ENV PG_MAJOR=18", 0),
    ("ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/18/bin", 0),
    ("ENV PG_VERSION=18.1-1.pgdg13+2", 0),
    ("RUN /bin/sh -c set -ex; \t\texport PYTHONDONTWRITEBYTECODE=1; \t\tdpkgArch=\"$(dpkg --print-architecture)\"; \taptRepo=\"[ signed-by=/usr/local/share/keyrings/postgres.gpg.asc ] http://apt.postgresql.org/pub/repos/apt trixie-pgdg main $PG_MAJOR\"; \techo \"deb $aptRepo\" > /etc/apt/sources.list.d/pgdg.list; \tapt-get update; \t\tapt-get install -y --no-install-recommends \t\t\"postgresql-$PG_MAJOR=$PG_VERSION\" \t; \t\trm -rf /var/lib/apt/lists/*; \t\tpostgres --version # buildkit", 336290759),
    ("RUN /bin/sh -c set -eux; \tdpkg-divert --add --rename --divert \"/usr/share/postgresql/postgresql.conf.sample.dpkg\" \"/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample\"; \tcp -v /usr/share/postgresql/postgresql.conf.sample.dpkg /usr/share/postgresql/postgresql.conf.sample; \tln -sv ../postgresql.conf.sample \"/usr/share/postgresql/$PG_MAJOR/\"; \tsed -ri \"s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = '*'!\" /usr/share/postgresql/postgresql.conf.sample; \tgrep -F \"listen_addresses = '*'\" /usr/share/postgresql/postgresql.conf.sample # buildkit", 32100),
    ("RUN /bin/sh -c install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql # buildkit", 0),
    ("ENV PGDATA=/var/lib/postgresql/18/docker", 0),
    ("RUN /bin/sh -c ln -svT . /var/lib/postgresql/data # buildkit", 1),
    ("VOLUME [/var/lib/postgresql]", 0),
    ("COPY docker-ensure-initdb.sh docker-entrypoint.sh /usr/local/bin/ # buildkit", 18100),
    ("RUN /bin/sh -c ln -sT docker-ensure-initdb.sh /usr/local/bin/docker-enforce-initdb.sh # buildkit", 0),
    ("ENTRYPOINT [\"docker-entrypoint.sh\"]", 0),
    ("STOPSIGNAL SIGINT", 0),
    ("EXPOSE map[5432/tcp:{}]", 0),
    ("CMD [\"postgres\"]", 0),
];

const MYSQL_HISTORY: &[(&str, u64)] = &[
    ("ADD oraclelinux-9-slim-amd64-rootfs.tar.xz / # buildkit", 113000000),
    ("CMD [\"/bin/bash\"]", 0),
    ("RUN /bin/sh -c set -eux; \tgroupadd --system --gid 999 mysql; \tuseradd --system --uid 999 --gid 999 --home-dir /var/lib/mysql --no-create-home mysql # buildkit", 2780),
    ("ENV GOSU_VERSION=1.19", 0),
    ("RUN /bin/sh -c set -eux; \tarch=\"$(uname -m)\"; \tcase \"$arch\" in \t\taarch64) gosuArch='arm64' ;; \t\tx86_64) gosuArch='amd64' ;; \t\t*) echo >&2 \"error: unsupported architecture: '$arch'\"; exit 1 ;; \tesac; \tcurl -fL -o /usr/local/bin/gosu \"https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$gosuArch\"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true # buildkit", 2590000),
    ("RUN /bin/sh -c set -eux; \tmicrodnf install -y \t\tbzip2 \t\tgzip \t\topenssl \t\txz \t\tzstd \t\tfindutils \t; \tmicrodnf clean all # buildkit", 15300000),
    ("RUN /bin/sh -c set -eux; \tkey='BCA43417C3B485DD128EC6D4B7B3B788A8D3785C'; \texport GNUPGHOME=\"$(mktemp -d)\"; \tgpg --batch --keyserver keyserver.ubuntu.com --recv-keys \"$key\"; \tgpg --batch --export --armor \"$key\" > /etc/pki/rpm-gpg/RPM-GPG-KEY-mysql; \trm -rf \"$GNUPGHOME\" # buildkit", 3300),
    ("ENV MYSQL_MAJOR=innovation", 0),
    ("ENV MYSQL_VERSION=9.5.0-1.el9", 0),
    ("RUN /bin/sh -c set -eu; \t{ \t\techo '[mysql-innovation-server-minimal]'; \t\techo 'name=MySQL innovation Server Minimal'; \t\techo 'enabled=1'; \t\techo 'baseurl=https://repo.mysql.com/yum/mysql-innovation-community/docker/el/9/$basearch/'; \t\techo 'gpgcheck=1'; \t\techo 'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-mysql'; \t\techo 'module_hotfixes=true'; \t} | tee /etc/yum.repos.d/mysql-community-minimal.repo # buildkit", 230),
    ("RUN /bin/sh -c set -eux; \tmicrodnf install -y \"mysql-community-server-minimal-$MYSQL_VERSION\"; \tmicrodnf clean all; \tgrep -F 'socket=/var/lib/mysql/mysql.sock' /etc/my.cnf; \tsed -i 's!^socket=.*!socket=/var/run/mysqld/mysqld.sock!' /etc/my.cnf; \tmkdir -p /var/lib/mysql /var/run/mysqld; \tchown mysql:mysql /var/lib/mysql /var/run/mysqld; \tchmod 1777 /var/lib/mysql /var/run/mysqld; \tmkdir /docker-entrypoint-initdb.d; \tmysqld --version; \tmysql --version # buildkit", 430086271),
    ("RUN /bin/sh -c set -eu; \t{ \t\techo '[mysql-tools-community]'; \t\techo 'name=MySQL Tools Community'; \t\techo 'baseurl=https://repo.mysql.com/yum/mysql-tools-innovation-community/el/9/$basearch/'; \t\techo 'enabled=1'; \t\techo 'gpgcheck=1'; \t\techo 'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-mysql'; \t\techo 'module_hotfixes=true'; \t} | tee /etc/yum.repos.d/mysql-community-tools.repo # buildkit", 219),
    ("ENV MYSQL_SHELL_VERSION=9.5.0-1.el9", 0),
    ("RUN /bin/sh -c set -eux; \tmicrodnf install -y \"mysql-shell-$MYSQL_SHELL_VERSION\"; \tmicrodnf clean all; \t\tmysqlsh --version # buildkit", 361000000),
    ("VOLUME [/var/lib/mysql]", 0),
    ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 17200),
    ("ENTRYPOINT [\"docker-entrypoint.sh\"]", 0),
    ("EXPOSE map[3306/tcp:{} 33060/tcp:{}]", 0),
    ("CMD [\"mysqld\"]", 0),
];

const PYTHON_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 120000000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit", 25500000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit", 68400000),
    ("RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibdb-dev \t\tlibevent-dev \t\tlibffi-dev \t\tlibgdbm-dev \t\tlibglib2.0-dev \t\tlibgmp-dev \t\tlibjpeg-dev \t\tlibkrb5-dev \t\tliblzma-dev \t\tlibmagickcore-dev \t\tlibmagickwand-dev \t\tlibmaxminddb-dev \t\tlibncurses-dev \t\tlibpng-dev \t\tlibpq-dev \t\tlibreadline-dev \t\tlibsqlite3-dev \t\tlibssl-dev \t\tlibtool \t\tlibwebp-dev \t\tlibxml2-dev \t\tlibxslt-dev \t\tlibyaml-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit", 586000000),
    ("ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 0),
    ("ENV LANG=C.UTF-8", 0),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibbluetooth-dev \t\ttk-dev \t\tuuid-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit", 22100000),
    ("ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305", 0),
    ("ENV PYTHON_VERSION=3.13.9", 0),
    ("ENV PYTHON_SHA256=ed5ef34cda36cfa2f3a340f07cac7e7814f91c7f3c411f6d3562323a866c5c66", 0),
    ("RUN /bin/sh -c set -eux; \t\twget -O python.tar.xz \"https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz\"; \techo \"$PYTHON_SHA256 *python.tar.xz\" | sha256sum -c -; \tmkdir -p /usr/src/python; \ttar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz; \trm python.tar.xz; \t\tcd /usr/src/python; \t./configure \t\t--build=\"$gnuArch\" \t\t--enable-loadable-sqlite-extensions \t\t--enable-optimizations \t\t--enable-option-checking=fatal \t\t--enable-shared \t\t--with-lto \t\t--with-ensurepip \t; \tmake -j \"$nproc\"; \tmake install; \t\tldconfig; \t\tpython3 --version; \tpip3 --version # buildkit", 297999964),
    ("RUN /bin/sh -c set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst=\"$(echo \"$src\" | tr -d 3)\"; \t\t[ -s \"/usr/local/bin/$src\" ]; \t\t[ ! -e \"/usr/local/bin/$dst\" ]; \t\tln -svT \"$src\" \"/usr/local/bin/$dst\"; \tdone # buildkit", 36),
    ("CMD [\"python3\"]", 0),
];

const NODE_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 120000000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit", 25500000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit", 68400000),
    ("RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibdb-dev \t\tlibevent-dev \t\tlibffi-dev \t\tlibgdbm-dev \t\tlibglib2.0-dev \t\tlibgmp-dev \t\tlibjpeg-dev \t\tlibkrb5-dev \t\tliblzma-dev \t\tlibmagickcore-dev \t\tlibmagickwand-dev \t\tlibmaxminddb-dev \t\tlibncurses-dev \t\tlibpng-dev \t\tlibpq-dev \t\tlibreadline-dev \t\tlibsqlite3-dev \t\tlibssl-dev \t\tlibtool \t\tlibwebp-dev \t\tlibxml2-dev \t\tlibxslt-dev \t\tlibyaml-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit", 586000000),
    ("RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit", 8940),
    ("ENV NODE_VERSION=24.11.1", 0),
    ("RUN /bin/sh -c ARCH= && dpkgArch=\"$(dpkg --print-architecture)\"   && case \"${dpkgArch##*-}\" in     amd64) ARCH='x64';;     arm64) ARCH='arm64';;     *) echo \"unsupported architecture\"; exit 1 ;;   esac   && curl -fsSLO --compressed \"https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz\"   && tar -xJf \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\" -C /usr/local --strip-components=1 --no-same-owner   && rm \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\"   && ln -s /usr/local/bin/node /usr/local/bin/nodejs   && node --version   && npm --version # buildkit", 324750672),
    ("ENV YARN_VERSION=1.22.22", 0),
    ("RUN /bin/sh -c set -ex   && export GNUPGHOME=\"$(mktemp -d)\"   && curl -fsSLO --compressed \"https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz\"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && rm yarn-v$YARN_VERSION.tar.gz   && yarn --version # buildkit", 5340000),
    ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 388),
    ("ENTRYPOINT [\"docker-entrypoint.sh\"]", 0),
    ("CMD [\"node\"]", 0),
];

const GOLANG_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 120000000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit", 25500000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit", 68400000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tg++ \t\tgcc \t\tlibc6-dev \t\tmake \t\tpkg-config \t; \trm -rf /var/lib/apt/lists/* # buildkit", 235000000),
    ("ENV GOLANG_VERSION=1.25.4", 0),
    ("ENV GOTOOLCHAIN=local", 0),
    ("ENV GOPATH=/go", 0),
    ("ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 0),
    ("COPY /target/ / # buildkit", 431100000),
    ("RUN /bin/sh -c mkdir -p \"$GOPATH/src\" \"$GOPATH/bin\" && chmod -R 1777 \"$GOPATH\" # buildkit", 0),
    ("WORKDIR /go", 0),
];

const REGISTRY_HISTORY: &[(&str, u64)] = &[
    ("ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit", 8310000),
    ("CMD [\"/bin/sh\"]", 0),
    ("RUN /bin/sh -c set -eux; \tversion='3.0.0'; \tapkArch=\"$(apk --print-arch)\"; \tcase \"$apkArch\" in \t\tx86_64)  arch='amd64';   sha256='61c9a2c0d5981a78482025b6b69728521fbc78506d68b223d4a2eb825de5ca3d' ;; \t\taarch64) arch='arm64';   sha256='2ac3ae4ab2d3b6b8e8a8e3d4b6c19a8fa1a7a3e0c9a4fe0e7a4e0c9f0b7a3e2b' ;; \t\t*) echo >&2 \"error: unsupported architecture: $apkArch\"; exit 1 ;; \tesac; \twget -O registry.tar.gz \"https://github.com/distribution/distribution/releases/download/v${version}/registry_${version}_linux_${arch}.tar.gz\"; \techo \"$sha256 *registry.tar.gz\" | sha256sum -c -; \ttar --extract --verbose --file registry.tar.gz --directory /bin/ registry; \trm registry.tar.gz; \tregistry --version # buildkit", 49389550),
    ("COPY ./config-example.yml /etc/distribution/config.yml # buildkit", 295),
    ("VOLUME [/var/lib/registry]", 0),
    ("EXPOSE map[5000/tcp:{}]", 0),
    ("COPY docker-entrypoint.sh /entrypoint.sh # buildkit", 155),
    ("ENTRYPOINT [\"/entrypoint.sh\"]", 0),
    ("CMD [\"/etc/distribution/config.yml\"]", 0),
];

const RUBY_HISTORY: &[(&str, u64)] = &[
    ("# debian.sh --arch 'amd64' out/ 'trixie' '@1762202650'", 120000000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit", 25500000),
    ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\tprocps \t; \trm -rf /var/lib/apt/lists/* # buildkit", 68400000),
    ("RUN /bin/sh -c set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibdb-dev \t\tlibevent-dev \t\tlibffi-dev \t\tlibgdbm-dev \t\tlibglib2.0-dev \t\tlibgmp-dev \t\tlibjpeg-dev \t\tlibkrb5-dev \t\tliblzma-dev \t\tlibmagickcore-dev \t\tlibmagickwand-dev \t\tlibmaxminddb-dev \t\tlibncurses-dev \t\tlibpng-dev \t\tlibpq-dev \t\tlibreadline-dev \t\tlibsqlite3-dev \t\tlibssl-dev \t\tlibtool \t\tlibwebp-dev \t\tlibxml2-dev \t\tlibxslt-dev \t\tlibyaml-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/* # buildkit", 586000000),
    ("RUN /bin/sh -c set -eux; \tmkdir -p /usr/local/etc; \t{ \t\techo 'install: --no-document'; \t\techo 'update: --no-document'; \t} >> /usr/local/etc/gemrc # buildkit", 45),
    ("ENV LANG=C.UTF-8", 0),
    ("ENV RUBY_VERSION=3.4.7", 0),
    ("ENV RUBY_DOWNLOAD_URL=https://cache.ruby-lang.org/pub/ruby/3.4/ruby-3.4.7.tar.xz", 0),
    ("RUN /bin/sh -c set -eux; \t\tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tbison \t\tdpkg-dev \t\tlibgdbm-dev \t\truby \t; \trm -rf /var/lib/apt/lists/*; \t\twget -O ruby.tar.xz \"$RUBY_DOWNLOAD_URL\"; \t\tmkdir -p /usr/src/ruby; \ttar -xJf ruby.tar.xz -C /usr/src/ruby --strip-components=1; \trm ruby.tar.xz; \t\tcd /usr/src/ruby; \t./configure --disable-install-doc --enable-shared; \tmake -j \"$(nproc)\"; \tmake install; \t\truby --version; \tgem --version; \tbundle --version # buildkit", 210099955),
    ("ENV GEM_HOME=/usr/local/bundle", 0),
    ("ENV BUNDLE_SILENCE_ROOT_WARNING=1 BUNDLE_APP_CONFIG=/usr/local/bundle", 0),
    ("ENV PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 0),
    ("RUN /bin/sh -c set -eux; \tmkdir \"$GEM_HOME\"; \tchmod 1777 \"$GEM_HOME\" # buildkit", 0),
    ("CMD [\"irb\"]", 0),
];

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
        history: ALPINE_HISTORY,
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
        history: BUSYBOX_HISTORY,
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
        history: DEBIAN_HISTORY,
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
        history: UBUNTU_HISTORY,
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
        history: NGINX_HISTORY,
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
        history: HTTPD_HISTORY,
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
        history: REDIS_HISTORY,
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
        history: POSTGRES_HISTORY,
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
        history: MYSQL_HISTORY,
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
        history: PYTHON_HISTORY,
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
        history: NODE_HISTORY,
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
        history: GOLANG_HISTORY,
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
        history: REGISTRY_HISTORY,
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
        history: RUBY_HISTORY,
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

/// Whether a history row made a layer (RUN, COPY, ADD, a rootfs) rather than set configuration.
pub fn is_layer(created_by: &str) -> bool {
    ["RUN ", "COPY ", "ADD ", "# debian.sh", "/bin/sh -c #(nop) ADD "].iter().any(|start| created_by.starts_with(start))
}

/// The COMMENT `docker history` shows for a row: BuildKit marks its own, debuerreotype its
/// rootfs, and the legacy builder and `docker commit` leave none.
pub fn history_comment(created_by: &str) -> &'static str {
    if created_by.starts_with("# debian.sh") {
        "debuerreotype 0.16"
    } else if created_by.starts_with("/bin/sh -c #(nop)") || created_by.ends_with("(commit)") {
        ""
    } else {
        "buildkit.dockerfile.v0"
    }
}

/// The short IDs (12 hex digits) that pull and push show for an image's layers: derived from
/// each layer's row and its place, so a layer is the same in every image that shares it.
pub fn layer_ids(history: &[(String, u64)]) -> Vec<String> {
    let mut chain = String::new();
    history
        .iter()
        .filter(|(created_by, _)| is_layer(created_by))
        .map(|(created_by, size)| {
            chain = super::builder::hex64(&["layer", &chain, created_by, &size.to_string()]);
            chain[..12].to_string()
        })
        .collect()
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
    fn catalogue_histories_add_up_to_the_image_size() {
        for image in CATALOG {
            assert_eq!(image.history.iter().map(|(_, size)| size).sum::<u64>(), image.size, "{}", image.name);
            assert!(image.history.iter().any(|(created_by, _)| is_layer(created_by)), "{}", image.name);
        }
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
