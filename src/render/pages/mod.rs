//! Builds the view of each page kind from the model. Pure functions of the portal:
//! no file system, no templates.
//!
//! One file per kind of page; the shared context and the helpers several of them
//! use live here.

mod candidates;
mod documents;
mod faq;
mod free_pages;
mod home;
mod national;
mod news;
mod results;
mod search;
mod statistics;
mod timeline;
mod units;

use super::markdown;
use super::view::*;
use super::LanguageContext;
use crate::content::records::{CandidateStatus, ResultStatus, Text};
use crate::model::{Election, NewsItem, NewsVersion, Portal, Unit};
use crate::routes::{url_of, PageKind};
use crate::text::{fold, format_count, format_date, format_percent};
use serde::Serialize;
use std::path::Path;

use candidates::{candidate, candidates};
use documents::documents;
use faq::faq;
use free_pages::free_page;
use home::home;
use news::{news_item, news_list, NewsOf};
use results::results;
use search::search;
use statistics::statistics;
use timeline::timeline;
use units::{commune_units, lookup, unit, units_index, units_level};

/// Everything a page view needs to reach.
pub struct PageInput<'a> {
    pub portal: &'a Portal,
    pub election: &'a Election,
    pub cx: &'a LanguageContext,
    pub content_root: &'a Path,
    pub categories: &'a [String],
    pub today: time::Date,
    /// The province's composition figures, counted once for every page.
    pub figures: &'a crate::stats::Figures,
    /// On the national portal, the whole country (then `portal` is the national
    /// site: its name and address, and nothing else).
    pub national: Option<&'a crate::national::Nation>,
}

/// Every `section` a page view can have (the keys of `chrome.nav`).
pub const SECTIONS: [&str; 14] = [
    "none",
    "home",
    "news",
    "candidates",
    "units",
    "lookup",
    "results",
    "statistics",
    "faq",
    "documents",
    "timeline",
    "search",
    "page",
    "not_found",
];

/// A view, type-erased for the template engine.
pub struct PageView {
    pub template: &'static str,
    pub meta_title: String,
    pub section: &'static str,
    pub description: Option<String>,
    pub breadcrumbs: Vec<Link>,
    pub data: Box<dyn ViewData>,
}

/// A page's own data, kept typed until the page is rendered: most pages of an
/// incremental build are only fingerprinted, which serialises straight into the
/// hasher without building a JSON tree.
pub trait ViewData: Send + Sync {
    /// Feeds the data, serialised, to `hasher`.
    fn hash_into(&self, hasher: &mut crate::hash::Fnv1a);
    /// The data as the template engine takes it.
    fn to_value(&self) -> serde_json::Value;
}

impl<T: Serialize + Send + Sync> ViewData for T {
    fn hash_into(&self, hasher: &mut crate::hash::Fnv1a) {
        serde_json::to_writer(hasher, self).expect("hashing cannot fail");
    }

    fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("views serialise")
    }
}

fn erase<T: Serialize + Send + Sync + 'static>(view: T) -> Box<dyn ViewData> {
    Box::new(view)
}

pub fn loc(text: &Text, lang: &str) -> Loc {
    match text.get(lang) {
        Some(t) => Loc {
            text: t.to_string(),
            lang: None,
        },
        None => Loc {
            text: text.vi.clone(),
            lang: Some("vi".into()),
        },
    }
}

fn plain(text: impl Into<String>) -> Loc {
    Loc {
        text: text.into(),
        lang: None,
    }
}

pub fn date_view(date: time::Date, lang: &str) -> DateView {
    DateView {
        text: format_date(date, lang),
        iso: date.to_string(),
    }
}

