//! HTML and scripts in Markdown bodies (news and free pages). The portal shows raw
//! HTML as text unless the province allows it (`markdown: {raw_html: true}`): a tag
//! in a body is then a warning (it will appear as its letters). A script, an event
//! handler, an embedded frame or a link to `javascript:` is an error wherever it is:
//! the portal runs no scripts from content, and publishes none as text either.

use crate::content::markup::{find_markup, is_script_address};
use crate::diagnostics::{tr, Diagnostic};
use crate::model::{NewsVersion, Portal};
use pulldown_cmark::{Event, Options, Parser, Tag};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Every markup problem of every news item and page version: each error, and the
/// first warning of a file.
pub fn markup_in_bodies(portal: &Portal, found: &mut Vec<Diagnostic>) {
    let versions = portal
        .news
        .iter()
        .flat_map(|n| n.versions.values())
        .chain(portal.pages.iter().flat_map(|p| p.versions.values()));
    for version in versions {
        problems(version, portal.raw_html, found);
    }
}

fn problems(version: &NewsVersion, raw_html: bool, found: &mut Vec<Diagnostic>) {
    let body = &version.body;
    let mut warned = false;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        // (where, what, whether it would run, whether it is a link)
        let (offset, shown, runs, link) = match &event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let markup = find_markup(html);
                let script = markup.as_ref().is_some_and(|m| m.script);
                // Allowed HTML is published as it is: only what runs is refused.
                // Escaped HTML is shown as text: the first of a file is worth a word.
                if !script && (raw_html || warned) {
                    continue;
                }
                let (inner, shown) = match markup {
                    Some(m) => (m.offset, m.found),
                    None => (0, html.trim().chars().take(40).collect()),
                };
                (range.start + inner, shown, raw_html || script, false)
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if is_script_address(dest_url) =>
            {
                let at = body[range.clone()]
                    .find(dest_url.as_ref())
                    .map_or(range.start, |i| range.start + i);
                (at, dest_url.chars().take(40).collect(), true, true)
            }
            _ => continue,
        };
        let position = version.file.body_position(body, offset);
        let length = shown.chars().count();
        let found_text = &shown;
        let d = if runs {
            let message = if link {
                tr!(
                    "Liên kết `{found_text}` chạy mã script: cổng thông tin không cho phép",
                    "the link `{found_text}` runs a script: the portal does not allow it"
                )
            } else {
                tr!(
                    "Có mã script `{found_text}` trong bài: cổng thông tin không chạy script từ nội dung",
                    "script `{found_text}` in the text: the portal runs no scripts from content"
                )
            };
            Diagnostic::error(version.file.path.clone(), message)
                .expected(tr!(
                    "chữ, Markdown và liên kết https://",
                    "text, Markdown and https:// links"
                ))
                .hint(tr!(
                    "xóa đoạn mã này; liên kết phải bắt đầu bằng https:// hoặc / (trang trong cổng)",
                    "remove it; links start with https:// or / (a page of the portal)"
                ))
        } else {
            warned = true;
            Diagnostic::warning(
                version.file.path.clone(),
                tr!(
                    "Thẻ HTML `{found_text}` trong bài sẽ hiện nguyên văn như chữ thường, không thành định dạng",
                    "HTML `{found_text}` in the text is shown as written, not as formatting"
                ),
            )
            .expected(tr!("Markdown thay cho HTML", "Markdown instead of HTML"))
            .hint(tr!(
                "định dạng bằng Markdown (`**đậm**`, `[liên kết](https://…)`, `## Tiêu đề`); nếu tỉnh thật sự cần HTML, ghi `markdown: {{raw_html: true}}` trong province.yaml",
                "format with Markdown (`**bold**`, `[link](https://…)`, `## Heading`); if the province really needs HTML, set `markdown: {{raw_html: true}}` in province.yaml"
            ))
        };
        found.push(d.at(position).span(length));
    }
}
