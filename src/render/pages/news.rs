//! The news pages: the paginated list, the same list for one category, and each
//! news item.

use super::{date_view, erase, PageInput, PageView};
use crate::markdown;
use crate::render::view::*;
use crate::routes::NEWS_PER_PAGE;

pub(super) fn news_list(
    p: &PageInput,
    category: Option<&String>,
    page: usize,
    pages: usize,
) -> PageView {
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

pub(super) fn news_item(p: &PageInput, index: usize) -> PageView {
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
