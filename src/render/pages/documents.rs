//! The documents page: the legal documents of the election.

use super::{date_view, erase, loc, PageInput, PageView};
use crate::render::view::*;

pub(super) fn documents(p: &PageInput) -> PageView {
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
