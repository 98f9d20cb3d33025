//! Translation coverage: how much of a portal lacks each non-default language.
//! Reported at the end of `check` and `build`; never an error.

use crate::model::{Election, Portal};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Coverage {
    pub province: String,
    pub lang: String,
    pub news_total: usize,
    pub news_missing: usize,
    pub pages_total: usize,
    pub pages_missing: usize,
    pub faq_total: usize,
    pub faq_missing: usize,
}

pub fn translation_coverage(portal: &Portal, election: &Election) -> Vec<Coverage> {
    election
        .languages
        .iter()
        .skip(1)
        .map(|lang| Coverage {
            province: portal.id.clone(),
            lang: lang.clone(),
            news_total: portal.news.len(),
            news_missing: portal
                .news
                .iter()
                .filter(|n| !n.versions.contains_key(lang))
                .count(),
            pages_total: portal.pages.len(),
            pages_missing: portal
                .pages
                .iter()
                .filter(|p| !p.versions.contains_key(lang))
                .count(),
            faq_total: portal.faq.len(),
            faq_missing: portal
                .faq
                .iter()
                .filter(|f| f.answer.get(lang).is_none() || f.question.get(lang).is_none())
                .count(),
        })
        .collect()
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} [{}]: {} of {} news items, {} of {} pages and {} of {} FAQ answers have no translation",
            self.province,
            self.lang,
            self.news_missing,
            self.news_total,
            self.pages_missing,
            self.pages_total,
            self.faq_missing,
            self.faq_total
        )
    }
}
