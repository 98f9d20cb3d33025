//! The news pages: the paginated list, the same list for one category or one tag,
//! and each news item with its tags, related news and other news.

use super::{date_view, erase, loc, PageInput, PageView};
use crate::markdown;
use crate::render::escape;
use crate::render::view::*;
use crate::routes::{PageKind, NEWS_PER_PAGE};

/// How many related items a news item shows, and how many other recent ones.
const RELATED: usize = 4;
const OTHERS: usize = 5;

/// Which news a list page shows.
#[derive(Clone, Copy)]
pub(super) enum NewsOf<'a> {
    All,
    Category(&'a str),
    Tag(&'a str),
}

pub(super) fn news_list(p: &PageInput, of: NewsOf, page: usize, pages: usize) -> PageView {
    let lang = p.lang();
    let in_lang = |i: &usize| p.portal.news[*i].versions.contains_key(lang);
    let index = &p.portal.news_index;
    let items: Vec<usize> = match of {
        NewsOf::All => p.news_in_language(),
        NewsOf::Category(c) => index
            .in_category(c)
            .iter()
            .copied()
            .filter(in_lang)
            .collect(),
        NewsOf::Tag(t) => index.tagged(t).iter().copied().filter(in_lang).collect(),
    };
    let shown: Vec<NewsCard> = items
        .iter()
        .skip((page - 1) * NEWS_PER_PAGE)
        .take(NEWS_PER_PAGE)
        .map(|&i| p.news_card(i))
        .collect();
    let page_url = |n: usize| match of {
        NewsOf::All => p.cx.urls.news_list(n),
        NewsOf::Category(c) => p.cx.urls.category(c, n),
        NewsOf::Tag(t) => p.cx.urls.tag(t, n),
    };
    let (heading, heading_html) = match of {
        NewsOf::All => (p.ui("title_news"), None),
        NewsOf::Category(c) => (
            p.cx.tr.format(
                lang,
                "news_category_heading",
                &[("category", &p.cx.tr.code(lang, "news_category", c).text)],
            ),
            None,
        ),
        NewsOf::Tag(t) => {
            let name = loc(&index.name(t), lang);
            let text =
                p.cx.tr
                    .format(lang, "news_tag_heading", &[("tag", &name.text)]);
            let html = name.lang.as_ref().map(|l| {
                let marked = format!("<span lang=\"{l}\">{}</span>", escape(&name.text));
                escape(&p.ui("news_tag_heading")).replace("{tag}", &marked)
            });
            (text, html)
        }
    };
    let default_lang = &p.election.languages[0];
    // The list's items that have no version in this language, and where they are.
    let default_urls = crate::routes::Urls::new(default_lang, default_lang);
    let (untranslated_count, untranslated_url) = match of {
        NewsOf::All => (p.portal.news.len(), default_urls.news_list(1)),
        NewsOf::Category(c) => (index.in_category(c).len(), default_urls.category(c, 1)),
        NewsOf::Tag(t) => (index.tagged(t).len(), default_urls.tag(t, 1)),
    };
    let untranslated_count = untranslated_count - items.len();
    let untranslated = (lang != default_lang && untranslated_count > 0).then(|| UntranslatedNote {
        text: p
            .cx
            .tr
            .plural(lang, "untranslated_news", untranslated_count as u64, &[]),
        url: untranslated_url,
        link_text: p.cx.tr.ui(default_lang, "untranslated_link"),
        link_lang: default_lang.clone(),
    });
    let current_category = match of {
        NewsOf::Category(c) => Some(c),
        _ => None,
    };
    let view = NewsListView {
        heading: heading.clone(),
        heading_html,
        filtered: !matches!(of, NewsOf::All),
        // No news in this language, but some in another: the note says so, and
        // "no news has been published" would contradict it.
        empty: (shown.is_empty() && untranslated.is_none()).then(|| p.empty("empty_news", None)),
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
                count: index.in_category(c).iter().filter(|i| in_lang(i)).count(),
                current: current_category == Some(c.as_str()),
            })
            .filter(|c| c.count > 0 || c.current)
            .collect(),
        untranslated,
        category_feed_url: current_category.map(|c| p.cx.urls.category_feed(c)),
    };
    let mut meta_title = heading;
    if page > 1 {
        meta_title = format!("{meta_title} ({page}/{pages})");
    }
    let crumbs = if matches!(of, NewsOf::All) && page == 1 {
        p.crumbs(&[])
    } else {
        p.crumbs(&[("nav_news", p.cx.urls.news_list(1))])
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

pub(super) fn news_item(p: &PageInput, index: usize) -> PageView {
    let lang = p.lang();
    let item = &p.portal.news[index];
    let (version, fallback) = p.version(&item.versions);
    let in_lang = |i: usize| p.portal.news[i].versions.contains_key(lang);
    let related_items =
        p.portal
            .news_index
            .related(index, &item.category, &item.tags, in_lang, RELATED);
    // The newest items of the language (the list is newest first): the walk stops
    // as soon as it has enough.
    let others: Vec<NewsLink> = (0..p.portal.news.len())
        .filter(|&i| i != index && !related_items.contains(&i) && in_lang(i))
        .take(OTHERS)
        .map(|i| p.news_link(i))
        .collect();
    let mut tags: Vec<&String> = Vec::new();
    for tag in &item.tags {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let view = NewsItemView {
        title: Loc {
            text: version.title.clone(),
            lang: fallback.clone(),
        },
        date: date_view(item.date.date, lang),
        category: p.category_link(item),
        tags: tags
            .into_iter()
            .map(|tag| Link {
                label: loc(&p.portal.news_index.name(tag), lang),
                url: p.url(&PageKind::Tag {
                    tag: tag.clone(),
                    page: 1,
                    pages: 1,
                }),
            })
            .collect(),
        author: item.author.clone(),
        summary: version.summary.as_ref().map(|s| Loc {
            text: s.clone(),
            lang: fallback.clone(),
        }),
        image: item
            .image
            .and_then(|id| ImageView::of(p.portal.assets.image(id), &version.title)),
        body: p.rich(version, fallback),
        related: related_items.into_iter().map(|i| p.news_card(i)).collect(),
        others,
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
