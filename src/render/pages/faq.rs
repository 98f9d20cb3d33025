//! The FAQ page: questions and answers grouped by category.

use super::{erase, loc, PageInput, PageView};
use crate::render::view::*;

pub(super) fn faq(p: &PageInput) -> PageView {
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
