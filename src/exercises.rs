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
            Check::ContainerEnv { container: name, variable } => engine.container_env(name).is_some_and(|env| env.iter().any(|entry| entry == variable)),
            Check::ContainerUsesVolume { container: name, volume } => container(name).is_some_and(|found| found.mounts.iter().any(|mount| mount.kind == "volume" && mount.source == *volume)),
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

    fn holds(engine: &Engine, check: Check) -> bool {
        check.holds(engine, &engine.snapshot())
    }

    #[test]
    fn container_env_sees_the_image_env_and_run_time_variables_exactly() {
        let mut engine = Engine::with_scenario(0, Default::default());
        engine.run("docker run -d --name db -e POSTGRES_PASSWORD=pw -e POSTGRES_DB=shop postgres");
        let env = |variable: &str| Check::ContainerEnv { container: "db".into(), variable: variable.into() };
        assert!(holds(&engine, env("POSTGRES_DB=shop")), "a -e variable");
        assert!(holds(&engine, env("PGDATA=/var/lib/postgresql/18/docker")), "the image's ENV");
        assert!(!holds(&engine, env("POSTGRES_DB=sho")), "a whole entry, not a prefix");
        assert!(!holds(&engine, env("POSTGRES_USER=shop")), "a variable never set");
        assert!(!holds(&engine, Check::ContainerEnv { container: "nope".into(), variable: "POSTGRES_DB=shop".into() }), "no such container");
    }

    #[test]
    fn container_uses_volume_wants_that_named_volume_not_a_bind_or_another_volume() {
        let mut engine = Engine::with_scenario(0, Default::default());
        engine.run("docker run -d --name named -v pgdata:/var/lib/postgresql -e POSTGRES_PASSWORD=pw postgres");
        engine.run("docker run -d --name bound -v ./pgdata:/var/lib/postgresql -e POSTGRES_PASSWORD=pw postgres");
        engine.run("docker run -d --name anonymous -e POSTGRES_PASSWORD=pw postgres");
        let uses = |container: &str| holds(&engine, Check::ContainerUsesVolume { container: container.into(), volume: "pgdata".into() });
        assert!(uses("named"));
        assert!(!uses("bound"), "a bind mount of a directory called pgdata is not the volume");
        assert!(!uses("anonymous"), "the image's VOLUME gives an anonymous volume");
        assert!(!uses("nope"), "no such container");
    }
}
