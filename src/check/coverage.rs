//! Translation coverage: how much of a portal lacks each non-default language.
//! Reported at the end of `check` and `build`; never an error.

use crate::diagnostics::{tr, Lang, Localized};
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

impl Coverage {
    /// One line for people: what lacks a translation into `lang`.
    pub fn describe(&self) -> Localized {
        let Coverage {
            province,
            lang,
            news_total,
            news_missing,
            pages_total,
            pages_missing,
            faq_total,
            faq_missing,
        } = self;
        tr!(
            "{province} [{lang}]: {news_missing}/{news_total} tin, {pages_missing}/{pages_total} trang và {faq_missing}/{faq_total} câu trả lời hỏi đáp chưa có bản dịch",
            "{province} [{lang}]: {news_missing} of {news_total} news items, {pages_missing} of {pages_total} pages and {faq_missing} of {faq_total} FAQ answers have no translation"
        )
    }
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe().get(Lang::En))
    }
}
