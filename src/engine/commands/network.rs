//! The network tools a tutorial types: curl (the host's, and the images that carry it),
//! busybox's wget, ping and nslookup, with their real messages and exit codes.

use super::super::docker::network::{Reply, View};
use super::super::interpreter::Flavor;
use super::Run;

/// A URL's host, port and path (`http://web:8080/x`, `localhost:8080`, `web`).
fn parse_url(url: &str) -> (String, u16, String) {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], rest[at..].to_string()),
        None => (rest, "/".to_string()),
    };
    match authority.rsplit_once(':') {
        Some((host, port)) => (host.to_string(), port.parse().unwrap_or(0), path),
        None => (authority.to_string(), 80, path),
    }
}

impl Run<'_> {
    /// What this machine can reach: a container's view was taken before its commands ran;
    /// the host's is taken now.
    fn network(&self) -> View {
        match &self.world.net {
            Some(view) => view.clone(),
            None => self.world.docker.network_view(&self.world.fs, None),
        }
    }

    pub(super) fn curl(&mut self) -> i32 {
        let options = match self.options("sSiIfLvk", "oXHd", &[("silent", 's'), ("show-error", 'S'), ("include", 'i'), ("head", 'I'), ("fail", 'f'), ("location", 'L'), ("verbose", 'v'), ("output", 'o'), ("request", 'X'), ("header", 'H'), ("data", 'd')], 2) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let Some(url) = options.operands.first().cloned() else {
            self.io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
            return 2;
        };
        if url.starts_with("https://") {
            // Nothing in the simulated world speaks TLS; a real machine here would get this far.
            let (host, _, _) = parse_url(url.trim_start_matches("https://"));
            self.io.err(format!("curl: (6) Could not resolve host: {host}\n"));
            return 6;
        }
        let (host, port, path) = parse_url(&url);
        let view = self.network();
        let quiet_errors = options.has('s') && !options.has('S');
        let fail = |run: &mut Self, code: i32, message: String| {
            if !quiet_errors {
                run.io.err(format!("curl: ({code}) {message}\n"));
            }
            code
        };
        let Some(reply) = view.get(&host, port, &path) else {
            return fail(self, 6, format!("Could not resolve host: {host}"));
        };
        match reply {
            Reply::Refused => fail(self, 7, format!("Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server")),
            Reply::Empty => fail(self, 52, "Empty reply from server".into()),
            Reply::Http { status, reason, headers, body } => {
                if options.has('f') && status >= 400 {
                    return fail(self, 22, format!("The requested URL returned error: {status}"));
                }
                let mut text = String::new();
                if options.has('i') || options.has('I') {
                    text.push_str(&format!("HTTP/1.1 {status} {reason}\r\n"));
                    for (name, value) in &headers {
                        text.push_str(&format!("{name}: {value}\r\n"));
                    }
                    text.push_str("\r\n");
                }
                if !options.has('I') {
                    text.push_str(&body);
                }
                match options.value('o') {
                    Some(file) if file != "-" => {
                        let path = self.shell.path(file);
                        if let Err(error) = self.world.fs.write(&path, &text, false, self.shell.user, self.world.now) {
                            return fail(self, 23, format!("Failure writing output to destination, passed {} returned 0 ({})", text.len(), error.message()));
                        }
                    }
                    _ => self.io.out(text),
                }
                0
            }
        }
    }

    pub(super) fn wget(&mut self) -> i32 {
        // busybox wget: -q -S -O FILE -T SEC (timeout) -U AGENT -Y on/off -P DIR, --spider.
        let options = match self.options("qScs", "OTUYP", &[("quiet", 'q'), ("output-document", 'O'), ("timeout", 'T'), ("user-agent", 'U'), ("proxy", 'Y'), ("directory-prefix", 'P'), ("spider", 's'), ("continue", 'c'), ("server-response", 'S')], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let Some(url) = options.operands.first().cloned() else {
            self.io.err("BusyBox v1.37.0 (2025-10-07 11:43:32 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [--header STR] [--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n");
            return 1;
        };
        let (host, port, path) = parse_url(&url);
        let view = self.network();
        let quiet = options.has('q');
        let target = options.value('O').map(String::from).unwrap_or_else(|| {
            let name = path.rsplit('/').next().unwrap_or("");
            if name.is_empty() { "index.html".into() } else { name.to_string() }
        });
        let is_ip = host.split('.').count() == 4 && host.split('.').all(|part| part.parse::<u8>().is_ok());
        let Some(machine_ip) = view.find(&host).map(|machine| machine.ip.clone()) else {
            if !is_ip {
                self.io.err(format!("wget: bad address '{host}'\n"));
                return 1;
            }
            // An address needs no lookup: the connection itself fails when nothing has it
            // (UNVERIFIED: "No route to host" is EHOSTUNREACH's text, which a bridge gives
            // once ARP finds no one; a timeout is also possible).
            if !quiet {
                self.io.err(format!("Connecting to {host} ({host}:{port})\n"));
            }
            self.io.err(format!("wget: can't connect to remote host ({host}): No route to host\n"));
            return 1;
        };
        if !quiet {
            self.io.err(format!("Connecting to {host} ({machine_ip}:{port})\n"));
        }
        match view.get(&host, port, &path).unwrap_or(Reply::Refused) {
            Reply::Refused => {
                self.io.err(format!("wget: can't connect to remote host ({machine_ip}): Connection refused\n"));
                1
            }
            Reply::Empty => {
                self.io.err("wget: error getting response: Connection reset by peer\n");
                1
            }
            Reply::Http { status, reason, body, .. } if status >= 400 => {
                let _ = body;
                self.io.err(format!("wget: server returned error: HTTP/1.1 {status} {reason}\n"));
                1
            }
            Reply::Http { .. } if options.has('s') => {
                // --spider: only checks that the file is there.
                if !quiet {
                    self.io.err("remote file exists\n");
                }
                0
            }
            Reply::Http { body, .. } => {
                if target == "-" {
                    if !quiet {
                        self.io.err("writing to stdout\n");
                    }
                    self.io.out(body.clone());
                    if !quiet {
                        self.io.err(format!("-                    100% |********************************|   {}  0:00:00 ETA\nwritten to stdout\n", body.len()));
                    }
                } else {
                    let path = self.shell.path(&target);
                    if let Err(error) = self.world.fs.write(&path, &body, false, self.shell.user, self.world.now) {
                        self.io.err(format!("wget: can't open '{target}': {}\n", error.message()));
                        return 1;
                    }
                    if !quiet {
                        self.io.err(format!("saving to '{target}'\n{target:<20} 100% |********************************|   {}  0:00:00 ETA\n'{target}' saved\n", body.len()));
                    }
                }
                0
            }
        }
    }

    /// busybox ping. Without `-c` the real one runs until Ctrl-C; here it sends four.
    pub(super) fn ping(&mut self) -> i32 {
        let options = match self.options("qn", "cWw", &[], 1) {
            Ok(options) => options,
            Err(status) => return status,
        };
        let Some(host) = options.operands.first().cloned() else {
            self.io.err("BusyBox v1.37.0 (2025-10-07 11:43:32 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n");
            return 1;
        };
        let count: u32 = options.value('c').and_then(|count| count.parse().ok()).unwrap_or(4).clamp(1, 100);
        let view = self.network();
        let Some(ip) = view.find(&host).map(|machine| machine.ip.clone()).or_else(|| is_address(&host).then(|| host.clone())) else {
            self.io.err(format!("ping: bad address '{host}'\n"));
            return 1;
        };
        let reachable = view.find(&ip).is_some();
        let mut text = format!("PING {host} ({ip}): 56 data bytes\n");
        if reachable {
            for seq in 0..count {
                text.push_str(&format!("64 bytes from {ip}: seq={seq} ttl=64 time=0.{:03} ms\n", 60 + (seq * 17) % 40));
            }
        }
        let received = if reachable { count } else { 0 };
        text.push_str(&format!("\n--- {host} ping statistics ---\n{count} packets transmitted, {received} packets received, {}% packet loss\n", if reachable { 0 } else { 100 }));
        if reachable {
            text.push_str("round-trip min/avg/max = 0.060/0.071/0.094 ms\n");
        }
        self.world.now += u64::from(count.saturating_sub(1)) * 1000;
        self.io.out(text);
        i32::from(!reachable)
    }

    /// busybox nslookup, asking Docker's embedded DNS server (127.0.0.11) on user-defined
    /// networks.
    pub(super) fn nslookup(&mut self) -> i32 {
        let Some(host) = self.args.first().cloned() else {
            self.io.err("BusyBox v1.37.0 (2025-10-07 11:43:32 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
            return 1;
        };
        let view = self.network();
        let embedded_dns = self.world.net.as_ref().is_some_and(|_| self.shell.flavor != Flavor::Bash) && view.machines.iter().any(|machine| !machine.names.is_empty() && machine.ip != "127.0.0.1");
        let server = if embedded_dns { "127.0.0.11" } else { "192.168.65.7" };
        let mut text = format!("Server:\t\t{server}\nAddress:\t{server}:53\n\n");
        match view.machines.iter().find(|machine| machine.ip != "127.0.0.1" && machine.names.contains(&host)) {
            Some(machine) => {
                text.push_str(&format!("Non-authoritative answer:\nName:\t{host}\nAddress: {}\n\n", machine.ip));
                self.io.out(text);
                0
            }
            None => {
                text.push_str(&format!("** server can't find {host}: NXDOMAIN\n\n"));
                self.io.out(text);
                1
            }
        }
    }
}

fn is_address(text: &str) -> bool {
    text.split('.').count() == 4 && text.split('.').all(|part| part.parse::<u8>().is_ok())
}
