//! End-to-end: the news pages and the true states of issue 22, on a small project
//! written here (one province, a few news items), built for a chosen day and read
//! with a real HTML parser: related and other news under an item, tag pages in both
//! languages with the tags' names, plural strings for 1 and 2, the favicon, emblem
//! and logo, the footer without contact details, and what a portal with no lists
//! says before and after election day.

mod common;

use common::*;
use std::path::Path;

const BAUCU_YAML: &str = r#"election:
  id: vn.2026-03-15
  name: {vi: "Bầu cử thử", en: "Test election"}
  date: 2026-03-15
  levels:
    - {id: quoc-hoi, name: {vi: "Đại biểu Quốc hội", en: "National Assembly"}}
languages: [vi, en]
theme: default
codes:
  news_tag:
    bau-cu-2021: {vi: "Bầu cử năm 2021", en: "The 2021 election"}
"#;

const PROVINCE_YAML: &str = r#"id: thu
name: {vi: "Tỉnh Thử", en: "Test Province"}
base_url: https://baucu.thu.gov.vn
agency: {vi: "Ủy ban bầu cử tỉnh Thử", en: "Test Provincial Election Committee"}
communes:
  - {code: 1, name: "Phường Một", type: phuong}
"#;

/// One news item: `date-slug`, category, tags, body.
fn news(root: &Path, file: &str, title: &str, category: &str, tags: &str, body: &str) {
    write_file(
        root,
        &format!("content/thu/news/{file}.md"),
        format!("---\ntitle: {title}\ncategory: {category}\ntags: [{tags}]\n---\n{body}\n"),
    );
}

/// The project: item A shares two tags with B, one with C; D is of A's category;
/// E is unrelated. A and B have English versions.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_file(root, "baucu.yaml", BAUCU_YAML);
    write_file(root, "content/thu/province.yaml", PROVINCE_YAML);
    news(
        root,
        "2026-01-10-a",
        "Tin A",
        "chi-dao",
        "co-to, bau-cu-2021",
        "Bầu cử ở Cô Tô.",
    );
    news(
        root,
        "2026-01-09-b",
        "Tin B",
        "tap-huan",
        "co-to, bau-cu-2021",
        "Tập huấn.",
    );
    news(
        root,
        "2026-01-08-c",
        "Tin C",
        "tap-huan",
        "co-to",
        "Đặc khu Cô Tô.",
    );
    news(root, "2026-01-07-d", "Tin D", "chi-dao", "", "Chỉ đạo.");
    news(
        root,
        "2026-01-06-e",
        "Tin E",
        "tuyen-truyen",
        "",
        "Tuyên truyền.",
    );
    for slug in ["2026-01-10-a", "2026-01-09-b"] {
        write_file(
            root,
            &format!("content/thu/news/{slug}.en.md"),
            format!("---\ntitle: News {}\n---\nText.\n", &slug[11..]),
        );
    }
    dir
}

/// A build of the project, for reading its pages.
struct Site {
    out: std::path::PathBuf,
}

impl Site {
    fn site(&self, province: &str) -> std::path::PathBuf {
        self.out.join(province)
    }

    fn page(&self, province: &str, url: &str) -> scraper::Html {
        let path = file_of(&self.site(province), url);
        let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{url}: {e}"));
        scraper::Html::parse_document(&html)
    }
}

fn build_on(root: &Path, day: time::Date) -> Site {
    let out = root.join("public");
    let options = baucu::Options {
        root: root.to_path_buf(),
        out: Some(out.clone()),
        provinces: Vec::new(),
        drafts: false,
        today: Some(day),
        clean: false,
        no_precompress: true,
        national: false,
        progress: false,
    };
    let report = baucu::build(&options).expect("baucu runs");
    assert_clean(&report);
    Site { out }
}

fn day(month: time::Month, d: u8) -> time::Date {
    time::Date::from_calendar_date(2026, month, d).unwrap()
}

fn hrefs(page: &scraper::Html, selector: &str) -> Vec<String> {
    select(page, selector)
        .iter()
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect()
}

fn texts(page: &scraper::Html, selector: &str) -> Vec<String> {
    select(page, selector).iter().map(text_of).collect()
}

