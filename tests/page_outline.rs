//! What search engines and screen readers read first, on every page of the sample
//! in both languages: a description, one `h1`, and headings that never skip a level
//! going down (Lighthouse's `meta-description` and `heading-order`, the Nu checker's
//! heading error).

mod common;

use common::*;

#[test]
fn every_page_has_a_description_and_an_unbroken_outline() {
    let built = sample();
    let mut problems = Vec::new();
    let mut pages = 0;
    for province in ["quang-ninh", "da-nang"] {
        for file in html_files(&built.site(province)) {
            let text = std::fs::read_to_string(&file).unwrap();
            let html = scraper::Html::parse_document(&text);
            let name = file.display().to_string();
            pages += 1;
            let description = select(&html, "meta[name=description]");
            if description.len() != 1
                || description[0]
                    .value()
                    .attr("content")
                    .is_none_or(|c| c.trim().is_empty())
            {
                problems.push(format!("{name}: no description"));
            }
            if select(&html, "h1").len() != 1 {
                problems.push(format!("{name}: not one h1"));
            }
            let mut last = 0u8;
            for h in select(&html, "h1, h2, h3, h4, h5, h6") {
                let level = h.value().name()[1..].parse::<u8>().unwrap();
                if level > last + 1 {
                    problems.push(format!("{name}: h{level} after h{last}: {}", text_of(&h)));
                }
                last = level;
            }
        }
    }
    assert!(pages > 500, "{pages} pages");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
