//! Page weight budgets on the sample content, as a reader's browser downloads the
//! pages from a server that sends the build's copies (brotli, else gzip): the page and the
//! stylesheet and scripts it loads. The figures are printed (`cargo test --test
//! weight -- --nocapture`) so that they can be quoted.

mod common;

use common::*;
use std::path::Path;

/// Bytes of what a server with the build's copies sends a browser for a URL: the
/// brotli copy where there is one (16 KiB and more, the stylesheet and scripts),
/// else the gzip copy, else the file (under 1 KiB).
fn sent_bytes(site: &Path, url: &str) -> u64 {
    let file = file_of(site, url);
    ["br", "gz"]
        .iter()
        .find_map(|suffix| {
            let mut copy = file.clone().into_os_string();
            copy.push(format!(".{suffix}"));
            std::fs::metadata(copy).ok()
        })
        .or_else(|| std::fs::metadata(&file).ok())
        .unwrap_or_else(|| panic!("{}: missing", file.display()))
        .len()
}

/// What loading `url` transfers with the copies: (page, stylesheets and scripts, images
/// at their narrowest WebP or fallback), in bytes.
fn weigh(site: &Path, url: &str) -> (u64, u64, u64) {
    let page = sent_bytes(site, url);
    let html = scraper::Html::parse_document(&std::fs::read_to_string(file_of(site, url)).unwrap());
    let mut assets = 0;
    for element in select(&html, "link[rel~=stylesheet]") {
        assets += sent_bytes(site, element.value().attr("href").unwrap());
    }
    for element in select(&html, "script[src]") {
        assets += sent_bytes(site, element.value().attr("src").unwrap());
    }
    let mut images = 0;
    for picture in select(&html, "picture") {
        let selector = scraper::Selector::parse("source, img").unwrap();
        let first = picture.select(&selector).next().unwrap();
        let srcset = first.value().attr("srcset").unwrap();
        let url = srcset.split(' ').next().unwrap();
        images += std::fs::metadata(file_of(site, url)).unwrap().len();
    }
    (page, assets, images)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

#[test]
fn home_and_candidate_pages_keep_within_their_budgets() {
    let built = sample();
    let site = built.site("quang-ninh");
    let budgets = [
        ("/", 30 * 1024, "home page"),
        ("/en/", 30 * 1024, "English home page"),
        (
            "/tim-kiem/",
            30 * 1024,
            "search page, the one that loads search.js",
        ),
        (
            "/ung-cu-vien/nguyen-thi-hong-hanh-1976/",
            15 * 1024,
            "candidate page (photo aside)",
        ),
        (
            "/en/candidates/nguyen-thi-hong-hanh-1976/",
            15 * 1024,
            "English candidate page (photo aside)",
        ),
    ];
    for (url, budget, what) in budgets {
        let (page, assets, images) = weigh(&site, url);
        let total = page + assets;
        eprintln!(
            "quang-ninh{url} ({what}), compressed: page {} + CSS and JS {} = {} (budget {}); images at their narrowest: {}",
            kb(page),
            kb(assets),
            kb(total),
            kb(budget),
            kb(images)
        );
        assert!(total <= budget, "{url}: {total} bytes, more than {budget}");
    }
}
