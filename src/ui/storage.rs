//! The progress store: `crate::progress` as JSON in localStorage. Storage may be missing
//! (private windows, blocked cookies), full, or hold anything; none of that stops the app.

use crate::progress::{Progress, Recovery, STORAGE_KEY};

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What storage holds, with what had to be done to read it.
pub fn load() -> (Progress, Vec<Recovery>) {
    let stored = local_storage().and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten());
    Progress::load(stored.as_deref())
}

/// Writes the progress; on failure (no storage, over quota) says why, and the app goes on
/// with the progress in memory.
pub fn save(progress: &Progress) -> Result<(), String> {
    let storage = local_storage().ok_or("This browser does not let the site keep progress (storage is off), so it lasts until you close the page.")?;
    storage
        .set_item(STORAGE_KEY, &progress.to_json())
        .map_err(|_| "Your progress could not be saved: the browser's storage for this site is full. It is kept until you close the page; export it to keep it.".to_string())
}
