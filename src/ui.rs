//! The Yew interface: pages, the lesson reader and the terminal. It holds no simulation
//! logic: it sends lines to the engine and draws what comes back.

mod app;
mod document;
mod pages;
mod storage;
pub mod terminal;

pub use app::{App, AppProps, Route};
pub use document::DocumentView;
pub use terminal::Terminal;

/// Mounts the app into `#app` (or the body), replacing the loading message. The public path
/// the site was built for comes from `#dockside-boot`'s `data-base` (see Trunk.toml).
pub fn start() {
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
