//! The views of the news pages: cards, lists (all news, a category, a tag) and
//! the news item with its tags, related and other news.

use super::{DateView, EmptyNote, Link, Loc, Rich};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NewsCard {
    pub title: Loc,
    pub url: String,
    /// The language of the page `url` leads to, when not the page's own (an item
    /// with no version in this language links to its original).
    pub url_lang: Option<String>,
    pub date: DateView,
    pub category: Link,
    pub summary: Loc,
    pub image: Option<ImageView>,
    pub featured: bool,
}

pub use crate::render::images::ImageView;

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// Every page: its `number` and `url`; the current one has `current`.
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// `news_list.html`: all news (`/tin-tuc/`), one category (`/tin-tuc/chuyen-muc/<c>/`)
/// or one tag (`/tin-tuc/the/<tag>/`).
#[derive(Debug, Clone, Serialize)]
pub struct NewsListView {
    pub heading: String,
    /// The heading as HTML, when part of it may be in another language (a tag's
    /// name with no English: `Tag: <span lang="vi">Cô Tô</span>`).
    pub heading_html: Option<String>,
    /// A category's or a tag's list (not the list of all news).
    pub filtered: bool,
    pub items: Vec<NewsCard>,
    pub pagination: Pagination,
    /// Every category, with how many items each has; `current` marks this one.
    pub categories: Vec<CategoryLink>,
    /// English lists: how many news items exist only in Vietnamese, and where they are.
    pub untranslated: Option<UntranslatedNote>,
    pub empty: Option<EmptyNote>,
    /// The Atom feed of this category (`None` on the list of all news, whose feed is
    /// `site.feed_url`).
    pub category_feed_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryLink {
    pub label: String,
    pub url: String,
    pub count: usize,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct UntranslatedNote {
    /// Already formatted: "12 news items are available in Vietnamese only."
    pub text: String,
    pub url: String,
    /// Link text, e.g. "Read them in Vietnamese".
    pub link_text: String,
    pub link_lang: String,
}

/// `news_item.html`.
#[derive(Debug, Clone, Serialize)]
pub struct NewsItemView {
    pub title: Loc,
    pub date: DateView,
    pub category: Link,
    /// Each tag with its name and its page.
    pub tags: Vec<Link>,
    pub author: Option<String>,
    pub summary: Option<Loc>,
    pub image: Option<ImageView>,
    pub body: Rich,
    /// Up to 4 related items: those sharing the most tags, then the same category,
    /// newest first within each.
    pub related: Vec<NewsCard>,
    /// Up to 5 of the newest other items, neither this one nor a related one.
    pub others: Vec<NewsLink>,
    /// Marked `draft: true`: shown only in builds with `--drafts`, with a banner.
    pub draft: bool,
}

/// A news item as a line of a list: its title, page and date.
#[derive(Debug, Clone, Serialize)]
pub struct NewsLink {
    pub title: Loc,
    pub url: String,
    pub date: DateView,
}
