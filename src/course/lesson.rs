//! One lesson: TOML front matter between `+++` lines, then Markdown.

use serde::{Deserialize, Serialize};

use super::ContentError;
use super::document::Document;

/// What a lesson says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Equal to the file's name without `.md`: the lesson's URL is `/lessons/<id>`.
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The minutes a learner should plan for it on their own.
    pub minutes: u32,
    /// The seed notes' topics that this lesson teaches.
    pub topics: Vec<String>,
    /// The versions of the tools it emulates, so that a stale lesson can be found.
    pub emulates: Emulates,
    /// Lessons to do first, by id.
    #[serde(default)]
    pub prerequisites: Vec<String>,
}

/// The tool versions a lesson's behaviour was written against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emulates {
    #[serde(default)]
    pub docker: Option<String>,
    #[serde(default)]
    pub kubernetes: Option<String>,
}

/// A parsed lesson.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lesson {
    pub slug: String,
    /// The path of its file from the project root.
    pub file: String,
    pub meta: FrontMatter,
    /// Empty in the course index that the site starts with: see `body_file`.
    pub body: Document,
    /// The ids of its exercises, in order (the index keeps them for the progress overview).
    #[serde(default)]
    pub exercises: Vec<String>,
    /// In the course index: the file, from the public path, that holds the whole lesson as
    /// JSON (`content/<slug>-<hash>.json`). Empty in a whole lesson.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body_file: String,
    /// Each other lesson this one names (links, prerequisites) with the error to report if it
    /// does not exist; the course checks them once every lesson is known. Only parsing
    /// needs them, so they are not part of the embedded course.
    #[serde(skip)]
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    references: Vec<(String, ContentError)>,
}

