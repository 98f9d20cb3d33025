//! `baucu serve` as an editor uses it: the binary serves a copy of the sample project
//! on free loopback ports; the test edits, breaks, fixes and deletes files behind it
//! and watches the pages over plain HTTP and the live-reload event stream. It also
//! tries to read files outside the preview folder. No assertion depends on timing:
//! every wait polls up to a generous deadline.

mod common;
#[path = "serve/harness.rs"]
mod harness;
#[path = "serve/probes.rs"]
mod probes;

use common::*;
use harness::*;
use std::path::PathBuf;
use std::process::Command;

const NEWS: &str = "content/quang-ninh/news/2026-03-15-cu-tri-quang-ninh-di-bau-cu";
const NEWS_URL: &str = "/tin-tuc/cu-tri-quang-ninh-di-bau-cu/";
const OLD_TITLE: &str = "Cử tri Quảng Ninh nô nức đi bầu cử";
const NEW_TITLE: &str = "Cử tri Quảng Ninh đi bầu từ sáng sớm";
/// A news item no other page links to: deleting it is no mistake.
const GONE: &str = "content/quang-ninh/news/2025-12-23-an-dinh-don-vi-bau-cu";
const GONE_URL: &str = "/tin-tuc/an-dinh-don-vi-bau-cu/";