impl PageInput<'_> {
    fn lang(&self) -> &str {
        &self.cx.lang
    }

    /// A UI string; once election day has passed, its `_after_election` form when
    /// the theme has one.
    fn ui(&self, key: &str) -> String {
        if self.cx.after_election {
            let later = format!("{key}{}", super::i18n::AFTER_ELECTION);
            if let Some(text) = self.cx.tr.get(self.lang(), &later) {
                return text;
            }
        }
        self.cx.tr.ui(self.lang(), key)
    }

    fn url(&self, kind: &PageKind) -> String {
        url_of(self.portal, self.election, kind, &self.cx.urls)
    }

    fn home_crumb(&self) -> Link {
        Link {
            label: plain(self.ui("nav_home")),
            url: self.cx.urls.home(),
        }
    }

    fn crumbs(&self, extra: &[(&str, String)]) -> Vec<Link> {
        let mut crumbs = vec![self.home_crumb()];
        crumbs.extend(extra.iter().map(|(key, url)| Link {
            label: plain(self.ui(key)),
            url: url.clone(),
        }));
        crumbs
    }

    fn count(&self, n: u64) -> String {
        format_count(n, self.lang())
    }

    fn maybe_count(&self, n: Option<u64>) -> String {
        n.map(|n| self.count(n))
            .unwrap_or_else(|| self.ui("unknown"))
    }

    fn percent(&self, part: Option<u64>, whole: Option<u64>) -> String {
        match (part, whole) {
            (Some(p), Some(w)) => {
                format_percent(p, w, self.lang()).unwrap_or_else(|| self.ui("unknown"))
            }
            _ => self.ui("unknown"),
        }
    }

    /// The version of a news item or page in this language, or the original.
    fn version<'v>(
        &self,
        versions: &'v std::collections::BTreeMap<String, NewsVersion>,
    ) -> (&'v NewsVersion, Option<String>) {
        match versions.get(self.lang()) {
            Some(v) => (v, None),
            None => (
                versions.values().next().expect("the original exists"),
                Some(self.election.languages[0].clone()),
            ),
        }
    }

    fn rich(&self, version: &NewsVersion, fallback: Option<String>) -> Rich {
        let base = version
            .file
            .disk_path
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let assets = &self.portal.assets;
        let root = self.content_root;
        let image = |reference: &str| {
            assets
                .image_for(root, &base, reference)
                .and_then(|image| ImageView::of(image, ""))
        };
        Rich {
            html: markdown::to_html(&version.body, self.portal.raw_html, 2, &image),
            lang: fallback,
        }
    }

    /// Markdown inside a field (a biography, an FAQ answer), headings from `top`.
    fn rich_text(&self, text: &Text, top: u8) -> Rich {
        let l = loc(text, self.lang());
        Rich {
            html: markdown::to_html(&l.text, self.portal.raw_html, top, &|_| None),
            lang: l.lang,
        }
    }

    fn empty(&self, key: &str, expected: Option<time::Date>) -> EmptyNote {
        EmptyNote {
            text: self.ui(key),
            expected: expected.map(|d| date_view(d, self.lang())),
        }
    }

    /// What is not published yet, as notes for the pages that sum the levels up: the
    /// electoral units while there are none, the candidates (and, where the timeline
    /// knows, when their list is due) while there are none.
    fn pending(&self) -> Vec<EmptyNote> {
        let mut notes = Vec::new();
        if self.portal.units.is_empty() {
            notes.push(self.empty("empty_units", None));
        }
        if self.portal.standings.is_empty() {
            notes.push(self.empty(
                "empty_candidates",
                self.expected(&["danh sach chinh thuc", "danh sach nhung nguoi ung cu"]),
            ));
        }
        notes
    }

    /// When the timeline says something will be published: the first future
    /// milestone whose Vietnamese title mentions any of `words` (ASCII-folded).
    fn expected(&self, words: &[&str]) -> Option<time::Date> {
        self.portal
            .timeline
            .iter()
            .filter(|e| e.date >= self.today)
            .find(|e| {
                let title = fold(&e.title.vi);
                words.iter().any(|w| title.contains(w))
            })
            .map(|e| e.date)
    }

    fn unit_label(&self, unit: &Unit) -> String {
        self.cx.tr.format(
            self.lang(),
            "unit_label",
            &[("n", &unit.number.to_string())],
        )
    }

    fn unit_url(&self, unit_index: usize) -> String {
        self.url(&PageKind::Unit(unit_index))
    }

    /// A commune's name in the page's language, or in Vietnamese marked so.
    fn commune_name(&self, code: u32) -> Loc {
        self.portal
            .commune(code)
            .map(|c| loc(&c.name, self.lang()))
            .unwrap_or_else(|| plain(code.to_string()))
    }

    fn level_name(&self, level: usize) -> Loc {
        let level = &self.election.levels[level];
        match level.name.get(self.lang()) {
            Some(name) => plain(name),
            None => {
                let from_theme = self.cx.tr.code(self.lang(), "level", &level.id);
                if from_theme.text != level.id {
                    from_theme
                } else {
                    loc(&level.name, self.lang())
                }
            }
        }
    }

    fn news_card(&self, index: usize) -> NewsCard {
        let item = &self.portal.news[index];
        let (version, fallback) = self.version(&item.versions);
        let summary = version
            .summary
            .clone()
            .unwrap_or_else(|| crate::markdown::first_paragraph(&version.body));
        NewsCard {
            title: Loc {
                text: version.title.clone(),
                lang: fallback.clone(),
            },
            url: self.news_url(index),
            url_lang: fallback.clone(),
            date: date_view(item.date.date, self.lang()),
            category: self.category_link(item),
            summary: Loc {
                text: summary,
                lang: fallback,
            },
            // Decorative: the card's title says what it shows.
            image: item
                .image
                .and_then(|id| ImageView::of(self.portal.assets.image(id), "")),
            featured: item.featured,
        }
    }

    /// A news item as a line of a list (title, date and link).
    fn news_link(&self, index: usize) -> NewsLink {
        let item = &self.portal.news[index];
        let (version, fallback) = self.version(&item.versions);
        NewsLink {
            title: Loc {
                text: version.title.clone(),
                lang: fallback,
            },
            url: self.news_url(index),
            date: date_view(item.date.date, self.lang()),
        }
    }

    /// The page of a news item in this language, or of its original when it has no
    /// version in this language.
    fn news_url(&self, index: usize) -> String {
        if self.portal.news[index].versions.contains_key(self.lang()) {
            return self.url(&PageKind::NewsItem(index));
        }
        let default_lang = &self.election.languages[0];
        crate::routes::Urls::new(default_lang, default_lang)
            .news_item(&self.portal.news[index].slug)
    }

    fn category_link(&self, item: &NewsItem) -> Link {
        Link {
            label: self
                .cx
                .tr
                .code(self.lang(), "news_category", &item.category),
            url: self.url(&PageKind::Category {
                category: item.category.clone(),
                page: 1,
                pages: 1,
            }),
        }
    }

    fn news_in_language(&self) -> Vec<usize> {
        (0..self.portal.news.len())
            .filter(|&i| self.portal.news[i].versions.contains_key(self.lang()))
            .collect()
    }

    fn candidate_row(&self, standing_index: usize) -> CandidateRow {
        let standing = &self.portal.standings[standing_index];
        let person = &self.portal.people[standing.person];
        let r = &person.record;
        let withdrawn = standing.status == CandidateStatus::Withdrawn;
        let unit = &self.portal.units[standing.unit];
        CandidateRow {
            ballot_order: standing.ballot_order,
            name: r.name.clone(),
            url: self.url(&PageKind::Candidate(standing.person)),
            birth_year: r.birth_date.0.year(),
            gender: self.cx.tr.code(self.lang(), "gender", &r.gender).text,
            occupation: r.occupation.as_ref().map(|t| loc(t, self.lang())),
            workplace: r.workplace.as_ref().map(|t| loc(t, self.lang())),
            withdrawn,
            status_label: withdrawn.then(|| self.ui("status_withdrawn")),
            elected: unit
                .result
                .as_ref()
                .is_some_and(|res| res.is_elected(standing.person)),
        }
    }

    fn level_summary(&self, level: usize) -> LevelSummary {
        let units: Vec<&Unit> = self.portal.units_of_level(level).map(|(_, u)| u).collect();
        LevelSummary {
            name: self.level_name(level),
            units_url: self.url(&PageKind::UnitsLevel(level)),
            units: units.len(),
            seats: units.iter().map(|u| u.seats).sum(),
            candidates: units.iter().map(|u| u.standings.len()).sum(),
            stats: statistics::short_summary(self, level),
            stats_url: statistics::level_url(self, level),
        }
    }

    fn timeline_entries(&self) -> Vec<TimelineEntryView> {
        self.portal
            .timeline
            .iter()
            .map(|e| TimelineEntryView {
                date: date_view(e.date, self.lang()),
                title: loc(&e.title, self.lang()),
                basis: e.basis.as_ref().map(|b| loc(b, self.lang())),
                past: e.date < self.today,
                election_day: e.date == self.election.date,
            })
            .collect()
    }
}

