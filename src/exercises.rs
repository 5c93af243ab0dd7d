//! Exercises against the simulator: an exercise's world from its scenario, and its goals
//! checked through the engine's read-only queries. (The course stays data; the engine knows
//! nothing of courses; this is where the two meet.)

use crate::course::exercise::{Check, Exercise};
use crate::engine::{Engine, Snapshot};

/// A goal's condition, checked against a world.
pub trait Holds {
    /// Whether the condition holds in the engine's world now; `snapshot` is the engine's,
    /// taken once for all of an exercise's goals.
    fn holds(&self, engine: &Engine, snapshot: &Snapshot) -> bool;
}

/// An exercise run in the simulator.
pub trait Run {
    fn start(&self) -> Engine;
    fn progress(&self, engine: &Engine) -> Vec<(String, bool)>;
    fn done(&self, engine: &Engine) -> bool;
}

impl Holds for Check {
    fn holds(&self, engine: &Engine, snapshot: &Snapshot) -> bool {
        let container = |name: &str| snapshot.docker.containers.iter().find(|container| container.name == name);
        match self {
            Check::ContainerRunning(name) => container(name).is_some_and(|found| found.status == "running"),
            Check::ContainerExited { name, code } => container(name).is_some_and(|found| found.status == "exited" && code.is_none_or(|code| found.exit_code == code)),
            Check::ImageExists(reference) => {
                let wanted = if reference.contains(':') { reference.clone() } else { format!("{reference}:latest") };
                snapshot.docker.images.iter().any(|image| image.tags.contains(&wanted))
            }
            Check::VolumeExists(name) => snapshot.docker.volumes.iter().any(|volume| volume.name == *name),
            Check::NetworkExists(name) => snapshot.docker.networks.iter().any(|network| network.name == *name),
            Check::ContainerOnNetwork { container: name, network } => container(name).is_some_and(|found| found.networks.iter().any(|(joined, _)| joined == network)),
            Check::HostFileContains { path, text } => engine.host_file(path).is_some_and(|contents| contents.contains(text.as_str())),
            Check::ContainerFileContains { container: name, path, text } => engine.container_file(name, path).is_some_and(|contents| contents.contains(text.as_str())),
            Check::VolumeFileContains { volume, path, text } => engine.volume_file(volume, path).is_some_and(|contents| contents.contains(text.as_str())),
            Check::Http { url, contains } => engine.http_get(url).is_some_and(|(status, body)| status == 200 && body.contains(contains.as_str())),
            Check::Pid1 { container: name, command } => container(name).is_some_and(|found| found.child.as_ref().unwrap_or(&found.pid1).join(" ").contains(command.as_str())),
            Check::ReceivedSignal { container: name, signal } => container(name).is_some_and(|found| engine.facts().signals.iter().any(|(id, received)| *id == found.id && received == signal)),
            Check::Restarted(name) => container(name).is_some_and(|found| engine.facts().restarted(&found.id)),
            Check::ContainerCount(count) => snapshot.docker.containers.len() == *count,
            Check::HostFileOwner { path, uid } => engine.host_file_owner(path) == Some(*uid),
            Check::ContainerFileAbsent { container: name, path } => container(name).is_some() && engine.container_file(name, path).is_none(),
        }
    }
}

impl Run for Exercise {
    fn start(&self) -> Engine {
        Engine::with_scenario(0, self.scenario.clone())
    }

    fn progress(&self, engine: &Engine) -> Vec<(String, bool)> {
        let snapshot = engine.snapshot();
        self.goals.iter().map(|goal| (goal.name.clone(), goal.check.holds(engine, &snapshot))).collect()
    }

    fn done(&self, engine: &Engine) -> bool {
        let snapshot = engine.snapshot();
        self.goals.iter().all(|goal| goal.check.holds(engine, &snapshot))
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Scenario, ScenarioFile};

    #[test]
    fn container_count_host_file_owner_and_container_file_absent() {
        let scenario = Scenario { files: vec![ScenarioFile { path: "mine.txt".into(), contents: "hi\n".into() }], images: vec!["alpine".into()], ..Scenario::default() };
        let mut engine = Engine::with_scenario(0, scenario);
        let holds = |engine: &Engine, check: Check| check.holds(engine, &engine.snapshot());
        assert!(holds(&engine, Check::ContainerCount(0)));
        assert!(holds(&engine, Check::HostFileOwner { path: "mine.txt".into(), uid: 1000 }));
        engine.run(r#"docker run --rm -v "$PWD":/w alpine touch /w/roots.txt"#);
        assert!(holds(&engine, Check::ContainerCount(0)), "--rm leaves no container");
        assert!(holds(&engine, Check::HostFileOwner { path: "roots.txt".into(), uid: 0 }));
        assert!(!holds(&engine, Check::HostFileOwner { path: "roots.txt".into(), uid: 1000 }));
        assert!(!holds(&engine, Check::HostFileOwner { path: "missing.txt".into(), uid: 1000 }));
        engine.run("docker run alpine true");
        assert!(holds(&engine, Check::ContainerCount(1)), "without --rm the exited container stays");
        let absent = |path: &str| Check::ContainerFileAbsent { container: "box".into(), path: path.into() };
        assert!(!holds(&engine, absent("/nothing")), "no container named box yet");
        engine.run("docker run -d --name box alpine sleep 100");
        assert!(holds(&engine, absent("/nothing")));
        assert!(!holds(&engine, absent("/etc/alpine-release")));
    }
}