#[test]
fn serve_rebuilds_reloads_shows_mistakes_and_stays_inside_the_preview() {
    let project = sample_copy();
    let root = project.path();
    let serving = Serving::start(root, &[]);
    let qn = serving.url("quang-ninh").to_string();
    let dn = serving.url("da-nang").to_string();
    assert_ne!(qn, dn, "each province on its own port");

    // The preview goes to its own folder, never public/.
    let preview = root.join(".baucu-serve");
    assert!(preview.join("quang-ninh/index.html").is_file());
    assert!(
        !root.join("public").exists(),
        "serve must not write public/"
    );

    // A news page, with the live-reload script injected by the server only.
    let page = get(&qn, NEWS_URL);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("Cache-Control"), Some("no-store"));
    assert_eq!(h1(&page.body), OLD_TITLE);
    assert!(page.body.contains("<script src=\"/__baucu/live.js\""));
    let script = get(&qn, "/__baucu/live.js");
    assert_eq!(script.status, 200);
    assert!(script
        .header("Content-Type")
        .unwrap()
        .starts_with("text/javascript"));
    assert!(script.body.contains("EventSource"));
    // The item deleted at the end, in both languages.
    let english_url = {
        let reply = get(&qn, GONE_URL);
        assert_eq!(reply.status, 200);
        let html = scraper::Html::parse_document(&reply.body);
        let links = select(&html, ".head > nav a[hreflang=en]");
        links[0].value().attr("href").unwrap().to_string()
    };
    assert_eq!(get(&qn, &english_url).status, 200, "{english_url}");

    // A missing address gets the 404 page of its language.
    for (path, lang, title) in [
        ("/khong-co-trang-nay/", "vi", "Không tìm thấy trang"),
        ("/en/no-such-page/", "en", "Page not found"),
        ("/en/news/no-such-item/", "en", "Page not found"),
    ] {
        let reply = get(&qn, path);
        assert_eq!(reply.status, 404, "{path}");
        let html = scraper::Html::parse_document(&reply.body);
        assert_eq!(
            select(&html, "html")[0].value().attr("lang"),
            Some(lang),
            "{path}"
        );
        assert_eq!(h1(&reply.body), title, "{path}");
    }

    // The event stream says hello (it is subscribed) before anything is edited.
    let stream = events(&qn);
    wait_for_event(&serving, &stream, "ok", |_| true);

    // Edit the title: the page shows it and the stream names the page.
    replace_in(root, &format!("{NEWS}.md"), OLD_TITLE, NEW_TITLE);
    serving.eventually("the new title served", || {
        (h1(&get(&qn, NEWS_URL).body) == NEW_TITLE).then_some(())
    });
    wait_for_event(&serving, &stream, "reload", |data| {
        data.contains(&format!("\"{NEWS_URL}\""))
    });

    // The files on disk have no trace of the live-reload script.
    for file in html_files(&preview) {
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(
            !html.contains("__baucu"),
            "{} has the live-reload script",
            file.display()
        );
    }

    // Content types and folders.
    let home = scraper::Html::parse_document(&get(&qn, "/").body);
    let css = select(&home, "link[rel=stylesheet]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    for (path, expected) in [
        (css.as_str(), "text/css; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/du-lieu/ung-cu-vien.json", "application/json"),
        ("/du-lieu/ung-cu-vien.csv", "text/csv; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let reply = get(&qn, path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("Content-Type"), Some(expected), "{path}");
        assert!(!reply.body.contains("__baucu"), "{path}: nothing injected");
    }
    let folder = get(&qn, "/tin-tuc");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location"), Some("/tin-tuc/"));

    // Break the YAML: the pages show the mistake over the last good output.
    let province_yaml = root.join("content/quang-ninh/province.yaml");
    let good_yaml = std::fs::read_to_string(&province_yaml).unwrap();
    let line = replace_in(
        root,
        "content/quang-ninh/province.yaml",
        "name:\n",
        "name: [\n",
    );
    let broken = serving.eventually("the error overlay", || {
        let reply = get(&qn, NEWS_URL);
        reply.body.contains("id=\"baucu-overlay\"").then_some(reply)
    });
    assert_eq!(broken.status, 200);
    assert_eq!(
        h1(&broken.body),
        NEW_TITLE,
        "the last good page is still served"
    );
    let overlay = scraper::Html::parse_document(&broken.body);
    let alert = select(&overlay, "#baucu-overlay[role=alert]");
    assert_eq!(alert.len(), 1, "one overlay");
    let place = text_of(&select(&overlay, "#baucu-overlay .baucu-place")[0]);
    assert!(
        place.starts_with(&format!("content/quang-ninh/province.yaml:{line}")),
        "the overlay names file and line: {place}"
    );
    let error = wait_for_event(&serving, &stream, "error", |data| {
        data.contains("content/quang-ninh/province.yaml")
    });
    assert!(error.contains("\"line\":"), "{error}");
    assert!(
        serving.log().contains("content/quang-ninh/province.yaml"),
        "printed"
    );
    // Another province's pages are not blamed for it.
    assert!(!get(&dn, "/").body.contains("baucu-overlay"));

    // Fix it: the overlay goes, and the open pages are told.
    std::fs::write(&province_yaml, good_yaml).unwrap();
    serving.eventually("the overlay gone", || {
        let reply = get(&qn, NEWS_URL);
        (reply.status == 200 && !reply.body.contains("baucu-overlay")).then_some(())
    });
    wait_for_event(&serving, &stream, "reload", |_| true);

    // Delete a news item (both languages): its pages are gone, with the portal's 404.
    std::fs::remove_file(root.join(format!("{GONE}.md"))).unwrap();
    std::fs::remove_file(root.join(format!("{GONE}.en.md"))).unwrap();
    let gone = serving.eventually("404 for the deleted item", || {
        let reply = get(&qn, GONE_URL);
        (reply.status == 404).then_some(reply)
    });
    assert_eq!(
        gone.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        h1(&gone.body),
        "Không tìm thấy trang",
        "the portal's own 404 page"
    );
    assert!(
        gone.body.contains("/__baucu/live.js"),
        "404 pages reload too"
    );
    serving.eventually("404 for the deleted translation", || {
        (get(&qn, &english_url).status == 404).then_some(())
    });
    wait_for_event(&serving, &stream, "reload", |data| {
        data.contains(&format!("\"{GONE_URL}\""))
    });
    assert!(!preview.join("quang-ninh").join(&GONE_URL[1..]).exists());

    // Rename a news item: the old address is gone, the new one is there.
    let renamed = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu";
    assert_eq!(get(&qn, "/tin-tuc/tap-huan-nghiep-vu-bau-cu/").status, 200);
    std::fs::rename(
        root.join(format!("{renamed}.md")),
        root.join("content/quang-ninh/news/2026-01-08-tap-huan-bau-cu.md"),
    )
    .unwrap();
    serving.eventually("the renamed item at its new address", || {
        (get(&qn, "/tin-tuc/tap-huan-bau-cu/").status == 200).then_some(())
    });
    serving.eventually("the old address of the renamed item gone", || {
        (get(&qn, "/tin-tuc/tap-huan-nghiep-vu-bau-cu/").status == 404).then_some(())
    });

    // Nothing outside the preview folder can be read.
    let secret = root.join("secret.txt");
    std::fs::write(&secret, "TOP SECRET").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, preview.join("quang-ninh/leak.txt")).unwrap();
        std::os::unix::fs::symlink(root, preview.join("quang-ninh/up")).unwrap();
    }
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/leak.txt",
        "/up/secret.txt",
        "/up/",
        "/index.html%00.txt",
    ] {
        let reply = get(&qn, path);
        assert!(
            reply.status == 404 || reply.status == 403 || reply.status == 400,
            "{path}: {}",
            reply.status
        );
        assert!(!reply.body.contains("root:"), "{path}: /etc/passwd served");
        assert!(
            !reply.body.contains("TOP SECRET"),
            "{path}: a file outside served"
        );
    }

    stop(serving);
}

#[test]
fn serve_refuses_a_taken_port_and_an_unknown_province() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let project = sample_copy();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_baucu"))
            .arg("serve")
            .arg("--root")
            .arg(project.path())
            .args(["--lang", "en"])
            .args(args)
            .output()
            .unwrap()
    };
    let taken = run(&["--port", &port, "--province", "da-nang"]);
    assert_eq!(taken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&taken.stderr).contains(&format!("127.0.0.1:{port}")));
    let unknown = run(&["--province", "ha-noi"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("ha-noi"));
    let missing: PathBuf = project.path().join("nowhere");
    let no_project = Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(["serve", "--lang", "en", "--root"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(no_project.status.code(), Some(2));
}
