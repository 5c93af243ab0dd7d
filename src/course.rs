//! The course as data: `course.toml`'s tracks, and lessons parsed from Markdown with TOML
//! front matter into a document tree. No web crates: the interface draws what this builds.
//!
//! Parsing happens at build time: build.rs compiles this module too, parses `content/`,
//! fails the build on a content error, and embeds the course as JSON; the WebAssembly
//! bundle carries neither the TOML nor the Markdown parser.

// Explicit paths, so that build.rs can include this file as a module of its own.
#[path = "course/document.rs"]
pub mod document;
#[path = "course/exercise.rs"]
pub mod exercise;
#[path = "course/highlight.rs"]
pub mod highlight;
#[path = "course/lesson.rs"]
pub mod lesson;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use document::{Block, Document, Href, Inline};
pub use lesson::{FrontMatter, Lesson};

/// The path of the course file among the content files.
pub const COURSE_FILE: &str = "content/course.toml";

/// FNV-1a, 64 bits: a stable hash for content file names (no dependency, same everywhere).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// A problem in a content file, located so an author can go straight to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The path from the project root, such as `content/lessons/images-and-containers.md`.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

impl ContentError {
    /// An error at byte `offset` of `text`, the contents of `file`.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> ContentError {
        let (line, column) = line_and_column(text, offset);
        ContentError { file: file.to_string(), line, column, message: message.into() }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl std::error::Error for ContentError {}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A path through lessons with a time budget, such as the 2-hour workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lessons: Vec<TrackLesson>,
}

impl Track {
    /// The minutes the track's lessons add up to.
    pub fn minutes(&self) -> u32 {
        self.lessons.iter().map(|lesson| lesson.minutes).sum()
    }
}

/// A lesson's place in a track, with the minutes the track gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackLesson {
    pub lesson: String,
    pub minutes: u32,
}

#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseFile {
    title: String,
    summary: String,
    tracks: Vec<Track>,
}

/// The whole course: tracks in `course.toml` order, and every lesson file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub title: String,
    pub summary: String,
    pub tracks: Vec<Track>,
    /// Sorted by slug.
    pub lessons: Vec<Lesson>,
}

