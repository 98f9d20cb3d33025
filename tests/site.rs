//! End-to-end: build the repository's sample portals and read them as a citizen's
//! browser would, with a real HTML parser.

mod common;

use common::*;
use std::collections::BTreeSet;

const PROVINCES: [&str; 2] = ["quang-ninh", "da-nang"];

/// Every list page of CONTENT.md's URL table, in both languages.
const LIST_PAGES: [(&str, &str); 8] = [
    ("/", "/en/"),
    ("/tin-tuc/", "/en/news/"),
    ("/ung-cu-vien/", "/en/candidates/"),
    ("/tra-cuu/", "/en/lookup/"),
    ("/ket-qua/", "/en/results/"),
    ("/hoi-dap/", "/en/faq/"),
    ("/van-ban/", "/en/documents/"),
    ("/lich-trinh/", "/en/timeline/"),
];

#[test]
fn every_list_page_exists_in_both_languages_with_the_right_lang() {
    let built = sample();
    for province in PROVINCES {
        for (vi, en) in LIST_PAGES {
            for (url, lang) in [(vi, "vi"), (en, "en")] {
                let page = built.page(province, url);
                let html = select(&page, "html");
                assert_eq!(html[0].value().attr("lang"), Some(lang), "{province}{url}");
                assert_eq!(select(&page, "h1").len(), 1, "{province}{url} has one h1");
                assert_eq!(
                    select(&page, "main#main").len(),
                    1,
                    "{province}{url} has a main landmark"
                );
            }
        }
        for file in [
            "sitemap.xml",
            "robots.txt",
            "404.html",
            "tin-tuc/feed.xml",
            "en/news/feed.xml",
            "du-lieu/ung-cu-vien.csv",
            "du-lieu/ung-cu-vien.json",
        ] {
            assert!(
                built.site(province).join(file).is_file(),
                "{province}/{file}"
            );
        }
    }
}

#[test]
fn every_page_links_to_its_counterpart_in_the_other_language() {
    let built = sample();
    for province in PROVINCES {
        for file in html_files(&built.site(province)) {
            let relative = file
                .strip_prefix(built.site(province))
                .unwrap()
                .display()
                .to_string();
            let page = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
            let lang = select(&page, "html")[0]
                .value()
                .attr("lang")
                .unwrap()
                .to_string();
            let other = if lang == "vi" { "en" } else { "vi" };
            let links = select(&page, &format!("a[hreflang=\"{other}\"]"));
            assert!(
                !links.is_empty(),
                "{province}/{relative} links to its {other} counterpart"
            );
            let target = links[0].value().attr("href").unwrap();
            assert!(
                built.exists(province, target),
                "{province}/{relative}: counterpart {target} exists"
            );
        }
    }
}

