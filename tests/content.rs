//! Every content file parses, and the course file and the lessons agree.
#![cfg(not(target_arch = "wasm32"))]

use dockside::content;
use dockside::course::Course;

/// The content, parsed from its files as build.rs parses it.
fn parsed() -> Course {
    Course::from_files(content::files::FILES).unwrap_or_else(|errors| {
        panic!("content errors:\n{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    })
}

#[test]
fn the_embedded_course_is_the_parsed_content() {
    assert_eq!(content::course().expect("the embedded course loads"), parsed());
}

#[test]
fn the_bundled_course_loads_without_errors() {
    let course = parsed();
    assert!(!course.tracks.is_empty(), "course.toml lists tracks");
    for id in ["self-study", "workshop-2h", "workshop-1d"] {
        assert!(course.tracks.iter().any(|track| track.id == id), "a track `{id}` exists");
    }
}

#[test]
fn every_lesson_has_a_title_heading_and_emulated_versions() {
    let course = parsed();
    for lesson in &course.lessons {
        let first = lesson.body.blocks.first();
        assert!(matches!(first, Some(dockside::course::Block::Heading { level: 1, .. })), "{} opens with a `# ` heading", lesson.file);
        let emulates = &lesson.meta.emulates;
        assert!(emulates.docker.is_some() || emulates.kubernetes.is_some(), "{} names the versions it emulates", lesson.file);
        assert!(!lesson.meta.topics.is_empty(), "{} names the seed topics it covers", lesson.file);
    }
}

#[test]
fn the_first_lesson_teaches_images_against_containers() {
    let course = parsed();
    let lesson = course.lesson("images-and-containers").expect("the lesson exists");
    assert!(lesson.meta.topics.iter().any(|topic| topic == "image vs container"));
}

/// Every exercise: its scenario loads, its goals are not met at the start, its reference
/// solution meets them, and none of its wrong solutions does.
#[test]
fn every_exercise_is_solvable_and_its_wrong_solutions_are_wrong() {
    use dockside::course::Block;
    use dockside::exercises::Run;
    let course = parsed();
    let mut exercises = 0;
    for lesson in &course.lessons {
        for block in &lesson.body.blocks {
            let Block::Exercise(exercise) = block else { continue };
            exercises += 1;
            let engine = exercise.start();
            assert!(!exercise.done(&engine), "{} `{}`: the goals are met before anything is typed", lesson.file, exercise.id);
            let mut engine = exercise.start();
            for line in &exercise.solution {
                engine.run(line);
            }
            let progress = exercise.progress(&engine);
            assert!(exercise.done(&engine), "{} `{}`: the reference solution leaves goals unmet: {progress:?}", lesson.file, exercise.id);
            for wrong in &exercise.wrong {
                let mut engine = exercise.start();
                for line in &wrong.lines {
                    engine.run(line);
                }
                assert!(!exercise.done(&engine), "{} `{}`: the wrong solution {:?} meets every goal ({})", lesson.file, exercise.id, wrong.lines, wrong.why);
            }
        }
    }
    assert!(exercises >= 1, "the course has exercises");
}

#[test]
fn every_quiz_has_answers_and_explains_every_choice() {
    use dockside::course::Block;
    let course = parsed();
    for lesson in &course.lessons {
        for block in &lesson.body.blocks {
            if let Block::Quiz(quiz) = block {
                assert!(quiz.problems().is_empty(), "{}: {:?}", lesson.file, quiz.problems());
            }
        }
    }
}

/// Every prediction, run in its own world, prints what its right choice says it will, and
/// no line of it is a command the terminal does not know.
#[test]
fn every_prediction_really_does_what_its_right_choice_says() {
    use dockside::course::Block;
    let course = parsed();
    for lesson in &course.lessons {
        for block in &lesson.body.blocks {
            let Block::Predict(predict) = block else { continue };
            let shown = dockside::exercises::predict_output(predict);
            assert!(shown.contains(predict.shows.as_str()), "{} `{}`: the output does not show {:?}:\n{shown}", lesson.file, predict.id, predict.shows);
            assert!(!shown.contains("command not found"), "{} `{}`: {shown}", lesson.file, predict.id);
            assert!(predict.problems().is_empty(), "{} `{}`: {:?}", lesson.file, predict.id, predict.problems());
        }
    }
}

/// Every typed answer accepts something and refuses each of its listed wrong answers.
#[test]
fn every_typed_answer_refuses_its_wrong_answers() {
    use dockside::course::Block;
    let course = parsed();
    for lesson in &course.lessons {
        for block in &lesson.body.blocks {
            let Block::Answer(answer) = block else { continue };
            assert!(answer.problems().is_empty(), "{} `{}`: {:?}", lesson.file, answer.id, answer.problems());
        }
    }
}

#[test]
fn every_lesson_is_on_the_self_study_track_and_the_workshop_fits_two_hours() {
    let course = parsed();
    let track = |id: &str| course.tracks.iter().find(|track| track.id == id).expect("the track exists");
    let self_study = track("self-study");
    for lesson in &course.lessons {
        assert!(self_study.lessons.iter().any(|entry| entry.lesson == lesson.slug), "{} is not on the self-study track", lesson.file);
    }
    assert_eq!(track("workshop-2h").minutes(), 120, "the two-hour workshop adds up to two hours");
}

/// content/topics.toml: every topic of the seed notes, taught by a lesson that lists it, or
/// planned for a named lesson to come.
#[test]
fn the_topic_map_and_the_lessons_agree() {
    use std::collections::BTreeMap;
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Map {
        planned: BTreeMap<String, String>,
        topics: Vec<Topic>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Topic {
        topic: String,
        seed: String,
        lesson: Option<String>,
        planned: Option<String>,
    }
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/topics.toml")).expect("content/topics.toml");
    let map: Map = toml::from_str(&text).unwrap_or_else(|error| panic!("content/topics.toml: {error}"));
    let course = parsed();
    let seeds = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds")).map(|dir| dir.filter_map(Result::ok).map(|entry| entry.file_name().to_string_lossy().into_owned()).collect::<Vec<_>>());
    for (index, topic) in map.topics.iter().enumerate() {
        assert!(map.topics[..index].iter().all(|earlier| earlier.topic != topic.topic), "topic {:?} is listed twice", topic.topic);
        if let Ok(seeds) = &seeds {
            assert!(seeds.iter().any(|name| name.starts_with(&format!("{}_", topic.seed))), "topic {:?} names seed {} that does not exist", topic.topic, topic.seed);
        }
        match (&topic.lesson, &topic.planned) {
            (Some(slug), None) => {
                let lesson = course.lesson(slug).unwrap_or_else(|| panic!("topic {:?} names lesson {slug}, which does not exist", topic.topic));
                assert!(lesson.meta.topics.contains(&topic.topic), "{} does not list topic {:?} in its front matter", lesson.file, topic.topic);
            }
            (None, Some(planned)) => assert!(map.planned.contains_key(planned), "topic {:?} is planned for {planned}, which [planned] does not name", topic.topic),
            _ => panic!("topic {:?} needs exactly one of `lesson` and `planned`", topic.topic),
        }
    }
    for lesson in &course.lessons {
        for topic in &lesson.meta.topics {
            assert!(map.topics.iter().any(|entry| entry.topic == *topic && entry.lesson.as_deref() == Some(lesson.slug.as_str())), "{} teaches {topic:?}, which content/topics.toml does not map to it", lesson.file);
        }
    }
    for planned in map.planned.keys() {
        assert!(course.lesson(planned).is_none(), "{planned} is written now: map its topics to it instead of planning it");
    }
}

/// The site embeds an index and fetches lessons: the index names each lesson's file, keeps
/// its exercise ids, and each file holds exactly the parsed lesson.
#[test]
fn the_index_names_each_lesson_file_and_each_file_holds_its_lesson() {
    let course = parsed();
    let (index, files) = course.split();
    assert_eq!(index.lessons.len(), course.lessons.len());
    for (lesson, indexed) in course.lessons.iter().zip(&index.lessons) {
        assert!(indexed.body.blocks.is_empty(), "the index carries no body");
        assert_eq!((&indexed.meta, &indexed.exercises), (&lesson.meta, &lesson.exercises));
        assert!(!lesson.exercises.is_empty() || !lesson.body.blocks.iter().any(|block| matches!(block, dockside::course::Block::Exercise(_))));
        let (_, json) = files.iter().find(|(name, _)| *name == indexed.body_file).unwrap_or_else(|| panic!("{} names a file that is not written", indexed.body_file));
        let back: dockside::course::Lesson = serde_json::from_str(json).expect("a lesson file reads back");
        assert_eq!(&back, lesson);
        assert!(back.body_file.is_empty());
    }
    let (_, again) = parsed().split();
    assert_eq!(files, again, "the names and contents are the same on every build");
}
