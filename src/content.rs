//! The course built into the binary: `content/` parsed by build.rs and embedded as JSON.

use crate::course::Course;

static COURSE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/course.json"));

/// The embedded course. build.rs checked it, so an error here means a broken build.
pub fn course() -> Result<Course, String> {
    serde_json::from_str(COURSE_JSON).map_err(|error| format!("the embedded course does not load: {error}"))
}

/// The content files themselves, for tests that run the parser on the real content.
#[cfg(not(target_arch = "wasm32"))]
pub mod files {
    include!(concat!(env!("OUT_DIR"), "/content_files.rs"));
}