#[test]
fn no_internal_link_is_broken() {
    let built = sample();
    let attributes = [
        ("a[href]", "href"),
        ("link[href]", "href"),
        ("img[src]", "src"),
        ("script[src]", "src"),
    ];
    let mut checked = 0;
    for province in PROVINCES {
        let site = built.site(province);
        for file in html_files(&site) {
            let page = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
            for (selector, attribute) in attributes {
                for element in select(&page, selector) {
                    let target = element.value().attr(attribute).unwrap();
                    if target.starts_with("http")
                        || target.starts_with("data:")
                        || target.starts_with("mailto:")
                        || target.starts_with("tel:")
                        || target.starts_with("//")
                    {
                        continue;
                    }
                    if let Some(fragment) = target.strip_prefix('#') {
                        if !fragment.is_empty() {
                            let ids = select(&page, &format!("[id=\"{fragment}\"]"));
                            assert!(
                                !ids.is_empty(),
                                "{}: #{fragment} has no target",
                                file.display()
                            );
                        }
                        continue;
                    }
                    assert!(
                        target.starts_with('/'),
                        "{}: relative link {target}",
                        file.display()
                    );
                    assert!(
                        file_of(&site, target).is_file(),
                        "{}: {target} does not resolve",
                        file.display()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "the crawler checked {checked} links");
}

#[test]
fn each_language_has_its_404_page_linking_home_and_to_search() {
    let built = sample();
    for province in PROVINCES {
        for (url, lang, h1, home, search) in [
            ("/404.html", "vi", "Không tìm thấy trang", "/", "/tim-kiem/"),
            (
                "/en/404.html",
                "en",
                "Page not found",
                "/en/",
                "/en/search/",
            ),
        ] {
            let page = built.page(province, url);
            assert_eq!(
                select(&page, "html")[0].value().attr("lang"),
                Some(lang),
                "{province}{url}"
            );
            assert_eq!(text_of(&select(&page, "h1")[0]), h1, "{province}{url}");
            let main = &select(&page, "main")[0];
            let links: Vec<&str> = main
                .select(&scraper::Selector::parse("a[href]").unwrap())
                .map(|a| a.value().attr("href").unwrap())
                .collect();
            assert!(
                links.contains(&home),
                "{province}{url} links home: {links:?}"
            );
            assert!(
                links.contains(&search),
                "{province}{url} links to search: {links:?}"
            );
            // Served for any missing address: no link may be relative.
            for (selector, attribute) in [
                ("a[href]", "href"),
                ("link[href]", "href"),
                ("script[src]", "src"),
            ] {
                for element in select(&page, selector) {
                    let target = element.value().attr(attribute).unwrap();
                    assert!(
                        target.starts_with('/')
                            || target.starts_with("https://")
                            || target.starts_with('#')
                            || target.starts_with("data:")
                            || target.starts_with("mailto:")
                            || target.starts_with("tel:"),
                        "{province}{url}: {target} is relative"
                    );
                }
            }
        }
    }
}

#[test]
fn sitemap_lists_every_page_and_every_listed_page_exists() {
    let built = sample();
    for province in PROVINCES {
        let sitemap = std::fs::read_to_string(built.site(province).join("sitemap.xml")).unwrap();
        let urls: Vec<&str> = sitemap
            .split("<loc>")
            .skip(1)
            .map(|s| s.split("</loc>").next().unwrap())
            .collect();
        assert!(!urls.is_empty());
        let mut paths = BTreeSet::new();
        for url in &urls {
            let path = &url[url.find("://").map(|i| i + 3).unwrap()..];
            let path = &path[path.find('/').unwrap()..];
            assert!(
                built.exists(province, path),
                "{url} is in the sitemap but not written"
            );
            paths.insert(path.to_string());
        }
        let html_pages = html_files(&built.site(province)).len();
        assert_eq!(
            paths.len() + 2,
            html_pages,
            "{province}: every page but the two 404 pages is in the sitemap"
        );
        assert!(!paths.iter().any(|p| p.ends_with("404.html")));
    }
}

#[test]
fn candidate_page_shows_the_biography_with_labels_and_trims_the_residence() {
    let built = sample();
    let page = built.page("quang-ninh", "/ung-cu-vien/nguyen-thi-hong-hanh-1976/");
    assert_eq!(text_of(&select(&page, "h1")[0]), "Nguyễn Thị Hồng Hạnh");
    let labels: Vec<String> = select(&page, "dt").iter().map(text_of).collect();
    for label in [
        "Ngày, tháng, năm sinh",
        "Giới tính",
        "Dân tộc",
        "Tôn giáo",
        "Quê quán",
        "Nơi ở hiện nay",
        "Trình độ chuyên môn",
        "Nghề nghiệp, chức vụ",
        "Nơi công tác",
    ] {
        assert!(
            labels.iter().any(|l| l.starts_with(label)),
            "label {label} in {labels:?}"
        );
    }
    // The birth date, day first, under its label.
    let born: Vec<String> = select(&page, "dt")
        .iter()
        .filter(|dt| text_of(dt) == "Ngày, tháng, năm sinh")
        .filter_map(|dt| dt.next_siblings().find_map(scraper::ElementRef::wrap))
        .map(|dd| text_of(&dd))
        .collect();
    assert_eq!(born, ["12/05/1976"], "birth date shown");
    let text = text_of(&select(&page, "main")[0]);
    // Quảng Ninh publishes only the commune and province of a residence.
    let source =
        std::fs::read_to_string(repo_root().join("content/quang-ninh/candidates/quoc-hoi.yaml"))
            .unwrap();
    let street = street_of(&source, "nguyen-thi-hong-hanh-1976");
    assert!(
        !text.contains(&street),
        "the street address `{street}` must not be published"
    );
    let english = built.page("quang-ninh", "/en/candidates/nguyen-thi-hong-hanh-1976/");
    let labels: Vec<String> = select(&english, "dt").iter().map(text_of).collect();
    assert!(
        labels.iter().any(|l| l.starts_with("Date of birth")),
        "{labels:?}"
    );
}

/// The first comma-separated part of a candidate's residence in a YAML file
/// (`residence: …`, `residence: {vi: …}` or a block map on the next line).
fn street_of(source: &str, id: &str) -> String {
    let start = source.find(&format!("id: {id}")).unwrap();
    let mut lines = source[start..]
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("residence:"));
    let first = lines
        .next()
        .unwrap()
        .split_once(':')
        .unwrap()
        .1
        .trim()
        .to_string();
    let value = if first.is_empty() {
        lines.next().unwrap().trim().to_string()
    } else {
        first
    };
    let value = value
        .trim_start_matches('{')
        .trim_start_matches("vi:")
        .trim()
        .trim_matches('"');
    let street = value.split(',').next().unwrap().trim().to_string();
    assert!(!street.is_empty(), "residence of {id}");
    street
}

#[test]
fn unit_page_lists_candidates_in_ballot_order_with_results() {
    let built = sample();
    let page = built.page("quang-ninh", "/don-vi-bau-cu/quoc-hoi/1/");
    let tables = select(&page, "table");
    assert!(tables.len() >= 2, "a candidate table and a result table");
    let first_cells: Vec<String> = select(
        &page,
        "table:first-of-type tbody tr td:first-child, table:first-of-type tbody tr th:first-child",
    )
    .iter()
    .map(text_of)
    .collect();
    let orders: Vec<u32> = first_cells.iter().filter_map(|c| c.parse().ok()).collect();
    assert!(orders.len() >= 5, "{first_cells:?}");
    assert_eq!(
        orders,
        (1..=orders.len() as u32).collect::<Vec<_>>(),
        "ballot order"
    );
    let text = text_of(&select(&page, "main")[0]);
    assert!(text.contains("Nguyễn Thị Hồng Hạnh"));
    // The three winners of the unit's three seats, marked in words.
    let badges: Vec<String> = select(&page, "table:first-of-type tbody tr.elected .badge")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(badges, ["Trúng cử"; 3], "elected marked in words");
    assert!(text.contains('%'), "percentages shown");
}

/// `element`'s descendants matching `selector`.
fn within<'a>(element: &scraper::ElementRef<'a>, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(selector).unwrap();
    element.select(&selector).collect()
}

/// The candidate list (`/ung-cu-vien/`) folds each unit of a province-wide level into
/// a closed `<details>` group whose summary says the unit, its candidates, seats and
/// communes: the page stays short (it was one 18,000 px table on a phone) and still
/// holds every candidate of those levels, for the filter and for readers without
/// JavaScript. A flat list (rows outside the groups, or groups open from the start)
/// fails here.
#[test]
fn candidate_list_folds_each_unit_into_a_closed_group_with_all_its_candidates() {
    let built = sample();
    for (url, units_path, words) in [
        (
            "/ung-cu-vien/",
            "/don-vi-bau-cu/",
            ["người ứng cử", "đại biểu", "xã, phường"],
        ),
        (
            "/en/candidates/",
            "/en/units/",
            ["candidates", "seats", "communes"],
        ),
    ] {
        let page = built.page("quang-ninh", url);
        let all_rows = select(&page, "#candidate-list tbody tr").len();
        let grouped_rows = select(&page, "#candidate-list details.fg tbody tr").len();
        assert!(
            all_rows >= 100,
            "{url}: every province-wide candidate is on the page ({all_rows})"
        );
        assert_eq!(
            grouped_rows, all_rows,
            "{url}: every row is inside a unit's group, none in a flat list"
        );
        assert!(
            select(&page, "#candidate-list section section").is_empty(),
            "{url}: each level's section is closed before the next"
        );
        let mut folded_levels = 0;
        for section in select(&page, "#candidate-list section") {
            let level = section.value().attr("id").unwrap();
            let groups = within(&section, "details.fg");
            if groups.is_empty() {
                continue;
            }
            folded_levels += 1;
            // The level's count ("Số người ứng cử: 14") is the sum of its groups' rows.
            let facts = text_of(&within(&section, "p.facts")[0]);
            let count: usize = facts
                .split(':')
                .nth(1)
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(
                within(&section, "tbody tr").len(),
                count,
                "{url} #{level}: {facts}"
            );
            for group in &groups {
                assert!(
                    group.value().attr("open").is_none(),
                    "{url} #{level}: the groups start closed"
                );
                let summary = &within(group, "summary")[0];
                let name = text_of(&within(summary, ".fg-name")[0]);
                let number: u32 = name
                    .rsplit(' ')
                    .next()
                    .unwrap()
                    .trim_start_matches("No.")
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}"));
                assert_eq!(
                    group.value().attr("id"),
                    Some(format!("{level}-{number}").as_str())
                );
                let rows = within(group, "tbody tr");
                assert!(!rows.is_empty(), "{url} {name}: a group has candidates");
                let said = text_of(&within(summary, ".fg-facts")[0]);
                assert!(
                    said.starts_with(&format!("{} {}", rows.len(), words[0])),
                    "{url} {name}: {said:?}"
                );
                assert!(
                    said.contains(words[1]) && said.contains(words[2]),
                    "{url} {name}: {said:?}"
                );
                // The group links to its unit's page, which lists the same candidates.
                let unit_url = format!("{units_path}{level}/{number}/");
                assert!(
                    within(group, "a")
                        .iter()
                        .any(|a| a.value().attr("href") == Some(unit_url.as_str())),
                    "{url} {name}: links to {unit_url}"
                );
                let hrefs = |rows: Vec<scraper::ElementRef>| -> Vec<String> {
                    rows.iter()
                        .filter_map(|tr| {
                            within(tr, "th a")
                                .first()
                                .and_then(|a| a.value().attr("href"))
                                .map(String::from)
                        })
                        .collect()
                };
                let unit = built.page("quang-ninh", &unit_url);
                let on_unit_page = hrefs(select(&unit, "table.list tbody tr"));
                assert_eq!(
                    hrefs(rows),
                    on_unit_page,
                    "{url} {name}: the unit page's candidates, in ballot order"
                );
            }
        }
        assert!(
            folded_levels >= 2,
            "{url}: the National Assembly and the provincial council fold by unit"
        );
    }
}

#[test]
fn english_pages_mark_untranslated_vietnamese_text() {
    let built = sample();
    let page = built.page("quang-ninh", "/en/candidates/nguyen-thi-hong-hanh-1976/");
    let marked = select(&page, "main [lang=\"vi\"]");
    assert!(
        !marked.is_empty(),
        "Vietnamese-only biography fields are marked lang=vi"
    );
    let news = built.page("quang-ninh", "/en/news/");
    let text = text_of(&select(&news, "main")[0]);
    assert!(
        text.contains("Vietnamese only"),
        "the English list says how many items are Vietnamese only: {text}"
    );
    let link = select(&news, "main a[hreflang=\"vi\"]");
    assert!(link
        .iter()
        .any(|a| a.value().attr("href") == Some("/tin-tuc/")));
}

#[test]
fn english_pages_mark_vietnamese_commune_names() {
    let built = sample();
    // The sample's communes have Vietnamese names only.
    let lookup = built.page("da-nang", "/en/lookup/");
    for name in select(&lookup, "main tbody th") {
        let fragment = scraper::Html::parse_fragment(&name.html());
        assert_eq!(
            select(&fragment, "[lang=\"vi\"]").len(),
            1,
            "{}",
            name.html()
        );
    }
    let units = built.page("da-nang", "/en/units/quoc-hoi/");
    let cells = select(&units, "main tbody td:last-child");
    assert!(!cells.is_empty());
    for cell in cells {
        let fragment = scraper::Html::parse_fragment(&cell.html());
        assert!(
            !select(&fragment, "[lang=\"vi\"]").is_empty(),
            "{}",
            cell.html()
        );
    }
    // In Vietnamese, nothing to mark.
    let lookup = built.page("da-nang", "/tra-cuu/");
    assert!(select(&lookup, "main tbody [lang]").is_empty());
}

#[test]
fn drafts_are_published_only_with_the_flag() {
    let built = sample();
    let draft = find_draft_slug();
    assert!(
        !built.exists("quang-ninh", &format!("/tin-tuc/{draft}/")),
        "draft {draft} is not published"
    );
    let with_drafts = build_into(&repo_root(), true);
    assert!(
        with_drafts.exists("quang-ninh", &format!("/tin-tuc/{draft}/")),
        "draft {draft} is published with --drafts"
    );
    // A visible banner says it is a draft, in the page's language; other pages have none.
    let page = with_drafts.page("quang-ninh", &format!("/tin-tuc/{draft}/"));
    let banners = select(&page, "article p.draft-banner[role=note]");
    assert_eq!(banners.len(), 1, "the draft has one banner");
    assert_eq!(text_of(&banners[0]), "Bản nháp – chưa công bố");
    for url in ["/tin-tuc/", "/"] {
        let other = with_drafts.page("quang-ninh", url);
        assert!(
            select(&other, ".draft-banner").is_empty(),
            "{url}: no banner"
        );
    }
    for file in html_files(&built.site("quang-ninh")) {
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(
            !html.contains("draft-banner"),
            "{}: no banner without --drafts",
            file.display()
        );
    }
}

fn find_draft_slug() -> String {
    let news = repo_root().join("content/quang-ninh/news");
    for entry in std::fs::read_dir(news).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".md")
            && std::fs::read_to_string(entry.path())
                .unwrap()
                .contains("draft: true")
        {
            let stem = name.trim_end_matches(".md");
            return stem[11..].to_string();
        }
    }
    panic!("the sample content has a draft");
}