#[test]
fn related_news_share_tags_first_then_the_category_and_other_news_follow() {
    let dir = project();
    let built = build_on(dir.path(), test_day());
    let page = built.page("thu", "/tin-tuc/a/");
    assert_eq!(
        hrefs(&page, "section.related .card h3 a"),
        ["/tin-tuc/b/", "/tin-tuc/c/", "/tin-tuc/d/"],
        "two shared tags, one shared tag, then the category"
    );
    assert_eq!(texts(&page, "section.related h2"), ["Tin liên quan"]);
    assert_eq!(hrefs(&page, "section.others li a"), ["/tin-tuc/e/"]);
    assert_eq!(texts(&page, "section.others h2"), ["Tin khác"]);
    // In English only the English items count: B is related, nothing else is there.
    let page = built.page("thu", "/en/news/a/");
    assert_eq!(hrefs(&page, "section.related .card h3 a"), ["/en/news/b/"]);
    assert!(
        select(&page, "section.others").is_empty(),
        "no empty section"
    );
    // An item with nothing related has no related section, and other news instead.
    let page = built.page("thu", "/tin-tuc/e/");
    assert!(select(&page, "section.related").is_empty());
    assert_eq!(
        hrefs(&page, "section.others li a"),
        ["/tin-tuc/a/", "/tin-tuc/b/", "/tin-tuc/c/", "/tin-tuc/d/"]
    );
}

