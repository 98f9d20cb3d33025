//! Atom news feeds (per language and per category), the sitemap with its language
//! alternates (split behind a sitemap index when large) and robots.txt, all driven by
//! the route table.

use crate::markdown::first_paragraph;
use crate::model::{Election, Portal};
use crate::render::pages::loc;
use crate::routes::{self, PageKind, Route, Urls};
use crate::text::xml_escape;

/// Most URLs one sitemap file may list (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;
/// Entries per feed.
pub const FEED_ENTRIES: usize = 20;

/// One Atom feed: the newest news items of a language, or of one category of it.
pub struct Feed<'a> {
    pub lang: &'a str,
    /// Only this category (`None`: every item of the language).
    pub category: Option<&'a str>,
    pub title: &'a str,
}

impl Feed<'_> {
    /// Where the feed is published: `/tin-tuc/feed.xml`,
    /// `/en/news/category/<code>/feed.xml`.
    pub fn url(&self, election: &Election) -> String {
        let urls = Urls::new(self.lang, &election.languages[0]);
        match self.category {
            Some(category) => urls.category_feed(category),
            None => urls.feed(),
        }
    }
}

/// The newest [`FEED_ENTRIES`] news items of `feed` as an Atom document.
pub fn atom_feed(portal: &Portal, election: &Election, feed: &Feed) -> String {
    let lang = feed.lang;
    let urls = Urls::new(lang, &election.languages[0]);
    let base = &portal.base_url;
    let items: Vec<_> = portal
        .news
        .iter()
        .filter(|item| feed.category.is_none_or(|c| item.category == c))
        .filter_map(|item| item.versions.get(lang).map(|v| (item, v)))
        .take(FEED_ENTRIES)
        .collect();
    let updated = items
        .first()
        .map(|(item, _)| item.date.rfc3339())
        .unwrap_or_else(|| format!("{}T00:00:00+07:00", election.date));
    let list = match feed.category {
        Some(category) => urls.category(category, 1),
        None => urls.news_list(1),
    };
    let self_url = xml_escape(&format!("{base}{}", feed.url(election)));
    let author = portal.agency.as_ref().unwrap_or(&portal.name);
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(lang)
    ));
    xml.push_str(&format!("<title>{}</title>\n", xml_escape(feed.title)));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&format!("{base}{list}"))
    ));
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n"
    ));
    xml.push_str(&format!(
        "<id>{self_url}</id>\n<updated>{updated}</updated>\n"
    ));
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        xml_escape(&loc(author, lang).text)
    ));
    for (item, version) in items {
        let url = xml_escape(&format!("{base}{}", urls.news_item(&item.slug)));
        let summary = version
            .summary
            .clone()
            .unwrap_or_else(|| first_paragraph(&version.body));
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", xml_escape(&version.title)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n<id>{url}</id>\n"
        ));
        xml.push_str(&format!("<updated>{}</updated>\n", item.date.rfc3339()));
        if let Some(author) = &item.author {
            xml.push_str(&format!(
                "<author><name>{}</name></author>\n",
                xml_escape(author)
            ));
        }
        xml.push_str(&format!("<summary>{}</summary>\n", xml_escape(&summary)));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// A page of the sitemap and its versions in every language (itself included), when
/// it has any other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    pub url: String,
    /// `(hreflang, site-relative URL)`.
    pub alternates: Vec<(String, String)>,
}

/// What makes two routes the same page in two languages; `None` for pages that have
/// no counterpart (the 404 page, list pages beyond the first, whose items differ).
fn translation_key(kind: &PageKind) -> Option<String> {
    match kind {
        PageKind::NotFound => None,
        PageKind::NewsList { page, .. }
        | PageKind::Category { page, .. }
        | PageKind::Tag { page, .. }
            if *page > 1 =>
        {
            None
        }
        PageKind::NewsList { .. } => Some("news".into()),
        PageKind::Tag { tag, .. } => Some(format!("tag {tag}")),
        PageKind::Category { category, .. } => Some(format!("category {category}")),
        other => Some(format!("{other:?}")),
    }
}

/// Every HTML page (the 404 page aside), in route order, with its language versions.
pub fn sitemap_entries(routes: &[Route]) -> Vec<SitemapEntry> {
    let mut versions: std::collections::HashMap<String, Vec<(String, String)>> =
        std::collections::HashMap::new();
    for route in routes {
        if let Some(key) = translation_key(&route.kind) {
            versions
                .entry(key)
                .or_default()
                .push((route.lang.clone(), route.url.clone()));
        }
    }
    routes
        .iter()
        .filter(|r| r.kind != PageKind::NotFound)
        .map(|route| SitemapEntry {
            url: route.url.clone(),
            alternates: translation_key(&route.kind)
                .and_then(|key| versions.get(&key))
                .filter(|v| v.len() > 1)
                .cloned()
                .unwrap_or_default(),
        })
        .collect()
}

/// The sitemap files of a site, `(site-relative path, XML)`: `sitemap.xml` alone, or
/// beyond [`SITEMAP_LIMIT`] URLs `sitemap.xml` as an index of `sitemap-1.xml`, ….
pub fn sitemaps(portal: &Portal, routes: &[Route]) -> Vec<(String, String)> {
    sitemap_files(&portal.base_url, &sitemap_entries(routes), SITEMAP_LIMIT)
}

