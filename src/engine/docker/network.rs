//! Networks: the default bridge, user-defined bridges with DNS by name and alias, `host` and
//! `none`; addresses; who can reach whom; and HTTP answers from the programs that serve it.
//!
//! The rules follow ../shared/reference/fidelity.md §3: on the default bridge containers
//! reach each other only by IP address; on a user-defined bridge they "can resolve each
//! other by name or alias"; published ports are reachable from the host.

/// A network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub id: String,
    pub name: String,
    /// `bridge`, `host` or `null`.
    pub driver: String,
    /// The first two octets of its /16 subnet, such as `172.18`.
    pub prefix: String,
    pub created: u64,
    /// The next host number to hand out (`.2` first; `.1` is the gateway).
    pub next_host: u32,
    pub internal: bool,
}

impl Network {
    pub fn subnet(&self) -> String {
        format!("{}.0.0/16", self.prefix)
    }

    pub fn gateway(&self) -> String {
        format!("{}.0.1", self.prefix)
    }

    /// Whether containers on it find each other by name (user-defined bridges only).
    pub fn has_dns(&self) -> bool {
        self.driver == "bridge" && self.name != "bridge"
    }

    /// The next free address.
    pub fn allocate(&mut self) -> String {
        let host = self.next_host;
        self.next_host += 1;
        format!("{}.{}.{}", self.prefix, host / 256, host % 256)
    }
}

/// A container's place on a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub network: String,
    /// Empty on `host` and `none`.
    pub ip: String,
    pub aliases: Vec<String>,
}

/// The networks every engine starts with.
pub fn defaults(ids: [String; 3], now: u64) -> Vec<Network> {
    let [bridge, host, none] = ids;
    vec![
        Network { id: bridge, name: "bridge".into(), driver: "bridge".into(), prefix: "172.17".into(), created: now, next_host: 2, internal: false },
        Network { id: host, name: "host".into(), driver: "host".into(), prefix: String::new(), created: now, next_host: 2, internal: false },
        Network { id: none, name: "none".into(), driver: "null".into(), prefix: String::new(), created: now, next_host: 2, internal: false },
    ]
}

/// What an HTTP request got back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Status code, reason, headers and body.
    Http { status: u16, reason: &'static str, headers: Vec<(String, String)>, body: String },
    /// Something listens but does not speak HTTP (redis, postgres): the connection closes.
    Empty,
    /// Nothing listens on that port.
    Refused,
}

/// The page nginx serves for a missing file.
pub const NGINX_404: &str = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.29.3</center>\r\n</body>\r\n</html>\r\n";

/// What one machine can see of the network: the other machines it can reach, by name and
/// address, and what listens on their ports. Taken before a command runs, so that commands
/// inside a container need not borrow the whole engine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Reachable machines, the viewer's own services under `localhost` first.
    pub machines: Vec<Machine>,
}

/// A reachable machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    /// Names that resolve to it from the viewer (empty where there is no DNS).
    pub names: Vec<String>,
    pub ip: String,
    pub services: Vec<(u16, Service)>,
}

/// What answers on a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Service {
    /// An HTTP server and the files it serves (relative to its document root).
    Files { server: &'static str, files: crate::engine::fs::Subtree },
    /// The registry (`registry:2`): its HTTP API over the repositories pushed to it, each
    /// with its tags.
    Registry { repositories: std::collections::BTreeMap<String, Vec<String>> },
    /// Listens, but does not speak HTTP.
    Other,
}

impl View {
    /// The machine a host name or address means, if the viewer can reach it.
    pub fn find(&self, host: &str) -> Option<&Machine> {
        self.machines.iter().find(|machine| machine.ip == host || machine.names.iter().any(|name| name == host))
    }

    /// An HTTP GET of `path` on `host:port`.
    pub fn get(&self, host: &str, port: u16, path: &str) -> Option<Reply> {
        let machine = self.find(host)?;
        let Some((_, service)) = machine.services.iter().find(|(listening, _)| *listening == port) else {
            return Some(Reply::Refused);
        };
        Some(match service {
            Service::Other => Reply::Empty,
            Service::Files { server, files } => serve(server, files, path),
            Service::Registry { repositories } => registry_api(repositories, path),
        })
    }
}