/// The view of one page.
pub fn build(input: &PageInput, kind: &PageKind) -> PageView {
    if let Some(nation) = input.national {
        return national::build(input, nation, kind);
    }
    match kind {
        PageKind::Home => home(input),
        PageKind::NewsList { page, pages } => news_list(input, NewsOf::All, *page, *pages),
        PageKind::Category {
            category,
            page,
            pages,
        } => news_list(input, NewsOf::Category(category), *page, *pages),
        PageKind::Tag { tag, page, pages } => news_list(input, NewsOf::Tag(tag), *page, *pages),
        PageKind::NewsItem(i) => news_item(input, *i),
        PageKind::Candidates => candidates(input),
        PageKind::Candidate(i) => candidate(input, *i),
        PageKind::UnitsIndex => units_index(input),
        PageKind::UnitsLevel(level) => units_level(input, *level),
        PageKind::CommuneUnits { level, commune } => commune_units(input, *level, *commune),
        PageKind::Unit(i) => unit(input, *i),
        PageKind::Lookup => lookup(input),
        PageKind::Results => results(input),
        PageKind::Statistics => statistics(input),
        PageKind::Faq => faq(input),
        PageKind::Documents => documents(input),
        PageKind::Timeline => timeline(input),
        PageKind::Search => search(input),
        PageKind::FreePage(i) => free_page(input, *i),
        PageKind::NotFound => PageView {
            template: "404.html",
            meta_title: input.ui("title_not_found"),
            section: "none",
            description: None,
            breadcrumbs: Vec::new(),
            data: erase(serde_json::json!({})),
        },
        // Planned only for the national portal, which returned above.
        PageKind::NationalUnit { .. } => build(input, &PageKind::NotFound),
    }
}

fn result_status(p: &PageInput, status: ResultStatus) -> String {
    p.ui(match status {
        ResultStatus::Official => "result_official",
        ResultStatus::Provisional => "result_provisional",
    })
}
