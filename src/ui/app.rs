//! The app shell: the course as shared context, the router and the site's frame.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::pages::{HomePage, LessonPage, NotFoundPage};
use crate::content;
use crate::course::Course;

/// The site's URLs, relative to the public path (`<base href>`), so that a deep link and a
/// reload land on the same page under `/` or under a wiki's `/some/path/`.
#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/lessons/:slug")]
    Lesson { slug: String },
    #[not_found]
    #[at("/404")]
    NotFound,
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
    let base = BaseContext(props.basename.clone().unwrap_or_else(|| AttrValue::from("/")));
    match &*course {
        Ok(course) => html! {
            <ContextProvider<CourseContext> context={CourseContext(Rc::new(course.clone()))}>
                <ContextProvider<BaseContext> context={base}>
                    <BrowserRouter basename={props.basename.clone()}>
                        <Frame />
                    </BrowserRouter>
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

#[function_component(Frame)]
fn frame() -> Html {
    let course = use_context::<CourseContext>().expect("the course context");
    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <header class="site-header">
                <Link<Route> to={Route::Home} classes="brand">{ course.0.title.clone() }</Link<Route>>
                <super::theme::ThemeMenu />
            </header>
            <Switch<Route> render={switch} />
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