/// Lessons are equal by what the course embeds: the references exist only while parsing.
impl PartialEq for Lesson {
    fn eq(&self, other: &Lesson) -> bool {
        (&self.slug, &self.file, &self.meta, &self.body) == (&other.slug, &other.file, &other.meta, &other.body)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Lesson {
    /// Parses `text`, the contents of `file`, whose slug is `slug`.
    pub fn parse(file: &str, slug: &str, text: &str) -> Result<Lesson, ContentError> {
        let (front, body_offset) = split_front_matter(file, text)?;
        let front_offset = "+++\n".len();
        let meta: FrontMatter = toml::from_str(front).map_err(|error| super::toml_error(file, text, front_offset, &error))?;
        if meta.id != slug {
            let offset = text.find("id").unwrap_or(0);
            return Err(ContentError::at(file, text, offset, format!("id `{}` must equal the file name `{slug}`", meta.id)));
        }
        let (mut body, links) = super::document::parse(&text[body_offset..])
            .map_err(|(offset, message)| ContentError::at(file, text, body_offset + offset, message))?;
        interactive_blocks(file, text, body_offset, &mut body)?;
        let mut references: Vec<(String, ContentError)> = links
            .into_iter()
            .filter_map(|(href, offset)| match href {
                super::document::Href::Lesson { slug: target, .. } => {
                    let message = format!("link to lesson `{target}`, which does not exist");
                    Some((target, ContentError::at(file, text, body_offset + offset, message)))
                }
                _ => None,
            })
            .collect();
        let prerequisites_at = text.find("prerequisites").unwrap_or(0);
        for prerequisite in &meta.prerequisites {
            let message = format!("prerequisite `{prerequisite}` is not a lesson");
            references.push((prerequisite.clone(), ContentError::at(file, text, prerequisites_at, message)));
        }
        let exercises = body.blocks.iter().filter_map(|block| match block {
            super::document::Block::Exercise(exercise) => Some(exercise.id.clone()),
            _ => None,
        }).collect();
        Ok(Lesson { slug: slug.to_string(), file: file.to_string(), meta, body, exercises, body_file: String::new(), references })
    }

    /// Every other lesson this one names, with the error to report if it does not exist.
    pub fn lesson_references(&self) -> impl Iterator<Item = (&str, ContentError)> + '_ {
        self.references.iter().map(|(slug, error)| (slug.as_str(), error.clone()))
    }
}

/// Turns the fenced `exercise`, `quiz` and `terminal` blocks (at the top level of the lesson)
/// into their own blocks. Their TOML's errors are located in the lesson file.
#[cfg(not(target_arch = "wasm32"))]
fn interactive_blocks(file: &str, text: &str, body_offset: usize, body: &mut Document) -> Result<(), ContentError> {
    use super::document::Block;
    use super::exercise::{Answer, Exercise, Predict, Quiz};
    // Where each interactive fence's contents start, in order.
    let mut starts = Vec::new();
    let mut offset = body_offset;
    for line in text[body_offset..].split_inclusive('\n') {
        let fence = line.trim_end();
        if ["```exercise", "```quiz", "```terminal", "```answer", "```predict"].contains(&fence) {
            starts.push((offset, offset + line.len()));
        }
        offset += line.len();
    }
    let mut starts = starts.into_iter();
    // Exercises, answers and predictions share one id space: progress is kept by id.
    let mut ids: Vec<String> = Vec::new();
    let claim_id = |ids: &mut Vec<String>, id: &str, fence: usize| {
        if ids.iter().any(|taken| taken == id) {
            return Err(ContentError::at(file, text, fence, format!("id `{id}` is used twice in this lesson")));
        }
        ids.push(id.to_string());
        Ok(())
    };
    for block in &mut body.blocks {
        let Block::Code { lang, text: contents } = block else { continue };
        if !matches!(lang.as_str(), "exercise" | "quiz" | "terminal" | "answer" | "predict") {
            continue;
        }
        let (fence, start) = starts.next().unwrap_or((body_offset, body_offset));
        let locate = |error: &toml::de::Error| super::toml_error(file, text, start, error);
        *block = match lang.as_str() {
            "exercise" => {
                let exercise: Exercise = toml::from_str(contents).map_err(|error| locate(&error))?;
                if exercise.goals.is_empty() || exercise.solution.is_empty() {
                    return Err(ContentError::at(file, text, fence, "an exercise needs goals and a solution"));
                }
                claim_id(&mut ids, &exercise.id, fence)?;
                Block::Exercise(exercise)
            }
            "quiz" => {
                let quiz: Quiz = toml::from_str(contents).map_err(|error| locate(&error))?;
                if let Some(problem) = quiz.problems().into_iter().next() {
                    return Err(ContentError::at(file, text, fence, format!("quiz: {problem}")));
                }
                Block::Quiz(quiz)
            }
            "answer" => {
                let answer: Answer = toml::from_str(contents).map_err(|error| locate(&error))?;
                if let Some(problem) = answer.problems().into_iter().next() {
                    return Err(ContentError::at(file, text, fence, format!("answer: {problem}")));
                }
                claim_id(&mut ids, &answer.id, fence)?;
                Block::Answer(answer)
            }
            "predict" => {
                let predict: Predict = toml::from_str(contents).map_err(|error| locate(&error))?;
                if let Some(problem) = predict.problems().into_iter().next() {
                    return Err(ContentError::at(file, text, fence, format!("predict: {problem}")));
                }
                claim_id(&mut ids, &predict.id, fence)?;
                Block::Predict(predict)
            }
            _ => Block::TryIt(contents.lines().map(String::from).filter(|line| !line.trim().is_empty()).collect()),
        };
    }
    Ok(())
}

/// Returns the front matter's TOML and the byte offset where the Markdown starts.
#[cfg(not(target_arch = "wasm32"))]
fn split_front_matter<'a>(file: &str, text: &'a str) -> Result<(&'a str, usize), ContentError> {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return Err(ContentError::at(file, text, 0, "a lesson starts with TOML front matter between `+++` lines"));
    };
    let close = if rest.starts_with("+++\n") { Some(0) } else { rest.find("\n+++\n").map(|index| index + 1) };
    let Some(close) = close else {
        return Err(ContentError::at(file, text, text.len(), "the front matter is not closed by a `+++` line"));
    };
    Ok((&rest[..close], 4 + close + 4))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const FRONT: &str = "+++\nid = \"demo\"\ntitle = \"Demo\"\nsummary = \"A demo.\"\nminutes = 5\ntopics = [\"images vs containers\"]\nemulates = { docker = \"29\" }\n+++\n";

    #[test]
    fn a_lesson_parses_front_matter_and_body() {
        let lesson = Lesson::parse("content/lessons/demo.md", "demo", &format!("{FRONT}# Demo\n\nSee [next](next.md).\n")).unwrap();
        assert_eq!(lesson.meta.title, "Demo");
        assert_eq!(lesson.meta.emulates.docker.as_deref(), Some("29"));
        let references: Vec<_> = lesson.lesson_references().map(|(slug, error)| (slug.to_string(), error.line)).collect();
        assert_eq!(references, [("next".to_string(), 11)]);
    }

    #[test]
    fn content_errors_name_file_line_and_column() {
        let check = |text: &str, expected: &str| {
            let error = Lesson::parse("content/lessons/demo.md", "demo", text).unwrap_err();
            assert_eq!(error.to_string(), expected);
        };
        check("# no front matter\n", "content/lessons/demo.md:1:1: a lesson starts with TOML front matter between `+++` lines");
        check("+++\nid = \"demo\"\n", "content/lessons/demo.md:3:1: the front matter is not closed by a `+++` line");
        check(&FRONT.replace("minutes = 5", "minutes = \"five\""), "content/lessons/demo.md:5:11: invalid type: string \"five\", expected u32");
        check(&FRONT.replace("id = \"demo\"", "id = \"other\""), "content/lessons/demo.md:2:1: id `other` must equal the file name `demo`");
        check(&format!("{FRONT}\nText <b>bold</b>\n"), "content/lessons/demo.md:10:6: raw HTML is not allowed in lessons: write Markdown");
        check(&format!("{FRONT}[x](javascript:alert(1))\n"), "content/lessons/demo.md:9:1: link to `javascript:alert(1)`: only http(s), mailto, #anchors and other lessons (`slug.md` or `slug.md#anchor`) are allowed");
        check(&format!("{FRONT}\n```exercise\nid = \"x\"\ntitle = 3\n```\n"), "content/lessons/demo.md:12:9: invalid type: integer `3`, expected a string");
        check(&format!("{FRONT}\n```quiz\n[[questions]]\nprompt = \"?\"\n[[questions.choices]]\ntext = \"a\"\nwhy = \"b\"\n```\n"), "content/lessons/demo.md:10:1: quiz: question 1 needs at least two choices");
        check(&format!("{FRONT}\n```exercise\nid = \"x\"\ntitle = \"t\"\ngoals = []\nsolution = []\n```\n"), "content/lessons/demo.md:10:1: an exercise needs goals and a solution");
    }

    #[test]
    fn interactive_blocks_become_their_own_blocks() {
        let text = format!("{FRONT}\n```terminal\ndocker ps\n\ndocker images\n```\n\n```exercise\nid = \"x\"\ntitle = \"t\"\nsolution = [\"docker pull alpine\"]\n[[goals]]\nname = \"alpine is here\"\ncheck = {{ image_exists = \"alpine\" }}\n```\n");
        let lesson = Lesson::parse("content/lessons/demo.md", "demo", &text).unwrap();
        assert!(matches!(&lesson.body.blocks[0], super::super::document::Block::TryIt(lines) if lines == &["docker ps", "docker images"]));
        assert!(matches!(&lesson.body.blocks[1], super::super::document::Block::Exercise(exercise) if exercise.goals.len() == 1));
    }
}
