//! End to end: the release build behind nginx with the project's own configuration, driven
//! in headless Chromium, at the root and under a sub-path as a wiki would host it. Every page
//! visited must log no error and no Content-Security-Policy violation, and pass an axe-core
//! audit with no serious or critical violation. On failure the test leaves a screenshot and
//! the console log in target/test-output/e2e/.
//!
//! scripts/test builds the two sites into target/e2e/ first and runs this with `--features e2e`.

#[path = "support/browser.rs"]
mod browser;

use browser::{Browser, Nginx, built_site};
use fantoccini::Locator;
use fantoccini::key::Key;

const LESSON: &str = "images-and-containers";

/// Everything a visitor does, returning the first thing that went wrong.
async fn visit(browser: &Browser, nginx: &Nginx, base: &str, console: &mut Vec<(String, String)>, name: &str) -> Result<(), String> {
    let client = &browser.client;
    let check_page = |page: &'static str| async move {
        let entries = browser.console().await;
        let violations = browser.accessibility_violations().await;
        (page, entries, violations)
    };
    let mut judge = |(page, entries, violations): (&str, Vec<(String, String)>, Vec<String>)| {
        let errors: Vec<String> = entries.iter().filter(|(level, _)| level == "SEVERE").map(|(_, message)| message.clone()).collect();
        console.extend(entries);
        if !errors.is_empty() {
            return Err(format!("the {page} page logged errors (page errors or CSP violations): {errors:#?}"));
        }
        if !violations.is_empty() {
            return Err(format!("the {page} page fails the accessibility audit: {violations:#?}"));
        }
        Ok(())
    };

    // The home page lists the tracks.
    client.goto(&nginx.url(base)).await.map_err(|error| error.to_string())?;
    browser.wait_for_text("h1", "learn containers by doing").await?;
    browser.wait_for_text("section.track h3", "workshop").await?;
    save_screenshot(browser, &format!("{name}-home")).await;
    judge(check_page("home").await)?;

    // A link leads to the lesson, at a URL under the public path.
    let link = client.find(Locator::Css(&format!("a[href='{base}lessons/{LESSON}']"))).await.map_err(|error| format!("the home page links to the lesson: {error}"))?;
    link.click().await.map_err(|error| error.to_string())?;
    browser.wait_for_text("article h1", "Images and containers").await?;
    let url = client.current_url().await.map_err(|error| error.to_string())?;
    if url.path() != format!("{base}lessons/{LESSON}") {
        return Err(format!("the lesson's URL is {url}, not under {base}"));
    }

    // A reload on the deep link draws the same lesson.
    client.refresh().await.map_err(|error| error.to_string())?;
    browser.wait_for_text("article h1", "Images and containers").await?;
    save_screenshot(browser, &format!("{name}-lesson")).await;
    judge(check_page("lesson").await)?;

    // The terminal: a textbox named "Terminal"; `echo hello` answers `hello` in the log.
    let input = browser.find_by_role("input", "textbox", "Terminal").await?;
    input.send_keys(&format!("echo hello{}", char::from(Key::Enter))).await.map_err(|error| error.to_string())?;
    let log = browser.find_by_role("[role=log]", "log", "Terminal").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = log.text().await.map_err(|error| error.to_string())?;
        if text.lines().any(|line| line == "hello") {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("the terminal never answered `hello`; its log reads {text:?}"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    judge(check_page("lesson after echo").await)?;

    // Progress: a command that meets goals survives a reload, replayed into the same world.
    input.send_keys(&format!("docker run -d --name web -p 8080:80 nginx{}", char::from(Key::Enter))).await.map_err(|error| error.to_string())?;
    browser.wait_for_text("ul[aria-label=Goals] li.met", "a container named web is running").await?;
    client.refresh().await.map_err(|error| error.to_string())?;
    browser.wait_for_text("ul[aria-label=Goals] li.met", "a container named web is running").await?;
    browser.wait_for_text("[role=log]", "Welcome back: your 2 commands in this exercise were replayed.").await?;
    judge(check_page("lesson with progress").await)?;

    // The interactive blocks, for the record: a prediction, a typed answer and the quiz.
    client.execute("document.querySelector('.predict').scrollIntoView()", vec![]).await.map_err(|error| error.to_string())?;
    save_screenshot(browser, &format!("{name}-lesson-blocks")).await;

    // The theme menu: Dark turns the page dark (style.css's light-dark() through color-scheme).
    let background = || async {
        client.execute("return getComputedStyle(document.body).backgroundColor", vec![]).await.map_err(|error| error.to_string()).map(|value| value.as_str().unwrap_or_default().to_string())
    };
    client.execute("const s = document.querySelector('.theme-menu select'); s.value = 'light'; s.dispatchEvent(new Event('change'));", vec![]).await.map_err(|error| error.to_string())?;
    let light = background().await?;
    client.execute("const s = document.querySelector('.theme-menu select'); s.value = 'dark'; s.dispatchEvent(new Event('change'));", vec![]).await.map_err(|error| error.to_string())?;
    let dark = background().await?;
    if (light.as_str(), dark.as_str()) != ("rgb(255, 255, 255)", "rgb(15, 19, 24)") {
        return Err(format!("the theme menu does not switch the page's colours: light {light}, dark {dark}"));
    }
    save_screenshot(browser, &format!("{name}-lesson-dark")).await;
    judge(check_page("lesson, dark").await)?;

    // An unknown address gets the app's not-found page, not nginx's.
    client.goto(&nginx.url(&format!("{base}no/such/page"))).await.map_err(|error| error.to_string())?;
    browser.wait_for_text("h1", "Page not found").await?;
    save_screenshot(browser, &format!("{name}-not-found")).await;
    judge(check_page("not found").await)?;

    // Two exercises done through the terminal, as a learner would (once, on the root build:
    // the sub-path build shares every line of this code).
    if base != "/" {
        return Ok(());
    }
    let light = "const s = document.querySelector('.theme-menu select'); s.value = 'light'; s.dispatchEvent(new Event('change'));";
    client.execute(light, vec![]).await.map_err(|error| error.to_string())?;

    // Lesson 4: make docker stop reach redis. The goals tick as the lines run; undo takes
    // the stop back; a reload keeps the work.
    client.goto(&nginx.url(&format!("{base}lessons/entrypoint-and-cmd"))).await.map_err(|error| error.to_string())?;
    browser.wait_for_text("article h1", "ENTRYPOINT").await?;
    let goals = "#exercise-signals-reach-the-app ~ ul[aria-label=Goals]";
    type_lines(browser, &["cat > Dockerfile <<'EOF'", "FROM redis:8", "CMD [\"redis-server\", \"--appendonly\", \"yes\"]", "EOF", "docker build -t cache ."]).await?;
    browser.wait_for_text(&format!("{goals} li.met"), "the cache image is built").await?;
    type_lines(browser, &["docker run -d --name cache cache", "docker stop cache"]).await?;
    browser.wait_for_text(".exercise-status", "Well done: every goal is met.").await?;
    save_screenshot(browser, &format!("{name}-exercise-solved")).await;
    judge(check_page("lesson 4, solved").await)?;
    client.find(Locator::XPath("//button[normalize-space()='Undo last command']")).await.map_err(|error| format!("an undo button: {error}"))?.click().await.map_err(|error| error.to_string())?;
    browser.wait_for_text("[role=log]", "Undid `docker stop cache`").await?;
    browser.wait_for_text(&format!("{goals} li:not(.met)"), "cache exited cleanly").await?;
    browser.wait_for_text(".host-picture", "running").await?;
    type_lines(browser, &["docker stop cache"]).await?;
    browser.wait_for_text(".exercise-status", "Well done").await?;
    browser.wait_for_text(".signal-story", "PID 1 received SIGTERM").await?;
    client.refresh().await.map_err(|error| error.to_string())?;
    browser.wait_for_text("[role=log]", "Welcome back").await?;
    browser.wait_for_text(".exercise-status", "Well done").await?;

    // A lesson file that cannot be fetched: the page says so and offers to try again, which
    // works once the file is back.
    let content = nginx.root.join(base.trim_matches('/')).join("content");
    let hidden: Vec<(std::path::PathBuf, std::path::PathBuf)> = std::fs::read_dir(&content)
        .map_err(|error| error.to_string())?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.file_name().is_some_and(|file| file.to_string_lossy().starts_with("networking-")))
        .map(|path| (path.clone(), std::path::PathBuf::from(format!("{}.hidden", path.display()))))
        .collect();
    for (path, aside) in &hidden {
        std::fs::rename(path, aside).map_err(|error| error.to_string())?;
    }
    client.goto(&nginx.url(&format!("{base}lessons/networking"))).await.map_err(|error| error.to_string())?;
    let failed = browser.wait_for_text("[role=alert]", "This lesson could not be loaded").await;
    for (path, aside) in &hidden {
        std::fs::rename(aside, path).map_err(|error| error.to_string())?;
    }
    failed?;
    browser.wait_for_text("[role=alert]", "Your progress is safe").await?;
    save_screenshot(browser, &format!("{name}-lesson-unavailable")).await;
    // The browser logs the 404 itself, as it should; nothing else may be logged.
    let (page, entries, violations) = check_page("lesson that could not be loaded").await;
    let entries = entries.into_iter().filter(|(_, message)| !(message.contains("content/networking-") && message.contains("404"))).collect();
    judge((page, entries, violations))?;
    client.find(Locator::XPath("//button[normalize-space()='Try again']")).await.map_err(|error| error.to_string())?.click().await.map_err(|error| error.to_string())?;
    browser.wait_for_text("article h1", "Networking").await?;

    // Lesson 6: a database that survives docker rm, with a phone-sized screenshot.
    client.goto(&nginx.url(&format!("{base}lessons/data"))).await.map_err(|error| error.to_string())?;
    browser.wait_for_text("article h1", "Data").await?;
    let goals = "#exercise-postgres-survives-rm ~ ul[aria-label=Goals]";
    type_lines(browser, &["docker rm -f db"]).await?;
    browser.wait_for_text(&format!("{goals} li:not(.met)"), "a container named db is running").await?;
    type_lines(browser, &["docker run -d --name db -e POSTGRES_PASSWORD=pw -v pgdata:/var/lib/postgresql postgres"]).await?;
    browser.wait_for_text(&format!("{goals} li.met"), "pgdata holds a postgres database").await?;
    browser.wait_for_text(".exercise-status", "Well done: every goal is met.").await?;
    browser.wait_for_text(".host-picture", "→ db:/var/lib/postgresql").await?;
    save_screenshot(browser, &format!("{name}-host-picture")).await;
    judge(check_page("lesson 6, solved").await)?;
    client.refresh().await.map_err(|error| error.to_string())?;
    browser.wait_for_text(".exercise-status", "Well done").await?;
    client.set_window_size(360, 800).await.map_err(|error| error.to_string())?;
    save_screenshot(browser, &format!("{name}-lesson-phone")).await;
    judge(check_page("lesson 6 on a phone").await)?;
    // Elements that stick out past the right edge (inside a scroll box is fine).
    let script = "if (document.documentElement.scrollWidth <= window.innerWidth) return [];
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
            && !e.closest('.table-scroll, pre, .terminal-output, .layer')).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));";
    let overflow = client.execute(script, vec![]).await.map_err(|error| error.to_string())?;
    if overflow.as_array().is_none_or(|sticking_out| !sticking_out.is_empty()) {
        return Err(format!("at 360 px wide the lesson page scrolls sideways: {overflow}"));
    }
    client.set_window_size(1280, 900).await.map_err(|error| error.to_string())?;
    Ok(())
}

