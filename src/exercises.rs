//! Exercises against the simulator: an exercise's world from its scenario, and its goals
//! checked through the engine's read-only queries. (The course stays data; the engine knows
//! nothing of courses; this is where the two meet.)

use crate::course::exercise::{Check, Exercise, Predict};
use crate::engine::docker::image::Reference;
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
            // PID 1 itself: a shell that stays PID 1 with the program under it does not count,
            // which is the point of the check (that shell is what docker stop signals).
            Check::Pid1 { container: name, command } => container(name).is_some_and(|found| found.status == "running" && runs(&found.pid1, command)),
            Check::ReceivedSignal { container: name, signal } => container(name).is_some_and(|found| engine.facts().signals.iter().any(|(id, received)| *id == found.id && received == signal)),
            Check::Restarted(name) => container(name).is_some_and(|found| engine.facts().restarted(&found.id)),
            Check::Pushed(reference) => {
                // The facts name pushes in full (`docker.io/library/app:latest`), as the engine does.
                let wanted = Reference::parse(reference).map_or_else(|_| reference.clone(), |parsed| parsed.full());
                engine.facts().images_pushed.contains(&wanted)
            }
            Check::HostFileOwner { path, uid } => engine.host_file_owner(path) == Some(*uid),
            Check::ContainerEnv { container: name, variable } => engine.container_env(name).is_some_and(|env| env.iter().any(|entry| entry == variable)),
            Check::ContainerUsesVolume { container: name, volume } => container(name).is_some_and(|found| found.mounts.iter().any(|mount| mount.kind == "volume" && mount.source == *volume)),
            Check::ContainerCount(count) => snapshot.docker.containers.len() == *count,
            Check::ContainerFileAbsent { container: name, path } => container(name).is_some() && engine.container_file(name, path).is_none(),
        }
    }
}

/// What a prediction's lines print, each behind the prompt, as a terminal shows them.
pub fn predict_output(predict: &Predict) -> String {
    let mut engine = Engine::with_scenario(0, predict.scenario.clone());
    let mut shown = String::new();
    for line in &predict.run {
        shown.push_str(&engine.prompt());
        shown.push_str(line);
        shown.push('\n');
        shown.push_str(&engine.run(line).text());
    }
    shown
}

/// Whether a process's command line starts with `command`, its program's directory aside:
/// `redis-server --appendonly yes` runs `redis-server`; `sh -c redis-server` does not.
fn runs(argv: &[String], command: &str) -> bool {
    let line = argv.join(" ");
    let program = argv.first().map_or("", |program| program.rsplit('/').next().unwrap_or(program));
    let wanted = command.trim();
    line.starts_with(wanted) || (!program.is_empty() && format!("{program}{}", &line[argv[0].len()..]).starts_with(wanted))
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

    fn holds(engine: &Engine, check: &Check) -> bool {
        check.holds(engine, &engine.snapshot())
    }

    #[test]
    fn pushed_holds_once_the_registry_took_the_image_and_names_it_like_docker() {
        let mut engine = Engine::with_scenario(0, Scenario { images: vec!["alpine:3.22".into(), "registry:2".into()], ..Scenario::default() });
        let pushed = Check::Pushed("localhost:5000/base/alpine:3.22".into());
        engine.run("docker tag alpine:3.22 localhost:5000/base/alpine:3.22");
        assert!(!holds(&engine, &pushed), "tagging is not pushing");
        engine.run("docker push localhost:5000/base/alpine:3.22");
        assert!(!holds(&engine, &pushed), "no registry answers on localhost:5000 yet");
        engine.run("docker run -d --name registry -p 5000:5000 registry:2");
        engine.run("docker push localhost:5000/base/alpine:3.22");
        assert!(holds(&engine, &pushed));
        assert!(!holds(&engine, &Check::Pushed("localhost:5000/base/alpine".into())), "no tag means :latest");
    }

    #[test]
    fn pid1_is_pid_1_itself_not_the_program_under_a_shell() {
        let mut engine = Engine::with_scenario(0, Scenario { images: vec!["redis".into()], ..Scenario::default() });
        engine.run("docker run -d --name shell redis sh -c 'redis-server | tee /data/log'");
        engine.run("docker run -d --name direct redis redis-server");
        engine.run("docker run -d --name path redis /usr/local/bin/redis-server --appendonly yes");
        let pid1 = |container: &str| holds(&engine, &Check::Pid1 { container: container.into(), command: "redis-server".into() });
        assert!(!pid1("shell"), "sh is PID 1 there, redis-server its child");
        assert!(pid1("direct"));
        assert!(pid1("path"), "the program's directory aside");
    }

    #[test]
    fn host_file_owner_tells_root_from_the_learner() {
        let mut engine = Engine::with_scenario(0, Scenario { images: vec!["alpine".into()], ..Scenario::default() });
        engine.run("mkdir out");
        engine.run("docker run --rm -v /home/learner/out:/out alpine touch /out/root-file");
        engine.run("docker run --rm --user 1000:1000 -v /home/learner/out:/out alpine touch /out/mine");
        let owner = |path: &str, uid: u32| holds(&engine, &Check::HostFileOwner { path: path.into(), uid });
        assert!(owner("out", 1000));
        assert!(owner("out/root-file", 0));
        assert!(!owner("out/root-file", 1000));
        assert!(owner("out/mine", 1000));
        assert!(!owner("out/missing", 1000));
    }

    #[test]
    fn container_env_sees_the_image_env_and_run_time_variables_exactly() {
        let mut engine = Engine::with_scenario(0, Default::default());
        engine.run("docker run -d --name db -e POSTGRES_PASSWORD=pw -e POSTGRES_DB=shop postgres");
        let env = |variable: &str| Check::ContainerEnv { container: "db".into(), variable: variable.into() };
        assert!(holds(&engine, &env("POSTGRES_DB=shop")), "a -e variable");
        assert!(holds(&engine, &env("PGDATA=/var/lib/postgresql/18/docker")), "the image's ENV");
        assert!(!holds(&engine, &env("POSTGRES_DB=sho")), "a whole entry, not a prefix");
        assert!(!holds(&engine, &env("POSTGRES_USER=shop")), "a variable never set");
        assert!(!holds(&engine, &Check::ContainerEnv { container: "nope".into(), variable: "POSTGRES_DB=shop".into() }), "no such container");
    }

    #[test]
    fn container_uses_volume_wants_that_named_volume_not_a_bind_or_another_volume() {
        let mut engine = Engine::with_scenario(0, Default::default());
        engine.run("docker run -d --name named -v pgdata:/var/lib/postgresql -e POSTGRES_PASSWORD=pw postgres");
        engine.run("docker run -d --name bound -v ./pgdata:/var/lib/postgresql -e POSTGRES_PASSWORD=pw postgres");
        engine.run("docker run -d --name anonymous -e POSTGRES_PASSWORD=pw postgres");
        let uses = |container: &str| holds(&engine, &Check::ContainerUsesVolume { container: container.into(), volume: "pgdata".into() });
        assert!(uses("named"));
        assert!(!uses("bound"), "a bind mount of a directory called pgdata is not the volume");
        assert!(!uses("anonymous"), "the image's VOLUME gives an anonymous volume");
        assert!(!uses("nope"), "no such container");
    }

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
