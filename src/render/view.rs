//! View structs: the only data templates see. Every string here is already in the
//! page's language, or carries the language it fell back to (`lang`), so templates
//! never look anything up themselves.
//!
//! Templates get three top-level values: `site` ([`SiteView`], the same for every page
//! of one province and language), `page` ([`PageMeta`]) and `data` (one of the page
//! views below), plus `t`, the UI strings of `themes/<theme>/i18n/<lang>.yaml` (`ui:`).
//!
//! Two Tera filters print the fallback-aware types:
//! - `{{ x | loc }}` prints a [`Loc`]: escaped text, wrapped in `<span lang="vi">` when
//!   the text is not in the page's language.
//! - `{{ x | rich }}` prints a [`Rich`]: already-safe HTML (rendered Markdown), wrapped
//!   in `<div lang="vi">` when it is not in the page's language.

use serde::Serialize;

/// Human-readable text in the page's language, or in the language it fell back to.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Loc {
    pub text: String,
    /// `None` when `text` is in the page's language; else the language of `text`.
    pub lang: Option<String>,
}

/// Rendered HTML (from Markdown) and the language it is in when not the page's.
#[derive(Debug, Clone, Serialize)]
pub struct Rich {
    pub html: String,
    pub lang: Option<String>,
}

/// A link with a label that may be in a fallback language.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: Loc,
    pub url: String,
}

// ---------------------------------------------------------------------------
// Shared by every page

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Language code of the page: `vi`, `en`.
    pub lang: String,
    /// The province's base_url, without a trailing slash: `https://baucu.quangninh.gov.vn`.
    pub base_url: String,
    pub province: Loc,
    pub agency: Loc,
    pub election_name: Loc,
    /// `/` for the default language, `/en/` for English.
    pub home_url: String,
    /// Fingerprinted stylesheet, e.g. `/static/style.3f2a9c1d.css`.
    pub css_url: String,
    /// Its Subresource Integrity value (`sha256-…`), for `integrity="…"`.
    pub css_integrity: String,
    /// The search page: the header's search form submits to it.
    pub search_url: String,
    /// Main navigation, in order. Compare `item.key` with `page.section` to mark the
    /// current section (`aria-current="page"`).
    pub nav: Vec<NavItem>,
    /// Free pages (about, how to vote…), for the footer.
    pub pages: Vec<Link>,
    pub contact: ContactView,
    /// News feed of this language.
    pub feed_url: String,
    /// Open data downloads (CSV, JSON).
    pub data_links: Vec<Link>,
    /// Year of the election, for the footer.
    pub year: i32,
    /// The province's emblem and logo (province.yaml), shown in the header.
    pub emblem: Option<BrandView>,
    pub logo: Option<BrandView>,
    /// The favicon: the province's, else the theme's `static/favicon.svg`.
    pub favicon: Option<BrandView>,
}

/// An emblem, logo or favicon: its URL, type and size.
#[derive(Debug, Clone, Serialize)]
pub struct BrandView {
    pub url: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Section key: home, news, candidates, units, lookup, results, faq, documents, timeline.
    pub key: String,
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub phone: Option<String>,
    /// `tel:` and the number without spaces.
    pub phone_uri: Option<String>,
    pub email: Option<String>,
    pub address: Option<Loc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// Plain text for `<title>` and the `h1` of simple pages.
    pub title: String,
    pub description: Option<String>,
    /// Site-relative URL of this page, e.g. `/tin-tuc/`.
    pub url: String,
    /// Absolute URL with the province's base_url.
    pub canonical: String,
    /// Section key (see [`NavItem::key`]); `page` for free pages, `none` for 404.
    pub section: String,
    /// The same page in the other languages.
    pub alternates: Vec<Alternate>,
    /// Links from home down to the parent of this page (not including it).
    pub breadcrumbs: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// Language code of the other page (`hreflang`, `lang`).
    pub lang: String,
    /// That language's own name: "Tiếng Việt", "English".
    pub name: String,
    pub url: String,
    /// True when this item has no version in that language and `url` leads to the
    /// closest list instead (say so next to the link).
    pub missing: bool,
}

/// A date ready to show: `text` is "Thứ năm, 13/05/2021" or "Thursday, 13 May 2021";
/// `iso` goes in `<time datetime>`.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub text: String,
    pub iso: String,
}

/// A note shown in place of a list that has nothing yet: "The official list has not
/// been published yet." plus, when the timeline knows, when it will be.
#[derive(Debug, Clone, Serialize)]
pub struct EmptyNote {
    pub text: String,
    pub expected: Option<DateView>,
}

// ---------------------------------------------------------------------------
// News: in view/news.rs

mod news;
pub use news::*;

// ---------------------------------------------------------------------------
// Home