#[test]
fn tags_have_names_and_pages_in_both_languages() {
    let dir = project();
    let built = build_on(dir.path(), test_day());
    let page = built.page("thu", "/tin-tuc/a/");
    assert_eq!(
        texts(&page, "article .tag-list a"),
        ["Cô Tô", "Bầu cử năm 2021"],
        "names from the text and from baucu.yaml, never the slugs"
    );
    assert_eq!(
        hrefs(&page, "article .tag-list a"),
        ["/tin-tuc/the/co-to/", "/tin-tuc/the/bau-cu-2021/"]
    );
    let page = built.page("thu", "/en/news/a/");
    assert_eq!(
        hrefs(&page, "article .tag-list a"),
        ["/en/news/tags/co-to/", "/en/news/tags/bau-cu-2021/"]
    );
    assert_eq!(texts(&page, "article .tag-list a")[1], "The 2021 election");
    // A name with no English is marked as Vietnamese.
    assert_eq!(
        select(&page, "article .tag-list a span[lang=vi]")
            .iter()
            .map(text_of)
            .collect::<Vec<_>>(),
        ["Cô Tô"]
    );

    let tag = built.page("thu", "/tin-tuc/the/co-to/");
    assert_eq!(texts(&tag, "h1"), ["Từ khóa: Cô Tô"]);
    assert_eq!(
        hrefs(&tag, "main .card h2 a"),
        ["/tin-tuc/a/", "/tin-tuc/b/", "/tin-tuc/c/"]
    );
    assert_eq!(
        select(&tag, "a[hreflang=en]")[0].value().attr("href"),
        Some("/en/news/tags/co-to/")
    );
    let tag = built.page("thu", "/en/news/tags/co-to/");
    assert_eq!(select(&tag, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(texts(&tag, "h1"), ["Tag: Cô Tô"]);
    assert_eq!(select(&tag, "h1 span[lang=vi]").len(), 1);
    assert_eq!(
        hrefs(&tag, "main .card h2 a"),
        ["/en/news/a/", "/en/news/b/"]
    );
    // C has no English version: the English tag page says so.
    assert!(texts(&tag, "main p.note")[0].starts_with("1 news item is in Vietnamese only"));
    let tag = built.page("thu", "/en/news/tags/bau-cu-2021/");
    assert_eq!(texts(&tag, "h1"), ["Tag: The 2021 election"]);

    let sitemap = std::fs::read_to_string(built.site("thu").join("sitemap.xml")).unwrap();
    for url in [
        "/tin-tuc/the/co-to/",
        "/en/news/tags/co-to/",
        "/tin-tuc/the/bau-cu-2021/",
    ] {
        assert!(
            sitemap.contains(&format!("https://baucu.thu.gov.vn{url}")),
            "{url}"
        );
    }
}

#[test]
fn counts_take_their_plural_form_from_the_i18n_files() {
    let dir = project();
    let root = dir.path();
    let countdown = |built: &Site, url: &str| texts(&built.page("thu", url), "p.countdown");
    let built = build_on(root, day(time::Month::March, 14));
    assert_eq!(countdown(&built, "/en/"), ["1 day to election day"]);
    assert_eq!(countdown(&built, "/"), ["Còn 1 ngày đến ngày bầu cử"]);
    let note = |built: &Site| texts(&built.page("thu", "/en/news/"), "main p.note")[0].clone();
    assert!(note(&built).starts_with("3 news items are in Vietnamese only."));

    std::fs::remove_file(root.join("content/thu/news/2026-01-09-b.en.md")).unwrap();
    for slug in ["2026-01-08-c", "2026-01-07-d", "2026-01-06-e"] {
        write_file(
            root,
            &format!("content/thu/news/{slug}.en.md"),
            "---\ntitle: News\n---\nText.\n",
        );
    }
    let built = build_on(root, day(time::Month::March, 13));
    assert_eq!(countdown(&built, "/en/"), ["2 days to election day"]);
    assert!(note(&built).starts_with("1 news item is in Vietnamese only."));
}

#[test]
fn the_favicon_is_the_themes_unless_the_province_gives_one_with_its_emblem_and_logo() {
    let dir = project();
    let root = dir.path();
    let built = build_on(root, test_day());
    let page = built.page("thu", "/");
    let icon = select(&page, "link[rel=icon]");
    let href = icon[0].value().attr("href").unwrap();
    assert!(
        href.starts_with("/static/favicon.") && href.ends_with(".svg"),
        "{href}"
    );
    assert_eq!(icon[0].value().attr("type"), Some("image/svg+xml"));
    assert!(built.site("thu").join(&href[1..]).is_file());
    assert!(
        select(&page, "header img").is_empty(),
        "no emblem unless given"
    );

    write_file(
        root,
        "content/thu/brand/quoc-huy.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="red"/></svg>"#,
    );
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(32u32.to_be_bytes());
    png.extend(32u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0]);
    write_file(root, "content/thu/brand/icon.png", &png);
    let yaml = format!(
        "{PROVINCE_YAML}emblem: brand/quoc-huy.svg\nlogo: brand/quoc-huy.svg\nfavicon: brand/icon.png\n"
    );
    write_file(root, "content/thu/province.yaml", &yaml);
    let built = build_on(root, test_day());
    let page = built.page("thu", "/en/");
    let icon = select(&page, "link[rel=icon]");
    let href = icon[0].value().attr("href").unwrap();
    assert!(
        href.starts_with("/media/icon.") && href.ends_with(".png"),
        "{href}"
    );
    assert_eq!(icon[0].value().attr("type"), Some("image/png"));
    assert_eq!(
        std::fs::read(built.site("thu").join(&href[1..])).unwrap(),
        png
    );
    let emblem = select(&page, "header .head > p:first-child img.emblem");
    assert_eq!(emblem.len(), 1);
    let src = emblem[0].value().attr("src").unwrap();
    assert!(
        src.starts_with("/media/quoc-huy.") && src.ends_with(".svg"),
        "{src}"
    );
    assert_eq!(emblem[0].value().attr("width"), Some("64"));
    assert!(built.site("thu").join(&src[1..]).is_file());
    assert_eq!(
        select(&page, "header .head > p:first-child img.logo").len(),
        1
    );
}

#[test]
fn a_missing_or_unsafe_brand_file_is_an_error_at_its_line() {
    let dir = project();
    let root = dir.path();
    write_file(
        root,
        "content/thu/evil.svg",
        "<svg onload=\"alert(1)\"></svg>",
    );
    let yaml = format!("{PROVINCE_YAML}emblem: evil.svg\nfavicon: brand/none.png\n");
    write_file(root, "content/thu/province.yaml", &yaml);
    let report = check(root);
    let file = "content/thu/province.yaml";
    let line = yaml.lines().position(|l| l.starts_with("favicon")).unwrap() + 1;
    error_at(&report, file, line, "does not exist");
    error_at(&report, file, line - 1, "holds code");
}

#[test]
fn a_portal_without_lists_says_not_yet_before_election_day_and_not_here_after() {
    let dir = project();
    let root = dir.path();
    let notes = |built: &Site, url: &str| texts(&built.page("thu", url), "main p.empty");
    let before = build_on(root, day(time::Month::January, 20));
    assert!(notes(&before, "/ung-cu-vien/")[0].contains("chưa được công bố"));
    assert!(notes(&before, "/en/")
        .iter()
        .any(|n| n.starts_with("The official list of candidates has not been published yet")));
    let after = build_on(root, test_day());
    let vi = notes(&after, "/ung-cu-vien/");
    assert!(
        vi.iter().any(|n| n.starts_with(
            "Danh sách chính thức những người ứng cử không được đăng trên cổng thông tin này"
        )),
        "{vi:?}"
    );
    assert!(
        vi.iter().all(|n| !n.contains("chưa được công bố")),
        "{vi:?}"
    );
    let en = notes(&after, "/en/");
    assert_eq!(
        en,
        [
            "The electoral units are not published on this portal.",
            "The official list of candidates is not published on this portal.",
        ]
    );
}

#[test]
fn the_english_home_shows_vietnamese_news_marked_or_leaves_the_section_out() {
    let dir = project();
    let root = dir.path();
    for slug in ["2026-01-10-a", "2026-01-09-b"] {
        std::fs::remove_file(root.join(format!("content/thu/news/{slug}.en.md"))).unwrap();
    }
    let built = build_on(root, test_day());
    let home = built.page("thu", "/en/");
    assert_eq!(texts(&home, "main h2")[0], "Latest news (in Vietnamese)");
    let links = select(&home, "main .card h3 a");
    assert_eq!(links.len(), 5);
    assert_eq!(links[0].value().attr("href"), Some("/tin-tuc/a/"));
    assert_eq!(links[0].value().attr("hreflang"), Some("vi"));
    assert_eq!(select(&home, "main .card h3 a span[lang=vi]").len(), 5);
    assert!(!texts(&home, "main")
        .concat()
        .contains("No news has been published"));

    for entry in std::fs::read_dir(root.join("content/thu/news"))
        .unwrap()
        .flatten()
    {
        std::fs::remove_file(entry.path()).unwrap();
    }
    let built = build_on(root, test_day());
    for url in ["/", "/en/"] {
        let home = built.page("thu", url);
        let headings = texts(&home, "main h2");
        assert!(
            !headings
                .iter()
                .any(|h| h.contains("news") || h.contains("Tin")),
            "{url}: {headings:?}"
        );
    }
}

#[test]
fn the_footer_without_contact_details_names_the_publisher_and_no_empty_address() {
    let dir = project();
    let built = build_on(dir.path(), test_day());
    let page = built.page("thu", "/en/");
    assert!(select(&page, "footer address").is_empty());
    assert_eq!(
        texts(&page, "footer section:first-child h2"),
        ["Published by"]
    );
    assert_eq!(
        texts(&page, "footer section:first-child p"),
        ["Test Provincial Election Committee", "Test Province"]
    );
    // With contact details, they are there.
    let page = sample().page("quang-ninh", "/");
    assert_eq!(texts(&page, "footer section:first-child h2"), ["Liên hệ"]);
    assert_eq!(select(&page, "footer address a[href^=\"tel:\"]").len(), 1);
}

#[test]
fn news_cards_without_an_image_have_a_placeholder_and_articles_a_measure() {
    let dir = project();
    let built = build_on(dir.path(), test_day());
    let page = built.page("thu", "/tin-tuc/");
    assert_eq!(select(&page, ".card").len(), 5);
    assert_eq!(select(&page, ".card .thumb[aria-hidden=true]").len(), 5);
    let css_href = hrefs(&page, "link[rel=stylesheet]")[0].clone();
    let css = std::fs::read_to_string(built.site("thu").join(&css_href[1..])).unwrap();
    assert!(
        css.contains(".news .body") && css.contains("max-width:70ch"),
        "the measure"
    );
}
