//! Links written in Markdown to pages of the portal must lead somewhere: checked
//! against the route table, so a renamed page cannot leave dead links behind.

use crate::diagnostics::{tr, Diagnostic};
use crate::markdown::internal_links;
use crate::model::{NewsVersion, Portal};
use crate::routes::Route;
use std::collections::HashSet;

/// `extra` holds the other files the site publishes (feeds, data, assets).
pub fn check_internal_links(
    portal: &Portal,
    routes: &[Route],
    extra: &HashSet<String>,
) -> Vec<Diagnostic> {
    let known: HashSet<&str> = routes
        .iter()
        .map(|r| r.url.as_str())
        .chain(extra.iter().map(String::as_str))
        .collect();
    let versions = portal
        .news
        .iter()
        .flat_map(|n| n.versions.values())
        .chain(portal.pages.iter().flat_map(|p| p.versions.values()));
    let mut found = Vec::new();
    for version in versions {
        check_version(version, &known, &mut found);
    }
    found
}

fn check_version(version: &NewsVersion, known: &HashSet<&str>, found: &mut Vec<Diagnostic>) {
    for (link, offset) in internal_links(&version.body) {
        let path = link.split(['#', '?']).next().unwrap_or_default();
        let resolves = known.contains(path)
            || (!path.ends_with('/') && known.contains(format!("{path}/").as_str()));
        if !resolves {
            let suggestion = crate::text::closest(path, known.iter().copied());
            let position = version.file.body_position(&version.body, offset);
            let written = version.file.find_after(position, &link, 1);
            found.push(
                Diagnostic::error(
                    version.file.path.clone(),
                    tr!(
                        "Liên kết {link} không dẫn tới trang nào của cổng thông tin này",
                        "the link {link} leads to no page of this portal"
                    ),
                )
                .at(written.unwrap_or(position))
                .span(if written.is_some() {
                    link.chars().count()
                } else {
                    0
                })
                .expected(tr!(
                    "địa chỉ một trang có trong cổng",
                    "the address of a page of the portal"
                ))
                .maybe_hint(
                    suggestion.map(|s| tr!("có phải bạn muốn viết {s}?", "did you mean {s}?")),
                ),
            );
        }
    }
}
