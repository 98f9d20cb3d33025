//! Stage 3, plan routes: every page of every language as a [`Route`], before
//! anything is rendered, and every other file a site publishes by name
//! ([`other_files`]: feeds, sitemap, robots.txt, open data). URL collisions are found
//! here; the same list feeds the sitemap, the feeds and the link checker. The URLs are promises to citizens who
//! bookmark them: they follow CONTENT.md's table and must not change.

use crate::diagnostics::Diagnostic;
use crate::model::{Election, Portal};
use std::collections::HashMap;

/// The folders whose every file name carries a content hash: theme files, images and
/// photos, the search index (its manifest included).
pub const IMMUTABLE_DIRS: [&str; 3] = ["static", "media", "_search"];

pub const NEWS_PER_PAGE: usize = 20;

/// The sitemap (an index of `sitemap-<n>.xml` when large), in every language.
pub const SITEMAP: &str = "/sitemap.xml";
pub const ROBOTS: &str = "/robots.txt";
/// The candidate lists as open data, one file for every language.
pub const CANDIDATES_CSV: &str = "/du-lieu/ung-cu-vien.csv";
pub const CANDIDATES_JSON: &str = "/du-lieu/ung-cu-vien.json";
/// The composition statistics as open data (the same rows in both).
pub const STATISTICS_CSV: &str = "/du-lieu/thong-ke.csv";
pub const STATISTICS_JSON: &str = "/du-lieu/thong-ke.json";

/// Every file of a site that is not a page and not named by its hash: the sitemap,
/// robots.txt, the open data, and the news feeds of each language (all news and
/// each category).
pub fn other_files(languages: &[String], categories: &[String]) -> Vec<String> {
    let mut files: Vec<String> = [
        SITEMAP,
        ROBOTS,
        CANDIDATES_CSV,
        CANDIDATES_JSON,
        STATISTICS_CSV,
        STATISTICS_JSON,
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for lang in languages {
        let urls = Urls::new(lang, &languages[0]);
        files.push(urls.feed());
        files.extend(categories.iter().map(|c| urls.category_feed(c)));
    }
    files
}

/// Section names in the URL, per language.
#[derive(Debug)]
pub struct Sections {
    pub news: &'static str,
    pub page: &'static str,
    pub category: &'static str,
    pub tag: &'static str,
    pub candidates: &'static str,
    pub units: &'static str,
    pub lookup: &'static str,
    pub results: &'static str,
    pub faq: &'static str,
    pub documents: &'static str,
    pub timeline: &'static str,
    pub statistics: &'static str,
    pub search: &'static str,
}

const VIETNAMESE: Sections = Sections {
    news: "tin-tuc",
    page: "trang",
    category: "chuyen-muc",
    tag: "the",
    candidates: "ung-cu-vien",
    units: "don-vi-bau-cu",
    lookup: "tra-cuu",
    results: "ket-qua",
    faq: "hoi-dap",
    documents: "van-ban",
    timeline: "lich-trinh",
    statistics: "thong-ke",
    search: "tim-kiem",
};

const ENGLISH: Sections = Sections {
    news: "news",
    page: "page",
    category: "category",
    tag: "tags",
    candidates: "candidates",
    units: "units",
    lookup: "lookup",
    results: "results",
    faq: "faq",
    documents: "documents",
    timeline: "timeline",
    statistics: "statistics",
    search: "search",
};

/// URLs of one language of one portal.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `/` for the default language, `/en/` for English.
    prefix: String,
    s: &'static Sections,
}

impl Urls {
    pub fn new(lang: &str, default_lang: &str) -> Self {
        Urls {
            prefix: if lang == default_lang {
                "/".into()
            } else {
                format!("/{lang}/")
            },
            s: if lang == "vi" { &VIETNAMESE } else { &ENGLISH },
        }
    }

