//! The search page: the search script's settings and its facets.

use super::{erase, PageInput, PageView};
use crate::render::view::*;

pub(super) fn search(p: &PageInput) -> PageView {
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
            ("x", "kind_commune"),
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
        dates: true,
        // Without JavaScript: the pages that answer what citizens search for, the
        // lookup of their own unit first.
        fallback_links: [
            ("nav_lookup", "search_noscript_lookup", p.cx.urls.lookup()),
            (
                "nav_candidates",
                "search_noscript_candidates",
                p.cx.urls.candidates(),
            ),
            (
                "nav_results",
                "search_noscript_results",
                p.cx.urls.results(),
            ),
            ("nav_news", "search_noscript_news", p.cx.urls.news_list(1)),
            ("nav_faq", "search_noscript_faq", p.cx.urls.faq()),
        ]
        .into_iter()
        .map(|(label, hint, url)| FallbackLink {
            label: p.ui(label),
            hint: p.ui(hint),
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
