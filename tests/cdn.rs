//! End-to-end: the built sample portals as a CDN, a search engine and a sharing
//! citizen see them, read from a real build with a real HTML parser.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

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

fn is_text(path: &str) -> bool {
    ["html", "css", "js", "json", "xml", "svg", "csv", "txt"]
        .iter()
        .any(|ext| path.ends_with(&format!(".{ext}")))
}

#[test]
fn every_text_file_but_the_smallest_has_a_gzip_copy_and_the_large_ones_a_brotli_copy() {
    let built = sample();
    let mut checked = 0;
    let mut with_br = 0;
    let mut small = 0;
    for province in PROVINCES {
        let site = built.site(province);
        let files = files_of(&site);
        let all: BTreeSet<&str> = files.iter().map(String::as_str).collect();
        for file in files.iter().filter(|f| is_text(f)) {
            if file == baucu::write::manifest::MANIFEST_NAME {
                continue;
            }
            let original = std::fs::read(site.join(file)).unwrap();
            if original.len() < baucu::write::MIN_BYTES {
                // nginx sends the file itself when there is no copy.
                assert!(!all.contains(format!("{file}.br").as_str()), "{file}.br");
                assert!(!all.contains(format!("{file}.gz").as_str()), "{file}.gz");
                small += 1;
                continue;
            }
            let gz = std::fs::read(site.join(format!("{file}.gz")))
                .unwrap_or_else(|e| panic!("{province}/{file}.gz: {e}"));
            // A .br beside the .gz from 16 KiB on, and for the stylesheet and scripts.
            let large = original.len() >= baucu::write::BROTLI_MIN_BYTES;
            let wants_br = large || file.ends_with(".css") || file.ends_with(".js");
            let has_br = all.contains(format!("{file}.br").as_str());
            assert_eq!(has_br, wants_br, "{province}/{file}: a .br or not");
            if has_br {
                let br = std::fs::read(site.join(format!("{file}.br"))).unwrap();
                let mut unbrotli = Vec::new();
                brotli::BrotliDecompress(&mut &br[..], &mut unbrotli).unwrap();
                assert!(
                    unbrotli == original,
                    "{province}/{file}.br decompresses to it"
                );
                with_br += 1;
            }
            let mut gunzip = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut gunzip)
                .unwrap();
            assert!(
                gunzip == original,
                "{province}/{file}.gz decompresses to it"
            );
            checked += 1;
        }
        for file in &files {
            if let Some(original) = file.strip_suffix(".br").or(file.strip_suffix(".gz")) {
                assert!(all.contains(original), "{province}/{file} has its original");
            }
        }
        for image in files
            .iter()
            .filter(|f| f.ends_with(".jpg") || f.ends_with(".png"))
        {
            assert!(
                !all.contains(format!("{image}.br").as_str()),
                "{image}: images are not compressed again"
            );
        }
    }
    assert!(checked > 500, "{checked} text files");
    assert!(
        with_br > 10 && with_br < checked,
        "{with_br} of {checked} with a .br"
    );
    assert!(small > 0, "robots.txt at least is too small for copies");
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
                    Some(baucu::hash::integrity(&bytes).as_str()),
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

/// The rules of a `_headers` file: path pattern → headers.
fn parse_headers(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            let (name, value) = line.trim().split_once(':').expect("Name: value");
            rules
                .last_mut()
                .expect("a header belongs to a path")
                .1
                .push((name.to_string(), value.trim().to_string()));
        } else {
            assert!(line.starts_with('/'), "a rule starts with a path: {line}");
            rules.push((line.to_string(), Vec::new()));
        }
    }
    rules
}

/// Netlify and Cloudflare Pages matching: `*` stands for any run of characters.
fn matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == path,
        Some((prefix, suffix)) => {
            path.starts_with(prefix)
                && path.len() >= prefix.len() + suffix.len()
                && path.ends_with(suffix)
        }
    }
}