    pub fn sections(&self) -> &'static Sections {
        self.s
    }

    pub fn home(&self) -> String {
        self.prefix.clone()
    }

    pub fn news_list(&self, page: usize) -> String {
        match page {
            0 | 1 => format!("{}{}/", self.prefix, self.s.news),
            n => format!("{}{}/{}/{n}/", self.prefix, self.s.news, self.s.page),
        }
    }

    pub fn news_item(&self, slug: &str) -> String {
        format!("{}{}/{slug}/", self.prefix, self.s.news)
    }

    pub fn category(&self, category: &str, page: usize) -> String {
        let base = format!(
            "{}{}/{}/{category}/",
            self.prefix, self.s.news, self.s.category
        );
        match page {
            0 | 1 => base,
            n => format!("{base}{}/{n}/", self.s.page),
        }
    }

    /// The news of one tag: `/tin-tuc/the/<tag>/`, `/en/news/tags/<tag>/`.
    pub fn tag(&self, tag: &str, page: usize) -> String {
        let base = format!("{}{}/{}/{tag}/", self.prefix, self.s.news, self.s.tag);
        match page {
            0 | 1 => base,
            n => format!("{base}{}/{n}/", self.s.page),
        }
    }

    pub fn feed(&self) -> String {
        format!("{}{}/feed.xml", self.prefix, self.s.news)
    }

    /// The Atom feed of one news category.
    pub fn category_feed(&self, category: &str) -> String {
        format!("{}feed.xml", self.category(category, 1))
    }

    pub fn candidates(&self) -> String {
        format!("{}{}/", self.prefix, self.s.candidates)
    }

    pub fn candidate(&self, id: &str) -> String {
        format!("{}{}/{id}/", self.prefix, self.s.candidates)
    }

    pub fn units_index(&self) -> String {
        format!("{}{}/", self.prefix, self.s.units)
    }

    pub fn units_level(&self, level: &str) -> String {
        format!("{}{}/{level}/", self.prefix, self.s.units)
    }

    pub fn commune_units(&self, level: &str, commune_slug: &str) -> String {
        format!("{}{}/{level}/{commune_slug}/", self.prefix, self.s.units)
    }

    pub fn unit(&self, level: &str, commune_slug: Option<&str>, number: u32) -> String {
        match commune_slug {
            Some(c) => format!("{}{}/{level}/{c}/{number}/", self.prefix, self.s.units),
            None => format!("{}{}/{level}/{number}/", self.prefix, self.s.units),
        }
    }

    pub fn lookup(&self) -> String {
        format!("{}{}/", self.prefix, self.s.lookup)
    }

    pub fn results(&self) -> String {
        format!("{}{}/", self.prefix, self.s.results)
    }

    pub fn faq(&self) -> String {
        format!("{}{}/", self.prefix, self.s.faq)
    }

    pub fn documents(&self) -> String {
        format!("{}{}/", self.prefix, self.s.documents)
    }

    pub fn timeline(&self) -> String {
        format!("{}{}/", self.prefix, self.s.timeline)
    }

    pub fn statistics(&self) -> String {
        format!("{}{}/", self.prefix, self.s.statistics)
    }

    pub fn search(&self) -> String {
        format!("{}{}/", self.prefix, self.s.search)
    }

    /// The page a server sends for a missing address: `/404.html`, `/en/404.html`.
    pub fn not_found(&self) -> String {
        format!("{}404.html", self.prefix)
    }

    pub fn page(&self, slug: &str) -> String {
        format!("{}{slug}/", self.prefix)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Home,
    NewsList {
        page: usize,
        pages: usize,
    },
    NewsItem(usize),
    Category {
        category: String,
        page: usize,
        pages: usize,
    },
    /// The news carrying one tag.
    Tag {
        tag: String,
        page: usize,
        pages: usize,
    },
    Candidates,
    Candidate(usize),
    UnitsIndex,
    UnitsLevel(usize),
    CommuneUnits {
        level: usize,
        commune: u32,
    },
    Unit(usize),
    Lookup,
    Results,
    Statistics,
    Faq,
    Documents,
    Timeline,
    Search,
    FreePage(usize),
    NotFound,
    /// A National Assembly unit on the national portal (`/don-vi-bau-cu/<province>/<n>/`).
    NationalUnit {
        province: String,
        number: u32,
    },
}

#[derive(Debug, Clone)]
pub struct Route {
    /// Site-relative URL: `/tin-tuc/`, `/404.html`.
    pub url: String,
    pub lang: String,
    pub kind: PageKind,
}

impl Route {
    /// The file the page is written to, relative to the site root.
    pub fn output_path(&self) -> String {
        let path = self.url.trim_start_matches('/');
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }
}

