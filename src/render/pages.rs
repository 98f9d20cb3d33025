//! Builds the view of each page kind from the model. Pure functions of the portal:
//! no file system, no templates.

use super::markdown;
use super::view::*;
use super::LanguageContext;
use crate::content::records::{CandidateStatus, ResidencePrivacy, ResultStatus, Text};
use crate::model::{Election, NewsItem, NewsVersion, Portal, Unit};
use crate::routes::{url_of, PageKind, NEWS_PER_PAGE};
use crate::text::{fold, format_count, format_date, format_percent, format_short_date, text_key};
use serde::Serialize;
use std::path::Path;

/// Everything a page view needs to reach.
pub struct PageInput<'a> {
    pub portal: &'a Portal,
    pub election: &'a Election,
    pub cx: &'a LanguageContext,
    pub content_root: &'a Path,
    pub categories: &'a [String],
    pub today: time::Date,
}

/// Every `section` a page view can have (the keys of `chrome.nav`).
pub const SECTIONS: [&str; 13] = [
    "none",
    "home",
    "news",
    "candidates",
    "units",
    "lookup",
    "results",
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
    fn hash_into(&self, hasher: &mut crate::model::Fnv1a);
    /// The data as the template engine takes it.
    fn to_value(&self) -> serde_json::Value;
}

