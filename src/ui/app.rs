//! The app shell: the course as shared context, the router and the site's frame.

use std::rc::Rc;

use yew::prelude::*;

use super::pages::{HomePage, LessonPage, NotFoundPage};
use crate::content;
use crate::course::Course;

/// The site's URLs, relative to the public path, so that a deep link and a reload land on
/// the same page under `/` or under a wiki's `/some/path/`. (A few lines of history handling
/// instead of a router crate: the site has three kinds of page.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Lesson { slug: String },
    NotFound,
}

impl Route {
    /// The page at `path`, the part of the address after the public path (no leading `/`).
    pub fn recognize(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or("");
        match path.trim_end_matches('/').split('/').collect::<Vec<_>>().as_slice() {
            [""] => Route::Home,
            ["lessons", slug] if !slug.is_empty() => Route::Lesson { slug: slug.to_string() },
            _ => Route::NotFound,
        }
    }

    /// The path after the public path.
    pub fn path(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Lesson { slug } => format!("lessons/{slug}"),
            Route::NotFound => "404".into(),
        }
    }
}

/// The public path, always ending in `/`.
fn normalized_base(base: Option<&AttrValue>) -> String {
    let base = base.map_or("/", |base| base.as_str());
    let base = if base.starts_with('/') { base.to_string() } else { format!("/{base}") };
    if base.ends_with('/') { base } else { format!("{base}/") }
}

/// The page the browser's address names.
fn current_route(base: &str) -> Route {
    let path = web_sys::window().and_then(|window| window.location().pathname().ok()).unwrap_or_default();
    match path.strip_prefix(base).or_else(|| (format!("{path}/") == base).then_some("")) {
        Some(rest) => Route::recognize(rest),
        None => Route::NotFound,
    }
}

/// Where links go and how: the public path and the callback that moves to a page.
#[derive(Clone, PartialEq)]
pub struct Navigator {
    pub base: AttrValue,
    pub go: Callback<Route>,
}

impl Navigator {
    pub fn href(&self, route: &Route) -> String {
        format!("{}{}", self.base, route.path())
    }
}

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    #[prop_or_default]
    pub classes: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// A link to a page of the site: a real `<a href>` (open in a new tab, copy the address),
/// followed in the page without a reload.
#[function_component(Link)]
pub fn link(props: &LinkProps) -> Html {
    let navigator = use_context::<Navigator>().expect("a navigator");
    let href = navigator.href(&props.to);
    let onclick = {
        let (go, to) = (navigator.go.clone(), props.to.clone());
        Callback::from(move |event: MouseEvent| {
            // A modified or middle click is the browser's: a new tab or window.
            if event.button() == 0 && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key()) {
                event.prevent_default();
                go.emit(to.clone());
            }
        })
    };
    html! { <a {href} class={props.classes.clone()} {onclick}>{ props.children.clone() }</a> }
}

/// The course, shared by every page. Content is checked by the tests, so an error here
/// means a broken build; the page says so instead of going blank.
#[derive(Clone, PartialEq)]
pub struct CourseContext(pub Rc<Course>);

/// The public path the site is served under (`/`, `/some/path/`): lesson files are fetched
/// from under it.
#[derive(Clone, PartialEq)]
pub struct BaseContext(pub AttrValue);

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The public path the site is served under, such as `/` or `/some/path/`.
    #[prop_or_default]
    pub basename: Option<AttrValue>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let course = use_memo((), |_| content::start());
    let base = normalized_base(props.basename.as_ref());
    let route = {
        let base = base.clone();
        use_state(move || current_route(&base))
    };
    // Back and forward: the address changed under the page.
    {
        let (route, base) = (route.clone(), base.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| gloo_events::EventListener::new(&window, "popstate", move |_| route.set(current_route(&base))));
            move || drop(listener)
        });
    }
    let navigator = {
        let (route, prefix) = (route.clone(), base.clone());
        let go = Callback::from(move |to: Route| {
            if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{prefix}{}", to.path())));
            }
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
            route.set(to);
        });
        Navigator { base: AttrValue::from(base.clone()), go }
    };
    match &*course {
        Ok(course) => html! {
            <ContextProvider<CourseContext> context={CourseContext(Rc::new(course.clone()))}>
                <ContextProvider<BaseContext> context={BaseContext(AttrValue::from(base))}>
                    <ContextProvider<Navigator> context={navigator}>
                        <Frame route={(*route).clone()} />
                    </ContextProvider<Navigator>>
                </ContextProvider<BaseContext>>
            </ContextProvider<CourseContext>>
        },
        Err(errors) => html! {
            <main class="page">
                <h1>{ "The course content could not be loaded" }</h1>
                <p><code>{ errors.clone() }</code></p>
            </main>
        },
    }
}

#[derive(Properties, PartialEq)]
struct FrameProps {
    route: Route,
}

#[function_component(Frame)]
fn frame(props: &FrameProps) -> Html {
    let course = use_context::<CourseContext>().expect("the course context");
    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <header class="site-header">
                <Link to={Route::Home} classes="brand">{ course.0.title.clone() }</Link>
                <super::theme::ThemeMenu />
            </header>
            { switch(props.route.clone()) }
        </>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Lesson { slug } => html! { <LessonPage {slug} /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}
