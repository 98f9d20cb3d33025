//! The search page: the search script's settings and its facets. On the national
//! portal (candidates and units only) it has no news filters, and without
//! JavaScript it points to the lists that answer instead.

use super::{erase, PageInput, PageView};
use crate::render::view::*;

pub(super) fn search(p: &PageInput) -> PageView {
    let lang = p.lang();
    let national = p.national.is_some();
    let option = |value: &str, label: String| FacetOption {
        value: value.to_string(),
        label,
    };
    let kinds: &[(&str, &str)] = match national {
        true => &[("c", "kind_candidate"), ("u", "kind_unit")],
        false => &[
            ("n", "kind_news"),
            ("c", "kind_candidate"),
            ("x", "kind_commune"),
            ("u", "kind_unit"),
            ("f", "kind_faq"),
            ("d", "kind_document"),
            ("p", "kind_page"),
        ],
    };
    let urls = &p.cx.urls;
    // Without JavaScript: the pages that answer what citizens search for, the
    // lookup of their own unit first.
    let fallback_links = match national {
        true => vec![
            (
                "nav_candidates",
                "search_noscript_candidates",
                urls.candidates(),
            ),
            ("nav_units", "national_noscript_units", urls.units_index()),
        ],
        false => vec![
            ("nav_lookup", "search_noscript_lookup", urls.lookup()),
            (
                "nav_candidates",
                "search_noscript_candidates",
                urls.candidates(),
            ),
            ("nav_results", "search_noscript_results", urls.results()),
            ("nav_news", "search_noscript_news", urls.news_list(1)),
            ("nav_faq", "search_noscript_faq", urls.faq()),
        ],
    };
    let view = SearchView {
        manifest_url: p.cx.published.search_manifest_url.clone(),
        script_url: p.cx.published.search_js_url.clone(),
        script_integrity: p.cx.published.search_js_integrity.clone(),
        kinds: kinds
            .iter()
            .map(|(code, key)| option(code, p.ui(key)))
            .collect(),
        categories: p
            .categories
            .iter()
            .map(|c| option(c, p.cx.tr.code(lang, "news_category", c).text))
            .collect(),
        levels: match national {
            true => Vec::new(),
            false => p
                .election
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| option(&l.id, p.level_name(i).text))
                .collect(),
        },
        dates: !national,
        fallback_links: fallback_links
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
