//! The timeline page: the election's milestones.

use super::{erase, PageInput, PageView};
use crate::render::view::*;

pub(super) fn timeline(p: &PageInput) -> PageView {
    let entries = p.timeline_entries();
    let view = TimelineView {
        empty: entries.is_empty().then(|| p.empty("empty_timeline", None)),
        entries,
    };
    PageView {
        template: "timeline.html",
        meta_title: p.ui("title_timeline"),
        section: "timeline",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}
