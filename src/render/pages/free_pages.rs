//! The free pages: a page written in Markdown under `pages/`.

use super::{erase, PageInput, PageView};
use crate::render::view::*;

pub(super) fn free_page(p: &PageInput, index: usize) -> PageView {
    let page = &p.portal.pages[index];
    let (version, fallback) = p.version(&page.versions);
    let view = FreePageView {
        title: Loc {
            text: version.title.clone(),
            lang: fallback.clone(),
        },
        body: p.rich(version, fallback),
        draft: page.draft,
    };
    PageView {
        template: "page.html",
        meta_title: version.title.clone(),
        section: "page",
        description: version.summary.clone(),
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}
