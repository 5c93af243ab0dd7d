//! Component tests in headless Chromium (wasm-bindgen-test): the terminal, its screen, and
//! the app's pages, mounted into a real document.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use dockside::ui::terminal::{Screen, SpanKind, SCROLLBACK_LINES};
use dockside::ui::{App, AppProps, Terminal};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element in the body to mount a component into.
fn mount_point() -> Element {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

/// Waits up to two seconds for `condition`, so that slow renders do not make tests flaky.
async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..200 {
        if condition() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting until {what}");
}

/// Types a line into the terminal input inside `root` and presses Enter, as a person would.
async fn type_line(root: &Element, line: &str) {
    let input: HtmlInputElement = root.query_selector(".terminal-input input").unwrap().expect("an input").dyn_into().unwrap();
    input.set_value(line);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &{
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
    press(&input, "Enter", false).await;
}

async fn press(target: &HtmlInputElement, key: &str, ctrl: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    settle().await;
}

fn log_text(root: &Element) -> String {
    let log = root.query_selector("[role=log]").unwrap().expect("a log region");
    log.dyn_into::<HtmlElement>().unwrap().inner_text()
}

#[wasm_bindgen_test]
async fn the_terminal_runs_echo_and_shows_errors_in_their_own_colour() {
    let root = mount_point();
    yew::Renderer::<Terminal>::with_root(root.clone()).render();
    settle().await;

    let input = root.query_selector(".terminal-input input").unwrap().expect("an input");
    let label = root.query_selector(&format!("label[for='{}']", input.id())).unwrap().expect("a label for the input");
    assert!(label.text_content().unwrap().contains("Terminal"), "the textbox's name contains Terminal");

    type_line(&root, "echo hello").await;
    assert_eq!(log_text(&root), "$ echo hello\nhello");

    type_line(&root, "nope").await;
    let stderr = root.query_selector(".stderr").unwrap().expect("stderr has its own span");
    assert_eq!(stderr.text_content().unwrap(), "bash: nope: command not found");

    type_line(&root, "clear").await;
    assert_eq!(log_text(&root), "");
}

#[wasm_bindgen_test]
async fn ctrl_c_abandons_the_typed_line_and_sets_status_130() {
    let root = mount_point();
    yew::Renderer::<Terminal>::with_root(root.clone()).render();
    settle().await;
    let input: HtmlInputElement = root.query_selector(".terminal-input input").unwrap().unwrap().dyn_into().unwrap();
    input.set_value("echo never");
    input.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &{
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        init
    }).unwrap()).unwrap();
    settle().await;
    press(&input, "c", true).await;
    assert_eq!(input.value(), "", "the line is abandoned");
    type_line(&root, "echo $?").await;
    assert_eq!(log_text(&root), "$ echo never^C\n$ echo $?\n130");
}

#[wasm_bindgen_test]
fn the_screen_keeps_open_lines_open_and_honours_clear() {
    let mut screen = Screen::default();
    screen.write(SpanKind::Input, "$ echo -n hi\n");
    screen.write(SpanKind::Stdout, "hi");
    screen.write(SpanKind::Input, "$ echo ok\n");
    screen.write(SpanKind::Stdout, "ok\n");
    assert_eq!(screen.text(), "$ echo -n hi\nhi$ echo ok\nok\n");
    assert_eq!(screen.lines[1].iter().map(|span| span.kind).collect::<Vec<_>>(), [SpanKind::Stdout, SpanKind::Input]);

    screen.write(SpanKind::Stdout, "before\x1b[H\x1b[2J\x1b[3Jafter\n");
    assert_eq!(screen.text(), "after\n");

    for index in 0..SCROLLBACK_LINES + 10 {
        screen.write(SpanKind::Stdout, &format!("{index}\n"));
    }
    assert_eq!(screen.lines.len(), SCROLLBACK_LINES);
}

