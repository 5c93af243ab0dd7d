//! The host picture: what the Docker host holds, drawn live from the engine's snapshot.
//! Images as stacks of layers, containers with their state, ports and networks, the data
//! they mount and where it lives, and for a chosen container its processes and what the
//! signals sent to it did.

use yew::prelude::*;

use super::terminal::SharedEngine;
use crate::engine::view::{ContainerView, DockerView, Facts};

#[derive(Properties, PartialEq)]
pub struct HostPictureProps {
    pub engine: SharedEngine,
    /// Changes after every command, so the picture is drawn again.
    pub version: u64,
}

/// A line from a container's card to a place its data lives: x1, y1, x2, y2 in pixels from
/// the columns' top left.
type Segment = (i32, i32, i32, i32);

#[function_component(HostPicture)]
pub fn host_picture(props: &HostPictureProps) -> Html {
    let chosen = use_state(|| None::<String>);
    let columns = use_node_ref();
    // The lines are measured from the drawn cards, so they come after each draw, and again
    // when the window's size changes the layout.
    let segments = use_state_eq(Vec::<Segment>::new);
    let resized = use_state(|| 0u32);
    {
        // The listener outlives renders, so it counts in a cell of its own rather than from
        // the handle's value when it was made.
        let (resized, count) = (resized.clone(), std::rc::Rc::new(std::cell::Cell::new(0u32)));
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo_events::EventListener::new(&window, "resize", move |_| {
                    count.set(count.get() + 1);
                    resized.set(count.get());
                })
            });
            move || drop(listener)
        });
    }
    {
        let (columns, segments) = (columns.clone(), segments.clone());
        use_effect_with((props.version, *resized, (*chosen).clone()), move |_| {
            if let Some(element) = columns.cast::<web_sys::Element>() {
                segments.set(measure(&element));
            }
        });
    }
    let engine = props.engine.0.borrow();
    let snapshot = engine.snapshot();
    let docker = &snapshot.docker;
    // The chosen container, or the newest running one, or the newest.
    let shown = chosen
        .as_ref()
        .and_then(|name| docker.containers.iter().find(|container| &container.name == name))
        .or_else(|| docker.containers.iter().rev().find(|container| container.status == "running"))
        .or(docker.containers.last());
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |event: Event| {
            let target: web_sys::HtmlSelectElement = event.target_unchecked_into();
            chosen.set(Some(target.value()));
        })
    };
    html! {
        <section class="host-picture" aria-labelledby="host-picture-heading">
            <h2 id="host-picture-heading">{ "Your Docker host" }</h2>
            if docker.images.is_empty() && docker.containers.is_empty() && docker.volumes.is_empty() {
                <p class="meta">{ "Nothing here yet: no images, containers or volumes. Pull or run something and it appears." }</p>
            }
            <div class="host-columns" ref={columns}>
                // The lines say nothing the "→ container:path" entries do not: hidden from
                // assistive technology.
                <svg class="mount-lines" aria-hidden="true" focusable="false">
                    { for segments.iter().map(|(x1, y1, x2, y2)| html! {
                        <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} />
                    }) }
                </svg>
                { images(docker) }
                { containers(docker) }
                { data(docker) }
            </div>
            if let Some(container) = shown {
                <div class="processes">
                    <label for="host-process-choice">{ "Processes of " }</label>
                    <select id="host-process-choice" {onchange}>
                        { for docker.containers.iter().map(|option| html! {
                            <option value={option.name.clone()} selected={option.name == container.name}>{ option.name.clone() }</option>
                        }) }
                    </select>
                    { processes(container, engine.facts()) }
                </div>
            }
        </section>
    }
}

