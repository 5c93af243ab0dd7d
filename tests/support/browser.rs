//! The end-to-end harness shared by tests/e2e.rs and benches/first_visit.rs: the built site
//! behind nginx with the project's own config, and headless Chromium driven by chromedriver.

#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value as Json, json};

/// The project's root.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where tests leave screenshots and console logs.
pub fn output_dir() -> PathBuf {
    let dir = project_root().join("target/test-output/e2e");
    std::fs::create_dir_all(&dir).expect("the test output folder can be made");
    dir
}

/// A site built by scripts/build for the e2e run: `target/e2e/<name>`.
pub fn built_site(name: &str) -> PathBuf {
    let dir = project_root().join("target/e2e").join(name);
    assert!(dir.join("index.html").is_file(), "{} has no build: run scripts/test, which builds the sites first", dir.display());
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port()
}

fn wait_for_port(port: u16, what: &str, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited early with {status}");
        }
        assert!(Instant::now() < deadline, "{what} did not listen on port {port} within 20 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A folder under target/ that nginx's workers (which may run as `nobody`) can read.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = project_root().join("target/e2e-run").join(format!("{name}-{}-{}", std::process::id(), free_port()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// nginx serving a built site under a public path, with deploy/nginx's configuration.
pub struct Nginx {
    child: Child,
    pub port: u16,
    /// The folder nginx serves as its root; the site sits at `<root><base>`.
    pub root: PathBuf,
    dir: PathBuf,
}

impl Nginx {
    /// Serves `site` (a dist/ folder built for `base`, such as `/` or `/some/path/`).
    pub fn start(site: &Path, base: &str) -> Nginx {
        let dir = scratch_dir("nginx");
        let root = dir.join("html");
        copy_dir(site, &root.join(base.trim_matches('/')));
        let conf_dir = dir.join("conf");
        copy_dir(&project_root().join("deploy/nginx"), &conf_dir.join("dockside"));
        let port = free_port();

        // deploy/nginx/nginx.conf, with only the machine-specific lines changed. Each
        // replacement must apply, so that this stays the file that production runs.
        let mut config = std::fs::read_to_string(project_root().join("deploy/nginx/nginx.conf")).unwrap();
        let replacements = [
            ("pid /run/nginx.pid;", format!("pid {};", dir.join("nginx.pid").display())),
            ("access_log /dev/stdout;", format!("access_log {};", dir.join("access.log").display())),
            ("listen 80;", format!("listen 127.0.0.1:{port};")),
            ("listen [::]:80;", String::new()),
            ("root /usr/share/nginx/html;", format!("root {};", root.display())),
            ("set $dockside_base /;", format!("set $dockside_base {base};")),
            ("include /etc/nginx/dockside/dockside.conf;", "include dockside/dockside.conf;".to_string()),
        ];
        for (from, to) in replacements {
            assert!(config.contains(from), "deploy/nginx/nginx.conf no longer has `{from}`: update the e2e harness");
            config = config.replace(from, &to);
        }
        std::fs::write(conf_dir.join("nginx.conf"), config).unwrap();
        for sub in ["logs", "client_body_temp", "proxy_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        let mut child = Command::new("nginx")
            .arg("-p")
            .arg(&dir)
            .args(["-c", "conf/nginx.conf", "-e", "stderr", "-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx starts (scripts/setup installs it)");
        wait_for_port(port, "nginx", &mut child);
        Nginx { child, port, root, dir }
    }

    /// The URL of a path under the server, such as `/some/path/lessons/x`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// A raw HTTP GET, returning the status line, the headers (lowercased names) and the body.
    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, Vec<u8>) {
        use std::io::{Read, Write};
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|window| window == b"\r\n\r\n").expect("a complete response");
        let head = String::from_utf8_lossy(&response[..split]).to_string();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        (status, headers, response[split + 4..].to_vec())
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its workers; SIGKILL would orphan them.
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Headless Chromium behind its own chromedriver, with a fresh profile (a cold cache).
pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

impl Browser {
    pub async fn start() -> Browser {
        let port = free_port();
        let mut driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts (scripts/setup installs chromium-driver)");
        wait_for_port(port, "chromedriver", &mut driver);
        let profile = scratch_dir("chromium-profile");
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let capabilities = match capabilities {
            Json::Object(map) => map,
            _ => unreachable!(),
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session");
        Browser { client, driver, profile }
    }

    /// Ends the session and the driver.
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }

    /// The browser's console since the last call: (level, message) pairs. Page errors and
    /// Content-Security-Policy violations arrive here as SEVERE.
    pub async fn console(&self) -> Vec<(String, String)> {
        let entries = self.client.issue_cmd(BrowserLog).await.expect("the browser log");
        entries
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|entry| (entry["level"].as_str().unwrap_or("").to_string(), entry["message"].as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits until an element matching `css` has text containing `needle`; returns its text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> Result<String, String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        loop {
            if let Ok(elements) = self.client.find_all(Locator::Css(css)).await {
                for element in elements {
                    if let Ok(text) = element.text().await {
                        if text.contains(needle) {
                            return Ok(text);
                        }
                        last = text;
                    }
                }
            }
            if Instant::now() > deadline {
                return Err(format!("no `{css}` containing {needle:?} within 15 s (last text: {last:?})"));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Runs axe-core (from tools/node_modules) on the page; returns the serious and critical
    /// violations, one line each.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe_path = project_root().join("tools/node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&axe_path).unwrap_or_else(|error| panic!("{}: {error} (run scripts/setup)", axe_path.display()));
        self.client.execute(&format!("{axe}\n;return true;"), vec![]).await.expect("axe-core loads into the page");
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ["violations"] })
              .then(results => done(results.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(" ")).join(", ")})`)))
              .catch(error => done([`axe failed: ${error}`]));
        "#;
        let result = self.client.execute_async(script, vec![]).await.expect("axe runs");
        result.as_array().map(|items| items.iter().filter_map(|item| item.as_str().map(String::from)).collect()).unwrap_or_default()
    }

    /// Saves a screenshot and the console log as `<name>.png` and `<name>.log` in the output folder.
    pub async fn save_evidence(&self, name: &str, console: &[(String, String)]) -> PathBuf {
        let dir = output_dir();
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
        let mut log: Vec<String> = console.iter().map(|(level, message)| format!("{level} {message}")).collect();
        log.extend(self.console().await.into_iter().map(|(level, message)| format!("{level} {message}")));
        if let Ok(url) = self.client.current_url().await {
            log.insert(0, format!("url: {url}"));
        }
        let _ = std::fs::write(dir.join(format!("{name}.log")), log.join("\n") + "\n");
        dir
    }
}

/// chromedriver's `POST /session/{id}/se/log` for the `browser` log, which fantoccini has no
/// method for.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// WebDriver's Get Computed Label and Get Computed Role: what assistive technology is told
/// about an element. `property` is `computedlabel` or `computedrole`.
#[derive(Debug)]
pub struct Computed {
    pub element: String,
    pub property: &'static str,
}

impl WebDriverCompatibleCommand for Computed {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/element/{}/{}", session_id.unwrap_or_default(), self.element, self.property))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::GET, None)
    }
}

impl Browser {
    /// The first element whose computed role is `role` and whose accessible name contains
    /// `name`, found the way assistive technology would find it.
    pub async fn find_by_role(&self, css: &str, role: &str, name: &str) -> Result<fantoccini::elements::Element, String> {
        let elements = self.client.find_all(Locator::Css(css)).await.map_err(|error| error.to_string())?;
        let mut seen = Vec::new();
        for element in elements {
            let id = element.element_id().to_string();
            let computed_role = self.client.issue_cmd(Computed { element: id.clone(), property: "computedrole" }).await.map_err(|error| error.to_string())?;
            let label = self.client.issue_cmd(Computed { element: id, property: "computedlabel" }).await.map_err(|error| error.to_string())?;
            let (computed_role, label) = (computed_role.as_str().unwrap_or("").to_string(), label.as_str().unwrap_or("").to_string());
            if computed_role == role && label.contains(name) {
                return Ok(element);
            }
            seen.push(format!("{computed_role} {label:?}"));
        }
        Err(format!("no `{css}` with role {role} named like {name:?}; saw {seen:?}"))
    }
}

/// Chromium's DevTools command through chromedriver (`goog/cdp/execute`), for what WebDriver
/// cannot do, such as running a script in every new document before the page's own.
#[derive(Debug)]
pub struct DevTools {
    pub method: &'static str,
    pub params: Json,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.method, "params": self.params }).to_string()))
    }
}
