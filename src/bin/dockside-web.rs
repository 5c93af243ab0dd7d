//! The browser entry point: Trunk builds this for wasm32 and the page starts it.

#[cfg(target_arch = "wasm32")]
fn main() {
    dockside::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dockside-web runs in the browser: build it with `trunk build` (see the README).");
    std::process::exit(2);
}
