//! The course built into the binary: `content/` parsed by build.rs and embedded as JSON.
//! The site embeds only the index (front matter, no lesson bodies) and fetches a lesson when
//! it is opened; native code, and wasm builds with the `embedded-lessons` feature (the
//! component tests), embed the whole course.

use crate::course::Course;

#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-lessons"))]
static COURSE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/course.json"));

#[cfg(all(target_arch = "wasm32", not(feature = "embedded-lessons")))]
static INDEX_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/index.json"));

/// The whole embedded course. build.rs checked it, so an error here means a broken build.
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-lessons"))]
pub fn course() -> Result<Course, String> {
    serde_json::from_str(COURSE_JSON).map_err(|error| format!("the embedded course does not load: {error}"))
}

/// What the site starts from: the whole course when it is embedded, else the index whose
/// lessons name the files that hold their bodies.
#[cfg(target_arch = "wasm32")]
pub fn start() -> Result<Course, String> {
    #[cfg(feature = "embedded-lessons")]
    return course();
    #[cfg(not(feature = "embedded-lessons"))]
    serde_json::from_str(INDEX_JSON).map_err(|error| format!("the embedded course index does not load: {error}"))
}

/// The content files themselves, for tests that run the parser on the real content.
#[cfg(not(target_arch = "wasm32"))]
pub mod files {
    include!(concat!(env!("OUT_DIR"), "/content_files.rs"));
}