#[wasm_bindgen_test]
async fn the_home_page_lists_tracks_and_links_to_a_lesson_with_a_terminal() {
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    settle().await;

    let h1 = root.query_selector("h1").unwrap().expect("a heading");
    assert!(h1.text_content().unwrap().contains("Dockside"));
    let tracks = root.query_selector_all("section.track").unwrap();
    assert_eq!(tracks.length(), 3, "three tracks from course.toml");

    let link: HtmlElement = root.query_selector("a[href$='/lessons/images-and-containers']").unwrap().expect("a lesson link").dyn_into().unwrap();
    link.click();
    wait_until("the lesson is drawn", || root.query_selector("article h1").unwrap().is_some()).await;
    let h1 = root.query_selector("article h1").unwrap().expect("the lesson's heading");
    assert_eq!(h1.text_content().unwrap(), "Images and containers");
    assert!(root.query_selector("pre.language-dockerfile").unwrap().is_some(), "code blocks keep their language");
    assert!(root.query_selector("[role=log]").unwrap().is_some(), "the terminal sits beside the lesson");
    wait_until("the title names the lesson", || document().title() == "Images and containers · Dockside").await;

    type_line(&root, "echo from the lesson").await;
    assert!(log_text(&root).ends_with("from the lesson"));

    // Leave the test page's URL as it was for the other tests.
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// The engine compiled to WebAssembly prints the same bytes as dockside-sim natively: the
/// recorded transcript of an interactive Docker session, replayed in the browser.
#[wasm_bindgen_test]
fn a_transcript_replays_byte_for_byte_in_the_browser() {
    use dockside::engine::{Engine, transcript};
    for (script, expected) in [
        (include_str!("transcripts/docker-interactive.sh"), include_str!("transcripts/docker-interactive.out")),
        (include_str!("transcripts/files.sh"), include_str!("transcripts/files.out")),
    ] {
        let mut engine = Engine::new(0);
        let (shown, _) = transcript::type_script(&mut engine, script, transcript::Options { echo: true, events: true });
        assert_eq!(shown, expected);
    }
}

#[wasm_bindgen_test]
async fn a_shell_inside_a_container_takes_the_terminal_and_gives_it_back() {
    let root = mount_point();
    yew::Renderer::<Terminal>::with_root(root.clone()).render();
    settle().await;
    type_line(&root, "docker run -it alpine sh").await;
    let prompt = root.query_selector(".terminal-input .prompt").unwrap().unwrap();
    assert_eq!(prompt.text_content().unwrap(), "/ # ", "the container's own prompt");
    type_line(&root, "echo inside").await;
    assert!(log_text(&root).ends_with("/ # echo inside\ninside"), "{}", log_text(&root));
    let input: HtmlInputElement = root.query_selector(".terminal-input input").unwrap().unwrap().dyn_into().unwrap();
    press(&input, "d", true).await;
    assert_eq!(prompt.text_content().unwrap(), "$ ", "Ctrl-D leaves the container's shell");
    type_line(&root, "docker ps -a --format '{{.Status}}'").await;
    assert!(log_text(&root).ends_with("Exited (0) Less than a second ago"), "{}", log_text(&root));
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().expect("localStorage")
}

/// Each test that works in a lesson starts from a learner who has done nothing.
fn clear_progress() {
    local_storage().remove_item(dockside::progress::STORAGE_KEY).unwrap();
}

/// Mounts the app at the lesson, as a fresh page load at its address would.
async fn open_lesson(slug: &str) -> Element {
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("/lessons/{slug}"))).unwrap();
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    wait_until("the lesson is drawn", || root.query_selector("ul[aria-label=Goals]").unwrap().is_some()).await;
    root
}

fn goals_text(root: &Element) -> String {
    root.query_selector("ul[aria-label=Goals]").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().inner_text()
}

fn button(root: &Element, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|index| buttons.item(index)?.dyn_into::<HtmlElement>().ok())
        .find(|button| button.inner_text().starts_with(label))
        .unwrap_or_else(|| panic!("a button labelled {label:?}"))
}