#[test]
fn headers_file_gives_every_file_exactly_one_cache_rule() {
    let built = sample();
    for province in PROVINCES {
        let site = built.site(province);
        let text = std::fs::read_to_string(site.join("_headers")).unwrap();
        let rules = parse_headers(&text);
        assert!(
            rules.len() <= 100,
            "Cloudflare Pages reads at most 100 rules"
        );
        let all = &rules.iter().find(|(p, _)| p == "/*").expect("a /* rule").1;
        let header = |name: &str| {
            all.iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .unwrap_or_else(|| panic!("{name} for /*"))
        };
        let csp = header("Content-Security-Policy");
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{csp}"
        );
        assert_eq!(header("X-Content-Type-Options"), "nosniff");
        assert_eq!(header("Referrer-Policy"), "strict-origin-when-cross-origin");
        assert!(header("Permissions-Policy").contains("camera=()"));
        assert!(all.iter().all(|(n, _)| n != "Cache-Control"));

        let cache_of = |url: &str| -> String {
            let found: Vec<&str> = rules
                .iter()
                .filter(|(pattern, _)| matches(pattern, url))
                .flat_map(|(_, headers)| headers.iter())
                .filter(|(n, _)| n == "Cache-Control")
                .map(|(_, v)| v.as_str())
                .collect();
            assert_eq!(
                found.len(),
                1,
                "{province}{url}: one Cache-Control, got {found:?}"
            );
            found[0].to_string()
        };
        for file in files_of(&site) {
            if file.starts_with('.')
                || file == "_headers"
                || file.ends_with(".br")
                || file.ends_with(".gz")
            {
                continue;
            }
            let url = format!("/{file}");
            let cache = cache_of(&url);
            let hashed = ["static/", "media/", "_search/"]
                .iter()
                .any(|d| file.starts_with(d));
            if hashed {
                assert_eq!(cache, "public, max-age=31536000, immutable", "{url}");
            } else {
                assert!(
                    cache.contains("max-age=300") && cache.contains("must-revalidate"),
                    "{url}: {cache}"
                );
            }
            if let Some(dir) = url.strip_suffix("index.html") {
                assert_eq!(cache_of(dir), cache, "{dir} as {url}");
            }
        }
    }
}

#[test]
fn manifest_lists_every_file_with_its_size_and_sha256() {
    use sha2::Digest;
    let built = sample();
    for province in PROVINCES {
        let site = built.site(province);
        let text = std::fs::read_to_string(site.join(".baucu-manifest.json")).unwrap();
        let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(manifest["version"], 1);
        let entries = manifest["files"].as_array().unwrap();
        let paths: Vec<&str> = entries
            .iter()
            .map(|e| e["path"].as_str().unwrap())
            .collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "sorted by path");
        let expected: Vec<String> = files_of(&site)
            .into_iter()
            .filter(|f| f != ".baucu-manifest.json")
            .collect();
        assert_eq!(paths, expected, "{province}: every file but the manifest");
        for entry in entries {
            let bytes = std::fs::read(site.join(entry["path"].as_str().unwrap())).unwrap();
            assert_eq!(entry["size"], bytes.len() as u64);
            let digest: String = sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(entry["sha256"], digest.as_str(), "{}", entry["path"]);
        }
    }
}