/// `home.html`.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub election: ElectionView,
    pub featured: Vec<NewsCard>,
    /// The 6 newest items that are not featured (in a language with no news yet,
    /// the 6 newest of the default language, marked so).
    pub latest: Vec<NewsCard>,
    /// "Latest news", or "Latest news in Vietnamese" when `latest` falls back.
    pub latest_heading: String,
    pub news_url: String,
    /// The language of `news_url` when it is not the page's (`hreflang`).
    pub news_url_lang: Option<String>,
    /// One entry per level: its name, unit and candidate counts, links.
    pub levels: Vec<LevelSummary>,
    /// What is not published yet (no units, no candidates), said in words above the
    /// levels' counts.
    pub pending: Vec<EmptyNote>,
    pub lookup_url: String,
    pub candidates_url: String,
    pub results_url: String,
    pub timeline_url: String,
    /// The timeline, whole, in date order.
    pub timeline: Vec<TimelineEntryView>,
    /// Sentence pointing voters to the VNeID app, when the province enables it.
    pub vneid: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ElectionView {
    pub name: Loc,
    pub date: DateView,
    /// Already formatted: "Còn 12 ngày" / "12 days to go", "Hôm nay là ngày bầu cử",
    /// or "Đã diễn ra ngày …" / "Held on …".
    pub countdown: String,
    pub days_remaining: i64,
    pub held: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelSummary {
    pub name: Loc,
    pub units_url: String,
    pub units: usize,
    pub seats: u32,
    pub candidates: usize,
    /// The composition in short ("Nữ 57,14% · …"), once the level has candidates.
    pub stats: Option<String>,
    /// The level's section of the statistics page.
    pub stats_url: String,
}

// ---------------------------------------------------------------------------
// Candidates and units

/// One line of a candidate list (ballot order within a unit).
#[derive(Debug, Clone, Serialize)]
pub struct CandidateRow {
    pub ballot_order: u32,
    pub name: String,
    pub url: String,
    /// "1976"; the full date is on the candidate's page.
    pub birth_year: i32,
    pub gender: String,
    pub occupation: Option<Loc>,
    pub workplace: Option<Loc>,
    pub withdrawn: bool,
    /// "Đã rút" / "Withdrawn", when withdrawn.
    pub status_label: Option<String>,
    pub elected: bool,
}

/// `candidates.html` (`/ung-cu-vien/`): every level; province-wide levels list each
/// unit as a folded group (`<details>`, closed: the page stays short) holding its
/// candidates; commune-wide levels list communes linking to their units.
#[derive(Debug, Clone, Serialize)]
pub struct CandidatesIndexView {
    pub levels: Vec<CandidatesLevel>,
    pub empty: Option<EmptyNote>,
    /// The filter box's script.
    pub script: ScriptView,
}

#[derive(Debug, Clone, Serialize)]
pub struct CandidatesLevel {
    pub name: Loc,
    /// Anchor id for this level's section.
    pub anchor: String,
    pub units_url: String,
    /// Province-wide levels: units with their candidates.
    pub units: Vec<UnitCandidates>,
    /// Commune-wide levels: communes that have candidates, with links to their units.
    pub communes: Vec<CommuneUnitsLinks>,
    pub candidates: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitCandidates {
    /// "Đơn vị bầu cử số 3" / "Electoral unit No. 3".
    pub label: String,
    pub url: String,
    pub seats: u32,
    /// The unit's number: its anchor on the list (`<level>-<number>`).
    pub number: u32,
    /// How many communes the unit covers (said on the folded group's summary).
    pub communes: usize,
    pub candidates: Vec<CandidateRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommuneUnitsLinks {
    pub name: Loc,
    pub url: String,
    pub units: Vec<Link>,
}

/// `candidate.html`.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateView {
    pub name: String,
    pub photo: Option<ImageView>,
    /// Every biography field in the spec's order, labels translated; absent values
    /// are left out.
    pub fields: Vec<Field>,
    /// One entry per level the person stands at.
    pub standings: Vec<Standing>,
    pub bio: Option<Rich>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    pub value: Loc,
}

#[derive(Debug, Clone, Serialize)]
pub struct Standing {
    pub level: Loc,
    pub unit: Link,
    /// The commune, for commune-wide levels.
    pub commune: Option<Loc>,
    pub ballot_order: u32,
    pub withdrawn: bool,
    pub status_label: String,
    /// Reason for withdrawal.
    pub note: Option<Loc>,
    pub result: Option<CandidateResult>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CandidateResult {
    pub votes: String,
    /// Share of valid ballots, formatted: "74,38%" / "74.38%".
    pub percent: String,
    pub elected: bool,
    pub status_label: String,
}

/// `units_index.html` (`/don-vi-bau-cu/`): the levels.
#[derive(Debug, Clone, Serialize)]
pub struct UnitsIndexView {
    pub levels: Vec<LevelSummary>,
    /// What is not published yet (no units, no candidates).
    pub pending: Vec<EmptyNote>,
}

/// `units_level.html` (`/don-vi-bau-cu/<level>/`).
#[derive(Debug, Clone, Serialize)]
pub struct UnitsLevelView {
    pub level: Loc,
    /// Province-wide level: its units.
    pub units: Vec<UnitSummary>,
    /// Commune-wide level: communes that have units, each with its units.
    pub communes: Vec<CommuneUnits>,
    pub seats: u32,
    pub empty: Option<EmptyNote>,
    /// The composition in short, with its link to the statistics page.
    pub stats: Option<String>,
    pub stats_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitSummary {
    pub label: String,
    pub url: String,
    pub seats: u32,
    pub candidates: usize,
    /// Province-wide: names of its communes. Commune-wide: empty.
    pub communes: Vec<Loc>,
    /// Commune-wide: the area it covers.
    pub area: Option<Loc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommuneUnits {
    pub name: Loc,
    pub url: String,
    pub units: Vec<UnitSummary>,
}

/// `commune_units.html` (`/don-vi-bau-cu/<level>/<commune-slug>-<code>/`).
#[derive(Debug, Clone, Serialize)]
pub struct CommuneUnitsView {
    pub level: Loc,
    pub commune: Loc,
    pub units: Vec<UnitSummary>,
}

/// `unit.html`.
#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub level: Loc,
    pub label: String,
    pub seats: u32,
    /// Province-wide: its communes, each linking to the lookup page.
    pub communes: Vec<Link>,
    /// Commune-wide: the commune and the area.
    pub commune: Option<Loc>,
    pub area: Option<Loc>,
    pub description: Option<Loc>,
    /// Candidates in ballot order (withdrawn ones included and marked).
    pub candidates: Vec<CandidateRow>,
    pub result: Option<UnitResult>,
    pub empty: Option<EmptyNote>,
    /// On the national portal: the unit's page on its province's portal.
    pub portal_link: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitResult {
    /// "Chính thức" / "Official", "Tạm thời" / "Provisional".
    pub status_label: String,
    pub provisional: bool,
    /// Formatted numbers; "—" where unknown.
    pub voters: String,
    pub ballots_cast: String,
    pub turnout: String,
    pub valid_ballots: String,
    pub invalid_ballots: String,
    /// Candidates by votes, most first.
    pub rows: Vec<ResultRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub name: String,
    pub url: String,
    pub votes: String,
    pub percent: String,
    pub elected: bool,
}

// ---------------------------------------------------------------------------
// Lookup, results: in `view/lookup.rs`

mod lookup;
mod national;
mod statistics;
pub use lookup::*;
pub use national::*;
pub use statistics::*;

// ---------------------------------------------------------------------------
// FAQ, documents, timeline, free pages

/// `faq.html`.
#[derive(Debug, Clone, Serialize)]
pub struct FaqView {
    pub groups: Vec<FaqGroup>,
    pub empty: Option<EmptyNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FaqGroup {
    pub label: String,
    pub anchor: String,
    pub items: Vec<FaqItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FaqItemView {
    /// Anchor id.
    pub id: String,
    pub question: Loc,
    pub answer: Rich,
    pub source: Option<Loc>,
}

/// `documents.html`.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentsView {
    pub documents: Vec<DocumentView>,
    pub empty: Option<EmptyNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub number: String,
    pub date: DateView,
    pub issuer: Loc,
    pub title: Loc,
    pub url: String,
    /// True when the document is a file published with the portal (not a link out).
    pub local: bool,
}

/// `timeline.html`.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    pub entries: Vec<TimelineEntryView>,
    pub empty: Option<EmptyNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntryView {
    pub date: DateView,
    pub title: Loc,
    pub basis: Option<Loc>,
    /// Before the build date.
    pub past: bool,
    /// This entry is election day.
    pub election_day: bool,
}

/// `search.html`: a plain GET form (`q`, `kind`, `category`, `level`, `from`, `to`)
/// that `search.js` answers in the browser from the index at `manifest_url`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    pub manifest_url: String,
    pub script_url: String,
    /// Subresource Integrity of the script (`sha256-…`).
    pub script_integrity: String,
    /// The kinds of page, by code (`n` news, `c` candidate, `u` unit, `f` FAQ,
    /// `d` document, `p` page).
    pub kinds: Vec<FacetOption>,
    pub categories: Vec<FacetOption>,
    pub levels: Vec<FacetOption>,
    /// The search has news: its date filters show.
    pub dates: bool,
    /// Where to look without JavaScript.
    pub fallback_links: Vec<FallbackLink>,
}

/// A page that answers without JavaScript, and what it answers.
#[derive(Debug, Clone, Serialize)]
pub struct FallbackLink {
    pub label: String,
    pub hint: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
}

/// `page.html`: a free page.
#[derive(Debug, Clone, Serialize)]
pub struct FreePageView {
    pub title: Loc,
    pub body: Rich,
    /// Marked `draft: true`: shown only in builds with `--drafts`, with a banner.
    pub draft: bool,
}
