//! Markdown read, not rendered: the addresses its links and images point at, its
//! plain text and first paragraph. Shared vocabulary: loading, linking, checking,
//! search and rendering all read Markdown the same way, with the same options.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions baucu reads: tables, footnotes, strikethrough.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Whether a link or image address points at a file of the project (relative).
pub fn is_local(url: &str) -> bool {
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

/// The plain text of the first paragraph that has any: the summary when none is
/// written. An image's alt text is not the item's text.
pub fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    let mut in_image = 0usize;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => {
                if !text.trim().is_empty() {
                    break;
                }
                text.clear();
                inside = false;
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if inside && in_image == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside && in_image == 0 => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_is_plain_text() {
        assert_eq!(
            first_paragraph("# H\n\nMột *hai*\nba.\n\nBốn"),
            "Một hai ba."
        );
        // A picture first: its alt text is not the summary.
        assert_eq!(
            first_paragraph("![Quang cảnh hội nghị](images/a.jpg)\n\nHội nghị *đã* họp."),
            "Hội nghị đã họp."
        );
        assert_eq!(first_paragraph("![Ảnh](a.jpg) Lời dẫn."), "Lời dẫn.");
    }
}