#[test]
fn diff_after_editing_one_news_item_lists_exactly_the_changed_files() {
    let project = sample_copy();
    let before = build_into(project.path(), false);
    let news = "content/quang-ninh/news/2026-01-20-dua-thong-tin-bau-cu-den-ban-lang.md";
    let path = project.path().join(news);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\nBản tin được cập nhật lúc 17 giờ.\n"),
    )
    .unwrap();
    let after = build_into(project.path(), false);
    let (old_site, new_site) = (before.site("quang-ninh"), after.site("quang-ninh"));

    let manifest = baucu::write::manifest::MANIFEST_NAME;
    let old_files: BTreeSet<String> = files_of(&old_site).into_iter().collect();
    let mut changed = BTreeSet::new();
    for file in files_of(&new_site) {
        if file != manifest
            && std::fs::read(old_site.join(&file)).ok() != std::fs::read(new_site.join(&file)).ok()
        {
            changed.insert(file);
        }
    }
    let new_files: BTreeSet<String> = files_of(&new_site).into_iter().collect();
    let gone: BTreeSet<String> = old_files.difference(&new_files).cloned().collect();
    assert!(changed.contains("tin-tuc/dua-thong-tin-bau-cu-den-ban-lang/index.html"));
    assert!(
        changed.len() * 10 < new_files.len(),
        "one edit changes few files: {changed:?}"
    );

    let plan = baucu::deploy::diff(&old_site.join(manifest), &new_site).unwrap();
    let uploads: Vec<&str> = plan.uploads().map(|s| s.path.as_str()).collect();
    let deletions: BTreeSet<String> = plan.deletions().map(|s| s.path.clone()).collect();
    assert_eq!(uploads.last(), Some(&manifest), "the manifest goes up last");
    let listed: BTreeSet<String> = uploads[..uploads.len() - 1]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(listed, changed, "uploads are exactly the changed files");
    assert_eq!(deletions, gone, "deletions are exactly the files gone");
    assert!(!gone.is_empty(), "the old search index files go");

    // Assets before pages, pages before the files listing them, deletions last.
    let phase = |p: &str| {
        let base = p.trim_end_matches(".br").trim_end_matches(".gz");
        if base.ends_with(".html") {
            1
        } else if base.ends_with(".xml") || base.ends_with(".txt") {
            2
        } else {
            0
        }
    };
    let steps = &plan.steps;
    let first_delete = steps
        .iter()
        .position(|s| s.action == baucu::deploy::Action::Delete)
        .unwrap();
    let upload_phases: Vec<u8> = steps[..first_delete]
        .iter()
        .map(|s| phase(&s.path))
        .collect();
    let mut ordered = upload_phases.clone();
    ordered.sort();
    assert_eq!(
        upload_phases, ordered,
        "assets, then pages, then feeds and sitemaps"
    );
    assert!(steps[first_delete..]
        .iter()
        .all(|s| s.action == baucu::deploy::Action::Delete || s.path == manifest));

    // The command line says the same, for people and for programs.
    let run = |format: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
            .args(["diff", "--lang", "en", "--format", format])
            .arg(old_site.join(manifest))
            .arg(&new_site)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(run("human"), plan.human());
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["uploads"], uploads.len());
    assert_eq!(json["deletions"], deletions.len());
    assert_eq!(json["steps"][0]["path"], steps[0].path.as_str());

    let same = baucu::deploy::diff(&new_site.join(manifest), &new_site).unwrap();
    assert!(same.steps.is_empty(), "nothing to do for the same build");
    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(["diff", "--lang", "en", "no-such-manifest.json"])
        .arg(&new_site)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-manifest.json"));
}

/// `<url>` entries of a sitemap: loc → hreflang → href.
fn sitemap_urls(xml: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let attr = |tag: &str, name: &str| -> String {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..start + tag[start..].find('"').unwrap()].to_string()
    };
    let mut urls = BTreeMap::new();
    for entry in xml.split("<url>").skip(1) {
        let entry = entry.split("</url>").next().unwrap();
        let loc = entry
            .split("<loc>")
            .nth(1)
            .unwrap()
            .split("</loc>")
            .next()
            .unwrap();
        let alternates: BTreeMap<String, String> = entry
            .split("<xhtml:link ")
            .skip(1)
            .map(|tag| {
                assert_eq!(attr(tag, "rel"), "alternate");
                (attr(tag, "hreflang"), attr(tag, "href"))
            })
            .collect();
        assert!(
            urls.insert(loc.to_string(), alternates).is_none(),
            "{loc} listed once"
        );
    }
    urls
}