/// Types each line into the terminal and waits for the log to show it run.
async fn type_lines(browser: &Browser, lines: &[&str]) -> Result<(), String> {
    for line in lines {
        let input = browser.find_by_role("input", "textbox", "Terminal").await?;
        input.send_keys(&format!("{line}{}", char::from(Key::Enter))).await.map_err(|error| error.to_string())?;
        browser.wait_for_text("[role=log]", line).await.map_err(|error| format!("after typing {line:?}: {error}"))?;
    }
    Ok(())
}

async fn save_screenshot(browser: &Browser, name: &str) {
    if let Ok(png) = browser.client.screenshot().await {
        let _ = std::fs::write(browser::output_dir().join(format!("{name}.png")), png);
    }
}

/// Runs `visit` for one build, and on failure leaves the evidence and fails.
async fn journey(site: &str, base: &str) {
    let nginx = Nginx::start(&built_site(site), base);
    let browser = Browser::start().await;
    let mut console = Vec::new();
    let result = visit(&browser, &nginx, base, &mut console, site).await;
    if let Err(problem) = result {
        let dir = browser.save_evidence(&format!("{site}-failure"), &console).await;
        browser.stop().await;
        panic!("{problem}\n(screenshot and console log in {})", dir.display());
    }
    browser.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_works_at_the_root() {
    journey("root", "/").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_works_under_a_sub_path() {
    journey("sub-path", "/some/path/").await;
}

/// The console check above is only worth something if a violation of the real policy shows
/// up in it: serve a page with an inline script through the same nginx and look for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_content_security_policy_violation_is_caught() {
    let nginx = Nginx::start(&built_site("root"), "/");
    std::fs::write(nginx.root.join("csp-canary.html"), "<!DOCTYPE html><html lang=en><title>canary</title><script>document.title='ran'</script></html>").unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&nginx.url("/csp-canary.html")).await.unwrap();
    let title = browser.client.title().await.unwrap();
    let console = browser.console().await;
    browser.stop().await;
    assert_eq!(title, "canary", "the inline script must not run");
    assert!(
        console.iter().any(|(level, message)| level == "SEVERE" && message.contains("Content Security Policy")),
        "the violation must reach the console log the tests read: {console:?}"
    );
}

