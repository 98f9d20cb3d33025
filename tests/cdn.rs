//! End-to-end: the built sample portals as a CDN, a search engine and a sharing
//! citizen see them, read from a real build with a real HTML parser.

mod common;

use common::*;
use std::path::Path;

const PROVINCES: [&str; 2] = ["quang-ninh", "da-nang"];

/// Every file of a site, relative, with `/`.
fn files_of(site: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(site)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_stylesheet_and_script_is_fingerprinted_with_a_matching_integrity() {
    let built = sample();
    let mut checked = 0;
    for province in PROVINCES {
        let site = built.site(province);
        for file in html_files(&site) {
            let page = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
            let assets = select(&page, "link[rel~=stylesheet]")
                .into_iter()
                .map(|e| (e, "href"))
                .chain(select(&page, "script[src]").into_iter().map(|e| (e, "src")));
            for (element, attribute) in assets {
                let url = element.value().attr(attribute).unwrap();
                let name = url.rsplit('/').next().unwrap();
                let parts: Vec<&str> = name.split('.').collect();
                assert!(
                    url.starts_with("/static/")
                        && parts.len() == 3
                        && parts[1].len() == 10
                        && parts[1].chars().all(|c| c.is_ascii_hexdigit()),
                    "{}: {url} is named by its hash",
                    file.display()
                );
                let bytes = std::fs::read(file_of(&site, url)).unwrap();
                assert_eq!(
                    element.value().attr("integrity"),
                    Some(baucu::output::integrity(&bytes).as_str()),
                    "{}: integrity of {url}",
                    file.display()
                );
                assert!(
                    matches!(element.value().attr("crossorigin"), Some("" | "anonymous")),
                    "{}: {url} is fetched in CORS mode",
                    file.display()
                );
                checked += 1;
            }
        }
    }
    let search = sample().page("quang-ninh", "/tim-kiem/");
    assert_eq!(select(&search, "script[src][integrity]").len(), 1);
    assert!(checked > 600, "{checked} references");
}

#[test]
fn the_stylesheet_is_minified() {
    let site = sample().site("quang-ninh");
    let published = files_of(&site)
        .into_iter()
        .find(|f| f.starts_with("static/style.") && f.ends_with(".css"))
        .unwrap();
    let size = std::fs::metadata(site.join(&published)).unwrap().len();
    let source = std::fs::metadata(repo_root().join("themes/default/static/style.css"))
        .unwrap()
        .len();
    assert!(
        size * 10 < source * 9,
        "{published}: {size} bytes of {source}"
    );
    let text = std::fs::read_to_string(site.join(&published)).unwrap();
    assert!(!text.contains("/*"), "{published} keeps no comment");
    assert!(!text.contains("\n"), "{published} is one line");
}

#[test]
fn pages_have_no_inline_scripts_or_styles() {
    let built = sample();
    for province in PROVINCES {
        for file in html_files(&built.site(province)) {
            let text = std::fs::read_to_string(&file).unwrap();
            let page = scraper::Html::parse_document(&text);
            let place = file.display();
            assert!(
                select(&page, "script:not([src])").is_empty(),
                "{place}: inline script"
            );
            assert!(select(&page, "style").is_empty(), "{place}: style element");
            assert!(
                select(&page, "[style]").is_empty(),
                "{place}: style attribute"
            );
            for element in select(&page, "*") {
                for (name, _) in element.value().attrs() {
                    assert!(!name.starts_with("on"), "{place}: event handler {name}");
                }
                if let Some(href) = element.value().attr("href") {
                    assert!(!href.starts_with("javascript:"), "{place}: {href}");
                }
            }
        }
    }
}
