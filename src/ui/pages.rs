//! The pages: the home page with the tracks, a lesson beside its terminal, and not found.

use yew::prelude::*;
use yew_router::prelude::*;

use std::cell::RefCell;
use std::rc::Rc;

use super::app::{CourseContext, Route};
use super::document::{DocumentView, Watch};
use super::terminal::{SharedEngine, Terminal};
use super::set_title;

#[function_component(HomePage)]
pub fn home_page() -> Html {
    let course = use_context::<CourseContext>().expect("the course context").0;
    let title = course.title.clone();
    use_effect_with((), move |_| set_title(&format!("{title}: learn containers by doing")));
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
                                            <Link<Route> to={Route::Lesson { slug: entry.lesson.clone() }}>{ title }</Link<Route>>
                                            <span class="meta">{ format!(" · {} min", entry.minutes) }</span>
                                        </li>
                                    }
                                }) }
                            </ol>
                        </section>
                    }
                }) }
            </div>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    pub slug: String,
}

#[function_component(LessonPage)]
pub fn lesson_page(props: &LessonPageProps) -> Html {
    let course = use_context::<CourseContext>().expect("the course context").0;
    let lesson = course.lesson(&props.slug).cloned();
    let page_title = match &lesson {
        Some(lesson) => format!("{} · {}", lesson.meta.title, course.title),
        None => format!("Lesson not found · {}", course.title),
    };
    use_effect_with(page_title, |title| set_title(title));
    // The lesson's first exercise sets the terminal's world, and its goals watch it.
    let exercise = lesson.as_ref().and_then(|lesson| lesson.body.blocks.iter().find_map(|block| match block {
        crate::course::Block::Exercise(exercise) => Some(exercise.clone()),
        _ => None,
    }));
    let engine = use_memo(props.slug.clone(), move |_| {
        use crate::exercises::Run;
        SharedEngine(Rc::new(RefCell::new(exercise.as_ref().map_or_else(|| crate::engine::Engine::new(0), |exercise| exercise.start()))))
    });
    let version = use_state(|| 0u64);
    let on_change = {
        let version = version.clone();
        Callback::from(move |()| version.set(*version + 1))
    };
    let Some(lesson) = lesson else {
        return html! { <NotFoundPage /> };
    };
    let watch = Watch { engine: (*engine).clone(), version: *version };
    html! {
        <main id="main" class="lesson-layout">
            <article class="lesson" aria-label={lesson.meta.title.clone()}>
                <p class="meta">{ format!("{} min · emulates {}", lesson.meta.minutes, emulated(&lesson.meta.emulates)) }</p>
                <DocumentView document={lesson.body.clone()} watch={Some(watch)} />
            </article>
            <section class="terminal-panel" aria-label="Terminal panel">
                <Terminal key={lesson.slug.clone()} engine={Some((*engine).clone())} {on_change} />
            </section>
        </main>
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
            <p>{ "There is nothing at this address. " }<Link<Route> to={Route::Home}>{ "Back to the course" }</Link<Route>></p>
        </main>
    }
}