/// The progress store: a reload replays the learner's world, undo takes a command back, hints
/// open one at a time and stay open, and the solution waits for a confirmation.
#[wasm_bindgen_test]
async fn progress_survives_a_reload_and_undo_takes_a_command_back() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    type_line(&root, "docker run -d --name web -p 8080:80 nginx").await;
    wait_until("the first goals are met", || goals_text(&root).matches("done: ").count() >= 2).await;
    button(&root, "Show hint 1").click();
    wait_until("the first hint shows", || root.query_selector(".hint").unwrap().is_some()).await;
    let stored = local_storage().get_item(dockside::progress::STORAGE_KEY).unwrap().expect("progress is stored");
    assert!(stored.contains("docker run -d --name web -p 8080:80 nginx"), "{stored}");
    root.set_inner_html("");

    // "Reload": a new app at the same address reads the stored progress.
    let root = open_lesson("images-and-containers").await;
    wait_until("the replayed world meets the goals again", || goals_text(&root).matches("done: ").count() >= 2).await;
    assert_eq!(root.query_selector_all(".hint").unwrap().length(), 1, "the opened hint stays open");

    button(&root, "Undo last command").click();
    wait_until("undo takes the container away", || !goals_text(&root).contains("done: ")).await;
    assert!(log_text(&root).contains("Undid `docker run -d --name web -p 8080:80 nginx`"), "{}", log_text(&root));
    type_line(&root, "docker ps -q").await;
    assert!(log_text(&root).ends_with("$ docker ps -q"), "no container after undo: {}", log_text(&root));

    button(&root, "Show the solution").click();
    wait_until("a confirmation is asked", || root.query_selector(".confirm").unwrap().is_some()).await;
    assert!(root.query_selector(".solution").unwrap().is_none(), "not before confirming");
    button(&root, "Yes, show it").click();
    wait_until("the solution shows", || root.query_selector(".solution").unwrap().is_some()).await;

    // Reset asks first: "Keep my work" keeps it; "Yes, reset" starts over.
    type_line(&root, "docker run -d --name web -p 8080:80 nginx").await;
    wait_until("the goals are met again", || goals_text(&root).matches("done: ").count() >= 2).await;
    button(&root, "Reset exercise").click();
    wait_until("a confirmation is asked", || root.query_selector(".confirm").unwrap().is_some()).await;
    button(&root, "Keep my work").click();
    wait_until("the question goes away", || root.query_selector(".confirm").unwrap().is_none()).await;
    assert!(goals_text(&root).matches("done: ").count() >= 2, "nothing was reset: {}", goals_text(&root));
    button(&root, "Reset exercise").click();
    wait_until("a confirmation is asked", || root.query_selector(".confirm").unwrap().is_some()).await;
    button(&root, "Yes, reset").click();
    wait_until("the exercise starts over", || !goals_text(&root).contains("done: ")).await;
    assert!(log_text(&root).contains("The exercise starts again from the beginning."), "{}", log_text(&root));
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// Storage holding garbage never stops the lesson: the learner is told, and can work.
#[wasm_bindgen_test]
async fn corrupt_storage_is_reported_and_the_lesson_still_works() {
    local_storage().set_item(dockside::progress::STORAGE_KEY, "{\"version\":1,\"exercises\":{\"x").unwrap();
    let root = open_lesson("images-and-containers").await;
    let notice = root.query_selector(".notice").unwrap().expect("a notice about the storage");
    assert!(notice.text_content().unwrap().contains("could not be read"), "{}", notice.text_content().unwrap());
    type_line(&root, "docker run -d --name web -p 8080:80 nginx").await;
    wait_until("the goals follow", || goals_text(&root).matches("done: ").count() >= 2).await;
    let stored = local_storage().get_item(dockside::progress::STORAGE_KEY).unwrap().unwrap();
    assert!(dockside::progress::Progress::load(Some(&stored)).1.is_empty(), "the store is readable again: {stored}");
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// The lesson's exercise watches the terminal: its goals turn to done as the learner works.
#[wasm_bindgen_test]
async fn an_exercise_s_goals_follow_the_terminal() {
    clear_progress();
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    settle().await;
    let link: HtmlElement = root.query_selector("a[href$='/lessons/images-and-containers']").unwrap().expect("a lesson link").dyn_into().unwrap();
    link.click();
    wait_until("the lesson is drawn", || root.query_selector("ul[aria-label=Goals]").unwrap().is_some()).await;
    let goals = || root.query_selector("ul[aria-label=Goals]").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().inner_text();
    assert!(!goals().contains("done: "), "nothing is done at the start: {}", goals());
    type_line(&root, "docker run -d --name web -p 8080:80 nginx").await;
    wait_until("the first goals are met", || goals().matches("done: ").count() >= 2).await;
    assert!(goals().contains("not done yet: a second container"), "{}", goals());
    type_line(&root, "docker run -d --name web2 nginx").await;
    wait_until("every goal is met", || !goals().contains("not done yet")).await;
    let status = root.query_selector(".exercise-status").unwrap().unwrap();
    assert_eq!(status.text_content().unwrap(), "Well done: every goal is met.");
    let summary = root.query_selector(".success-summary").unwrap().expect("a summary on success").text_content().unwrap();
    assert!(summary.contains("Your 2 commands") && summary.contains("docker run -d --name web2 nginx") && summary.contains("The reference solution"), "{summary}");
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// After a panic the app cannot go on; the fallback page is plain DOM with a reload link.
#[wasm_bindgen_test]
fn the_crash_page_offers_a_reload_and_reassures_about_progress() {
    let page = dockside::ui::crash_page(&document()).expect("a crash page");
    assert_eq!(page.get_attribute("role").as_deref(), Some("alert"));
    let text = page.text_content().unwrap();
    assert!(text.contains("Something went wrong") && text.contains("progress up to the last command is saved"), "{text}");
    let link = page.query_selector("a").unwrap().expect("a reload link");
    assert_eq!(link.get_attribute("href"), web_sys::window().unwrap().location().href().ok());
}

/// The home page's progress panel: importing a file replaces the stored progress (a file that
/// is not progress changes nothing), and reset asks first.
#[wasm_bindgen_test]
async fn progress_imports_from_a_file_and_resets_after_a_confirmation() {
    use dockside::progress::{Progress, STORAGE_KEY};
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    wait_until("the progress panel shows", || root.query_selector(".progress-summary").unwrap().is_some()).await;
    let summary = || root.query_selector(".progress-summary").unwrap().unwrap().text_content().unwrap();
    assert!(summary().starts_with("0 of "), "{}", summary());
    let status = || root.query_selector(".progress-status").unwrap().unwrap().text_content().unwrap();

    let choose_file = |text: &str| {
        let parts = js_sys::Array::of1(&text.into());
        let file = web_sys::File::new_with_str_sequence(&parts, "progress.json").unwrap();
        let transfer = web_sys::DataTransfer::new().unwrap();
        transfer.items().add_with_file(&file).unwrap();
        let input: HtmlInputElement = root.query_selector("input[type=file]").unwrap().unwrap().dyn_into().unwrap();
        input.set_files(transfer.files().as_ref());
        input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    };

    choose_file("this is not progress");
    wait_until("the wrong file is refused", || status().contains("nothing was changed")).await;
    assert_eq!(local_storage().get_item(STORAGE_KEY).unwrap(), None);

    let mut progress = Progress::new();
    let id = dockside::content::course().unwrap().lessons.iter().flat_map(|lesson| lesson.body.blocks.clone()).find_map(|block| match block {
        dockside::course::Block::Exercise(exercise) => Some(exercise.id),
        _ => None,
    }).expect("an exercise in the course");
    progress.exercise_mut(&id).solved = true;
    // An id the course does not have is kept but not counted.
    progress.exercise_mut("from-an-older-course").solved = true;
    choose_file(&progress.to_json());
    wait_until("the file is imported", || status().contains("Imported progress for 2 exercises")).await;
    assert!(summary().starts_with("1 of "), "{}", summary());
    let stored = local_storage().get_item(STORAGE_KEY).unwrap().expect("stored");
    assert_eq!(Progress::load(Some(&stored)).0, progress);

    button(&root, "Reset all progress").click();
    wait_until("a confirmation is asked", || root.query_selector("[aria-label='Forget every exercise in this browser?']").unwrap().is_some()).await;
    assert!(summary().starts_with("1 of "), "nothing is reset before confirming");
    button(&root, "Yes, reset").click();
    wait_until("progress is reset", || summary().starts_with("0 of ")).await;
    let stored = local_storage().get_item(STORAGE_KEY).unwrap().expect("stored");
    assert!(Progress::load(Some(&stored)).0.exercises.is_empty());
    root.set_inner_html("");
    clear_progress();
}

/// The theme menu sets data-theme on <html> and remembers the choice; "System" clears it.
#[wasm_bindgen_test]
async fn the_theme_menu_switches_and_remembers() {
    use dockside::ui::theme::THEME_KEY;
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    wait_until("the theme menu shows", || root.query_selector(".theme-menu select").unwrap().is_some()).await;
    let select: web_sys::HtmlSelectElement = root.query_selector(".theme-menu select").unwrap().unwrap().dyn_into().unwrap();
    let html = document().document_element().unwrap();
    let choose = |value: &str| {
        select.set_value(value);
        select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    };
    choose("dark");
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(local_storage().get_item(THEME_KEY).unwrap().as_deref(), Some("dark"));
    choose("system");
    assert_eq!(html.get_attribute("data-theme"), None);
    assert_eq!(local_storage().get_item(THEME_KEY).unwrap().as_deref(), Some("system"));
    local_storage().remove_item(THEME_KEY).unwrap();
    root.set_inner_html("");
}

/// A quiz answers the learner's pick with its explanation, and lets them try the others.
#[wasm_bindgen_test]
async fn a_quiz_explains_the_chosen_answer() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    let question = root.query_selector(".quiz fieldset").unwrap().expect("a question");
    let radios = question.query_selector_all("input[type=radio]").unwrap();
    assert_eq!(radios.length(), 3);
    let feedback = || question.query_selector(".feedback").unwrap().unwrap().text_content().unwrap();
    assert_eq!(feedback(), "", "nothing before a pick");
    let pick = |index: u32| {
        let radio: HtmlInputElement = radios.item(index).unwrap().dyn_into().unwrap();
        radio.click();
    };
    pick(1);
    wait_until("the wrong pick is explained", || feedback().starts_with("Not quite.")).await;
    assert!(feedback().contains("pulled once and shared"), "{}", feedback());
    pick(0);
    wait_until("the right pick is explained", || feedback().starts_with("Right.")).await;
    let label = question.query_selector("label").unwrap().unwrap();
    assert_eq!(label.text_content().unwrap(), "One image and three containers", "each radio has its label");
    root.set_inner_html("");
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// Rewind: back to just after an earlier command, with the world as it was then.
#[wasm_bindgen_test]
async fn rewind_goes_back_to_an_earlier_command() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    type_line(&root, "docker run -d --name web -p 8080:80 nginx").await;
    type_line(&root, "docker run -d --name web2 nginx").await;
    type_line(&root, "echo three").await;
    wait_until("every goal is met", || !goals_text(&root).contains("not done yet")).await;
    let rewind: HtmlElement = root.query_selector("button[aria-label='Rewind to just after command 1']").unwrap().expect("a rewind button per command").dyn_into().unwrap();
    rewind.click();
    wait_until("web2 is gone again", || goals_text(&root).contains("not done yet: a second container")).await;
    assert!(goals_text(&root).contains("done: a container named web is running"), "{}", goals_text(&root));
    assert!(log_text(&root).contains("Rewound to just after command 1 of 3"), "{}", log_text(&root));
    let stored = local_storage().get_item(dockside::progress::STORAGE_KEY).unwrap().unwrap();
    assert!(!stored.contains("web2"), "the stored session is rewound too: {stored}");
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

fn input(root: &Element) -> HtmlInputElement {
    root.query_selector(".terminal-input input").unwrap().expect("the terminal input").dyn_into().unwrap()
}

/// "Try it" types a lesson's line into the terminal; ↑/↓ walk the history, Tab completes,
/// Ctrl-L clears the screen.
#[wasm_bindgen_test]
async fn try_it_history_completion_and_clear() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    let try_it: HtmlElement = root.query_selector("button[aria-label='Try it: docker pull nginx']").unwrap().expect("a Try it button per line").dyn_into().unwrap();
    try_it.click();
    wait_until("the line is typed", || input(&root).value() == "docker pull nginx").await;
    assert_eq!(document().active_element().map(|element| element.id()), Some("terminal-input".into()), "the input has the focus");
    press(&input(&root), "Enter", false).await;
    wait_until("it ran", || log_text(&root).contains("Status: Downloaded newer image for nginx:latest")).await;

    type_line(&root, "echo one").await;
    type_line(&root, "echo two").await;
    press(&input(&root), "ArrowUp", false).await;
    assert_eq!(input(&root).value(), "echo two");
    press(&input(&root), "ArrowUp", false).await;
    assert_eq!(input(&root).value(), "echo one");
    press(&input(&root), "ArrowDown", false).await;
    assert_eq!(input(&root).value(), "echo two");
    press(&input(&root), "ArrowDown", false).await;
    assert_eq!(input(&root).value(), "", "past the newest line is a fresh line");

    type_line(&root, "docker run -d --name web -p 8080:80 nginx").await;
    let field = input(&root);
    field.set_value("docker sto");
    field.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    press(&field, "Tab", false).await;
    assert_eq!(input(&root).value(), "docker stop ", "one candidate completes with a space");
    let field = input(&root);
    field.set_value("docker stop w");
    field.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    press(&field, "Tab", false).await;
    assert_eq!(input(&root).value(), "docker stop web ", "container names complete");

    press(&input(&root), "l", true).await;
    assert_eq!(log_text(&root).trim(), "", "Ctrl-L clears the screen");
    assert_eq!(input(&root).value(), "docker stop web ", "and keeps the typed line");
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

#[wasm_bindgen_test]
fn tab_completes_to_the_longest_shared_prefix_then_lists() {
    use dockside::ui::terminal::complete_line;
    let candidates = vec!["start".to_string(), "stats".to_string(), "stop".to_string()];
    assert_eq!(complete_line("docker sto", &candidates), ("docker stop ".into(), vec![]));
    assert_eq!(complete_line("docker s", &candidates), ("docker st".into(), vec![]), "as far as the candidates agree");
    assert_eq!(complete_line("docker sta", &candidates), ("docker sta".into(), vec!["start".into(), "stats".into()]), "then they are listed");
    assert_eq!(complete_line("ls src/", &["src/ui/".to_string()]), ("ls src/ui/".into(), vec![]), "a directory gets no space");
    assert_eq!(complete_line("docker x", &candidates), ("docker x".into(), vec![]));
}

/// A lesson's second exercise: its button moves the terminal to its own world, and its
/// progress is kept apart from the first's.
#[wasm_bindgen_test]
async fn a_second_exercise_takes_the_terminal_when_asked() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    button(&root, "Work on this exercise in the terminal").click();
    wait_until("the terminal moves", || log_text(&root).contains("The terminal now works on the exercise “Bring a stopped container back”.")).await;
    let second = || root.query_selector("#exercise-start-it-again").unwrap().unwrap().parent_element().unwrap().dyn_into::<HtmlElement>().unwrap().inner_text();
    wait_until("its goals are live", || second().contains("not done yet: a container named web is running")).await;
    type_line(&root, "docker start web").await;
    wait_until("it is solved", || second().contains("Well done")).await;
    assert!(!goals_text(&root).contains("done: "), "the first exercise's world is its own");
    root.set_inner_html("");

    let root = open_lesson("images-and-containers").await;
    let second = root.query_selector("#exercise-start-it-again").unwrap().unwrap().parent_element().unwrap().dyn_into::<HtmlElement>().unwrap().inner_text();
    assert!(second.contains("Solved."), "{second}");
    assert!(button(&root, "Open it in the terminal again").is_connected());
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// A typed answer is checked by its patterns; a prediction is asked before it runs; quiz
/// picks, answers and predictions are all there again after a reload.
#[wasm_bindgen_test]
async fn typed_answers_predictions_and_quiz_picks_are_checked_and_kept() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    let form = root.query_selector(".typed-answer").unwrap().expect("a typed answer");
    let field: HtmlInputElement = form.query_selector("input").unwrap().unwrap().dyn_into().unwrap();
    let feedback = |selector: &str| root.query_selector(selector).unwrap().unwrap().text_content().unwrap();
    for (typed, verdict) in [("docker ps", "Not quite."), ("  docker   ps --all ", "Right.")] {
        field.set_value(typed);
        field.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
        settle().await;
        form.query_selector("button").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
        wait_until("the answer is checked", || feedback(".typed-answer .feedback").starts_with(verdict)).await;
    }

    let code = root.query_selector(".predict legend code").unwrap().expect("backticks in a prompt become code");
    assert_eq!(code.text_content().unwrap(), "docker rm web");
    let run = || button(&root, "Run it");
    assert!(root.query_selector(".predict-output").unwrap().is_none(), "nothing runs before a prediction");
    let choose = button(&root, "Choose a prediction first");
    assert!(choose.has_attribute("disabled"), "Run it waits for a prediction");
    let radio: HtmlInputElement = root.query_selector(".predict input[type=radio]").unwrap().unwrap().dyn_into().unwrap();
    radio.click();
    settle().await;
    run().click();
    wait_until("the output shows", || root.query_selector(".predict-output").unwrap().is_some()).await;
    assert!(feedback(".predict-output").contains("container is running: stop the container before removing or force remove"), "{}", feedback(".predict-output"));
    assert!(feedback(".predict .feedback").starts_with("Right."), "{}", feedback(".predict .feedback"));

    let quiz_radio: HtmlInputElement = root.query_selector(".quiz input[type=radio]").unwrap().unwrap().dyn_into().unwrap();
    quiz_radio.click();
    wait_until("the pick is explained", || feedback(".quiz .feedback").starts_with("Right.")).await;
    root.set_inner_html("");

    let root = open_lesson("images-and-containers").await;
    let feedback = |selector: &str| root.query_selector(selector).unwrap().unwrap().text_content().unwrap();
    assert!(feedback(".quiz .feedback").starts_with("Right."), "the quiz pick is kept");
    assert!(feedback(".typed-answer .feedback").starts_with("Right."), "the typed answer is kept");
    assert!(root.query_selector(".predict-output").unwrap().is_some(), "the prediction ran, and stays run");
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// The host picture follows the terminal: containers with state and ports, where data
/// lives, and what docker stop's signal did to PID 1.
#[wasm_bindgen_test]
async fn the_host_picture_draws_containers_data_and_signals() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    let picture = || root.query_selector(".host-picture").unwrap().expect("a host picture").dyn_into::<HtmlElement>().unwrap().inner_text();
    assert!(picture().contains("Nothing here yet"), "{}", picture());
    type_line(&root, "docker run -d --name web -p 8080:80 -v site:/usr/share/nginx/html nginx").await;
    wait_until("the container shows", || picture().contains("0.0.0.0:8080->80/tcp")).await;
    let text = picture();
    assert!(text.contains("nginx:latest") && text.contains("COPY docker-entrypoint.sh") && text.contains("settings that change no files"), "the image as its stack of layers: {text}");
    assert!(!text.contains("CMD [\"nginx\""), "configuration steps are not drawn as layers: {text}");
    assert!(text.contains("web") && text.contains("running"), "{text}");
    assert!(text.contains("volume site") && text.contains("→ web:/usr/share/nginx/html"), "the volume and who mounts it: {text}");
    assert!(text.contains("PID 1: nginx -g daemon off;"), "the process tree: {text}");
    wait_until("a line joins the volume to web", || root.query_selector_all(".mount-lines line").unwrap().length() == 1).await;
    let line = root.query_selector(".mount-lines line").unwrap().unwrap();
    let coordinate = |name: &str| line.get_attribute(name).unwrap().parse::<i32>().unwrap();
    assert!(coordinate("x2") > coordinate("x1") || coordinate("y2") > coordinate("y1"), "from the card towards the data");
    type_line(&root, "docker stop web").await;
    wait_until("the signal's story shows", || picture().contains("PID 1 received SIGQUIT")).await;
    assert!(picture().contains("exited (0)"), "{}", picture());
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

#[wasm_bindgen_test]
fn the_signal_story_tells_a_handled_stop_from_a_kill_after_the_grace_period() {
    use dockside::ui::host::signal_story;
    assert_eq!(signal_story(&[], None, "SIGTERM"), None);
    assert_eq!(signal_story(&["SIGTERM"], Some((0, None)), "SIGTERM").unwrap(), "PID 1 received SIGTERM. PID 1 handled it and exited by itself with code 0.");
    assert_eq!(
        signal_story(&["SIGTERM", "SIGKILL"], Some((137, Some("SIGKILL"))), "SIGTERM").unwrap(),
        "PID 1 received SIGTERM, then SIGKILL. PID 1 did not stop on SIGTERM, so after the grace period it was killed with SIGKILL: exit code 137."
    );
}

/// Code blocks are highlighted: a Dockerfile's instructions, a console's prompt and output.
#[wasm_bindgen_test]
async fn code_blocks_are_highlighted() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    let dockerfile = root.query_selector("pre.language-dockerfile").unwrap().expect("a dockerfile block");
    let keywords = dockerfile.query_selector_all(".tok-keyword").unwrap();
    let words: Vec<String> = (0..keywords.length()).map(|index| keywords.item(index).unwrap().text_content().unwrap()).collect();
    assert_eq!(words, ["FROM", "WORKDIR", "COPY", "CMD"]);
    assert_eq!(dockerfile.text_content().unwrap(), "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"-m\", \"http.server\", \"8000\"]\n", "the text is untouched");
    let console = root.query_selector("pre.language-console").unwrap().expect("a console block");
    assert_eq!(console.query_selector(".tok-prompt").unwrap().unwrap().text_content().unwrap(), "$ ");
    assert_eq!(console.query_selector(".tok-command").unwrap().unwrap().text_content().unwrap(), "docker");
    root.set_inner_html("");
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// The home page marks a lesson done once every exercise in it is solved.
#[wasm_bindgen_test]
async fn the_home_page_marks_lessons_whose_exercises_are_all_solved() {
    let mut progress = dockside::progress::Progress::new();
    progress.exercise_mut("one-image-two-containers").solved = true;
    local_storage().set_item(dockside::progress::STORAGE_KEY, &progress.to_json()).unwrap();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
    let first_entry = |root: &Element| root.query_selector("section.track li").unwrap().expect("a lesson entry").text_content().unwrap();
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    wait_until("the home page is drawn", || root.query_selector("section.track li").unwrap().is_some()).await;
    assert!(!first_entry(&root).contains("done"), "one of two exercises is not done: {}", first_entry(&root));
    root.set_inner_html("");

    progress.exercise_mut("start-it-again").solved = true;
    local_storage().set_item(dockside::progress::STORAGE_KEY, &progress.to_json()).unwrap();
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    wait_until("the home page is drawn", || root.query_selector("section.track li").unwrap().is_some()).await;
    assert!(first_entry(&root).contains("✓ done"), "{}", first_entry(&root));
    root.set_inner_html("");
    clear_progress();
}

/// A replay that stopped the page last time (the marker is still in storage) is not tried
/// again: the lesson opens with that exercise afresh and says why.
#[wasm_bindgen_test]
async fn a_replay_that_stopped_the_page_is_set_aside_on_the_next_load() {
    let mut engine = dockside::engine::Engine::new(0);
    engine.run("docker run -d --name web -p 8080:80 nginx");
    let mut progress = dockside::progress::Progress::new();
    let record = progress.exercise_mut("one-image-two-containers");
    record.session = Some(engine.session().clone());
    record.hints_shown = 1;
    progress.replaying = Some("one-image-two-containers".into());
    local_storage().set_item(dockside::progress::STORAGE_KEY, &progress.to_json()).unwrap();
    let root = open_lesson("images-and-containers").await;
    let notice = root.query_selector(".notice").unwrap().expect("a notice").text_content().unwrap();
    assert!(notice.contains("stopped the simulator last time"), "{notice}");
    assert!(!goals_text(&root).contains("done: "), "the session was not replayed: {}", goals_text(&root));
    assert_eq!(root.query_selector_all(".hint").unwrap().length(), 1, "the opened hint is kept");
    let stored = local_storage().get_item(dockside::progress::STORAGE_KEY).unwrap().unwrap();
    assert!(!stored.contains("replaying"), "the marker is cleared: {stored}");
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

#[wasm_bindgen_test]
fn routes_read_and_write_the_paths_after_the_public_path() {
    use dockside::ui::Route;
    assert_eq!(Route::recognize(""), Route::Home);
    assert_eq!(Route::recognize("lessons/data"), Route::Lesson { slug: "data".into() });
    assert_eq!(Route::recognize("lessons/data/"), Route::Lesson { slug: "data".into() }, "a trailing slash is the same page");
    assert_eq!(Route::recognize("lessons/data?x=1#top"), Route::Lesson { slug: "data".into() });
    assert_eq!(Route::recognize("lessons/"), Route::NotFound);
    assert_eq!(Route::recognize("no/such/page"), Route::NotFound);
    for route in [Route::Home, Route::Lesson { slug: "compose".into() }] {
        assert_eq!(Route::recognize(&route.path()), route);
    }
}

/// Links move between pages without a reload, and Back returns.
#[wasm_bindgen_test]
async fn links_navigate_in_the_page_and_back_returns() {
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    settle().await;
    let link: HtmlElement = root.query_selector("a[href='/lessons/data']").unwrap().expect("a link to the data lesson").dyn_into().unwrap();
    link.click();
    wait_until("the lesson is drawn", || root.query_selector("article h1").unwrap().is_some_and(|h1| h1.text_content().unwrap() == "Data")).await;
    assert_eq!(web_sys::window().unwrap().location().pathname().unwrap(), "/lessons/data");
    web_sys::window().unwrap().history().unwrap().back().unwrap();
    wait_until("Back returns home", || root.query_selector("section.track").unwrap().is_some()).await;
    root.set_inner_html("");
}

#[wasm_bindgen_test]
fn pasted_lines_split_after_what_was_typed() {
    use dockside::ui::terminal::split_paste;
    assert_eq!(split_paste("echo ", "one\necho two\n"), (vec!["echo one".to_string(), "echo two".to_string()], String::new()));
    assert_eq!(split_paste("", "a\r\nb"), (vec!["a".to_string()], "b".to_string()), "Windows line ends; the last line waits");
}

/// Pasting several lines runs each of them, as a terminal does; the last, unfinished line
/// waits in the input.
#[wasm_bindgen_test]
async fn pasting_several_lines_runs_each() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", "echo one\necho two\necho thr").unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let paste = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    input(&root).dispatch_event(&paste).unwrap();
    wait_until("both lines ran", || log_text(&root).contains("$ echo two\ntwo")).await;
    assert!(log_text(&root).contains("$ echo one\none"), "{}", log_text(&root));
    assert_eq!(input(&root).value(), "echo thr");
    let stored = local_storage().get_item(dockside::progress::STORAGE_KEY).unwrap().unwrap();
    assert!(stored.contains("echo two"), "each pasted line is kept like a typed one: {stored}");
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}

/// `docker run -it python` gives Python's prompt in the terminal, and Ctrl-D gives the host's
/// back.
#[wasm_bindgen_test]
async fn an_interpreter_takes_the_prompt_and_ctrl_d_gives_it_back() {
    clear_progress();
    let root = open_lesson("images-and-containers").await;
    let prompt = || root.query_selector(".terminal-input .prompt").unwrap().unwrap().text_content().unwrap();
    type_line(&root, "docker run -it --rm python").await;
    wait_until("Python's prompt", || prompt() == ">>> ").await;
    type_line(&root, "print(6 * 7)").await;
    assert!(log_text(&root).ends_with(">>> print(6 * 7)\n42"), "{}", log_text(&root));
    press(&input(&root), "d", true).await;
    wait_until("the host's prompt", || prompt() == "$ ").await;
    root.set_inner_html("");
    clear_progress();
    web_sys::window().unwrap().history().unwrap().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
}
