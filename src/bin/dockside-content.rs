//! dockside-content: writes the lesson files the site fetches when a lesson is opened
//! (`content/<slug>-<hash>.json`, from the same `Course::split` that gives the wasm its
//! index) into a site folder. Trunk runs it after each build (Trunk.toml's post_build hook).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::Path;
    let Some(site) = std::env::args().nth(1) else {
        eprintln!("usage: dockside-content SITE_DIR   (writes SITE_DIR/content/<slug>-<hash>.json)");
        return std::process::ExitCode::from(2);
    };
    let course = match dockside::course::Course::from_files(dockside::content::files::FILES) {
        Ok(course) => course,
        Err(errors) => {
            for error in errors {
                eprintln!("{error}");
            }
            return std::process::ExitCode::FAILURE;
        }
    };
    let (_, files) = course.split();
    for (name, json) in files {
        let path = Path::new(&site).join(&name);
        let written = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&path, json));
        if let Err(error) = written {
            eprintln!("dockside-content: {}: {error}", path.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