impl Course {
    #[cfg(not(target_arch = "wasm32"))]
    /// Parses a course from (path, text) pairs: `content/course.toml` and
    /// `content/lessons/<slug>.md`. Returns every error found, not just the first.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Course, Vec<ContentError>> {
        let mut errors = Vec::new();
        let mut lessons = Vec::new();
        // Lessons whose own errors are reported already: references to them are not errors.
        let mut unparsed = Vec::new();
        let mut course_file = None;
        for (path, text) in files {
            if *path == COURSE_FILE {
                match toml::from_str::<CourseFile>(text) {
                    Ok(parsed) => course_file = Some((parsed, *text)),
                    Err(error) => errors.push(toml_error(path, text, 0, &error)),
                }
            } else if let Some(slug) = path.strip_prefix("content/lessons/").and_then(|name| name.strip_suffix(".md")) {
                match Lesson::parse(path, slug, text) {
                    Ok(lesson) => lessons.push(lesson),
                    Err(error) => {
                        errors.push(error);
                        unparsed.push(slug.to_string());
                    }
                }
            }
        }
        lessons.sort_by(|a, b| a.slug.cmp(&b.slug));
        let Some((course_file, course_text)) = course_file else {
            errors.push(ContentError { file: COURSE_FILE.into(), line: 1, column: 1, message: "the course file is missing".into() });
            return Err(errors);
        };
        let course = Course { title: course_file.title, summary: course_file.summary, tracks: course_file.tracks, lessons };
        errors.extend(course.cross_check(course_text, &unparsed));
        if errors.is_empty() { Ok(course) } else { Err(errors) }
    }

    /// The course index the site starts with (every lesson's front matter and exercise ids,
    /// no bodies; each lesson names its `body_file`), and those files as (path, JSON). A
    /// file's name carries a hash of its contents, so it can be cached for good.
    pub fn split(&self) -> (Course, Vec<(String, String)>) {
        let mut index = self.clone();
        let mut files = Vec::new();
        for lesson in &mut index.lessons {
            let json = serde_json::to_string(&*lesson).unwrap_or_default();
            let name = format!("content/{}-{:016x}.json", lesson.slug, fnv1a(json.as_bytes()));
            lesson.body = Document::default();
            lesson.body_file = name.clone();
            files.push((name, json));
        }
        (index, files)
    }

    /// The lesson with this slug.
    pub fn lesson(&self, slug: &str) -> Option<&Lesson> {
        self.lessons.binary_search_by(|lesson| lesson.slug.as_str().cmp(slug)).ok().map(|index| &self.lessons[index])
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Checks that tracks and lessons agree: every track names existing lessons, once each;
    /// track ids are unique; every lesson-to-lesson link and prerequisite resolves.
    fn cross_check(&self, course_text: &str, unparsed: &[String]) -> Vec<ContentError> {
        let mut errors = Vec::new();
        let locate = |needle: &str| course_text.find(needle).unwrap_or(0);
        for (index, track) in self.tracks.iter().enumerate() {
            if self.tracks[..index].iter().any(|earlier| earlier.id == track.id) {
                errors.push(ContentError::at(COURSE_FILE, course_text, locate(&format!("\"{}\"", track.id)), format!("track id `{}` is used twice", track.id)));
            }
            for (position, entry) in track.lessons.iter().enumerate() {
                if self.lesson(&entry.lesson).is_none() && !unparsed.contains(&entry.lesson) {
                    let offset = locate(&format!("\"{}\"", entry.lesson));
                    errors.push(ContentError::at(COURSE_FILE, course_text, offset, format!("track `{}` names lesson `{}`, but content/lessons/{}.md does not exist", track.id, entry.lesson, entry.lesson)));
                }
                if track.lessons[..position].iter().any(|earlier| earlier.lesson == entry.lesson) {
                    let offset = locate(&format!("\"{}\"", entry.lesson));
                    errors.push(ContentError::at(COURSE_FILE, course_text, offset, format!("track `{}` lists lesson `{}` twice", track.id, entry.lesson)));
                }
            }
        }
        for lesson in &self.lessons {
            for (target, error) in lesson.lesson_references() {
                if self.lesson(target).is_none() && !unparsed.iter().any(|slug| slug == target) {
                    errors.push(error);
                }
            }
        }
        errors
    }
}

/// A TOML error located in the file; `base` is the byte offset of the TOML within it.
#[cfg(not(target_arch = "wasm32"))]
fn toml_error(file: &str, text: &str, base: usize, error: &toml::de::Error) -> ContentError {
    let offset = base + error.span().map_or(0, |span| span.start);
    ContentError::at(file, text, offset, error.message().trim_end().to_string())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_from_one() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 3), (2, 1));
        assert_eq!(line_and_column(text, 7), (2, 4));
        assert_eq!(line_and_column(text, 8), (3, 1));
        assert_eq!(line_and_column(text, 999), (3, 2));
    }

    const LESSON: &str = "+++\nid = \"one\"\ntitle = \"One\"\nsummary = \"s\"\nminutes = 5\ntopics = [\"t\"]\nemulates = { docker = \"29\" }\n+++\n# One\n";

    #[test]
    fn a_track_naming_a_missing_lesson_is_located_in_course_toml() {
        let course = "title = \"c\"\nsummary = \"s\"\n[[tracks]]\nid = \"t\"\ntitle = \"T\"\nsummary = \"s\"\nlessons = [\n  { lesson = \"one\", minutes = 5 },\n  { lesson = \"two\", minutes = 5 },\n]\n";
        let errors = Course::from_files(&[(COURSE_FILE, course), ("content/lessons/one.md", LESSON)]).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].to_string(), "content/course.toml:9:14: track `t` names lesson `two`, but content/lessons/two.md does not exist");
    }

    #[test]
    fn a_toml_error_in_course_toml_names_line_and_column() {
        let errors = Course::from_files(&[(COURSE_FILE, "title = \"c\"\nsummary = 3\n")]).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 11), "{}", errors[0]);
        assert!(errors[0].message.contains("invalid type"), "{}", errors[0]);
    }
}
