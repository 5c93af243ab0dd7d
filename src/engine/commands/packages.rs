//! Package managers inside images: apk (Alpine), apt-get (Debian), pip (Python), npm (Node).
//! They print what the real ones print in a build log, take simulated time, write files so
//! that layers have size, and make installed programs exist.

use super::Run;
use crate::engine::fs::Entry;

/// Programs that packages provide.
const PACKAGE_PROGRAMS: &[(&str, &[&str])] = &[
    ("curl", &["curl"]),
    ("bash", &["bash"]),
    ("git", &["git"]),
    ("wget", &["wget"]),
    ("python3", &["python3", "python"]),
    ("py3-pip", &["pip", "pip3"]),
    ("nodejs", &["node"]),
    ("npm", &["npm", "npx"]),
    ("jq", &["jq"]),
    ("procps", &["ps", "top"]),
    ("iputils-ping", &["ping"]),
    ("dnsutils", &["nslookup"]),
    ("bind-tools", &["nslookup"]),
    ("postgresql-client", &["psql"]),
    ("redis", &["redis-server", "redis-cli"]),
];

/// The commands that exist only inside images that carry them.
pub const IMAGE_ONLY: &[&str] = &["apk", "apt-get", "apt", "pip", "pip3", "npm"];

impl Run<'_> {
    fn install_programs(&mut self, packages: &[String]) {
        let Some(programs) = self.shell.programs.as_mut() else { return };
        for package in packages {
            if let Some((_, provided)) = PACKAGE_PROGRAMS.iter().find(|(name, _)| name == package) {
                for program in *provided {
                    if !programs.contains(program) {
                        programs.push(program);
                    }
                }
            }
        }
        let now = self.world.now;
        for package in packages {
            self.world.fs.put(&format!("/usr/share/doc/{package}/copyright"), Entry::file(&format!("{package}: installed by the simulated package manager\n"), 0o644, 0, 0, now));
        }
    }

    pub(super) fn apk(&mut self) -> i32 {
        let Some((sub, rest)) = self.args.split_first() else {
            self.io.err("usage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n");
            return 1;
        };
        let packages: Vec<String> = rest.iter().filter(|arg| !arg.starts_with('-')).cloned().collect();
        match sub.as_str() {
            "update" => {
                self.io.out("fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.22/community/x86_64/APKINDEX.tar.gz\nv3.22.2-11-g8a9b1b2c1a0 [https://dl-cdn.alpinelinux.org/alpine/v3.22/main]\nv3.22.2-12-g56d3a1cfd15 [https://dl-cdn.alpinelinux.org/alpine/v3.22/community]\nOK: 26326 distinct packages available\n");
                0
            }
            "add" => {
                let mut text = String::from("fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.22/community/x86_64/APKINDEX.tar.gz\n");
                for (index, package) in packages.iter().enumerate() {
                    text.push_str(&format!("({}/{}) Installing {package} (1.0.0-r0)\n", index + 1, packages.len()));
                }
                text.push_str(&format!("OK: {} MiB in {} packages\n", 8 + packages.len() * 3, 15 + packages.len()));
                self.io.out(text);
                self.install_programs(&packages);
                0
            }
            other => {
                self.io.err(format!("apk: unknown command '{other}'\n"));
                1
            }
        }
    }

    pub(super) fn apt_get(&mut self) -> i32 {
        let lists = "/var/lib/apt/lists/deb.debian.org_debian_dists_trixie_InRelease";
        let Some((sub, rest)) = self.args.iter().filter(|arg| !arg.starts_with('-')).cloned().collect::<Vec<_>>().split_first().map(|(sub, rest)| (sub.clone(), rest.to_vec())) else {
            self.io.err("E: Invalid operation\n");
            return 100;
        };
        match sub.as_str() {
            "update" => {
                let now = self.world.now;
                self.world.fs.put(lists, Entry::file("", 0o644, 0, 0, now));
                self.io.out("Get:1 http://deb.debian.org/debian trixie InRelease [140 kB]\nGet:2 http://deb.debian.org/debian trixie-updates InRelease [47.3 kB]\nGet:3 http://deb.debian.org/debian-security trixie-security InRelease [43.4 kB]\nGet:4 http://deb.debian.org/debian trixie/main amd64 Packages [9670 kB]\nFetched 9901 kB in 1s (8123 kB/s)\nReading package lists...\n");
                0
            }
            "install" => {
                // Official images ship with empty package lists: install before update fails.
                if self.world.fs.get(lists).is_none() {
                    self.io.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
                    self.io.err(format!("E: Unable to locate package {}\n", rest.first().cloned().unwrap_or_default()));
                    return 100;
                }
                let mut text = String::from("Reading package lists...\nBuilding dependency tree...\nReading state information...\nThe following NEW packages will be installed:\n");
                text.push_str(&format!("  {}\n", rest.join(" ")));
                text.push_str(&format!("0 upgraded, {} newly installed, 0 to remove and 0 not upgraded.\n", rest.len()));
                for package in &rest {
                    text.push_str(&format!("Setting up {package} (1.0.0-1) ...\n"));
                }
                self.io.out(text);
                self.install_programs(&rest);
                0
            }
            "clean" | "autoremove" | "upgrade" => 0,
            other => {
                self.io.err(format!("E: Invalid operation {other}\n"));
                100
            }
        }
    }

    pub(super) fn pip(&mut self) -> i32 {
        if self.args.first().map(String::as_str) != Some("install") {
            self.io.err("ERROR: unknown command\n");
            return 1;
        }
        let mut packages: Vec<(String, String)> = Vec::new();
        let mut args = self.args[1..].iter();
        while let Some(arg) = args.next() {
            if arg == "-r" || arg == "--requirement" {
                let Some(file) = args.next() else { continue };
                match self.world.fs.read(&self.shell.path(file), self.shell.user) {
                    Ok(text) => packages.extend(text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).map(|line| (line.to_string(), format!(" (from -r {file} (line {}))", 1 + text.lines().position(|l| l.trim() == line).unwrap_or(0))))),
                    Err(_) => {
                        self.io.err(format!("ERROR: Could not open requirements file: [Errno 2] No such file or directory: '{file}'\n"));
                        return 1;
                    }
                }
            } else if !arg.starts_with('-') {
                packages.push((arg.clone(), String::new()));
            }
        }
        let mut text = String::new();
        let mut installed = Vec::new();
        for (spec, origin) in &packages {
            let name = spec.split(['=', '<', '>', '~', '[', ' ']).next().unwrap_or(spec).to_ascii_lowercase();
            text.push_str(&format!("Collecting {spec}{origin}\n  Downloading {name}-1.0.0-py3-none-any.whl.metadata (3.2 kB)\nDownloading {name}-1.0.0-py3-none-any.whl (103 kB)\n"));
            installed.push(name);
        }
        if !installed.is_empty() {
            text.push_str(&format!("Installing collected packages: {}\nSuccessfully installed {}\n", installed.join(", "), installed.iter().map(|name| format!("{name}-1.0.0")).collect::<Vec<_>>().join(" ")));
        }
        let now = self.world.now;
        for name in &installed {
            self.world.fs.put(&format!("/usr/local/lib/python3.13/site-packages/{name}/__init__.py"), Entry::file(&format!("# {name}\n"), 0o644, 0, 0, now));
        }
        self.io.out(text);
        if self.shell.user.uid == 0 {
            self.io.err("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n");
        }
        0
    }

    pub(super) fn npm(&mut self) -> i32 {
        match self.args.first().map(String::as_str) {
            Some("install" | "i" | "ci") => {
                let manifest = self.shell.path("package.json");
                let Ok(text) = self.world.fs.read(&manifest, self.shell.user) else {
                    self.io.err(format!("npm error code ENOENT\nnpm error syscall open\nnpm error path {manifest}\nnpm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '{manifest}'\n"));
                    return 254;
                };
                let dependencies: Vec<String> = serde_json::from_str::<serde_json::Value>(&text).ok().and_then(|json| json.get("dependencies").and_then(|deps| deps.as_object()).map(|deps| deps.keys().cloned().collect())).unwrap_or_default();
                // npm writes as the user it runs as: under `--user` into a bind-mounted project the
                // files are the learner's, and into a directory root made they are refused.
                let now = self.world.now;
                let user = self.shell.user;
                for name in &dependencies {
                    let modules = self.shell.path("node_modules");
                    let package = format!("{modules}/{name}");
                    let mut failed = None;
                    for dir in [&modules, &package] {
                        match self.world.fs.mkdir(dir, user, now) {
                            Ok(()) | Err(crate::engine::fs::FsError::Exists) => {}
                            Err(_) => failed = failed.or(Some((dir.clone(), "mkdir"))),
                        }
                    }
                    let file = format!("{package}/package.json");
                    if failed.is_none() && self.world.fs.write(&file, &format!("{{\"name\":\"{name}\"}}\n"), false, user, now).is_err() {
                        failed = Some((file, "open"));
                    }
                    if let Some((path, syscall)) = failed {
                        self.io.err(format!("npm error code EACCES\nnpm error syscall {syscall}\nnpm error path {path}\nnpm error errno -13\nnpm error Error: EACCES: permission denied, {syscall} '{path}'\nnpm error\nnpm error The operation was rejected by your operating system.\nnpm error It is likely you do not have the permissions to access this file as the current user\n"));
                        return 243;
                    }
                }
                let count = dependencies.len() * 20 + usize::from(!dependencies.is_empty());
                self.io.out(format!("\nadded {count} packages, and audited {} packages in 2s\n\nfound 0 vulnerabilities\n", count + 1));
                0
            }
            _ => {
                self.io.err("npm error Unknown command\n");
                1
            }
        }
    }
}