fn sitemap_files(base: &str, entries: &[SitemapEntry], limit: usize) -> Vec<(String, String)> {
    if entries.len() <= limit {
        return vec![(sitemap_name().into(), urlset(base, entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in entries.chunks(limit.max(1)).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&format!("{base}/{name}"))
        ));
        files.push((name, urlset(base, chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (sitemap_name().into(), index));
    files
}

/// The sitemap's file name at the site's root.
fn sitemap_name() -> &'static str {
    routes::SITEMAP.trim_start_matches('/')
}

fn urlset(base: &str, entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        xml.push_str(&format!(
            "<url><loc>{}</loc>",
            xml_escape(&format!("{base}{}", entry.url))
        ));
        for (lang, url) in &entry.alternates {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml_escape(lang),
                xml_escape(&format!("{base}{url}"))
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots_txt(portal: &Portal) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}{}\n",
        portal.base_url,
        routes::SITEMAP
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_is_always_well_formed_xml() {
        for text in [
            "NUL \u{0} here",
            "bell \u{7}, escape \u{1b}, unit separator \u{1f}",
            "<script>&amp; \"quoted\" 'single'",
            "not characters: \u{fffe}\u{ffff}",
            "Hạ Long\ttab\nline",
        ] {
            let xml = format!("<t a=\"{0}\">{0}</t>", xml_escape(text));
            let doc = roxmltree::Document::parse(&xml)
                .unwrap_or_else(|e| panic!("{text:?} gave invalid XML {xml:?}: {e}"));
            let kept: String = text
                .chars()
                .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
                .filter(|c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
                .collect();
            assert_eq!(doc.root_element().text(), Some(kept.as_str()));
        }
    }

    fn route(url: &str, lang: &str, kind: PageKind) -> Route {
        Route {
            url: url.into(),
            lang: lang.into(),
            kind,
        }
    }

    #[test]
    fn translated_pages_list_every_version_and_others_none() {
        let routes = vec![
            route("/", "vi", PageKind::Home),
            route("/tin-tuc/", "vi", PageKind::NewsList { page: 1, pages: 2 }),
            route(
                "/tin-tuc/trang/2/",
                "vi",
                PageKind::NewsList { page: 2, pages: 2 },
            ),
            route("/tin-tuc/a/", "vi", PageKind::NewsItem(0)),
            route("/tin-tuc/b/", "vi", PageKind::NewsItem(1)),
            route("/404.html", "vi", PageKind::NotFound),
            route("/en/", "en", PageKind::Home),
            route("/en/news/", "en", PageKind::NewsList { page: 1, pages: 1 }),
            route("/en/news/a/", "en", PageKind::NewsItem(0)),
        ];
        let entries = sitemap_entries(&routes);
        assert_eq!(entries.len(), 8, "every page but 404");
        let of = |url: &str| entries.iter().find(|e| e.url == url).unwrap();
        let pair =
            |a: &str, b: &str| vec![("vi".to_string(), a.to_string()), ("en".into(), b.into())];
        assert_eq!(of("/").alternates, pair("/", "/en/"));
        assert_eq!(of("/en/").alternates, pair("/", "/en/"));
        assert_eq!(of("/tin-tuc/").alternates, pair("/tin-tuc/", "/en/news/"));
        assert_eq!(
            of("/en/news/a/").alternates,
            pair("/tin-tuc/a/", "/en/news/a/")
        );
        assert!(of("/tin-tuc/b/").alternates.is_empty(), "untranslated");
        assert!(of("/tin-tuc/trang/2/").alternates.is_empty());

        let xml = urlset("https://x.vn", &entries);
        assert!(xml.contains(
            "<url><loc>https://x.vn/en/</loc><xhtml:link rel=\"alternate\" hreflang=\"vi\" href=\"https://x.vn/\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://x.vn/en/\"/></url>"
        ), "{xml}");
        assert!(xml.contains("<url><loc>https://x.vn/tin-tuc/b/</loc></url>"));
    }

    #[test]
    fn large_sitemaps_are_split_behind_an_index() {
        let entries: Vec<SitemapEntry> = (0..7)
            .map(|i| SitemapEntry {
                url: format!("/p{i}/"),
                alternates: Vec::new(),
            })
            .collect();
        let single = sitemap_files("https://x.vn", &entries, 7);
        assert_eq!(single.len(), 1);
        assert!(single[0].1.contains("<urlset"));

        let files = sitemap_files("https://x.vn", &entries, 3);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &files[0].1;
        assert!(
            index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        for name in &names[1..] {
            assert!(
                index.contains(&format!("<loc>https://x.vn/{name}</loc>")),
                "{index}"
            );
        }
        let counts: Vec<usize> = files[1..]
            .iter()
            .map(|(_, x)| x.matches("<url>").count())
            .collect();
        assert_eq!(counts, [3, 3, 1]);
        let all: Vec<&str> = files[1..]
            .iter()
            .flat_map(|(_, x)| {
                x.split("<loc>")
                    .skip(1)
                    .map(|s| s.split('<').next().unwrap())
            })
            .collect();
        let expected: Vec<String> = (0..7).map(|i| format!("https://x.vn/p{i}/")).collect();
        assert_eq!(all, expected, "every page once, in order");
    }
}