impl<T: Serialize + Send + Sync> ViewData for T {
    fn hash_into(&self, hasher: &mut crate::model::Fnv1a) {
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

    fn ui(&self, key: &str) -> String {
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
            .unwrap_or_else(|| markdown::first_paragraph(&version.body));
        NewsCard {
            title: Loc {
                text: version.title.clone(),
                lang: fallback.clone(),
            },
            url: self.url(&PageKind::NewsItem(index)),
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
        }
    }

    fn unit_summary(&self, unit_index: usize) -> UnitSummary {
        let unit = &self.portal.units[unit_index];
        UnitSummary {
            label: self.unit_label(unit),
            url: self.unit_url(unit_index),
            seats: unit.seats,
            candidates: unit.standings.len(),
            communes: unit
                .communes
                .iter()
                .map(|&c| self.commune_name(c))
                .collect(),
            area: unit.area.as_ref().map(|t| loc(t, self.lang())),
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
    match kind {
        PageKind::Home => home(input),
        PageKind::NewsList { page, pages } => news_list(input, None, *page, *pages),
        PageKind::Category {
            category,
            page,
            pages,
        } => news_list(input, Some(category), *page, *pages),
        PageKind::NewsItem(i) => news_item(input, *i),
        PageKind::Candidates => candidates(input),
        PageKind::Candidate(i) => candidate(input, *i),
        PageKind::UnitsIndex => units_index(input),
        PageKind::UnitsLevel(level) => units_level(input, *level),
        PageKind::CommuneUnits { level, commune } => commune_units(input, *level, *commune),
        PageKind::Unit(i) => unit(input, *i),
        PageKind::Lookup => lookup(input),
        PageKind::Results => results(input),
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
    }
}

fn home(p: &PageInput) -> PageView {
    let lang = p.lang();
    let days = (p.election.date - p.today).whole_days();
    let countdown = match days {
        d if d > 0 => {
            p.cx.tr
                .format(lang, "countdown_days", &[("n", &d.to_string())])
        }
        0 => p.ui("countdown_today"),
        _ => p.cx.tr.format(
            lang,
            "held_on",
            &[("date", &format_short_date(p.election.date, lang))],
        ),
    };
    let news = p.news_in_language();
    let featured: Vec<usize> = news
        .iter()
        .copied()
        .filter(|&i| p.portal.news[i].featured)
        .take(3)
        .collect();
    let latest: Vec<NewsCard> = news
        .iter()
        .copied()
        .filter(|i| !featured.contains(i))
        .take(6)
        .map(|i| p.news_card(i))
        .collect();
    let view = HomeView {
        election: ElectionView {
            name: loc(&p.election.name, lang),
            date: date_view(p.election.date, lang),
            countdown,
            days_remaining: days.max(0),
            held: days < 0,
        },
        featured: featured.iter().map(|&i| p.news_card(i)).collect(),
        latest,
        news_url: p.cx.urls.news_list(1),
        levels: (0..p.election.levels.len())
            .map(|l| p.level_summary(l))
            .collect(),
        lookup_url: p.cx.urls.lookup(),
        candidates_url: p.cx.urls.candidates(),
        results_url: p.cx.urls.results(),
        timeline_url: p.cx.urls.timeline(),
        timeline: p.timeline_entries(),
        vneid: p.portal.vneid.then(|| p.ui("vneid")),
    };
    PageView {
        template: "home.html",
        meta_title: loc(&p.election.name, lang).text,
        section: "home",
        description: Some(loc(&p.election.name, lang).text),
        breadcrumbs: Vec::new(),
        data: erase(view),
    }
}

fn news_list(p: &PageInput, category: Option<&String>, page: usize, pages: usize) -> PageView {
    let lang = p.lang();
    let all = p.news_in_language();
    let items: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| category.is_none_or(|c| &p.portal.news[i].category == c))
        .collect();
    let shown: Vec<NewsCard> = items
        .iter()
        .skip((page - 1) * NEWS_PER_PAGE)
        .take(NEWS_PER_PAGE)
        .map(|&i| p.news_card(i))
        .collect();
    let page_url = |n: usize| match category {
        Some(c) => p.cx.urls.category(c, n),
        None => p.cx.urls.news_list(n),
    };
    let heading = match category {
        Some(c) => p.cx.tr.format(
            lang,
            "news_category_heading",
            &[("category", &p.cx.tr.code(lang, "news_category", c).text)],
        ),
        None => p.ui("title_news"),
    };
    let untranslated_count = p.portal.news.len() - all.len();
    let default_lang = &p.election.languages[0];
    let untranslated = (lang != default_lang && untranslated_count > 0).then(|| UntranslatedNote {
        text: p.cx.tr.format(
            lang,
            "untranslated_news",
            &[("n", &untranslated_count.to_string())],
        ),
        url: crate::routes::Urls::new(default_lang, default_lang).news_list(1),
        link_text: p.cx.tr.ui(default_lang, "untranslated_link"),
        link_lang: default_lang.clone(),
    });
    let view = NewsListView {
        heading: heading.clone(),
        empty: shown.is_empty().then(|| p.empty("empty_news", None)),
        items: shown,
        pagination: Pagination {
            current: page,
            total: pages,
            prev_url: (page > 1).then(|| page_url(page - 1)),
            next_url: (page < pages).then(|| page_url(page + 1)),
            pages: (1..=pages)
                .map(|n| PageLink {
                    number: n,
                    url: page_url(n),
                    current: n == page,
                })
                .collect(),
        },
        categories: p
            .categories
            .iter()
            .map(|c| CategoryLink {
                label: p.cx.tr.code(lang, "news_category", c).text,
                url: p.cx.urls.category(c, 1),
                count: all
                    .iter()
                    .filter(|&&i| &p.portal.news[i].category == c)
                    .count(),
                current: category == Some(c),
            })
            .filter(|c| c.count > 0 || c.current)
            .collect(),
        untranslated,
        category_feed_url: category.map(|c| p.cx.urls.category_feed(c)),
    };
    let mut meta_title = heading;
    if page > 1 {
        meta_title = format!("{meta_title} ({page}/{pages})");
    }
    let crumbs = if category.is_some() || page > 1 {
        p.crumbs(&[("nav_news", p.cx.urls.news_list(1))])
    } else {
        p.crumbs(&[])
    };
    PageView {
        template: "news_list.html",
        meta_title,
        section: "news",
        description: None,
        breadcrumbs: crumbs,
        data: erase(view),
    }
}

fn news_item(p: &PageInput, index: usize) -> PageView {
    let lang = p.lang();
    let item = &p.portal.news[index];
    let (version, fallback) = p.version(&item.versions);
    let related: Vec<NewsCard> = p
        .news_in_language()
        .into_iter()
        .filter(|&i| i != index && p.portal.news[i].category == item.category)
        .take(4)
        .map(|i| p.news_card(i))
        .collect();
    let view = NewsItemView {
        title: Loc {
            text: version.title.clone(),
            lang: fallback.clone(),
        },
        date: date_view(item.date.date, lang),
        category: p.category_link(item),
        tags: item.tags.clone(),
        author: item.author.clone(),
        summary: version.summary.as_ref().map(|s| Loc {
            text: s.clone(),
            lang: fallback.clone(),
        }),
        image: item
            .image
            .and_then(|id| ImageView::of(p.portal.assets.image(id), &version.title)),
        body: p.rich(version, fallback),
        related,
        draft: item.draft,
    };
    let description = Some(
        version
            .summary
            .clone()
            .unwrap_or_else(|| markdown::first_paragraph(&version.body)),
    );
    PageView {
        template: "news_item.html",
        meta_title: version.title.clone(),
        section: "news",
        description,
        breadcrumbs: p.crumbs(&[("nav_news", p.cx.urls.news_list(1))]),
        data: erase(view),
    }
}

fn candidates(p: &PageInput) -> PageView {
    let levels: Vec<CandidatesLevel> = (0..p.election.levels.len())
        .map(|level| {
            let scope_commune =
                p.election.levels[level].scope == crate::content::records::Scope::Commune;
            let mut units = Vec::new();
            let mut communes: Vec<CommuneUnitsLinks> = Vec::new();
            let mut count = 0;
            for (i, unit) in p.portal.units_of_level(level) {
                count += unit.standings.len();
                if scope_commune {
                    let code = unit.commune.unwrap_or_default();
                    let link = Link {
                        label: plain(p.unit_label(unit)),
                        url: p.unit_url(i),
                    };
                    match communes.last_mut() {
                        Some(c)
                            if c.url
                                == p.url(&PageKind::CommuneUnits {
                                    level,
                                    commune: code,
                                }) =>
                        {
                            c.units.push(link)
                        }
                        _ => communes.push(CommuneUnitsLinks {
                            name: p.commune_name(code),
                            url: p.url(&PageKind::CommuneUnits {
                                level,
                                commune: code,
                            }),
                            units: vec![link],
                        }),
                    }
                } else if !unit.standings.is_empty() {
                    units.push(UnitCandidates {
                        label: p.unit_label(unit),
                        url: p.unit_url(i),
                        seats: unit.seats,
                        candidates: unit.standings.iter().map(|&s| p.candidate_row(s)).collect(),
                    });
                }
            }
            CandidatesLevel {
                name: p.level_name(level),
                anchor: p.election.levels[level].id.clone(),
                units_url: p.url(&PageKind::UnitsLevel(level)),
                units,
                communes,
                candidates: count,
            }
        })
        .collect();
    let nobody = p.portal.standings.is_empty();
    let view = CandidatesIndexView {
        levels,
        empty: nobody.then(|| {
            p.empty(
                "empty_candidates",
                p.expected(&["danh sach chinh thuc", "danh sach nhung nguoi ung cu"]),
            )
        }),
    };
    PageView {
        template: "candidates.html",
        meta_title: p.ui("title_candidates"),
        section: "candidates",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn candidate(p: &PageInput, index: usize) -> PageView {
    let lang = p.lang();
    let person = &p.portal.people[index];
    let r = &person.record;
    let tr = &p.cx.tr;
    let mut fields: Vec<Field> = Vec::new();
    let mut add = |key: &str, value: Option<Loc>| {
        if let Some(value) = value {
            fields.push(Field {
                label: p.ui(key),
                value,
            });
        }
    };
    let text = |t: &Option<Text>| t.as_ref().map(|t| loc(t, lang));
    add(
        "field_birth_date",
        Some(plain(format_short_date(r.birth_date.0, lang))),
    );
    add("field_gender", Some(tr.code(lang, "gender", &r.gender)));
    add("field_nationality", Some(plain(p.ui("nationality_vn"))));
    add(
        "field_ethnicity",
        r.ethnicity.as_ref().map(|c| tr.code(lang, "ethnicity", c)),
    );
    add(
        "field_religion",
        r.religion.as_ref().map(|c| tr.code(lang, "religion", c)),
    );
    add("field_hometown", text(&r.hometown));
    add(
        "field_residence",
        r.residence
            .as_ref()
            .and_then(|t| residence(t, p.portal.residence_privacy))
            .map(|t| loc(&t, lang)),
    );
    add(
        "field_education",
        r.education.as_ref().map(|e| plain(e.0.clone())),
    );
    add("field_qualification", text(&r.qualification));
    add("field_academic_title", text(&r.academic_title));
    add("field_political_theory", text(&r.political_theory));
    add("field_foreign_language", text(&r.foreign_language));
    add("field_occupation", text(&r.occupation));
    add("field_workplace", text(&r.workplace));
    add(
        "field_party_join_date",
        Some(match r.party_join_date {
            Some(d) => plain(format_short_date(d.0, lang)),
            None => plain(p.ui("not_party_member")),
        }),
    );
    let incumbent: Vec<String> = r
        .incumbent
        .iter()
        .filter_map(|id| p.election.level_index(id))
        .map(|l| p.level_name(l).text)
        .collect();
    add(
        "field_incumbent",
        Some(plain(if incumbent.is_empty() {
            p.ui("no")
        } else {
            incumbent.join("; ")
        })),
    );
    add(
        "field_self_nominated",
        Some(plain(p.ui(if r.self_nominated { "yes" } else { "no" }))),
    );

    let standings = person
        .standings
        .iter()
        .map(|&s| {
            let standing = &p.portal.standings[s];
            let unit = &p.portal.units[standing.unit];
            let withdrawn = standing.status == CandidateStatus::Withdrawn;
            let result = unit.result.as_ref().and_then(|res| {
                let votes = res.votes_of(index)?;
                Some(CandidateResult {
                    votes: p.count(votes),
                    percent: p.percent(Some(votes), res.valid_ballots),
                    elected: res.is_elected(index),
                    status_label: result_status(p, res.status),
                })
            });
            Standing {
                level: p.level_name(unit.level),
                unit: Link {
                    label: plain(p.unit_label(unit)),
                    url: p.unit_url(standing.unit),
                },
                commune: unit.commune.map(|c| p.commune_name(c)),
                ballot_order: standing.ballot_order,
                withdrawn,
                status_label: p.ui(if withdrawn {
                    "status_withdrawn"
                } else {
                    "status_official"
                }),
                note: standing.note.as_ref().map(|n| loc(n, lang)),
                result,
            }
        })
        .collect();
    let view = CandidateView {
        name: r.name.clone(),
        photo: person
            .photo
            .and_then(|id| ImageView::of(p.portal.assets.image(id), &r.name)),
        fields,
        standings,
        bio: r.bio.as_ref().map(|b| p.rich_text(b, 3)),
    };
    PageView {
        template: "candidate.html",
        meta_title: r.name.clone(),
        section: "candidates",
        description: None,
        breadcrumbs: p.crumbs(&[("nav_candidates", p.cx.urls.candidates())]),
        data: erase(view),
    }
}

/// The residence as the province's privacy setting allows it to be shown.
pub fn residence(text: &Text, privacy: ResidencePrivacy) -> Option<Text> {
    match privacy {
        ResidencePrivacy::Full => Some(text.clone()),
        ResidencePrivacy::Hidden => None,
        ResidencePrivacy::Commune => {
            let trim = |s: &str| -> String {
                let parts: Vec<&str> = s
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                let markers = [
                    "xa ",
                    "phuong ",
                    "thi tran ",
                    "dac khu ",
                    "commune",
                    "ward",
                    "town",
                ];
                let start = parts.iter().position(|part| {
                    let f = fold(part);
                    markers
                        .iter()
                        .any(|m| f.starts_with(m) || f.ends_with(m.trim()))
                });
                match start {
                    Some(i) => parts[i..].join(", "),
                    None if parts.len() > 2 => parts[parts.len() - 2..].join(", "),
                    None => parts.join(", "),
                }
            };
            Some(Text {
                vi: trim(&text.vi),
                translations: text
                    .translations
                    .iter()
                    .map(|(l, t)| (l.clone(), trim(t)))
                    .collect(),
            })
        }
    }
}

fn result_status(p: &PageInput, status: ResultStatus) -> String {
    p.ui(match status {
        ResultStatus::Official => "result_official",
        ResultStatus::Provisional => "result_provisional",
    })
}

fn units_index(p: &PageInput) -> PageView {
    let view = UnitsIndexView {
        levels: (0..p.election.levels.len())
            .map(|l| p.level_summary(l))
            .collect(),
    };
    PageView {
        template: "units_index.html",
        meta_title: p.ui("title_units"),
        section: "units",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn units_level(p: &PageInput, level: usize) -> PageView {
    let mut units = Vec::new();
    let mut communes: Vec<CommuneUnits> = Vec::new();
    for (i, unit) in p.portal.units_of_level(level) {
        match unit.commune {
            None => units.push(p.unit_summary(i)),
            Some(code) => {
                let url = p.url(&PageKind::CommuneUnits {
                    level,
                    commune: code,
                });
                match communes.last_mut() {
                    Some(c) if c.url == url => c.units.push(p.unit_summary(i)),
                    _ => communes.push(CommuneUnits {
                        name: p.commune_name(code),
                        url,
                        units: vec![p.unit_summary(i)],
                    }),
                }
            }
        }
    }
    let seats = p.portal.units_of_level(level).map(|(_, u)| u.seats).sum();
    let nothing = units.is_empty() && communes.is_empty();
    let name = p.level_name(level);
    let view = UnitsLevelView {
        level: name.clone(),
        units,
        communes,
        seats,
        empty: nothing.then(|| p.empty("empty_units", None)),
    };
    PageView {
        template: "units_level.html",
        meta_title: format!("{} · {}", p.ui("title_units"), name.text),
        section: "units",
        description: None,
        breadcrumbs: p.crumbs(&[("nav_units", p.cx.urls.units_index())]),
        data: erase(view),
    }
}

fn commune_units(p: &PageInput, level: usize, commune: u32) -> PageView {
    let units: Vec<UnitSummary> = p
        .portal
        .units_of_level(level)
        .filter(|(_, u)| u.commune == Some(commune))
        .map(|(i, _)| p.unit_summary(i))
        .collect();
    let name = p.level_name(level);
    let commune_name = p.commune_name(commune);
    let view = CommuneUnitsView {
        level: name.clone(),
        commune: commune_name.clone(),
        units,
    };
    let level_url = p.url(&PageKind::UnitsLevel(level));
    let mut crumbs = p.crumbs(&[("nav_units", p.cx.urls.units_index())]);
    crumbs.push(Link {
        label: name.clone(),
        url: level_url,
    });
    PageView {
        template: "commune_units.html",
        meta_title: format!("{} · {}", commune_name.text, name.text),
        section: "units",
        description: None,
        breadcrumbs: crumbs,
        data: erase(view),
    }
}

fn unit(p: &PageInput, index: usize) -> PageView {
    let lang = p.lang();
    let unit = &p.portal.units[index];
    let lookup = p.cx.urls.lookup();
    let communes = unit
        .communes
        .iter()
        .map(|&code| Link {
            label: p.commune_name(code),
            url: format!(
                "{lookup}#{}",
                p.portal
                    .commune(code)
                    .map(|c| c.slug.as_str())
                    .unwrap_or_default()
            ),
        })
        .collect();
    let result = unit.result.as_ref().map(|res| {
        let mut rows: Vec<(u64, ResultRow)> = res
            .votes
            .iter()
            .map(|&(person, votes)| {
                (
                    votes.unwrap_or(0),
                    ResultRow {
                        name: p.portal.people[person].record.name.clone(),
                        url: p.url(&PageKind::Candidate(person)),
                        votes: p.maybe_count(votes),
                        percent: p.percent(votes, res.valid_ballots),
                        elected: res.is_elected(person),
                    },
                )
            })
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.0));
        UnitResult {
            status_label: result_status(p, res.status),
            provisional: res.status == ResultStatus::Provisional,
            voters: p.maybe_count(res.voters),
            ballots_cast: p.maybe_count(res.ballots_cast),
            turnout: p.percent(res.ballots_cast, res.voters),
            valid_ballots: p.maybe_count(res.valid_ballots),
            invalid_ballots: p.maybe_count(match (res.ballots_cast, res.valid_ballots) {
                (Some(c), Some(v)) => c.checked_sub(v),
                _ => None,
            }),
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        }
    });
    let label = p.unit_label(unit);
    let level = p.level_name(unit.level);
    let view = UnitView {
        level: level.clone(),
        label: label.clone(),
        seats: unit.seats,
        communes,
        commune: unit.commune.map(|c| p.commune_name(c)),
        area: unit.area.as_ref().map(|t| loc(t, lang)),
        description: unit.description.as_ref().map(|t| loc(t, lang)),
        candidates: unit.standings.iter().map(|&s| p.candidate_row(s)).collect(),
        result,
        empty: unit.standings.is_empty().then(|| {
            p.empty(
                "empty_candidates",
                p.expected(&["danh sach chinh thuc", "danh sach nhung nguoi ung cu"]),
            )
        }),
    };
    let mut crumbs = p.crumbs(&[("nav_units", p.cx.urls.units_index())]);
    crumbs.push(Link {
        label: level.clone(),
        url: p.url(&PageKind::UnitsLevel(unit.level)),
    });
    if let Some(code) = unit.commune {
        crumbs.push(Link {
            label: p.commune_name(code),
            url: p.url(&PageKind::CommuneUnits {
                level: unit.level,
                commune: code,
            }),
        });
    }
    let mut meta_title = format!("{label} · {}", level.text);
    if let Some(code) = unit.commune {
        meta_title = format!("{label} · {} · {}", p.commune_name(code).text, level.text);
    }
    PageView {
        template: "unit.html",
        meta_title,
        section: "units",
        description: None,
        breadcrumbs: crumbs,
        data: erase(view),
    }
}

fn lookup(p: &PageInput) -> PageView {
    let lang = p.lang();
    let levels = &p.election.levels;
    let mut communes: Vec<(crate::text::NameKey, LookupCommune)> = p
        .portal
        .communes
        .iter()
        .map(|c| {
            let cells: Vec<Vec<Link>> = vec![Vec::new(); levels.len()];
            (
                text_key(&c.name.vi),
                LookupCommune {
                    anchor: c.slug.clone(),
                    name: loc(&c.name, lang),
                    kind: p.cx.tr.code(lang, "commune_type", &c.kind).text,
                    cells,
                },
            )
        })
        .collect();
    // One pass over the units fills every commune's cells.
    let row_of: std::collections::HashMap<u32, usize> = p
        .portal
        .communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code, i))
        .collect();
    for (i, unit) in p.portal.units.iter().enumerate() {
        let link = Link {
            label: plain(p.unit_label(unit)),
            url: p.unit_url(i),
        };
        let codes: Vec<u32> = match unit.commune {
            Some(code) => vec![code],
            None => unit.communes.clone(),
        };
        for code in codes {
            if let Some(&row) = row_of.get(&code) {
                communes[row].1.cells[unit.level].push(link.clone());
            }
        }
    }
    communes.sort_by(|a, b| a.0.cmp(&b.0));
    let view = LookupView {
        levels: (0..levels.len()).map(|l| p.level_name(l)).collect(),
        communes: communes.into_iter().map(|(_, c)| c).collect(),
        vneid: p.portal.vneid.then(|| p.ui("vneid")),
    };
    PageView {
        template: "lookup.html",
        meta_title: p.ui("title_lookup"),
        section: "lookup",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn results(p: &PageInput) -> PageView {
    let lang = p.lang();
    let mut levels = Vec::new();
    for level in 0..p.election.levels.len() {
        let mut units = Vec::new();
        let (mut voters, mut cast, mut valid, mut elected_total, mut seats) =
            (0u64, 0u64, 0u64, 0usize, 0u32);
        let mut complete = true;
        for (i, unit) in p.portal.units_of_level(level) {
            seats += unit.seats;
            let Some(res) = &unit.result else {
                complete = false;
                continue;
            };
            match (res.voters, res.ballots_cast, res.valid_ballots) {
                (Some(v), Some(c), Some(ok)) => {
                    voters += v;
                    cast += c;
                    valid += ok;
                }
                _ => complete = false,
            }
            elected_total += res.elected.len();
            units.push(UnitResultSummary {
                label: p.unit_label(unit),
                url: p.unit_url(i),
                commune: unit.commune.map(|c| p.commune_name(c)),
                status_label: result_status(p, res.status),
                provisional: res.status == ResultStatus::Provisional,
                voters: p.maybe_count(res.voters),
                ballots_cast: p.maybe_count(res.ballots_cast),
                turnout: p.percent(res.ballots_cast, res.voters),
                valid_ballots: p.maybe_count(res.valid_ballots),
                elected: res
                    .elected
                    .iter()
                    .map(|&person| Link {
                        label: plain(p.portal.people[person].record.name.clone()),
                        url: p.url(&PageKind::Candidate(person)),
                    })
                    .collect(),
            });
        }
        // A level without results stays on the page, saying so, once another has some.
        let unknown = p.ui("unknown");
        let known = |n: u64| {
            if complete {
                p.count(n)
            } else {
                format!("{} ({unknown})", p.count(n))
            }
        };
        levels.push(LevelResults {
            name: p.level_name(level),
            anchor: p.election.levels[level].id.clone(),
            by_commune: units.iter().any(|u| u.commune.is_some()),
            units,
            total: ResultTotals {
                voters: known(voters),
                ballots_cast: known(cast),
                turnout: if complete {
                    format_percent(cast, voters, lang).unwrap_or(unknown.clone())
                } else {
                    unknown.clone()
                },
                valid_ballots: known(valid),
                elected: elected_total,
                seats,
            },
        });
    }
    let expected = p
        .expected(&["ket qua"])
        .or((p.today <= p.election.date).then_some(p.election.date));
    if levels.iter().all(|l| l.units.is_empty()) {
        levels.clear();
    }
    let view = ResultsView {
        empty: levels
            .is_empty()
            .then(|| p.empty("empty_results", expected)),
        levels,
    };
    PageView {
        template: "results.html",
        meta_title: p.ui("title_results"),
        section: "results",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn faq(p: &PageInput) -> PageView {
    let lang = p.lang();
    let mut groups: Vec<FaqGroup> = Vec::new();
    let mut categories: Vec<&str> = p.portal.faq.iter().map(|f| f.category.as_str()).collect();
    categories.dedup();
    let mut seen = std::collections::BTreeSet::new();
    categories.retain(|c| seen.insert(*c));
    for category in categories {
        groups.push(FaqGroup {
            label: p.cx.tr.code(lang, "faq_category", category).text,
            anchor: format!("nhom-{category}"),
            items: p
                .portal
                .faq
                .iter()
                .filter(|f| f.category == category)
                .map(|f| FaqItemView {
                    id: f.id.clone(),
                    question: loc(&f.question, lang),
                    answer: p.rich_text(&f.answer, 4),
                    source: f.source.as_ref().map(|s| loc(s, lang)),
                })
                .collect(),
        });
    }
    let view = FaqView {
        empty: groups.is_empty().then(|| p.empty("empty_faq", None)),
        groups,
    };
    PageView {
        template: "faq.html",
        meta_title: p.ui("title_faq"),
        section: "faq",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn documents(p: &PageInput) -> PageView {
    let lang = p.lang();
    let docs: Vec<DocumentView> = p
        .portal
        .documents
        .iter()
        .map(|d| DocumentView {
            number: d.number.clone(),
            date: date_view(d.date, lang),
            issuer: loc(&d.issuer, lang),
            title: loc(&d.title, lang),
            url: d.url.clone(),
            local: d.local,
        })
        .collect();
    let view = DocumentsView {
        empty: docs.is_empty().then(|| p.empty("empty_documents", None)),
        documents: docs,
    };
    PageView {
        template: "documents.html",
        meta_title: p.ui("title_documents"),
        section: "documents",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn timeline(p: &PageInput) -> PageView {
    let entries = p.timeline_entries();
    let view = TimelineView {
        empty: entries.is_empty().then(|| p.empty("empty_timeline", None)),
        entries,
    };
    PageView {
        template: "timeline.html",
        meta_title: p.ui("title_timeline"),
        section: "timeline",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn search(p: &PageInput) -> PageView {
    let lang = p.lang();
    let option = |value: &str, label: String| FacetOption {
        value: value.to_string(),
        label,
    };
    let view = SearchView {
        manifest_url: p.cx.published.search_manifest_url.clone(),
        script_url: p.cx.published.search_js_url.clone(),
        script_integrity: p.cx.published.search_js_integrity.clone(),
        kinds: [
            ("n", "kind_news"),
            ("c", "kind_candidate"),
            ("u", "kind_unit"),
            ("f", "kind_faq"),
            ("d", "kind_document"),
            ("p", "kind_page"),
        ]
        .iter()
        .map(|(code, key)| option(code, p.ui(key)))
        .collect(),
        categories: p
            .categories
            .iter()
            .map(|c| option(c, p.cx.tr.code(lang, "news_category", c).text))
            .collect(),
        levels: p
            .election
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| option(&l.id, p.level_name(i).text))
            .collect(),
        fallback_links: [
            ("nav_candidates", p.cx.urls.candidates()),
            ("nav_lookup", p.cx.urls.lookup()),
            ("nav_news", p.cx.urls.news_list(1)),
        ]
        .into_iter()
        .map(|(key, url)| Link {
            label: plain(p.ui(key)),
            url,
        })
        .collect(),
    };
    PageView {
        template: "search.html",
        meta_title: p.ui("search_title"),
        section: "search",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn free_page(p: &PageInput, index: usize) -> PageView {
    let page = &p.portal.pages[index];
    let (version, fallback) = p.version(&page.versions);
    let view = FreePageView {
        title: Loc {
            text: version.title.clone(),
            lang: fallback.clone(),
        },
        body: p.rich(version, fallback),
        draft: page.draft,
    };
    PageView {
        template: "page.html",
        meta_title: version.title.clone(),
        section: "page",
        description: version.summary.clone(),
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residence_privacy() {
        let full = Text::plain("Số 12, phố Lê Thánh Tông, Phường Hạ Long, tỉnh Quảng Ninh");
        assert_eq!(
            residence(&full, ResidencePrivacy::Full).unwrap().vi,
            full.vi
        );
        assert_eq!(
            residence(&full, ResidencePrivacy::Commune).unwrap().vi,
            "Phường Hạ Long, tỉnh Quảng Ninh"
        );
        assert!(residence(&full, ResidencePrivacy::Hidden).is_none());
        let no_marker = Text::plain("Thôn 3, Hải Hà, Quảng Ninh");
        assert_eq!(
            residence(&no_marker, ResidencePrivacy::Commune).unwrap().vi,
            "Hải Hà, Quảng Ninh"
        );
    }
}
