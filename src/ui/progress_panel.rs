//! "Your progress" on the home page: how far the learner is, and their progress as a file
//! (export, import) or wiped (reset, after a confirmation).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::CourseContext;
use super::document::ConfirmButton;
use super::storage;
use crate::progress::Progress;

/// The name an exported file gets.
const EXPORT_NAME: &str = "dockside-progress.json";

#[function_component(ProgressPanel)]
pub fn progress_panel() -> Html {
    let course = use_context::<CourseContext>().expect("the course context").0;
    let progress = use_state(|| Rc::new(storage::load().0));
    let status = use_state(String::new);

    // Counted against the course's exercises, so that ids from an older course or an
    // imported file do not inflate the count.
    // (The index that the site starts with has each lesson's exercise ids, not its body.)
    let exercise_ids: Vec<&str> = course.lessons.iter().flat_map(|lesson| lesson.exercises.iter().map(String::as_str)).collect();
    let total = exercise_ids.len();
    let solved = progress.solved().filter(|id| exercise_ids.contains(id)).count();

    let export = {
        let (progress, status) = (progress.clone(), status.clone());
        Callback::from(move |_: MouseEvent| status.set(match download(EXPORT_NAME, &progress.to_json()) {
            Ok(()) => format!("Saved your progress as {EXPORT_NAME}."),
            Err(()) => "This browser would not save the file.".into(),
        }))
    };
    let import = {
        let (progress, status) = (progress.clone(), status.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let (progress, status) = (progress.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|text| text.as_string());
                let message = match text.as_deref().map(Progress::import) {
                    Some(Ok((imported, recoveries))) => {
                        let mut message = format!("Imported progress for {} {}.", imported.exercises.len(), if imported.exercises.len() == 1 { "exercise" } else { "exercises" });
                        for recovery in recoveries {
                            message.push(' ');
                            message.push_str(&recovery.message());
                        }
                        if let Err(problem) = storage::save(&imported) {
                            message = problem;
                        }
                        progress.set(Rc::new(imported));
                        message
                    }
                    Some(Err(problem)) => problem,
                    None => "That file could not be read: nothing was changed.".into(),
                };
                status.set(message);
            });
        })
    };
    let reset = {
        let (progress, status) = (progress.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let fresh = Progress::new();
            status.set(match storage::save(&fresh) {
                Ok(()) => "Your progress in this browser is reset.".into(),
                Err(problem) => problem,
            });
            progress.set(Rc::new(fresh));
        })
    };

    html! {
        <section class="progress-panel" aria-labelledby="progress-heading">
            <h2 id="progress-heading">{ "Your progress" }</h2>
            <p class="progress-summary">{ format!("{solved} of {total} {} solved. Progress stays in this browser; export it to move it to another.", if total == 1 { "exercise" } else { "exercises" }) }</p>
            <div class="exercise-actions">
                <button type="button" onclick={export}>{ "Export progress" }</button>
                <label class="file-button">{ "Import progress" }
                    <input type="file" accept=".json,application/json" class="visually-hidden" onchange={import} />
                </label>
                <ConfirmButton label="Reset all progress…" question="Forget every exercise in this browser?" yes="Yes, reset" no="Keep it" on_confirm={reset} />
            </div>
            <p role="status" class="progress-status">{ (*status).clone() }</p>
        </section>
    }
}

/// Offers `text` as a file download, through a Blob URL and a temporary link.
fn download(name: &str, text: &str) -> Result<(), ()> {
    let document = web_sys::window().and_then(|window| window.document()).ok_or(())?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| ())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ())?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| ())?.dyn_into().map_err(|_| ())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Revoking at once can cancel the download in some browsers; give it a moment.
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(std::time::Duration::from_secs(10)).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}
