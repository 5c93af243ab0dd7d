//! Dockside: learn containers and orchestration in the browser, against a simulated Docker
//! engine and cluster. See ARCHITECTURE.md for the map.

pub mod content;
pub mod course;
pub mod engine;
pub mod exercises;
pub mod progress;
#[cfg(target_arch = "wasm32")]
pub mod ui;