#[test]
fn sitemap_lists_the_same_language_alternates_as_each_page() {
    let built = sample();
    // The national portal too: its pages have no hreflang in <head> either. (portal,
    // at least this many translated pages)
    let small = scraper::Selector::parse("small").unwrap();
    let link = scraper::Selector::parse("a[hreflang]").unwrap();
    for (province, translated) in [(PROVINCES[0], 50), (PROVINCES[1], 50), ("_national", 5)] {
        let site = built.site(province);
        let xml = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
        assert!(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
        let urls = sitemap_urls(&xml);
        let mut with_alternates = 0;
        for (loc, alternates) in &urls {
            let path = &loc[loc.find("://").unwrap() + 3..];
            let page = built.page(province, &path[path.find('/').unwrap()..]);
            // hreflang lives in the sitemap only: the page's own version (its
            // canonical) and the versions its language switch links to, except a
            // missing translation (the switch says so in a <small>).
            assert!(
                select(&page, "head link[hreflang]").is_empty(),
                "{loc}: hreflang is in the sitemap, not repeated in <head>"
            );
            let canonical = select(&page, "head link[rel=canonical]")[0]
                .value()
                .attr("href")
                .unwrap()
                .to_string();
            let origin = &canonical[..canonical[8..].find('/').unwrap() + 8];
            let mut switch: BTreeMap<String, String> = select(&page, ".head > nav li")
                .iter()
                .filter(|li| li.select(&small).next().is_none())
                .flat_map(|li| li.select(&link).collect::<Vec<_>>())
                .map(|a| {
                    (
                        a.value().attr("hreflang").unwrap().to_string(),
                        format!("{origin}{}", a.value().attr("href").unwrap()),
                    )
                })
                .collect();
            if !switch.is_empty() {
                let own = select(&page, "html")[0].value().attr("lang").unwrap();
                switch.insert(own.to_string(), canonical.clone());
                assert_eq!(&canonical, loc, "{loc}: its own canonical");
            }
            if switch.len() > 1 {
                assert_eq!(alternates, &switch, "{loc}");
                assert_eq!(
                    alternates.values().filter(|h| *h == loc).count(),
                    1,
                    "{loc} lists itself"
                );
                with_alternates += 1;
            } else {
                assert!(
                    alternates.is_empty(),
                    "{loc} has no translation: {alternates:?}"
                );
            }
        }
        assert!(
            with_alternates >= translated,
            "{province}: {with_alternates} translated pages"
        );
        let robots = std::fs::read_to_string(site.join("robots.txt")).unwrap();
        let base = urls
            .keys()
            .next()
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        let base = &base[..base[8..].find('/').map_or(base.len(), |i| i + 8)];
        assert!(
            robots.contains(&format!("Sitemap: {base}/sitemap.xml")),
            "{robots}"
        );
    }
}

/// The entries of an Atom feed as (id, title, updated, link).
fn atom_entries(xml: &str) -> Vec<[String; 4]> {
    let field = |entry: &str, open: &str, close: &str| -> String {
        let start = entry
            .find(open)
            .unwrap_or_else(|| panic!("{open} in {entry}"))
            + open.len();
        entry[start..start + entry[start..].find(close).unwrap()].to_string()
    };
    xml.split("<entry>")
        .skip(1)
        .map(|entry| {
            let entry = entry.split("</entry>").next().unwrap();
            [
                field(entry, "<id>", "</id>"),
                field(entry, "<title>", "</title>"),
                field(entry, "<updated>", "</updated>"),
                field(
                    entry,
                    "<link rel=\"alternate\" type=\"text/html\" href=\"",
                    "\"",
                ),
            ]
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn category_pages_link_to_a_valid_atom_feed_of_their_items() {
    let built = sample();
    let mut feeds = 0;
    for province in PROVINCES {
        let site = built.site(province);
        let category_pages: Vec<PathBuf> = html_files(&site)
            .into_iter()
            .filter(|f| {
                let f = f.to_string_lossy();
                (f.contains("/chuyen-muc/") || f.contains("/news/category/"))
                    && !f.contains("/trang/")
                    && !f.contains("/page/")
            })
            .collect();
        assert!(category_pages.len() >= 4, "{province}: {category_pages:?}");
        for file in category_pages {
            let page = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
            let links = select(
                &page,
                "head link[rel=alternate][type=\"application/atom+xml\"]",
            );
            let relative = file
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let expected = format!("/{}feed.xml", relative.trim_end_matches("index.html"));
            let own = links
                .iter()
                .filter_map(|l| l.value().attr("href"))
                .find(|h| *h == expected)
                .unwrap_or_else(|| panic!("{}: a link to {expected}", file.display()));
            let xml = std::fs::read_to_string(file_of(&site, own)).unwrap();
            assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
            assert!(xml.trim_end().ends_with("</feed>"));
            for required in [
                "<id>",
                "<title>",
                "<updated>",
                "<author><name>",
                "rel=\"self\"",
            ] {
                let head = xml.split("<entry>").next().unwrap();
                assert!(head.contains(required), "{own}: feed {required}");
            }
            let cards: Vec<String> = select(&page, "main .cards h2 a")
                .iter()
                .map(text_of)
                .collect();
            let entries = atom_entries(&xml);
            let titles: Vec<String> = entries.iter().map(|e| unescape(&e[1])).collect();
            assert_eq!(titles, cards, "{own}: the items of the page, newest first");
            for [id, _, updated, link] in &entries {
                assert_eq!(id, link);
                assert!(
                    updated.len() >= 20 && &updated[4..5] == "-" && updated.contains('T'),
                    "{updated}"
                );
                let path = &link[link.find("://").unwrap() + 3..];
                assert!(
                    built.exists(province, &path[path.find('/').unwrap()..]),
                    "{link}"
                );
            }
            feeds += 1;
        }
    }
    assert!(feeds > 10);
}

fn meta(page: &scraper::Html, key: &str) -> Option<String> {
    let by_property = select(page, &format!("head meta[property=\"{key}\"]"));
    let by_name = select(page, &format!("head meta[name=\"{key}\"]"));
    by_property
        .into_iter()
        .chain(by_name)
        .next()
        .map(|m| m.value().attr("content").unwrap_or_default().to_string())
}

#[test]
fn news_and_candidate_pages_carry_sharing_tags() {
    let built = sample();
    let canonical = |page: &scraper::Html| {
        select(page, "link[rel=canonical]")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_string()
    };
    let image_exists = |url: &str, base: &str| {
        let path = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{url} is absolute"));
        assert!(built.exists("quang-ninh", path), "{url} is published");
    };

    let news = built.page("quang-ninh", "/tin-tuc/cu-tri-quang-ninh-di-bau-cu/");
    let url = canonical(&news);
    let base = &url[..url.find("/tin-tuc/").unwrap()];
    assert_eq!(meta(&news, "og:type").as_deref(), Some("article"));
    assert_eq!(
        meta(&news, "og:title"),
        Some(text_of(&select(&news, "h1")[0]))
    );
    assert_eq!(meta(&news, "og:url"), Some(url.clone()));
    assert_eq!(meta(&news, "og:description"), meta(&news, "description"));
    assert_eq!(meta(&news, "og:locale").as_deref(), Some("vi_VN"));
    let image = meta(&news, "og:image").expect("the news image is shared");
    image_exists(&image, base);
    assert_eq!(
        meta(&news, "twitter:card").as_deref(),
        Some("summary_large_image")
    );

    let english = built.page("quang-ninh", "/en/news/cu-tri-quang-ninh-di-bau-cu/");
    assert_eq!(meta(&english, "og:locale").as_deref(), Some("en_US"));

    let plain = built.page("quang-ninh", "/tin-tuc/dua-thong-tin-bau-cu-den-ban-lang/");
    assert_eq!(meta(&plain, "og:type").as_deref(), Some("article"));
    assert_eq!(meta(&plain, "og:image"), None, "no image, no og:image");
    assert_eq!(meta(&plain, "twitter:card").as_deref(), Some("summary"));

    let person = built.page("quang-ninh", "/ung-cu-vien/nguyen-thi-hong-hanh-1976/");
    assert_eq!(meta(&person, "og:type").as_deref(), Some("profile"));
    assert_eq!(
        meta(&person, "og:title").as_deref(),
        Some("Nguyễn Thị Hồng Hạnh")
    );
    assert_eq!(meta(&person, "og:url"), Some(canonical(&person)));
    let description = meta(&person, "og:description").unwrap();
    assert!(description.contains("Quốc hội"), "{description}");
    let photo = meta(&person, "og:image").expect("the photo is shared");
    image_exists(&photo, base);
    let shown = select(&person, ".photo img")[0]
        .value()
        .attr("src")
        .unwrap()
        .to_string();
    assert_eq!(photo, format!("{base}{shown}"));
    assert_eq!(meta(&person, "twitter:card").as_deref(), Some("summary"));

    let no_photo = built.page("quang-ninh", "/ung-cu-vien/bui-thi-ngoc-anh-1986/");
    assert!(select(&no_photo, ".photo img").is_empty());
    assert_eq!(meta(&no_photo, "og:type").as_deref(), Some("profile"));
    assert_eq!(meta(&no_photo, "og:image"), None);
}

#[test]
fn builds_by_two_processes_are_byte_identical() {
    // Hash maps are seeded per process: a build that depends on their order differs
    // only between processes, which the in-process test of tests/site.rs cannot see.
    let dir = tempfile::tempdir().unwrap();
    let build = |name: &str| {
        let out = dir.path().join(name);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
            .args(["build", "--lang", "en", "--root"])
            .arg(repo_root())
            .arg("--out")
            .arg(&out)
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        snapshot(&out)
    };
    let (first, second) = (build("a"), build("b"));
    let differ: Vec<_> = first
        .iter()
        .zip(&second)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.display().to_string())
        .take(5)
        .collect();
    assert_eq!(first.len(), second.len());
    assert!(differ.is_empty(), "two runs differ in {differ:?}");
}
