//! Light and dark themes: the system's by default, or the learner's choice, remembered in
//! localStorage and applied as `data-theme` on `<html>` (see style.css).

use yew::prelude::*;

/// Where the choice is kept.
pub const THEME_KEY: &str = "dockside.theme";

/// The choices, as stored and as `data-theme` values ("system" sets none).
const CHOICES: [(&str, &str); 3] = [("system", "System"), ("light", "Light"), ("dark", "Dark")];

fn stored() -> String {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .and_then(|storage| storage.get_item(THEME_KEY).ok().flatten())
        .filter(|choice| CHOICES.iter().any(|(value, _)| value == choice))
        .unwrap_or_else(|| "system".into())
}

/// Sets `data-theme` for a choice; called at start, before the first paint of the app.
pub fn apply(choice: &str) {
    let Some(root) = web_sys::window().and_then(|window| window.document()).and_then(|document| document.document_element()) else { return };
    let _ = match choice {
        "light" | "dark" => root.set_attribute("data-theme", choice),
        _ => root.remove_attribute("data-theme"),
    };
}

/// Applies the stored choice.
pub fn apply_stored() {
    apply(&stored());
}

/// The theme menu in the site header.
#[function_component(ThemeMenu)]
pub fn theme_menu() -> Html {
    let choice = use_state(stored);
    let onchange = {
        let choice = choice.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            let value = select.value();
            apply(&value);
            // Not being able to remember it (storage off or full) only costs the next visit.
            if let Some(storage) = web_sys::window().and_then(|window| window.local_storage().ok().flatten()) {
                let _ = storage.set_item(THEME_KEY, &value);
            }
            choice.set(value);
        })
    };
    html! {
        <label class="theme-menu">{ "Theme " }
            <select {onchange}>
                { for CHOICES.iter().map(|(value, label)| html! {
                    <option value={*value} selected={*choice == *value}>{ *label }</option>
                }) }
            </select>
        </label>
    }
}