/// The URL of a page of `kind` in the language of `urls`.
pub fn url_of(portal: &Portal, election: &Election, kind: &PageKind, urls: &Urls) -> String {
    let commune_slug = |code: Option<u32>| {
        code.and_then(|c| portal.commune(c))
            .map(|c| c.slug.as_str())
    };
    match kind {
        PageKind::Home => urls.home(),
        PageKind::NewsList { page, .. } => urls.news_list(*page),
        PageKind::NewsItem(i) => urls.news_item(&portal.news[*i].slug),
        PageKind::Category { category, page, .. } => urls.category(category, *page),
        PageKind::Tag { tag, page, .. } => urls.tag(tag, *page),
        PageKind::Candidates => urls.candidates(),
        PageKind::Candidate(i) => urls.candidate(&portal.people[*i].id),
        PageKind::UnitsIndex => urls.units_index(),
        PageKind::UnitsLevel(level) => urls.units_level(&election.levels[*level].id),
        PageKind::CommuneUnits { level, commune } => urls.commune_units(
            &election.levels[*level].id,
            commune_slug(Some(*commune)).unwrap_or_default(),
        ),
        PageKind::Unit(i) => {
            let unit = &portal.units[*i];
            urls.unit(
                &election.levels[unit.level].id,
                commune_slug(unit.commune),
                unit.number,
            )
        }
        PageKind::Lookup => urls.lookup(),
        PageKind::Results => urls.results(),
        PageKind::Statistics => urls.statistics(),
        PageKind::Faq => urls.faq(),
        PageKind::Documents => urls.documents(),
        PageKind::Timeline => urls.timeline(),
        PageKind::Search => urls.search(),
        PageKind::FreePage(i) => urls.page(&portal.pages[*i].slug),
        PageKind::NotFound => urls.not_found(),
        PageKind::NationalUnit { province, number } => urls.unit(province, None, *number),
    }
}

/// Number of list pages for `items` items (at least one: empty lists still exist).
pub fn page_count(items: usize) -> usize {
    items.div_ceil(NEWS_PER_PAGE).max(1)
}

/// Every page of one portal, in every language.
pub fn plan(
    portal: &Portal,
    election: &Election,
    categories: &[String],
) -> Result<Vec<Route>, Vec<Diagnostic>> {
    let default_lang = &election.languages[0];
    let mut routes = Vec::new();
    for lang in &election.languages {
        let urls = Urls::new(lang, default_lang);
        let mut add = |kind: PageKind| {
            let url = url_of(portal, election, &kind, &urls);
            routes.push(Route {
                url,
                lang: lang.clone(),
                kind,
            });
        };
        add(PageKind::Home);
        let news: Vec<usize> = (0..portal.news.len())
            .filter(|&i| portal.news[i].versions.contains_key(lang))
            .collect();
        let pages = page_count(news.len());
        for page in 1..=pages {
            add(PageKind::NewsList { page, pages });
        }
        for &i in &news {
            add(PageKind::NewsItem(i));
        }
        for category in categories {
            let count = news
                .iter()
                .filter(|&&i| &portal.news[i].category == category)
                .count();
            let pages = page_count(count);
            for page in 1..=pages {
                add(PageKind::Category {
                    category: category.clone(),
                    page,
                    pages,
                });
            }
        }
        // A tag's page in a language that has news with the tag.
        for tag in portal.news_index.tags() {
            let count = portal
                .news_index
                .tagged(tag)
                .iter()
                .filter(|&&i| portal.news[i].versions.contains_key(lang))
                .count();
            if count == 0 {
                continue;
            }
            let pages = page_count(count);
            for page in 1..=pages {
                add(PageKind::Tag {
                    tag: tag.to_string(),
                    page,
                    pages,
                });
            }
        }
        add(PageKind::Candidates);
        for i in 0..portal.people.len() {
            add(PageKind::Candidate(i));
        }
        add(PageKind::UnitsIndex);
        for level in 0..election.levels.len() {
            add(PageKind::UnitsLevel(level));
            let mut communes_seen = Vec::new();
            for (unit_index, unit) in portal.units_of_level(level) {
                if let Some(code) = unit.commune {
                    if !communes_seen.contains(&code) {
                        communes_seen.push(code);
                        add(PageKind::CommuneUnits {
                            level,
                            commune: code,
                        });
                    }
                }
                add(PageKind::Unit(unit_index));
            }
        }
        add(PageKind::Lookup);
        add(PageKind::Results);
        add(PageKind::Statistics);
        add(PageKind::Faq);
        add(PageKind::Documents);
        add(PageKind::Timeline);
        add(PageKind::Search);
        for (i, page) in portal.pages.iter().enumerate() {
            if page.versions.contains_key(lang) {
                add(PageKind::FreePage(i));
            }
        }
        add(PageKind::NotFound);
    }
    find_collisions(portal, &routes)?;
    Ok(routes)
}

