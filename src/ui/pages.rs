//! The pages: the home page with the tracks, a lesson beside its terminal, and not found.

use yew::prelude::*;

use std::cell::RefCell;
use std::rc::Rc;

use super::app::{BaseContext, CourseContext, Link, Route};
use super::document::{DocumentView, ExerciseAction, LessonHooks, Watch};
use super::host::HostPicture;
use super::progress_panel::ProgressPanel;
use super::storage;
use crate::course::exercise::Exercise;
use crate::course::Lesson;
use crate::engine::Engine;
use crate::progress::{Progress, Recovery};
use super::terminal::{SharedEngine, Terminal};
use super::set_title;

#[function_component(HomePage)]
pub fn home_page() -> Html {
    let course = use_context::<CourseContext>().expect("the course context").0;
    let title = course.title.clone();
    use_effect_with((), move |_| set_title(&format!("{title}: learn containers by doing")));
    // Which lessons are done: every exercise solved (read once; the panel below can reset).
    let solved = use_memo((), |_| storage::load().0.solved().map(String::from).collect::<Vec<_>>());
    let done = |slug: &str| course.lesson(slug).is_some_and(|lesson| !lesson.exercises.is_empty() && lesson.exercises.iter().all(|id| solved.contains(id)));
    html! {
        <main id="main" class="page home">
            <h1>{ format!("{}: learn containers by doing", course.title) }</h1>
            <p class="lead">{ course.summary.clone() }</p>
            <h2>{ "Tracks" }</h2>
            <div class="tracks">
                { for course.tracks.iter().map(|track| {
                    let heading_id = format!("track-{}", track.id);
                    html! {
                        <section class="track" aria-labelledby={heading_id.clone()}>
                            <h3 id={heading_id}>{ track.title.clone() }</h3>
                            <p>{ track.summary.clone() }</p>
                            <p class="meta">{ format!("{} {}, about {} minutes", track.lessons.len(), if track.lessons.len() == 1 { "lesson" } else { "lessons" }, track.minutes()) }</p>
                            <ol class="lesson-list">
                                { for track.lessons.iter().map(|entry| {
                                    let title = course.lesson(&entry.lesson).map(|lesson| lesson.meta.title.clone()).unwrap_or_else(|| entry.lesson.clone());
                                    html! {
                                        <li>
                                            <Link to={Route::Lesson { slug: entry.lesson.clone() }}>{ title }</Link>
                                            <span class="meta">{ format!(" · {} min", entry.minutes) }</span>
                                            if done(&entry.lesson) {
                                                <span class="lesson-done">{ " · ✓ done" }</span>
                                            }
                                        </li>
                                    }
                                }) }
                            </ol>
                        </section>
                    }
                }) }
            </div>
            <ProgressPanel />
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    pub slug: String,
}

thread_local! {
    /// Lessons fetched so far in this page's life, by slug: going back to one is instant.
    static FETCHED: RefCell<std::collections::HashMap<String, Rc<Lesson>>> = RefCell::new(std::collections::HashMap::new());
}

/// A lesson page: finds the lesson (fetching its file when the index only names it), then
/// draws it beside its terminal.
#[function_component(LessonPage)]
pub fn lesson_page(props: &LessonPageProps) -> Html {
    let course = use_context::<CourseContext>().expect("the course context").0;
    let base = use_context::<BaseContext>().map_or_else(|| AttrValue::from("/"), |base| base.0);
    let indexed = course.lesson(&props.slug).cloned();
    // The last fetch that failed, by slug; a change of it (or a fetch that worked) redraws.
    let failed = use_state(|| None::<(String, String)>);
    let fetched = use_state(|| 0u32);
    let attempt = use_state(|| 0u32);
    let ready = indexed.as_ref().and_then(|lesson| {
        if lesson.body_file.is_empty() {
            Some(Rc::new(lesson.clone()))
        } else {
            FETCHED.with(|fetched| fetched.borrow().get(&lesson.slug).cloned())
        }
    });
    {
        let (failed, fetched, indexed) = (failed.clone(), fetched.clone(), indexed.clone());
        let needed = ready.is_none();
        use_effect_with((props.slug.clone(), *attempt, needed), move |(_, _, needed)| {
            if let (true, Some(indexed)) = (*needed, indexed) {
                wasm_bindgen_futures::spawn_local(async move {
                    let url = format!("{base}{}", indexed.body_file);
                    match fetch_lesson(&url).await {
                        Ok(lesson) => {
                            FETCHED.with(|cache| cache.borrow_mut().insert(lesson.slug.clone(), Rc::new(lesson)));
                            fetched.set(*fetched + 1);
                        }
                        Err(message) => failed.set(Some((indexed.slug.clone(), message))),
                    }
                });
            }
        });
    }
    let Some(indexed) = indexed else {
        return html! { <NotFoundPage /> };
    };
    if let Some(lesson) = ready {
        let key = lesson.slug.clone();
        return html! { <LessonView {key} {lesson} /> };
    }
    set_title(&format!("{} · {}", indexed.meta.title, course.title));
    let failure = failed.as_ref().filter(|(slug, _)| *slug == indexed.slug).map(|(_, message)| message.clone());
    let retry = {
        let (failed, attempt) = (failed.clone(), attempt.clone());
        Callback::from(move |_: MouseEvent| {
            failed.set(None);
            attempt.set(*attempt + 1);
        })
    };
    html! {
        <main id="main" class="page">
            <h1>{ indexed.meta.title.clone() }</h1>
            if let Some(message) = failure {
                <div class="notice" role="alert">
                    <p>{ "This lesson could not be loaded: " }{ message }</p>
                    <p>{ "Your progress is safe in this browser. " }<button type="button" onclick={retry}>{ "Try again" }</button></p>
                </div>
            } else {
                <p class="loading" role="status">{ "Loading the lesson…" }</p>
            }
        </main>
    }
}

/// Fetches and reads one lesson file.
async fn fetch_lesson(url: &str) -> Result<Lesson, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("there is no window")?;
    let offline = "the network request failed (are you offline?)";
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| offline.to_string())?.dyn_into().map_err(|_| offline.to_string())?;
    if !response.ok() {
        return Err(format!("the server answered {} for {url}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| offline.to_string())?).await.map_err(|_| offline.to_string())?;
    let text = text.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|_| "the lesson file is not one this version of the site can read; reloading the page should fix it".to_string())
}

#[derive(Properties, PartialEq)]
struct LessonViewProps {
    lesson: Rc<Lesson>,
}

/// A lesson beside its terminal and host picture.
#[function_component(LessonView)]
fn lesson_view(props: &LessonViewProps) -> Html {
    let course = use_context::<CourseContext>().expect("the course context").0;
    let lesson = props.lesson.clone();
    use_effect_with(format!("{} · {}", lesson.meta.title, course.title), |title| set_title(title));
    let exercises: Vec<Exercise> = lesson.body.blocks.iter().filter_map(|block| match block {
        crate::course::Block::Exercise(exercise) => Some(exercise.clone()),
        _ => None,
    }).collect();
    let slug = lesson.slug.clone();
    let stored = use_memo(slug.clone(), |_| {
        let (progress, recoveries) = storage::load();
        // A repair is written back at once, so it is not made (and announced) again on every
        // load; data from a newer Dockside is left as it is until the learner works here.
        if recoveries.iter().any(|recovery| !matches!(recovery, Recovery::Newer(_))) {
            let _ = storage::save(&progress);
        }
        (Rc::new(RefCell::new(progress)), recoveries.iter().map(Recovery::message).collect::<Vec<_>>())
    });
    let progress = stored.0.clone();
    // The exercise the terminal works on: at first the lesson's first unsolved one (or its
    // first); the learner moves it with each exercise's button. `None` for a lesson without.
    let active = {
        let (progress, exercises) = (progress.clone(), exercises.clone());
        use_state_eq(move || {
            let progress = progress.borrow();
            exercises.iter().find(|exercise| !progress.exercise(&exercise.id).is_some_and(|record| record.solved)).or(exercises.first()).map(|exercise| exercise.id.clone())
        })
    };
    // A lesson page reused for another lesson starts on that lesson's exercise.
    let active_id = active.as_ref().filter(|id| exercises.iter().any(|exercise| &exercise.id == *id)).cloned().or_else(|| exercises.first().map(|exercise| exercise.id.clone()));
    let exercise = active_id.as_ref().and_then(|id| exercises.iter().find(|exercise| &exercise.id == id)).cloned();
    let world_key = (slug.clone(), active_id.clone());
    // How many commands the stored session replayed when the exercise was opened.
    let replayed = {
        let (progress, id) = (progress.clone(), active_id.clone());
        use_memo(world_key.clone(), move |_| id.and_then(|id| progress.borrow().exercise(&id).map(|record| record.lines().len())).unwrap_or(0))
    };
    let notices = use_state(|| stored.1.clone());
    let engine = {
        let (exercise, progress) = (exercise.clone(), progress.clone());
        use_memo(world_key.clone(), move |_| SharedEngine(Rc::new(RefCell::new(guarded_world(exercise.as_ref(), &progress)))))
    };
    let version = use_state(|| 0u64);
    // Bumped when the world is rebuilt (undo, reset): the terminal starts a fresh screen.
    let epoch = use_state(|| (0u64, None::<String>));
    // The line a "Try it" button typed, numbered so that the same line twice is a change.
    let typed = use_state(|| None::<(u64, String)>);
    let save = {
        let (progress, notices) = (progress.clone(), notices.clone());
        move || {
            if let Err(message) = storage::save(&progress.borrow())
                && !notices.contains(&message) {
                    let mut next = (*notices).clone();
                    next.push(message);
                    notices.set(next);
                }
        }
    };
    let before_line = {
        let (progress, id, save) = (progress.clone(), active_id.clone(), save.clone());
        Callback::from(move |line: String| {
            if let Some(id) = &id {
                progress.borrow_mut().exercise_mut(id).pending = Some(line);
                save();
            }
        })
    };
    let on_change = {
        let (version, progress, engine, exercise, save) = (version.clone(), progress.clone(), (*engine).clone(), exercise.clone(), save.clone());
        Callback::from(move |()| {
            if let Some(exercise) = &exercise {
                use crate::exercises::Run;
                let engine = engine.0.borrow();
                let mut progress = progress.borrow_mut();
                let record = progress.exercise_mut(&exercise.id);
                record.session = Some(engine.session().clone());
                record.pending = None;
                record.solved |= exercise.done(&engine);
            }
            save();
            version.set(*version + 1);
        })
    };
    let on_action = {
        let (version, epoch, progress, engine, exercise, save, typed) = (version.clone(), epoch.clone(), progress.clone(), (*engine).clone(), exercise.clone(), save.clone(), typed.clone());
        Callback::from(move |action: ExerciseAction| {
            let Some(exercise) = &exercise else { return };
            let mut rebuilt = None;
            {
                let mut progress = progress.borrow_mut();
                let record = progress.exercise_mut(&exercise.id);
                match action {
                    ExerciseAction::Hint => record.hints_shown = (record.hints_shown + 1).min(exercise.hints.len()),
                    ExerciseAction::ShowSolution => record.solution_shown = true,
                    ExerciseAction::Undo => {
                        if let Some(line) = record.undo() {
                            rebuilt = Some(format!("Undid `{line}`: the world is as it was before it."));
                        }
                    }
                    ExerciseAction::Rewind(count) => {
                        let total = record.lines().len();
                        if count < total {
                            record.rewind(count);
                            rebuilt = Some(format!("Rewound to just after command {count} of {total}: the world is as it was then."));
                        }
                    }
                    ExerciseAction::Reset => {
                        record.session = None;
                        record.pending = None;
                        rebuilt = Some("The exercise starts again from the beginning.".into());
                    }
                }
            }
            if let Some(note) = rebuilt {
                *engine.0.borrow_mut() = guarded_world(Some(exercise), &progress);
                typed.set(None);
                epoch.set((epoch.0 + 1, Some(note)));
            }
            save();
            version.set(*version + 1);
        })
    };
    let on_activate = {
        let (active, epoch, exercises, typed) = (active.clone(), epoch.clone(), exercises.clone(), typed.clone());
        Callback::from(move |id: String| {
            if let Some(exercise) = exercises.iter().find(|exercise| exercise.id == id) {
                typed.set(None);
                epoch.set((epoch.0 + 1, Some(format!("The terminal now works on the exercise “{}”.", exercise.title))));
                active.set(Some(id));
            }
        })
    };
    let on_try = {
        let typed = typed.clone();
        Callback::from(move |line: String| {
            let next = typed.as_ref().map_or(1, |(count, _)| count + 1);
            typed.set(Some((next, line)));
        })
    };
    let on_answer = {
        let (progress, version, save) = (progress.clone(), version.clone(), save.clone());
        Callback::from(move |(key, value): (String, String)| {
            progress.borrow_mut().answers.insert(key, value);
            save();
            version.set(*version + 1);
        })
    };
    // Read under the borrow rather than cloning the record (its session can be long).
    let (hints_shown, solution_shown, lines) = active_id
        .as_ref()
        .and_then(|id| progress.borrow().exercise(id).map(|record| (record.hints_shown, record.solution_shown, record.lines())))
        .unwrap_or_default();
    // The terminal's first line: what undo, reset or a switch did, or that a stored session
    // was replayed.
    let greeting = {
        let replayed = *replayed;
        let welcome = (replayed > 0).then(|| format!("Welcome back: your {replayed} {} in this exercise {} replayed.", if replayed == 1 { "command" } else { "commands" }, if replayed == 1 { "was" } else { "were" }));
        match (epoch.1.clone(), welcome) {
            (Some(note), Some(welcome)) if note.starts_with("The terminal now") => Some(format!("{note} {welcome}")),
            (Some(note), _) => Some(note),
            (None, welcome) => welcome,
        }
    };
    let hooks = {
        let progress = progress.borrow();
        LessonHooks {
            slug: lesson.slug.clone(),
            watch: active_id.clone().map(|exercise| Watch { exercise, engine: (*engine).clone(), version: *version, hints_shown, solution_shown, lines, on_action }),
            solved: progress.solved().map(String::from).collect(),
            answers: progress.answers.clone(),
            on_try,
            on_activate,
            on_answer,
        }
    };
    html! {
        <main id="main" class="lesson-layout">
            <article class="lesson" aria-label={lesson.meta.title.clone()}>
                if !notices.is_empty() {
                    <div class="notice" role="status">{ for notices.iter().map(|notice| html! { <p>{ notice.clone() }</p> }) }</div>
                }
                <p class="meta">{ format!("{} min · emulates {}", lesson.meta.minutes, emulated(&lesson.meta.emulates)) }</p>
                <DocumentView document={lesson.body.clone()} hooks={Some(hooks)} />
            </article>
            <section class="terminal-panel" aria-label="Terminal panel">
                <Terminal key={format!("{}-{}-{}", lesson.slug, active_id.clone().unwrap_or_default(), epoch.0)} engine={Some((*engine).clone())} {on_change} {before_line} greeting={greeting} typed={(*typed).clone()} />
                <HostPicture engine={(*engine).clone()} version={*version} />
            </section>
        </main>
    }
}

/// `world`, with the replay written down first: if it stops the page, the next load sets
/// that session aside instead of stopping again (`Progress::replaying`).
fn guarded_world(exercise: Option<&Exercise>, progress: &RefCell<Progress>) -> Engine {
    let replays = exercise.is_some_and(|exercise| progress.borrow().exercise(&exercise.id).is_some_and(|record| record.session.is_some()));
    if !replays {
        return world(exercise, &progress.borrow());
    }
    progress.borrow_mut().replaying = exercise.map(|exercise| exercise.id.clone());
    let _ = storage::save(&progress.borrow());
    let engine = world(exercise, &progress.borrow());
    progress.borrow_mut().replaying = None;
    let _ = storage::save(&progress.borrow());
    engine
}

/// The world of a lesson: the learner's stored session for its exercise, replayed; or the
/// exercise's scenario; or an empty host.
fn world(exercise: Option<&Exercise>, progress: &Progress) -> Engine {
    use crate::exercises::Run;
    let Some(exercise) = exercise else { return Engine::new(0) };
    match progress.exercise(&exercise.id).and_then(|record| record.session.as_ref()) {
        Some(session) => Engine::replay(session).0,
        None => exercise.start(),
    }
}

fn emulated(emulates: &crate::course::lesson::Emulates) -> String {
    let mut parts = Vec::new();
    if let Some(docker) = &emulates.docker {
        parts.push(format!("Docker {docker}"));
    }
    if let Some(kubernetes) = &emulates.kubernetes {
        parts.push(format!("Kubernetes {kubernetes}"));
    }
    parts.join(" and ")
}

#[function_component(NotFoundPage)]
pub fn not_found_page() -> Html {
    use_effect_with((), |_| set_title("Page not found · Dockside"));
    html! {
        <main id="main" class="page">
            <h1>{ "Page not found" }</h1>
            <p>{ "There is nothing at this address. " }<Link to={Route::Home}>{ "Back to the course" }</Link></p>
        </main>
    }
}