/// The registry's HTTP API (distribution registry/handlers): `GET /v2/` answers `{}`,
/// `/v2/_catalog` the repositories sorted, `/v2/<name>/tags/list` a repository's tags, and
/// a name it does not hold the NAME_UNKNOWN error (errcode ErrorCodeNameUnknown with the
/// name as detail, 404). Bodies are json.Encoder's, so each ends in a newline; a path no
/// route matches is Go's `404 page not found`.
fn registry_api(repositories: &std::collections::BTreeMap<String, Vec<String>>, path: &str) -> Reply {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let json = |status: u16, reason: &'static str, body: String| Reply::Http {
        status,
        reason,
        headers: vec![("Content-Type".into(), "application/json; charset=utf-8".into()), ("Docker-Distribution-Api-Version".into(), "registry/2.0".into()), ("X-Content-Type-Options".into(), "nosniff".into()), ("Content-Length".into(), body.len().to_string())],
        body,
    };
    let quoted = |text: &str| serde_json::Value::String(text.to_string()).to_string();
    if path == "/v2/" || path == "/v2" {
        return json(200, "OK", "{}".into());
    }
    if path == "/v2/_catalog" {
        let names: Vec<String> = repositories.keys().map(|name| quoted(name)).collect();
        return json(200, "OK", format!("{{\"repositories\":[{}]}}\n", names.join(",")));
    }
    if let Some(name) = path.strip_prefix("/v2/").and_then(|rest| rest.strip_suffix("/tags/list")) {
        return match repositories.get(name) {
            Some(tags) => {
                let mut tags = tags.clone();
                tags.sort();
                json(200, "OK", format!("{{\"name\":{},\"tags\":[{}]}}\n", quoted(name), tags.iter().map(|tag| quoted(tag)).collect::<Vec<_>>().join(",")))
            }
            None => json(404, "Not Found", format!("{{\"errors\":[{{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\",\"detail\":{{\"name\":{}}}}}]}}\n", quoted(name))),
        };
    }
    let body = "404 page not found\n".to_string();
    Reply::Http { status: 404, reason: "Not Found", headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into()), ("X-Content-Type-Options".into(), "nosniff".into()), ("Content-Length".into(), body.len().to_string())], body }
}

/// A static file server's answer for `path`.
fn serve(server: &'static str, files: &crate::engine::fs::Subtree, path: &str) -> Reply {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let wanted = if path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    let found = files.iter().find(|(relative, _)| *relative == wanted).or_else(|| files.iter().find(|(relative, _)| *relative == format!("{wanted}/index.html")));
    let server_header = match server {
        "nginx" => "nginx/1.29.3",
        "httpd" => "Apache/2.4.65 (Unix)",
        _ => "SimpleHTTP/0.6 Python/3.13.9",
    };
    match found.and_then(|(_, entry)| entry.contents()) {
        Some(body) => Reply::Http {
            status: 200,
            reason: "OK",
            headers: vec![("Server".into(), server_header.into()), ("Content-Type".into(), content_type(&wanted).into()), ("Content-Length".into(), body.len().to_string())],
            body: body.to_string(),
        },
        None if server == "python" && (path.ends_with('/') || path.is_empty()) => {
            // Python's http.server lists a directory without an index.html.
            let prefix = if path.ends_with('/') { path.to_string() } else { format!("{path}/") };
            let mut names: Vec<String> = files
                .iter()
                .filter_map(|(relative, entry)| relative.strip_prefix(&prefix).filter(|rest| !rest.is_empty() && !rest.contains('/')).map(|name| if entry.is_dir() { format!("{name}/") } else { name.to_string() }))
                .collect();
            names.sort();
            let items: String = names.iter().map(|name| format!("<li><a href=\"{name}\">{name}</a></li>\n")).collect();
            let body = format!("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Directory listing for {path}</title>\n</head>\n<body>\n<h1>Directory listing for {path}</h1>\n<hr>\n<ul>\n{items}</ul>\n<hr>\n</body>\n</html>\n");
            Reply::Http { status: 200, reason: "OK", headers: vec![("Server".into(), server_header.into()), ("Content-type".into(), "text/html; charset=utf-8".into()), ("Content-Length".into(), body.len().to_string())], body }
        }
        None => {
            let body = match server {
                "nginx" => NGINX_404.to_string(),
                "httpd" => "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n".to_string(),
                _ => "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n".to_string(),
            };
            Reply::Http { status: 404, reason: "Not Found", headers: vec![("Server".into(), server_header.into()), ("Content-Type".into(), "text/html".into()), ("Content-Length".into(), body.len().to_string())], body }
        }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html" | "htm") => "text/html",
        Some("css") => "text/css",
        Some("js") => "application/javascript",
        Some("json") => "application/json",
        Some("png") => "image/png",
        _ => "text/plain",
    }
}