/// Likewise the audit: a page with an unlabelled textbox and an image without alt text must
/// come back with serious or critical violations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accessibility_audit_catches_violations() {
    let nginx = Nginx::start(&built_site("root"), "/");
    std::fs::write(nginx.root.join("axe-canary.html"), "<!DOCTYPE html><html lang=en><title>canary</title><main><input type=text><img src=favicon.svg></main></html>").unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&nginx.url("/axe-canary.html")).await.unwrap();
    let violations = browser.accessibility_violations().await;
    browser.stop().await;
    assert!(violations.iter().any(|v| v.contains(": label:")), "an unlabelled input is reported: {violations:?}");
    assert!(violations.iter().any(|v| v.contains(": image-alt:")), "an image without alt is reported: {violations:?}");
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

/// What the nginx configuration promises: types, caching, precompression, fallback, headers.
#[test]
fn nginx_serves_types_caching_compression_and_headers() {
    let site = built_site("root");
    let nginx = Nginx::start(&site, "/");
    let wasm = std::fs::read_dir(&site).unwrap().flatten().map(|entry| entry.file_name().to_string_lossy().into_owned()).find(|name| name.ends_with("_bg.wasm")).expect("a wasm file");

    let (status, headers, body) = nginx.get(&format!("/{wasm}"), &[]);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/wasm"));
    assert_eq!(header(&headers, "cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(body, std::fs::read(site.join(&wasm)).unwrap());

    let (_, headers, body) = nginx.get(&format!("/{wasm}"), &[("Accept-Encoding", "gzip, deflate, br")]);
    assert_eq!(header(&headers, "content-encoding"), Some("br"), "the precompressed brotli file is served");
    assert_eq!(body, std::fs::read(site.join(format!("{wasm}.br"))).unwrap());
    let (_, headers, _) = nginx.get(&format!("/{wasm}"), &[("Accept-Encoding", "gzip")]);
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"));

    for path in ["/", "/lessons/images-and-containers", "/no/such/page"] {
        let (status, headers, body) = nginx.get(path, &[]);
        assert_eq!(status, 200, "{path} falls back to index.html");
        assert_eq!(body, std::fs::read(site.join("index.html")).unwrap(), "{path} is index.html");
        assert_eq!(header(&headers, "cache-control"), Some("no-cache"), "{path}: index.html is revalidated");
        let policy = header(&headers, "content-security-policy").expect("a policy");
        for directive in ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "connect-src ", "frame-ancestors "] {
            assert!(policy.contains(directive), "the policy has {directive}: {policy}");
        }
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"), "{policy}");
        assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
    }
    // A lesson file: JSON, cached for good (its name carries its hash), precompressed.
    let lesson = std::fs::read_dir(site.join("content")).unwrap().flatten().map(|entry| entry.file_name().to_string_lossy().into_owned()).find(|name| name.starts_with("images-and-containers-") && name.ends_with(".json")).expect("the first lesson's file");
    let (status, headers, body) = nginx.get(&format!("/content/{lesson}"), &[]);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    assert_eq!(header(&headers, "cache-control"), Some("public, max-age=31536000, immutable"));
    assert!(serde_json::from_slice::<dockside::course::Lesson>(&body).is_ok(), "the file is a lesson");
    let (_, headers, _) = nginx.get(&format!("/content/{lesson}"), &[("Accept-Encoding", "br")]);
    assert_eq!(header(&headers, "content-encoding"), Some("br"));
    let (status, _, _) = nginx.get("/content/images-and-containers-0123456789abcdef.json", &[]);
    assert_eq!(status, 404, "a missing lesson file is a 404, never index.html passed off as JSON");
    let (_, headers, _) = nginx.get("/content/images-and-containers-0123456789abcdef.json", &[]);
    assert!(header(&headers, "cache-control").is_none_or(|value| !value.contains("immutable")), "a 404 must not be cached for a year: a file missing during a deploy would stay missing");

    let (status, headers, _) = nginx.get("/missing-0123456789abcdef.js", &[]);
    assert_eq!(status, 404, "a missing hashed asset is a 404, not the app");
    assert!(header(&headers, "content-security-policy").is_some(), "error responses carry the headers too");
}