#[test]
fn dates_are_written_the_way_each_language_writes_them() {
    let built = sample();
    let vi = text_of(&select(&built.page("quang-ninh", "/"), "main")[0]);
    assert!(vi.contains("Chủ nhật, 15/03/2026"), "{vi}");
    let en = text_of(&select(&built.page("quang-ninh", "/en/"), "main")[0]);
    assert!(en.contains("Sunday, 15 March 2026"), "{en}");
    assert!(
        en.to_lowercase().contains("held on"),
        "after election day the home page says when it was held"
    );
}

#[test]
fn lookup_finds_every_commune() {
    let built = sample();
    let page = built.page("da-nang", "/tra-cuu/");
    let rows = select(&page, "main tbody tr");
    let province =
        std::fs::read_to_string(repo_root().join("content/da-nang/province.yaml")).unwrap();
    let communes = province.matches("code:").count();
    assert_eq!(rows.len(), communes, "one row per commune");
    for row in rows {
        let fragment = scraper::Html::parse_fragment(&row.html());
        let links = select(&fragment, "a");
        assert!(
            links.len() >= 2,
            "each commune links to its unit at both province-wide levels"
        );
    }
}

#[test]
fn builds_are_byte_identical() {
    let first = build_into(&repo_root(), false);
    let second = build_into(&repo_root(), false);
    assert!(
        snapshot(&first.out) == snapshot(&second.out),
        "two builds of the same content differ"
    );
}

