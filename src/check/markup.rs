//! HTML and scripts in Markdown bodies (news and free pages). The portal shows raw
//! HTML as text unless the province allows it (`markdown: {raw_html: true}`): a tag
//! in a body is then a warning (it will appear as its letters). Where it is allowed,
//! the published body goes through the sanitiser's allow-list
//! ([`crate::content::raw_html`]), and each thing it would remove is an error here,
//! so the editor knows the page would differ from what they wrote. A link to
//! `javascript:` is an error wherever it is: the portal runs no scripts from
//! content, and publishes none as text either.

use crate::content::markup::{find_markup, is_script_address};
use crate::content::raw_html::{self, Removal};
use crate::diagnostics::{tr, Diagnostic};
use crate::markdown::options;
use crate::model::{NewsVersion, Portal};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// Every markup problem of every news item and page version: each error, and the
/// first warning of a file.
pub fn markup_in_bodies(portal: &Portal, found: &mut Vec<Diagnostic>) {
    let versions = portal
        .news
        .iter()
        .flat_map(|n| n.versions.values())
        .chain(portal.pages.iter().flat_map(|p| p.versions.values()));
    for version in versions {
        if portal.raw_html {
            removed_by_the_sanitiser(version, found);
        }
        problems(version, portal.raw_html, found);
    }
}

/// A piece of raw HTML as the sanitiser sees it: an HTML block's lines joined, or one
/// inline tag; `pieces` maps its bytes back to the body (chunk offset, body range).
#[derive(Default)]
struct Chunk {
    text: String,
    pieces: Vec<(usize, Range<usize>)>,
}

impl Chunk {
    fn push(&mut self, html: &str, range: Range<usize>) {
        self.pieces.push((self.text.len(), range));
        self.text.push_str(html);
    }

    /// The body offset of byte `at` of the chunk.
    fn body_offset(&self, at: usize) -> usize {
        let (start, range) = self
            .pieces
            .iter()
            .rev()
            .find(|(start, _)| *start <= at)
            .unwrap_or(&self.pieces[0]);
        // An HTML event is its source text, unless a container (a quote) prefixed it.
        (range.start + (at - start)).min(range.end)
    }
}

/// Raw HTML chunks of a body, in order.
fn html_chunks(body: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut block: Option<Chunk> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(Chunk::default()),
            Event::End(TagEnd::HtmlBlock) => chunks.extend(block.take()),
            Event::Html(html) | Event::InlineHtml(html) => match block.as_mut() {
                Some(chunk) => chunk.push(&html, range),
                None => {
                    let mut chunk = Chunk::default();
                    chunk.push(&html, range);
                    chunks.push(chunk);
                }
            },
            _ => {}
        }
    }
    chunks.extend(block);
    chunks
}

/// An error for each tag, attribute or address the sanitiser removes from a body.
fn removed_by_the_sanitiser(version: &NewsVersion, found: &mut Vec<Diagnostic>) {
    let body = &version.body;
    for chunk in html_chunks(body) {
        for removed in raw_html::removed(&chunk.text) {
            let position = version
                .file
                .body_position(body, chunk.body_offset(removed.offset));
            let length = removed.what.written().chars().count();
            found.push(
                removal_error(version, &removed.what)
                    .at(position)
                    .span(length),
            );
        }
    }
}

fn removal_error(version: &NewsVersion, what: &Removal) -> Diagnostic {
    let file = version.file.path.clone();
    let message = match what {
        Removal::Tag {
            tag,
            with_content: true,
        } => tr!(
            "Có mã script `<{tag}>` trong bài: cổng thông tin không chạy script từ nội dung",
            "script `<{tag}>` in the text: the portal runs no scripts from content"
        ),
        Removal::Tag { tag, .. } => tr!(
            "Thẻ `<{tag}>` không được phép trong bài: trang sẽ bỏ thẻ, chỉ giữ chữ bên trong",
            "the tag `<{tag}>` is not allowed in the text: the page leaves it out and keeps only its text"
        ),
        Removal::Attribute { tag, attribute } if attribute.starts_with("on") => tr!(
            "Có mã script `{attribute}` trên thẻ `<{tag}>`: cổng thông tin không chạy script từ nội dung",
            "script `{attribute}` on `<{tag}>` in the text: the portal runs no scripts from content"
        ),
        Removal::Attribute { tag, attribute } => tr!(
            "Thuộc tính `{attribute}` của thẻ `<{tag}>` không được phép: trang sẽ bỏ thuộc tính này",
            "the attribute `{attribute}` of `<{tag}>` is not allowed: the page leaves it out"
        ),
        Removal::Address {
            tag,
            attribute,
            value,
        } => tr!(
            "Địa chỉ `{value}` ở `{attribute}` của thẻ `<{tag}>` không được phép: trang sẽ bỏ địa chỉ này",
            "the address `{value}` in `{attribute}` of `<{tag}>` is not allowed: the page leaves it out"
        ),
        Removal::Unfinished { tag } => tr!(
            "Thẻ `{tag}` chưa đóng (thiếu `>`): trang sẽ bỏ cả thẻ",
            "the tag `{tag}` is not finished (no `>`): the page leaves it out"
        ),
    };
    Diagnostic::error(file, message)
        .expected(tr!(
            "HTML định dạng thông thường: chữ, bảng, danh sách, liên kết https://, mailto:, tel: hoặc trong cổng, hình ảnh",
            "plain formatting HTML: text, tables, lists, links to https://, mailto:, tel: or within the portal, images"
        ))
        .hint(tr!(
            "xóa phần này hoặc viết bằng Markdown; cổng chỉ đăng HTML không chạy được (README: HTML trong bài)",
            "remove it or write it in Markdown; the portal publishes only HTML that cannot run (README: raw HTML)"
        ))
}

fn problems(version: &NewsVersion, raw_html: bool, found: &mut Vec<Diagnostic>) {
    let body = &version.body;
    let mut warned = false;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        // (where, what, whether it would run, whether it is a link)
        let (offset, shown, runs, link) = match &event {
            // Allowed HTML is the sanitiser's to judge (removed_by_the_sanitiser).
            Event::Html(_) | Event::InlineHtml(_) if raw_html => continue,
            Event::Html(html) | Event::InlineHtml(html) => {
                let markup = find_markup(html);
                let script = markup.as_ref().is_some_and(|m| m.script);
                // Escaped HTML is shown as text: the first of a file is worth a word.
                if !script && warned {
                    continue;
                }
                let (inner, shown) = match markup {
                    Some(m) => (m.offset, m.found),
                    None => (0, html.trim().chars().take(40).collect()),
                };
                (range.start + inner, shown, script, false)
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
