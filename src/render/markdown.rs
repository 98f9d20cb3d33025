//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough; raw HTML
//! escaped unless the province allows it; headings shifted below the page's `h1`;
//! local images pointed at their published URLs.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders `markdown`, its headings starting at `top` (a `#` becomes `<h{top}>`), so
/// that a body never repeats the page's `h1` or jumps above its section.
/// `image_url` maps a local image reference to its URL.
pub fn to_html(
    markdown: &str,
    raw_html: bool,
    top: u8,
    image_url: &dyn Fn(&str) -> Option<String>,
) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) if !raw_html => Event::Text(html),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level, top),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level, top))),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if is_local(&dest_url) {
                image_url(&dest_url).map(CowStr::from).unwrap_or(dest_url)
            } else {
                dest_url
            };
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if html.contains(" style=\"text-align: ") {
        html = alignment_classes(&html);
    }
    html
}

/// Table column alignment as classes (`al-right`…) instead of the `style` attributes
/// pulldown-cmark writes, which a strict Content-Security-Policy blocks.
fn alignment_classes(html: &str) -> String {
    ["left", "center", "right"]
        .iter()
        .fold(html.to_string(), |html, align| {
            html.replace(
                &format!(" style=\"text-align: {align}\""),
                &format!(" class=\"al-{align}\""),
            )
        })
}

fn shift(level: HeadingLevel, top: u8) -> HeadingLevel {
    match (level as u8 + top.max(1) - 1).min(6) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn is_local(url: &str) -> bool {
    !url.contains("://")
        && !url.starts_with('/')
        && !url.starts_with("data:")
        && !url.starts_with('#')
}

/// Local images a Markdown text shows, with the byte offset of each.
pub fn local_images(markdown: &str) -> Vec<(String, usize)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Image { dest_url, .. }) if is_local(&dest_url) => {
                Some((dest_url.to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

/// Site-internal links (starting with `/`) in a Markdown text, for the link check.
pub fn internal_links(markdown: &str) -> Vec<(String, usize)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url.starts_with('/') && !dest_url.starts_with("//") =>
            {
                Some((dest_url.to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

/// All the text of a Markdown document, without markup (for the search index).
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// The plain text of the first paragraph: the summary when none is written.
pub fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let html = to_html("Hi <script>alert(1)</script>", false, 2, &none);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let allowed = to_html("<b>bold</b>", true, 2, &none);
        assert!(allowed.contains("<b>bold</b>"));
    }

    #[test]
    fn tables_footnotes_strikethrough_and_shifted_headings() {
        let md = "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~old~~\n\n[^1]: Note.\n";
        let html = to_html(md, false, 2, &none);
        assert!(html.contains("<h2>Title</h2>"), "{html}");
        assert!(to_html("# A", false, 4, &none).contains("<h4>A</h4>"));
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("footnote"));
    }

    #[test]
    fn table_alignment_uses_classes_not_styles() {
        let none = |_: &str| None;
        let html = to_html(
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
            false,
            2,
            &none,
        );
        assert!(!html.contains("style="), "{html}");
        for align in ["left", "center", "right"] {
            assert!(
                html.contains(&format!("<td class=\"al-{align}\">")),
                "{html}"
            );
        }
    }

    #[test]
    fn local_images_are_rewritten() {
        let map = |s: &str| (s == "images/a.png").then(|| "/media/a.123.png".to_string());
        let html = to_html(
            "![Ảnh](images/a.png) ![x](https://e.vn/b.png)",
            false,
            2,
            &map,
        );
        assert!(html.contains("src=\"/media/a.123.png\""), "{html}");
        assert!(html.contains("https://e.vn/b.png"));
        assert_eq!(local_images("![a](images/a.png)")[0].0, "images/a.png");
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        assert_eq!(
            first_paragraph("# H\n\nMột *hai*\nba.\n\nBốn"),
            "Một hai ba."
        );
    }
}
