//! The Yew interface: pages, the lesson reader and the terminal. It holds no simulation
//! logic: it sends lines to the engine and draws what comes back.

mod app;
mod document;
pub mod host;
mod pages;
mod progress_panel;
mod storage;
pub mod theme;
pub mod terminal;

pub use app::{App, AppProps, Route};
pub use document::DocumentView;
pub use terminal::Terminal;

/// Mounts the app into `#app` (or the body), replacing the loading message. The public path
/// the site was built for comes from `#dockside-boot`'s `data-base` (see Trunk.toml).
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        show_crash_page();
    }));
    theme::apply_stored();
    let document = web_sys::window().and_then(|window| window.document()).expect("a document");
    let basename = document.get_element_by_id("dockside-boot").and_then(|boot| boot.get_attribute("data-base"));
    let props = AppProps { basename: basename.map(Into::into) };
    match document.get_element_by_id("app") {
        Some(root) => {
            root.replace_children_with_node_0();
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<App>::with_props(props).render();
        }
    }
}

/// Sets the page's title, as each page does when it appears.
fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(title);
    }
}

/// The fallback page after a panic: a WebAssembly instance cannot go on after one, so this
/// is plain DOM (no Yew) with a link that reloads the page. Progress is safe: each command is
/// written down before it runs, and a command that never finished is not replayed.
fn show_crash_page() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    if let (Some(body), Some(page)) = (document.body(), crash_page(&document)) {
        body.replace_children_with_node_1(&page);
    }
}

/// The fallback page's element.
pub fn crash_page(document: &web_sys::Document) -> Option<web_sys::Element> {
    let element = |tag: &str, text: &str| {
        let node = document.create_element(tag).ok()?;
        node.set_text_content(Some(text));
        Some(node)
    };
    let page = document.create_element("main").ok()?;
    page.set_id("crash");
    page.set_class_name("page crash");
    let _ = page.set_attribute("role", "alert");
    let reload = element("a", "Reload the page");
    if let Some(reload) = &reload {
        // The current address: following it reloads without any script.
        let _ = reload.set_attribute("href", &document.location().and_then(|location| location.href().ok()).unwrap_or_default());
    }
    for node in [
        element("h1", "Something went wrong in Dockside"),
        element("p", "The simulator stopped unexpectedly. Your progress up to the last command is saved in this browser."),
        reload,
    ]
    .into_iter()
    .flatten()
    {
        let _ = page.append_child(&node);
    }
    Some(page)
}