/// Each image as a stack of its layers, newest on top, with what made each one.
fn images(docker: &DockerView) -> Html {
    html! {
        <div class="host-column">
            <h3>{ "Images" }</h3>
            <ul class="host-list" aria-label="Images">
                { for docker.images.iter().map(|image| {
                    let name = image.tags.first().cloned().unwrap_or_else(|| format!("<none> ({})", short(&image.id)));
                    let used = docker.containers.iter().filter(|container| container.image == name || image.tags.contains(&container.image) || image.tags.contains(&format!("{}:latest", container.image))).count();
                    // Steps that changed files are the layers; the rest (CMD, ENV, EXPOSE…)
                    // only set configuration.
                    let layers: Vec<&(String, u64)> = image.layers.iter().filter(|(_, bytes)| *bytes > 0).collect();
                    let settings = image.layers.len() - layers.len();
                    html! {
                        <li class="host-image">
                            <strong>{ name }</strong>
                            <span class="meta">{ format!(" · {} {} · {}", layers.len(), if layers.len() == 1 { "layer" } else { "layers" }, size(image.size)) }</span>
                            if used > 0 {
                                <span class="meta">{ format!(" · used by {used} {}", if used == 1 { "container" } else { "containers" }) }</span>
                            }
                            <ol class="layers" reversed=true aria-label="Layers, newest first">
                                { for layers.iter().rev().map(|(created_by, bytes)| html! {
                                    <li class="layer" title={created_by.clone()}><span class="layer-step">{ step(created_by) }</span><span class="meta">{ format!(" {}", size(*bytes)) }</span></li>
                                }) }
                            </ol>
                            if settings > 0 {
                                <div class="meta">{ format!("and {settings} {} that change no files", if settings == 1 { "setting" } else { "settings" }) }</div>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// Containers with their state, image, published ports and networks.
fn containers(docker: &DockerView) -> Html {
    html! {
        <div class="host-column">
            <h3>{ "Containers" }</h3>
            <ul class="host-list" aria-label="Containers">
                { for docker.containers.iter().map(|container| {
                    let state = match container.status.as_str() {
                        "exited" => format!("exited ({})", container.exit_code),
                        other => other.to_string(),
                    };
                    html! {
                        <li class={classes!("host-container", format!("state-{}", container.status))} data-container={container.name.clone()}>
                            <strong>{ container.name.clone() }</strong>{ " " }
                            <span class="state">{ state }</span>
                            <div class="meta">{ format!("from {}", container.image) }</div>
                            if !container.ports.is_empty() {
                                <div class="meta">{ format!("ports {}", container.ports.join(", ")) }</div>
                            }
                            if !container.networks.is_empty() {
                                <div class="meta">{ format!("on {}", container.networks.iter().map(|(network, address)| if address.is_empty() { network.clone() } else { format!("{network} ({address})") }).collect::<Vec<_>>().join(", ")) }</div>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// A place data lives: (kind, source), as `MountView` names them.
type Place = (String, String);
/// A container that mounts a place: (container, target, read-only).
type Mounter = (String, String, bool);

/// Where the data lives: each volume, bind mount and tmpfs, with the containers that mount
/// it and where; and what lives only in a container's own writable layer.
fn data(docker: &DockerView) -> Html {
    let mut places: Vec<(Place, Vec<Mounter>)> = docker.volumes.iter().map(|volume| (("volume".to_string(), volume.name.clone()), Vec::new())).collect();
    for container in &docker.containers {
        for mount in &container.mounts {
            let key = (mount.kind.clone(), mount.source.clone());
            let user = (container.name.clone(), mount.target.clone(), mount.read_only);
            match places.iter_mut().find(|(place, _)| *place == key && mount.kind != "tmpfs") {
                Some((_, users)) => users.push(user),
                None => places.push((key, vec![user])),
            }
        }
    }
    let files = |name: &str| docker.volumes.iter().find(|volume| volume.name == name).map(|volume| volume.files);
    html! {
        <div class="host-column">
            <h3>{ "Data" }</h3>
            <ul class="host-list" aria-label="Where data lives">
                { for places.iter().map(|((kind, source), users)| {
                    let title = match kind.as_str() {
                        "volume" => format!("volume {}", if source.len() == 64 { short(source) } else { source.clone() }),
                        "bind" => format!("host folder {source}"),
                        _ => "tmpfs (memory only)".to_string(),
                    };
                    let note = match (kind.as_str(), files(source)) {
                        ("volume", Some(count)) => format!("{count} {} · outlives its containers", if count == 1 { "file" } else { "files" }),
                        ("bind", _) => "the host's own files".to_string(),
                        _ => "gone when the container stops".to_string(),
                    };
                    html! {
                        <li class={classes!("host-data", format!("data-{kind}"))}>
                            <strong>{ title }</strong>
                            <div class="meta">{ note }</div>
                            if users.is_empty() {
                                <div class="meta">{ "not mounted by any container" }</div>
                            } else {
                                <ul class="mounted-by">
                                    { for users.iter().map(|(container, target, read_only)| html! {
                                        <li data-mounter={container.clone()}>{ format!("→ {container}:{target}{}", if *read_only { " (read-only)" } else { "" }) }</li>
                                    }) }
                                </ul>
                            }
                        </li>
                    }
                }) }
                { for docker.containers.iter().filter(|container| container.mounts.is_empty() && container.status != "exited").map(|container| html! {
                    <li class="host-data data-layer"><strong>{ format!("{}'s writable layer", container.name) }</strong><div class="meta">{ "no mounts: what it writes is lost with docker rm" }</div></li>
                }) }
            </ul>
        </div>
    }
}

/// A segment from each container card to each entry that names it under a place where
/// data lives, between the nearest edges (side by side, or one above the other).
fn measure(columns: &web_sys::Element) -> Vec<Segment> {
    let origin = columns.get_bounding_client_rect();
    let Ok(entries) = columns.query_selector_all("[data-mounter]") else { return Vec::new() };
    let mut segments = Vec::new();
    for index in 0..entries.length() {
        let Some(entry) = entries.item(index).and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok()) else { continue };
        let Some(name) = entry.get_attribute("data-mounter") else { continue };
        let card = columns.query_selector_all("[data-container]").ok().and_then(|cards| {
            (0..cards.length()).filter_map(|index| cards.item(index)).filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok()).find(|card| card.get_attribute("data-container").as_deref() == Some(name.as_str()))
        });
        let Some(card) = card else { continue };
        let (from, to) = (card.get_bounding_client_rect(), entry.get_bounding_client_rect());
        let x = |value: f64| (value - origin.left()).round() as i32;
        let y = |value: f64| (value - origin.top()).round() as i32;
        let segment = if to.left() >= from.right() - 1.0 {
            (x(from.right()), y(from.top() + from.height() / 2.0), x(to.left()), y(to.top() + to.height() / 2.0))
        } else {
            (x(from.left() + from.width() / 2.0), y(from.bottom()), x(to.left() + 8.0), y(to.top()))
        };
        segments.push(segment);
    }
    segments
}

/// PID 1 (and the program under it when a shell stays PID 1), and what the signals sent to
/// the container did.
fn processes(container: &ContainerView, facts: &Facts) -> Html {
    let signals: Vec<&str> = facts.signals.iter().filter(|(id, _)| *id == container.id).map(|(_, signal)| signal.as_str()).collect();
    let exits: Vec<(i32, Option<&str>)> = facts.exits.iter().filter(|(id, _, _)| *id == container.id).map(|(_, code, signal)| (*code, signal.as_deref())).collect();
    let story = signal_story(&signals, exits.last().copied(), &container.stop_signal);
    html! {
        <div class="process-tree">
            if container.status == "running" || container.status == "paused" || container.status == "restarting" {
                <ul aria-label="Process tree">
                    <li><code>{ format!("PID 1: {}", container.pid1.join(" ")) }</code>
                        if let Some(child) = &container.child {
                            <ul><li><code>{ format!("└ {}", child.join(" ")) }</code></li></ul>
                        }
                    </li>
                </ul>
            } else {
                <p class="meta">{ format!("{} is {}: no processes.", container.name, container.status) }</p>
            }
            <p class="meta">{ format!("docker stop sends {} to PID 1, then SIGKILL after the grace period (10 s).", container.stop_signal) }</p>
            if let Some(story) = story {
                <p class="signal-story" role="status">{ story }</p>
            }
        </div>
    }
}

/// What happened the last time signals were sent, in words.
pub fn signal_story(signals: &[&str], exit: Option<(i32, Option<&str>)>, stop_signal: &str) -> Option<String> {
    if signals.is_empty() {
        return None;
    }
    let received = signals.join(", then ");
    let outcome = match exit {
        Some((code, Some("SIGKILL"))) if signals.contains(&stop_signal) => {
            format!("PID 1 did not stop on {stop_signal}, so after the grace period it was killed with SIGKILL: exit code {code}.")
        }
        Some((code, Some(signal))) => format!("It was ended by {signal}: exit code {code}."),
        Some((code, None)) => format!("PID 1 handled it and exited by itself with code {code}."),
        None => "It is still running.".to_string(),
    };
    Some(format!("PID 1 received {received}. {outcome}"))
}

/// The first 12 characters of an ID, as `docker ps` shows them.
fn short(id: &str) -> String {
    id.trim_start_matches("sha256:").chars().take(12).collect()
}

/// The Dockerfile step of a history line, without the `/bin/sh -c` and `# buildkit` noise.
fn step(created_by: &str) -> String {
    let text = created_by.trim();
    let text = text.strip_suffix("# buildkit").unwrap_or(text).trim_end();
    let text = text.strip_prefix("/bin/sh -c #(nop) ").unwrap_or(text);
    let text = text.strip_prefix("RUN /bin/sh -c ").or_else(|| text.strip_prefix("/bin/sh -c ")).map(|rest| format!("RUN {rest}")).unwrap_or_else(|| text.to_string());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 48 { format!("{}…", text.chars().take(47).collect::<String>()) } else { text }
}

/// Bytes as Docker prints sizes: 1000-based, B, kB, MB, GB.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "kB", "MB", "GB"];
    let mut value = bytes;
    let mut tenths = 0;
    let mut unit = 0;
    while value >= 1000 && unit + 1 < UNITS.len() {
        tenths = (value % 1000) / 100;
        value /= 1000;
        unit += 1;
    }
    if unit == 0 || value >= 100 { format!("{value}{}", UNITS[unit]) } else { format!("{value}.{tenths}{}", UNITS[unit]) }
}