#[test]
fn content_is_escaped() {
    let dir = sample_copy();
    let news = dir
        .path()
        .join("content/da-nang/news/2026-01-01-thu-nghiem.md");
    std::fs::write(
        &news,
        "---\ntitle: \"Điều 5 & 6: x < y > z\"\ndate: 2026-01-01\ncategory: tin-bau-cu\n---\nXin chào <b>đậm</b> & <i>nghiêng</i>\n",
    )
    .unwrap();
    let built = build_into(dir.path(), false);
    let page = built.page("da-nang", "/tin-tuc/thu-nghiem/");
    let heading = text_of(&select(&page, "h1")[0]);
    assert_eq!(
        heading, "Điều 5 & 6: x < y > z",
        "the title is shown as text"
    );
    let body = select(&page, "main .body");
    assert!(
        select(&page, "main .body b").is_empty(),
        "raw HTML in Markdown is not markup"
    );
    assert!(
        text_of(&body[0]).contains("<b>đậm</b>"),
        "it is shown as its letters"
    );
}

#[test]
fn the_results_page_names_each_level_with_no_results_yet() {
    let project = sample_copy();
    std::fs::remove_file(
        project
            .path()
            .join("content/quang-ninh/results/hdnd-tinh.yaml"),
    )
    .unwrap();
    let built = build_into(project.path(), false);
    let page = built.page("quang-ninh", "/ket-qua/");
    let section = select(&page, "main section#hdnd-tinh");
    assert_eq!(section.len(), 1, "the level keeps its section");
    let fragment = scraper::Html::parse_fragment(&section[0].html());
    assert!(select(&fragment, "table").is_empty());
    assert_eq!(
        select(&fragment, "p.empty").len(),
        1,
        "{}",
        section[0].html()
    );
    // The levels with results still show them: a card per unit, each with its table
    // of votes.
    let cards = select(&page, "main section#quoc-hoi .rcard");
    assert!(!cards.is_empty());
    assert_eq!(
        select(&page, "main section#quoc-hoi .rcard table").len(),
        cards.len()
    );
}

/// A province whose news are all in Vietnamese: the English list says how many there
/// are and links to them, and never that no news has been published.
#[test]
fn an_english_list_of_vietnamese_only_news_does_not_say_there_is_none() {
    let project = sample_copy();
    let news = project.path().join("content/quang-ninh/news");
    let mut removed = 0;
    for entry in std::fs::read_dir(&news).unwrap().flatten() {
        if entry.file_name().to_string_lossy().ends_with(".en.md") {
            std::fs::remove_file(entry.path()).unwrap();
            removed += 1;
        }
    }
    assert!(removed > 0);
    let built = build_into(project.path(), false);
    let page = built.page("quang-ninh", "/en/news/");
    let text = text_of(&select(&page, "main")[0]);
    assert!(
        text.contains("news items are in Vietnamese only."),
        "{text}"
    );
    assert!(!text.contains("No news has been published"), "{text}");
}