fn find_collisions(portal: &Portal, routes: &[Route]) -> Result<(), Vec<Diagnostic>> {
    let mut seen: HashMap<&str, &Route> = HashMap::new();
    let mut errors = Vec::new();
    for route in routes {
        if let Some(first) = seen.insert(route.url.as_str(), route) {
            let culprit = [first, route].into_iter().find_map(|r| match r.kind {
                PageKind::FreePage(i) => portal.pages[i]
                    .versions
                    .values()
                    .next()
                    .map(|v| v.file.path.clone()),
                _ => None,
            });
            let file = culprit.unwrap_or_else(|| portal.origin.file.path.clone());
            errors.push(
                Diagnostic::error(
                    file,
                    crate::diagnostics::tr!(
                        "Hai trang sẽ cùng được công bố tại {}",
                        "two pages would be published at {}",
                        route.url
                    ),
                )
                .hint(crate::diagnostics::tr!(
                    "trang tự do không được trùng tên với một mục của cổng (tin-tuc, ung-cu-vien, …): hãy đổi tên tệp",
                    "a free page cannot take the name of a section of the portal (tin-tuc, ung-cu-vien, …): rename the file"
                )),
            );
        }
    }
    // Folders of files rather than pages: a page there would be cached as a file is.
    for page in &portal.pages {
        let reserved = IMMUTABLE_DIRS.iter().find(|dir| **dir == page.slug);
        let (Some(dir), Some(version)) = (reserved, page.versions.values().next()) else {
            continue;
        };
        errors.push(
            Diagnostic::error(
                version.file.path.clone(),
                crate::diagnostics::tr!(
                    "Trang tự do không được tên là `{dir}`: đó là thư mục chứa tệp của cổng",
                    "a free page cannot be named `{dir}`: that is the folder of the portal's files"
                ),
            )
            .hint(crate::diagnostics::tr!(
                "đổi tên tệp: tên tệp là địa chỉ của trang",
                "rename the file: its name is the page's address"
            )),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_table() {
        let vi = Urls::new("vi", "vi");
        let en = Urls::new("en", "vi");
        assert_eq!(vi.news_list(2), "/tin-tuc/trang/2/");
        assert_eq!(en.news_list(2), "/en/news/page/2/");
        assert_eq!(vi.category("chi-dao", 1), "/tin-tuc/chuyen-muc/chi-dao/");
        assert_eq!(en.category("chi-dao", 1), "/en/news/category/chi-dao/");
        assert_eq!(
            vi.unit("hdnd-xa", Some("phuong-ha-long-6688"), 1),
            "/don-vi-bau-cu/hdnd-xa/phuong-ha-long-6688/1/"
        );
        assert_eq!(en.unit("quoc-hoi", None, 3), "/en/units/quoc-hoi/3/");
        assert_eq!(vi.lookup(), "/tra-cuu/");
        assert_eq!(en.faq(), "/en/faq/");
        assert_eq!(en.feed(), "/en/news/feed.xml");
        assert_eq!(
            vi.category_feed("chi-dao"),
            "/tin-tuc/chuyen-muc/chi-dao/feed.xml"
        );
        assert_eq!(vi.page("gioi-thieu"), "/gioi-thieu/");
        assert_eq!(vi.tag("co-to", 1), "/tin-tuc/the/co-to/");
        assert_eq!(en.tag("co-to", 2), "/en/news/tags/co-to/page/2/");
        assert_eq!(vi.search(), "/tim-kiem/");
        assert_eq!(en.search(), "/en/search/");
    }

    #[test]
    fn output_paths() {
        let r = |url: &str| {
            Route {
                url: url.into(),
                lang: "vi".into(),
                kind: PageKind::Home,
            }
            .output_path()
        };
        assert_eq!(r("/"), "index.html");
        assert_eq!(r("/en/news/"), "en/news/index.html");
        assert_eq!(r("/404.html"), "404.html");
    }

    #[test]
    fn page_counts() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(20), 1);
        assert_eq!(page_count(21), 2);
    }
}
